import type { RoundTripBasis } from '../model/deal';
import type { BookView } from './book-view';
import { descending, type PairSums } from './pairs';
import { INFRASTRUCTURE, PURCHASE } from './book-columns';
import { nameOrder, type NameOrder } from './party-index';
import { orderByValueDesc } from './value-order';

/** Exposure of one investor over its counted rows as from_party (spec "Aggregates", v2). */
export type Exposure = {
  investor: string;
  invested_cash: number;
  invested_credit: number;
  invested_other: number;
  /** Invested value whose split the book does not know (cash or credit empty): not a fourth kind of money. */
  invested_unsplit: number;
  infrastructure: number;
  /** Investment and infrastructure rows with no amount: counted, not summed. */
  undisclosed: number;
  exposure: number;
  returned: number;
  /** The weakest basis of the investor's pairs; null when it has none. */
  returned_basis: RoundTripBasis | null;
  net: number;
};

/** Money received by one party from investments (v2), and how much of it flows back to its investors. */
export type Recipient = {
  recipient: string;
  received_cash: number;
  received_credit: number;
  received_other: number;
  received_unsplit: number;
  received: number;
  undisclosed: number;
  /** Distinct investors. */
  investors: number;
  paid_back: number;
  /** paid_back / received; null when received is 0. */
  paid_back_share: number | null;
  basis: RoundTripBasis | null;
};

/** Cash, credit, other and unsplit of one counted investment row (effective values; NaN = empty). */
export type Split = { cash: number; credit: number; other: number; unsplit: number; undisclosed: boolean };

export function splitRow(view: BookView, i: number, out: Split): Split {
  const a = view.amount[i]!;
  const c = view.cash[i]!;
  const k = view.credit[i]!;
  const hasC = c === c;
  const hasK = k === k;
  out.cash = hasC ? c : 0;
  out.credit = hasK ? k : 0;
  out.other = 0;
  out.unsplit = 0;
  out.undisclosed = a !== a;
  if (!out.undisclosed) {
    const rest = a - out.cash - out.credit;
    if (hasC && hasK) out.other = rest;
    else out.unsplit = rest;
  }
  return out;
}

/**
 * The parties with `seen[id]`, by value descending, then lower-cased name, then id: the order a stable sort of the
 * ids by `value[y] - value[x]`, then the names' toLowerCase(), gives. Ids are sorted as numbers, objects made after.
 */
function byValueThenName(seen: Uint8Array, value: Float64Array, names: NameOrder): ArrayLike<number> {
  const inNameOrder: number[] = [];
  for (const id of names.order) if (seen[id]) inNameOrder.push(id);
  const sorted = orderByValueDesc(inNameOrder, value);
  if (sorted) return sorted;
  // A NaN value orders nothing; the compare itself then decides, over the ids in id order as it always did.
  const ids: number[] = [];
  for (let id = 0; id < seen.length; id++) if (seen[id]) ids.push(id);
  return ids.sort((x, y) => descending(value[x]!, value[y]!) || names.rank[x]! - names.rank[y]!);
}


/** Sums per party in typed arrays (one slot per party id): objects are made once, with their final values. */
class PartySums {
  readonly cash: Float64Array;
  readonly credit: Float64Array;
  readonly other: Float64Array;
  readonly unsplit: Float64Array;
  readonly infrastructure: Float64Array;
  readonly pairs: Float64Array;
  readonly undisclosed: Int32Array;
  readonly investors: Int32Array;
  /** 0: no basis yet; else BASIS_RANK + 1 of the weakest basis. */
  readonly basis: Uint8Array;
  readonly seen: Uint8Array;
  constructor(n: number) {
    this.cash = new Float64Array(n);
    this.credit = new Float64Array(n);
    this.other = new Float64Array(n);
    this.unsplit = new Float64Array(n);
    this.infrastructure = new Float64Array(n);
    this.pairs = new Float64Array(n);
    this.undisclosed = new Int32Array(n);
    this.investors = new Int32Array(n);
    this.basis = new Uint8Array(n);
    this.seen = new Uint8Array(n);
  }

  /** Adds one counted investment row's split (cash, credit, other, unsplit; undisclosed when the amount is empty). */
  split(id: number, view: BookView, i: number): void {
    this.seen[id] = 1;
    const a = view.amount[i]!;
    const c = view.cash[i]!;
    const k = view.credit[i]!;
    const hasC = c === c;
    const hasK = k === k;
    const cash = hasC ? c : 0;
    const credit = hasK ? k : 0;
    this.cash[id] += cash;
    this.credit[id] += credit;
    if (a !== a) {
      this.undisclosed[id]++;
      // Nothing more is known; the zero sums keep the additions below in the same order as before.
      this.other[id] += 0;
      this.unsplit[id] += 0;
      return;
    }
    const rest = a - cash - credit;
    this.other[id] += hasC && hasK ? rest : 0;
    this.unsplit[id] += hasC && hasK ? 0 : rest;
  }

  weaker(id: number, basis: RoundTripBasis): void {
    const code = BASIS_CODE[basis];
    const at = this.basis[id]!;
    if (at === 0 || code < at) this.basis[id] = code;
  }
}

const BASIS_CODE: Record<RoundTripBasis, number> = { unknown: 1, at_least: 2, exact: 3 };
const BASIS_OF: (RoundTripBasis | null)[] = [null, 'unknown', 'at_least', 'exact'];

/**
 * Exposure per investor and money received per recipient, in one pass over the shown rows (`shown[i]` = 1;
 * null = all). Pair-level values (`returned`, `paid_back` and their bases) come from each listed pair's sums
 * over every counted row; `listed[p]` = 1 for the pairs with a shown row.
 */
export function exposureAndRecipients(
  view: BookView,
  sums: PairSums,
  shown: Uint8Array | null,
  listed: Uint8Array,
): { exposure: Exposure[]; recipients: Recipient[] } {
  const { counted, internal, parties } = view;
  const { kind, length } = view.columns;
  const n = parties.names.length;
  const e = new PartySums(n);
  const r = new PartySums(n);
  // A pair with a shown investment row counts its investor once among the recipient's investors.
  const invests = new Uint8Array(sums.count);
  for (let i = 0; i < length; i++) {
    if (!counted[i] || internal[i] || (shown && !shown[i])) continue;
    const k = kind[i]!;
    if (k === PURCHASE) continue;
    const a = view.from[i]!;
    if (k === INFRASTRUCTURE) {
      e.seen[a] = 1;
      const amount = view.amount[i]!;
      if (amount === amount) e.infrastructure[a] += amount;
      else e.undisclosed[a]++;
      continue;
    }
    e.split(a, view, i);
    r.split(view.to[i]!, view, i);
    invests[sums.pairOf[i]!] = 1;
  }
  for (let p = 0; p < sums.count; p++) {
    if (!listed[p]) continue;
    const basis = sums.basis(p);
    const investor = sums.investor[p]!;
    if (e.seen[investor]) {
      e.pairs[investor] += sums.roundTrip(p);
      e.weaker(investor, basis);
    }
    const investee = sums.investee[p]!;
    if (r.seen[investee]) {
      r.pairs[investee] += sums.roundTrip(p);
      r.weaker(investee, basis);
      if (invests[p]) r.investors[investee]++;
    }
  }
  const exposureOf = new Float64Array(n);
  const receivedOf = new Float64Array(n);
  for (let id = 0; id < n; id++) {
    if (e.seen[id]) exposureOf[id] = e.cash[id]! + e.credit[id]! + e.other[id]! + e.unsplit[id]! + e.infrastructure[id]!;
    if (r.seen[id]) receivedOf[id] = r.cash[id]! + r.credit[id]! + r.other[id]! + r.unsplit[id]!;
  }
  const names = nameOrder(parties);
  const investors = byValueThenName(e.seen, exposureOf, names);
  const receivers = byValueThenName(r.seen, receivedOf, names);
  const exposure: Exposure[] = [];
  for (let k = 0; k < investors.length; k++) {
    const id = investors[k]!;
    const invested = e.cash[id]! + e.credit[id]! + e.other[id]! + e.unsplit[id]!;
    exposure.push({
      investor: parties.names[id]!, invested_cash: e.cash[id]!, invested_credit: e.credit[id]!, invested_other: e.other[id]!,
      invested_unsplit: e.unsplit[id]!, infrastructure: e.infrastructure[id]!, undisclosed: e.undisclosed[id]!,
      exposure: exposureOf[id]!, returned: e.pairs[id]!, returned_basis: BASIS_OF[e.basis[id]!]!, net: invested - e.pairs[id]!,
    });
  }
  const recipients: Recipient[] = [];
  for (let k = 0; k < receivers.length; k++) {
    const id = receivers[k]!;
    const received = receivedOf[id]!;
    recipients.push({
      recipient: parties.names[id]!, received_cash: r.cash[id]!, received_credit: r.credit[id]!, received_other: r.other[id]!,
      received_unsplit: r.unsplit[id]!, received, undisclosed: r.undisclosed[id]!, investors: r.investors[id]!,
      paid_back: r.pairs[id]!, paid_back_share: received > 0 ? r.pairs[id]! / received : null, basis: BASIS_OF[r.basis[id]!]!,
    });
  }
  return { exposure, recipients };
}

