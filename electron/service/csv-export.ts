import { isAscii, transcode } from 'node:buffer';
import { BASIS_CODES, deriveRows, roundTripsOf, rowShares, type AnalysisContext } from '../../shared/analytics/metrics';
import { binaryCell } from '../../shared/csv/csv-odd-cell';
import { firstBlob } from '../db/deals-repo';
import type { ExtrasOf } from '../../shared/csv/csv-rows';
import { dealsWithExtrasToCsvChunks } from '../../shared/csv/csv-write';
import type { Deal, DealRow } from '../../shared/model/deal';

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
    out.announced_precision = d.announced_precision ?? 'day';
    out.amount_basis = d.amount_basis ?? 'firm';
    rowShares(d, out);
    // Basis 0: no round trip (ratio empty). A round trip whose ratio is empty has NaN, written empty as null is.
    const code = basis[i]!;
    out.round_trip_ratio = code === 0 ? null : ratio[i]!;
    out.round_trip_basis = BASIS_CODES[code] ?? null;
  };
}

/**
 * Deals read now that hold a BLOB another program wrote are not exported: refused naming the deal and the field,
 * before the analytics meet it (they cannot read a date or a party name that is not text).
 */
export function refuseBlobs(deals: readonly Deal[]): void {
  const blob = firstBlob(deals);
  if (blob) throw binaryCell('deal', blob.id, blob.column);
}

/** deriveRows of deals read now; when it fails on a BLOB (in a date or a party name), the BLOB is named instead. */
export function derivedRows(deals: readonly Deal[], context: AnalysisContext): DealRow[] {
  try {
    return deriveRows(deals, context);
  } catch (err) {
    const blob = firstBlob(deals);
    if (blob) throw binaryCell('deal', blob.id, blob.column, 'be shown or exported');
    throw err;
  }
}

/**
 * The export's pieces as one text (bytes decoded: they are the UTF-8 of the text the usual way makes, checked UTF-8).
 * ASCII is taken byte for byte; anything else goes through transcode to UTF-16, about half the CPU of V8's own UTF-8
 * decoder (toString) on 20 MB that hold a few names in Greek or Japanese.
 */
export function piecesText(pieces: readonly (string | Uint8Array)[]): string {
  let text = '';
  for (const piece of pieces) {
    if (typeof piece === 'string') {
      text += piece;
      continue;
    }
    const bytes = Buffer.from(piece.buffer, piece.byteOffset, piece.byteLength);
    text += isAscii(bytes) ? bytes.toString('latin1') : transcode(bytes, 'utf8', 'utf16le').toString('utf16le');
  }
  return text;
}
