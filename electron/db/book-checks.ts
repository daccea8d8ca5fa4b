import { closeSync, existsSync, openSync, readSync, rmSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { AppFailure } from '../../shared/protocol/result';
import type { Db } from './connection';

const SQLITE_MAGIC = 'SQLite format 3\0';

/** What the first 100 bytes of a SQLite file say about its size (https://sqlite.org/fileformat.html#the_database_header). */
export type BookHeader = { pageSize: number; pages: number | null };

/**
 * An empty file becomes a new book only when the caller asked to create one (File > New over an empty file);
 * opened as an existing book it is refused, so a truncated download is never mistaken for an empty book.
 */
export function assertSqliteFile(path: string, allowEmpty: boolean): BookHeader | null {
  const stat = statSync(path);
  // A folder (or a device, a FIFO) named as the book: said in words, not as a read error's stack.
  if (!stat.isFile()) {
    const what = stat.isDirectory() ? 'a folder' : 'not a regular file';
    throw new AppFailure({ code: 'book_corrupt', message: `${basename(path)} is ${what}, not a deal book; nothing was changed.` });
  }
  const size = stat.size;
  if (size === 0) {
    if (allowEmpty) return null;
    throw new AppFailure({ code: 'book_corrupt', message: `${basename(path)} is empty, not a deal book; the file was not changed.` });
  }
  const fd = openSync(path, 'r');
  const header = Buffer.alloc(100);
  try {
    readSync(fd, header, 0, 100, 0);
  } finally {
    closeSync(fd);
  }
  if (size < 100 || header.toString('latin1', 0, 16) !== SQLITE_MAGIC) {
    throw new AppFailure({
      code: 'book_corrupt',
      message: `${basename(path)} is not a deal book (not a SQLite database); the file was not changed.`,
    });
  }
  const rawPageSize = header.readUInt16BE(16);
  // The page count in the header is trusted only when it was written by the same change as the counter beside it.
  const sizeValid = header.readUInt32BE(92) === header.readUInt32BE(24);
  return { pageSize: rawPageSize === 1 ? 65536 : rawPageSize, pages: sizeValid ? header.readUInt32BE(28) : null };
}

/**
 * Another program's SQLite database (a browser's history, an app's cache) must be refused before anything (WAL, a
 * backup, migrations) would change it. A book at schema 0 is a new one and has no tables yet; a book at any later
 * schema has at least its parties and deals. Many programs stamp their own user_version, so both are checked.
 */
export function assertNotForeign(db: Db, path: string, version: number): void {
  const tables = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name").pluck().all() as string[];
  const ours = ['parties', 'deals'].every((t) => tables.includes(t));
  const isBook = version === 0 ? tables.length === 0 : ours;
  if (isBook) return;
  const shown = tables.length > 3 ? `${tables.slice(0, 3).join(', ')}, ...` : tables.join(', ') || 'none';
  if (ours) {
    // Our tables without our schema number: another tool reset user_version or copied the tables into a new file.
    throw new AppFailure({
      code: 'book_corrupt',
      message: `${basename(path)} has a deal book's tables (${shown}) but no schema version (user_version 0), so another tool made or changed it and this app cannot tell which version of a book it is; the file was not changed.`,
    });
  }
  throw new AppFailure({
    code: 'book_corrupt',
    message: `${basename(path)} is another program's SQLite database (tables ${shown}), not a deal book; the file was not changed.`,
  });
}

/**
 * Before anything writes to a book: the file holds every page its header counts, and SQLite's quick_check finds
 * every page and row readable. A damaged book is opened only to read (`dealbook check`, a copy), never written:
 * a write into a broken page tree can lose rows that were still there.
 */
export function assertSound(db: Db, path: string, header: BookHeader | null): void {
  assertWhole(path, header);
  let problems: string[];
  try {
    problems = (db.pragma('quick_check(5)') as { quick_check: string }[]).map((r) => r.quick_check);
  } catch (err) {
    throw damagedBook(path, (err as Error).message);
  }
  if (problems.length !== 1 || problems[0] !== 'ok') {
    const first = problems.join('; ').replace(/\*\*\* in database main \*\*\*\s*/g, '').split('\n')[0]!;
    throw damagedBook(path, `SQLite's check found: ${first}`);
  }
}

/**
 * The file holds every page its header counts (a book cut short fails here, before SQLite reads it). Checked only
 * when no WAL holds newer pages (a checkpoint cut short by a crash writes page 1 first; the WAL still holds the rest).
 */
export function assertWhole(path: string, header: BookHeader | null): void {
  if (header?.pages && !walPending(path)) {
    const size = statSync(path).size;
    if (size < header.pages * header.pageSize) {
      throw damagedBook(path, `the file is ${size} bytes, short of the ${header.pages} pages of ${header.pageSize} bytes its header counts`);
    }
  }
}

/** Whether a WAL beside the book holds pages not yet in it (a crash's, or another open connection's). */
export function walPending(path: string): boolean {
  return existsSync(`${path}-wal`) && statSync(`${path}-wal`).size > 0;
}

export function damagedBook(path: string, why: string): AppFailure {
  return new AppFailure({
    code: 'book_corrupt',
    message: `${basename(path)} is damaged (${why}), so it is not opened for writing; the file was not changed. \`dealbook check\` lists what is wrong.`,
  });
}

/**
 * After an open that failed: remove what this open made. A book it created (a new file that then could not be
 * written, on a full disk say) goes entirely, so the next File > New or `dealbook new` is not blocked by an empty
 * file; otherwise only the -wal/-shm it created beside the book, while the WAL is still empty.
 */
export function removeOpenDebris(path: string, created: boolean, hadSideFiles: boolean): void {
  if (created) {
    for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(`${path}${suffix}`, { force: true });
    return;
  }
  if (hadSideFiles) return;
  if (existsSync(`${path}-wal`) && statSync(`${path}-wal`).size > 0) return;
  rmSync(`${path}-wal`, { force: true });
  rmSync(`${path}-shm`, { force: true });
}
