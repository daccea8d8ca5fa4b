import type { DealField } from '../model/deal';
import type { CellProblem } from '../protocol/result';
import type { CsvRecord } from './csv-parse';
import type { ColumnTarget } from './csv-columns';

/** The cells Excel's General format may have rounded: money and capacity (a term is never that large). */
const ROUNDED_FIELDS: ReadonlySet<DealField> = new Set<DealField>(['amount_usd', 'cash_usd', 'credit_usd', 'capacity_mw']);

/** A number in scientific notation, as Excel's General format shows one (`1.23457E+12`), and its mantissa's digits. */
const SCIENTIFIC = /^[-+]?(\d+)(?:\.(\d*))?e[-+]?\d+$/i;

/** Cells named one by one per column; the rest are counted. */
const SHOWN_PER_COLUMN = 20;

/** The most significant digits Excel's General format keeps in a cell 11 characters wide (`1.23457E+12`). */
const GENERAL_DIGITS = 6;

/**
 * Excel's General format shows an amount of 1e11 or more as `1.23457E+12`, and saves it so in a CSV: 6 significant
 * digits, the rest gone. The cell reads as a number, so without a word it would be stored rounded (by an import with
 * --update too, over the exact figure the book had). Each such cell is named (the first 20 of a column; the rest
 * counted). `rows` hold the cells as read (decimal commas made points), `written` the file's own where they differ,
 * `skipped` the lines that are no deal (a totals row).
 */
export function excelRoundedWarnings(
  rows: readonly CsvRecord[],
  columns: readonly ColumnTarget[],
  written: ReadonlyMap<number, ReadonlyMap<number, string>>,
  skipped: ReadonlySet<number>,
  warnings: CellProblem[],
): void {
  const watched = columns.flatMap((c, i) => (c !== null && c.field !== 'id' && ROUNDED_FIELDS.has(c.field) ? [i] : []));
  if (watched.length === 0) return;
  const found = new Map<number, { line: number; cell: string }[]>();
  const more = new Map<number, number>();
  for (const row of rows) {
    for (const i of watched) {
      const cell = row.cells[i]!;
      // Most cells have no E: no pattern is run on them (a 100,000-row import).
      if (cell.length < 3 || (cell.indexOf('E') === -1 && cell.indexOf('e') === -1)) continue;
      const m = SCIENTIFIC.exec(cell.trim());
      if (!m || significantDigits(m[1]!, m[2] ?? '') > GENERAL_DIGITS || skipped.has(row.line)) continue;
      const cells = found.get(i) ?? found.set(i, []).get(i)!;
      if (cells.length < SHOWN_PER_COLUMN) cells.push({ line: row.line, cell: (written.get(row.line)?.get(i) ?? cell).trim() });
      else more.set(i, (more.get(i) ?? 0) + 1);
    }
  }
  for (const [i, cells] of found) {
    const extra = more.get(i) ?? 0;
    cells.forEach(({ line, cell }, k) => {
      const others = k === cells.length - 1 && extra > 0 ? ` (${extra.toLocaleString('en-US')} more ${extra === 1 ? 'cell' : 'cells'} of this column ${extra === 1 ? 'is' : 'are'} so)` : '';
      warnings.push({
        line, field: (columns[i] as { header: string }).header, value: cell,
        message: `scientific notation with ${GENERAL_DIGITS} or fewer significant digits${others}: Excel's General format saves large numbers so and may have rounded this one (it is read as written); format the column as Number in Excel before saving as CSV to keep every digit`,
      });
    });
  }
}

function significantDigits(whole: string, fraction: string): number {
  return `${whole}${fraction}`.replace(/^0+/, '').length;
}
