import { DEAL_KINDS, MAX_TERM_YEARS, partyKey, type Deal } from '../model/deal';
import { viewBook, type AnalysisContext, type BookView } from './book-view';
import { bookColumns } from './book-columns';

export type Period = 'month' | 'quarter' | 'year';
export type CommitmentSplit = 'kind' | 'investor';

/**
 * Commitments announced in one calendar period. `byKey` holds every series key in every row, zeros included;
 * `keys` is the legend order (kinds in spec order, or the top investors by total then `Other`), the same list in
 * every row. Read the series in `keys`' order, never byKey's: an object lists integer-like keys (a party named "7"
 * or "2024") before all others.
 */
export type CommitmentPeriod = {
  period: string;
  byKey: Record<string, number>;
  keys: readonly string[];
  total: number;
  cumulative: number;
  count: number;
  /** Deals whose announcement precision is coarser than the period, placed at their first day (v2). */
  approximate: number;
};

/** A year's share of every live commitment spread evenly over its term. */
export type DisbursementYear = { year: number; amount: number; count: number };

const OTHER = 'Other';


/** A sortable index per period (year, year*4 + quarter, year*12 + month) from the columns' year*12 + month. */
function periodIndex(yearMonth: number, period: Period): number {
  if (period === 'month') return yearMonth;
  const year = Math.floor(yearMonth / 12);
  return period === 'year' ? year : year * 4 + Math.floor((yearMonth - year * 12) / 3);
}

function periodLabel(index: number, period: Period): string {
  if (period === 'year') return String(index);
  if (period === 'quarter') return `${Math.floor(index / 4)}-Q${(index % 4) + 1}`;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** Rows that count under the view with an amount set, among those shown (`shown` null = all): 1 in the mask. */
function isCommitted(view: BookView, shown: Uint8Array | null, i: number): boolean {
  return view.counted[i] === 1 && (shown === null || shown[i] === 1) && view.amount[i] === view.amount[i];
}

const PERIOD_RANK: Record<Period, number> = { month: 1, quarter: 2, year: 3 };

/** Series per deal for the investor split: the top N from_party names (groups under roll-up) by total, the rest pooled. */
function investorSeries(view: BookView, shown: Uint8Array | null, topN: number): Series {
  const parties = view.parties;
  const totals = new Float64Array(parties.names.length);
  const has = new Uint8Array(parties.names.length);
  for (let i = 0; i < view.columns.length; i++) {
    if (!isCommitted(view, shown, i)) continue;
    const id = view.from[i]!;
    has[id] = 1;
    totals[id] += view.amount[i]!;
  }
  const ranked = parties.names
    .map((_, id) => id)
    .filter((id) => has[id])
    .sort((a, b) => totals[b]! - totals[a]! || (parties.keys[a]! < parties.keys[b]! ? -1 : 1));
  const top = ranked.slice(0, Math.max(0, Math.floor(topN)));
  const names = top.map((id) => parties.names[id]!);
  // A party actually called "Other" must not be merged with the pooled rest.
  const other = names.some((n) => partyKey(n) === partyKey(OTHER)) ? 'Other parties' : OTHER;
  const keys = ranked.length > top.length ? [...names, other] : names;
  // Each party's series: its own slot when it is in the top N, else the pooled one (the last).
  const slot = new Int32Array(parties.names.length).fill(keys.length - 1);
  top.forEach((id, i) => (slot[id] = i));
  return { keys, code: view.from, slot };
}

/** The legend's keys, and which of them a deal adds to: `slot[code[i]]`. */
type Series = { keys: string[]; code: ArrayLike<number>; slot: ArrayLike<number> };

// Kind codes are DEAL_KINDS' indexes.
const KIND_SLOTS = DEAL_KINDS.map((_, k) => k);

function kindSeries(view: BookView): Series {
  return { keys: [...DEAL_KINDS], code: view.columns.kind, slot: KIND_SLOTS };
}

/** Options of the time series: the scenario and parents, and which deals are shown (ids; default all). */
export type SeriesContext = AnalysisContext & { shown?: ReadonlySet<number> };

export function shownMask(deals: readonly Deal[], shown: ReadonlySet<number> | undefined): Uint8Array | null {
  if (!shown) return null;
  const id = bookColumns(deals).id;
  const mask = new Uint8Array(id.length);
  for (let i = 0; i < id.length; i++) if (shown.has(id[i]!)) mask[i] = 1;
  return mask;
}

/**
 * Sum of effective amounts per calendar period of `announced`, over counted rows with an amount (internal rows
 * of a group included: a commitment is one whoever makes it), in time order with empty periods between the
 * first and last filled in (a time axis should not skip them), plus the running total.
 */
export function commitmentsByAnnouncement(
  deals: readonly Deal[],
  period: Period,
  split: CommitmentSplit = 'kind',
  topN = 8,
  context: SeriesContext = {},
): CommitmentPeriod[] {
  return commitmentsOfView(viewBook(deals, context), shownMask(deals, context.shown), period, split, topN);
}

export function commitmentsOfView(
  view: BookView,
  shown: Uint8Array | null,
  period: Period,
  split: CommitmentSplit = 'kind',
  topN = 8,
): CommitmentPeriod[] {
  const series = split === 'kind' ? kindSeries(view) : investorSeries(view, shown, topN);
  const { month, precision, length } = view.columns;
  // periodIndex never decreases with the month, so the first and last periods are those of the extreme months.
  let low = Infinity;
  let high = -Infinity;
  for (let i = 0; i < length; i++) {
    if (!isCommitted(view, shown, i)) continue;
    const m = month[i]!;
    if (m < low) low = m;
    if (m > high) high = m;
  }
  if (low > high) return [];
  const first = periodIndex(low, period);
  const last = periodIndex(high, period);
  // One slot per period from first to last (every one of them is a row of the answer anyway), rows added in order.
  const width = series.keys.length;
  const periods = last - first + 1;
  const sums = new Float64Array(periods * width);
  const totals = new Float64Array(periods);
  const counts = new Int32Array(periods);
  const approximate = new Int32Array(periods);
  const periodRank = PERIOD_RANK[period];
  const { code, slot } = series;
  for (let i = 0; i < length; i++) {
    if (!isCommitted(view, shown, i)) continue;
    const amount = view.amount[i]!;
    const at = periodIndex(month[i]!, period) - first;
    sums[at * width + slot[code[i]!]!] += amount;
    totals[at] += amount;
    counts[at]++;
    if (precision[i]! > periodRank) approximate[at]++;
  }
  const out: CommitmentPeriod[] = [];
  let cumulative = 0;
  for (let at = 0; at < periods; at++) {
    // Party names are keys here: fromEntries makes each an own property, so a party called "__proto__" is a series
    // like any other (an assignment would set the object's prototype and drop it).
    const byKey: Record<string, number> = Object.fromEntries(series.keys.map((key, k) => [key, sums[at * width + k]!]));
    cumulative += totals[at]!;
    out.push({ period: periodLabel(first + at, period), byKey, keys: series.keys, total: totals[at]!, cumulative, count: counts[at]!, approximate: approximate[at]! });
  }
  return out;
}

/**
 * Each counted row with an amount spreads its effective amount / term_years evenly over the calendar years
 * year(start or announced) .. + term_years - 1. Years between the first and last are all present.
 */
export function disbursementByYear(deals: readonly Deal[], context: SeriesContext = {}): DisbursementYear[] {
  return disbursementOfView(viewBook(deals, context), shownMask(deals, context.shown));
}

export function disbursementOfView(view: BookView, shown: Uint8Array | null): DisbursementYear[] {
  // One pass sums each deal's yearly share by (first year, term); spreading those sums over the years afterwards
  // costs (years x terms) instead of one addition per deal and year (100k deals x 50 years is 5M additions).
  const { startYear, term: terms, length } = view.columns;
  const maxTerm = MAX_TERM_YEARS;
  let first = Infinity;
  let last = -Infinity;
  let lowStart = Infinity;
  let highStart = -Infinity;
  // A term the schema would refuse (written by another tool) is spread year by year, as it is.
  const odd: number[] = [];
  for (let i = 0; i < length; i++) {
    if (!isCommitted(view, shown, i)) continue;
    const from = startYear[i]!;
    const term = terms[i]!;
    first = Math.min(first, from);
    last = Math.max(last, from + term - 1);
    if (!(Number.isInteger(term) && term >= 1 && term <= maxTerm)) {
      odd.push(i);
      continue;
    }
    if (from < lowStart) lowStart = from;
    if (from > highStart) highStart = from;
  }
  if (first > last) return [];
  // Per first year (from lowStart), per term: the summed yearly shares and the deals; first years in order of
  // first appearance, the order the spreading below adds them in.
  const starts = lowStart <= highStart ? highStart - lowStart + 1 : 0;
  const each = new Float64Array(starts * (maxTerm + 1));
  const count = new Int32Array(starts * (maxTerm + 1));
  const seen = new Uint8Array(starts);
  const byStart: number[] = [];
  if (starts) {
    for (let i = 0; i < length; i++) {
      if (!isCommitted(view, shown, i)) continue;
      const term = terms[i]!;
      if (!(Number.isInteger(term) && term >= 1 && term <= maxTerm)) continue;
      const s = startYear[i]! - lowStart;
      if (!seen[s]) {
        seen[s] = 1;
        byStart.push(s);
      }
      each[s * (maxTerm + 1) + term] += view.amount[i]! / term;
      count[s * (maxTerm + 1) + term]++;
    }
  }
  const amounts = new Float64Array(last - first + 1);
  const counts = new Int32Array(last - first + 1);
  for (const i of odd) {
    const from = startYear[i]! - first;
    const term = terms[i]!;
    for (let y = from; y < from + term && y < amounts.length; y++) {
      amounts[y] += view.amount[i]! / term;
      counts[y]++;
    }
  }
  for (const s of byStart) {
    const from = s + lowStart;
    for (let term = 1; term <= maxTerm; term++) {
      const n = count[s * (maxTerm + 1) + term]!;
      if (!n) continue;
      for (let y = from - first; y < from - first + term; y++) {
        amounts[y] += each[s * (maxTerm + 1) + term]!;
        counts[y] += n;
      }
    }
  }
  return Array.from(amounts, (amount, i) => ({ year: first + i, amount, count: counts[i]! }));
}
