import { formatMoney, formatRoundTrip } from '../model/format';
import type { RoundTripBasis } from '../model/deal';
import type { ReciprocalPair } from './aggregates';

// A pair's cells as the pairs table (window) and `dealbook report` both print them. Each sum says how much of it
// is known, never a $0 for what the book does not know (unknown is never zero). The ratio's basis is the spec's;
// the round trip (its numerator) is only ever a floor: its unknown parts (a credit not given, a purchase back of no
// amount) can add to it but never make it bound nothing, so it reads `≥ $X` (`≥ $0` when no part is known) beside a
// ratio of `≥ X.XXx`, or beside `?` when it is the amount invested that is not known.

type PairCells = Pick<ReciprocalPair, 'invested' | 'credits' | 'bought_back' | 'round_trip_usd' | 'ratio' | 'basis' | 'undisclosed_legs' | 'unknownCredits' | 'unknownBoughtBack'>;

const money = (n: number): string => formatMoney(n) || '$0';

/**
 * A sum some of whose parts the book does not know: ≥ the known part, or ? when no part is known; the sum as it is
 * when every part is known.
 */
export function partialSumText(known: number, unknownParts: number): string {
  if (unknownParts === 0) return money(known);
  return known > 0 ? `≥ ${money(known)}` : '?';
}

/**
 * What the investor put in: with investments of undisclosed amount (the legs that are not purchases back) the known
 * sum is a floor, or ? when none is known.
 */
export function investedText(p: Pick<PairCells, 'invested' | 'undisclosed_legs' | 'unknownBoughtBack'>): string {
  return partialSumText(p.invested, p.undisclosed_legs - p.unknownBoughtBack);
}

/** Credits + bought back: exact when every part is known, else at least the known part (`≥ $0` included). */
export function roundTripText(p: Pick<PairCells, 'round_trip_usd' | 'unknownCredits' | 'unknownBoughtBack'>): string {
  return p.unknownCredits + p.unknownBoughtBack > 0 ? `≥ ${money(p.round_trip_usd)}` : money(p.round_trip_usd);
}

/** The pair's cells in the table's order: invested, credits, bought back, round trip, ratio (with the spec's basis). */
export function pairCells(p: PairCells): [invested: string, credits: string, boughtBack: string, roundTrip: string, ratio: string] {
  return [
    investedText(p),
    partialSumText(p.credits, p.unknownCredits),
    partialSumText(p.bought_back, p.unknownBoughtBack),
    roundTripText(p),
    formatRoundTrip(p.ratio, p.basis) || '–',
  ];
}

/**
 * An investor's net (invested - returned) as sure as its pairs are (returned_basis, the weakest): `at_least` (every
 * amount invested known, some money back not priced) makes returned a floor and the net a ceiling (`≤`); `unknown`
 * (an amount invested not disclosed: invested may be more, and so may its credits) leaves a known difference that
 * bounds nothing (`?`). Deals of undisclosed amount that are not investments (infrastructure) are not in the net.
 */
export function netText(e: { net: number; returned_basis: RoundTripBasis | null }): string {
  const shown = money(e.net);
  return e.returned_basis === 'at_least' ? `≤ ${shown}` : e.returned_basis === 'unknown' ? `? ${shown}` : shown;
}
