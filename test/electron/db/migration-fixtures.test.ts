import { afterEach, describe, expect, it } from 'vitest';
import { copyFileSync, existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { backupName, openBook } from '../../../electron/db/connection';
import { LATEST_VERSION, MIGRATIONS, type Migration } from '../../../electron/db/migrations/index';
import { openService } from '../../../electron/service/book';
import { fixtureName, NEWER_FIXTURE } from '../../fixtures/books/build';
import { FIXTURE_DEALS, FIXTURE_PARTIES, FIXTURE_SETTINGS, NEWER_VERSION } from '../../fixtures/books/data';
import { sha256 } from '../../helpers/crash-book';
import { partyKey } from '../../../shared/model/deal';
import { dealbook } from '../../helpers/cli';
import { tempDir, refusal } from '../../helpers/temp-book';

const FIXTURES = fileURLToPath(new URL('../../fixtures/books/', import.meta.url));
const OLDER = Array.from({ length: LATEST_VERSION - 1 }, (_, i) => i + 1);

let cleanups: (() => void)[] = [];
afterEach(() => {
  cleanups.forEach((c) => c());
  cleanups = [];
});

/** A copy of a committed fixture in a fresh folder (the fixture itself is never opened for writing). */
function copyOf(fixture: string): { path: string; dir: string } {
  const t = tempDir('dealbook-migration-');
  cleanups.push(t.cleanup);
  const path = join(t.dir, 'book.dealbook');
  copyFileSync(join(FIXTURES, fixture), path);
  return { path, dir: t.dir };
}

type Dump = { version: number; schema: unknown[]; tables: Record<string, unknown[]> };

/** Every table's rows (sqlite_sequence too: ids must never be reused), the schema and the version. */
async function dump(path: string): Promise<Dump> {
  const { db } = await openBook(path, { readonly: true });
  try {
    const schema = db.prepare(`SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_autoindex%' ORDER BY name`).all();
    const names = (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`).all() as { name: string }[]).map((r) => r.name);
    const tables: Record<string, unknown[]> = {};
    for (const name of names) tables[name] = db.prepare(`SELECT * FROM "${name}" ORDER BY rowid`).all();
    return { version: db.pragma('user_version', { simple: true }) as number, schema, tables };
  } finally {
    db.close();
  }
}


describe('the committed fixture books', () => {
  it('exist for every older schema version, as single files', () => {
    for (const version of OLDER) {
      const path = join(FIXTURES, fixtureName(version));
      expect(existsSync(path), `${path} is missing: run npx tsx scripts/make-fixture-books.ts`).toBe(true);
      const header = readFileSync(path).subarray(0, 100);
      expect(header.readUInt32BE(60), `${path} user_version`).toBe(version);
      // Bytes 18-19 are 1 for a rollback journal, 2 for WAL: a WAL fixture would need its -wal file too.
      expect([header[18], header[19]]).toEqual([1, 1]);
    }
    expect(readdirSync(FIXTURES).filter((f) => /-(wal|shm|journal)$/.test(f))).toEqual([]);
  });

  it.each(OLDER)('v%i has exactly the schema its migrations build (old migrations never change)', async (version) => {
    const t = tempDir();
    cleanups.push(t.cleanup);
    const fresh = join(t.dir, 'fresh.dealbook');
    (await openBook(fresh, { create: true, migrations: MIGRATIONS.slice(0, version) })).db.close();
    expect((await dump(join(FIXTURES, fixtureName(version)))).schema).toEqual((await dump(fresh)).schema);
  });
});

describe('opening a book from an older version', () => {
  it.each(OLDER)('backs up a v%i book next to it, migrates it and keeps every row', async (version) => {
    const { path } = copyOf(fixtureName(version));
    const before = await dump(path);
    const service = await openService(path);
    const info = service.bookInfo({});
    const parties = service.listParties({});
    const deals = service.listDeals({});
    service.close();

    expect(info.schemaVersion).toBe(LATEST_VERSION);
    const backup = backupName(path, version);
    expect(backup).toMatch(new RegExp(`book\\.v${version}-backup\\.dealbook$`));
    const saved = await dump(backup);
    expect(saved).toEqual(before);

    const after = await dump(path);
    expect(after.version).toBe(LATEST_VERSION);
    // Every row keeps every value it had; columns a later step added hold their defaults (v4: each amount firm,
    // each date known to the day, no parents, every party's name_key the spec's key of its name).
    const V4_DEFAULTS: Record<string, Record<string, unknown>> = {
      deals: { announced_precision: 'day', amount_basis: 'firm' },
      deleted_deals: { announced_precision: 'day', amount_basis: 'firm' },
      parties: { parent_id: null },
    };
    for (const [table, rows] of Object.entries(before.tables)) {
      // sqlite_sequence gains a row for each new AUTOINCREMENT table (v4: scenarios) after the old ones.
      const kept = (after.tables[table] as Record<string, unknown>[]).slice(0, table === 'sqlite_sequence' ? rows.length : undefined).map((row, i) => {
        const old = rows[i] as Record<string, unknown> | undefined;
        return old ? Object.fromEntries(Object.keys(old).map((k) => [k, row[k]])) : row;
      });
      expect(kept, table).toEqual(rows);
      if (version < 4 && V4_DEFAULTS[table]) for (const row of after.tables[table]!) expect(row, table).toMatchObject(V4_DEFAULTS[table]!);
    }
    if (version < 4) {
      for (const p of after.tables.parties as { name: string; name_key: string }[]) expect(p.name_key).toBe(partyKey(p.name));
      expect((after.tables.scenarios as { name: string }[]).map((s) => s.name)).toEqual(['Base']);
      expect(deals.every((d) => d.amount_basis === 'firm' && d.announced_precision === 'day')).toBe(true);
      expect(parties.every((p) => p.parent === null)).toBe(true);
    }
    const t = tempDir();
    cleanups.push(t.cleanup);
    (await openBook(join(t.dir, 'new.dealbook'), { create: true })).db.close();
    expect(after.schema).toEqual((await dump(join(t.dir, 'new.dealbook'))).schema);

    // And against what the fixture was built from, through the service as the app reads it.
    const name = (id: number) => FIXTURE_PARTIES.find((p) => p.id === id)!.name;
    expect(parties.map((p) => [p.name, p.kind]).sort()).toEqual(FIXTURE_PARTIES.map((p) => [p.name, p.kind]).sort());
    expect(deals.map(({ id, announced, from_party, to_party, kind, status, amount_usd, cash_usd, credit_usd, term_years, start, capacity_mw, source_url, notes }) => ({ id, announced, from_party, to_party, kind, status, amount_usd, cash_usd, credit_usd, term_years, start, capacity_mw, source_url, notes }))).toEqual(
      FIXTURE_DEALS.map(({ from_party_id, to_party_id, ...d }) => ({ ...d, from_party: name(from_party_id), to_party: name(to_party_id) })),
    );
    if (version >= 3) expect(after.tables.settings).toEqual(FIXTURE_SETTINGS);

    // Opened again, it is current: no second migration, no second backup.
    const again = await openBook(path);
    expect(again.migratedFrom).toBeNull();
    again.db.close();
  });

  it('keeps the undo history of a v2 book working after the migration', async () => {
    if (!OLDER.includes(2)) return;
    const { path } = copyOf(fixtureName(2));
    const service = await openService(path);
    try {
      expect(service.bookInfo({}).undoLabel).toBe('Delete deal');
      service.undo({});
      expect(service.listDeals({}).find((d) => d.id === 6)?.notes).toBe('deleted, still undoable');
      service.undo({});
      expect(service.listDeals({}).find((d) => d.id === 3)?.notes).toBe('Term and start as announced');
      service.redo({});
      service.redo({});
      expect(service.listDeals({}).map((d) => d.id)).toEqual([1, 2, 3, 4, 5, 7]);
      // A new deal gets a new id, never the deleted deal's 6 or the gap's.
      const change = service.addDeal({ values: { announced: '2025-01-01', from_party: 'Northwind AI', to_party: 'Contoso Cloud', kind: 'purchase' } });
      expect(change.changed.map((r) => r.id)).toContain(8);
    } finally {
      service.close();
    }
  });

  it.each(OLDER)('leaves a v%i book at its version, backup in place, when a step fails', async (version) => {
    const { path } = copyOf(fixtureName(version));
    const before = await dump(path);
    const broken: Migration[] = [
      ...MIGRATIONS.slice(0, -1),
      { version: LATEST_VERSION, name: 'broken step', sql: 'CREATE TABLE half_done (x); INSERT INTO no_such_table VALUES (1);' },
    ];
    const error = await refusal(openService(path, { migrations: broken }));
    expect(error.code).toBe('internal');
    expect(error.message).toBe(
      `Could not upgrade book.dealbook from schema ${version}: step ${LATEST_VERSION} (broken step) failed: no such table: no_such_table. ` +
        `The book was left as it was, at schema ${version}; a backup is at ${backupName(path, version)}.`,
    );
    expect(await dump(path)).toEqual(before);
    expect(await dump(backupName(path, version))).toEqual(before);

    // Once the app is fixed, the same book opens and migrates.
    const service = await openService(path);
    expect(service.bookInfo({}).schemaVersion).toBe(LATEST_VERSION);
    service.close();
  });
});

describe('a book from a newer version', () => {
  it('is refused by the app and the CLI, byte for byte untouched', async () => {
    const { path, dir } = copyOf(NEWER_FIXTURE);
    const hash = sha256(path);
    for (const open of [() => openService(path), () => openBook(path, { readonly: true })]) {
      const error = await refusal(open());
      expect(error.code).toBe('book_newer');
      expect(error.message).toBe(
        `book.dealbook was written by a newer Deal book (schema ${NEWER_VERSION}; this version reads up to ${LATEST_VERSION}). Update the app to open it; the file was not changed.`,
      );
    }
    const check = dealbook(['check', '--book', path]);
    expect(check.code).toBe(2);
    expect(check.stderr).toMatch(/newer Deal book/);
    expect(sha256(path)).toBe(hash);
    expect(readdirSync(dir)).toEqual(['book.dealbook']);
  });
});
