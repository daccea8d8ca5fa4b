import type { Deal } from './deal';
import { commitmentsByAnnouncement, disbursementByYear, type CommitmentPeriod, type DisbursementYear } from './commitments';
import { isLive, pairKey, pairTotals, partyKey, roundTripRatio } from './metrics';

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
 * One row per party with at least one live investment or infrastructure row as from_party, by exposure
 * descending. `returned` sums round_trip_usd over every party it invests in; invested_other is literally
 * amount - cash - credit, so the three invested columns always add up to the amounts invested.
 */
export function exposureByInvestor(deals: readonly Deal[]): Exposure[] {
  const totals = pairTotals(deals);
  const rows = new Map<string, Exposure>();
  const countedPairs = new Set<string>();
  for (const d of deals) {
    if (!isLive(d) || d.kind === 'purchase') continue;
    const key = partyKey(d.from_party);
    let row = rows.get(key);
    if (!row) {
      row = { investor: d.from_party.trim(), invested_cash: 0, invested_credit: 0, invested_other: 0, infrastructure: 0, exposure: 0, returned: 0, net: 0 };
      rows.set(key, row);
    }
    const amount = d.amount_usd ?? 0;
    row.exposure += amount;
    if (d.kind === 'infrastructure') {
      row.infrastructure += amount;
      continue;
    }
    row.invested_cash += d.cash_usd ?? 0;
    row.invested_credit += d.credit_usd ?? 0;
    row.invested_other += amount - (d.cash_usd ?? 0) - (d.credit_usd ?? 0);
    const pair = pairKey(d.from_party, d.to_party);
    if (countedPairs.has(pair)) continue;
    countedPairs.add(pair);
    const t = totals.get(pair)!;
    row.returned += t.credits + t.boughtBack;
  }
  const result = [...rows.values()];
  for (const r of result) r.net = r.invested_cash + r.invested_credit + r.invested_other - r.returned;
  return result.sort((a, b) => b.exposure - a.exposure || byName(a.investor, b.investor));
}

/** Every pair where A invests in B and B buys from A (both live), by round-trip value descending. */
export function reciprocalPairs(deals: readonly Deal[]): ReciprocalPair[] {
  type Acc = { investor: string; investee: string; invested: number; credits: number; boughtBack: number; investments: number[]; purchases: number[] };
  const pairs = new Map<string, Acc>();
  const acc = (investor: string, investee: string): Acc => {
    const key = pairKey(investor, investee);
    let a = pairs.get(key);
    if (!a) {
      a = { investor: investor.trim(), investee: investee.trim(), invested: 0, credits: 0, boughtBack: 0, investments: [], purchases: [] };
      pairs.set(key, a);
    }
    return a;
  };
  for (const d of deals) {
    if (!isLive(d)) continue;
    if (d.kind === 'investment') {
      const a = acc(d.from_party, d.to_party);
      // A purchase may have named the pair first; the investment's spelling is the one to show.
      a.investor = d.from_party.trim();
      a.investee = d.to_party.trim();
      a.invested += d.amount_usd ?? 0;
      a.credits += d.credit_usd ?? 0;
      a.investments.push(d.id);
    } else if (d.kind === 'purchase') {
      const a = acc(d.to_party, d.from_party);
      a.boughtBack += d.amount_usd ?? 0;
      a.purchases.push(d.id);
    }
  }
  const result: ReciprocalPair[] = [];
  for (const a of pairs.values()) {
    if (!a.investments.length || !a.purchases.length) continue;
    const totals = { invested: a.invested, credits: a.credits, boughtBack: a.boughtBack };
    result.push({
      investor: a.investor,
      investee: a.investee,
      ...totals,
      roundTripUsd: a.credits + a.boughtBack,
      ratio: roundTripRatio(totals),
      dealIds: [...a.investments, ...a.purchases].sort((x, y) => x - y),
    });
  }
  return result.sort(
    (a, b) => b.roundTripUsd - a.roundTripUsd || byName(a.investor, b.investor) || byName(a.investee, b.investee),
  );
}

/** The spec's aggregates over the given deals (cancelled rows are skipped inside each one). */
export function computeAggregates(deals: readonly Deal[]): Aggregates {
  return {
    exposure: exposureByInvestor(deals),
    byYear: commitmentsByAnnouncement(deals, 'year'),
    disbursement: disbursementByYear(deals),
    pairs: reciprocalPairs(deals),
  };
}
