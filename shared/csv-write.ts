import { DEAL_FIELDS, DERIVED_FIELDS, type DealRow } from './deal';
import { formatPlainNumber } from './format';

/** A cell to write: text (guarded against formula injection), a number (written plain), or empty. */
export type CsvCell = string | number | null;

/** Export columns, exactly the spec's keys: id, every input field, then the derived columns. */
export const CSV_COLUMNS = ['id', ...DEAL_FIELDS, ...DERIVED_FIELDS] as const;
export type CsvColumn = (typeof CSV_COLUMNS)[number];

/**
 * Characters that make a spreadsheet treat a cell as a formula (OWASP CSV injection), with their full-width
 * forms, which some spreadsheets fold to ASCII. LF is included because some importers split on it.
 */
export const INJECTION_CHARS = '=+-@\t\r\n\uFF1D\uFF0B\uFF0D\uFF20';

// Leading quotes are part of the pattern so that text which already starts with `'=` also gets a `'` and the
// import rule (drop one `'` before `'*` + injection char) stays an exact inverse.
const INJECTION_START = /^'*[=+\-@\t\r\n\uFF1D\uFF0B\uFF0D\uFF20]/;
const NEEDS_QUOTES = /[",\r\n]/;
const QUOTES = /"/g;

/** True when text would be neutralised on export. */
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

function csvLine(cells: readonly CsvCell[]): string {
  let line = '';
  for (let i = 0; i < cells.length; i++) line += i === 0 ? csvCell(cells[i]) : ',' + csvCell(cells[i]);
  return line;
}

/** RFC 4180 text with CRLF line ends (the last line ends with CRLF too). Pass numbers as numbers, not strings. */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  const lines: string[] = new Array(rows.length + 1);
  lines[0] = csvLine(header);
  for (let r = 0; r < rows.length; r++) lines[r + 1] = csvLine(rows[r]);
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
  const cols: readonly CsvColumn[] = columns ? columns.filter(isCsvColumn) : CSV_COLUMNS;
  const lines: string[] = new Array(rows.length + 1);
  lines[0] = csvLine(cols);
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r];
    let line = '';
    for (let c = 0; c < cols.length; c++) {
      const cell = csvCell(row[cols[c]]);
      line += c === 0 ? cell : ',' + cell;
    }
    lines[r + 1] = line;
  }
  return lines.join('\r\n') + '\r\n';
}
