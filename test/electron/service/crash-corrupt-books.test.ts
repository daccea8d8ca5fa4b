import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openBook } from '../../../electron/db/connection';
import { openService } from '../../../electron/service/book';
import { seededRandom } from '../../helpers/crash-rng';
import { sha256, writeImportCsv } from '../../helpers/crash-book';
import { dealbook } from '../../helpers/cli';
import { tempDir, refusal } from '../../helpers/temp-book';

const temp = tempDir('dealbook-corrupt-');
afterAll(() => temp.cleanup());

let good: Buffer;
const PAGE = 4096;

beforeAll(async () => {
  // A real book of a few hundred pages, closed cleanly (its WAL checkpointed away).
  const path = join(temp.dir, 'good.dealbook');
  expect(dealbook(['new', '--book', path, '--sample']).code).toBe(0);
  writeImportCsv(join(temp.dir, 'rows.csv'), 3000, 'corrupt');
  expect(dealbook(['import', '--book', path, join(temp.dir, 'rows.csv')]).code).toBe(0);
  good = readFileSync(path);
  expect(good.length).toBeGreaterThan(50 * PAGE);
});

function noise(length: number, seed: number): Buffer {
  const rnd = seededRandom(seed);
  return Buffer.from(Array.from({ length }, () => Math.floor(rnd() * 256)));
}

/** Bad books that SQLite cannot even start to read: refused at open. */
const unreadable: Record<string, () => Buffer> = {
  'a book cut off after its header': () => good.subarray(0, 100),
  'a book cut off after one page': () => good.subarray(0, PAGE),
  'a book cut off halfway': () => good.subarray(0, Math.floor(good.length / 2 / PAGE) * PAGE + 1234),
  'random bytes behind a valid SQLite magic string': () => Buffer.concat([Buffer.from('SQLite format 3\0', 'latin1'), noise(8 * PAGE, 7)]),
  'a text file': () => Buffer.from('announced,from_party,to_party\n2025-01-01,A,B\n'.repeat(100)),
  'a PNG renamed to .dealbook': () => Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), noise(3000, 8)]),
};

function place(name: string, bytes: Buffer): { path: string; hash: string } {
  const path = join(temp.dir, `${name.replace(/\W+/g, '-')}.dealbook`);
  writeFileSync(path, bytes);
  return { path, hash: sha256(path) };
}


/**
 * Nothing written to the file and nothing left beside it. A read-only SQLite connection cannot remove the
 * empty -wal/-shm it creates for a WAL book it could read, so those may stay when allowed, but empty.
 */
function untouched(path: string, hash: string, allowEmptyWal = false): void {
  expect(sha256(path), `${path} changed`).toBe(hash);
  const name = path.split('/').pop()!;
  const beside = readdirSync(temp.dir).filter((f) => f.startsWith(name) && f !== name);
  if (!allowEmptyWal) expect(beside).toEqual([]);
  else {
    expect(beside.filter((f) => !f.endsWith('-wal') && !f.endsWith('-shm'))).toEqual([]);
    if (existsSync(`${path}-wal`)) expect(statSync(`${path}-wal`).size).toBe(0);
  }
}

describe('a corrupt or foreign file given as a book', () => {
  for (const [name, make] of Object.entries(unreadable)) {
    it(`refuses ${name} clearly and leaves it untouched`, async () => {
      const { path, hash } = place(name, make());
      for (const options of [{}, { readonly: true }]) {
        const error = await refusal(openBook(path, options));
        expect(error.code).toBe('book_corrupt');
        expect(error.message).toMatch(/(is damaged or is not a deal book|is not a deal book).*the file was not changed\.$/);
        expect(error.message).toContain(path.split('/').pop());
      }
      expect((await refusal(openService(path))).code).toBe('book_corrupt');
      untouched(path, hash);

      const check = dealbook(['check', '--book', path]);
      expect(check.code).toBe(2);
      expect(check.stderr).toMatch(/^dealbook: .*(is damaged or is not a deal book|is not a deal book).*the file was not changed\.\n$/);
      const csv = join(temp.dir, 'rows.csv');
      const imported = dealbook(['import', '--book', path, csv]);
      expect(imported.code).toBe(2);
      expect(imported.stderr).toMatch(/not a deal book/);
      untouched(path, hash);
    });
  }

  it("refuses another program's SQLite database untouched, instead of turning it into a book", async () => {
    const path = join(temp.dir, 'places.sqlite');
    const foreign = new Database(path);
    foreign.exec("CREATE TABLE moz_places (id INTEGER PRIMARY KEY, url TEXT); INSERT INTO moz_places (url) VALUES ('https://example.com/');");
    foreign.close();
    const hash = sha256(path);
    for (const options of [{}, { readonly: true }, { create: true }]) {
      const error = await refusal(openBook(path, options));
      expect(error.code).toBe('book_corrupt');
      expect(error.message).toBe("places.sqlite is another program's SQLite database (tables moz_places), not a deal book; the file was not changed.");
    }
    expect((await refusal(openService(path))).code).toBe('book_corrupt');
    const check = dealbook(['check', '--book', path]);
    expect(check.code).toBe(2);
    expect(check.stderr).toContain("another program's SQLite database");
    untouched(path, hash);

    // Programs stamp their own schema versions too: below, at and above this app's, the file is still refused.
    for (const version of [1, 3, 99]) {
      const other = join(temp.dir, `notes-v${version}.db`);
      const db = new Database(other);
      db.exec(`CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT); PRAGMA user_version = ${version};`);
      db.close();
      const before = sha256(other);
      const error = await refusal(openBook(other));
      expect(error.message).toBe(`notes-v${version}.db is another program's SQLite database (tables notes), not a deal book; the file was not changed.`);
      untouched(other, before);
    }
  });

  it('says what a book with its schema version reset to 0 is, and leaves it untouched', async () => {
    const path = join(temp.dir, 'reset.dealbook');
    writeFileSync(path, good);
    const db = new Database(path);
    db.pragma('user_version = 0');
    db.close();
    const hash = sha256(path);
    for (const options of [{}, { readonly: true }, { create: true }]) {
      const error = await refusal(openBook(path, options));
      expect(error).toEqual({
        code: 'book_corrupt',
        message: "reset.dealbook has a deal book's tables (batches, deals, deleted_deals, ...) but no schema version (user_version 0), so another tool made or changed it and this app cannot tell which version of a book it is; the file was not changed.",
      });
    }
    untouched(path, hash);
  });

  it('reports damage deep inside a book that still opens, without changing it', async () => {
    // Scramble pages in the middle: the header and the schema on page 1 still read fine.
    const bytes = Buffer.from(good);
    const pages = bytes.length / PAGE;
    noise(10 * PAGE, 9).copy(bytes, Math.floor(pages / 2) * PAGE);
    const { path, hash } = place('damaged inside', bytes);

    const check = dealbook(['check', '--book', path]);
    expect(check.code, check.stdout).not.toBe(0);
    expect(check.stdout).not.toMatch(/integrity: ok/);
    expect(check.stdout + check.stderr).toMatch(/^integrity: (?!ok).+|malformed/m);
    untouched(path, hash, true);

    // Opening it to write runs SQLite's quick check, which finds the damage: refused, not opened.
    const error = await refusal(openService(path));
    expect(error.code).toBe('book_corrupt');
    expect(error.message).toMatch(/^damaged-inside\.dealbook is damaged \(SQLite's check found: .+\), so it is not opened for writing; the file was not changed\./);
    // Opened only to read (as `dealbook check` does), reading the deals says what is wrong.
    const { db } = await openBook(path, { readonly: true });
    expect(() => db.prepare('SELECT * FROM deals').all()).toThrow(/malformed/);
    db.close();
    untouched(path, hash, true);
  });
});
