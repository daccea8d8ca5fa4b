// The export's phases as their own process (bundled by the bench): node export-child.mjs BOOK OUT [--raw].
// Without --raw it runs what `dealbook export --out` runs, step by step (open the book to read it; read the deals as
// SQLite's JSON bytes, writing each row's stored cells and shares as CSV bytes and filling the analytics' columns in
// that one pass; derive the round trips; end each line with its round trip's cells; write the file); with --raw,
// the baseline: read the same rows and write them as text.
import { renameSync, writeFileSync } from 'node:fs';
import { PerformanceObserver } from 'node:perf_hooks';
import { openBook } from '../electron/db/connection';
import { writeFileAtomic } from '../electron/cli/export-command';
import { openBookReader } from '../electron/service/read-book';
import { readDealBytes } from '../electron/service/deal-bytes-read';
import { CSV_HEADER, linesWithRoundTrips } from '../electron/service/csv-export-bytes';
import { roundTripsOfColumns } from '../shared/analytics/metrics';

// Node's clock starts with the process: what has passed by now is starting Node and loading this bundle.
const started = performance.now();
let gcMs = 0;
const observer = new PerformanceObserver((list) => {
  for (const e of list.getEntries()) gcMs += e.duration;
});
observer.observe({ entryTypes: ['gc'] });

const [book, out, mode] = process.argv.slice(2);
if (!book || !out) throw new Error('usage: export-child BOOK OUT [--raw]');
const phases: Record<string, number> = { start: started };
let t = performance.now();
const lap = (name: string) => {
  const now = performance.now();
  phases[name] = now - t;
  t = now;
};

function write(text: string): void {
  writeFileSync(`${out}.tmp`, text, 'utf8');
  renameSync(`${out}.tmp`, out);
}

if (mode === '--raw') {
  const { db } = await openBook(book, { readonly: true });
  lap('open');
  const names = new Map(db.prepare('SELECT id, name FROM parties').raw().all() as [number, string][]);
  const rows = db.prepare('SELECT * FROM deals ORDER BY id').raw().all() as unknown[][];
  lap('read');
  phases.derive = 0;
  const lines = rows.map((r) => r.map((v, i) => (i === 2 || i === 3 ? names.get(v as number) : String(v ?? ''))).join(','));
  const text = lines.join('\r\n');
  lap('csv');
  write(text);
  lap('write');
  db.close();
} else {
  // As cmdExport opens a book to read it whole: no damage check over every page (what is read is checked instead).
  const reader = await openBookReader(book);
  lap('open');
  let pieces: Buffer[] = [];
  reader.readWhole((service) => {
    // What exportPieces runs for deals read now (exportBookBytes), inside readWhole's read transaction.
    const read = readDealBytes(service.repos);
    lap('read');
    // The scenario's part of the derived columns, from the columns the read filled.
    const trips = roundTripsOfColumns(read.columns, {});
    lap('derive');
    pieces = [CSV_HEADER, linesWithRoundTrips(read, trips)];
    lap('csv');
    return { value: null, rows: read.rows };
  });
  // readWhole's count of the deals (the check that every deal was read) is part of reading them.
  phases.read! += performance.now() - t;
  t = performance.now();
  writeFileAtomic(out, pieces);
  lap('write');
  reader.close();
}
// GC entries arrive asynchronously: let the observer hear the last ones.
await new Promise((done) => setTimeout(done, 20));
observer.disconnect();
process.stdout.write(JSON.stringify({ ...phases, gc: gcMs, total: performance.now() }) + '\n');
