import { userInfo } from 'node:os';
import { AppFailure, describeProblems } from '../../shared/result';
import { dealsToCsv } from '../../shared/csv-write';
import { matchesQuickFilter, quickFilterWords } from '../../shared/quick-filter';
import { openPgBook, peekPgBook } from '../pg/connection';
import { parsePgBook } from '../pg/book-url';
import { PG_LATEST_VERSION } from '../pg/migrations';
import { createPgStore } from '../pg/pg-service';
import { openStore } from '../service/open-store';
import { allowOnly, requireFlag, UsageError, type Args } from './args';
import { importSummary } from './import-report';
import { readCsvFile } from './read-csv';
import type { ExitCode, Io } from './commands';

/** Who a command-line step is recorded as in a team book's history. */
export const cliUser = (): string => `cli:${safeUserName()}`;

function safeUserName(): string {
  try {
    return userInfo().username || 'unknown';
  } catch {
    return 'unknown';
  }
}

export async function teamNew(args: Args, io: Io): Promise<ExitCode> {
  allowOnly(args, ['book', 'sample']);
  const url = requireFlag(args, 'book');
  if (await peekPgBook(url)) {
    throw new AppFailure({ code: 'conflict', message: `${parsePgBook(url).display} already holds a book; choose a new schema (?schema=NAME)` });
  }
  const store = await openStore(url, { create: true, sample: args.flags.has('sample') });
  try {
    const info = await store.handlersFor(cliUser()).bookInfo({});
    io.out(`Created ${store.where} (${info.deals} deals, ${info.parties} parties)\n`);
  } finally {
    await store.close();
  }
  return 0;
}

/** Schema version and the book's invariants, read-only (a newer or foreign schema is refused untouched). */
export async function teamCheck(args: Args, io: Io): Promise<ExitCode> {
  allowOnly(args, ['book']);
  const opened = await openPgBook(requireFlag(args, 'book'), { readonly: true, max: 1 });
  try {
    const one = async (sql: string) => (await opened.pool.query<{ n: number }>(sql)).rows[0]!.n;
    const problems: string[] = [];
    const orphans = await one(`SELECT count(*)::int AS n FROM deals d WHERE NOT EXISTS (SELECT 1 FROM parties p WHERE p.id = d.from_party_id)
                                OR NOT EXISTS (SELECT 1 FROM parties p WHERE p.id = d.to_party_id)`);
    if (orphans) problems.push(`${orphans} deal(s) name a party that does not exist`);
    const twice = await one(`SELECT count(*)::int AS n FROM deals d JOIN deleted_deals x ON x.id = d.id`);
    if (twice) problems.push(`${twice} deal(s) are both live and deleted`);
    const lostEdits = await one(`SELECT count(*)::int AS n FROM edits e WHERE NOT EXISTS (SELECT 1 FROM batches b WHERE b.id = e.batch_id)`);
    if (lostEdits) problems.push(`${lostEdits} history entries belong to no step`);
    io.out(
      [
        `book: ${opened.book.display}`,
        `integrity: ${problems.length ? problems.join('; ') : 'ok'}`,
        `schema: ${opened.version} (this app: ${PG_LATEST_VERSION}${opened.version < PG_LATEST_VERSION ? ', will migrate on open' : ''})`,
        `deals: ${await one('SELECT count(*)::int AS n FROM deals')}`,
        `parties: ${await one('SELECT count(*)::int AS n FROM parties')}`,
        `undo steps: ${await one('SELECT count(*)::int AS n FROM batches')}`,
        `users: ${await one('SELECT count(*)::int AS n FROM users')}`,
      ].join('\n') + '\n',
    );
    return problems.length ? 1 : 0;
  } finally {
    await opened.pool.end();
  }
}

export async function teamImport(args: Args, io: Io): Promise<ExitCode> {
  allowOnly(args, ['book', 'dry-run', 'skip-invalid'], 1);
  const url = requireFlag(args, 'book');
  const file = args.positional[0];
  if (!file) throw new UsageError('Name the CSV file to import: dealbook import --book URL FILE');
  const skipInvalid = args.flags.has('skip-invalid');
  const dryRun = args.flags.has('dry-run');
  const decoded = await readCsvFile(file);
  const tty = io.errIsTty;
  const progress = (done: number, total: number) => io.err(`\rimporting ${done.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} rows`);
  const opened = await openPgBook(url);
  const store = createPgStore(opened, tty ? { onProgress: progress } : {});
  try {
    if (!decoded.ok) {
      const { line = 1, value, message } = decoded.problem;
      io.err(describeProblems([{ line, ...(value ? { value } : {}), message }]) + '\n');
      return 1;
    }
    const report = await store.handlersFor(cliUser()).importCsv({ text: decoded.text, skipInvalid, dryRun });
    if (tty) io.err('\r\x1b[K');
    if (report.problems.length) io.err(describeProblems(report.problems) + '\n');
    io.out(importSummary(report, skipInvalid) + '\n');
    return report.problems.length ? 1 : 0;
  } finally {
    await store.close();
  }
}

/** The CSV of a team book (or the rows a quick filter shows); the caller writes it where --out says. */
export async function teamExportCsv(url: string, filter: string | undefined): Promise<{ csv: string; count: number }> {
  const store = await openStore(url);
  try {
    const h = store.handlersFor(cliUser());
    if (typeof filter === 'string') {
      const words = quickFilterWords(filter);
      const rows = (await h.listDeals({})).filter((row) => matchesQuickFilter(row, words));
      return { csv: dealsToCsv(rows), count: rows.length };
    }
    return { csv: await h.exportCsv({}), count: (await h.bookInfo({})).deals };
  } finally {
    await store.close();
  }
}
