import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Io } from '../../../electron/cli/commands';
import { runCli } from '../../../electron/cli/run';
import { openService } from '../../../electron/service/book';
import { sha256, writeImportCsv } from '../../helpers/crash-book';
import { tempDir } from '../../helpers/temp-book';

/**
 * `dealbook export` opens the book only to read it and skips the whole-file damage check (quick_check), checking
 * what it reads instead. Each case damages a real book's pages the way a bad disk or copy does, and the export must
 * refuse, naming the damage, with no file written and the book untouched; damage where the export reads nothing
 * leaves its file exactly the whole book's.
 */
const temp = tempDir('dealbook-export-check-');
afterAll(() => temp.cleanup());

let good: Buffer;
let goodCsv: string;

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: Io = { out: (s) => void (out += s), err: (s) => void (err += s), errIsTty: false };
  const code = await runCli(args, io);
  return { code, out, err };
}

beforeAll(async () => {
  // 3,000 deals: the deals table's root is an interior page over dozens of leaves.
  const path = join(temp.dir, 'good.dealbook');
  const service = await openService(path, { create: true });
  writeImportCsv(join(temp.dir, 'rows.csv'), 3000, 'check');
  expect(service.importCsv({ text: readFileSync(join(temp.dir, 'rows.csv'), 'utf8') }).imported).toBe(3000);
  service.close();
  good = readFileSync(path);
  const out = join(temp.dir, 'good.csv');
  expect((await run(['export', '--book', path, '--out', out])).code).toBe(0);
  goodCsv = readFileSync(out, 'utf8');
});

type Pages = { pageSize: number; dealsRoot: number; dealsLeaves: number[]; indexLeaves: number[] };

function pagesOf(path: string): Pages {
  const db = new Database(path, { readonly: true });
  try {
    const leaves = (name: string) => db.prepare("SELECT pageno FROM dbstat WHERE name = ? AND pagetype = 'leaf' ORDER BY pageno").pluck().all(name) as number[];
    return {
      pageSize: db.pragma('page_size', { simple: true }) as number,
      dealsRoot: (db.prepare("SELECT rootpage FROM sqlite_schema WHERE name = 'deals'").pluck().get() as number),
      dealsLeaves: leaves('deals'),
      indexLeaves: leaves('deals_by_announced'),
    };
  } finally {
    db.close();
  }
}

/** A copy of the good book with `damage` done to its bytes. */
function damaged(name: string, damage: (bytes: Buffer, pages: Pages) => void): { path: string; hash: string } {
  const path = join(temp.dir, `${name}.dealbook`);
  writeFileSync(path, good);
  const bytes = Buffer.from(good);
  damage(bytes, pagesOf(path));
  writeFileSync(path, bytes);
  return { path, hash: sha256(path) };
}

const scramble = (bytes: Buffer, page: number, size: number) => {
  for (let i = 0; i < size; i++) bytes[(page - 1) * size + i] = (i * 131 + 7) & 255;
};

/** The offsets of the first two child pointers of an interior table page (cell pointers start at byte 12). */
function firstChildren(bytes: Buffer, p: Pages): [number, number] {
  const page = (p.dealsRoot - 1) * p.pageSize;
  expect(bytes[page], 'the deals root is an interior table page').toBe(5);
  return [page + bytes.readUInt16BE(page + 12), page + bytes.readUInt16BE(page + 14)];
}

async function refused(path: string, hash: string, message: RegExp): Promise<void> {
  const out = join(temp.dir, 'refused.csv');
  const r = await run(['export', '--book', path, '--out', out]);
  expect(r.code).toBe(2);
  expect(r.out).toBe('');
  expect(r.err).toMatch(message);
  expect(existsSync(out)).toBe(false);
  expect(sha256(path), 'the book was changed').toBe(hash);
}

describe('dealbook export checks what it reads', () => {
  it('refuses a book whose deals have a scrambled page, naming the damage', async () => {
    const { path, hash } = damaged('leaf', (bytes, p) => scramble(bytes, p.dealsLeaves[Math.floor(p.dealsLeaves.length / 2)]!, p.pageSize));
    await refused(path, hash, /^dealbook: leaf\.dealbook is damaged \(database disk image is malformed while reading it\), so it is not opened for writing; the file was not changed\./);
    // `dealbook report` reads the same way.
    const report = await run(['report', '--book', path]);
    expect(report.code).toBe(2);
    expect(report.err).toMatch(/^dealbook: leaf\.dealbook is damaged \(database disk image is malformed\)/);
    expect(sha256(path)).toBe(hash);
  });

  it('refuses a book whose page tree has lost a branch (SQLite reads on without an error)', async () => {
    const { path, hash } = damaged('lost', (bytes, p) => {
      // One cell fewer on the root page: the branch of its last cell is gone, the ids read stay ascending.
      const page = (p.dealsRoot - 1) * p.pageSize;
      expect(bytes[page], 'the deals root is an interior table page').toBe(5);
      bytes.writeUInt16BE(bytes.readUInt16BE(page + 3) - 1, page + 3);
    });
    const db = new Database(path, { readonly: true });
    expect((db.prepare('SELECT * FROM deals NOT INDEXED').all() as unknown[]).length).toBeLessThan(3000);
    db.close();
    await refused(path, hash, /^dealbook: lost\.dealbook is damaged \(it counts 3000 deals, but \d+ could be read\), so it is not opened for writing; the file was not changed\./);
  });

  it('refuses a book whose page tree reads one branch twice and loses another', async () => {
    const { path, hash } = damaged('twice', (bytes, p) => {
      const [a, b] = firstChildren(bytes, p);
      bytes.writeUInt32BE(bytes.readUInt32BE(a), b);
    });
    await refused(path, hash, /^dealbook: The book is damaged: deal \d+ was read after deal \d+, out of order, so the deals cannot be read in full\. Nothing was changed\.\n$/);
  });

  it('refuses a book whose page tree reads every deal, but out of order', async () => {
    const { path, hash } = damaged('swapped', (bytes, p) => {
      const [a, b] = firstChildren(bytes, p);
      const first = bytes.readUInt32BE(a);
      bytes.writeUInt32BE(bytes.readUInt32BE(b), a);
      bytes.writeUInt32BE(first, b);
    });
    await refused(path, hash, /^dealbook: The book is damaged: deal \d+ was read after deal \d+, out of order, so the deals cannot be read in full\. Nothing was changed\.\n$/);
  });

  it('exports the whole book exactly when the damage is where the export reads nothing (an index of dates)', async () => {
    const { path, hash } = damaged('index', (bytes, p) => scramble(bytes, p.indexLeaves[1]!, p.pageSize));
    const out = join(temp.dir, 'index.csv');
    const r = await run(['export', '--book', path, '--out', out]);
    expect(r.err).toBe('');
    expect(r.out).toBe(`exported 3000 deals to ${out}\n`);
    expect(readFileSync(out, 'utf8')).toBe(goodCsv);
    expect(sha256(path)).toBe(hash);
    // An ordinary connection, closed: nothing left beside the book (a read-only one would leave -wal and -shm).
    expect(readdirSync(temp.dir).filter((f) => f.startsWith('index.dealbook-'))).toEqual([]);
    // Opened to write, the same book is refused: the damage check still guards every write.
    await expect(openService(path)).rejects.toThrow(/is damaged \(SQLite's check found/);
  });

  it('runs the whole damage check when closing would write to the book (a WAL to checkpoint)', async () => {
    const { path } = damaged('pending', (bytes, p) => scramble(bytes, p.indexLeaves[1]!, p.pageSize));
    // Another program's connection with a committed change still in the WAL (damage it does not touch).
    const other = new Database(path);
    other.pragma('journal_mode = WAL');
    other.pragma('wal_autocheckpoint = 0');
    other.exec("INSERT INTO settings (key, value) VALUES ('x', 'y')");
    try {
      expect(existsSync(`${path}-wal`)).toBe(true);
      const r = await run(['export', '--book', path, '--out', join(temp.dir, 'pending.csv')]);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(/^dealbook: pending\.dealbook is damaged \(SQLite's check found: .+\), so it is not opened for writing/);
    } finally {
      other.close();
    }
  });
});
