import type { DealField, DealRow } from '../../shared/model/deal';
import type { RawValue } from '../../shared/model/raw-values';
import { formatPlainNumber } from '../../shared/model/format';
import { isEditableColumn } from './columns';

/**
 * Tab-separated text as Excel, LibreOffice and Google Sheets put it on the clipboard: rows end with CRLF or LF,
 * a cell holding a tab, newline or quote is wrapped in quotes with quotes doubled. One trailing line end is
 * not an extra row.
 */
export function parseTsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let i = 0;
  let atCellStart = true;
  while (i < text.length) {
    const ch = text[i]!;
    if (atCellStart && ch === '"') {
      const end = quotedEnd(text, i);
      if (end !== -1) {
        cell = text.slice(i + 1, end).replaceAll('""', '"');
        i = end + 1;
        atCellStart = false;
        continue;
      }
    }
    atCellStart = false;
    if (ch === '\t') {
      row.push(cell);
      cell = '';
      atCellStart = true;
    } else if (ch === '\n' || ch === '\r') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      atCellStart = true;
      if (ch === '\r' && text[i + 1] === '\n') i++;
    } else {
      cell += ch;
    }
    i++;
  }
  if (!atCellStart || cell !== '' || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

// A quoted cell must close with a quote followed by a tab, a line end or the end of the text; otherwise the
// quote is literal text (a cell such as `"Big" deal` pasted from a plain editor).
function quotedEnd(text: string, start: number): number {
  let i = start + 1;
  while (i < text.length) {
    if (text[i] === '"') {
      if (text[i + 1] === '"') {
        i += 2;
        continue;
      }
      const next = text[i + 1];
      return next === undefined || next === '\t' || next === '\n' || next === '\r' ? i : -1;
    }
    i++;
  }
  return -1;
}

function tsvCell(text: string): string {
  return /[\t\r\n"]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Rows of cells to TSV, quoting only where a spreadsheet would. */
export function toTsv(rows: readonly (readonly string[])[]): string {
  return rows.map((r) => r.map(tsvCell).join('\t')).join('\r\n');
}

/** A stored value as a spreadsheet should receive it: plain numbers (USD, not `$45.0B`), ISO dates, text. */
export function copyValue(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return formatPlainNumber(value);
  return String(value);
}

/**
 * One cell of a deal as copied (Ctrl+C, Ctrl+D): its value, plus what the value alone would lose and the grid's
 * own paste reads back. An amount "up to" or estimated keeps its basis (`up to 100000000000`, `~34000000000`), an
 * announcement known to the month, quarter or year keeps its precision (`2025-09`, `2025-Q3`, `2025`): copied as a
 * bare number or day, they would paste back as a firm amount and an exact day. Firm amounts stay plain numbers.
 */
export function copyCell(row: DealRow, column: string): string {
  const value = (row as Record<string, unknown>)[column];
  if (column === 'amount_usd' && typeof value === 'number') {
    if (row.amount_basis === 'up_to') return `up to ${formatPlainNumber(value)}`;
    if (row.amount_basis === 'estimate') return `~${formatPlainNumber(value)}`;
  }
  if (column === 'announced' && typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) {
    if (row.announced_precision === 'month') return value.slice(0, 7);
    if (row.announced_precision === 'quarter') return `${value.slice(0, 4)}-Q${Math.floor((Number(value.slice(5, 7)) - 1) / 3) + 1}`;
    if (row.announced_precision === 'year') return value.slice(0, 4);
  }
  return copyValue(value);
}

/** Selected rows as TSV over the displayed columns, in the grid's order. */
export function rowsToTsv(rows: readonly DealRow[], columns: readonly string[]): string {
  return toTsv(rows.map((row) => columns.map((c) => copyCell(row, c))));
}

/** was: the value the window showed in the cell, so a team book refuses the cell if someone changed it since. */
export type PasteCell = { id: number; field: DealField; value: string; was?: RawValue };

/** Cells with the values their rows show (`was`): an edit is made against what the window showed. */
export function withShown(cells: readonly PasteCell[], rowOf: (id: number) => DealRow | undefined): PasteCell[] {
  return cells.map((cell) => {
    const row = rowOf(cell.id);
    return row ? { ...cell, was: (row[cell.field] ?? null) as RawValue } : cell;
  });
}
export type PasteTarget = {
  /** Deal ids of the displayed rows, top to bottom (after sort and filter). */
  rowIds: readonly number[];
  /** Column ids of the displayed columns, left to right. */
  columns: readonly string[];
  /** Index into rowIds of the block's first row; rowIds.length (or more) when it starts on the new-deal row. */
  startRow: number;
  startColumn: number;
};
export type PastePlan =
  | { ok: true; cells: PasteCell[]; add: Partial<Record<DealField, string>>[]; rows: number; columns: number }
  | { ok: false; message: string };

/**
 * Where each pasted value lands: the block's top-left at the focused cell, rows and columns as displayed.
 * Values over read-only columns (id, derived) are skipped, so rows copied from the grid paste back in place.
 * Rows of the block below the last shown row (or all of them, from the new-deal row) become new deals; a block
 * wider than the columns shown from the focused cell is refused as a whole.
 */
export function planPaste(block: readonly (readonly string[])[], target: PasteTarget): PastePlan {
  const height = block.length;
  const width = Math.max(0, ...block.map((r) => r.length));
  if (height === 0 || width === 0) return { ok: false, message: 'The clipboard holds no cells to paste' };
  const columnsLeft = target.columns.length - target.startColumn;
  if (width > columnsLeft) {
    return { ok: false, message: `Paste refused: the block has ${width} columns but only ${columnsLeft} columns are shown from the focused cell right` };
  }
  const cells: PasteCell[] = [];
  const add: Partial<Record<DealField, string>>[] = [];
  for (let r = 0; r < height; r++) {
    const id = target.rowIds[target.startRow + r];
    const fresh: Partial<Record<DealField, string>> = {};
    for (let c = 0; c < width; c++) {
      const field = target.columns[target.startColumn + c]!;
      const value = block[r]![c];
      // A ragged row's missing cells leave the grid alone rather than clearing it.
      if (value === undefined || !isEditableColumn(field)) continue;
      if (id === undefined) fresh[field] = value;
      else cells.push({ id, field, value });
    }
    if (id === undefined) add.push(fresh);
  }
  if (cells.length === 0 && add.every((row) => Object.keys(row).length === 0)) return { ok: false, message: 'Paste refused: every pasted column is read-only' };
  return { ok: true, cells, add, rows: height, columns: width };
}
