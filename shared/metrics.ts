import type { Deal, DealDerived, DealRow, DealValues } from './deal';

/** The fields the round trip reads; previews of unsaved values can pass DealValues. */
export type FlowFields = Pick<DealValues, 'from_party' | 'to_party' | 'kind' | 'status' | 'amount_usd' | 'credit_usd'>;
export type ShareFields = Pick<DealValues, 'amount_usd' | 'cash_usd' | 'credit_usd'>;

/** Round-trip sums for the investment pair A -> B (spec "Derived columns"). */
export type PairTotals = { invested: number; credits: number; boughtBack: number };

export type RowShares = Pick<DealDerived, 'cash_share' | 'credit_share' | 'other_share'>;

/** Parties match case-insensitively, as in crossFieldIssues. */
export function partyKey(name: string): string {
  return name.trim().toLowerCase();
}

/** Key of the directed pair from -> to; NUL cannot occur in a party name, so keys never collide. */
export function pairKey(from: string, to: string): string {
  return `${partyKey(from)}\u0000${partyKey(to)}`;
}

export const isLive = (d: Pick<DealValues, 'status'>): boolean => d.status !== 'cancelled';

// Shares like 1 - 0.7 - 0.3 leave float dust (5.5e-17); an analyst reads that as 0, and 0 compares exactly.
function share(x: number): number {
  return Math.abs(x) < 1e-12 ? 0 : x;
}

/** Row-local shares, for every row (cancelled included); empty when amount is empty or 0. */
export function rowShares(d: ShareFields): RowShares {
  const amount = d.amount_usd;
  if (amount === null || !(amount > 0) || !Number.isFinite(amount)) {
    return { cash_share: null, credit_share: null, other_share: null };
  }
  const cash = d.cash_usd === null ? null : share(d.cash_usd / amount);
  const credit = d.credit_usd === null ? null : share(d.credit_usd / amount);
  const other = cash === null && credit === null ? null : share(1 - (cash ?? 0) - (credit ?? 0));
  return { cash_share: cash, credit_share: credit, other_share: other };
}

function add(totals: Map<string, PairTotals>, key: string): PairTotals {
  let t = totals.get(key);
  if (!t) {
    t = { invested: 0, credits: 0, boughtBack: 0 };
    totals.set(key, t);
  }
  return t;
}

/**
 * Round-trip sums per investment pair over the live deals, keyed by pairKey(investor, investee). A purchase
 * B -> A counts toward the pair (A, B). Empty amounts count as 0.
 */
export function pairTotals(deals: readonly FlowFields[]): Map<string, PairTotals> {
  const totals = new Map<string, PairTotals>();
  for (const d of deals) {
    if (!isLive(d)) continue;
    if (d.kind === 'investment') {
      const t = add(totals, pairKey(d.from_party, d.to_party));
      t.invested += d.amount_usd ?? 0;
      t.credits += d.credit_usd ?? 0;
    } else if (d.kind === 'purchase') {
      add(totals, pairKey(d.to_party, d.from_party)).boughtBack += d.amount_usd ?? 0;
    }
  }
  return totals;
}

/** round_trip_usd / invested; null when nothing was invested. */
export function roundTripRatio(totals: PairTotals | undefined): number | null {
  if (!totals || !(totals.invested > 0)) return null;
  const ratio = (totals.credits + totals.boughtBack) / totals.invested;
  return Number.isFinite(ratio) ? ratio : null;
}

/** One row's derived columns, given the pair totals of the book (or of every deal between its two parties). */
export function deriveRow(deal: Deal, totals: Map<string, PairTotals>): DealRow {
  const ratio =
    deal.kind === 'investment' && isLive(deal) ? roundTripRatio(totals.get(pairKey(deal.from_party, deal.to_party))) : null;
  return { ...deal, ...rowShares(deal), round_trip_ratio: ratio };
}

/**
 * Every row with its derived columns, in one pass for the sums and one for the rows. Correct for any set of
 * deals that holds every deal between each pair of parties it mentions (the whole book, or one pair's deals).
 */
export function deriveRows(deals: readonly Deal[]): DealRow[] {
  const totals = pairTotals(deals);
  return deals.map((d) => deriveRow(d, totals));
}

/**
 * The investment pair whose round trip this deal feeds: its own pair for an investment, the reverse pair for a
 * purchase. Cancelled and infrastructure deals feed nothing, but editing one (say, un-cancelling it or changing
 * its kind) still touches this pair, so the key is returned; callers refresh that pair's rows and the row itself.
 */
export function affectedPairKeys(deal: Pick<DealValues, 'from_party' | 'to_party' | 'kind'>): string[] {
  return deal.kind === 'purchase' ? [pairKey(deal.to_party, deal.from_party)] : [pairKey(deal.from_party, deal.to_party)];
}
