import type { DealField } from '../model/deal';
import type { CellProblem } from '../protocol/result';
import { excerpt } from './csv-columns';
import { joinDigitGroups } from '../model/parse';

/*
 * A file separated by `;` is what LibreOffice and Excel save where `;` is the list separator, and there numbers
 * are written with the decimal comma: `2,5` is 2.5, `1.234,5` is 1234.5, `1.234.567` is 1234567. Its number cells
 * (money, term, capacity) are read so. A file separated by tab or `,` is read so too when one of its number cells
 * can only be the decimal comma (`1,3`, `1.234,5`; see showsDecimalComma): Excel's tab-separated text and Google
 * Sheets' download in a European locale write numbers that way whatever the separator. A number that cannot be in that form (`1.5`, `1,234.5`, `1,234,567`) is
 * read with the decimal point, as the grid reads it. Two forms read both ways, one separator and three digits
 * after it: `2,500` (2.5, or 2500 with a thousands comma) and `1.234` (1234, or 1.234 with a decimal point).
 * They are problems on their lines when the file writes other numbers with a decimal point; otherwise they are read
 * with the decimal comma, silently when other numbers show it, else with one warning naming the first (line and
 * column): never silently a value 1000 times off.
 */

/** The fields whose cells are numbers. */
export const NUMBER_FIELDS: ReadonlySet<DealField> = new Set<DealField>(['amount_usd', 'cash_usd', 'credit_usd', 'term_years', 'capacity_mw']);

/** The first number in a cell, with its separators (`$1.234,5B` -> `1.234,5`). */
const NUMBER = /\d[\d.,]*\d|\d/;
/** A number in the decimal-comma form: thousands dots in groups of three, then a decimal comma, or digits and one comma. */
const COMMA_FORM = /^(?:[1-9]\d{0,2}(?:\.\d{3})+(?:,\d+)?|\d+,\d+)$/;
/** Read both ways: one comma or one dot, one to three digits before it (not a leading 0) and three after. */
const BOTH_WAYS = /^[1-9]\d{0,2}[.,]\d{3}$/;

type Ambiguous = { line: number; header: string; cell: string; comma: string; point: string };

/**
 * The first number cell (at `columns` of `rows`) that can only be read with the decimal comma, or null. Only cells
 * with a comma are looked at closely, so a file of plain numbers (every export) costs one indexOf per cell.
 */
export function showsDecimalComma(rows: readonly { cells: string[] }[], columns: readonly number[]): string | null {
  if (columns.length === 0) return null;
  for (const row of rows) {
    for (const i of columns) {
      const cell = row.cells[i]!;
      if (cell.indexOf(',') === -1) continue;
      const m = NUMBER.exec(cell);
      if (m && COMMA_FORM.test(m[0]) && !BOTH_WAYS.test(m[0])) return cell;
    }
  }
  return null;
}

/**
 * In a file read with the decimal point (separated by tab or `,`, no cell showing the decimal comma), the first
 * number cell that a thousands dot would make 1000 times larger (`10.000`, `1.250`), and how many there are, when no
 * other cell shows the decimal point (`1.5`, `1,234.5`): then nothing in the file says which it is, so it is said.
 */
export function dotReadsBothWays(
  rows: readonly { line: number; cells: string[] }[],
  columns: readonly { index: number; header: string }[],
): { line: number; header: string; cell: string; point: number; thousands: number; count: number } | null {
  let first: { line: number; header: string; cell: string; point: number; thousands: number } | null = null;
  let count = 0;
  for (const row of rows) {
    for (const { index, header } of columns) {
      const cell = row.cells[index]!;
      if (cell.indexOf('.') === -1) continue;
      const m = NUMBER.exec(cell);
      if (!m) continue;
      if (!BOTH_WAYS.test(m[0])) return null;
      first ??= { line: row.line, header, cell, point: Number(m[0]), thousands: Number(m[0].replace('.', '')) };
      count++;
    }
  }
  return first && { ...first, count };
}

/**
 * One file's number cells: each read with the decimal comma, and what the file says of its convention. `why` says
 * why the file is read so, in messages: it is separated by `;`, or another of its cells shows the decimal comma.
 */
export class DecimalCommaCells {
  private sawComma = false;
  private sawPoint = false;
  private readonly ambiguous: Ambiguous[] = [];
  private readonly why: string;

  /** `shownBy`: the cell that showed the decimal comma in a file not separated by `;` (null for a `;` file). */
  constructor(private readonly shownBy: string | null = null) {
    this.why = shownBy === null ? 'the decimal comma of a file separated by ";"' : `the decimal comma other numbers of this file use (${excerpt(shownBy)})`;
  }

  /** The cell with its number in the decimal-point form every parser reads (`2,5B` -> `2.5B`). */
  read(raw: string, line: number, header: string): string {
    // `1 300 000,5` (a space between thousands, as French Excel writes it) is one number.
    const cell = joinDigitGroups(raw);
    const m = NUMBER.exec(cell);
    if (!m) return cell;
    const number = m[0];
    if (number.indexOf(',') === -1 && number.indexOf('.') === -1) return cell;
    if (!COMMA_FORM.test(number)) {
      this.sawPoint = true;
      return cell;
    }
    const comma = number.replaceAll('.', '').replace(',', '.');
    if (BOTH_WAYS.test(number)) {
      this.ambiguous.push({ line, header, cell, comma: String(Number(comma)), point: String(Number(number.replace(',', ''))) });
    } else this.sawComma = true;
    return cell.slice(0, m.index) + comma + cell.slice(m.index + number.length);
  }

  /** What the cells that read both ways come to: problems (the file also uses the decimal point), or one warning. */
  finish(problems: CellProblem[], warnings: CellProblem[]): void {
    const first = this.ambiguous[0];
    if (!first) return;
    if (this.sawPoint) {
      for (const a of this.ambiguous) {
        problems.push({
          line: a.line, field: a.header, value: excerpt(a.cell),
          message: `reads two ways: ${a.comma} with ${this.why}, or ${a.point} with the decimal point its other numbers use; write it with no thousands separator and not exactly three decimals`,
        });
      }
      return;
    }
    // A `;` file whose other cells show the decimal comma says it twice (its separator and its cells); a file
    // separated otherwise says it once, so reading `2,500` as 2.5 there is still said.
    if (this.sawComma && this.shownBy === null) return;
    const more = this.ambiguous.length - 1;
    const because = this.shownBy === null
      ? 'a file separated by ";" writes numbers with the decimal comma (2,5 is 2.5; 1.234,5 is 1234.5)'
      : `other numbers of this file use the decimal comma (${excerpt(this.shownBy)})`;
    warnings.push({
      line: first.line, field: first.header, value: excerpt(first.cell),
      message: `read as ${first.comma}, not ${first.point}: ${because}${more > 0 ? `; ${more.toLocaleString('en-US')} more ${more === 1 ? 'cell reads' : 'cells read'} so` : ''}`,
    });
  }
}
