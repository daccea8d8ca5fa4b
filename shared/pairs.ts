import type { RoundTripBasis } from './deal';
import type { BookView } from './book-view';
import { isUnpriced } from './book-view';
import type { PairMap } from './party-index';

/**
 * The investment pairs' round-trip sums under a scenario, one slot per pair (investor, investee) in typed
 * arrays: a big book has tens of thousands of pairs. Only counted, non-internal rows take part; an empty
 * amount adds nothing to a sum and is counted instead (undisclosed), so the basis can say the sum is a floor.
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
  /** Each deal's pair slot, -1 for a deal in none. */
  readonly pairOf: Int32Array;
  private readonly slots: PairMap<number> = [];

  /** At most one pair per deal. */
  constructor(capacity: number) {
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
    this.pairOf = new Int32Array(capacity).fill(-1);
  }

  // Spelled out rather than through pairEntry: a closure per deal is a measurable share of a whole-book pass.
  slot(investor: number, investee: number): number {
    let inner = this.slots[investor];
    if (!inner) this.slots[investor] = inner = new Map();
    const found = inner.get(investee);
    if (found !== undefined) return found;
    const p = this.count++;
    this.investor[p] = investor;
    this.investee[p] = investee;
    inner.set(investee, p);
    return p;
  }

  /** The slot of (investor, investee), or -1. */
  find(investor: number, investee: number): number {
    return this.slots[investor]?.get(investee) ?? -1;
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

/** One pass over the view's counted rows: every investment pair's sums and each deal's pair. */
export function pairSums(view: BookView): PairSums {
  const { deals, counted, internal, amount, credit } = view;
  const sums = new PairSums(deals.length);
  for (let i = 0; i < deals.length; i++) {
    if (!counted[i] || internal[i]) continue;
    const d = deals[i]!;
    if (d.kind === 'infrastructure') continue;
    const a = amount[i]!;
    if (d.kind === 'purchase') {
      const p = (sums.pairOf[i] = sums.slot(view.to[i]!, view.from[i]!));
      sums.purchases[p]++;
      if (a === a) sums.boughtBack[p] += a;
      else sums.undisclosedPurchases[p]++;
      continue;
    }
    const p = (sums.pairOf[i] = sums.slot(view.from[i]!, view.to[i]!));
    sums.investments[p]++;
    const c = credit[i]!;
    if (c === c) sums.credits[p] += c;
    if (a !== a) sums.undisclosedInvestments[p]++;
    else {
      sums.invested[p] += a;
      if (isUnpriced(d)) sums.unpriced[p]++;
    }
  }
  return sums;
}

const BASIS_RANK: Record<RoundTripBasis, number> = { unknown: 0, at_least: 1, exact: 2 };

/** The weaker of two bases (unknown < at_least < exact); null is "no pair yet". */
export function weakerBasis(a: RoundTripBasis | null, b: RoundTripBasis): RoundTripBasis {
  return a === null || BASIS_RANK[b] < BASIS_RANK[a] ? b : a;
}
