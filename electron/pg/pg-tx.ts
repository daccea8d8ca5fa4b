import { AppFailure } from '../../shared/result';
import type { PgPool } from './connection';
import { pgRepos, type PgRepos } from './pg-repos';

/**
 * Run fn in one transaction on one connection. A write takes the book's write lock first (an advisory lock held
 * to the commit), so writes to one book follow one another as on a file book: each reads the rows it changes
 * after the previous write committed, whichever server process made it.
 */
export async function inTransaction<T>(pool: PgPool, schema: string, write: boolean, fn: (repos: PgRepos) => Promise<T>): Promise<T> {
  let client;
  try {
    client = await pool.connect();
  } catch (err) {
    throw lost(err, false);
  }
  let committing = false;
  let broken: unknown = null;
  try {
    await client.query(write ? 'BEGIN' : 'BEGIN READ ONLY');
    if (write) await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`dealbook-write:${schema}`]);
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
