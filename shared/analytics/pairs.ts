import type { RoundTripBasis } from '../model/deal';
import type { BookView, Grouping } from './book-view';
import { INFRASTRUCTURE, PURCHASE } from './book-columns';
import { keyRank, type PairMap } from './party-index';
import { orderByValueDesc } from './value-order';

/** Every (investor, investee) pair some deal could feed under one grouping of parties, whatever the scenario. */
type PairIndex = {
  count: number;
  investor: Int32Array;
  investee: Int32Array;
  pairOf: Int32Array;
  /** Index slots in (investor key, investee key) order; built on first use. */
  byParties: Int32Array | null;
};

// Keyed by the party columns, and made from them and the kinds: columns patched after an edit that changed no
// party and no kind share all three arrays with the columns before, and so their pair index.
const pairIndexes = new WeakMap<Int32Array, { to: Int32Array; kind: Uint8Array; index: PairIndex }>();

// Scenario-independent, so built once per book version (and roll-up grouping): a scenario's pass then finds
// each deal's pair by index instead of through a Map.
function pairIndexOf(view: BookView): PairIndex {
  const known = pairIndexes.get(view.grouping.from);
  if (known && known.to === view.grouping.to && known.kind === view.columns.kind) return known.index;
  const { kind, length } = view.columns;
  const { from, to } = view.grouping;
  const slots: PairMap<number> = [];
  const investor: number[] = [];
  const investee: number[] = [];
  const pairOf = new Int32Array(length).fill(-1);
  for (let i = 0; i < length; i++) {
    const k = kind[i]!;
    if (k === INFRASTRUCTURE) continue;
    const a = k === PURCHASE ? to[i]! : from[i]!;
    const b = k === PURCHASE ? from[i]! : to[i]!;
    let inner = slots[a];
    if (!inner) slots[a] = inner = new Map();
    let p = inner.get(b);
    if (p === undefined) {
      p = investor.length;
      investor.push(a);
      investee.push(b);
      inner.set(b, p);
    }
    pairOf[i] = p;
  }
  const found: PairIndex = { count: investor.length, investor: Int32Array.from(investor), investee: Int32Array.from(investee), pairOf, byParties: null };
  pairIndexes.set(view.grouping.from, { to: view.grouping.to, kind: view.columns.kind, index: found });
  return found;
}

/**
 * The investment pairs' round-trip sums under a scenario, one slot per pair (investor, investee) in typed
 * arrays: a big book has tens of thousands of pairs. Only counted, non-internal rows take part; an empty
 * amount adds nothing to a sum and is counted instead (undisclosed), so the basis can say the sum is a floor.
 * Slots are numbered in order of each pair's first counted row.
 */
export class PairSums {
  count = 0;
  readonly investor: Int32Array;
  readonly investee: Int32Array;
  readonly invested: Float64Array;
  readonly credits: Float64Array;
  readonly boughtBack: Float64Array;
  readonly investments: Int32Array;
  readonly purchases: Int32Array;
  /** Investment rows of the pair with an empty amount (the denominator is not known). */
  readonly undisclosedInvestments: Int32Array;
  /** Purchase rows back with an empty amount. */
  readonly undisclosedPurchases: Int32Array;
  /** Investment rows with an amount but no complete split (credit empty, cash empty or below the amount). */
  readonly unpriced: Int32Array;
  /**
   * Investment rows whose credits the book does not know: credit empty, and not implied 0 by cash = amount (no
   * amount, or cash empty or below it). With undisclosedPurchases, what leaves the round trip's sum a floor.
   */
  readonly unknownCredits: Int32Array;
  /** Each deal's pair slot, -1 for a deal in none. */
  readonly pairOf: Int32Array;
  /** Each slot's pair in the book's scenario-independent pair index (and back: -1 for a pair no counted row feeds). */
  readonly indexSlot: Int32Array;
  readonly localSlot: Int32Array;

  /** At most `capacity` pairs, `deals` deals. */
  constructor(capacity: number, deals = capacity) {
    this.investor = new Int32Array(capacity);
    this.investee = new Int32Array(capacity);
    this.invested = new Float64Array(capacity);
    this.credits = new Float64Array(capacity);
    this.boughtBack = new Float64Array(capacity);
    this.investments = new Int32Array(capacity);
    this.purchases = new Int32Array(capacity);
    this.undisclosedInvestments = new Int32Array(capacity);
    this.undisclosedPurchases = new Int32Array(capacity);
    this.unpriced = new Int32Array(capacity);
    this.unknownCredits = new Int32Array(capacity);
    this.pairOf = new Int32Array(deals).fill(-1);
    this.indexSlot = new Int32Array(capacity);
    this.localSlot = new Int32Array(capacity).fill(-1);
  }

  roundTrip(p: number): number {
    return this.credits[p]! + this.boughtBack[p]!;
  }

  /** round_trip_usd / invested; null when nothing (known) was invested. */
  ratio(p: number): number | null {
    const invested = this.invested[p]!;
    if (!(invested > 0)) return null;
    const r = this.roundTrip(p) / invested;
    return Number.isFinite(r) ? r : null;
  }

  /** The spec's round_trip_basis of a pair with at least one counted investment row. */
  basis(p: number): RoundTripBasis {
    if (!(this.invested[p]! > 0) || this.undisclosedInvestments[p]! > 0) return 'unknown';
    return this.undisclosedPurchases[p]! > 0 || this.unpriced[p]! > 0 ? 'at_least' : 'exact';
  }

  undisclosedLegs(p: number): number {
    return this.undisclosedInvestments[p]! + this.undisclosedPurchases[p]!;
  }
}

// Keyed by the view's amounts: a view handed out again under another scenario name shares them, and its sums.
const sumsCache = new WeakMap<Float64Array, PairSums>();

/** One pass over the view's counted rows: every investment pair's sums and each deal's pair (cached per view). */
export function pairSums(view: BookView): PairSums {
  let sums = sumsCache.get(view.amount);
  if (!sums) sumsCache.set(view.amount, (sums = computePairSums(view)));
  return sums;
}

/**
 * The sign of `b - a` (0 when equal or NaN, as `b - a || tie` reads it). A compare that returns the difference
 * itself boxes a fresh number on every call once values pass 2^31: megabytes of garbage per sort of 10k parties.
 */
export function descending(a: number, b: number): number {
  const d = b - a;
  return d > 0 ? 1 : d < 0 ? -1 : 0;
}

/** Slots (`from` in that order, or 0..n-1) stably ordered by rank[party[slot]]. */
function countingOrder(from: Int32Array | null, party: Int32Array, rank: Int32Array): Int32Array {
  const n = party.length;
  const start = new Int32Array(rank.length + 1);
  for (let q = 0; q < n; q++) start[rank[party[q]!]! + 1]++;
  for (let r = 1; r < start.length; r++) start[r] += start[r - 1]!;
  const out = new Int32Array(n);
  for (let k = 0; k < n; k++) {
    const q = from ? from[k]! : k;
    out[start[rank[party[q]!]!]!++] = q;
  }
  return out;
}

/** The index's slots in (investor key, investee key) order: the pairs table's order among equal round trips. */
function partiesOrder(view: BookView): PairIndex {
  const index = pairIndexOf(view);
  if (index.byParties) return index;
  const rank = keyRank(view.parties);
  const { investor, investee } = index;
  // Two counting sorts (investee rank, then investor rank, each stable): no two slots share both parties.
  const byInvestee = countingOrder(null, investee, rank);
  index.byParties = countingOrder(byInvestee, investor, rank);
  return index;
}

const tableOrders = new WeakMap<PairSums, Int32Array>();

/**
 * The slots with a counted investment, by round trip descending, ties by investor key then investee key: the
 * pairs table's order, the same whatever rows are shown (a filter lists a subset in this order), so made once per
 * pair sums. Most pairs round-trip 0: they come in the parties' order (sorted once per book version); only the
 * others are sorted.
 */
export function pairsByRoundTrip(view: BookView, sums: PairSums): Int32Array {
  let found = tableOrders.get(sums);
  if (found) return found;
  const keep = new Uint8Array(sums.count);
  for (let p = 0; p < sums.count; p++) if (sums.investments[p]) keep[p] = 1;
  found = orderOf(view, sums, keep);
  tableOrders.set(sums, found);
  return found;
}

function orderOf(view: BookView, sums: PairSums, keep: Uint8Array): Int32Array {
  const index = partiesOrder(view);
  const roundTrip = new Float64Array(sums.count);
  const above: number[] = [];
  const zero: number[] = [];
  const below: number[] = [];
  for (const q of index.byParties!) {
    const p = sums.localSlot[q]!;
    if (p < 0 || !keep[p]) continue;
    const rt = (roundTrip[p] = sums.roundTrip(p));
    if (rt > 0) above.push(p);
    else if (rt < 0) below.push(p);
    else zero.push(p);
  }
  // Gathered in the parties' order, so a stable sort by round trip alone keeps that order among equal ones.
  // Neither list holds a NaN (it is in `zero`, where it always was).
  const order = new Int32Array(above.length + zero.length + below.length);
  order.set(orderByValueDesc(above, roundTrip)!);
  order.set(zero, above.length);
  order.set(orderByValueDesc(below, roundTrip)!, above.length + zero.length);
  return order;
}

function computePairSums(view: BookView): PairSums {
  const { counted, internal, amount, credit } = view;
  const { kind, unpriced, length } = view.columns;
  const index = pairIndexOf(view);
  const sums = new PairSums(index.count, length);
  // Index slot -> this scenario's slot, numbered on first counted row (as sums always were: order-dependent float
  // sums downstream stay bit-identical).
  const local = sums.localSlot;
  for (let i = 0; i < length; i++) {
    if (!counted[i] || internal[i]) continue;
    const k = kind[i]!;
    if (k === INFRASTRUCTURE) continue;
    const q = index.pairOf[i]!;
    let p = local[q]!;
    if (p < 0) {
      p = local[q] = sums.count++;
      sums.indexSlot[p] = q;
      sums.investor[p] = index.investor[q]!;
      sums.investee[p] = index.investee[q]!;
    }
    sums.pairOf[i] = p;
    const a = amount[i]!;
    if (k === PURCHASE) {
      sums.purchases[p]++;
      if (a === a) sums.boughtBack[p] += a;
      else sums.undisclosedPurchases[p]++;
      continue;
    }
    sums.investments[p]++;
    const c = credit[i]!;
    if (c === c) sums.credits[p] += c;
    else if (a !== a || unpriced[i]) sums.unknownCredits[p]++;
    if (a !== a) sums.undisclosedInvestments[p]++;
    else {
      sums.invested[p] += a;
      if (unpriced[i]) sums.unpriced[p]++;
    }
  }
  return sums;
}

const BASIS_RANK: Record<RoundTripBasis, number> = { unknown: 0, at_least: 1, exact: 2 };

/** The weaker of two bases (unknown < at_least < exact); null is "no pair yet". */
export function weakerBasis(a: RoundTripBasis | null, b: RoundTripBasis): RoundTripBasis {
  return a === null || BASIS_RANK[b] < BASIS_RANK[a] ? b : a;
}
