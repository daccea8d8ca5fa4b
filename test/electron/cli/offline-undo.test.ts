import { afterEach, expect, it } from 'vitest';
import { join } from 'node:path';
import { describePg, tempPgBook } from '../../helpers/pg';
import { tempDirsPerTest } from '../../helpers/temp-book';
import { parsePgBook } from '../../../electron/pg/book-url';
import { openBook } from '../../../electron/db/connection';
import { openPgBook } from '../../../electron/pg/connection';
import { readOrigin } from '../../../electron/offline/origin';
import { filePartyNames, fileStepStates, offlineSteps } from '../../../electron/offline/offline-steps';
import { sendOfflineSteps } from '../../../electron/offline/push-send';
import { asUser, cli, CLI_USER, DEAL, inFile, serverDeal, sql, tablesDigest } from './offline-helpers';

const dir = tempDirsPerTest('dealbook-offline-undo-');
let cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.reverse()) await c();
  cleanups = [];
});

async function pulledBook() {
  const t = tempPgBook('offu');
  cleanups.push(t.drop);
  await asUser(t.url, 'alice', async (h) => {
    await h.addDeal({ values: DEAL });
    await h.addDeal({ values: { ...DEAL, notes: 'second', amount_usd: '2B' } });
  }, true);
  const file = join(dir(), 'copy.dealbook');
  expect(cli(['pull', '--book', t.url, '--out', file]).code).toBe(0);
  return { url: t.url, file, schema: parsePgBook(t.url).schema };
}

const steps = async (schema: string) => Number((await sql<{ n: number }>(`SELECT count(*)::int AS n FROM "${schema}".batches`))[0]!.n);

describePg('dealbook push: a pushed step undone or redone in the file', () => {
  it('sends the undo, then the redo, each as a team step; nothing twice; a push with nothing new connects but sends nothing', async () => {
    const { url, file, schema } = await pulledBook();
    await inFile(file, (s) => {
      s.updateDeal({ id: 1, changes: { notes: 'offline' } });
      s.addDeal({ values: { ...DEAL, notes: 'added offline' } });
    });
    expect(cli(['push', '--book', file]).code).toBe(0);
    const added = (await sql<{ id: number }>(`SELECT id FROM "${schema}".deals WHERE notes = 'added offline'`))[0]!.id;

    await inFile(file, async (s) => {
      await s.undo({});
      await s.undo({});
    });
    const undone = cli(['push', '--book', file]);
    expect(undone.code, undone.stderr).toBe(0);
    expect(undone.stdout).toMatch(/^applied: undo of step \d+ "Add deal": 1 change as team step \d+$/m);
    expect(undone.stdout).toMatch(/^applied: undo of step \d+ "Edit notes": 1 change as team step \d+$/m);
    expect(await serverDeal(url, 1)).toMatchObject({ notes: 'first' });
    expect(await serverDeal(url, added)).toBeUndefined();
    const labels = (await sql<{ label: string; user_name: string }>(`SELECT label, user_name FROM "${schema}".batches ORDER BY id DESC LIMIT 2`));
    expect(labels.map((l) => l.label)).toEqual(['Undo Edit notes (offline)', 'Undo Add deal (offline)']);
    expect(labels[0]!.user_name).toBe(CLI_USER);

    // Nothing new: nothing sent again.
    const digest = await tablesDigest(url);
    const none = cli(['push', '--book', file]);
    expect(none.code, none.stderr).toBe(0);
    expect(none.stdout).toContain('nothing to push');
    expect(await tablesDigest(url)).toBe(digest);

    await inFile(file, async (s) => void (await s.redo({})));
    const redone = cli(['push', '--book', file]);
    expect(redone.code, redone.stderr).toBe(0);
    expect(redone.stdout).toMatch(/^applied: redo of step \d+ "Edit notes": 1 change as team step \d+$/m);
    expect(await serverDeal(url, 1)).toMatchObject({ notes: 'offline' });
    expect(await serverDeal(url, added)).toBeUndefined();
    // The team book's own undo takes the pushed redo back.
    await asUser(url, CLI_USER, async (h) => void (await h.undo({})));
    expect(await serverDeal(url, 1)).toMatchObject({ notes: 'first' });
  });

  it('an offline import with a new party, pushed, then undone in the file: its deals and party leave the team book, and come back on redo', async () => {
    const { url, file, schema } = await pulledBook();
    await inFile(file, (s) => {
      const report = s.importCsv({ text: 'announced,from_party,to_party,kind,amount_usd,notes\n2025-02-01,Newco,Cloudy,purchase,3B,imported one\n2025-02-02,Newco,Cloudy,purchase,4B,imported two\n' });
      expect(report.imported).toBe(2);
    });
    expect(cli(['push', '--book', file]).code).toBe(0);
    const imported = async () => (await sql(`SELECT id FROM "${schema}".deals WHERE notes LIKE 'imported%'`)).length;
    const newco = async () => (await sql(`SELECT id FROM "${schema}".parties WHERE name = 'Newco'`)).length;
    expect([await imported(), await newco()]).toEqual([2, 1]);
    await inFile(file, async (s) => void (await s.undo({})));
    const undone = cli(['push', '--book', file]);
    expect(undone.code, undone.stdout + undone.stderr).toBe(0);
    expect([await imported(), await newco()]).toEqual([0, 0]);
    await inFile(file, async (s) => void (await s.redo({})));
    const redone = cli(['push', '--book', file]);
    expect(redone.code, redone.stdout + redone.stderr).toBe(0);
    expect([await imported(), await newco()]).toEqual([2, 1]);
    await asUser(url, 'bob', async (h) => expect((await h.listDeals({})).filter((d) => d.from_party === 'Newco')).toHaveLength(2));
  });

  it('an undo whose cell was changed on the server since the push is a conflict, listed, not applied', async () => {
    const { url, file } = await pulledBook();
    await inFile(file, (s) => void s.updateDeal({ id: 1, changes: { notes: 'offline' } }));
    expect(cli(['push', '--book', file]).code).toBe(0);
    await asUser(url, 'bob', async (h) => void (await h.updateDeal({ id: 1, changes: { notes: 'bob' } })));
    await inFile(file, async (s) => void (await s.undo({})));
    const r = cli(['push', '--book', file]);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stdout).toMatch(/^conflict: undo of step \d+ "Edit notes": bob changed notes of deal 1 since \(Edit notes, .*\)$/m);
    expect(r.stdout).toMatch(/^applied: undo of step \d+ "Edit notes": nothing$/m);
    expect(await serverDeal(url, 1)).toMatchObject({ notes: 'bob' });
  });

  it('an undo pushed and its file note lost (a crash) is not sent again', async () => {
    const { url, file, schema } = await pulledBook();
    await inFile(file, (s) => void s.updateDeal({ id: 1, changes: { notes: 'offline' } }));
    expect(cli(['push', '--book', file]).code).toBe(0);
    await inFile(file, async (s) => void (await s.undo({})));
    // The server's half of the push, committed; the file notes nothing.
    const { db } = await openBook(file);
    const origin = readOrigin(db, file)!;
    const opened = await openPgBook(url, { max: 1 });
    const first = await sendOfflineSteps(opened.pool, opened.book.schema, origin, offlineSteps(db, origin.pushedBatch), {
      user: CLI_USER, now: () => new Date(), dryRun: false, offlineParty: filePartyNames(db), fileSteps: fileStepStates(db, origin.baseBatch),
    });
    await opened.pool.end();
    db.close();
    expect(first.changes).toBe(1);
    const before = await steps(schema);
    const again = cli(['push', '--book', file]);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).not.toMatch(/undo of step/);
    expect(await steps(schema)).toBe(before);
    expect(await serverDeal(url, 1)).toMatchObject({ notes: 'first' });
  });
});
