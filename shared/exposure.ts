import type { RoundTripBasis } from './deal';
import type { BookView } from './book-view';
import { weakerBasis, type PairSums } from './pairs';
import { INFRASTRUCTURE, PURCHASE } from './book-columns';

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

const byName = (a: string, b: string): number => {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  return x < y ? -1 : x > y ? 1 : 0;
};

const newExposure = (investor: string): Exposure => ({
  investor, invested_cash: 0, invested_credit: 0, invested_other: 0, invested_unsplit: 0, infrastructure: 0,
  undisclosed: 0, exposure: 0, returned: 0, returned_basis: null, net: 0,
});

const newRecipient = (recipient: string): Recipient => ({
  recipient, received_cash: 0, received_credit: 0, received_other: 0, received_unsplit: 0, received: 0,
  undisclosed: 0, investors: 0, paid_back: 0, paid_back_share: null, basis: null,
});

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
  // Preallocated to the party count: a sparse array written at random ids would fall back to a dictionary.
  const exposure: (Exposure | undefined)[] = new Array(parties.names.length);
  const recipients: (Recipient | undefined)[] = new Array(parties.names.length);
  // A pair with a shown investment row counts its investor once among the recipient's investors.
  const invests = new Uint8Array(sums.count);
  const split: Split = { cash: 0, credit: 0, other: 0, unsplit: 0, undisclosed: false };
  for (let i = 0; i < length; i++) {
    if (!counted[i] || internal[i] || (shown && !shown[i])) continue;
    const k = kind[i]!;
    if (k === PURCHASE) continue;
    const a = view.from[i]!;
    const row = (exposure[a] ??= newExposure(parties.names[a]!));
    if (k === INFRASTRUCTURE) {
      const amount = view.amount[i]!;
      if (amount === amount) row.infrastructure += amount;
      else row.undisclosed++;
      continue;
    }
    splitRow(view, i, split);
    row.invested_cash += split.cash;
    row.invested_credit += split.credit;
    row.invested_other += split.other;
    row.invested_unsplit += split.unsplit;
    if (split.undisclosed) row.undisclosed++;
    const b = view.to[i]!;
    const r = (recipients[b] ??= newRecipient(parties.names[b]!));
    r.received_cash += split.cash;
    r.received_credit += split.credit;
    r.received_other += split.other;
    r.received_unsplit += split.unsplit;
    if (split.undisclosed) r.undisclosed++;
    invests[sums.pairOf[i]!] = 1;
  }
  for (let p = 0; p < sums.count; p++) {
    if (!listed[p]) continue;
    const basis = sums.basis(p);
    const e = exposure[sums.investor[p]!];
    if (e) {
      e.returned += sums.roundTrip(p);
      e.returned_basis = weakerBasis(e.returned_basis, basis);
    }
    const r = recipients[sums.investee[p]!];
    if (r) {
      r.paid_back += sums.roundTrip(p);
      r.basis = weakerBasis(r.basis, basis);
      if (invests[p]) r.investors++;
    }
  }
  const exposureRows = exposure.filter((e) => e !== undefined);
  for (const e of exposureRows) {
    const invested = e.invested_cash + e.invested_credit + e.invested_other + e.invested_unsplit;
    e.exposure = invested + e.infrastructure;
    e.net = invested - e.returned;
  }
  const recipientRows = recipients.filter((r) => r !== undefined);
  recipientRows.forEach((r) => {
    r.received = r.received_cash + r.received_credit + r.received_other + r.received_unsplit;
    r.paid_back_share = r.received > 0 ? r.paid_back / r.received : null;
  });
  return {
    exposure: exposureRows.sort((x, y) => y.exposure - x.exposure || byName(x.investor, y.investor)),
    recipients: recipientRows.sort((x, y) => y.received - x.received || byName(x.recipient, y.recipient)),
  };
}

export { byName };
