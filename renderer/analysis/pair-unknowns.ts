import type { ReciprocalPair } from '../../shared/analytics/aggregates';
import type { Deal } from '../../shared/model/deal';
import { formatMoney } from '../../shared/model/format';

/** How many of a pair's investments have credits the book does not know, and of its purchases back an amount. */
export type PairUnknowns = { credits: number; boughtBack: number };

const NONE: PairUnknowns = { credits: 0, boughtBack: 0 };

/**
 * What the pairs table cannot sum: an investment whose credit is empty and not implied (no amount, or cash below
 * it) leaves the pair's credits unknown in part; a purchase back with no amount, its bought-back. The pair names
 * those deals already (missingIds: no amount, or no complete split); their kind and credit say which sum they
 * leave open. Looked up by id, so the cost is the pair's missing deals, not the book.
 */
export function pairUnknowns(p: Pick<ReciprocalPair, 'missingIds'>, dealOf: (id: number) => Deal | undefined): PairUnknowns {
  if (p.missingIds.length === 0) return NONE;
  const counts = { credits: 0, boughtBack: 0 };
  for (const id of p.missingIds) {
    const d = dealOf(id);
    if (d?.kind === 'investment' && d.credit_usd === null) counts.credits++;
    else if (d?.kind === 'purchase' && d.amount_usd === null) counts.boughtBack++;
  }
  return counts;
}

/**
 * A sum some of whose parts the book does not know, as the Invested cell says it: ≥ the known part, or ? when no
 * part is known; never a $0 that reads as "nothing".
 */
export function partialSumText(known: number, unknownParts: number): string {
  if (unknownParts === 0) return formatMoney(known);
  return known > 0 ? `≥ ${formatMoney(known)}` : '?';
}
