import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { AllCommunityModule, ModuleRegistry, type ColDef, type GridApi, type GridState, type IRowNode } from 'ag-grid-community';
import { AgGridReact } from 'ag-grid-react';
import type { DealRow } from '../../shared/deal';
import { matchesQuickFilter, quickFilterWords, rowSearchText } from '../../shared/quick-filter';
import type { BookSession } from '../book/session';
import { useStore } from '../book/store';
import { copySelection, pasteBlock } from './clipboard-actions';
import { columnDefs, isEditableColumn } from './columns';
import type { GridContext } from './grid-context';
import type { GridEditing } from './grid-editing';
import { LAYOUT_KEY, debounce, pickLayout, type GridLayout } from './grid-layout';
import { PartyEditor } from './party-editor';
import { COMMIT_KEYS } from './start-text';
import { TextEditor } from './text-editor';
import { gridTheme, type ThemeName } from './themes';
import { UrlCell } from './url-cell';

ModuleRegistry.registerModules([AllCommunityModule]);

const COMPONENTS = { partyEditor: PartyEditor, textEditor: TextEditor, urlCell: UrlCell };
const LAYOUT_SOURCES = new Set<string>(['columnSizing', 'columnOrder', 'columnVisibility', 'columnPinning', 'sort', 'filter']);
const DEFAULT_COL_DEF: ColDef<DealRow> = { sortable: true, resizable: true, cellDataType: false, suppressHeaderMenuButton: false };

// The quick filter searches text built once per row object; a row's object is replaced whenever it changes.
const searchTexts = new WeakMap<DealRow, string>();
function searchText(row: DealRow): string {
  let text = searchTexts.get(row);
  if (text === undefined) {
    text = rowSearchText(row);
    searchTexts.set(row, text);
  }
  return text;
}

type DealGridProps = {
  session: BookSession;
  editing: GridEditing;
  rows: DealRow[];
  layout: GridLayout;
  theme: ThemeName;
  quickFilter: string;
  /** Only these deals (a chart's selection), or null for all. */
  dealIds: ReadonlySet<number> | null;
  onApi: (api: GridApi<DealRow>) => void;
};

/** The deal grid: AG Grid Community with our editors, clipboard, quick filter and persisted layout. */
export function DealGrid({ session, editing, rows, layout, theme, quickFilter, dealIds, onApi }: DealGridProps) {
  const { parties } = useStore(session.store);
  const partyNames = useRef<string[]>([]);
  partyNames.current = parties.map((p) => p.name);
  const words = useRef<string[]>([]);
  const ids = useRef<ReadonlySet<number> | null>(null);
  const root = useRef<HTMLDivElement>(null);
  const [api, setApi] = useState<GridApi<DealRow> | null>(null);
  const [initialRows] = useState(rows);
  const [initialState] = useState<GridState>(layout);

  const typedKeys = useRef<string[]>([]);
  const context = useMemo<GridContext>(
    () => ({
      partyNames: () => partyNames.current,
      takeTypedKeys: () => {
        const end = typedKeys.current.findIndex((k) => COMMIT_KEYS.has(k));
        return typedKeys.current.splice(0, end === -1 ? typedKeys.current.length : end + 1);
      },
    }),
    [],
  );
  const columns = useMemo(
    () =>
      columnDefs().map((col): ColDef<DealRow> => {
        const field = col.colId!;
        if (!isEditableColumn(field)) return col;
        return {
          ...col,
          valueSetter: (p) => {
            if (p.node) editing.editCell(p.node, field, p.newValue ?? null);
            // The cell keeps its value until the service answers with the saved row.
            return false;
          },
        };
      }),
    [editing],
  );

  const saveLayout = useMemo(
    () => debounce((value: GridLayout) => void session.client.setSetting({ key: LAYOUT_KEY, value: JSON.stringify(value) }), 400),
    [session],
  );
  useEffect(() => {
    window.addEventListener('beforeunload', saveLayout.flush);
    return () => {
      window.removeEventListener('beforeunload', saveLayout.flush);
      saveLayout.flush();
    };
  }, [saveLayout]);

  useEffect(() => {
    const next = quickFilterWords(quickFilter);
    // Refiltering 100k rows is not free: skip it when neither filter was or is set (the grid's first render).
    const changed = next.join(' ') !== words.current.join(' ') || dealIds !== ids.current;
    words.current = next;
    ids.current = dealIds;
    if (changed) api?.onFilterChanged();
  }, [api, quickFilter, dealIds]);

  // Between the key that opens one of our editors and that editor taking focus, further keys land on the cell and
  // would be lost (or move focus away): keep them for the editor (see GridContext.takeTypedKeys).
  useEffect(() => {
    const host = root.current;
    if (!api || !host) return;
    const editorPending = () => {
      const editingCell = api.getEditingCells()[0];
      const active = document.activeElement;
      if (!editingCell || !(active instanceof HTMLElement) || !active.classList.contains('ag-cell')) return false;
      const editor = api.getColumn(editingCell.colId)?.getColDef().cellEditor;
      return editor === 'partyEditor' || editor === 'textEditor';
    };
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || !editorPending()) return;
      const key = e.key === 'Tab' && e.shiftKey ? 'Shift+Tab' : e.key;
      if (key.length !== 1 && key !== 'Backspace' && !COMMIT_KEYS.has(key)) return;
      typedKeys.current.push(key);
      e.preventDefault();
      e.stopPropagation();
    };
    const forget = () => void typedKeys.current.splice(0);
    host.addEventListener('keydown', onKeyDown, true);
    host.addEventListener('pointerdown', forget, true);
    return () => {
      host.removeEventListener('keydown', onKeyDown, true);
      host.removeEventListener('pointerdown', forget, true);
    };
  }, [api]);

  // Copy and paste reach the document, not the grid, when no text is selected: listen there and act only when
  // focus is in the grid and no cell editor is open (an editor handles its own clipboard).
  useEffect(() => {
    if (!api) return;
    const inGrid = () => {
      const active = document.activeElement;
      return Boolean(root.current && active && root.current.contains(active)) && api.getEditingCells().length === 0;
    };
    const onPaste = (e: ClipboardEvent) => {
      if (!inGrid() || (e.target instanceof HTMLInputElement || e.target instanceof HTMLTextAreaElement)) return;
      e.preventDefault();
      void pasteBlock(session, api, e.clipboardData?.getData('text/plain') ?? '');
    };
    const onCopy = (e: ClipboardEvent) => {
      if (!inGrid() || !e.clipboardData) return;
      const text = copySelection(api);
      if (text === null) return;
      e.preventDefault();
      e.clipboardData.setData('text/plain', text);
    };
    document.addEventListener('paste', onPaste);
    document.addEventListener('copy', onCopy);
    return () => {
      document.removeEventListener('paste', onPaste);
      document.removeEventListener('copy', onCopy);
    };
  }, [api, session]);

  const isExternalFilterPresent = useCallback(() => words.current.length > 0 || ids.current !== null, []);
  const doesExternalFilterPass = useCallback((node: IRowNode<DealRow>) => {
    const row = node.data;
    if (!row) return true;
    if (ids.current && !ids.current.has(row.id)) return false;
    return words.current.length === 0 || matchesQuickFilter(row, words.current, searchText(row));
  }, []);

  return (
    <div className="grid-host" ref={root} data-testid="grid">
      <AgGridReact<DealRow>
        theme={gridTheme(theme)}
        rowData={initialRows}
        columnDefs={columns}
        defaultColDef={DEFAULT_COL_DEF}
        components={COMPONENTS}
        context={context}
        initialState={initialState}
        getRowId={(p) => (p.rowPinned ? 'draft' : String(p.data.id))}
        rowSelection={{ mode: 'multiRow', checkboxes: true, headerCheckbox: true, enableClickSelection: false }}
        selectionColumnDef={{ width: 40, pinned: 'left', suppressHeaderMenuButton: true }}
        suppressColumnVirtualisation
        stopEditingWhenCellsLoseFocus
        enterNavigatesVerticallyAfterEdit
        animateRows={false}
        deltaSort
        tooltipShowDelay={500}
        isExternalFilterPresent={isExternalFilterPresent}
        doesExternalFilterPass={doesExternalFilterPass}
        onGridReady={(e) => {
          session.attach(e.api);
          setApi(e.api);
          onApi(e.api);
        }}
        onModelUpdated={() => session.recount()}
        onSelectionChanged={(e) => session.store.set({ selected: e.api.getSelectedRows().length })}
        onCellFocused={(e) => editing.onCellFocused(e)}
        onStateUpdated={(e) => {
          const layoutChanged = e.sources.some((s) => LAYOUT_SOURCES.has(s));
          if (layoutChanged) saveLayout.push(pickLayout(e.state));
        }}
      />
    </div>
  );
}
