import { DEAL_FIELDS, type Deal, type DealRow } from '../model/deal';
import { formatPlainNumber } from '../model/format';
import { fastCell } from './csv-escape';
import { oddCellOr } from './csv-odd-cell';

/**
 * A row's cells that are not the deal's own stored values: its precision and basis as the row shows them, and its
 * derived columns. Filled per row into one reused object, so a writer over deals makes no object per row.
 */
export type RowExtras = Pick<DealRow, 'announced_precision' | 'amount_basis' | 'cash_share' | 'credit_share' | 'other_share' | 'round_trip_ratio' | 'round_trip_basis'>;

/** Fills `out` with row i's extras. */
export type ExtrasOf = (i: number, out: RowExtras) => void;

/** Rows per piece of text: big enough to write in few calls, small enough that one odd character stays local. */
export const CHUNK_ROWS = 2000;
const CELLS = 21;

/**
 * Every export column of every deal, in CSV_COLUMNS' order, as whole lines in pieces of CHUNK_ROWS rows passed to
 * `emit`: the text dealsToCsvChunks writes, made for the one common shape (all columns) with no per-column
 * dispatch. Each cell carries the separator after it (`,` or CRLF), so a piece is one join of one string per cell;
 * a text that repeats (a party, a date, a kind, a status) is written once with its separator and then reused.
 */
export function writeAllColumns(deals: readonly Deal[], extrasOf: ExtrasOf, emit: (text: string) => void): void {
  const x: RowExtras = { announced_precision: 'day', amount_basis: 'firm', cash_share: null, credit_share: null, other_share: null, round_trip_ratio: null, round_trip_basis: null };
  // Dates repeat too (a few thousand days), and a date read from JSON is one shared string per day.
  const dates = new Repeats(',');
  const parties = new Repeats(',');
  const precision = new Repeats(',');
  const kind = new Repeats(',');
  const status = new Repeats(',');
  const basis = new Repeats(',');
  const tripBasis = new Repeats('\r\n');
  const parts: string[] = new Array(Math.min(deals.length, CHUNK_ROWS) * CELLS);
  let n = 0;
  let i = 0;
  try {
    for (; i < deals.length; i++) {
      const d = deals[i]!;
      extrasOf(i, x);
      parts[n++] = num(d.id);
      parts[n++] = dates.cell(d.announced);
      parts[n++] = precision.cell(x.announced_precision);
      parts[n++] = parties.cell(d.from_party);
      parts[n++] = parties.cell(d.to_party);
      parts[n++] = kind.cell(d.kind);
      parts[n++] = status.cell(d.status);
      parts[n++] = num(d.amount_usd);
      parts[n++] = basis.cell(x.amount_basis);
      parts[n++] = num(d.cash_usd);
      parts[n++] = num(d.credit_usd);
      parts[n++] = num(d.term_years);
      parts[n++] = dates.cell(d.start);
      parts[n++] = num(d.capacity_mw);
      parts[n++] = text(d.source_url);
      parts[n++] = text(d.notes);
      parts[n++] = num(x.cash_share);
      parts[n++] = num(x.credit_share);
      parts[n++] = num(x.other_share);
      parts[n++] = num(x.round_trip_ratio);
      parts[n++] = tripBasis.cell(x.round_trip_basis);
      if (n === parts.length) {
        emit(parts.join(''));
        n = 0;
      }
    }
  } catch (err) {
    // A cell of another type than text or a number (a BLOB another program wrote) fails in fastCell: name it.
    throw oddCellOr(err, deals[i], ['id', ...DEAL_FIELDS]);
  }
  if (n > 0) {
    parts.length = n;
    emit(parts.join(''));
  }
}

/** The extras of rows that hold them already (DealRow), as they are. */
export function extrasOfRows(rows: readonly DealRow[]): ExtrasOf {
  return (i, out) => {
    const r = rows[i]!;
    out.announced_precision = r.announced_precision;
    out.amount_basis = r.amount_basis;
    out.cash_share = r.cash_share;
    out.credit_share = r.credit_share;
    out.other_share = r.other_share;
    out.round_trip_ratio = r.round_trip_ratio;
    out.round_trip_basis = r.round_trip_basis;
  };
}

// Cells and their separator. A value of another type than the column's (only a hand-made row holds one) is
// written by fastCell as the per-column writer would.
function num(v: unknown): string {
  // A safe integer (ids, years, most amounts) prints as formatPlainNumber prints it: no exponent below 1e21, and -0
  // prints as 0 either way.
  if (typeof v === 'number') return (Number.isSafeInteger(v) ? v : formatPlainNumber(v)) + ',';
  return v == null ? ',' : fastCell(v as string) + ',';
}

function text(v: unknown): string {
  return v == null ? ',' : fastCell(v as string | number) + ',';
}

/** A column whose values repeat: each distinct value's cell and separator made once. */
class Repeats {
  private readonly seen = new Map<string, string>();
  // The value before, answered without a lookup: most rows repeat the one before in precision, basis and the like.
  private last = '';
  private lastCell: string;
  constructor(private readonly end: string) {
    this.lastCell = end;
  }
  cell(v: unknown): string {
    if (v === this.last) return this.lastCell;
    if (typeof v !== 'string') return (v == null ? '' : fastCell(v as number)) + this.end;
    let cell = this.seen.get(v);
    if (cell === undefined) this.seen.set(v, (cell = fastCell(v) + this.end));
    this.last = v;
    this.lastCell = cell;
    return cell;
  }
}
