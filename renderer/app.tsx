import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { GridApi } from 'ag-grid-community';
import type { DealRow } from '../shared/model/deal';
import { bookEvents, client } from './api/client';
import { desktop } from './api/desktop';
import { BookSession } from './book/session';
import { useStore } from './book/store';
import { CHARTS_KEY, chartsOpenFrom, chartsSetting } from './book/window-settings';
import { ChartsDock, type DealFilter } from './charts/charts-dock';
import { ColumnsMenu } from './columns-menu';
import { buildCommands, type CommandActions } from './commands/app-commands';
import { ErrorBanner } from './error-banner';
import { exportShown, prepareShownAhead } from './export-csv';
import { CellMenu } from './grid/cell-menu';
import { pasteBlock } from './grid/clipboard-actions';
import { DealGrid } from './grid/deal-grid';
import { GridEditing } from './grid/grid-editing';
import { readLayout, sortsRows, type GridLayout } from './grid/grid-layout';
import { newestFirst } from './grid/row-order';
import { ImportDialog } from './import/import-dialog';
import { useCsvImport } from './import/use-csv-import';
import { PartiesPanel } from './parties-panel';
import { ShortcutsHelp } from './shortcuts-help';
import { StatusBar } from './status-bar';
import { Toolbar } from './toolbar';
import { useFileDrop } from './use-file-drop';
import { useShortcuts } from './use-shortcuts';
import { useTheme } from './use-theme';
import { ScenarioSelect } from './scenario-select';
import { DateOrderSelect } from './date-order-select';
import { HistoryPanel, type HistoryFilter } from './history-panel';
import { UsersPanel } from './users-panel';
import { canWrite } from './book/role';
import './scenario.css';

/** The deal book window: toolbar, grid (with the charts pane below and the parties panel beside it), status bar. */
export function App() {
  const session = useMemo(() => new BookSession(client, bookEvents), []);
  const editing = useMemo(() => new GridEditing(session), [session]);
  const state = useStore(session.store);
  const { theme, toggle: toggleTheme } = useTheme();
  const [initial, setInitial] = useState<{ rows: DealRow[]; layout: GridLayout } | null>(null);
  const [api, setApi] = useState<GridApi<DealRow> | null>(null);
  // Export CSV's file made ahead by the service in idle time, for the view the grid shows.
  useEffect(() => (api ? prepareShownAhead(session, api) : undefined), [api, session]);
  const [quickFilter, setQuickFilter] = useState('');
  const [dealFilter, setDealFilter] = useState<DealFilter | null>(null);
  const [partiesOpen, setPartiesOpen] = useState(false);
  const [chartsOpen, setChartsOpen] = useState(false);
  const [historyFilter, setHistoryFilter] = useState<HistoryFilter | null>(null);
  const [usersOpen, setUsersOpen] = useState(false);
  const quickFilterRef = useRef<HTMLInputElement>(null);
  const csvImport = useCsvImport(session);
  const dragging = useFileDrop(csvImport.startFile);

  useEffect(() => () => session.close(), [session]);
  // The browser tab names its book (several books open in one browser read alike otherwise); the toolbar's name
  // gives way to the controls in a full toolbar. The desktop window keeps the title it was given.
  const bookName = state.info?.name;
  useEffect(() => void (document.title = bookName ? `${bookName} - Deal book` : 'Deal book'), [bookName]);
  useEffect(() => {
    void session.loadInitial().then((loaded) => {
      if (!loaded) return;
      const layout = readLayout(loaded.layout);
      setInitial({ rows: sortsRows(layout) ? loaded.rows : newestFirst(loaded.rows), layout });
      setChartsOpen(chartsOpenFrom(loaded.charts));
    });
  }, [session]);

  // Back in front (another window or tab was used): the book's date order may have changed meanwhile.
  useEffect(() => {
    const refresh = () => document.visibilityState === 'visible' && void session.refreshDateOrder();
    window.addEventListener('focus', refresh);
    document.addEventListener('visibilitychange', refresh);
    return () => {
      window.removeEventListener('focus', refresh);
      document.removeEventListener('visibilitychange', refresh);
    };
  }, [session]);

  // The charts pane opens with a new book and then stays as the analyst left it, per book.
  const chartsOpenNow = useRef(chartsOpen);
  chartsOpenNow.current = chartsOpen;
  const toggleCharts = useCallback(() => {
    const open = !chartsOpenNow.current;
    setChartsOpen(open);
    void session.client.setSetting({ key: CHARTS_KEY, value: chartsSetting(open) });
  }, [session]);

  const [helpOpen, setHelpOpen] = useState(false);
  const gridArea = useRef<HTMLDivElement>(null);
  const selectedIds = () => api?.getSelectedRows().map((r) => r.id) ?? [];
  const history = (direction: 'undo' | 'redo') => {
    editing.beforeHistory();
    void (direction === 'undo' ? session.undo() : session.redo());
  };
  const actions: CommandActions = {
    'add-deal': () => editing.addDraft(),
    'discard-draft': () => editing.discardDraft(),
    undo: () => history('undo'),
    redo: () => history('redo'),
    'delete-deals': () => {
      const ids = selectedIds();
      // One deal goes at once (Undo brings it back); more than one is asked about first.
      if (ids.length > 1 && !window.confirm(`Delete ${ids.length} deals? Undo brings them back.`)) return;
      void session.deleteDeals(ids);
    },
    'duplicate-deals': () =>
      void (async () => {
        const ids = selectedIds();
        const focused = api?.getFocusedCell();
        const focusedId = focused && !focused.rowPinned ? api?.getDisplayedRowAtIndex(focused.rowIndex)?.data?.id : undefined;
        const copies = await session.duplicateDeals(ids.length ? ids : focusedId !== undefined ? [focusedId] : []);
        // The copies are the ticked rows now, so the next Delete or edit acts on them, not on the originals.
        if (!api || !copies.length) return;
        api.deselectAll();
        api.setNodesSelected({ nodes: copies.flatMap((id) => api.getRowNode(String(id)) ?? []), newValue: true });
      })(),
    // From the cells' menu: the clipboard events carry the text, as Ctrl+C and Ctrl+V do (use-grid-clipboard.ts).
    copy: () => void document.execCommand('copy'),
    paste: () =>
      void navigator.clipboard
        ?.readText()
        .then((text) => api && pasteBlock(session, api, text, { today: editing.today(), onAddedFromDraft: () => editing.discardDraft() }))
        .catch(() => session.showError({ message: 'The clipboard could not be read here: paste with Ctrl+V instead', lines: [] })),
    find: () => quickFilterRef.current?.select(),
    'reset-columns': () => {
      api?.resetColumnState();
      api?.setFilterModel(null);
      void session.reload();
    },
    'export-csv': () => api && void exportShown(session, api, state.info?.name),
    'toggle-charts': toggleCharts,
    'toggle-parties': () => setPartiesOpen((open) => !open),
    'toggle-history': () => setHistoryFilter((f) => (f ? null : { user: null, deal: null })),
    'deal-history': () => {
      const focused = api?.getFocusedCell();
      const id = focused && !focused.rowPinned ? api?.getDisplayedRowAtIndex(focused.rowIndex)?.data?.id : undefined;
      if (id !== undefined) setHistoryFilter({ user: null, deal: id });
    },
    'toggle-users': () => setUsersOpen((open) => !open),
    'toggle-theme': toggleTheme,
    'show-shortcuts': () => setHelpOpen((open) => !open),
    'import-csv': () =>
      void (async () => {
        if (!desktop) return document.querySelector<HTMLInputElement>('[data-testid="import-csv"] input')?.click();
        const opened = await desktop.openCsv();
        if (!opened.ok) return session.showError({ message: opened.error.message, lines: [] });
        // With the encoding it was read in: the report names it, and warns of a UTF-8 file read as Windows-1252.
        if (opened.value) await csvImport.start(opened.value.name, opened.value.text, opened.value.encoding);
      })(),
  };
  const commands = buildCommands(state, actions);
  // The toolbar, the keyboard, the desktop menu and the cells' menu all run these.
  useShortcuts(commands);
  const focusGrid = () => {
    const first = api?.getAllDisplayedColumns().find((c) => c.getColId() === 'announced') ?? api?.getAllDisplayedColumns()[1];
    if (api && first && api.getDisplayedRowCount() > 0) api.setFocusedCell(0, first);
  };

  const onFilterDeals = useCallback((filter: DealFilter | null) => setDealFilter(filter), []);
  const dealIds = useMemo(() => (dealFilter ? new Set(dealFilter.ids) : null), [dealFilter]);

  return (
    <div className="app">
      <Toolbar
        state={state}
        commands={commands}
        theme={theme}
        quickFilter={quickFilter}
        quickFilterRef={quickFilterRef}
        dealFilter={dealFilter?.label ?? null}
        partiesOpen={partiesOpen}
        chartsOpen={chartsOpen}
        historyOpen={historyFilter !== null}
        usersOpen={usersOpen}
        onQuickFilter={setQuickFilter}
        onClearDealFilter={() => setDealFilter(null)}
        onImportFile={(file) => void csvImport.startFile(file)}
        columnsMenu={<ColumnsMenu api={api} onReset={commands['reset-columns'].run} />}
        scenarioSelect={<ScenarioSelect session={session} state={state} />}
        dateOrderSelect={<DateOrderSelect session={session} state={state} />}
        onFocusGrid={focusGrid}
      />
      <ErrorBanner error={state.error} onDismiss={() => session.clearError()} />
      <div className="workspace">
        <div className="main-column" ref={gridArea}>
          {initial ? (
            <DealGrid
              session={session}
              editing={editing}
              rows={initial.rows}
              layout={initial.layout}
              theme={theme}
              quickFilter={quickFilter}
              dealIds={dealIds}
              onApi={setApi}
              readOnly={!canWrite(state)}
            />
          ) : (
            <div className="loading">{state.error ? 'The book could not be opened.' : 'Opening the book...'}</div>
          )}
          {/* Mount point of the charts and circularity panels (renderer/charts): open unless closed with toggle-charts. */}
          {chartsOpen && (
            <ChartsDock api={api} session={session} rowsVersion={state.rowsVersion} theme={theme} filterLabel={dealFilter?.label ?? null} onFilterDeals={onFilterDeals} />
          )}
        </div>
        {partiesOpen && (
          <PartiesPanel session={session} parties={state.parties} onShowDeals={setQuickFilter} onClose={() => setPartiesOpen(false)} readOnly={!canWrite(state)} />
        )}
        {historyFilter && (
          <HistoryPanel
            client={session.client}
            filter={historyFilter}
            onFilter={setHistoryFilter}
            changeKey={`${state.info?.stream ?? ''}:${state.info?.seq ?? 0}:${state.savedAt ?? ''}`}
            onClose={() => setHistoryFilter(null)}
          />
        )}
        {usersOpen && !commands['toggle-users'].hidden && state.me && (
          <UsersPanel client={session.client} me={state.me.user} onClose={() => setUsersOpen(false)} />
        )}
      </div>
      <StatusBar state={state} />
      <ImportDialog state={csvImport.state} onChoose={(c) => void csvImport.choose(c)} onConfirm={(skip) => void csvImport.confirm(skip)} onCancel={csvImport.cancel} />
      <CellMenu commands={commands} host={gridArea} />
      {helpOpen && <ShortcutsHelp commands={commands} onClose={() => setHelpOpen(false)} />}
      {dragging && <div className="drop-overlay">Drop a CSV file to import its deals</div>}
    </div>
  );
}
