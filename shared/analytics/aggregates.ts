import type { Deal, RoundTripBasis } from '../model/deal';
import { viewBook, type AnalysisContext, type BookView } from './book-view';
import {
  commitmentsOfView,
  disbursementOfView,
  shownMask,
  type CommitmentPeriod,
  type DisbursementYear,
  type SeriesContext,
} from './commitments';
import { exposureAndRecipients, type Exposure, type Recipient } from './exposure';
import { pairsByRoundTrip, pairSums, type PairSums } from './pairs';
import { BASE_SCENARIO, type Scenario } from '../model/scenario';

export {
  commitmentsByAnnouncement,
  disbursementByYear,
  type CommitmentPeriod,
  type CommitmentSplit,
  type DisbursementYear,
  type Period,
  type SeriesContext,
} from './commitments';
export type { Exposure, Recipient } from './exposure';

/** An investment pair A -> B with every counted row behind it (spec "Aggregates": Pairs, v2). */
export type ReciprocalPair = {
  investor: string;
  investee: string;
  invested: number;
  credits: number;
  bought_back: number;
  round_trip_usd: number;
  /** Null when nothing (known) was invested. */
  ratio: number | null;
  basis: RoundTripBasis;
  /** Rows of the pair, both directions, with an empty amount. */
  undisclosed_legs: number;
  /** The pair's counted investment and purchase deals, ascending. */
  dealIds: number[];
  /** Deals of the pair whose amount (or, for an investment, cash/credit split) is missing: the basis tooltip's list. */
  missingIds: number[];
};

/** What the charts and reports show, under one scenario, over the rows shown. */
export type Aggregates = {
  scenario: Scenario;
  exposure: Exposure[];
  recipients: Recipient[];
  byYear: CommitmentPeriod[];
  disbursement: DisbursementYear[];
  pairs: ReciprocalPair[];
};

/** Options of every aggregate: scenario, parents (roll-up), and which deal ids are shown (default all). */
export type AggregateContext = SeriesContext;

/** Pairs with at least one shown row (every pair when all are shown): the pairs a filtered view lists. */
function listedPairs(sums: PairSums, shown: Uint8Array | null): Uint8Array {
  const listed = new Uint8Array(sums.count);
  for (let i = 0; i < sums.pairOf.length; i++) {
    const p = sums.pairOf[i]!;
    if (p >= 0 && sums.investments[p] && (!shown || shown[i])) listed[p] = 1;
  }
  return listed;
}

// Most pairs miss nothing: they share one empty list (never pushed to) instead of an array each.
const NONE_MISSING: number[] = [];

function pairsOf(view: BookView, sums: PairSums, listed: Uint8Array): ReciprocalPair[] {
  const { parties } = view;
  const keep = new Uint8Array(sums.count);
  for (let p = 0; p < sums.count; p++) if (listed[p] && sums.investments[p]) keep[p] = 1;
  const order = pairsByRoundTrip(view, sums, keep);
  const slots: (ReciprocalPair | undefined)[] = new Array(sums.count);
  const result: ReciprocalPair[] = [];
  for (const p of order) {
    result.push((slots[p] = {
      investor: parties.names[sums.investor[p]!]!,
      investee: parties.names[sums.investee[p]!]!,
      invested: sums.invested[p]!,
      credits: sums.credits[p]!,
      bought_back: sums.boughtBack[p]!,
      round_trip_usd: sums.roundTrip(p),
      ratio: sums.ratio(p),
      basis: sums.basis(p),
      undisclosed_legs: sums.undisclosedLegs(p),
      dealIds: [],
      missingIds: NONE_MISSING,
    }));
  }
  if (!result.length) return [];
  const { id, amount, unpriced, length } = view.columns;
  for (let i = 0; i < length; i++) {
    const p = sums.pairOf[i]!;
    const pair = p >= 0 ? slots[p] : undefined;
    if (!pair) continue;
    pair.dealIds.push(id[i]!);
    if (amount[i] !== amount[i] || unpriced[i]) {
      if (pair.missingIds === NONE_MISSING) pair.missingIds = [];
      pair.missingIds.push(id[i]!);
    }
  }
  // Deals are visited in book order (ids ascending in every book the service hands out); sort only when not.
  for (const pair of result) {
    if (!isAscending(pair.dealIds)) pair.dealIds.sort((x, y) => x - y);
    if (!isAscending(pair.missingIds)) pair.missingIds.sort((x, y) => x - y);
  }
  return result;
}

/**
 * Every investment pair (A, B) with a counted row A -> B, by round_trip_usd descending. Pair values always come
 * from every counted row of the pair; `shown` only chooses which pairs are listed.
 */
export function reciprocalPairs(deals: readonly Deal[], context: AggregateContext = {}): ReciprocalPair[] {
  const view = viewBook(deals, context);
  const sums = pairSums(view);
  return pairsOf(view, sums, listedPairs(sums, shownMask(deals, context.shown)));
}

/** One row per party with a counted investment or infrastructure row as from_party, by exposure descending. */
export function exposureByInvestor(deals: readonly Deal[], context: AggregateContext = {}): Exposure[] {
  return computeAggregates(deals, context).exposure;
}

/** One row per party receiving a counted investment (not internal to its group), by received descending. */
export function recipientsOf(deals: readonly Deal[], context: AggregateContext = {}): Recipient[] {
  return computeAggregates(deals, context).recipients;
}

/** The spec's aggregates under a scenario (default Base's defaults) over the shown deals (default all). */
export function computeAggregates(deals: readonly Deal[], context: AggregateContext = {}): Aggregates {
  const view = viewBook(deals, context);
  const shown = shownMask(deals, context.shown);
  const sums = pairSums(view);
  const listed = listedPairs(sums, shown);
  const { exposure, recipients } = exposureAndRecipients(view, sums, shown, listed);
  return {
    scenario: context.scenario ?? BASE_SCENARIO,
    exposure,
    recipients,
    byYear: commitmentsOfView(view, shown, 'year'),
    disbursement: disbursementOfView(view, shown),
    pairs: pairsOf(view, sums, listed),
  };
}

function isAscending(ids: readonly number[]): boolean {
  for (let i = 1; i < ids.length; i++) if (ids[i - 1]! > ids[i]!) return false;
  return true;
}

export type { AnalysisContext };
