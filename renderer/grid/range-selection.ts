import type { CellClassParams, CellFocusedEvent, GridApi } from 'ag-grid-community';
import type { DealField, DealRow } from '../../shared/model/deal';
import { REQUIRED_FIELDS } from '../../shared/model/deal';
import { copyCell, toTsv, withShown, type PasteCell } from './clipboard';
import { isEditableColumn } from './columns';

/** A cell of the grid's body: its displayed row index and its column. */
export type CellAt = { rowIndex: number; colId: string };

/** The rows (displayed indices, top to bottom) and columns (displayed order) between two corners. */
export type Box = { rows: number[]; columns: string[] };

/** The block between two corner cells, over the columns as displayed. */
export function boxBetween(a: CellAt, b: CellAt, columns: readonly string[]): Box {
  const [top, bottom] = a.rowIndex <= b.rowIndex ? [a.rowIndex, b.rowIndex] : [b.rowIndex, a.rowIndex];
  const ca = columns.indexOf(a.colId);
  const cb = columns.indexOf(b.colId);
  if (ca < 0 || cb < 0) return { rows: [], columns: [] };
  const [left, right] = ca <= cb ? [ca, cb] : [cb, ca];
  const rows: number[] = [];
  for (let r = top; r <= bottom; r++) rows.push(r);
  return { rows, columns: columns.slice(left, right + 1) };
}

const REQUIRED: ReadonlySet<string> = new Set(REQUIRED_FIELDS);

/** Delete over a range: every editable optional cell emptied; required and read-only cells are left alone. */
export function clearCells(rows: readonly DealRow[], columns: readonly string[]): PasteCell[] {
  const fields = columns.filter((c): c is DealField => isEditableColumn(c) && !REQUIRED.has(c));
  return shownIn(rows, rows.flatMap((row) => fields.map((field) => ({ id: row.id, field, value: '' }))));
}

/** Ctrl+D over a range: the first row's value of each editable column copied into the rows below it. */
export function fillDownCells(rows: readonly DealRow[], columns: readonly string[]): PasteCell[] {
  const [first, ...rest] = rows;
  if (!first) return [];
  const fields = columns.filter((c): c is DealField => isEditableColumn(c));
  return shownIn(rows, rest.flatMap((row) => fields.map((field) => ({ id: row.id, field, value: copyCell(first, field) }))));
}

/** Each cell carries what its row showed, so a team book refuses a cell another analyst changed since. */
function shownIn(rows: readonly DealRow[], cells: PasteCell[]): PasteCell[] {
  const byId = new Map(rows.map((row) => [row.id, row]));
  return withShown(cells, (id) => byId.get(id));
}

/** The range as spreadsheet text, for copy. */
export function rangeTsv(rows: readonly DealRow[], columns: readonly string[]): string {
  return toTsv(rows.map((row) => columns.map((c) => copyCell(row, c))));
}

/**
 * Range selection, kept small (AG Grid has it in Enterprise only): Shift+click or Shift+arrows stretch a block
 * from the cell where the range began (the anchor) to the focused cell. Any other move of the focus starts again
 * from the focused cell. Cells in the block get the class `cell-in-range`.
 */
export class RangeSelection {
  private anchor: CellAt | null = null;
  private end: CellAt | null = null;
  private box: Box = { rows: [], columns: [] };
  private inBox = new Set<string>();
  /** Whether the key or click that moves the focus next holds Shift. */
  extending = false;

  constructor(private readonly api: () => GridApi<DealRow> | null) {}

  /** The focus moved: stretch the range to it (Shift held) or start a new one there. */
  focused(e: Pick<CellFocusedEvent<DealRow>, 'rowIndex' | 'rowPinned' | 'column'>): void {
    const colId = typeof e.column === 'string' ? e.column : e.column?.getColId();
    if (e.rowIndex === null || e.rowPinned || !colId) return this.reset();
    const at = { rowIndex: e.rowIndex, colId };
    if (this.extending && this.anchor) this.end = at;
    else {
      this.anchor = at;
      this.end = at;
    }
    this.update();
  }

  /** Forget the range (a sort or filter moved the rows under it). */
  reset(): void {
    if (!this.anchor) return;
    this.anchor = null;
    this.end = null;
    this.update();
  }

  /** More than one cell is selected. */
  isBlock(): boolean {
    return this.box.rows.length * this.box.columns.length > 1;
  }

  /** The selected rows (data) and columns, in displayed order. */
  selection(): { rows: DealRow[]; columns: string[] } {
    const api = this.api();
    if (!api) return { rows: [], columns: [] };
    const rows = this.box.rows.flatMap((i) => api.getDisplayedRowAtIndex(i)?.data ?? []);
    return { rows, columns: this.box.columns };
  }

  /** For the column definitions' cellClassRules. */
  readonly cellInRange = (p: CellClassParams<DealRow>): boolean =>
    this.inBox.size > 1 && !p.node.rowPinned && p.node.rowIndex !== null && this.inBox.has(`${p.node.rowIndex}:${p.column.getColId()}`);

  private update(): void {
    const api = this.api();
    const before = this.inBox.size;
    if (!api || !this.anchor || !this.end) {
      this.box = { rows: [], columns: [] };
    } else {
      const columns = api.getAllDisplayedColumns().map((c) => c.getColId()).filter((id) => !id.startsWith('ag-Grid-'));
      this.box = boxBetween(this.anchor, this.end, columns);
    }
    this.inBox = new Set(this.box.rows.flatMap((r) => this.box.columns.map((c) => `${r}:${c}`)));
    // Redraw the classes of the cells shown only when a block was or is shown (a plain move of the focus costs nothing).
    if (api && (before > 1 || this.inBox.size > 1)) api.refreshCells({ force: true });
  }
}
