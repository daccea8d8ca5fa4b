import type { Deal } from './deal';
import { commitmentsByAnnouncement, disbursementByYear, type CommitmentPeriod, type DisbursementYear } from './commitments';
import { isLive, pairEntry, pairValues, partyIndex, roundTripRatio, type PairMap, type PartyIndex } from './metrics';

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

/** One investment pair's round trip; deal ids are collected later, only for the reciprocal pairs. */
type PairAcc = {
  investor: number;
  investee: number;
  invested: number;
  credits: number;
  boughtBack: number;
  investments: number;
  purchases: number;
  dealIds: number[] | null;
};

const newPair = (investor: number, investee: number): PairAcc => ({
  investor, investee, invested: 0, credits: 0, boughtBack: 0, investments: 0, purchases: 0, dealIds: null,
});

/** The live deals' party ids and pair sums, computed once and shared by the aggregates (two Map lookups a deal). */
type IndexedBook = { parties: PartyIndex; from: Int32Array; to: Int32Array; pairs: PairMap<PairAcc> };

function indexBook(deals: readonly Deal[]): IndexedBook {
  const parties = partyIndex();
  const from = new Int32Array(deals.length).fill(-1);
  const to = new Int32Array(deals.length).fill(-1);
  const pairs: PairMap<PairAcc> = [];
  for (let i = 0; i < deals.length; i++) {
    const d = deals[i]!;
    if (!isLive(d)) continue;
    const a = (from[i] = parties.id(d.from_party));
    const b = (to[i] = parties.id(d.to_party));
    if (d.kind === 'investment') {
      const p = pairEntry(pairs, a, b, newPair);
      p.invested += d.amount_usd ?? 0;
      p.credits += d.credit_usd ?? 0;
      p.investments++;
    } else if (d.kind === 'purchase') {
      const p = pairEntry(pairs, b, a, newPair);
      p.boughtBack += d.amount_usd ?? 0;
      p.purchases++;
    }
  }
  return { parties, from, to, pairs };
}

/**
 * One row per party with at least one live investment or infrastructure row as from_party, by exposure
 * descending. `returned` sums round_trip_usd over every party it invests in; invested_other is literally
 * amount - cash - credit, so the three invested columns always add up to the amounts invested.
 */
export function exposureByInvestor(deals: readonly Deal[]): Exposure[] {
  return exposureOf(deals, indexBook(deals));
}

function exposureOf(deals: readonly Deal[], book: IndexedBook): Exposure[] {
  const rows: Exposure[] = [];
  for (let i = 0; i < deals.length; i++) {
    const d = deals[i]!;
    const from = book.from[i]!;
    if (from < 0 || d.kind === 'purchase') continue;
    const row = (rows[from] ??= {
      investor: book.parties.names[from]!, invested_cash: 0, invested_credit: 0, invested_other: 0, infrastructure: 0, exposure: 0, returned: 0, net: 0,
    });
    const amount = d.amount_usd ?? 0;
    row.exposure += amount;
    if (d.kind === 'infrastructure') {
      row.infrastructure += amount;
    } else {
      row.invested_cash += d.cash_usd ?? 0;
      row.invested_credit += d.credit_usd ?? 0;
      row.invested_other += amount - (d.cash_usd ?? 0) - (d.credit_usd ?? 0);
    }
  }
  for (const p of pairValues(book.pairs)) {
    if (p.investments) rows[p.investor]!.returned += p.credits + p.boughtBack;
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
  const reciprocal = pairValues(book.pairs).filter((p) => p.investments > 0 && p.purchases > 0);
  if (!reciprocal.length) return [];
  for (const p of reciprocal) p.dealIds = [];
  for (let i = 0; i < deals.length; i++) {
    const from = book.from[i]!;
    const kind = deals[i]!.kind;
    if (from < 0 || kind === 'infrastructure') continue;
    const to = book.to[i]!;
    const p = kind === 'investment' ? book.pairs[from]?.get(to) : book.pairs[to]?.get(from);
    p?.dealIds?.push(deals[i]!.id);
  }
  const result = reciprocal.map((p): ReciprocalPair => {
    const totals = { invested: p.invested, credits: p.credits, boughtBack: p.boughtBack };
    return {
      investor: book.parties.names[p.investor]!,
      investee: book.parties.names[p.investee]!,
      ...totals,
      roundTripUsd: p.credits + p.boughtBack,
      ratio: roundTripRatio(totals),
      dealIds: (p.dealIds ?? []).sort((x, y) => x - y),
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
    exposure: exposureOf(deals, book),
    byYear: commitmentsByAnnouncement(deals, 'year'),
    disbursement: disbursementByYear(deals),
    pairs: reciprocalOf(deals, book),
  };
}
