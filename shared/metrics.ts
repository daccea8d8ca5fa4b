import { partyKey } from './deal';
import type { Deal, DealDerived, DealRow, DealValues } from './deal';

/** The fields the round trip reads; previews of unsaved values can pass DealValues. */
export type FlowFields = Pick<DealValues, 'from_party' | 'to_party' | 'kind' | 'status' | 'amount_usd' | 'credit_usd'>;
export type ShareFields = Pick<DealValues, 'amount_usd' | 'cash_usd' | 'credit_usd'>;

/** Round-trip sums for the investment pair A -> B (spec "Derived columns"). */
export type PairTotals = { invested: number; credits: number; boughtBack: number };

export type RowShares = Pick<DealDerived, 'cash_share' | 'credit_share' | 'other_share'>;

export { partyKey };

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

/**
 * Dense numeric ids for parties, matching case-insensitively, named by the first spelling seen. Each distinct
 * spelling is normalised once, so whole-book passes cost one Map lookup per party name, not a trim and a lowercase.
 */
export type PartyIndex = { id: (name: string) => number; names: string[]; keys: string[] };

export function partyIndex(): PartyIndex {
  const bySpelling = new Map<string, number>();
  const byKey = new Map<string, number>();
  const names: string[] = [];
  const keys: string[] = [];
  const id = (name: string): number => {
    let found = bySpelling.get(name);
    if (found !== undefined) return found;
    const key = partyKey(name);
    found = byKey.get(key);
    if (found === undefined) {
      found = keys.length;
      byKey.set(key, found);
      keys.push(key);
      names.push(name.trim());
    }
    bySpelling.set(name, found);
    return found;
  };
  return { id, names, keys };
}

/** Values per (from id, to id): one small Map per from party, cheaper in V8 than composite keys. */
export type PairMap<T> = Map<number, T>[];

export function pairEntry<T>(map: PairMap<T>, from: number, to: number, make: (from: number, to: number) => T): T {
  let inner = map[from];
  if (!inner) {
    inner = new Map();
    map[from] = inner;
  }
  let value = inner.get(to);
  if (value === undefined) {
    value = make(from, to);
    inner.set(to, value);
  }
  return value;
}

export function pairValues<T>(map: PairMap<T>): T[] {
  const values: T[] = [];
  for (const inner of map) if (inner) for (const v of inner.values()) values.push(v);
  return values;
}

const emptyTotals = (): PairTotals => ({ invested: 0, credits: 0, boughtBack: 0 });

// Adds one deal to the round trip of the pair it feeds; a and b are the ids of its from and to parties.
function accumulate(totals: PairMap<PairTotals>, d: FlowFields, a: number, b: number): void {
  if (!isLive(d)) return;
  if (d.kind === 'investment') {
    const t = pairEntry(totals, a, b, emptyTotals);
    t.invested += d.amount_usd ?? 0;
    t.credits += d.credit_usd ?? 0;
  } else if (d.kind === 'purchase') {
    pairEntry(totals, b, a, emptyTotals).boughtBack += d.amount_usd ?? 0;
  }
}

/** pairTotals keyed by party ids of a shared index, for the whole-book passes. */
export function pairTotalsById(deals: readonly FlowFields[], parties: PartyIndex): PairMap<PairTotals> {
  const totals: PairMap<PairTotals> = [];
  for (const d of deals) accumulate(totals, d, parties.id(d.from_party), parties.id(d.to_party));
  return totals;
}

/**
 * Round-trip sums per investment pair over the live deals, keyed by pairKey(investor, investee). A purchase
 * B -> A counts toward the pair (A, B). Empty amounts count as 0.
 */
export function pairTotals(deals: readonly FlowFields[]): Map<string, PairTotals> {
  const parties = partyIndex();
  const byId = pairTotalsById(deals, parties);
  const totals = new Map<string, PairTotals>();
  byId.forEach((inner, from) => {
    for (const [to, t] of inner) totals.set(pairKey(parties.keys[from]!, parties.keys[to]!), t);
  });
  return totals;
}

/** round_trip_usd / invested; null when nothing was invested. */
export function roundTripRatio(totals: PairTotals | undefined): number | null {
  if (!totals || !(totals.invested > 0)) return null;
  const ratio = (totals.credits + totals.boughtBack) / totals.invested;
  return Number.isFinite(ratio) ? ratio : null;
}

/** One row: the deal's own fields plus its derived columns, given its pair's totals. */
export function deriveRow(deal: Deal, totals: PairTotals | undefined): DealRow {
  const shares = rowShares(deal);
  // Spelled out, not spread: spreading into a wider object is ~50x slower in V8 and would carry stray keys.
  return {
    id: deal.id,
    announced: deal.announced,
    from_party: deal.from_party,
    to_party: deal.to_party,
    kind: deal.kind,
    status: deal.status,
    amount_usd: deal.amount_usd,
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
    round_trip_ratio: deal.kind === 'investment' && isLive(deal) ? roundTripRatio(totals) : null,
  };
}

/**
 * Every row with its derived columns: one pass for the sums, one for the rows. Correct for any set of deals
 * that holds every deal between each pair of parties it mentions (the whole book, or one pair's deals).
 */
export function deriveRows(deals: readonly Deal[]): DealRow[] {
  const parties = partyIndex();
  const from = new Int32Array(deals.length);
  const to = new Int32Array(deals.length);
  const totals: PairMap<PairTotals> = [];
  for (let i = 0; i < deals.length; i++) {
    const d = deals[i]!;
    from[i] = parties.id(d.from_party);
    to[i] = parties.id(d.to_party);
    accumulate(totals, d, from[i]!, to[i]!);
  }
  return deals.map((d, i) => deriveRow(d, totals[from[i]!]?.get(to[i]!)));
}

/**
 * The investment pair whose round trip this deal feeds: its own pair for an investment, the reverse pair for a
 * purchase. Cancelled and infrastructure deals feed nothing, but editing one (say, un-cancelling it or changing
 * its kind) still touches this pair, so the key is returned; callers refresh that pair's rows and the row itself.
 */
export function affectedPairKeys(deal: Pick<DealValues, 'from_party' | 'to_party' | 'kind'>): string[] {
  return deal.kind === 'purchase' ? [pairKey(deal.to_party, deal.from_party)] : [pairKey(deal.from_party, deal.to_party)];
}
