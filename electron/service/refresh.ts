import type { DealRow } from '../../shared/model/deal';
import { deriveRows, type AnalysisContext } from '../../shared/analytics/metrics';
import type { Change } from '../../shared/protocol/contract';

/** The rows part of a step's event. */
export type RowsChange = Pick<Change, 'changed' | 'deleted' | 'reload'>;
import type { Repos } from './repos';
import { touchPair, type Touched } from './writer';

/**
 * The rows a write changed, with fresh derived values: every deal between each touched pair of parties
 * (both directions share one round trip) plus deals re-read by id. Cost grows with the pairs touched,
 * never with the book.
 */
export function collectChange(repos: Repos, touched: Touched, context: AnalysisContext = {}): RowsChange {
  // Under roll-up a pair is two groups, not two parties: re-deriving every row is the simple exact answer.
  if (touched.reload || context.scenario?.roll_up) return { changed: [], deleted: [], reload: true };
  const rows = new Map<number, DealRow>();
  // A deal re-read by id (its party was renamed, say) is re-derived with its whole pair, once per pair:
  // re-deriving the pair per deal would make renaming a party with many deals quadratic.
  for (const id of touched.deals) {
    if (touched.deleted.has(id)) continue;
    const stored = repos.deals.getStored(id);
    if (stored) touchPair(touched, stored.from_party_id, stored.to_party_id);
  }
  for (const key of touched.pairs) {
    const [a, b] = key.split(':').map(Number) as [number, number];
    for (const row of deriveRows(repos.deals.betweenParties(a, b), context)) rows.set(row.id, row);
  }
  for (const id of touched.deleted) rows.delete(id);
  return { changed: [...rows.values()], deleted: [...touched.deleted], reload: false };
}
