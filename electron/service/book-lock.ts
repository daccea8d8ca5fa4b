import { closeSync, openSync, readFileSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { hostname, uptime } from 'node:os';
import { basename } from 'node:path';
import { AppFailure } from '../../shared/protocol/result';

/**
 * One Deal book window per book across processes: a lock file beside the book, created exclusively, holding
 * the owner's pid. SQLite (WAL + busy timeout) already keeps concurrent writers from corrupting the file, so
 * this is about the analyst: two windows editing one book would undo each other's edits. A window is a desktop
 * window or browser mode (`dealbook serve`); the CLI's other commands never take the lock, so scripts can still
 * read and write a book that is open in the app.
 */
export type BookLock = { path: string; release: () => void };

type LockOwner = { pid: number; host: string; startedAt: string; app: 'dealbook' };

export function lockPath(bookPath: string): string {
  return `${bookPath}.lock`;
}

export type LockOptions = {
  pid?: number;
  host?: string;
  /** Whether a pid on this host is running; injectable for tests. */
  isAlive?: (pid: number) => boolean;
  now?: () => Date;
};

export function acquireBookLock(bookPath: string, options: LockOptions = {}): BookLock {
  const file = lockPath(bookPath);
  const me: LockOwner = {
    pid: options.pid ?? process.pid,
    host: options.host ?? hostname(),
    startedAt: (options.now?.() ?? new Date()).toISOString(),
    app: 'dealbook',
  };
  const isAlive = options.isAlive ?? pidAlive;
  // Two attempts: the second after clearing a stale lock. A race with another process clearing the same
  // stale lock is settled by the exclusive create: only one of them wins.
  for (let attempt = 0; attempt < 2; attempt++) {
    if (tryCreate(file, me)) return { path: file, release: () => releaseLock(file, me) };
    const owner = readOwner(file);
    if (owner === 'gone') continue;
    if (owner !== 'unreadable' && owner.host === me.host && owner.pid === me.pid) {
      throw busy(bookPath, 'this Deal book window already has it open', file);
    }
    if (!isStale(file, owner, me.host, isAlive)) {
      const who = owner === 'unreadable' ? 'another Deal book' : `Deal book (process ${owner.pid}${owner.host === me.host ? '' : ` on ${owner.host}`})`;
      throw busy(bookPath, `it is open in ${who}`, file);
    }
    try {
      unlinkSync(file);
    } catch {
      // someone else cleared it first; the next create decides
    }
  }
  throw busy(bookPath, 'another Deal book keeps opening it', file);
}

function tryCreate(file: string, owner: LockOwner): boolean {
  let fd: number;
  try {
    fd = openSync(file, 'wx');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw new AppFailure({ code: 'io', message: `Cannot create ${basename(file)} beside the book: ${(err as Error).message}` });
  }
  try {
    writeSync(fd, JSON.stringify(owner));
  } finally {
    closeSync(fd);
  }
  return true;
}

function readOwner(file: string): LockOwner | 'gone' | 'unreadable' {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'gone' : 'unreadable';
  }
  try {
    const v = JSON.parse(text) as Partial<LockOwner>;
    if (typeof v.pid === 'number' && typeof v.host === 'string' && typeof v.startedAt === 'string') {
      return { pid: v.pid, host: v.host, startedAt: v.startedAt, app: 'dealbook' };
    }
  } catch {
    // fall through
  }
  return 'unreadable';
}

// A lock is stale when its process is gone, or was taken before this machine last booted (the pid may have
// been reused since). A lock from another host (a book on a network share) cannot be checked: it holds.
// An unreadable lock is stale once it is old enough not to be a lock being written right now.
function isStale(file: string, owner: LockOwner | 'unreadable', host: string, isAlive: (pid: number) => boolean): boolean {
  if (owner === 'unreadable') {
    try {
      return Date.now() - statSync(file).mtimeMs > 10_000;
    } catch {
      return true;
    }
  }
  if (owner.host !== host) return false;
  const bootedAt = Date.now() - uptime() * 1000;
  if (Date.parse(owner.startedAt) < bootedAt) return true;
  return !isAlive(owner.pid);
}

export function pidAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function releaseLock(file: string, me: LockOwner): void {
  const owner = readOwner(file);
  if (owner === 'gone' || owner === 'unreadable' || owner.pid !== me.pid || owner.host !== me.host) return;
  try {
    unlinkSync(file);
  } catch {
    // already gone
  }
}

function busy(bookPath: string, why: string, file: string): AppFailure {
  return new AppFailure({
    code: 'book_busy',
    message: `${basename(bookPath)} cannot be opened: ${why}. Close it there first. If no Deal book is running, delete ${basename(file)} beside the book.`,
  });
}
