import type { RawValues } from '../protocol/contract';
import type { CellProblem } from '../protocol/result';
import { dayMonthOrder, type DateOrder } from './csv-cells';
import { excerpt } from './csv-columns';

/*
 * What sheets put around their deals, read as the analyst meant it: a totals row under them, and dates whose order
 * the rest of the file shows.
 */

const TOTALS = /^(?:grand |sub-?)?totals?:?$|^sum:?$|^summe$|^gesamt$|^totaal$|^totale$/i;

/**
 * The label of a row a sheet adds under its deals (`Total`, `Grand total`, `Sum`), or null. Only a row that could not
 * be a deal anyway: no date (or the label in its place) and a party or the kind missing. A deal with a party called
 * Total keeps its date, parties and kind, so it is read as any deal.
 */
export function totalsLabel(values: RawValues): string | null {
  const text = (v: unknown) => (typeof v === 'string' ? v.trim() : '');
  if (text(values.from_party) !== '' && text(values.to_party) !== '' && text(values.kind) !== '') return null;
  const date = text(values.announced);
  if (date !== '' && !TOTALS.test(date)) return null;
  for (const v of Object.values(values)) if (TOTALS.test(text(v))) return text(v);
  return null;
}

/**
 * Numeric dates that fit both orders are problems (the spec's rule: only a date order decides them), but when the
 * file's other numeric dates fit only one order, that is said once, with the option that reads them so.
 */
export class DateOrderEvidence {
  private readonly first: Partial<Record<DateOrder, { cell: string; line: number }>> = {};
  private both: { line: number; header: string } | null = null;
  private bothCount = 0;

  note(cell: string, line: number, header: string): void {
    const order = dayMonthOrder(cell);
    if (order === null) return;
    if (order === 'both') {
      this.both ??= { line, header };
      this.bothCount++;
    } else this.first[order] ??= { cell: cell.trim(), line };
  }

  finish(warnings: CellProblem[]): void {
    const { DMY, MDY } = this.first;
    if (this.both === null || (DMY && MDY) || (!DMY && !MDY)) return;
    const [order, shown] = DMY ? (['DMY', DMY] as const) : (['MDY', MDY!] as const);
    const words = order === 'DMY' ? 'day/month/year' : 'month/day/year';
    const n = this.bothCount;
    warnings.push({
      line: this.both.line, field: this.both.header,
      message: `the file's other numeric dates read only as ${words} (line ${shown.line}: ${excerpt(shown.cell)}); date order ${order} (--date-order ${order}) reads the ${n.toLocaleString('en-US')} ${n === 1 ? 'date that fits' : 'dates that fit'} both orders so`,
    });
  }
}
