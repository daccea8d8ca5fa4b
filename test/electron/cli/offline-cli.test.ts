import { afterEach, expect, it } from 'vitest';
import { readFileSync, existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { describePg, tempPgBook, TEST_PG } from '../../helpers/pg';
import { channelOf } from '../../../electron/team/live';
import { tempDirsPerTest } from '../../helpers/temp-book';
import { parsePgBook } from '../../../electron/pg/book-url';
import { asUser, cli, CLI_USER, DEAL, inFile, PASSWORD, PGPASS, serverDeal, sql, tablesDigest } from './offline-helpers';

const dir = tempDirsPerTest('dealbook-offline-');
let cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.reverse()) await c();
  cleanups = [];
});

/** A team book with alice's deals, a parent, a scenario, a date order and a history; pulled into a file. */
async function pulledBook() {
  const t = tempPgBook('off');
  cleanups.push(t.drop);
  await asUser(t.url, 'alice', async (h) => {
    await h.addDeal({ values: DEAL });
    await h.addDeal({ values: { ...DEAL, notes: 'second', amount_usd: '2B' } });
    await h.addDeal({ values: { ...DEAL, from_party: 'Bolt', notes: 'third', amount_usd: '1B' } });
    await h.setPartyParent({ name: 'Bolt', parent: 'Acme Labs' });
    await h.setScenario({ name: 'Bear', status_weight: { announced: 0.5 } });
    await h.setDateOrder({ dateOrder: 'DMY' });
  }, true);
  const file = join(dir(), 'copy.dealbook');
  const pulled = cli(['pull', '--book', t.url, '--out', file]);
  expect(pulled.code, pulled.stderr).toBe(0);
  return { url: t.url, file };
}

describePg('dealbook pull and push: offline copies of a team book', () => {
  it('pull copies deals, parties with parents and kinds, scenarios, the date order and the history; keeps no password; refuses an existing file', async () => {
    const { url, file } = await pulledBook();
    const server = await asUser(url, 'alice', async (h) => ({
      deals: await h.listDeals({}), parties: await h.listParties({}), scenarios: await h.listScenarios({}),
      bear: await h.listDeals({ scenario: 'Bear' }), history: await h.history({}), info: await h.bookInfo({}),
    }));
    await inFile(file, (s) => {
      expect(s.listDeals({})).toEqual(server.deals);
      expect(s.listDeals({ scenario: 'Bear' })).toEqual(server.bear);
      expect(s.listParties({})).toEqual(server.parties);
      expect(s.listParties({}).find((p) => p.name === 'Bolt')!.parent).toBe('Acme Labs');
      expect(s.listScenarios({})).toEqual(server.scenarios);
      expect(s.bookInfo({}).dateOrder).toBe('DMY');
      const history = s.history({});
      const shape = (h: typeof history) => h.steps.map((x) => ({ id: x.id, user: x.user, label: x.label, state: x.state, cells: x.cells }));
      expect(shape(history)).toEqual(shape(server.history));
      expect(history.steps.every((x) => x.user === 'alice')).toBe(true);
      // The team book's steps are its history, not the analyst's undo stack.
      expect(s.bookInfo({}).canUndo).toBe(false);
    });
    expect(readFileSync(file).includes(Buffer.from(PASSWORD))).toBe(false);
    // The password is kept for push in the user's own file, readable by them alone.
    expect(readFileSync(PGPASS, 'utf8')).toContain(`:${PASSWORD}\n`);
    expect(statSync(PGPASS).mode & 0o777).toBe(0o600);
    expect(readFileSync(file).includes(Buffer.from(`schema=${parsePgBook(url).schema}`))).toBe(true);

    const before = readFileSync(file);
    const again = cli(['pull', '--book', url, '--out', file]);
    expect(again.code).toBe(2);
    expect(again.stderr).toBe(`dealbook: ${file} already exists; pull into a new file (nothing was written)\n`);
    expect(readFileSync(file).equals(before)).toBe(true);

    const check = cli(['check', '--book', file]);
    expect(check.code, check.stdout).toBe(0);

    // The file's History: the copied steps as their makers', the analyst's own as `you`, each filter to its own.
    await inFile(file, (s) => {
      s.updateDeal({ id: 1, changes: { notes: 'mine' } });
      expect(s.bookInfo({}).undoLabel).toBe('Edit notes');
      const all = s.history({});
      expect(all.users).toEqual(['alice', 'you']);
      expect(all.steps.map((x) => x.user)).toEqual(['you', ...server.history.steps.map(() => 'alice')]);
      expect(s.history({ user: 'you' }).steps.map((x) => x.label)).toEqual(['Edit notes']);
      expect(s.history({ user: 'alice' }).steps.map((x) => x.id)).toEqual(server.history.steps.map((x) => x.id));
      expect(s.history({ user: 'nobody' }).steps).toEqual([]);
    });

    const missing = join(dir(), 'nothing.dealbook');
    const refused = cli(['pull', '--book', `${url.replace(/schema=\w+/, 'schema=no_such_book_here')}`, '--out', missing]);
    expect(refused.code).toBe(2);
    expect(existsSync(missing)).toBe(false);
  });

  it('push applies offline steps and server edits of other fields, one team step per offline step, recorded as the CLI user', async () => {
    const { url, file } = await pulledBook();
    await asUser(url, 'bob', (h) => h.updateDeal({ id: 1, changes: { notes: 'bob was here' } }));
    await inFile(file, (s) => {
      s.updateDeal({ id: 1, changes: { amount_usd: '7B' } });
      s.updateDeal({ id: 2, changes: { status: 'signed', notes: 'offline' } });
    });
    const batches = Number((await sql<{ n: number }>(`SELECT count(*)::int AS n FROM "${parsePgBook(url).schema}".batches`))[0]!.n);
    // The book's servers are told, as of any CLI step: their windows reload.
    const listener = new pg.Client({ connectionString: TEST_PG });
    await listener.connect();
    cleanups.push(() => listener.end());
    const notices: Record<string, unknown>[] = [];
    listener.on('notification', (n) => notices.push(JSON.parse(n.payload ?? '{}') as Record<string, unknown>));
    await listener.query(`LISTEN "${channelOf(parsePgBook(url).schema)}"`);
    // No PGPASSWORD: the password pull kept.
    const pushed = cli(['push', '--book', file], { password: null });
    expect(pushed.code, pushed.stderr).toBe(0);
    expect(pushed.stdout).toMatch(/^applied: step \d+ "Edit amount_usd": 1 change as team step \d+$/m);
    expect(pushed.stdout).toMatch(/^applied: step \d+ "Edit deal 2": 2 changes as team step \d+$/m);
    expect(pushed.stdout).toMatch(/^pushed 2 steps \(3 changes applied, 0 conflicts not applied\) to postgres:/m);
    expect(pushed.stdout).not.toContain(PASSWORD);
    expect(await serverDeal(url, 1)).toMatchObject({ amount_usd: 7e9, notes: 'bob was here' });
    expect(await serverDeal(url, 2)).toMatchObject({ status: 'signed', notes: 'offline' });
    const steps = await asUser(url, 'alice', (h) => h.history({}));
    // Labelled with when each was made offline (the team step's own time is the push's).
    const madeAt = await inFile(file, (s) => s.history({ user: 'you' }).steps.map((x) => `${new Date(x.at).toISOString().slice(0, 16).replace('T', ' ')} UTC`));
    expect(madeAt).toHaveLength(2);
    expect(steps.steps.slice(0, 2).map((s) => [s.user, s.label])).toEqual([
      [CLI_USER, `Edit deal 2 (offline, ${madeAt[0]})`], [CLI_USER, `Edit amount_usd (offline, ${madeAt[1]})`],
    ]);
    expect(Number((await sql<{ n: number }>(`SELECT count(*)::int AS n FROM "${parsePgBook(url).schema}".batches`))[0]!.n)).toBe(batches + 2);
    await listener.query('SELECT 1');
    expect(notices).toEqual([expect.objectContaining({ reload: true, label: 'Push of 2 offline steps', by: CLI_USER })]);

    // Pushed once: the next push has nothing to send.
    const digest = await tablesDigest(url);
    const again = cli(['push', '--book', file]);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain('nothing to push');
    expect(await tablesDigest(url)).toBe(digest);
  });

  it('lists a field changed on both sides with who changed it and does not apply it; the step\'s other changes go through (exit 1)', async () => {
    const { url, file } = await pulledBook();
    await asUser(url, 'alice', (h) => h.updateDeal({ id: 1, changes: { amount_usd: '6B' } }));
    await inFile(file, (s) => void s.updateDeal({ id: 1, changes: { amount_usd: '5000000000.5', notes: 'offline note' } }));
    await inFile(file, (s) => void s.updateDeal({ id: 1, changes: { amount_usd: '4B' } }));
    const pushed = cli(['push', '--book', file]);
    expect(pushed.code, pushed.stderr).toBe(1);
    expect(pushed.stdout).toContain('conflict: deal 1 amount_usd: offline 5000000000.5, server 6000000000 (changed by alice)\n');
    expect(pushed.stdout).toContain('conflict: deal 1 amount_usd: offline 4000000000, server 6000000000 (changed by alice)\n');
    expect(pushed.stdout).toMatch(/pushed 2 steps \(1 change applied, 2 conflicts not applied\)/);
    expect(await serverDeal(url, 1)).toMatchObject({ amount_usd: 6e9, notes: 'offline note' });
  });

  it('--dry-run lists what a push would do and writes nothing, to the team book or the file', async () => {
    const { url, file } = await pulledBook();
    await asUser(url, 'alice', (h) => h.updateDeal({ id: 1, changes: { amount_usd: '6B' } }));
    await inFile(file, (s) => {
      s.updateDeal({ id: 1, changes: { amount_usd: '7B' } });
      s.addDeal({ values: { ...DEAL, from_party: 'Newco', notes: 'new offline' } });
    });
    const digest = await tablesDigest(url);
    const fileBytes = readFileSync(file);
    const dry = cli(['push', '--book', file, '--dry-run']);
    expect(dry.code, dry.stderr).toBe(1);
    expect(dry.stdout).toContain('conflict: deal 1 amount_usd: offline 7000000000, server 6000000000 (changed by alice)');
    expect(dry.stdout).toMatch(/^would apply: step \d+ "Add deal": 2 changes$/m);
    expect(dry.stdout).toMatch(/dry run: would push 2 steps \(2 changes applied, 1 conflict not applied\) .*; nothing was written/);
    expect(await tablesDigest(url)).toBe(digest);
    expect(readFileSync(file).equals(fileBytes)).toBe(true);
    const real = cli(['push', '--book', file]);
    expect(real.code).toBe(1);
    expect(await tablesDigest(url)).not.toBe(digest);
  });

  it('pushes parties, parents, scenarios field by field and an offline import; a party named offline is the team book\'s of that name', async () => {
    const { url, file } = await pulledBook();
    const schema = parsePgBook(url).schema;
    await asUser(url, 'alice', async (h) => {
      await h.addDeal({ values: { ...DEAL, from_party: 'Zeta Corp', notes: 'server zeta' } });
      await h.setScenario({ name: 'Bear', status_weight: { signed: 0.7 } });
    });
    await inFile(file, (s) => {
      s.addDeal({ values: { ...DEAL, from_party: 'ZETA CORP', notes: 'offline zeta' } });
      s.setScenario({ name: 'Bear', status_weight: { signed: 0.5, closed: 0.9 } });
      s.setPartyParent({ name: 'Cloudy', parent: 'Acme Labs' });
      const report = s.importCsv({ text: 'announced,from_party,to_party,kind,amount_usd,notes\n2025-02-01,Acme Labs,Cloudy,purchase,3B,imported one\n2025-02-02,Acme Labs,Cloudy,purchase,4B,imported two\n' });
      expect(report.imported).toBe(2);
      const imported = s.listDeals({}).find((d) => d.notes === 'imported two')!;
      s.updateDeal({ id: imported.id, changes: { amount_usd: '4.5B' } });
    });
    const pushed = cli(['push', '--book', file]);
    expect(pushed.code, pushed.stderr).toBe(1);
    expect(pushed.stdout).toContain('conflict: scenario "Bear" weight_signed: offline 0.5, server 0.7 (changed by alice)\n');
    expect(pushed.stdout.match(/^conflict:.*$/gm), pushed.stdout).toHaveLength(1);
    await asUser(url, 'bob', async (h) => {
      const parties = await h.listParties({});
      expect(parties.filter((p) => p.name.toLowerCase() === 'zeta corp')).toHaveLength(1);
      expect(parties.find((p) => p.name === 'Cloudy')!.parent).toBe('Acme Labs');
      const deals = await h.listDeals({});
      expect(deals.find((d) => d.notes === 'offline zeta')!.from_party).toBe('Zeta Corp');
      expect(deals.find((d) => d.notes === 'imported one')).toMatchObject({ amount_usd: 3e9, kind: 'purchase' });
      expect(deals.find((d) => d.notes === 'imported two')).toMatchObject({ amount_usd: 4.5e9 });
      const bear = (await h.listScenarios({})).find((x) => x.name === 'Bear')!;
      expect(bear.status_weight).toMatchObject({ announced: 0.5, signed: 0.7, closed: 0.9 });
    });
    // The import is one range edit on the team book, as its own import would be.
    expect(await sql(`SELECT op FROM "${schema}".edits WHERE op = 'insert_range'`)).toHaveLength(1);
  });
});
