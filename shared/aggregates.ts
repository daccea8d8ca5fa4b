import type { Deal } from './deal';
import { commitmentsByAnnouncement, disbursementByYear, type CommitmentPeriod, type DisbursementYear } from './commitments';
import { isLive, pairEntry, partyIndex, roundTripRatio, type PairMap, type PartyIndex } from './metrics';

export {
  commitmentsByAnnouncement,
  disbursementByYear,
  type CommitmentPeriod,
  type CommitmentSplit,
  type DisbursementYear,
  type Period,
} from './commitments';

/** Exposure of one investor over its live rows as from_party (spec "Aggregates"). */
export type Exposure = {
  investor: string;
  invested_cash: number;
  invested_credit: number;
  invested_other: number;
  infrastructure: number;
  exposure: number;
  returned: number;
  net: number;
};

/** A live investment A -> B answered by live purchases B -> A. */
export type ReciprocalPair = {
  investor: string;
  investee: string;
  invested: number;
  credits: number;
  boughtBack: number;
  roundTripUsd: number;
  /** Null when nothing was invested (undisclosed amounts). */
  ratio: number | null;
  /** The pair's investment and purchase deals, ascending. */
  dealIds: number[];
};

/** What the charts and reports show, computed over the live deals. */
export type Aggregates = {
  exposure: Exposure[];
  byYear: CommitmentPeriod[];
  disbursement: DisbursementYear[];
  pairs: ReciprocalPair[];
};

const byName = (a: string, b: string): number => {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  return x < y ? -1 : x > y ? 1 : 0;
};

/**
 * The investment pairs' round-trip sums, one slot per pair in typed arrays: a big book has tens of thousands of
 * pairs, and an object per pair is most of the cost of a whole-book pass.
 */
class PairSums {
  count = 0;
  readonly investor: Int32Array;
  readonly investee: Int32Array;
  readonly invested: Float64Array;
  readonly credits: Float64Array;
  readonly boughtBack: Float64Array;
  readonly investments: Int32Array;
  readonly purchases: Int32Array;
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
  }

  slot(investor: number, investee: number): number {
    return pairEntry(this.slots, investor, investee, () => {
      this.investor[this.count] = investor;
      this.investee[this.count] = investee;
      return this.count++;
    });
  }
}

/**
 * One pass over the live deals, shared by the aggregates: party ids, the investment pairs' sums, each deal's pair
 * (so collecting a pair's deals needs no lookups), and the investors' exposure sums. Three Map lookups a deal.
 */
type IndexedBook = { parties: PartyIndex; pairs: PairSums; pairOf: Int32Array; exposure: Exposure[] };

function indexBook(deals: readonly Deal[]): IndexedBook {
  const parties = partyIndex();
  const pairs = new PairSums(deals.length);
  const pairOf = new Int32Array(deals.length).fill(-1);
  const exposure: Exposure[] = [];
  for (let i = 0; i < deals.length; i++) {
    const d = deals[i]!;
    if (!isLive(d)) continue;
    const a = parties.id(d.from_party);
    const b = parties.id(d.to_party);
    const amount = d.amount_usd ?? 0;
    if (d.kind === 'purchase') {
      const p = (pairOf[i] = pairs.slot(b, a));
      pairs.boughtBack[p] += amount;
      pairs.purchases[p]++;
      continue;
    }
    const row = (exposure[a] ??= newExposure(parties.names[a]!));
    row.exposure += amount;
    if (d.kind === 'infrastructure') {
      row.infrastructure += amount;
      continue;
    }
    const p = (pairOf[i] = pairs.slot(a, b));
    pairs.invested[p] += amount;
    pairs.credits[p] += d.credit_usd ?? 0;
    pairs.investments[p]++;
    row.invested_cash += d.cash_usd ?? 0;
    row.invested_credit += d.credit_usd ?? 0;
    row.invested_other += amount - (d.cash_usd ?? 0) - (d.credit_usd ?? 0);
  }
  return { parties, pairs, pairOf, exposure };
}

const newExposure = (investor: string): Exposure => ({
  investor, invested_cash: 0, invested_credit: 0, invested_other: 0, infrastructure: 0, exposure: 0, returned: 0, net: 0,
});

/**
 * One row per party with at least one live investment or infrastructure row as from_party, by exposure
 * descending. `returned` sums round_trip_usd over every party it invests in; invested_other is literally
 * amount - cash - credit, so the three invested columns always add up to the amounts invested.
 */
export function exposureByInvestor(deals: readonly Deal[]): Exposure[] {
  return exposureOf(indexBook(deals));
}

function exposureOf(book: IndexedBook): Exposure[] {
  const { exposure: rows, pairs } = book;
  for (let p = 0; p < pairs.count; p++) {
    if (pairs.investments[p]) rows[pairs.investor[p]!]!.returned += pairs.credits[p]! + pairs.boughtBack[p]!;
  }
  const result = rows.filter((r) => r !== undefined);
  for (const r of result) r.net = r.invested_cash + r.invested_credit + r.invested_other - r.returned;
  return result.sort((a, b) => b.exposure - a.exposure || byName(a.investor, b.investor));
}

/** Every pair where A invests in B and B buys from A (both live), by round-trip value descending. */
export function reciprocalPairs(deals: readonly Deal[]): ReciprocalPair[] {
  return reciprocalOf(deals, indexBook(deals));
}

function reciprocalOf(deals: readonly Deal[], book: IndexedBook): ReciprocalPair[] {
  const { pairs, parties } = book;
  const dealIds = new Map<number, number[]>();
  for (let p = 0; p < pairs.count; p++) if (pairs.investments[p] && pairs.purchases[p]) dealIds.set(p, []);
  if (!dealIds.size) return [];
  for (let i = 0; i < deals.length; i++) {
    const p = book.pairOf[i]!;
    if (p >= 0) dealIds.get(p)?.push(deals[i]!.id);
  }
  const result = [...dealIds].map(([p, ids]): ReciprocalPair => {
    const totals = { invested: pairs.invested[p]!, credits: pairs.credits[p]!, boughtBack: pairs.boughtBack[p]! };
    return {
      investor: parties.names[pairs.investor[p]!]!,
      investee: parties.names[pairs.investee[p]!]!,
      ...totals,
      roundTripUsd: totals.credits + totals.boughtBack,
      ratio: roundTripRatio(totals),
      dealIds: ids.sort((x, y) => x - y),
    };
  });
  return result.sort(
    (a, b) => b.roundTripUsd - a.roundTripUsd || byName(a.investor, b.investor) || byName(a.investee, b.investee),
  );
}

/** The spec's aggregates over the given deals (cancelled rows are skipped inside each one). */
export function computeAggregates(deals: readonly Deal[]): Aggregates {
  const book = indexBook(deals);
  return {
    exposure: exposureOf(book),
    byYear: commitmentsByAnnouncement(deals, 'year'),
    disbursement: disbursementByYear(deals),
    pairs: reciprocalOf(deals, book),
  };
}
