import { AppFailure } from '../../shared/protocol/result';
import { openPgBook, peekPgBook } from '../pg/connection';
import { parsePgBook } from '../pg/book-url';
import { PG_LATEST_VERSION } from '../pg/migrations';
import { openStore } from '../service/open-store';
import { invariantProblems, type CheckedParty } from '../service/book-invariants';
import { describeLookalikes, LOOKALIKE_REPORT_KEY, type LookalikeReport } from '../db/lookalike-parties';
import { allowOnly, requireFlag, type Args } from './args';
import type { ExitCode, Io } from './commands';
import { cliUser } from './cli-user';



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
    const twice = await one(`SELECT count(*)::int AS n FROM deals d JOIN deleted_deals x ON x.id = d.id`);
    if (twice) problems.push(`${twice} deal(s) are both live and deleted`);
    const lostEdits = await one(`SELECT count(*)::int AS n FROM edits e WHERE NOT EXISTS (SELECT 1 FROM batches b WHERE b.id = e.batch_id)`);
    if (lostEdits) problems.push(`${lostEdits} history entries belong to no step`);
    // Users whose names differ only in case, from before schema 7 made them impossible: kept signing in, told here.
    const twins = (await opened.pool.query<{ names: string }>(
      `SELECT string_agg(name, ', ' ORDER BY created_at, name) AS names FROM users GROUP BY lower(name) HAVING count(*) > 1 ORDER BY 1`,
    )).rows.map((r) => r.names);
    for (const names of twins) problems.push(`users ${names} differ only in case (remove one: dealbook user remove --book URL NAME)`);
    const v2 = opened.version >= 4;
    const parties = (await opened.pool.query<CheckedParty>(`SELECT id, name, ${v2 ? 'parent_id, name_key' : 'NULL::int AS parent_id, NULL AS name_key'} FROM parties`)).rows;
    // Name keys are today's rule's in a current book (an older one holds its own version's keys, or none before
    // step 4; opening it recomputes them).
    problems.push(...invariantProblems(parties, orphans, opened.version >= PG_LATEST_VERSION));
    const report = opened.version >= 3 ? (await opened.pool.query<{ value: string }>(`SELECT value FROM settings WHERE key = $1`, [LOOKALIKE_REPORT_KEY])).rows[0] : undefined;
    const lookalikes = report ? describeLookalikes(JSON.parse(report.value) as LookalikeReport) : [];
    io.out(
      [
        `book: ${opened.book.display}`,
        `integrity: ${problems.length ? problems.join('; ') : 'ok'}`,
        `schema: ${opened.version} (this app: ${PG_LATEST_VERSION}${opened.version < PG_LATEST_VERSION ? ', will migrate on open' : ''})`,
        `deals: ${await one('SELECT count(*)::int AS n FROM deals')}`,
        `parties: ${await one('SELECT count(*)::int AS n FROM parties')}`,
        `undo steps: ${await one('SELECT count(*)::int AS n FROM batches')}`,
        `users: ${await one('SELECT count(*)::int AS n FROM users')}`,
        ...lookalikes.map((line) => `lookalike parties: ${line}`),
      ].join('\n') + '\n',
    );
    return problems.length ? 1 : 0;
  } finally {
    await opened.pool.end();
  }
}
