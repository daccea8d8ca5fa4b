import { memo, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import {
  createGrid,
  type ColDef,
  type GetRowIdParams,
  type GridApi,
  type GridOptions,
  type GridState,
  type IRowNode,
  type RowSelectionOptions,
  type StateUpdatedEvent,
} from 'ag-grid-community';
import type { DealRow } from '../../shared/deal';
import { matchesQuickFilter, quickFilterWords, rowSearchText } from '../../shared/quick-filter';
import type { BookSession } from '../book/session';
import './ag-modules';
import { columnDefs, isEditableColumn } from './columns';
import type { GridContext } from './grid-context';
import type { GridEditing } from './grid-editing';
import { LAYOUT_KEY, debounce, pickLayout, type GridLayout } from './grid-layout';
import { suppressDraftKeys } from './draft-keys';
import { PartyEditor } from './party-editor';
import { reactCellEditor } from './react-editor';
import { SelectAllHeader } from './select-all-header';
import { TextEditor } from './text-editor';
import { gridTheme, type ThemeName } from './themes';
import { UrlCell } from './url-cell';
import { useGridClipboard } from './use-grid-clipboard';
import { useTypedKeys } from './use-typed-keys';

// The grid is AG Grid's plain (not React) grid: opening a big book skips React's work on every cell. Our two
// editors stay React components, each rendered into its own root while it is open.
const COMPONENTS = { partyEditor: reactCellEditor(PartyEditor), textEditor: reactCellEditor(TextEditor), urlCell: UrlCell };
const DEFAULT_COL_DEF: ColDef<DealRow> = { sortable: true, resizable: true, cellDataType: false, suppressKeyboardEvent: suppressDraftKeys };
// The select-all box is ours (select-all-header.ts): AG Grid's visits every row after every change.
const ROW_SELECTION: RowSelectionOptions<DealRow> = { mode: 'multiRow', checkboxes: true, headerCheckbox: false, enableClickSelection: false };
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
  /** The rows and layout the grid starts with; later changes arrive as transactions through the session. */
  rows: DealRow[];
  layout: GridLayout;
  theme: ThemeName;
  quickFilter: string;
  /** Only these deals (a chart's selection), or null for all. */
  dealIds: ReadonlySet<number> | null;
  onApi: (api: GridApi<DealRow>) => void;
};

/** The deal grid: AG Grid Community with our editors, clipboard, quick filter and persisted layout. */
export const DealGrid = memo(function DealGrid({ session, editing, rows, layout, theme, quickFilter, dealIds, onApi }: DealGridProps) {
  const root = useRef<HTMLDivElement>(null);
  const [api, setApi] = useState<GridApi<DealRow> | null>(null);
  const [initialRows] = useState(rows);
  const [initialState] = useState<GridState>(layout);
  const [initialTheme] = useState(theme);
  const words = useRef<string[]>([]);
  const ids = useRef<ReadonlySet<number> | null>(null);
  const partyNames = useRef<string[]>([]);
  const takeTypedKeys = useTypedKeys(api, root);
  useGridClipboard(api, session, editing, root);

  // Party names for the autocomplete, read when an editor opens; kept off React state so edits never re-render.
  useEffect(() => {
    const update = () => void (partyNames.current = session.store.get().parties.map((p) => p.name));
    update();
    return session.store.subscribe(update);
  }, [session]);

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

  // Build the grid once, with the first rows and the saved layout; everything later goes through its API.
  const onApiRef = useRef(onApi);
  onApiRef.current = onApi;
  useLayoutEffect(() => {
    const columns = columnDefs().map((col): ColDef<DealRow> => {
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
    });
    const context: GridContext = { partyNames: () => partyNames.current, takeTypedKeys };
    const options: GridOptions<DealRow> = {
      theme: gridTheme(initialTheme),
      rowData: initialRows,
      columnDefs: columns,
      defaultColDef: DEFAULT_COL_DEF,
      components: COMPONENTS,
      context,
      initialState,
      getRowId,
      rowSelection: ROW_SELECTION,
      selectionColumnDef: {
        width: 40,
        pinned: 'left',
        suppressHeaderMenuButton: true,
        headerComponent: SelectAllHeader,
        suppressKeyboardEvent: suppressDraftKeys,
      },
      suppressColumnVirtualisation: true,
      stopEditingWhenCellsLoseFocus: true,
      enterNavigatesVerticallyAfterEdit: true,
      animateRows: false,
      deltaSort: true,
      tooltipShowDelay: 500,
      isExternalFilterPresent: () => words.current.length > 0 || ids.current !== null,
      doesExternalFilterPass: (node: IRowNode<DealRow>) => {
        const row = node.data;
        if (!row) return true;
        if (ids.current && !ids.current.has(row.id)) return false;
        return words.current.length === 0 || matchesQuickFilter(row, words.current, searchText(row));
      },
      onGridReady: (e) => {
        session.attach(e.api, initialRows);
        setApi(e.api);
        onApiRef.current(e.api);
      },
      onModelUpdated: () => session.recount(),
      onFilterChanged: () => session.recount(true),
      onSortChanged: () => session.recount(true),
      onSelectionChanged: (e) => session.store.set({ selected: e.api.getSelectedRows().length }),
      onCellFocused: (e) => editing.onCellFocused(e),
      onStateUpdated: (e: StateUpdatedEvent<DealRow>) => {
        if (e.sources.some((s) => LAYOUT_SOURCES.has(s))) saveLayout.push(pickLayout(e.state));
      },
    };
    const grid = createGrid(root.current!, options);
    return () => grid.destroy();
  }, [session, editing, initialRows, initialState, initialTheme, takeTypedKeys, saveLayout]);

  useEffect(() => {
    api?.setGridOption('theme', gridTheme(theme));
  }, [api, theme]);

  useEffect(() => {
    const next = quickFilterWords(quickFilter);
    // Refiltering 100k rows is not free: skip it when neither filter was or is set (the grid's first render).
    const changed = next.join(' ') !== words.current.join(' ') || dealIds !== ids.current;
    words.current = next;
    ids.current = dealIds;
    if (changed) api?.onFilterChanged();
  }, [api, quickFilter, dealIds]);

  return <div className="grid-host" ref={root} data-testid="grid" />;
});
