import { DEAL_KINDS } from '../model/deal';
import type { Scenario } from '../model/scenario';
import { INVESTMENT, type BookColumns } from './book-columns';
import { CLASS_COUNT, classWeights } from './book-view';

const KINDS = DEAL_KINDS.length;

/**
 * The announced commitments of a set of rows by (month, kind, class), whatever the scenario: every scenario
 * parameter acts linearly within a class (amount' = (amount - credit x (1 - drawdown)) x w for an investment,
 * amount x w otherwise; counted iff w > 0), so a scenario's series by period and kind is a sum over these few
 * hundred cells instead of a pass over every row. Only rows with an amount take part (the series skip the others).
 */
export type CommitmentClasses = {
  /** First month (year * 12 + month - 1) with a cell; `months` cells of KINDS x CLASS_COUNT each from there. */
  firstMonth: number;
  months: number;
  /** Sum of the raw amounts of the cell's rows. */
  amount: Float64Array;
  /** Sum of the raw credits (empty = 0) of the cell's investment rows: what an undrawn credit takes off. */
  credit: Float64Array;
  count: Int32Array;
  /** Rows dated only by a quarter or a year (coarser than a month), and only by a year (coarser than a quarter). */
  coarserThanMonth: Int32Array;
  coarserThanQuarter: Int32Array;
  /** Sum of |amount| + |credit| of the cell's rows: bounds every partial sum made from them, in any order. */
  magnitude: Float64Array;
  /** Every amount and credit summed is a whole number (of dollars). */
  whole: boolean;
  /** 1 for each class some row of the cells has. */
  present: Uint8Array;
};

// Past this many cells (a book spanning centuries) the series are made row by row instead.
const MAX_CELLS = 1 << 18;

const kept = new WeakMap<BookColumns, CommitmentClasses | null>();

/** The columns' commitment classes over every row (cached per columns), or over `shown` rows; null past MAX_CELLS. */
export function commitmentClasses(c: BookColumns, shown: Uint8Array | null): CommitmentClasses | null {
  if (shown) return buildClasses(c, shown);
  let found = kept.get(c);
  if (found === undefined) kept.set(c, (found = buildClasses(c, null)));
  return found;
}

function buildClasses(c: BookColumns, shown: Uint8Array | null): CommitmentClasses | null {
  const { amount, month, length } = c;
  let low = Infinity;
  let high = -Infinity;
  for (let i = 0; i < length; i++) {
    if ((shown && !shown[i]) || amount[i] !== amount[i]) continue;
    const m = month[i]!;
    if (m < low) low = m;
    if (m > high) high = m;
  }
  const months = low > high ? 0 : high - low + 1;
  if (months * KINDS * CLASS_COUNT > MAX_CELLS) return null;
  const cells = months * KINDS * CLASS_COUNT;
  const out: CommitmentClasses = {
    firstMonth: low > high ? 0 : low,
    months,
    amount: new Float64Array(cells),
    credit: new Float64Array(cells),
    count: new Int32Array(cells),
    coarserThanMonth: new Int32Array(cells),
    coarserThanQuarter: new Int32Array(cells),
    magnitude: new Float64Array(cells),
    whole: true,
    present: new Uint8Array(CLASS_COUNT),
  };
  let whole = true;
  const { kind, status, upTo, credit, precision } = c;
  for (let i = 0; i < length; i++) {
    const a = amount[i]!;
    if ((shown && !shown[i]) || a !== a) continue;
    const k = kind[i]!;
    const cl = status[i]! * 2 + upTo[i]!;
    const at = ((month[i]! - low) * KINDS + k) * CLASS_COUNT + cl;
    out.present[cl] = 1;
    out.amount[at] += a;
    out.magnitude[at] += Math.abs(a);
    if (!Number.isInteger(a)) whole = false;
    if (k === INVESTMENT) {
      const cr = credit[i]!;
      if (cr === cr) {
        out.credit[at] += cr;
        out.magnitude[at] += Math.abs(cr);
        if (!Number.isInteger(cr)) whole = false;
      }
    }
    out.count[at]++;
    const p = precision[i]!;
    if (p > 1) out.coarserThanMonth[at]++;
    if (p > 2) out.coarserThanQuarter[at]++;
  }
  out.whole = whole;
  return out;
}

/** One cell's effective amount (its rows are of one kind `k` and one class, of weight `w`): the rows' formula on their sums. */
function cellAmount(classes: CommitmentClasses, at: number, k: number, w: number, drawdown: number): number {
  return k === INVESTMENT ? (classes.amount[at]! - classes.credit[at]! * (1 - drawdown)) * w : classes.amount[at]! * w;
}

export type Period = 'month' | 'quarter' | 'year';

/** A sortable index per period (year, year*4 + quarter, year*12 + month) from the columns' year*12 + month. */
export function periodIndex(yearMonth: number, period: Period): number {
  if (period === 'month') return yearMonth;
  const year = Math.floor(yearMonth / 12);
  return period === 'year' ? year : year * 4 + Math.floor((yearMonth - year * 12) / 3);
}

/** Sums per period from `first` (a periodIndex), `width` series each: what the series' rows are made from. */
export type PeriodSums = {
  first: number;
  periods: number;
  width: number;
  sums: Float64Array;
  totals: Float64Array;
  counts: Int32Array;
  approximate: Int32Array;
};

/** `periods` periods from `first`, zeros. */
export function periodSums(first: number, periods: number, width: number): PeriodSums {
  return {
    first, periods, width, sums: new Float64Array(periods * width), totals: new Float64Array(periods),
    counts: new Int32Array(periods), approximate: new Int32Array(periods),
  };
}

/** The fewest binary digits after the point that `x` needs (0.5: 1, 0.75: 2, 1: 0); Infinity for 0.1 or 0.7. */
export function fractionBits(x: number): number {
  for (let k = 0; k <= 30; k++) if (Number.isInteger(x * 2 ** k)) return k;
  return Infinity;
}

/**
 * Whether every sum of these cells' rows comes out exact under these weights, whatever the order of its terms:
 * then the sums by class equal the row-by-row sums bit for bit. That holds when the amounts and credits are whole
 * and the parameters have few binary digits (1, 0.5, 0.25, ...), so that each effective value is a multiple of
 * 2^-bits, and no partial sum reaches 2^(53 - bits) (checked against half that, `limit`). Weights like 0.7 round
 * each row's value; the sums are then made row by row, as the rules state them.
 */
function exactLimit(classes: CommitmentClasses, weights: Float64Array, drawdown: number): number {
  if (!classes.whole) return 0;
  let bits = 0;
  for (let cl = 0; cl < CLASS_COUNT; cl++) if (classes.present[cl] && weights[cl]! > 0) bits = Math.max(bits, fractionBits(weights[cl]!));
  bits += Math.max(fractionBits(1 - drawdown), fractionBits(drawdown));
  // Half the bound: the check sums magnitudes in floats itself.
  return bits > 52 ? 0 : 2 ** (52 - bits);
}

/**
 * The series by kind under a scenario over the classes' rows: per period, each kind's effective amount, the total,
 * the rows and those dated coarser than the period. Null when the classes were not made (see MAX_CELLS) or their
 * sums would not be exact (see exactLimit): the caller then sums row by row.
 */
export function kindPeriods(classes: CommitmentClasses | null, scenario: Scenario, period: Period): PeriodSums | null {
  if (!classes) return null;
  const weights = classWeights(scenario);
  const drawdown = scenario.credit_drawdown;
  const limit = exactLimit(classes, weights, drawdown);
  if (limit === 0) return null;
  const { months, firstMonth, count } = classes;
  const live = (m: number) => {
    for (let k = 0; k < KINDS; k++) {
      for (let cl = 0; cl < CLASS_COUNT; cl++) if (weights[cl]! > 0 && count[(m * KINDS + k) * CLASS_COUNT + cl]! > 0) return true;
    }
    return false;
  };
  let low = 0;
  while (low < months && !live(low)) low++;
  let high = months - 1;
  while (high >= low && !live(high)) high--;
  if (low > high) return periodSums(0, 0, KINDS);
  const first = periodIndex(firstMonth + low, period);
  const out = periodSums(first, periodIndex(firstMonth + high, period) - first + 1, KINDS);
  const coarser = period === 'month' ? classes.coarserThanMonth : period === 'quarter' ? classes.coarserThanQuarter : null;
  const magnitude = new Float64Array(out.periods);
  for (let m = low; m <= high; m++) {
    const at = periodIndex(firstMonth + m, period) - out.first;
    for (let k = 0; k < KINDS; k++) {
      for (let cl = 0; cl < CLASS_COUNT; cl++) {
        const cell = (m * KINDS + k) * CLASS_COUNT + cl;
        const w = weights[cl]!;
        if (!(w > 0) || count[cell] === 0) continue;
        const v = cellAmount(classes, cell, k, w, drawdown);
        out.sums[at * KINDS + k] += v;
        out.totals[at] += v;
        out.counts[at] += count[cell]!;
        if (coarser) out.approximate[at] += coarser[cell]!;
        if ((magnitude[at] += classes.magnitude[cell]!) >= limit) return null;
      }
    }
  }
  return out;
}
