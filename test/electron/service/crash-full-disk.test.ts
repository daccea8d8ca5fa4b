import { afterAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { MIGRATIONS } from '../../../electron/db/migrations/index';
import { openService } from '../../../electron/service/book';
import { sha256 } from '../../helpers/crash-book';
import { dealbook } from '../../helpers/cli';
import { refusal, tempDir } from '../../helpers/temp-book';

/**
 * A disk that fills while a book is made or opened: the message says so in words, and nothing is left behind (no
 * empty book that blocks the next `new`, no -shm beside a book that was only to be read).
 */
const temp = tempDir('dealbook-full-');

/** A real full disk: a tiny tmpfs, where the system allows mounting one (root on Linux); null elsewhere. */
let disks = 0;
function tinyDisk(kib: number): string | null {
  const dir = join(temp.dir, `disk-${++disks}`);
  mkdirSync(dir);
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${kib}k`, 'tmpfs', dir], { stdio: 'ignore' });
    return dir;
  } catch {
    return null;
  }
}
const mounted: string[] = [];
afterAll(() => {
  for (const dir of mounted) execFileSync('umount', [dir]);
  temp.cleanup();
});

/** Fill what is left of the disk. */
function fill(dir: string): void {
  for (let i = 0; ; i++) {
    try {
      writeFileSync(join(dir, `fill-${i}`), Buffer.alloc(4096, 1));
    } catch {
      return;
    }
  }
}

const canMount = process.platform === 'linux' && process.getuid?.() === 0 && (() => {
  const probe = tinyDisk(64);
  if (probe) execFileSync('umount', [probe]);
  return probe !== null;
})();

describe('a full disk', () => {
  it('a new book that cannot be written is not left behind, and the message says why', async () => {
    const path = join(temp.dir, 'new.dealbook');
    // The disk "fills" during the last step of making the book: a real SQLITE_FULL from SQLite's page limit.
    const filling = [...MIGRATIONS, { version: 99, name: 'fill', sql: "PRAGMA max_page_count = 1; CREATE TABLE filler (x); INSERT INTO filler VALUES (randomblob(100000));" }];
    const error = await refusal(openService(path, { create: true, sample: true, migrations: filling }));
    expect(error).toEqual({ code: 'io', message: 'Cannot create new.dealbook: the disk is full; no file was left behind. Free some space and try again.' });
    expect(readdirSync(temp.dir).filter((f) => f.startsWith('new.dealbook'))).toEqual([]);
    // The name is free for the next try.
    const service = await openService(path, { create: true, sample: true });
    expect(service.bookInfo({}).deals).toBeGreaterThan(0);
    service.close();
  });

  it.skipIf(!canMount)('`dealbook new` on a full disk leaves no file, and the next `new` works once there is room', () => {
    const disk = tinyDisk(256)!;
    mounted.push(disk);
    fill(disk);
    const path = join(disk, 'full.dealbook');
    const made = dealbook(['new', '--book', path, '--sample']);
    expect(made.code).toBe(2);
    expect(made.stderr).toMatch(/^dealbook: (Cannot create full\.dealbook: the disk is full; no file was left behind|The disk is full; nothing was saved)\. Free some space and try again\.\n$/);
    expect(readdirSync(disk).filter((f) => !f.startsWith('fill-'))).toEqual([]);
    for (const f of readdirSync(disk)) rmSync(join(disk, f));
    expect(dealbook(['new', '--book', path, '--sample']).code).toBe(0);
  });

  it.skipIf(!canMount)('an export from a book on a full disk leaves no -shm and says the disk is full', () => {
    const disk = tinyDisk(1024)!;
    mounted.push(disk);
    const path = join(disk, 'book.dealbook');
    expect(dealbook(['new', '--book', path, '--sample']).code).toBe(0);
    // Made with room to spare: closed cleanly, nothing beside it yet.
    expect(readdirSync(disk)).toEqual(['book.dealbook']);
    const hash = sha256(path);
    fill(disk);
    const out = join(temp.dir, 'out.csv');
    const exported = dealbook(['export', '--book', path, '--out', out]);
    expect(exported.code).toBe(2);
    expect(exported.stderr).toBe(
      'dealbook: Cannot open book.dealbook: the disk is full (no room for the working files SQLite keeps beside a book); the file was not changed. Free some space and try again.\n',
    );
    expect(exported.stderr).not.toMatch(/SQLITE_/);
    expect(readdirSync(disk).filter((f) => !f.startsWith('fill-'))).toEqual(['book.dealbook']);
    expect(sha256(path)).toBe(hash);
    expect(existsSync(out)).toBe(false);
  });

  it.skipIf(!canMount)('an export to a full disk says so in words and leaves no half-written file', () => {
    const disk = tinyDisk(256)!;
    mounted.push(disk);
    const book = join(temp.dir, 'roomy.dealbook');
    expect(dealbook(['new', '--book', book, '--sample']).code).toBe(0);
    fill(disk);
    const out = join(disk, 'deals.csv');
    const exported = dealbook(['export', '--book', book, '--out', out]);
    expect(exported.code).toBe(2);
    expect(exported.stderr).toBe(`dealbook: Cannot write ${out}: the disk is full; nothing was written. Free some space and try again\n`);
    expect(readdirSync(disk).filter((f) => !f.startsWith('fill-'))).toEqual([]);
  });
});
