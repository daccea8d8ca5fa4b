import { BASIS_CODES, roundTripsOfColumns, type AnalysisContext, type RoundTrips } from '../../shared/analytics/metrics';
import { CSV_COLUMNS, fastCell } from '../../shared/csv/csv-write';
import { formatPlainNumber } from '../../shared/model/format';
import type { Repos } from './repos';
import { ByteSink } from './byte-sink';
import { readDealBytes, type DealBytes } from './deal-bytes-read';
import { Unusual } from './json-csv';

/** Every deal's CSV as bytes (the header, then every line), and how many deals. */
export type CsvBytes = { pieces: Buffer[]; rows: number };

/**
 * The export of the deals read now (no rows held: `dealbook export`, the first export after opening), as bytes:
 * exactly exportDealsCsv(repos.deals.all(), context()) encoded as UTF-8, made without a deal object or a string per
 * cell. One pass over SQLite's JSON bytes writes each row's stored cells and shares and fills the analytics' columns
 * (readDealBytes); the round trips of those columns end each line. Null when the book holds what that pass does not
 * take (a BLOB, text that is not UTF-8, a party that is gone, ids out of order, a count that differs): the caller then
 * exports the usual way, which writes it or refuses it exactly as before. `context` is asked for once the deals are
 * read, as the usual way asks for it after refusing a BLOB.
 */
export function exportBookBytes(repos: Repos, context: () => AnalysisContext): CsvBytes | null {
  let read: DealBytes;
  try {
    read = repos.db.transaction(() => readDealBytes(repos))();
  } catch (err) {
    // SQLITE_ERROR: a BLOB in a column (JSON holds none).
    if (err instanceof Unusual || (err as { code?: unknown }).code === 'SQLITE_ERROR') return null;
    throw err;
  }
  return { pieces: [CSV_HEADER, linesWithRoundTrips(read, roundTripsOfColumns(read.columns, context()))], rows: read.rows };
}

export const CSV_HEADER = Buffer.from(`${CSV_COLUMNS.join(',')}\r\n`, 'utf8');

/** Each line's bytes, then its round trip's two cells and CRLF, as extrasOfDeals and writeAllColumns make them. */
export function linesWithRoundTrips({ body, ends, rows }: DealBytes, trips: RoundTrips): Buffer {
  const out = new ByteSink(body.length + rows * 16 + 1024);
  const ratios = new Map<number, string>();
  const { ratio, basis } = trips;
  for (let i = 0; i < rows; i++) {
    out.copy(body, ends[i]!, ends[i + 1]!);
    const code = basis[i]!;
    if (code !== 0) {
      // NaN (a round trip without a ratio) is written empty, as null is.
      const r = ratio[i]!;
      let text = ratios.get(r);
      if (text === undefined) ratios.set(r, (text = formatPlainNumber(r)));
      out.ascii(text);
    }
    out.room(1);
    out.byte(0x2c);
    const word = BASIS_CODES[code] ?? null;
    if (word !== null) out.ascii(fastCell(word));
    out.room(2);
    out.byte(0x0d);
    out.byte(0x0a);
  }
  return out.bytes();
}

