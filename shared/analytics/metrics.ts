import { partyKey } from '../model/deal';
import type { Deal, DealDerived, DealRow, DealValues } from '../model/deal';
import { isUnpriced, viewBook, viewOfColumns, type AnalysisContext, type BookView } from './book-view';
import { pairSums, type PairSums } from './pairs';
import type { BasisDetail } from '../model/format';
import type { RoundTripBasis } from '../model/deal';
import { INVESTMENT, type BookColumns } from './book-columns';

export type ShareFields = Pick<DealValues, 'amount_usd' | 'cash_usd' | 'credit_usd'>;
export type RowShares = Pick<DealDerived, 'cash_share' | 'credit_share' | 'other_share'>;

export { partyKey };
export { partyIndex, pairEntry, pairValues, type PairMap, type PartyIndex } from './party-index';
export type { AnalysisContext } from './book-view';

/** Key of the directed pair from -> to; NUL cannot occur in a party name, so keys never collide. */
export function pairKey(from: string, to: string): string {
  return `${partyKey(from)}\u0000${partyKey(to)}`;
}

/** Live under the plain rules (Base's defaults): every status but cancelled. */
export const isLive = (d: Pick<DealValues, 'status'>): boolean => d.status !== 'cancelled';

// Shares like 1 - 0.7 - 0.3 leave float dust (5.5e-17); an analyst reads that as 0, and 0 compares exactly.
function share(x: number): number {
  return Math.abs(x) < 1e-12 ? 0 : x;
}

/**
 * Row-local shares, for every row (cancelled included), from the deal's own values; empty when amount is empty
 * or 0. v2: other_share only when both cash and credit are set (v1 also filled it when one was).
 */
export function rowShares(d: ShareFields, out: RowShares = { cash_share: null, credit_share: null, other_share: null }): RowShares {
  // `out`: an object filled again for every row (a writer's), so a pass over 100k deals makes none.
  const amount = d.amount_usd;
  if (amount === null || !(amount > 0) || !Number.isFinite(amount)) {
    out.cash_share = out.credit_share = out.other_share = null;
    return out;
  }
  const cash = d.cash_usd === null ? null : share(d.cash_usd / amount);
  const credit = d.credit_usd === null ? null : share(d.credit_usd / amount);
  out.cash_share = cash;
  out.credit_share = credit;
  out.other_share = cash === null || credit === null ? null : share(1 - cash - credit);
  return out;
}

/** One row: the deal's own fields plus its derived columns, given its pair's sums (slot -1: no round trip). */
function deriveRow(deal: Deal, sums: PairSums, p: number, isInvestment: boolean): DealRow {
  const shares = rowShares(deal);
  const counted = isInvestment && p >= 0;
  // Spelled out, not spread: spreading into a wider object is ~50x slower in V8 and would carry stray keys.
  return {
    id: deal.id,
    announced: deal.announced,
    announced_precision: deal.announced_precision ?? 'day',
    from_party: deal.from_party,
    to_party: deal.to_party,
    kind: deal.kind,
    status: deal.status,
    amount_usd: deal.amount_usd,
    amount_basis: deal.amount_basis ?? 'firm',
    cash_usd: deal.cash_usd,
    credit_usd: deal.credit_usd,
    term_years: deal.term_years,
    start: deal.start,
    capacity_mw: deal.capacity_mw,
    source_url: deal.source_url,
    notes: deal.notes,
    cash_share: shares.cash_share,
    credit_share: shares.credit_share,
    other_share: shares.other_share,
    round_trip_ratio: counted ? sums.ratio(p) : null,
    round_trip_basis: counted ? sums.basis(p) : null,
  };
}

/**
 * Every row with its derived columns under a scenario (default Base): one pass for the view, one for the pair
 * sums, one for the rows. Correct for any set of deals that holds every deal between each pair of parties
 * (groups, under roll-up) it mentions: the whole book, or one pair's deals without roll-up.
 */
export function deriveRows(deals: readonly Deal[], context: AnalysisContext = {}): DealRow[] {
  return deriveViewRows(viewBook(deals, context));
}

export function deriveViewRows(view: BookView, sums: PairSums = pairSums(view)): DealRow[] {
  return view.deals.map((d, i) => deriveRow(d, sums, sums.pairOf[i]!, d.kind === 'investment'));
}

/** Codes of RoundTrips.basis: 0 when the row has no round trip. */
export const BASIS_CODES = [null, 'unknown', 'at_least', 'exact'] as const;
const BASIS_CODE: Record<RoundTripBasis, number> = { unknown: 1, at_least: 2, exact: 3 };

/**
 * The only ƒ values a scenario changes, per deal (in the deals' order): round_trip_ratio (NaN = empty) and
 * round_trip_basis (a BASIS_CODES index). The shares are the deal's own values, the same under every scenario,
 * so a window switching scenarios needs these two arrays, not 100k new rows.
 */
export type RoundTrips = { ratio: Float64Array; basis: Uint8Array };

const roundTripsCache = new WeakMap<PairSums, RoundTrips>();

export function roundTripsOf(deals: readonly Deal[], context: AnalysisContext = {}): RoundTrips {
  return tripsOfView(viewBook(deals, context));
}

/** roundTripsOf the deals whose columns are `c` (columnsFiller's, from a reader that made no deal objects). */
export function roundTripsOfColumns(c: BookColumns, context: AnalysisContext = {}): RoundTrips {
  return tripsOfView(viewOfColumns(c, [], context));
}

function tripsOfView(view: BookView): RoundTrips {
  const sums = pairSums(view);
  let found = roundTripsCache.get(sums);
  if (found) return found;
  const { kind, length } = view.columns;
  const ratio = new Float64Array(length).fill(NaN);
  const basis = new Uint8Array(length);
  // Ratio and basis per pair once, then one typed-array copy per row.
  const pairRatio = new Float64Array(sums.count);
  const pairBasis = new Uint8Array(sums.count);
  for (let p = 0; p < sums.count; p++) {
    pairRatio[p] = sums.ratio(p) ?? NaN;
    pairBasis[p] = BASIS_CODE[sums.basis(p)];
  }
  for (let i = 0; i < length; i++) {
    const p = sums.pairOf[i]!;
    if (p < 0 || kind[i] !== INVESTMENT) continue;
    ratio[i] = pairRatio[p]!;
    basis[i] = pairBasis[p]!;
  }
  roundTripsCache.set(sums, (found = { ratio, basis }));
  return found;
}

/** A pair's round trip with the deals that make its basis what it is (a tooltip's content). */
export type RoundTripDetail = BasisDetail & {
  invested: number;
  credits: number;
  bought_back: number;
  round_trip_usd: number;
  ratio: number | null;
  /** Every counted deal of the pair, both directions, ascending. */
  dealIds: number[];
};

/** The round trip that deal `id` takes part in (its own pair, or the pair its purchase answers); null if none. */
export function roundTripDetail(deals: readonly Deal[], id: number, context: AnalysisContext = {}): RoundTripDetail | null {
  const view = viewBook(deals, context);
  const sums = pairSums(view);
  const at = deals.findIndex((d) => d.id === id);
  const p = at < 0 ? -1 : sums.pairOf[at]!;
  if (p < 0 || !sums.investments[p]) return null;
  const missing: RoundTripDetail['missing'][number][] = [];
  const dealIds: number[] = [];
  deals.forEach((d, i) => {
    if (sums.pairOf[i] !== p) return;
    dealIds.push(d.id);
    const what = d.amount_usd === null ? 'amount' : d.kind === 'investment' && isUnpriced(d) ? 'split' : null;
    if (what) missing.push({ id: d.id, from_party: d.from_party, to_party: d.to_party, kind: d.kind, what });
  });
  return {
    basis: sums.basis(p),
    investor: view.parties.names[sums.investor[p]!]!,
    investee: view.parties.names[sums.investee[p]!]!,
    missing: missing.sort((a, b) => a.id - b.id),
    invested: sums.invested[p]!,
    credits: sums.credits[p]!,
    bought_back: sums.boughtBack[p]!,
    round_trip_usd: sums.roundTrip(p),
    ratio: sums.ratio(p),
    dealIds: dealIds.sort((a, b) => a - b),
  };
}

/**
 * The investment pair whose round trip this deal feeds: its own pair for an investment, the reverse pair for a
 * purchase. Cancelled and infrastructure deals feed nothing, but editing one (say, un-cancelling it or changing
 * its kind) still touches this pair, so the key is returned; callers refresh that pair's rows and the row itself.
 */
export function affectedPairKeys(deal: Pick<DealValues, 'from_party' | 'to_party' | 'kind'>): string[] {
  return deal.kind === 'purchase' ? [pairKey(deal.to_party, deal.from_party)] : [pairKey(deal.from_party, deal.to_party)];
}
