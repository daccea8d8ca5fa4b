import { BASIS_CODES, roundTripsOf, rowShares, type AnalysisContext } from '../../shared/analytics/metrics';
import type { ExtrasOf } from '../../shared/csv/csv-rows';
import { dealsWithExtrasToCsvChunks } from '../../shared/csv/csv-write';
import type { Deal } from '../../shared/model/deal';

/**
 * The export of deals just read (no rows held yet: the first export after opening, `dealbook export`): the text
 * dealsToCsvChunks writes of deriveRows(deals, context), made without a row object per deal. The scenario changes
 * only the round trips (roundTripsOf's two typed arrays, the analytics' own); the shares are the deal's own values.
 */
export function exportDealsCsv(deals: readonly Deal[], context: AnalysisContext, onChunk?: (text: string) => void): string[] {
  return dealsWithExtrasToCsvChunks(deals, extrasOfDeals(deals, roundTripsOf(deals, context)), onChunk);
}

/** Row i's cells beyond the deal's stored values, exactly as deriveRows makes them (its defaults, its shares). */
export function extrasOfDeals(deals: readonly Deal[], trips: ReturnType<typeof roundTripsOf>): ExtrasOf {
  const { ratio, basis } = trips;
  return (i, out) => {
    const d = deals[i]!;
    const shares = rowShares(d);
    out.announced_precision = d.announced_precision ?? 'day';
    out.amount_basis = d.amount_basis ?? 'firm';
    out.cash_share = shares.cash_share;
    out.credit_share = shares.credit_share;
    out.other_share = shares.other_share;
    // Basis 0: no round trip (ratio empty). A round trip whose ratio is empty has NaN, written empty as null is.
    const code = basis[i]!;
    out.round_trip_ratio = code === 0 ? null : ratio[i]!;
    out.round_trip_basis = BASIS_CODES[code] ?? null;
  };
}
