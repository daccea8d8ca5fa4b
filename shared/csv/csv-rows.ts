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
  writeCells(deals, extrasOf, emit, null);
}

/**
 * writeAllColumns' lines with only the columns at `pick` (indexes into CSV_COLUMNS, none twice, at least one), in
 * that order: the grid's shown columns. Every cell of a row is made as writeAllColumns makes it, then the picked
 * ones are taken (a cell made for nothing costs less than a call per cell to a writer chosen per column).
 */
export function writePickedColumns(deals: readonly Deal[], extrasOf: ExtrasOf, emit: (text: string) => void, pick: readonly number[]): void {
  writeCells(deals, extrasOf, emit, pick);
}

function writeCells(deals: readonly Deal[], extrasOf: ExtrasOf, emit: (text: string) => void, pick: readonly number[] | null): void {
  const x: RowExtras = { announced_precision: 'day', amount_basis: 'firm', cash_share: null, credit_share: null, other_share: null, round_trip_ratio: null, round_trip_basis: null };
  // Dates repeat too (a few thousand days), and a date read from JSON is one shared string per day.
  const dates = new Repeats(',');
  const parties = new Repeats(',');
  const precision = new Repeats(',');
  const kind = new Repeats(',');
  const status = new Repeats(',');
  const basis = new Repeats(',');
  // Picked, every cell ends with a comma and the line's last one is ended again.
  const tripBasis = new Repeats(pick ? ',' : '\r\n');
  const cells: string[] = new Array(CELLS);
  const width = pick ? pick.length : CELLS;
  const parts: string[] = new Array(Math.min(deals.length, CHUNK_ROWS) * width);
  let n = 0;
  let i = 0;
  try {
    for (; i < deals.length; i++) {
      const d = deals[i]!;
      extrasOf(i, x);
      cells[0] = num(d.id);
      cells[1] = dates.cell(d.announced);
      cells[2] = precision.cell(x.announced_precision);
      cells[3] = parties.cell(d.from_party);
      cells[4] = parties.cell(d.to_party);
      cells[5] = kind.cell(d.kind);
      cells[6] = status.cell(d.status);
      cells[7] = num(d.amount_usd);
      cells[8] = basis.cell(x.amount_basis);
      cells[9] = num(d.cash_usd);
      cells[10] = num(d.credit_usd);
      cells[11] = num(d.term_years);
      cells[12] = dates.cell(d.start);
      cells[13] = num(d.capacity_mw);
      cells[14] = text(d.source_url);
      cells[15] = text(d.notes);
      cells[16] = num(x.cash_share);
      cells[17] = num(x.credit_share);
      cells[18] = num(x.other_share);
      cells[19] = num(x.round_trip_ratio);
      cells[20] = tripBasis.cell(x.round_trip_basis);
      if (pick === null) for (let k = 0; k < CELLS; k++) parts[n++] = cells[k]!;
      else {
        for (let k = 0; k < width - 1; k++) parts[n++] = cells[pick[k]!]!;
        const last = cells[pick[width - 1]!]!;
        parts[n++] = last.slice(0, -1) + '\r\n';
      }
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
