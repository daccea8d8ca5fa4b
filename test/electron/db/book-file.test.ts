import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { backupName, openBook } from '../../../electron/db/connection';
import { MIGRATIONS, LATEST_VERSION } from '../../../electron/db/migrations/index';
import { refusal, tempDirsPerTest } from '../../helpers/temp-book';

const dir = tempDirsPerTest();


describe('the book file', () => {
  it('sets WAL, foreign keys, synchronous and a busy timeout', async () => {
    const { db } = await openBook(join(dir(), 'a.dealbook'), { create: true });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
    db.close();
  });

  it('refuses a missing file unless asked to create it', async () => {
    expect((await refusal(openBook(join(dir(), 'none.dealbook')))).code).toBe('not_found');
  });

  it('refuses a file that is not SQLite and leaves it untouched', async () => {
    const path = join(dir(), 'notes.dealbook');
    const bytes = Buffer.from('id,announced\n1,2025-01-01\n'.repeat(20));
    writeFileSync(path, bytes);
    const error = await refusal(openBook(path));
    expect(error.code).toBe('book_corrupt');
    expect(error.message).toMatch(/not a deal book/);
    expect(readFileSync(path).equals(bytes)).toBe(true);
  });

  it('refuses a book from a newer version and leaves it byte-for-byte untouched', async () => {
    const path = join(dir(), 'future.dealbook');
    const { db } = await openBook(path, { create: true });
    db.pragma(`user_version = ${LATEST_VERSION + 1}`);
    db.pragma('journal_mode = DELETE');
    db.close();
    const before = readFileSync(path);
    const error = await refusal(openBook(path));
    expect(error.code).toBe('book_newer');
    expect(error.message).toMatch(/newer Deal book/);
    expect(readFileSync(path).equals(before)).toBe(true);
    expect(existsSync(path + '-wal')).toBe(false);
  });

  it('backs up an older book, migrates it and keeps its rows', async () => {
    const path = join(dir(), 'old.dealbook');
    const old = await openBook(path, { create: true, migrations: MIGRATIONS.slice(0, 1) });
    old.db.prepare(`INSERT INTO parties (name, kind) VALUES ('A', 'lab'), ('B', 'investor')`).run();
    old.db.prepare(`INSERT INTO deals (announced, from_party_id, to_party_id, kind, status, term_years) VALUES ('2025-01-01', 2, 1, 'investment', 'announced', 1)`).run();
    old.db.close();
    const opened = await openBook(path);
    expect(opened.migratedFrom).toBe(1);
    expect(opened.backupPath).toBe(backupName(path, 1));
    expect(existsSync(opened.backupPath!)).toBe(true);
    expect(opened.db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
    expect(opened.db.prepare('SELECT count(*) AS n FROM deals').get()).toEqual({ n: 1 });
    opened.db.close();
  });

  it('leaves the book at its old version when a migration step fails', async () => {
    const path = join(dir(), 'old.dealbook');
    const old = await openBook(path, { create: true, migrations: MIGRATIONS.slice(0, 1) });
    old.db.close();
    const broken = [...MIGRATIONS.slice(0, 2), { version: 3, name: 'broken', sql: 'CREATE TABLE settings (key TEXT); SELECT * FROM no_such_table;' }];
    await expect(openBook(path, { migrations: broken })).rejects.toThrow(/no_such_table/);
    const again = await openBook(path, { readonly: true });
    expect(again.db.pragma('user_version', { simple: true })).toBe(1);
    expect(again.db.prepare(`SELECT name FROM sqlite_master WHERE name IN ('batches', 'settings')`).all()).toEqual([]);
    again.db.close();
    expect(existsSync(backupName(path, 1))).toBe(true);
  });
});

describe('an empty file', () => {
  it('is refused as a book but may become a new one on request', async () => {
    const path = join(dir(), 'empty.dealbook');
    writeFileSync(path, '');
    const error = await refusal(openBook(path));
    expect(error.code).toBe('book_corrupt');
    expect(error.message).toMatch(/is empty/);
    expect(readFileSync(path).length).toBe(0);
    const created = await openBook(path, { create: true });
    expect(created.db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
    created.db.close();
  });
});
