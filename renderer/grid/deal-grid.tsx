import { memo, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type {
  CellEditRequestEvent,
  CellEditingStartedEvent,
  CellEditingStoppedEvent,
  CellFocusedEvent,
  ColDef,
  GetRowIdParams,
  GridApi,
  GridReadyEvent,
  GridState,
  IRowNode,
  ModelUpdatedEvent,
  RowSelectionOptions,
  SelectionChangedEvent,
  SelectionColumnDef,
  StateUpdatedEvent,
} from 'ag-grid-community';
import { AgGridReact } from 'ag-grid-react';
import type { DealRow } from '../../shared/model/deal';
import { matchesQuickFilter, quickFilterWords, rowSearchText } from '../../shared/model/quick-filter';
import type { BookSession } from '../book/session';
import './ag-modules';
import { isEditableColumn } from './columns';
import { GRID_COLUMNS, READ_ONLY_COLUMNS } from './grid-columns';
import type { GridContext } from './grid-context';
import type { GridEditing } from './grid-editing';
import { suppressGridKeys } from './grid-keys';
import { LAYOUT_KEY, debounce, pickLayout, type GridLayout } from './grid-layout';
import { filteredIds, gridRowsView } from './grid-rows-view';
import { SelectAllHeader } from './select-all-header';
import { gridTheme, type ThemeName } from './themes';
import { useGridClipboard } from './use-grid-clipboard';
import { useTestHook } from './use-test-hook';
import { writeCells } from './clipboard-actions';
import { RangeSelection, clearCells, fillDownCells } from './range-selection';
import { useRangeKeys } from './use-range-keys';

// Every object and function handed to the grid is a module constant or memoized: a new one would make
// AgGridReact push it into the grid again on the next render.
const DEFAULT_COL_DEF: ColDef<DealRow> = {
  sortable: true,
  resizable: true,
  cellDataType: false,
  suppressKeyboardEvent: suppressGridKeys,
  cellClassRules: { 'cell-in-range': (p) => (p.context as GridContext).range.cellInRange(p) },
};
// The select-all box is ours (select-all-header.ts): AG Grid's visits every row after every change.
const ROW_SELECTION: RowSelectionOptions<DealRow> = { mode: 'multiRow', checkboxes: true, headerCheckbox: false, enableClickSelection: false };
const SELECTION_COLUMN: SelectionColumnDef = {
  width: 40,
  pinned: 'left',
  suppressHeaderMenuButton: true,
  headerComponent: SelectAllHeader,
  suppressKeyboardEvent: suppressGridKeys,
};
// What an empty grid says: how to start a book, or that the filters hide every deal (AG Grid's own words say neither).
const OVERLAY_PARAMS = {
  noRows: { overlayText: 'No deals yet. + Add deal (Alt+N) to type one, or Import CSV (or drop a CSV file here).' },
  noMatchingRows: { overlayText: 'No deals match the filters (the filter box, a column filter or a chart selection).' },
};
const LAYOUT_SOURCES = new Set<string>(['columnSizing', 'columnOrder', 'columnVisibility', 'columnPinning', 'sort', 'filter']);
const getRowId = (p: GetRowIdParams<DealRow>) => (p.rowPinned ? 'draft' : String(p.data.id));

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
  /** The session's rows (in the order to show them) and the layout the grid starts with; later changes arrive as
   * transactions from the session. */
  rows: DealRow[];
  layout: GridLayout;
  theme: ThemeName;
  quickFilter: string;
  /** Only these deals (a chart's selection), or null for all. */
  dealIds: ReadonlySet<number> | null;
  onApi: (api: GridApi<DealRow>) => void;
  /** A viewer's grid: no cell opens an editor. */
  readOnly?: boolean;
};

/**
 * The deal grid: AgGridReact (AG Grid Community) with our editors, clipboard, quick filter and persisted layout.
 * The book stays the source of truth: the grid never writes a cell itself (readOnlyEdit); an edit goes to the
 * service and comes back as a transaction by row id.
 */
export const DealGrid = memo(function DealGrid({ session, editing, rows, layout, theme, quickFilter, dealIds, onApi, readOnly = false }: DealGridProps) {
  const root = useRef<HTMLDivElement>(null);
  const [api, setApi] = useState<GridApi<DealRow> | null>(null);
  // The grid takes the first rows and layout once; it is never handed a new rowData.
  const [initialRows] = useState(rows);
  const [initialState] = useState<GridState>(layout);
  const words = useRef<string[]>([]);
  const ids = useRef<ReadonlySet<number> | null>(null);
  const partyNames = useRef<string[]>([]);
  const apiRef = useRef<GridApi<DealRow> | null>(null);
  apiRef.current = api;
  const range = useMemo(() => new RangeSelection(() => apiRef.current), []);
  useGridClipboard(api, session, editing, range, root);
  useRangeKeys(range, root);
  useTestHook(api, root);

  // Party names for the autocomplete, read when an editor opens; kept off React state so edits never re-render.
  // Made again only when the parties are read again (a big book has thousands), not on every change of the
  // session's state (an edit changes it twice).
  useEffect(() => {
    let parties: unknown = null;
    const update = () => {
      const now = session.store.get().parties;
      if (now === parties) return;
      parties = now;
      partyNames.current = now.map((p) => p.name);
    };
    update();
    return session.store.subscribe(update);
  }, [session]);

  const saveLayout = useMemo(
    () => debounce((value: GridLayout) => void session.client.setSetting({ key: LAYOUT_KEY, value: JSON.stringify(value) }), 400),
    [session],
  );
  // The analyst's keys and clicks, seen before the grid handles them: a refused edit comes back into its editor
  // only if the analyst has not pressed Escape or moved on since the key or click that sent it.
  useEffect(() => {
    const key = (e: KeyboardEvent) => {
      editing.inputBegan();
      if (e.key === 'Escape') editing.giveUpRefusals();
    };
    const pointer = () => editing.inputBegan();
    window.addEventListener('keydown', key, true);
    window.addEventListener('pointerdown', pointer, true);
    return () => {
      window.removeEventListener('keydown', key, true);
      window.removeEventListener('pointerdown', pointer, true);
    };
  }, [editing]);

  useEffect(() => {
    window.addEventListener('beforeunload', saveLayout.flush);
    return () => {
      window.removeEventListener('beforeunload', saveLayout.flush);
      saveLayout.flush();
    };
  }, [saveLayout]);

  const context = useMemo<GridContext>(
    () => ({
      partyNames: () => partyNames.current,
      takeRefusal: (rowId, colId, byKey) => editing.takeRefusal(rowId, colId, byKey),
      refusalPending: () => editing.refusalPending(),
      editEnding: (node, column) => {
        const field = column.getColId();
        // Our editors (components; AG Grid's own are named by a string) hand the grid their text as it is typed,
        // so what the editor holds now is what the grid will ask to save.
        if (!isEditableColumn(field) || typeof column.getColDef().cellEditor !== 'function') return;
        const editor = apiRef.current?.getCellEditorInstances({ rowNodes: [node], columns: [column] })[0];
        if (editor) editing.editEnding(node, field, (editor.getValue() as string | null | undefined) ?? null);
      },
      roundTripTip: (id) => session.scenarios.roundTripTip(id),
      range,
      clearRange: () => {
        const { rows, columns } = range.selection();
        void writeCells(session, clearCells(rows, columns), `Clear ${rows.length}x${columns.length} cells`, 'Nothing to clear: the selected cells are required or read-only');
      },
      fillDown: () => {
        const { rows, columns } = range.selection();
        const label = `Fill down ${rows.length}x${columns.length} cells`;
        void writeCells(session, fillDownCells(rows, columns), label, 'Fill down: select the rows to fill (Shift+click or Shift+arrows), the first row is copied into the others');
      },
    }),
    [editing, range, session],
  );

  const onApiRef = useRef(onApi);
  onApiRef.current = onApi;
  const onGridReady = useCallback(
    (e: GridReadyEvent<DealRow>) => {
      editing.attach(e.api);
      session.attach(gridRowsView(e.api));
      setApi(e.api);
      onApiRef.current(e.api);
    },
    [session, editing],
  );
  const onCellEditRequest = useCallback(
    (e: CellEditRequestEvent<DealRow>) => {
      const field = e.column.getColId();
      if (isEditableColumn(field)) editing.editCell(e.node, field, (e.newValue as string | null | undefined) ?? null);
    },
    [editing],
  );
  const onCellEditingStarted = useCallback(
    (e: CellEditingStartedEvent<DealRow>) => {
      const field = e.column.getColId();
      if (isEditableColumn(field)) editing.editStarted(e.node, field);
    },
    [editing],
  );
  const onCellEditingStopped = useCallback(
    (e: CellEditingStoppedEvent<DealRow>) => {
      const field = e.column.getColId();
      if (isEditableColumn(field)) editing.editStopped(e.node, field);
    },
    [editing],
  );
  // The grid filtered, sorted or took a transaction: it tells the session which deals its filters let through.
  const onModelUpdated = useCallback((e: ModelUpdatedEvent<DealRow>) => session.filtered(filteredIds(e.api)), [session]);
  const onViewChanged = useCallback(() => {
    range.reset();
    session.recount(true);
  }, [session, range]);
  const onSelectionChanged = useCallback(
    (e: SelectionChangedEvent<DealRow>) => session.store.set({ selected: e.api.getSelectedRows().length }),
    [session],
  );
  const onCellFocused = useCallback(
    (e: CellFocusedEvent<DealRow>) => {
      editing.onCellFocused(e);
      range.focused(e);
    },
    [editing, range],
  );
  const onStateUpdated = useCallback(
    (e: StateUpdatedEvent<DealRow>) => {
      if (e.sources.some((s) => LAYOUT_SOURCES.has(s))) saveLayout.push(pickLayout(e.state));
    },
    [saveLayout],
  );
  const isExternalFilterPresent = useCallback(() => words.current.length > 0 || ids.current !== null, []);
  const doesExternalFilterPass = useCallback((node: IRowNode<DealRow>) => {
    const row = node.data;
    if (!row) return true;
    if (ids.current && !ids.current.has(row.id)) return false;
    return words.current.length === 0 || matchesQuickFilter(row, words.current, searchText(row));
  }, []);

  useEffect(() => {
    const next = quickFilterWords(quickFilter);
    // Refiltering 100k rows is not free: skip it when neither filter was or is set (the grid's first render).
    const changed = next.join(' ') !== words.current.join(' ') || dealIds !== ids.current;
    words.current = next;
    ids.current = dealIds;
    if (changed) api?.onFilterChanged();
  }, [api, quickFilter, dealIds]);

  return (
    <div className="grid-host" ref={root} data-testid="grid">
      <AgGridReact<DealRow>
        theme={gridTheme(theme)}
        rowData={initialRows}
        columnDefs={readOnly ? READ_ONLY_COLUMNS : GRID_COLUMNS}
        defaultColDef={DEFAULT_COL_DEF}
        context={context}
        initialState={initialState}
        getRowId={getRowId}
        rowSelection={ROW_SELECTION}
        selectionColumnDef={SELECTION_COLUMN}
        readOnlyEdit
        onCellEditRequest={onCellEditRequest}
        onCellEditingStarted={onCellEditingStarted}
        onCellEditingStopped={onCellEditingStopped}
        stopEditingWhenCellsLoseFocus
        enterNavigatesVerticallyAfterEdit
        animateRows={false}
        deltaSort
        tooltipShowDelay={500}
        overlayComponentParams={OVERLAY_PARAMS}
        isExternalFilterPresent={isExternalFilterPresent}
        doesExternalFilterPass={doesExternalFilterPass}
        onGridReady={onGridReady}
        onModelUpdated={onModelUpdated}
        onFilterChanged={onViewChanged}
        onSortChanged={onViewChanged}
        onSelectionChanged={onSelectionChanged}
        onCellFocused={onCellFocused}
        onStateUpdated={onStateUpdated}
      />
    </div>
  );
});
