import { afterEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { LATEST_VERSION, MIGRATIONS } from '../../../electron/db/migrations/index';
import { m005LookalikeParties } from '../../../electron/db/migrations/005-lookalike-parties';
import { describeLookalikes, LOOKALIKE_LABEL, LOOKALIKE_REPORT_KEY, type LookalikeReport } from '../../../electron/db/lookalike-parties';
import { openServiceWithInternals as openService } from '../../../electron/service/book';
import type { ServiceWithInternals as Service } from '../../../electron/service/service';
import { partyKey } from '../../../shared/model/deal';
import { dealbook } from '../../helpers/cli';
import { tempDirsPerTest } from '../../helpers/temp-book';

const dir = tempDirsPerTest('dealbook-lookalike-');

const NFC = 'Caf\u00e9 Capital';
const NFD = 'Cafe\u0301 Capital';
const ZWSP = 'Caf\u00e9\u200B Capital';
const UPPER = 'CAF\u00c9 CAPITAL';
const RTL = '\u200FCaf\u00e9 Capital';

const deal = (from: string, to: string, notes: string, kind = 'investment') => ({ values: { announced: '2025-01-01', from_party: from, to_party: to, kind, amount_usd: '1B', notes } });

/** The steps before this one: whatever the list holds by then, a book that has not had 005. */
const BEFORE = MIGRATIONS.filter((m) => m.version < 5);

/**
 * A book as an older Deal book (or another tool) left it: one counterparty under five spellings that look the same.
 * Written in SQL, since today's app would match the spellings to one party.
 */
async function olderBook(extra: [string, string, string][] = []): Promise<string> {
  const path = join(dir(), 'old.dealbook');
  const service = await openService(path, { create: true, migrations: BEFORE });
  const db = service.repos.db;
  const party = (name: string) =>
    (db.prepare('SELECT id FROM parties WHERE name = ?').pluck().get(name) as number | undefined) ??
    Number(db.prepare('INSERT INTO parties (name) VALUES (?)').run(name).lastInsertRowid);
  const rows: [string, string, string][] = [[NFC, 'OpenAI', 'spelling 0'], [NFD, 'OpenAI', 'spelling 1'], [ZWSP, 'OpenAI', 'spelling 2'], [UPPER, 'OpenAI', 'spelling 3'], [RTL, 'OpenAI', 'spelling 4'], ...extra];
  for (const [from, to, notes] of rows) {
    db.prepare(`INSERT INTO deals (announced, from_party_id, to_party_id, kind, amount_usd, notes) VALUES ('2025-01-01', ?, ?, 'investment', 1e9, ?)`).run(party(from), party(to), notes);
  }
  db.prepare(`UPDATE parties SET kind = 'investor' WHERE name = ?`).run(NFD);
  service.close();
  return path;
}

const names = (s: Service) => s.listParties({}).map((p) => p.name).sort();
const flows = (s: Service) => s.listDeals({}).map((d) => [d.id, d.from_party, d.to_party]);

let open: Service[] = [];
afterEach(() => {
  open.forEach((s) => s.close());
  open = [];
});

async function upgrade(path: string): Promise<Service> {
  const service = await openService(path);
  open.push(service);
  return service;
}

describe('migration 005: lookalike party names', () => {
  it('merges the spellings into the oldest, as one undo step, and reports them', async () => {
    const path = await olderBook();
    const before = await openService(path, { migrations: BEFORE });
    const flowsBefore = flows(before);
    const partiesBefore = names(before);
    before.close();
    expect(partiesBefore).toHaveLength(6);

    const service = await upgrade(path);
    expect(names(service)).toEqual([NFC, 'OpenAI'].sort());
    expect(service.listDeals({}).map((d) => d.from_party)).toEqual(Array(5).fill(NFC));
    expect(service.listParties({}).find((p) => p.name === NFC)).toMatchObject({ kind: 'investor', deal_count: 5 });
    const report = JSON.parse(service.getSetting({ key: LOOKALIKE_REPORT_KEY })!) as LookalikeReport;
    expect(report).toEqual({ merged: [{ into: NFC, merged: [NFD, ZWSP, UPPER, RTL] }], keptApart: [] });
    expect(describeLookalikes(report)).toEqual([
      `merged "${NFD}" (decomposed), "Caf\u00e9\\u200B Capital", "${UPPER}", "\\u200FCaf\u00e9 Capital" into "${NFC}"`,
    ]);
    expect(service.bookInfo({})).toMatchObject({ schemaVersion: LATEST_VERSION, canUndo: true, undoLabel: LOOKALIKE_LABEL });

    // Undo takes the whole merge back: every spelling is its own party again, every deal names it as before.
    service.undo({});
    expect(names(service)).toEqual(partiesBefore);
    expect(flows(service)).toEqual(flowsBefore);
    expect(service.listParties({}).find((p) => p.name === NFD)?.kind).toBe('investor');
    service.redo({});
    expect(names(service)).toEqual([NFC, 'OpenAI'].sort());
    expect(service.repos.db.pragma('foreign_key_check')).toEqual([]);
    expect(service.repos.db.pragma('integrity_check', { simple: true })).toBe('ok');
  });

  it('is shown by `dealbook check`', async () => {
    const path = join(dir(), 'reported.dealbook');
    const service = await openService(path, { create: true });
    const report: LookalikeReport = { merged: [{ into: NFC, merged: [NFD, ZWSP] }], keptApart: [{ names: ['A', 'a\u200B'], reason: 'deal 3 would go from the party to itself' }] };
    service.setSetting({ key: LOOKALIKE_REPORT_KEY, value: JSON.stringify(report) });
    service.close();
    const check = dealbook(['check', '--book', path]);
    expect(check.code).toBe(0);
    expect(check.stdout).toContain(
      [
        `lookalike parties: merged "${NFD}" (decomposed), "Café\\u200B Capital" into "${NFC}"`,
        'lookalike parties: kept apart "A", "a\\u200B": deal 3 would go from the party to itself',
      ].join('\n'),
    );
  });

  it('keeps a group apart when merging it would make a deal go from a party to itself, and says so', async () => {
    const path = await olderBook([['Lab\u00e9', 'Labe\u0301', 'between two spellings']]);
    const service = await upgrade(path);
    const report = JSON.parse(service.getSetting({ key: LOOKALIKE_REPORT_KEY })!) as LookalikeReport;
    expect(report.keptApart).toEqual([{ names: ['Lab\u00e9', 'Labe\u0301'], reason: 'deal 6 would go from the party to itself' }]);
    expect(report.merged).toHaveLength(1);
    expect(names(service)).toContain('Labe\u0301');
  });

  it('adds no undo step to a book without lookalikes', async () => {
    const path = join(dir(), 'clean.dealbook');
    const plain = await openService(path, { create: true, migrations: BEFORE });
    plain.addDeal(deal('Fund', 'Lab', 'one'));
    plain.close();
    const service = await upgrade(path);
    expect(service.bookInfo({})).toMatchObject({ schemaVersion: LATEST_VERSION, undoLabel: 'Add deal' });
    expect(service.getSetting({ key: LOOKALIKE_REPORT_KEY })).toBeNull();
  });

  it('is the step every book gets on opening, matching names by the shared rule (shared/model/deal partyKey)', async () => {
    expect(MIGRATIONS.find((m) => m.version === 5)).toBe(m005LookalikeParties);
    const path = join(dir(), 'spaces.dealbook');
    const plain = await openService(path, { create: true, migrations: BEFORE });
    plain.addDeal(deal('Trim Fund', 'Lab', 'one'));
    plain.addDeal(deal('Other Fund', 'Lab', 'two'));
    // A name stored untrimmed by another tool: SQLite's NOCASE keeps it apart, the shared rule does not.
    plain.repos.db.prepare(`INSERT INTO parties (name) VALUES (' Trim Fund ')`).run();
    plain.repos.db.prepare(`UPDATE deals SET from_party_id = (SELECT id FROM parties WHERE name = ' Trim Fund ') WHERE id = 2`).run();
    plain.close();
    expect(partyKey(' Trim Fund ')).toBe(partyKey('Trim Fund'));
    const service = await openService(path);
    open.push(service);
    expect(JSON.parse(service.getSetting({ key: LOOKALIKE_REPORT_KEY })!)).toEqual({ merged: [{ into: 'Trim Fund', merged: [' Trim Fund '] }], keptApart: [] });
    expect(service.listDeals({}).map((d) => d.from_party)).toEqual(['Trim Fund', 'Trim Fund']);
    expect(service.bookInfo({}).undoLabel).toBe(LOOKALIKE_LABEL);
  });
});

describe("the database's matching of party names", () => {
  it('agrees with the shared rule (partyKey) for every spelling', async () => {
    const path = join(dir(), 'match.dealbook');
    const service = await openService(path, { create: true });
    open.push(service);
    const stored = [NFC, 'OpenAI', 'Stra\u00dfe Fund', '\u0130stanbul Partners', 'Open AI Labs'];
    for (const name of stored) service.repos.parties.insert(name);
    const queries = [...stored, NFD, ZWSP, UPPER, RTL, 'openai', ' OPENAI ', 'Open\u00a0AI Labs', 'Open  AI  Labs', 'STRASSE FUND', 'i\u0307stanbul partners', 'Nobody'];
    for (const q of queries) {
      const expected = stored.find((s) => partyKey(s) === partyKey(q)) ?? null;
      expect(service.repos.parties.findByName(q)?.name ?? null, JSON.stringify(q)).toBe(expected);
    }
  });
});
