import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { acquireBookLock, lockPath } from '../../../electron/service/book-lock';
import { openDesktopBook } from '../../../electron/main/desktop-book';
import { openService } from '../../../electron/service/book';
import { AppFailure } from '../../../shared/protocol/result';
import { tempDir } from '../../helpers/temp-book';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).reverse().forEach((f) => f()));

function dir(): string {
  const d = tempDir('dealbook-lock-');
  cleanups.push(d.cleanup);
  return d.dir;
}

function errorOf(fn: () => unknown): AppFailure {
  try {
    fn();
  } catch (err) {
    if (err instanceof AppFailure) return err;
    throw err;
  }
  throw new Error('expected a refusal');
}

/** Another Deal book process: takes the lock through the real module, says so, then waits to be killed. */
async function otherProcess(book: string): Promise<ChildProcess> {
  const script = join(dir(), 'holder.mjs');
  writeFileSync(
    script,
    `const { acquireBookLock } = await import(process.env.LOCK_MODULE);\nacquireBookLock(process.argv[2]);\nconsole.log('locked');\nsetInterval(() => {}, 1000);\n`,
  );
  const child = spawn(process.execPath, ['--import', 'tsx', script, book], {
    cwd: ROOT,
    env: { ...process.env, LOCK_MODULE: pathToFileURL(join(ROOT, 'electron/service/book-lock.ts')).href },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  cleanups.push(() => child.kill('SIGKILL'));
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => d.toString().includes('locked') && resolve());
    child.on('exit', (code) => reject(new Error(`holder exited with ${code}`)));
  });
  return child;
}

describe('the book lock', () => {
  it('refuses a book another Deal book process holds, and takes it once that process is gone', async () => {
    const book = join(dir(), 'shared.dealbook');
    const seed = await openService(book, { create: true, sample: true });
    seed.close();
    const child = await otherProcess(book);

    const refusal = await openDesktopBook(book).then(
      () => null,
      (err: AppFailure) => err,
    );
    expect(refusal?.error.code).toBe('book_busy');
    expect(refusal?.error.message).toContain(`process ${child.pid}`);
    expect(refusal?.error.message).toMatch(/Close it there first/);
    // The holder's lock is untouched by the refusal.
    expect(JSON.parse(readFileSync(lockPath(book), 'utf8')).pid).toBe(child.pid);

    // A crash leaves the lock file behind; its dead pid makes it stale.
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    const session = await openDesktopBook(book);
    expect(JSON.parse(readFileSync(lockPath(book), 'utf8')).pid).toBe(process.pid);
    expect(session.service.listDeals({}).length).toBeGreaterThan(0);
    session.close();
    expect(existsSync(lockPath(book))).toBe(false);
  });

  it('does not lock the CLI out: it reads and writes a book that is open in the app', async () => {
    const book = join(dir(), 'open.dealbook');
    const session = await openDesktopBook(book, { create: true, sample: true });
    cleanups.push(session.close);
    const cli = await openService(book);
    const before = cli.listDeals({}).length;
    const added = cli.addDeal({ values: { announced: '2025-01-02', from_party: 'CLI Fund', to_party: 'Lab', kind: 'investment' } });
    cli.close();
    expect(added.changed).toHaveLength(1);
    expect(session.service.listDeals({})).toHaveLength(before + 1);
  });

  it('refuses a second lock in the same process and releases only its own lock', () => {
    const book = join(dir(), 'a.dealbook');
    const lock = acquireBookLock(book);
    expect(errorOf(() => acquireBookLock(book)).error.code).toBe('book_busy');
    // Someone else's lock (say, after ours was cleared by hand) is not ours to delete.
    writeFileSync(lockPath(book), JSON.stringify({ pid: 999_999, host: 'elsewhere', startedAt: new Date().toISOString(), app: 'dealbook' }));
    lock.release();
    expect(existsSync(lockPath(book))).toBe(true);
  });

  it('treats a dead pid, a lock from before the last boot and an old unreadable file as stale', () => {
    const d = dir();
    const cases: [string, string][] = [
      ['dead', JSON.stringify({ pid: 2_000_000_000, host: hostname(), startedAt: new Date().toISOString(), app: 'dealbook' })],
      ['before-boot', JSON.stringify({ pid: process.ppid, host: hostname(), startedAt: '2001-01-01T00:00:00.000Z', app: 'dealbook' })],
      ['garbage', 'not json'],
    ];
    for (const [name, content] of cases) {
      const book = join(d, `${name}.dealbook`);
      writeFileSync(lockPath(book), content);
      const old = new Date(Date.now() - 60_000);
      utimesSync(lockPath(book), old, old);
      const lock = acquireBookLock(book);
      expect(JSON.parse(readFileSync(lockPath(book), 'utf8')).pid).toBe(process.pid);
      lock.release();
    }
  });

  it('holds a live pid, a fresh unreadable file and a lock from another host', () => {
    const d = dir();
    const cases: [string, string][] = [
      ['live', JSON.stringify({ pid: process.ppid, host: hostname(), startedAt: new Date().toISOString(), app: 'dealbook' })],
      ['being-written', ''],
      ['other-host', JSON.stringify({ pid: 1, host: 'someone-elses-laptop', startedAt: new Date().toISOString(), app: 'dealbook' })],
    ];
    for (const [name, content] of cases) {
      const book = join(d, `${name}.dealbook`);
      writeFileSync(lockPath(book), content);
      const err = errorOf(() => acquireBookLock(book));
      expect(err.error.code).toBe('book_busy');
      expect(err.error.message).toContain(`${name}.dealbook.lock`);
      expect(readFileSync(lockPath(book), 'utf8')).toBe(content);
    }
    expect(errorOf(() => acquireBookLock(join(d, 'other-host.dealbook'))).error.message).toContain('on someone-elses-laptop');
  });

  it('releases the lock when a book fails to open, so the analyst can retry', async () => {
    const book = join(dir(), 'not-a-book.dealbook');
    writeFileSync(book, 'x'.repeat(200));
    await expect(openDesktopBook(book)).rejects.toMatchObject({ error: { code: 'book_corrupt' } });
    expect(existsSync(lockPath(book))).toBe(false);
  });
});
