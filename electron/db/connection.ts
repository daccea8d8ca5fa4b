import type BetterSqlite3 from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, extname, join } from 'node:path';
import { AppFailure } from '../../shared/protocol/result';
import { LATEST_VERSION, MIGRATIONS, type Migration } from './migrations/index';
import { probeFile } from './file-errors';
import { assertNotForeign, assertSound, assertSqliteFile, assertWhole, removeOpenDebris, walPending, type BookHeader } from './book-checks';

// Required, not imported: an ES import of this CommonJS package has Node scan its sources for named exports first
// (cjs-module-lexer), a share of every CLI command's start.
const Database = createRequire(import.meta.url)('better-sqlite3') as typeof BetterSqlite3;

export type Db = BetterSqlite3.Database;

export type OpenOptions = {
  /** Create the file when it does not exist (otherwise a missing file is an error). */
  create?: boolean;
  /** Path of a better-sqlite3 build for another ABI (the Electron build); default is the Node build. */
  nativeBinding?: string;
  /** Open without writing anything: no migrations, no pragma that touches the file. */
  readonly?: boolean;
  /** Migrations to apply (tests pass a prefix or a failing step); default all of them. */
  migrations?: readonly Migration[];
  /**
   * The caller only reads, and checks what it reads (openBookReader): skip the whole-file damage check when this
   * open writes nothing either (no migration to run, no WAL to checkpoint on close). A book cut short is still refused.
   */
  readerChecks?: boolean;
};

export type OpenedBook = { db: Db; path: string; migratedFrom: number | null; backupPath: string | null };

const BUSY_TIMEOUT_MS = 5000;

/**
 * Open a deal book: refuse what is not a SQLite file, is newer than this app, or is damaged (for writing) without
 * touching it, back up and migrate an older one, and set the pragmas every connection needs. A failed open leaves
 * the folder as it found it (see removeOpenDebris).
 */
export async function openBook(path: string, options: OpenOptions = {}): Promise<OpenedBook> {
  const migrations = options.migrations ?? MIGRATIONS;
  const latest = migrations.length ? migrations[migrations.length - 1]!.version : 0;
  const exists = existsSync(path);
  if (!exists && !options.create) throw new AppFailure({ code: 'not_found', message: `No book at ${path}` });
  const header = exists ? assertSqliteFile(path, Boolean(options.create)) : null;
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
    if (exists && options.readerChecks && version === latest && !walPending(path)) assertWhole(path, header);
    else if (exists) checkSound(path, header, options);
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
    removeOpenDebris(path, !exists, hadSideFiles);
    throw inWords(path, err, exists);
  }
}

// SQLite finds a truncated or scrambled file only when it first reads it, and a full disk only when it first writes
// beside it (the -shm it maps): say so in the book's terms.
function inWords(path: string, err: unknown, existed: boolean): unknown {
  const code = (err as { code?: unknown })?.code;
  if (typeof code !== 'string') return err;
  const name = basename(path);
  const unchanged = existed ? 'the file was not changed' : 'no file was left behind';
  if (code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT')) {
    return new AppFailure({ code: 'book_corrupt', message: `${name} is damaged or is not a deal book (${(err as Error).message}); the file was not changed.` });
  }
  if (code === 'SQLITE_FULL' || code === 'SQLITE_IOERR_SHMSIZE' || code === 'SQLITE_IOERR_WRITE' || code === 'SQLITE_IOERR_FSTAT' || code === 'SQLITE_IOERR_TRUNCATE') {
    const what = existed ? `Cannot open ${name}: the disk is full (no room for the working files SQLite keeps beside a book)` : `Cannot create ${name}: the disk is full`;
    return new AppFailure({ code: 'io', message: `${what}; ${unchanged}. Free some space and try again.` });
  }
  if (code.startsWith('SQLITE_IOERR') || code.startsWith('SQLITE_CANTOPEN') || code.startsWith('SQLITE_READONLY')) {
    // SQLite's code does not say why; the folder or the disk may (permission denied, a read-only disk).
    const why = code.startsWith('SQLITE_IOERR') ? null : probeFile(path, true);
    if (why !== null) return new AppFailure({ code: 'io', message: `Cannot ${existed ? 'open' : 'create'} ${name}: ${why}; ${unchanged}.` });
    // A read-only book is said by the service's own words (dispatch.ts), as when a save meets one.
    if (code.startsWith('SQLITE_READONLY')) return err;
    return new AppFailure({ code: 'io', message: `Cannot open ${name}: the system refused to read or write it (${code}); ${unchanged}.` });
  }
  return err;
}

/**
 * The damage check runs on a read-only connection of its own: SQLite's quick_check takes several times longer on
 * a read-write connection (about 1.5 s against 0.2 s on a 100,000-deal book; npm run bench prints it).
 */
function checkSound(path: string, header: BookHeader | null, options: OpenOptions): void {
  const reader = openDatabase(path, { ...options, readonly: true }, true);
  try {
    assertSound(reader, path, header);
  } finally {
    reader.close();
  }
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
    // SQLite says `unable to open database file` or `the directory does not exist`: the folder or the disk says why.
    const why = probeFile(path, !options.readonly) ?? (err as Error).message;
    throw new AppFailure({ code: 'io', message: `Cannot ${exists ? 'open' : 'create'} ${path}: ${why}` });
  }
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
