import { afterEach, expect, it } from 'vitest';
import { openPgBook } from '../../../electron/pg/connection';
import { PG_MIGRATIONS, PG_LATEST_VERSION } from '../../../electron/pg/migrations';
import { createPgStore } from '../../../electron/pg/pg-service';
import { openStore } from '../../../electron/service/open-store';
import { LOOKALIKE_LABEL, LOOKALIKE_REPORT_KEY, type LookalikeReport } from '../../../electron/db/lookalike-parties';
import { MIGRATION_USER } from '../../../electron/pg/pg-lookalikes';
import { partyKey } from '../../../shared/model/deal';
import { AppFailure } from '../../../shared/protocol/result';
import { dealbook } from '../../helpers/cli';
import { describePg, tempPgBook } from '../../helpers/pg';

// Schema steps 5 and 6 on a team book: the file book's migrations 005 and 006 (electron/db/migrations), same rule, same report.

const NFC = 'Caf\u00e9 Capital';
const NFD = 'Cafe\u0301 Capital';
const ZWSP = 'Caf\u00e9\u200B Capital';
const UPPER = 'CAF\u00c9 CAPITAL';
const RTL = '\u200FCaf\u00e9 Capital';

let cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.reverse()) await c();
  cleanups = [];
});

/** A team book as schema 4 left it, written in SQL: one counterparty under five spellings, and two kept apart. */
async function olderBook(): Promise<string> {
  const t = tempPgBook('lookalike');
  cleanups.push(t.drop);
  const old = await openPgBook(t.url, { create: true, migrations: PG_MIGRATIONS.filter((m) => m.version < 5) });
  const q = async (sql: string, params: unknown[] = []) => (await old.pool.query(sql, params)).rows;
  const party = async (name: string) =>
    ((await q('SELECT id FROM parties WHERE name = $1', [name]))[0]?.id as number | undefined) ?? ((await q('INSERT INTO parties (name) VALUES ($1) RETURNING id', [name]))[0]!.id as number);
  const rows = [[NFC, 'OpenAI'], [NFD, 'OpenAI'], [ZWSP, 'OpenAI'], [UPPER, 'OpenAI'], [RTL, 'OpenAI'], ['Lab\u00e9', 'Labe\u0301']];
  for (const [i, [from, to]] of rows.entries()) {
    await q(`INSERT INTO deals (announced, from_party_id, to_party_id, kind, status, amount_usd, term_years, notes) VALUES ('2025-01-01', $1, $2, 'investment', 'announced', 1e9, 10, $3)`, [
      await party(from!), await party(to!), `spelling ${i}`,
    ]);
  }
  await q(`UPDATE parties SET kind = 'investor' WHERE name = $1`, [NFD]);
  await q(`UPDATE parties SET parent_id = (SELECT id FROM parties WHERE name = $1) WHERE name = 'OpenAI'`, [ZWSP]);
  await old.pool.end();
  return t.url;
}

describePg('team book schema step 5: lookalike party names', () => {
  it('merges the spellings into the oldest as one step in the history, keeps apart what it must, and reports both', async () => {
    const url = await olderBook();
    const store = await openStore(url);
    cleanups.push(() => store.close());
    const h = store.handlersFor('ana');
    const info = await h.bookInfo({});
    expect(info.schemaVersion).toBe(PG_LATEST_VERSION);
    const parties = await h.listParties({});
    expect(parties.map((p) => p.name).sort()).toEqual([NFC, 'Labe\u0301', 'Lab\u00e9', 'OpenAI'].sort());
    expect(parties.find((p) => p.name === NFC)).toMatchObject({ kind: 'investor', deal_count: 5 });
    // A child of a merged spelling now hangs under the party kept.
    expect(parties.find((p) => p.name === 'OpenAI')!.parent).toBe(NFC);
    expect((await h.listDeals({})).slice(0, 5).map((d) => d.from_party)).toEqual(Array(5).fill(NFC));
    const report = JSON.parse((await h.getSetting({ key: LOOKALIKE_REPORT_KEY }))!) as LookalikeReport;
    expect(report).toEqual({
      merged: [{ into: NFC, merged: [NFD, ZWSP, UPPER, RTL] }],
      keptApart: [{ names: ['Lab\u00e9', 'Labe\u0301'], reason: 'deal 6 would go from the party to itself' }],
    });
    // The step is the program's, in the history with its label; the analysts' undo stacks do not hold it.
    const opened = await openPgBook(url);
    cleanups.push(() => opened.pool.end());
    expect((await opened.pool.query('SELECT label, user_name FROM batches')).rows).toEqual([{ label: LOOKALIKE_LABEL, user_name: MIGRATION_USER }]);
    expect(info.canUndo).toBe(false);

    // From now on names match by the same rule as a file book's, beyond ASCII: no new party for any spelling.
    for (const spelling of [NFD, 'caf\u00e9 capital', ' CAF\u00c9\u200B  CAPITAL ']) {
      await h.addDeal({ values: { announced: '2025-02-01', from_party: spelling, to_party: 'OpenAI', kind: 'investment', amount_usd: '1B' } });
    }
    expect((await h.listParties({})).find((p) => p.name === NFC)!.deal_count).toBe(8);
    expect((await h.listParties({})).length).toBe(4);
    const keys = (await opened.pool.query<{ name: string; name_key: string }>('SELECT name, name_key FROM parties')).rows;
    for (const k of keys) expect(k.name_key).toBe(partyKey(k.name));

    const check = dealbook(['check', '--book', url]);
    expect(check.code, check.stderr).toBe(0);
    expect(check.stdout).toContain(`schema: ${PG_LATEST_VERSION} (this app: ${PG_LATEST_VERSION})`);
    expect(check.stdout).toContain(`lookalike parties: merged "${NFD}" (decomposed), "Caf\u00e9\\u200B Capital", "${UPPER}", "\\u200FCaf\u00e9 Capital" into "${NFC}"`);
    expect(check.stdout).toContain('lookalike parties: kept apart "Lab\u00e9", "Labe\u0301" (decomposed): deal 6 would go from the party to itself');
  });

  it('adds no step to a book without lookalikes, and refuses a newer book untouched', async () => {
    const t = tempPgBook('lookalike');
    cleanups.push(t.drop);
    const old = await openPgBook(t.url, { create: true, migrations: PG_MIGRATIONS.filter((m) => m.version < 5) });
    await old.pool.end();
    const opened = await openPgBook(t.url);
    const store = createPgStore(opened);
    cleanups.push(() => store.close());
    expect(opened).toMatchObject({ version: PG_LATEST_VERSION, migratedFrom: 4 });
    expect((await opened.pool.query('SELECT count(*)::int AS n FROM batches')).rows[0].n).toBe(0);
    expect(JSON.parse((await store.handlersFor('ana').getSetting({ key: LOOKALIKE_REPORT_KEY }))!)).toEqual({ merged: [], keptApart: [] });

    const newer = String(PG_LATEST_VERSION + 1);
    await opened.pool.query(`UPDATE book_meta SET value = $1 WHERE key = 'schema_version'`, [newer]);
    await opened.pool.query(`CREATE TABLE from_the_future (id int)`);
    const refused = await openPgBook(t.url).then(
      () => null,
      (err: unknown) => (err instanceof AppFailure ? err.error : null),
    );
    expect(refused).toMatchObject({ code: 'book_newer' });
    expect(refused!.message).toContain(`schema ${newer}; this version reads up to ${PG_LATEST_VERSION}`);
    expect((await opened.pool.query(`SELECT value FROM book_meta WHERE key = 'schema_version'`)).rows).toEqual([{ value: newer }]);
  });
});

/** The key a schema-5 app wrote: the rule as it was then (zero-width characters, marks and embeddings only). */
const v5Key = (name: string) =>
  name.normalize('NFC').replace(/[\u00AD\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/g, '').trim().replace(/\s+/g, ' ').toLowerCase();

describePg('team book schema step 6: names that differ by a default-ignorable character', () => {
  it('merges them as one more step in the history and adds them to step 5\'s report', async () => {
    const t = tempPgBook('lookalike');
    cleanups.push(t.drop);
    // Schema 4 with "Café" twice; step 5 merges it; then the schema-5 app adds names its rule told apart.
    const v4 = await openPgBook(t.url, { create: true, migrations: PG_MIGRATIONS.filter((m) => m.version < 5) });
    const q4 = async (sql: string, params: unknown[] = []) => (await v4.pool.query(sql, params)).rows;
    const party4 = async (name: string) => (await q4('INSERT INTO parties (name, name_key) VALUES ($1, $2) RETURNING id', [name, v5Key(name)]))[0]!.id as number;
    const openai = await party4('OpenAI');
    for (const name of [NFC, NFD]) {
      await q4(`INSERT INTO deals (announced, from_party_id, to_party_id, kind, status, amount_usd, term_years) VALUES ('2025-01-01', $1, $2, 'investment', 'announced', 1e9, 10)`, [await party4(name), openai]);
    }
    await v4.pool.end();
    const v5 = await openPgBook(t.url, { migrations: PG_MIGRATIONS.filter((m) => m.version < 6) });
    expect(v5).toMatchObject({ version: 5, migratedFrom: 4 });
    const q = async (sql: string, params: unknown[] = []) => (await v5.pool.query(sql, params)).rows;
    const party = async (name: string) => (await q('INSERT INTO parties (name, name_key) VALUES ($1, $2) RETURNING id', [name, v5Key(name)]))[0]!.id as number;
    const nour = await party('Nour Capital');
    const alm = await party('Nour\u061C Capital');
    await q('UPDATE parties SET parent_id = $1 WHERE id = $2', [alm, nour]);
    await q(`INSERT INTO parties (name, name_key, parent_id) VALUES ('Nour Ventures', 'nour ventures', $1)`, [alm]);
    for (const [from, to] of [[nour, openai], [alm, openai], [openai, alm]]) {
      await q(`INSERT INTO deals (announced, from_party_id, to_party_id, kind, status, amount_usd, term_years) VALUES ('2025-02-01', $1, $2, 'investment', 'announced', 1e9, 10)`, [from, to]);
    }
    await v5.pool.end();
    // Its keys are its version's: check does not call them stale.
    const checkOld = dealbook(['check', '--book', t.url]);
    expect(checkOld.code, checkOld.stdout + checkOld.stderr).toBe(0);
    expect(checkOld.stdout).toContain(`schema: 5 (this app: ${PG_LATEST_VERSION}, will migrate on open)`);

    const store = await openStore(t.url);
    cleanups.push(() => store.close());
    const h = store.handlersFor('ana');
    const parties = new Map((await h.listParties({})).map((p) => [p.name, p]));
    expect([...parties.keys()].sort()).toEqual([NFC, 'Nour Capital', 'Nour Ventures', 'OpenAI'].sort());
    expect(parties.get('Nour Capital')).toMatchObject({ parent: null, deal_count: 3 });
    expect(parties.get('Nour Ventures')!.parent).toBe('Nour Capital');
    expect(JSON.parse((await h.getSetting({ key: LOOKALIKE_REPORT_KEY }))!)).toEqual({
      merged: [{ into: NFC, merged: [NFD] }, { into: 'Nour Capital', merged: ['Nour\u061C Capital'] }],
      keptApart: [],
    });
    const opened = await openPgBook(t.url);
    cleanups.push(() => opened.pool.end());
    expect((await opened.pool.query('SELECT label, user_name FROM batches ORDER BY id')).rows).toEqual([
      { label: LOOKALIKE_LABEL, user_name: MIGRATION_USER },
      { label: LOOKALIKE_LABEL, user_name: MIGRATION_USER },
    ]);
    for (const k of (await opened.pool.query<{ name: string; name_key: string }>('SELECT name, name_key FROM parties')).rows) expect(k.name_key).toBe(partyKey(k.name));
    await h.addDeal({ values: { announced: '2025-03-01', from_party: 'Nour\u3164 Capital', to_party: 'OpenAI', kind: 'investment' } });
    expect((await h.listParties({})).length).toBe(4);

    const check = dealbook(['check', '--book', t.url]);
    expect(check.code, check.stderr).toBe(0);
    expect(check.stdout).toContain(
      [`lookalike parties: merged "${NFD}" (decomposed) into "${NFC}"`, 'lookalike parties: merged "Nour\\u061C Capital" into "Nour Capital"'].join('\n'),
    );
  });
});
