import { formatPlainNumber } from '../model/format';

/** A cell to write: text (guarded against formula injection), a number (written plain), or empty. */
export type CsvCell = string | number | null;

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
