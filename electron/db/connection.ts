import Database from 'better-sqlite3';
import { closeSync, existsSync, openSync, readSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import { AppFailure } from '../../shared/result';
import { LATEST_VERSION, MIGRATIONS, type Migration } from './migrations/index';

export type Db = Database.Database;

export type OpenOptions = {
  /** Create the file when it does not exist (otherwise a missing file is an error). */
  create?: boolean;
  /** Path of a better-sqlite3 build for another ABI (the Electron build); default is the Node build. */
  nativeBinding?: string;
  /** Open without writing anything: no migrations, no pragma that touches the file. */
  readonly?: boolean;
  /** Migrations to apply (tests pass a prefix or a failing step); default all of them. */
  migrations?: readonly Migration[];
};

export type OpenedBook = { db: Db; path: string; migratedFrom: number | null; backupPath: string | null };

const SQLITE_MAGIC = 'SQLite format 3\0';
const BUSY_TIMEOUT_MS = 5000;

/**
 * Open a deal book: refuse what is not a SQLite file or is newer than this app without touching it,
 * back up and migrate an older one, and set the pragmas every connection needs.
 */
export async function openBook(path: string, options: OpenOptions = {}): Promise<OpenedBook> {
  const migrations = options.migrations ?? MIGRATIONS;
  const latest = migrations.length ? migrations[migrations.length - 1]!.version : 0;
  const exists = existsSync(path);
  if (!exists && !options.create) throw new AppFailure({ code: 'not_found', message: `No book at ${path}` });
  if (exists) assertSqliteFile(path, Boolean(options.create));
  const hadSideFiles = existsSync(`${path}-wal`) || existsSync(`${path}-shm`);

  const db = openDatabase(path, options, exists);
  try {
    const version = db.pragma('user_version', { simple: true }) as number;
    if (exists) assertNotForeign(db, path, version);
    if (version > latest) {
      throw new AppFailure({
        code: 'book_newer',
        message: `${basename(path)} was written by a newer Deal book (schema ${version}; this version reads up to ${latest}). Update the app to open it; the file was not changed.`,
      });
    }
    if (options.readonly) return { db, path, migratedFrom: null, backupPath: null };
    configure(db);
    let backupPath: string | null = null;
    if (version > 0 && version < latest) {
      backupPath = backupName(path, version);
      await db.backup(backupPath);
    }
    migrate(db, path, version, migrations, backupPath);
    return { db, path, migratedFrom: version < latest && version > 0 ? version : null, backupPath };
  } catch (err) {
    db.close();
    throw damaged(path, err, hadSideFiles);
  }
}

// SQLite finds a truncated or scrambled file only when it first reads it; say so in the book's terms, and
// take away the empty -wal/-shm it created beside the file so a refused book leaves its folder as it was.
function damaged(path: string, err: unknown, hadSideFiles: boolean): unknown {
  const code = (err as { code?: unknown })?.code;
  if (code !== 'SQLITE_NOTADB' && !(typeof code === 'string' && code.startsWith('SQLITE_CORRUPT'))) return err;
  if (!hadSideFiles && existsSync(`${path}-wal`) && statSync(`${path}-wal`).size === 0) {
    rmSync(`${path}-wal`, { force: true });
    rmSync(`${path}-shm`, { force: true });
  }
  return new AppFailure({
    code: 'book_corrupt',
    message: `${basename(path)} is damaged or is not a deal book (${(err as Error).message}); the file was not changed.`,
  });
}

function openDatabase(path: string, options: OpenOptions, exists: boolean): Db {
  try {
    return new Database(path, {
      fileMustExist: exists && !options.create,
      readonly: Boolean(options.readonly),
      timeout: BUSY_TIMEOUT_MS,
      ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
    });
  } catch (err) {
    throw new AppFailure({ code: 'io', message: `Cannot open ${path}: ${(err as Error).message}` });
  }
}

// An empty file becomes a new book only when the caller asked to create one (File > New over an empty file);
// opened as an existing book it is refused, so a truncated download is never mistaken for an empty book.
function assertSqliteFile(path: string, allowEmpty: boolean): void {
  const size = statSync(path).size;
  if (size === 0) {
    if (allowEmpty) return;
    throw new AppFailure({ code: 'book_corrupt', message: `${basename(path)} is empty, not a deal book; the file was not changed.` });
  }
  const fd = openSync(path, 'r');
  const header = Buffer.alloc(16);
  try {
    readSync(fd, header, 0, 16, 0);
  } finally {
    closeSync(fd);
  }
  if (size < 100 || header.toString('latin1') !== SQLITE_MAGIC) {
    throw new AppFailure({
      code: 'book_corrupt',
      message: `${basename(path)} is not a deal book (not a SQLite database); the file was not changed.`,
    });
  }
}

/**
 * Another program's SQLite database (a browser's history, an app's cache) must be refused before anything (WAL, a
 * backup, migrations) would change it. A book at schema 0 is a new one and has no tables yet; a book at any later
 * schema has at least its parties and deals. Many programs stamp their own user_version, so both are checked.
 */
function assertNotForeign(db: Db, path: string, version: number): void {
  const tables = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name").pluck().all() as string[];
  const isBook = version === 0 ? tables.length === 0 : ['parties', 'deals'].every((t) => tables.includes(t));
  if (isBook) return;
  const shown = tables.length > 3 ? `${tables.slice(0, 3).join(', ')}, ...` : tables.join(', ') || 'none';
  throw new AppFailure({
    code: 'book_corrupt',
    message: `${basename(path)} is another program's SQLite database (tables ${shown}), not a deal book; the file was not changed.`,
  });
}

// WAL lets readers (the CLI, a second window) see committed data while one writer works.
// synchronous=FULL: every confirmed save is fsynced, so "saved" survives a power cut, not only a crash;
// edits are single small transactions, so the cost is one fsync per edit.
function configure(db: Db): void {
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
}

// Each step runs in its own savepoint inside one outer transaction: a step that fails rolls back
// every step of this open, so the book stays at the version it had (and its backup sits beside it).
function migrate(db: Db, path: string, from: number, migrations: readonly Migration[], backupPath: string | null): void {
  const pending = migrations.filter((step) => step.version > from);
  if (!pending.length) return;
  let current: Migration | undefined;
  try {
    db.transaction(() => {
      for (const step of pending) {
        current = step;
        db.transaction(() => {
          db.exec(step.sql);
          step.run?.(db);
          db.pragma(`user_version = ${step.version}`);
        })();
      }
    }).immediate();
  } catch (err) {
    if (from === 0) throw err;
    const busy = String((err as { code?: unknown })?.code ?? '').startsWith('SQLITE_BUSY');
    const step = current ? `step ${current.version} (${current.name})` : 'the upgrade';
    throw new AppFailure({
      code: busy ? 'book_busy' : 'internal',
      message: `Could not upgrade ${basename(path)} from schema ${from}: ${step} failed: ${(err as Error).message}. The book was left as it was, at schema ${from}${backupPath ? `; a backup is at ${backupPath}` : ''}.`,
    });
  }
}

export function backupName(path: string, version: number): string {
  const ext = extname(path);
  const stem = basename(path, ext);
  return join(dirname(path), `${stem}.v${version}-backup${ext || '.dealbook'}`);
}

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

export { LATEST_VERSION };
