import { DEAL_KINDS, MAX_TERM_YEARS, partyKey, type Deal } from '../model/deal';
import { viewBook, type AnalysisContext, type BookView } from './book-view';
import { bookColumns } from './book-columns';

export type Period = 'month' | 'quarter' | 'year';
export type CommitmentSplit = 'kind' | 'investor';

/**
 * Commitments announced in one calendar period. `byKey` holds every series key in every row, in legend order
 * (kinds in spec order, or the top investors by total then `Other`), zeros included.
 */
export type CommitmentPeriod = {
  period: string;
  byKey: Record<string, number>;
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

/** Rows that count under the view with an amount set, among those shown (`shown` null = all). */
function committedRows(view: BookView, shown: Uint8Array | null): number[] {
  const rows: number[] = [];
  for (let i = 0; i < view.columns.length; i++) {
    if (view.counted[i] && (!shown || shown[i]) && view.amount[i] === view.amount[i]) rows.push(i);
  }
  return rows;
}

const PERIOD_RANK: Record<Period, number> = { month: 1, quarter: 2, year: 3 };

/** Series per deal for the investor split: the top N from_party names (groups under roll-up) by total, the rest pooled. */
function investorSeries(view: BookView, rows: readonly number[], topN: number): Series {
  const parties = view.parties;
  const totals: number[] = [];
  for (const i of rows) {
    const id = view.from[i]!;
    totals[id] = (totals[id] ?? 0) + view.amount[i]!;
  }
  const ranked = parties.names
    .map((_, id) => id)
    .filter((id) => totals[id] !== undefined)
    .sort((a, b) => totals[b]! - totals[a]! || (parties.keys[a]! < parties.keys[b]! ? -1 : 1));
  const top = ranked.slice(0, Math.max(0, Math.floor(topN)));
  const names = top.map((id) => parties.names[id]!);
  // A party actually called "Other" must not be merged with the pooled rest.
  const other = names.some((n) => partyKey(n) === partyKey(OTHER)) ? 'Other parties' : OTHER;
  const keys = ranked.length > top.length ? [...names, other] : names;
  // Each party's series: its own slot when it is in the top N, else the pooled one (the last).
  const slot = new Int32Array(parties.names.length).fill(keys.length - 1);
  top.forEach((id, i) => (slot[id] = i));
  return { keys, slotOf: (i) => slot[view.from[i]!]! };
}

/** The legend's keys, and which of them a deal (by index) adds to. */
type Series = { keys: string[]; slotOf: (i: number) => number };

function kindSeries(view: BookView): Series {
  // Kind codes are DEAL_KINDS' indexes.
  const kind = view.columns.kind;
  return { keys: [...DEAL_KINDS], slotOf: (i) => kind[i]! };
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
  const rows = committedRows(view, shown);
  const series = split === 'kind' ? kindSeries(view) : investorSeries(view, rows, topN);
  const buckets = new Map<number, { sums: Float64Array; total: number; count: number; approximate: number }>();
  let first = Infinity;
  let last = -Infinity;
  const { month, precision } = view.columns;
  const periodRank = PERIOD_RANK[period];
  for (const i of rows) {
    const amount = view.amount[i]!;
    const index = periodIndex(month[i]!, period);
    let b = buckets.get(index);
    if (!b) {
      b = { sums: new Float64Array(series.keys.length), total: 0, count: 0, approximate: 0 };
      buckets.set(index, b);
      first = Math.min(first, index);
      last = Math.max(last, index);
    }
    b.sums[series.slotOf(i)] += amount;
    b.total += amount;
    b.count++;
    if (precision[i]! > periodRank) b.approximate++;
  }
  if (!buckets.size) return [];
  const out: CommitmentPeriod[] = [];
  let cumulative = 0;
  for (let index = first; index <= last; index++) {
    const b = buckets.get(index);
    // Party names are keys here: fromEntries makes each an own property, so a party called "__proto__" is a series
    // like any other (an assignment would set the object's prototype and drop it).
    const byKey: Record<string, number> = Object.fromEntries(series.keys.map((key, slot) => [key, b?.sums[slot] ?? 0]));
    cumulative += b?.total ?? 0;
    out.push({ period: periodLabel(index, period), byKey, total: b?.total ?? 0, cumulative, count: b?.count ?? 0, approximate: b?.approximate ?? 0 });
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
  const byStart = new Map<number, { each: Float64Array; count: Int32Array }>();
  // A term the schema would refuse (written by another tool) is spread year by year, as it is.
  const odd: number[] = [];
  let first = Infinity;
  let last = -Infinity;
  const { startYear, term: terms } = view.columns;
  for (const i of committedRows(view, shown)) {
    const amount = view.amount[i]!;
    const from = startYear[i]!;
    const term = terms[i]!;
    first = Math.min(first, from);
    last = Math.max(last, from + term - 1);
    if (!(Number.isInteger(term) && term >= 1 && term <= MAX_TERM_YEARS)) {
      odd.push(i);
      continue;
    }
    let cell = byStart.get(from);
    if (!cell) byStart.set(from, (cell = { each: new Float64Array(MAX_TERM_YEARS + 1), count: new Int32Array(MAX_TERM_YEARS + 1) }));
    cell.each[term] += amount / term;
    cell.count[term]++;
  }
  if (first > last) return [];
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
  for (const [from, cell] of byStart) {
    for (let term = 1; term <= MAX_TERM_YEARS; term++) {
      const n = cell.count[term]!;
      if (!n) continue;
      for (let y = from - first; y < from - first + term; y++) {
        amounts[y] += cell.each[term]!;
        counts[y] += n;
      }
    }
  }
  return Array.from(amounts, (amount, i) => ({ year: first + i, amount, count: counts[i] }));
}
