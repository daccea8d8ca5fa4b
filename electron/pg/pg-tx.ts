import { AppFailure } from '../../shared/result';
import type { PgPool } from './connection';
import { pgRepos, type PgRepos } from './pg-repos';

/**
 * How a transaction stands with the book's write lock (an advisory lock held to the commit): a read takes none; an
 * edit of existing rows or an added deal takes it shared (edits of different deals run side by side, each deal's row
 * locked FOR UPDATE before it is read for writing); a step that needs the whole book to itself (an import, whose
 * deals take consecutive ids; undo and redo; renaming or merging parties) takes it alone, as a file book's every
 * write does.
 */
export type TxMode = 'read' | 'write' | 'exclusive';

/** Run fn in one transaction on one connection, under the write lock its mode asks for. */
export async function inTransaction<T>(pool: PgPool, schema: string, mode: TxMode | boolean, fn: (repos: PgRepos) => Promise<T>): Promise<T> {
  const kind: TxMode = mode === true ? 'exclusive' : mode === false ? 'read' : mode;
  let client;
  try {
    client = await pool.connect();
  } catch (err) {
    throw lost(err, false);
  }
  let committing = false;
  let broken: unknown = null;
  try {
    // One round trip: the lock's key is an integer computed here from the (validated) schema name, no input.
    if (kind === 'read') await client.query('BEGIN READ ONLY');
    else await client.query(`BEGIN; SELECT pg_advisory_xact_lock${kind === 'write' ? '_shared' : ''}(${writeLockKey(schema)})`);
    const repos = pgRepos(async (sql, params) => (await client!.query(sql, params as unknown[])).rows);
    const result = await fn(repos);
    committing = true;
    await client.query('COMMIT');
    return result;
  } catch (err) {
    if (isConnectionError(err)) {
      broken = err;
      throw lost(err, committing);
    }
    await client.query('ROLLBACK').catch((e: unknown) => void (broken = e));
    throw toPgFailure(err);
  } finally {
    // A connection that failed is not given back to the pool for the next request.
    client.release(broken ? (broken instanceof Error ? broken : new Error(String(broken))) : undefined);
  }
}

/** The book's write lock: a 32-bit FNV-1a hash of its schema name (advisory locks are per database). */
export function writeLockKey(schema: string): number {
  let h = 0x811c9dc5;
  for (const c of `dealbook-write:${schema}`) h = Math.imul(h ^ c.charCodeAt(0), 0x01000193);
  return h | 0;
}

const CONNECTION_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', '57P01', '57P02', '57P03', '08000', '08003', '08006', '08001', '08004']);

export function isConnectionError(err: unknown): boolean {
  const code = (err as { code?: unknown })?.code;
  if (typeof code === 'string' && CONNECTION_CODES.has(code)) return true;
  const message = String((err as Error)?.message ?? '');
  return /Connection terminated|connection is closed|Client has encountered a connection error|timeout exceeded when trying to connect/i.test(message);
}

/** The database went away: before COMMIT nothing was saved; during it, the outcome is the database's to tell. */
function lost(err: unknown, committing: boolean): AppFailure {
  return new AppFailure({
    code: 'io',
    message: committing
      ? `The connection to the team book's database broke while saving (${(err as Error).message}); reload to see whether the change was saved.`
      : `The team book's database cannot be reached (${(err as Error).message}); nothing was saved. Try again in a moment.`,
  });
}

/** PostgreSQL's own refusals in the book's terms. */
export function toPgFailure(err: unknown): unknown {
  if (err instanceof AppFailure) return err;
  const code = (err as { code?: unknown })?.code;
  if (typeof code !== 'string') return err;
  if (code.startsWith('23')) return new AppFailure({ code: 'validation', message: `Rejected by the book's rules: ${(err as Error).message}` });
  if (code === '40001' || code === '40P01' || code === '55P03') return new AppFailure({ code: 'book_busy', message: 'The team book is busy; nothing was saved. Try again.' });
  if (code === '53100') return new AppFailure({ code: 'io', message: "The team book's database is out of disk space; nothing was saved." });
  if (code === '25006') return new AppFailure({ code: 'io', message: 'The team book is read-only; nothing was saved.' });
  return err;
}
