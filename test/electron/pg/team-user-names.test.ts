import { afterEach, expect, it } from 'vitest';
import { openPgBook } from '../../../electron/pg/connection';
import { PG_LATEST_VERSION, PG_TEAM_STEPS } from '../../../electron/pg/migrations';
import { pgUsers } from '../../../electron/pg/pg-users';
import { usersRepo } from '../../../electron/pg/users-repo';
import { AppFailure } from '../../../shared/protocol/result';
import { describePg, tempPgBook } from '../../helpers/pg';
import { dealbook } from '../../helpers/cli';

let cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.reverse()) await c();
  cleanups = [];
});

async function book(options: { teamSteps?: [] } = {}) {
  const t = tempPgBook('uname');
  cleanups.push(t.drop);
  const opened = await openPgBook(t.url, { create: true, ...options });
  cleanups.push(() => opened.pool.end());
  return { url: t.url, opened };
}

/** Until another connection of the book waits on a lock (the racing add, stopped at the unique index). */
async function someoneWaits(query: (sql: string) => Promise<{ rows: { n: number }[] }>): Promise<void> {
  for (let i = 0; i < 400; i++) {
    const { rows } = await query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()`);
    if (rows[0]!.n > 0) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error('the second add never waited on the first');
}

describePg('user names that differ only in case, on a team book', () => {
  it('lets only one of two such names in when both are added at the same instant, and says so in words', async () => {
    const { opened } = await book();
    await usersRepo(opened.pool).add('alice', 'owner', 'x', new Date().toISOString());
    // The first add is in its transaction, not committed: the second cannot see it and passes its own check.
    const first = await opened.pool.connect();
    cleanups.push(() => first.release());
    await first.query('BEGIN');
    expect(await usersRepo(first).add('Eve', 'editor', 'x', new Date().toISOString())).toBe(true);
    const second = pgUsers(opened.pool, () => new Date()).add('eve', 'viewer').then(() => null, (err: unknown) => err);
    await someoneWaits((sql) => opened.pool.query(sql));
    await first.query('COMMIT');
    const refused = await second;
    expect(refused).toBeInstanceOf(AppFailure);
    expect((refused as AppFailure).error).toMatchObject({ code: 'conflict', message: 'User Eve already exists; change their role instead' });
    expect((await usersRepo(opened.pool).list()).map((u) => [u.name, u.role])).toEqual([['Eve', 'editor'], ['alice', 'owner']]);
  });

  it('migrates a book that already holds such names without locking anyone out, and check reports them', async () => {
    // A book as the app before team step 1 left it.
    const { url, opened } = await book({ teamSteps: [] });
    const old = usersRepo(opened.pool);
    await old.add('alice', 'owner', 'x', '2026-01-01T00:00:00.000Z');
    // Written as an older app's race could leave them.
    await opened.pool.query(`INSERT INTO users (name, role, password_hash, created_at) VALUES ('eve', 'editor', 'x', '2026-01-02T00:00:00.000Z'),
                             ('Eve', 'viewer', 'x', '2026-01-03T00:00:00.000Z')`);
    const migrated = await openPgBook(url, { max: 1 });
    cleanups.push(() => migrated.pool.end());
    expect(migrated.version).toBe(PG_LATEST_VERSION);
    expect((await migrated.pool.query(`SELECT value FROM book_meta WHERE key = 'team_steps'`)).rows).toEqual([{ value: String(PG_TEAM_STEPS.length) }]);
    const users = usersRepo(migrated.pool);
    expect((await users.list()).map((u) => u.name)).toEqual(['Eve', 'alice', 'eve']);
    expect(await users.get('Eve')).toBeTruthy();
    const check = dealbook(['check', '--book', url]);
    expect(check.code).toBe(1);
    expect(check.stdout).toContain('integrity: users eve, Eve differ only in case (remove one: dealbook user remove --book URL NAME)');
    // No third spelling gets in; once one of the twins is gone, check is clean.
    expect(await users.add('EVE', 'editor', 'x', new Date().toISOString())).toBe(false);
    expect(await users.remove('Eve')).toBe(true);
    expect(dealbook(['check', '--book', url]).stdout).toContain('integrity: ok');
  });

  it('makes a new book refuse a second spelling at the database itself', async () => {
    const { opened } = await book();
    await opened.pool.query(`INSERT INTO users (name, role, password_hash, created_at) VALUES ('eve', 'editor', 'x', 'now')`);
    await expect(opened.pool.query(`INSERT INTO users (name, role, password_hash, created_at) VALUES ('EVE', 'editor', 'x', 'now')`)).rejects.toThrow(/users_by_lower_name/);
  });
});
