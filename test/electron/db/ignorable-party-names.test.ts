import { afterEach, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { backupName } from '../../../electron/db/connection';
import { LATEST_VERSION, MIGRATIONS } from '../../../electron/db/migrations/index';
import { m006IgnorableCharacters } from '../../../electron/db/migrations/006-ignorable-characters';
import { describeLookalikes, LOOKALIKE_LABEL, LOOKALIKE_REPORT_KEY, type LookalikeReport } from '../../../electron/db/lookalike-parties';
import { openServiceWithInternals as openService } from '../../../electron/service/book';
import type { ServiceWithInternals as Service } from '../../../electron/service/service';
import { partyKey } from '../../../shared/model/deal';
import { dealbook } from '../../helpers/cli';
import { tempDirsPerTest } from '../../helpers/temp-book';

// Schema step 6 on a file book: the name rule grew from the zero-width characters to every default-ignorable one
// (issue 17), so a book of schema 5 may hold one counterparty twice; step 6 merges it as one undo step and adds it
// to the report step 5 left.

const dir = tempDirsPerTest('dealbook-ignorable-');

const NFC = 'Caf\u00e9 Capital';
const NFD = 'Cafe\u0301 Capital';
const NOUR = 'Nour Capital';
const NOUR_ALM = 'Nour\u061C Capital'; // an Arabic letter mark, pasted with a right-to-left name
const LAB = 'Lab X';
const LAB_MVS = 'Lab\u180E X'; // the Mongolian vowel separator

/** The key a schema-5 app wrote: the rule as it was then (zero-width characters, marks and embeddings only). */
const v5Key = (name: string) =>
  name.normalize('NFC').replace(/[\u00AD\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/g, '').trim().replace(/\s+/g, ' ').toLowerCase();

const BEFORE = MIGRATIONS.filter((m) => m.version < 6);

/**
 * A book as the schema-5 app left it: step 5 merged "Café" spelled twice (its report and undo step in the book),
 * then names that rule told apart were added: "Nour Capital" twice, the kept spelling a child of the other (the
 * old rule allowed it), a child of the lookalike, and "Lab X" twice with a deal between the two spellings.
 */
async function v5Book(): Promise<string> {
  const path = join(dir(), 'v5.dealbook');
  const v4 = await openService(path, { create: true, migrations: MIGRATIONS.filter((m) => m.version < 5) });
  const db4 = v4.repos.db;
  const party4 = (name: string) => Number(db4.prepare('INSERT INTO parties (name, name_key) VALUES (?, ?)').run(name, v5Key(name)).lastInsertRowid);
  const openai = party4('OpenAI');
  const deal4 = db4.prepare(`INSERT INTO deals (announced, from_party_id, to_party_id, kind, amount_usd, notes) VALUES ('2025-01-01', ?, ?, 'investment', 1e9, ?)`);
  deal4.run(party4(NFC), openai, 'cafe 1');
  deal4.run(party4(NFD), openai, 'cafe 2');
  v4.close();

  const v5 = await openService(path, { migrations: BEFORE });
  const db = v5.repos.db;
  const party = (name: string, parent: number | null = null) =>
    Number(db.prepare('INSERT INTO parties (name, name_key, parent_id) VALUES (?, ?, ?)').run(name, v5Key(name), parent).lastInsertRowid);
  const nour = party(NOUR);
  const alm = party(NOUR_ALM);
  db.prepare('UPDATE parties SET parent_id = ? WHERE id = ?').run(alm, nour);
  party('Nour Ventures', alm);
  const labs = [party(LAB), party(LAB_MVS)];
  const deal = db.prepare(`INSERT INTO deals (announced, from_party_id, to_party_id, kind, amount_usd, notes) VALUES ('2025-02-01', ?, ?, 'investment', 1e9, ?)`);
  deal.run(nour, openai, 'nour 1');
  deal.run(alm, openai, 'nour 2');
  deal.run(openai, alm, 'nour 3');
  deal.run(labs[0], labs[1], 'between the lab spellings');
  db.prepare(`UPDATE parties SET kind = 'investor' WHERE id = ?`).run(alm);
  v5.close();
  return path;
}

const names = (s: Service) => s.listParties({}).map((p) => p.name).sort();
const state = (s: Service) => ({
  parties: s.listParties({}).map(({ name, kind, parent, deal_count }) => ({ name, kind, parent, deal_count })),
  deals: s.listDeals({}).map((d) => [d.id, d.from_party, d.to_party]),
});

let open: Service[] = [];
afterEach(() => {
  open.forEach((s) => s.close());
  open = [];
});

describe('migration 006: party names that differ by a default-ignorable character', () => {
  it('merges them on opening a v5 book, after a backup, as one undo step, and adds them to the report', async () => {
    const path = await v5Book();
    // A v5 book's keys are its own version's: check does not call them stale, and says it will migrate.
    const checkOld = dealbook(['check', '--book', path]);
    expect(checkOld.stdout).toContain(`schema: 5 (this app: ${LATEST_VERSION}, will migrate on open)`);
    expect(checkOld.stdout).toMatch(/^integrity: ok$/m);
    expect(checkOld.code, checkOld.stdout).toBe(0);
    const old = await openService(path, { migrations: BEFORE });
    const before = state(old);
    const stepFive = old.getSetting({ key: LOOKALIKE_REPORT_KEY });
    old.close();
    expect(JSON.parse(stepFive!)).toEqual({ merged: [{ into: NFC, merged: [NFD] }], keptApart: [] });
    expect(before.parties.filter((p) => partyKey(p.name) === 'nour capital')).toHaveLength(2);

    const service = await openService(path);
    open.push(service);
    expect(existsSync(backupName(path, 5))).toBe(true);
    expect(service.bookInfo({})).toMatchObject({ schemaVersion: LATEST_VERSION, canUndo: true, undoLabel: LOOKALIKE_LABEL });
    expect(names(service)).toEqual([NFC, LAB, LAB_MVS, NOUR, 'Nour Ventures', 'OpenAI'].sort());
    const parties = new Map(service.listParties({}).map((p) => [p.name, p]));
    // The kept spelling was the lookalike's child: it cannot be its own parent, so it is a top-level party now.
    expect(parties.get(NOUR)).toMatchObject({ kind: 'investor', parent: null, deal_count: 3 });
    expect(parties.get('Nour Ventures')!.parent).toBe(NOUR);
    expect(service.listDeals({}).filter((d) => d.notes?.startsWith('nour')).map((d) => [d.from_party, d.to_party])).toEqual([
      [NOUR, 'OpenAI'], [NOUR, 'OpenAI'], ['OpenAI', NOUR],
    ]);

    const report = JSON.parse(service.getSetting({ key: LOOKALIKE_REPORT_KEY })!) as LookalikeReport;
    expect(report).toEqual({
      merged: [{ into: NFC, merged: [NFD] }, { into: NOUR, merged: [NOUR_ALM] }],
      keptApart: [{ names: [LAB, LAB_MVS], reason: 'deal 6 would go from the party to itself' }],
    });
    const check = dealbook(['check', '--book', path]);
    expect(check.code, check.stdout).toBe(0);
    expect(check.stdout).toContain(
      [
        `lookalike parties: merged "${NFD}" (decomposed) into "${NFC}"`,
        'lookalike parties: merged "Nour\\u061C Capital" into "Nour Capital"',
        'lookalike parties: kept apart "Lab X", "Lab\\u180E X": deal 6 would go from the party to itself',
      ].join('\n'),
    );

    // One step: one undo takes back this merge, and only it (step 5's merge is the step before).
    const db = service.repos.db;
    expect(db.prepare(`SELECT count(*) FROM batches WHERE label = ?`).pluck().get(LOOKALIKE_LABEL)).toBe(2);
    service.undo({});
    expect(state(service)).toEqual(before);
    expect(service.bookInfo({}).undoLabel).toBe(LOOKALIKE_LABEL);
    service.redo({});
    expect(names(service)).toEqual([NFC, LAB, LAB_MVS, NOUR, 'Nour Ventures', 'OpenAI'].sort());
    expect(db.pragma('foreign_key_check')).toEqual([]);
    for (const p of db.prepare('SELECT name, name_key FROM parties').all() as { name: string; name_key: string }[]) expect(p.name_key).toBe(partyKey(p.name));
  });

  it('makes no parent loop: a party between the kept spelling and its lookalike becomes top-level', async () => {
    // Sahel Fund -> Sahel Holdings -> Sahel\u061C Fund: merged, Holdings would hang under Fund, its own child.
    const path = join(dir(), 'chain.dealbook');
    const v5 = await openService(path, { create: true, migrations: BEFORE });
    const db5 = v5.repos.db;
    const party = (name: string) => Number(db5.prepare('INSERT INTO parties (name, name_key) VALUES (?, ?)').run(name, v5Key(name)).lastInsertRowid);
    const [fund, holdings, lookalike] = [party('Sahel Fund'), party('Sahel Holdings'), party('Sahel\u061C Fund')];
    db5.prepare('UPDATE parties SET parent_id = ? WHERE id = ?').run(holdings, fund);
    db5.prepare('UPDATE parties SET parent_id = ? WHERE id = ?').run(lookalike, holdings);
    v5.close();

    const service = await openService(path);
    open.push(service);
    const parents = () => Object.fromEntries(service.listParties({}).map((p) => [p.name, p.parent]));
    expect(parents()).toEqual({ 'Sahel Fund': 'Sahel Holdings', 'Sahel Holdings': null });
    service.undo({});
    expect(parents()).toEqual({ 'Sahel Fund': 'Sahel Holdings', 'Sahel Holdings': 'Sahel\u061C Fund', 'Sahel\u061C Fund': null });
  });

  it('adds no undo step and keeps the report of a v5 book without new lookalikes', async () => {
    const path = join(dir(), 'plain.dealbook');
    const plain = await openService(path, { create: true, migrations: BEFORE });
    plain.addDeal({ values: { announced: '2025-01-01', from_party: 'Fund', to_party: 'Lab', kind: 'investment' } });
    plain.close();
    const service = await openService(path);
    open.push(service);
    expect(service.bookInfo({})).toMatchObject({ schemaVersion: LATEST_VERSION, undoLabel: 'Add deal' });
    expect(service.getSetting({ key: LOOKALIKE_REPORT_KEY })).toBeNull();
  });

  it('is the last step, so an older book is merged by the grown rule once (step 5), not twice', async () => {
    expect(MIGRATIONS.find((m) => m.version === 6)).toBe(m006IgnorableCharacters);
    const path = join(dir(), 'v4.dealbook');
    const v4 = await openService(path, { create: true, migrations: MIGRATIONS.filter((m) => m.version < 5) });
    const db = v4.repos.db;
    const party = (name: string) => Number(db.prepare('INSERT INTO parties (name, name_key) VALUES (?, ?)').run(name, v5Key(name)).lastInsertRowid);
    const to = party('OpenAI');
    for (const from of [NFC, NFD, NOUR, NOUR_ALM]) {
      db.prepare(`INSERT INTO deals (announced, from_party_id, to_party_id, kind) VALUES ('2025-01-01', ?, ?, 'investment')`).run(party(from), to);
    }
    v4.close();
    const service = await openService(path);
    open.push(service);
    expect(names(service)).toEqual([NFC, NOUR, 'OpenAI'].sort());
    expect(service.repos.db.prepare('SELECT count(*) FROM batches').pluck().get()).toBe(1);
    expect(JSON.parse(service.getSetting({ key: LOOKALIKE_REPORT_KEY })!)).toEqual({ merged: [{ into: NFC, merged: [NFD] }, { into: NOUR, merged: [NOUR_ALM] }], keptApart: [] });
    expect(describeLookalikes(JSON.parse(service.getSetting({ key: LOOKALIKE_REPORT_KEY })!) as LookalikeReport)).toContain('merged "Nour\\u061C Capital" into "Nour Capital"');
  });

  it('writes every character the rule ignores out in the report, a tag beyond U+FFFF too', () => {
    const report: LookalikeReport = { merged: [{ into: 'Nour', merged: ['Nour\u3164', 'No\u034Fur\uFE0F', 'Nour\u{E0041}'] }], keptApart: [] };
    expect(describeLookalikes(report)).toEqual(['merged "Nour\\u3164", "No\\u034Fur\\uFE0F", "Nour\\u{E0041}" into "Nour"']);
  });
});
