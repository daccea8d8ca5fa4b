import { afterEach, expect, it } from 'vitest';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { describePg, tempPgBook, TEST_PG } from '../../helpers/pg';
import { tempDirsPerTest } from '../../helpers/temp-book';
import { parsePgBook } from '../../../electron/pg/book-url';
import { openBook } from '../../../electron/db/connection';
import { openPgBook } from '../../../electron/pg/connection';
import { readOrigin } from '../../../electron/offline/origin';
import { filePartyNames, fileStepStates, offlineSteps } from '../../../electron/offline/offline-steps';
import { sendOfflineSteps } from '../../../electron/offline/push-send';
import { asUser, cli, cliAsync, CLI_USER, DEAL, inFile, PASSWORD, serverDeal, sql, tablesDigest } from './offline-helpers';

const dir = tempDirsPerTest('dealbook-offline-');
let cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.reverse()) await c();
  cleanups = [];
});

async function pulledBook() {
  const t = tempPgBook('offp');
  cleanups.push(t.drop);
  await asUser(t.url, 'alice', async (h) => {
    await h.addDeal({ values: DEAL });
    await h.addDeal({ values: { ...DEAL, notes: 'second', amount_usd: '2B' } });
    await h.addDeal({ values: { ...DEAL, notes: 'third', amount_usd: '1B' } });
  }, true);
  const file = join(dir(), 'copy.dealbook');
  expect(cli(['pull', '--book', t.url, '--out', file]).code).toBe(0);
  return { url: t.url, file, schema: parsePgBook(t.url).schema };
}

const count = async (schema: string, table: string) => Number((await sql<{ n: number }>(`SELECT count(*)::int AS n FROM "${schema}".${table}`))[0]!.n);

describePg('dealbook push: ids, deletes, crashes and broken connections', () => {
  it('maps deals added offline to new team ids, also in a later push; deletes; a deal deleted on the server and edited offline; a delete of a deal changed on the server', async () => {
    const { url, file, schema } = await pulledBook();
    // The server moves on: a deal of its own (the id an offline deal got in the file), a delete, a change.
    await asUser(url, 'alice', async (h) => {
      await h.addDeal({ values: { ...DEAL, notes: 'server new' } });
      await h.deleteDeals({ ids: [2] });
      await h.updateDeal({ id: 3, changes: { status: 'closed' } });
    });
    let offlineId = 0;
    await inFile(file, (s) => {
      offlineId = s.addDeal({ values: { ...DEAL, from_party: 'Offline Co', notes: 'added offline' } }).id;
      s.updateDeal({ id: offlineId, changes: { amount_usd: '9B' } });
      const gone = s.addDeal({ values: { ...DEAL, notes: 'added and deleted offline' } }).id;
      s.deleteDeals({ ids: [gone] });
      s.updateDeal({ id: 2, changes: { notes: 'edited offline' } });
      s.deleteDeals({ ids: [3] });
    });
    const pushed = cli(['push', '--book', file]);
    expect(pushed.code, pushed.stderr).toBe(1);
    expect(pushed.stdout).toContain('conflict: deal 2 notes: offline "edited offline", server deleted (changed by alice)\n');
    expect(pushed.stdout).toContain('conflict: deal 3: offline deleted, server changed status (changed by alice)\n');
    const rows = await sql<{ id: number; notes: string; amount_usd: number }>(`SELECT id, notes, amount_usd FROM "${schema}".deals ORDER BY id`);
    const added = rows.find((r) => r.notes === 'added offline')!;
    expect(added.amount_usd).toBe(9e9);
    expect(added.id).not.toBe(offlineId);
    expect(rows.find((r) => r.notes === 'server new')!.id).toBe(offlineId);
    expect(rows.some((r) => r.notes === 'added and deleted offline')).toBe(false);
    expect(await serverDeal(url, 3)).toMatchObject({ status: 'closed' });
    expect((await sql(`SELECT name FROM "${schema}".parties WHERE name = 'Offline Co'`)).length).toBe(1);

    // A later offline edit of the deal added offline reaches its team id.
    await inFile(file, (s) => void s.updateDeal({ id: offlineId, changes: { notes: 'edited after the push' } }));
    const second = cli(['push', '--book', file]);
    expect(second.code, second.stderr).toBe(0);
    expect(await serverDeal(url, added.id)).toMatchObject({ notes: 'edited after the push' });
    expect(await serverDeal(url, offlineId)).toMatchObject({ notes: 'server new' });
  });

  it('lists an offline rename to a name the team book gave another party since, and applies the rest', async () => {
    const { url, file, schema } = await pulledBook();
    // Since the pull, the server has a party named what the file renames Cloudy to.
    await asUser(url, 'alice', async (h) => void (await h.addDeal({ values: { ...DEAL, to_party: 'Nimbus', notes: 'server' } })));
    await inFile(file, (s) => {
      s.renameParty({ name: 'Cloudy', to: 'Nimbus' });
      s.updateDeal({ id: 1, changes: { notes: 'offline' } });
    });
    const pushed = cli(['push', '--book', file]);
    expect(pushed.code, pushed.stderr).toBe(1);
    expect(pushed.stdout).toContain('conflict: party "Cloudy" name: offline "Nimbus", server "Nimbus" is another party\'s name\n');
    expect(await serverDeal(url, 1)).toMatchObject({ notes: 'offline' });
    expect((await sql<{ name: string }>(`SELECT name FROM "${schema}".parties WHERE name IN ('Cloudy', 'Nimbus') ORDER BY name`)).map((r) => r.name)).toEqual(['Cloudy', 'Nimbus']);
  });

  it('a push whose file note was lost (a crash after the commit) is run again without sending anything twice', async () => {
    const { url, file, schema } = await pulledBook();
    await inFile(file, (s) => {
      s.addDeal({ values: { ...DEAL, notes: 'added offline' } });
      s.updateDeal({ id: 1, changes: { amount_usd: '8B' } });
    });
    // The server's half of a push, committed, and the process gone before it noted anything in the file.
    const { db } = await openBook(file);
    const origin = readOrigin(db, file)!;
    const opened = await openPgBook(`${url}`, { max: 1 });
    const first = await sendOfflineSteps(opened.pool, opened.book.schema, origin, offlineSteps(db, origin.pushedBatch), {
      user: CLI_USER, now: () => new Date(), dryRun: false, offlineParty: filePartyNames(db), fileSteps: fileStepStates(db, origin.baseBatch),
    });
    await opened.pool.end();
    db.close();
    expect(first.changes).toBe(2);
    const digest = await tablesDigest(url);
    const deals = await count(schema, 'deals');

    await inFile(file, (s) => void s.updateDeal({ id: 1, changes: { notes: 'after the crash' } }));
    const again = cli(['push', '--book', file]);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toMatch(/^already pushed: step \d+ "Add deal"$/m);
    expect(again.stdout).toMatch(/^already pushed: step \d+ "Edit amount_usd"$/m);
    expect(again.stdout).toMatch(/pushed 1 step \(1 change applied, 0 conflicts not applied\)/);
    expect(await count(schema, 'deals')).toBe(deals);
    expect(await tablesDigest(url)).not.toBe(digest);
    expect(await serverDeal(url, 1)).toMatchObject({ amount_usd: 8e9, notes: 'after the crash' });
    // Its own pushed step is not someone else's change: no conflict on amount_usd.
    expect(again.stdout).not.toMatch(/^conflict:/m);
  });

  it('a connection broken mid-push applies nothing, says so, and the same push run again works', async () => {
    const { url, file, schema } = await pulledBook();
    await inFile(file, (s) => {
      s.updateDeal({ id: 2, changes: { notes: 'first offline step' } });
      s.updateDeal({ id: 1, changes: { notes: 'second offline step' } });
    });
    const digest = await tablesDigest(url);
    // Deal 1 held by another transaction: the push applies its first step, then waits on deal 1's row.
    const holder = new pg.Client({ connectionString: TEST_PG });
    await holder.connect();
    cleanups.push(() => holder.end());
    const holderPid = (await holder.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid;
    await holder.query('BEGIN');
    await holder.query(`SELECT 1 FROM "${schema}".deals WHERE id = 1 FOR UPDATE`);
    const running = cliAsync(['push', '--book', file]);
    let pid: number | undefined;
    for (let i = 0; i < 200 && pid === undefined; i++) {
      await new Promise((r) => setTimeout(r, 25));
      // Asked on a connection of its own: a transaction sees pg_stat_activity as it was when it first looked.
      pid = (await sql<{ pid: number }>(
        `SELECT pid FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND pid <> $1 AND query LIKE '%FOR UPDATE%'`, [holderPid],
      ))[0]?.pid;
    }
    expect(pid).toBeDefined();
    await holder.query('SELECT pg_terminate_backend($1)', [pid]);
    const broken = await running;
    expect(broken.code).toBe(2);
    expect(broken.stderr).toMatch(/The connection to the team book broke during the push .*nothing was applied \(a push is one transaction\)\. Run the same push again\./);
    await holder.query('ROLLBACK');
    expect(await tablesDigest(url)).toBe(digest);

    const again = cli(['push', '--book', file]);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toMatch(/pushed 2 steps \(2 changes applied, 0 conflicts not applied\)/);
    expect(await serverDeal(url, 2)).toMatchObject({ notes: 'first offline step' });
    expect(await serverDeal(url, 1)).toMatchObject({ notes: 'second offline step' });
  });

  it('a connection broken mid-pull leaves no file; pull and push refuse what they do not take', async () => {
    const { url, schema } = await pulledBook();
    const out = join(dir(), 'broken.dealbook');
    const holder = new pg.Client({ connectionString: TEST_PG });
    await holder.connect();
    cleanups.push(() => holder.end());
    await holder.query('BEGIN');
    await holder.query(`LOCK TABLE "${schema}".deals IN ACCESS EXCLUSIVE MODE`);
    const running = cliAsync(['pull', '--book', url, '--out', out]);
    let pid: number | undefined;
    for (let i = 0; i < 200 && pid === undefined; i++) {
      await new Promise((r) => setTimeout(r, 25));
      pid = (await sql<{ pid: number }>(`SELECT pid FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE '%FROM deals%'`))[0]?.pid;
    }
    expect(pid).toBeDefined();
    await sql('SELECT pg_terminate_backend($1)', [pid]);
    const broken = await running;
    await holder.query('ROLLBACK');
    expect(broken.code, broken.stderr).toBe(2);
    expect(broken.stderr).toMatch(/The connection to .* broke during the pull .*; no file was written\./);
    expect(readdirSync(join(out, '..'))).toEqual([]);

    const plain = join(dir(), 'plain.dealbook');
    expect(cli(['new', '--book', plain]).code).toBe(0);
    const notCopy = cli(['push', '--book', plain]);
    expect(notCopy.code).toBe(2);
    expect(notCopy.stderr).toContain('is not an offline copy of a team book');
    expect(cli(['pull', '--book', plain, '--out', join(dir(), 'x.dealbook')])).toMatchObject({ code: 2, stderr: expect.stringContaining('pull copies a team book') });
    expect(cli(['push', '--book', url])).toMatchObject({ code: 2, stderr: expect.stringContaining('push sends a book file') });
  });

  it('push --to makes a new team book equal to the file and pushes there later; refuses a schema that holds a book; the password comes from standard input', async () => {
    const file = join(dir(), 'mine.dealbook');
    expect(cli(['new', '--book', file, '--sample']).code).toBe(0);
    await inFile(file, (s) => {
      s.updateDeal({ id: 1, changes: { notes: 'mine' } });
      s.setScenario({ name: 'Bear', status_weight: { announced: 0.5 }, roll_up: true });
    });
    const t = tempPgBook('offto');
    cleanups.push(t.drop);
    const made = cli(['push', '--book', file, '--to', t.url], { password: null });
    expect(made.code, made.stderr).toBe(0);
    expect(made.stdout).toMatch(/^created postgres:\/\/dealbook:\*\*\*@.* from .*mine\.dealbook \(\d+ deals, \d+ parties, 2 scenarios, 2 history steps\)/);
    const fileView = await inFile(file, (s) => ({ deals: s.listDeals({}), bear: s.listDeals({ scenario: 'Bear' }), parties: s.listParties({}), scenarios: s.listScenarios({}) }));
    await asUser(t.url, 'alice', async (h) => {
      expect(await h.listDeals({})).toEqual(fileView.deals);
      expect(await h.listDeals({ scenario: 'Bear' })).toEqual(fileView.bear);
      expect(await h.listParties({})).toEqual(fileView.parties);
      expect(await h.listScenarios({})).toEqual(fileView.scenarios);
      expect((await h.history({})).steps.map((s) => s.user)).toEqual([CLI_USER, CLI_USER]);
      // New rows get new ids after the copied ones.
      const added = await h.addDeal({ values: DEAL });
      expect(added.id).toBe(Math.max(...fileView.deals.map((d) => d.id)) + 1);
    });
    const check = cli(['check', '--book', t.url], { password: null });
    expect(check.code, check.stdout).toBe(0);

    const refused = cli(['push', '--book', file, '--to', t.url], { password: null });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('already holds a book');

    // The file now pushes to it; its URL is kept without the password, given here on standard input (no kept one).
    await inFile(file, (s) => void s.updateDeal({ id: 2, changes: { notes: 'later' } }));
    const noPassword = cli(['push', '--book', file], { password: null, pgpass: join(dir(), 'no-pgpass') });
    expect(noPassword.code).toBe(2);
    expect(noPassword.stderr).toContain('no password: give it in the URL, in PGPASSWORD or in ~/.pgpass');
    const pushed = cli(['push', '--book', file, '--password-stdin'], { password: null, input: `${PASSWORD}\n`, pgpass: join(dir(), 'no-pgpass') });
    expect(pushed.code, pushed.stderr).toBe(0);
    expect(await serverDeal(t.url, 2)).toMatchObject({ notes: 'later' });
  });
});
