import { AppFailure } from '../../shared/protocol/result';
import type pg from 'pg';
import type { PgClient, PgPool } from './connection';
import { pgRepos, type PgRepos, type Query } from './pg-repos';

/**
 * How a transaction stands with the book's write lock (an advisory lock held to the commit): a read takes none; an
 * edit of existing rows or an added deal takes it shared (edits of different deals run side by side, each deal's row
 * locked FOR UPDATE before it is read for writing); a step that needs the whole book to itself (an import, whose
 * deals take consecutive ids; undo and redo; renaming or merging parties) takes it alone, as a file book's every
 * write does.
 */
export type TxMode = 'read' | 'write' | 'exclusive';

/** What a transaction's code may do besides its repositories' queries. */
export type Tx = {
  /** A query on the transaction's connection (parameters only), sent at once behind those already sent. */
  query: Query;
  /**
   * Send COMMIT behind the queries already sent and wait for all their answers: a step's last statements and its
   * commit in one round trip. If any of them failed, PostgreSQL rolled the whole transaction back: that first
   * failure is thrown. (inTransaction commits by itself when fn has not.)
   */
  commit: () => Promise<void>;
};

/**
 * Run fn in one transaction on one connection, under the write lock its mode asks for.
 *
 * The pool's connections are pipelined (connection.ts): every query is sent when it is made, not when the one
 * before it has answered, and PostgreSQL runs them in order. A round trip is then paid only where the code waits
 * for an answer: BEGIN goes out with the first query, a write whose answer nothing needs is not waited for, and the
 * commit goes out with the last reads. On a loaded machine each round trip is a wait for the CPU twice (the
 * database's process, then this one), several milliseconds each. Should a statement fail, the ones sent behind it
 * fail too ("current transaction is aborted") and the first failure is the one reported.
 */
export async function inTransaction<T>(pool: PgPool, schema: string, mode: TxMode | boolean, fn: (repos: PgRepos, tx: Tx) => Promise<T>): Promise<T> {
  const kind: TxMode = mode === true ? 'exclusive' : mode === false ? 'read' : mode;
  let client: PgClient;
  try {
    client = await pool.connect();
  } catch (err) {
    throw lost(err, false);
  }
  let committing = false;
  let committed = false;
  let broken: unknown = null;
  let failed: unknown = null;
  const outstanding = new Set<Promise<unknown>>();
  const send = <R>(sql: string, params?: readonly unknown[]): Promise<pg.QueryResult<R & pg.QueryResultRow>> => {
    const sent = client.query<R & pg.QueryResultRow>(sql, params as unknown[] | undefined);
    outstanding.add(sent);
    // Answers come in order: the first failure is recorded before the aborted-transaction errors behind it.
    const settled = sent.then(
      (r) => (outstanding.delete(sent), r),
      (err: unknown) => {
        outstanding.delete(sent);
        failed ??= err;
        throw (err as { code?: string })?.code === '25P02' ? failed : err;
      },
    );
    settled.catch(() => {});
    return settled;
  };
  const query: Query = async (sql, params) => (await send(sql, params)).rows as never;
  async function commit(): Promise<void> {
    if (committed) return;
    committing = true;
    const done = send<never>('COMMIT');
    await Promise.allSettled([...outstanding]);
    if (failed) throw failed;
    // COMMIT of a transaction that failed answers ROLLBACK.
    if ((await done).command !== 'COMMIT') throw new Error('The transaction was rolled back');
    committed = true;
  }
  try {
    // One message: the lock's key is an integer computed here from the (validated) schema name, no input.
    // Not waited for: fn's first query goes out behind it, and its answer comes after BEGIN's.
    if (kind === 'read') void send('BEGIN READ ONLY');
    else void send(`BEGIN; SELECT pg_advisory_xact_lock${kind === 'write' ? '_shared' : ''}(${writeLockKey(schema)})`);
    const result = await fn(pgRepos(query), { query, commit });
    await commit();
    return result;
  } catch (caught) {
    const err = failed ?? caught;
    if (isConnectionError(err)) {
      broken = err;
      throw lost(err, committing);
    }
    if (!committed) await client.query('ROLLBACK').catch((e: unknown) => void (broken = e));
    else await Promise.allSettled([...outstanding]);
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
