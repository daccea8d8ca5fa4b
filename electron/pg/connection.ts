import pg from 'pg';
import { AppFailure } from '../../shared/protocol/result';
import { parsePgBook, quoteSchema, type PgBookUrl } from './book-url';
import { PG_MIGRATIONS, PG_TEAM_STEPS, type PgMigration, type PgTeamStep } from './migrations';

export type PgPool = pg.Pool;
export type PgClient = pg.PoolClient;

export type PgOpenOptions = {
  /** Create the schema when it does not exist (otherwise a missing schema is an error). */
  create?: boolean;
  /** Open without writing anything: no migrations. */
  readonly?: boolean;
  /** Migrations to apply (tests pass a prefix); default all of them. */
  migrations?: readonly PgMigration[];
  /** Team steps to apply after them; default all of them, or none when `migrations` is given (an older book). */
  teamSteps?: readonly PgTeamStep[];
  /** Connections in the pool. */
  max?: number;
};

/**
 * node-postgres leaves the socket of a connection that failed while signing in open (no password for SCRAM, say),
 * which keeps a command from ever exiting: it is closed here.
 */
class ClosingClient extends pg.Client {
  constructor(config?: string | pg.ClientConfig) {
    super(config);
    const connect = this.connect.bind(this) as (callback?: (err: Error | null) => void) => Promise<unknown> | undefined;
    const close = () => (this as unknown as { connection?: { stream?: { destroy: () => void } } }).connection?.stream?.destroy();
    (this as unknown as { connect: unknown }).connect = (callback?: (err: Error | null) => void) => {
      if (callback) {
        return connect((err) => {
          if (err) close();
          callback(err);
        });
      }
      return connect()!.catch((err: unknown) => {
        close();
        throw err;
      });
    };
  }
}

/** `teamSteps`: how many team steps the book has now (what a read-only open found). */
export type OpenedPgBook = { pool: PgPool; book: PgBookUrl; version: number; migratedFrom: number | null; teamSteps: number };

/**
 * Open a team book: connect, refuse a schema that is not a book or is newer than this app without touching it,
 * create or migrate it in one transaction under the book's advisory lock (two processes opening an old book at
 * once migrate it once). Every connection of the pool works inside the book's schema.
 */
export async function openPgBook(url: string, options: PgOpenOptions = {}): Promise<OpenedPgBook> {
  const book = parsePgBook(url);
  const migrations = options.migrations ?? PG_MIGRATIONS;
  const latest = migrations.length ? migrations[migrations.length - 1]!.version : 0;
  const teamSteps = options.teamSteps ?? (options.migrations ? [] : PG_TEAM_STEPS);
  const latestTeam = teamSteps.length ? teamSteps[teamSteps.length - 1]!.step : 0;
  const pool = new pg.Pool({
    connectionString: book.connectionString,
    Client: ClosingClient,
    options: `-c search_path=${quoteSchema(book.schema)}`,
    max: options.max ?? 8,
    connectionTimeoutMillis: 10_000,
    idleTimeoutMillis: 30_000,
    // Queries are sent as they are made, not each after the last one's answer: a transaction pays a round trip
    // only where its code waits for an answer (see pg-tx.ts).
    pipeline: true,
  });
  // A dropped idle connection (the server restarted) must not crash the process: the pool replaces it.
  pool.on('error', () => {});
  try {
    const client = await connect(pool, book);
    try {
      let version = await readVersion(client, book);
      if (version === null) {
        if (!options.create) throw new AppFailure({ code: 'not_found', message: `No book at ${book.display} (the database has no schema "${book.schema}")` });
        if (options.readonly) throw new AppFailure({ code: 'not_found', message: `No book at ${book.display}` });
      }
      if (version !== null && version > latest) {
        throw new AppFailure({
          code: 'book_newer',
          message: `The team book ${book.display} was written by a newer Deal book (schema ${version}; this version reads up to ${latest}). Update the app to open it; the book was not changed.`,
        });
      }
      const from = version ?? 0;
      let team = await readTeamSteps(client);
      if (!options.readonly && (from < latest || team < latestTeam)) {
        version = await migrate(client, book, migrations, teamSteps);
        team = Math.max(team, latestTeam);
      }
      return { pool, book, version: version ?? 0, migratedFrom: from > 0 && from < latest ? from : null, teamSteps: team };
    } finally {
      client.release();
    }
  } catch (err) {
    await pool.end().catch(() => {});
    throw toOpenFailure(err, book);
  }
}

const NETWORK_WORDS: Readonly<Record<string, string>> = {
  ECONNREFUSED: 'nothing answers at that host and port (connection refused): is PostgreSQL running there, on that port?',
  ENOTFOUND: 'no such host name',
  EAI_AGAIN: 'the host name cannot be looked up now (no network, or its DNS does not answer)',
  ETIMEDOUT: 'the host does not answer (timed out)',
  EHOSTUNREACH: 'the host cannot be reached from here',
  ENETUNREACH: 'the network cannot be reached from here',
  ECONNRESET: 'the connection was cut (reset by the other side)',
};

async function connect(pool: PgPool, book: PgBookUrl): Promise<PgClient> {
  try {
    return await pool.connect();
  } catch (err) {
    const code = (err as { code?: unknown }).code;
    // The network's codes in words, as files' are (electron/db/file-errors.ts).
    const message = typeof code === 'string' && Object.hasOwn(NETWORK_WORDS, code) ? NETWORK_WORDS[code]! : (err as Error).message;
    // The URL has no password (an offline copy keeps none) and PGPASSWORD and ~/.pgpass gave none either.
    const hint = /password must be a string/.test(message) ? ' (no password: give it in the URL, in PGPASSWORD or in ~/.pgpass)' : '';
    throw new AppFailure({ code: 'io', message: `Cannot reach the team book's database at ${book.display}: ${message}${hint}` });
  }
}

/** null: no such schema. 0: an empty schema (a new book). A schema with tables but no version is not a book. */
async function readVersion(client: PgClient, book: PgBookUrl): Promise<number | null> {
  const tables = await client.query<{ table_name: string }>(
    `SELECT c.relname AS table_name FROM pg_namespace n LEFT JOIN pg_class c ON c.relnamespace = n.oid AND c.relkind = 'r'
     WHERE n.nspname = $1`,
    [book.schema],
  );
  if (!tables.rows.length) return null;
  const names = tables.rows.map((r) => r.table_name).filter((n): n is string => Boolean(n));
  if (!names.length) return 0;
  if (!names.includes('book_meta')) {
    const shown = names.length > 3 ? `${names.slice(0, 3).join(', ')}, ...` : names.join(', ');
    throw new AppFailure({
      code: 'book_corrupt',
      message: `Schema "${book.schema}" holds another program's tables (${shown}), not a deal book; it was not changed.`,
    });
  }
  const row = await client.query<{ value: string }>(`SELECT value FROM book_meta WHERE key = 'schema_version'`);
  return Number(row.rows[0]?.value ?? 0);
}

/** How many team steps a book has (none before its first, or in a new book). */
async function readTeamSteps(client: PgClient): Promise<number> {
  const meta = await client.query<{ found: boolean }>(`SELECT to_regclass('book_meta') IS NOT NULL AS found`);
  if (!meta.rows[0]?.found) return 0;
  const row = await client.query<{ value: string }>(`SELECT value FROM book_meta WHERE key = 'team_steps'`);
  return Number(row.rows[0]?.value ?? 0);
}

async function migrate(client: PgClient, book: PgBookUrl, migrations: readonly PgMigration[], teamSteps: readonly PgTeamStep[]): Promise<number> {
  const schema = quoteSchema(book.schema);
  let current: { version: number; name: string } | undefined;
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`dealbook:${book.schema}`]);
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    await client.query(`CREATE TABLE IF NOT EXISTS book_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)`);
    // Read again under the lock: another process may have migrated meanwhile.
    const row = await client.query<{ value: string }>(`SELECT value FROM book_meta WHERE key = 'schema_version'`);
    const from = Number(row.rows[0]?.value ?? 0);
    let version = from;
    for (const step of migrations.filter((m) => m.version > from)) {
      current = step;
      await client.query(step.sql);
      if (step.run) await step.run(async (sql, params) => (await client.query(sql, params as unknown[])).rows);
      version = step.version;
    }
    await client.query(
      `INSERT INTO book_meta (key, value) VALUES ('schema_version', $1) ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
      [String(version)],
    );
    const teamFrom = await readTeamSteps(client);
    for (const step of teamSteps.filter((t) => t.step > teamFrom)) {
      current = { version: step.step, name: `team step ${step.step}: ${step.name}` };
      await client.query(step.sql);
      await client.query(`INSERT INTO book_meta (key, value) VALUES ('team_steps', $1) ON CONFLICT (key) DO UPDATE SET value = excluded.value`, [String(step.step)]);
    }
    await client.query('COMMIT');
    return version;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => {});
    if (err instanceof AppFailure) throw err;
    const step = current ? (current.name.startsWith('team step') ? current.name : `step ${current.version} (${current.name})`) : 'creating the schema';
    throw new AppFailure({ code: 'internal', message: `Could not set up the team book ${book.display}: ${step} failed: ${(err as Error).message}. Nothing was changed.` });
  }
}

function toOpenFailure(err: unknown, book: PgBookUrl): unknown {
  if (err instanceof AppFailure) return err;
  return new AppFailure({ code: 'io', message: `Cannot open the team book ${book.display}: ${(err as Error).message}` });
}

/** Drop a book's schema and everything in it (tests and `new` over a failed half-made book only). */
export async function dropPgBook(url: string): Promise<void> {
  const book = parsePgBook(url);
  const client = new pg.Client({ connectionString: book.connectionString });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS ${quoteSchema(book.schema)} CASCADE`);
  } finally {
    await client.end();
  }
}

/** A schema's book version without opening it: null when there is no such schema, 0 when it is empty. */
export async function peekPgBook(url: string): Promise<number | null> {
  const book = parsePgBook(url);
  const pool = new pg.Pool({ connectionString: book.connectionString, Client: ClosingClient, options: `-c search_path=${quoteSchema(book.schema)}`, max: 1 });
  pool.on('error', () => {});
  try {
    const client = await connect(pool, book);
    try {
      return await readVersion(client, book);
    } finally {
      client.release();
    }
  } finally {
    await pool.end();
  }
}
