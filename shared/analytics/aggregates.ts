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
  /** Investment rows of the pair whose credits are not known (credit empty, not implied by cash = amount). */
  unknownCredits: number;
  /** Purchase rows back with an empty amount: with unknownCredits, the round trip's sum is then a floor. */
  unknownBoughtBack: number;
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

// Past this a list grows by push: `new Array(n)` of a large n makes a slow dictionary-mode array in V8.
const PRESIZE_MAX = 4096;

/**
 * A pair's id list at its final size: most pairs hold one deal, made as a one-element literal straight away (a
 * pushed-to empty array reserves 17 slots, and 40k lists of garbage is most of a warm call's collections).
 */
function idList(size: number, only: number): number[] {
  if (size === 1) return [only];
  return size <= PRESIZE_MAX ? new Array<number>(size) : [];
}

function pairsOf(view: BookView, sums: PairSums, listed: Uint8Array): ReciprocalPair[] {
  const { parties } = view;
  // Listed pairs all have a counted investment: the table's order, filtered.
  const keep = listed;
  const order = pairsByRoundTrip(view, sums).filter((p) => keep[p] === 1);
  if (!order.length) return [];
  const { id, amount, unpriced, length, ascending } = view.columns;
  const pairOf = sums.pairOf;
  // Each kept pair's deals and missing deals counted first (and the first of each kept), so every list is made
  // once at its size; only lists of two or more are filled by a second pass.
  const dealCount = new Int32Array(sums.count);
  const missingCount = new Int32Array(sums.count);
  const firstDeal = new Float64Array(sums.count);
  const firstMissing = new Float64Array(sums.count);
  for (let i = 0; i < length; i++) {
    const p = pairOf[i]!;
    if (p < 0 || !keep[p]) continue;
    if (dealCount[p]++ === 0) firstDeal[p] = id[i]!;
    if ((amount[i] !== amount[i] || unpriced[i]) && missingCount[p]++ === 0) firstMissing[p] = id[i]!;
  }
  const slots: ReciprocalPair[] = new Array(sums.count);
  const result: ReciprocalPair[] = [];
  let fill = false;
  for (const p of order) {
    const deals = dealCount[p]!;
    const missing = missingCount[p]!;
    if (deals > 1) fill = true;
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
      unknownCredits: sums.unknownCredits[p]!,
      unknownBoughtBack: sums.undisclosedPurchases[p]!,
      dealIds: idList(deals, firstDeal[p]!),
      missingIds: missing ? idList(missing, firstMissing[p]!) : NONE_MISSING,
    }));
  }
  if (fill) {
    // Lists of two or more filled in book order (a presized list is written in place, a long one appended to).
    const dealAt = new Int32Array(sums.count);
    const missingAt = new Int32Array(sums.count);
    for (let i = 0; i < length; i++) {
      const p = pairOf[i]!;
      if (p < 0 || !keep[p] || dealCount[p]! < 2) continue;
      const pair = slots[p]!;
      pair.dealIds[dealAt[p]!++] = id[i]!;
      if ((amount[i] !== amount[i] || unpriced[i]) && missingCount[p]! > 1) pair.missingIds[missingAt[p]!++] = id[i]!;
    }
  }
  // Deals are visited in book order (ids ascending in every book the service hands out); sort only when not.
  if (!ascending) {
    for (const pair of result) {
      if (!isAscending(pair.dealIds)) pair.dealIds.sort((x, y) => x - y);
      if (!isAscending(pair.missingIds)) pair.missingIds.sort((x, y) => x - y);
    }
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

/**
 * computeAggregates' parts under one scenario over the shown deals, each computed when first read and then kept,
 * from the same inputs in the same way (computeAggregates reads them all). A window reads what its cards show when
 * they show it: not the tens of thousands of pair objects of a circularity card scrolled out of view, nor time
 * series its commitments chart makes itself.
 */
export class AggregateParts {
  private sums: PairSums | null = null;
  private listed: Uint8Array | null = null;
  private people: { exposure: Exposure[]; recipients: Recipient[] } | null = null;
  private pairList: ReciprocalPair[] | null = null;
  private years: CommitmentPeriod[] | null = null;
  private disbursed: DisbursementYear[] | null = null;

  constructor(
    private readonly view: BookView,
    private readonly shown: Uint8Array | null,
    readonly scenario: Scenario,
  ) {}

  get exposure(): Exposure[] {
    return this.ofPeople().exposure;
  }

  get recipients(): Recipient[] {
    return this.ofPeople().recipients;
  }

  get byYear(): CommitmentPeriod[] {
    return (this.years ??= commitmentsOfView(this.view, this.shown, 'year'));
  }

  get disbursement(): DisbursementYear[] {
    return (this.disbursed ??= disbursementOfView(this.view, this.shown));
  }

  get pairs(): ReciprocalPair[] {
    return (this.pairList ??= pairsOf(this.view, this.pairSums(), this.listedPairs()));
  }

  private pairSums(): PairSums {
    return (this.sums ??= pairSums(this.view));
  }

  private listedPairs(): Uint8Array {
    return (this.listed ??= listedPairs(this.pairSums(), this.shown));
  }

  private ofPeople(): { exposure: Exposure[]; recipients: Recipient[] } {
    return (this.people ??= exposureAndRecipients(this.view, this.pairSums(), this.shown, this.listedPairs()));
  }
}

/** The aggregates' parts (see AggregateParts), none computed yet. */
export function aggregateParts(deals: readonly Deal[], context: AggregateContext = {}): AggregateParts {
  return new AggregateParts(viewBook(deals, context), shownMask(deals, context.shown), context.scenario ?? BASE_SCENARIO);
}

/** The spec's aggregates under a scenario (default Base's defaults) over the shown deals (default all). */
export function computeAggregates(deals: readonly Deal[], context: AggregateContext = {}): Aggregates {
  const parts = aggregateParts(deals, context);
  return {
    scenario: parts.scenario,
    exposure: parts.exposure,
    recipients: parts.recipients,
    byYear: parts.byYear,
    disbursement: parts.disbursement,
    pairs: parts.pairs,
  };
}

function isAscending(ids: readonly number[]): boolean {
  for (let i = 1; i < ids.length; i++) if (ids[i - 1]! > ids[i]!) return false;
  return true;
}

export type { AnalysisContext };
