import { DEAL_FIELDS, DERIVED_FIELDS, type DealRow } from '../model/deal';
import { formatPlainNumber } from '../model/format';

/** A cell to write: text (guarded against formula injection), a number (written plain), or empty. */
export type CsvCell = string | number | null;

/** Export columns, exactly the spec's keys: id, every input field, then the derived columns. */
export const CSV_COLUMNS = ['id', ...DEAL_FIELDS, ...DERIVED_FIELDS] as const;
export type CsvColumn = (typeof CSV_COLUMNS)[number];

/** Columns that carry part of another's meaning: `2025-07-01` is Q3 2025 only with its precision (v2). */
const COMPANIONS: Partial<Record<CsvColumn, CsvColumn>> = {
  announced: 'announced_precision',
  amount_usd: 'amount_basis',
  round_trip_ratio: 'round_trip_basis',
};

/**
 * The columns to export for the columns shown: each followed by its companion when that is not shown itself, so
 * a file exported from any view reads back with the same meaning (an estimate stays an estimate).
 */
export function withCompanions(columns: readonly string[]): CsvColumn[] {
  const shown = new Set(columns);
  const out: CsvColumn[] = [];
  for (const column of columns) {
    if (!isCsvColumn(column)) continue;
    out.push(column);
    const companion = COMPANIONS[column];
    if (companion && !shown.has(companion)) out.push(companion);
  }
  return out;
}

/**
 * A cell a spreadsheet would run as a formula (OWASP CSV injection): it starts with = + - @ tab CR LF, or the
 * full-width = + - @ that some spreadsheets fold to ASCII. Leading `'`s are part of the pattern so that text which
 * already starts with `'=` gets a `'` too, and the import's unneutralise stays an exact inverse.
 */
const INJECTION_START = /^'*[=+\-@\t\r\n\uFF1D\uFF0B\uFF0D\uFF20]/;
const NEEDS_QUOTES = /[",\r\n]/;
const QUOTES = /"/g;

/** True when text is neutralised on export: written as `'` + text, quoted. */
export function isFormulaLike(text: string): boolean {
  return INJECTION_START.test(text);
}

/** One CSV cell: numbers plain and untouched, text neutralised if formula-like and quoted when needed. */
export function csvCell(value: CsvCell): string {
  if (value === null) return '';
  if (typeof value === 'number') return formatPlainNumber(value);
  if (INJECTION_START.test(value)) return `"'${value.replace(QUOTES, '""')}"`;
  if (NEEDS_QUOTES.test(value)) return `"${value.replace(QUOTES, '""')}"`;
  return value;
}

// Joining a reused cell array is markedly faster than growing a string cell by cell (fewer rope nodes to flatten).
function csvLine(cells: readonly CsvCell[], scratch: string[]): string {
  scratch.length = cells.length;
  for (let i = 0; i < cells.length; i++) scratch[i] = csvCell(cells[i]);
  return scratch.join(',');
}

/** RFC 4180 text with CRLF line ends (the last line ends with CRLF too). Pass numbers as numbers, not strings. */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  const scratch: string[] = [];
  const lines: string[] = new Array(rows.length + 1);
  lines[0] = csvLine(header, scratch);
  for (let r = 0; r < rows.length; r++) lines[r + 1] = csvLine(rows[r], scratch);
  return lines.join('\r\n') + '\r\n';
}

export function isCsvColumn(name: string): name is CsvColumn {
  return (CSV_COLUMNS as readonly string[]).includes(name);
}

/**
 * The deal book as CSV. `columns` restricts and orders the columns (the grid's visible columns); names that are
 * not export columns are skipped. Default: every column.
 */
export function dealsToCsv(rows: readonly DealRow[], columns?: readonly string[]): string {
  return dealsToCsvChunks(rows, columns).join('');
}

/** Rows per piece of text: big enough to write in few calls, small enough that one odd character stays local. */
const CHUNK_ROWS = 2000;

/**
 * The same text as dealsToCsv in pieces of whole lines (the header first), each passed to `onChunk` as it is made
 * (and returned when no callback is given): a file is written without one 20 MB string, and a piece with only
 * Latin-1 text stays one byte per character even when another piece names `東京 Labs`. Each piece is one join of
 * its cells and separators, with no string per line in between.
 */
export function dealsToCsvChunks(rows: readonly DealRow[], columns?: readonly string[], onChunk?: (text: string) => void): string[] {
  const cols: readonly CsvColumn[] = columns ? columns.filter(isCsvColumn) : CSV_COLUMNS;
  const chunks: string[] = [];
  const emit = onChunk ?? ((text: string) => void chunks.push(text));
  emit(csvLine(cols, []) + '\r\n');
  if (cols.length === 0) {
    if (rows.length) emit('\r\n'.repeat(rows.length));
    return chunks;
  }
  const cellOf = cols.map(columnCell);
  const last = cols.length - 1;
  const parts: string[] = new Array(Math.min(rows.length, CHUNK_ROWS) * cols.length * 2);
  let n = 0;
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r]!;
    for (let c = 0; c < last; c++) {
      parts[n++] = cellOf[c]!(row);
      parts[n++] = ',';
    }
    parts[n++] = cellOf[last]!(row);
    parts[n++] = '\r\n';
    if (n === parts.length) {
      emit(parts.join(''));
      n = 0;
    }
  }
  if (n > 0) {
    parts.length = n;
    emit(parts.join(''));
  }
  return chunks;
}

/**
 * One column's cells, written as csvCell writes them but without its patterns on every cell: text is tested for
 * a formula start only when its first character can start one, and a column whose values repeat (parties, dates,
 * kinds) writes each distinct value once.
 */
function columnCell(column: CsvColumn): (row: DealRow) => string {
  if (!REPEATING.has(column)) return (row) => fastCell(row[column]);
  const seen = new Map<string, string>();
  return (row) => {
    const value = row[column];
    if (typeof value !== 'string') return fastCell(value);
    let text = seen.get(value);
    if (text === undefined) seen.set(value, (text = fastCell(value)));
    return text;
  };
}

const REPEATING: ReadonlySet<CsvColumn> = new Set([
  'announced', 'announced_precision', 'from_party', 'to_party', 'kind', 'status', 'amount_basis', 'start', 'round_trip_basis',
]);

/** csvCell's result for any cell (undefined, as a missing key, is empty like null). */
export function fastCell(value: CsvCell | undefined): string {
  if (value == null) return '';
  if (typeof value === 'number') return formatPlainNumber(value);
  const first = value.charCodeAt(0);
  // Every formula-like text (INJECTION_START) starts with one of these: ' = + - @ tab CR LF, or a full-width = + - @.
  if (first === 39 || first === 61 || first === 43 || first === 45 || first === 64 || first === 9 || first === 13 || first === 10 || first === 0xff1d || first === 0xff0b || first === 0xff0d || first === 0xff20) {
    return csvCell(value);
  }
  return NEEDS_QUOTES.test(value) ? `"${value.replace(QUOTES, '""')}"` : value;
}
