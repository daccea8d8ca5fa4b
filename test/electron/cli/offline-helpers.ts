import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import pg from 'pg';
import { parsePgBook } from '../../../electron/pg/book-url';
import { openService } from '../../../electron/service/book';
import { openStore } from '../../../electron/service/open-store';
import type { Store, StoreHandlers } from '../../../electron/service/store';
import type { Service } from '../../../electron/service/service';
import { BIN, type CliResult } from '../../helpers/cli';
import { TEST_PG } from '../../helpers/pg';

/** The password of the test database: an offline copy keeps none, so the CLI is given it as PGPASSWORD. */
export const PASSWORD = decodeURIComponent(new URL(TEST_PG || 'postgres://x@h/d').password);

/** Who the CLI records a step as (electron/cli/cli-user.ts). */
export const CLI_USER = `cli:${userInfo().username}`;

// Where pull keeps the passwords it was given (electron/offline/saved-passwords.ts): the tests' own file, not the
// user's.
const pgpassDir = mkdtempSync(join(tmpdir(), 'dealbook-pgpass-'));
afterAll(() => rmSync(pgpassDir, { recursive: true, force: true }));
export const PGPASS = join(pgpassDir, 'pgpass');

/**
 * The built CLI, with PGPASSWORD set as an analyst would (or not, with `password: null`), and the tests' own file of
 * kept passwords (or another: `pgpass`).
 */
export function cli(args: string[], options: { password?: string | null; input?: string; pgpass?: string } = {}): CliResult {
  const env: NodeJS.ProcessEnv = { ...process.env, DEALBOOK_PGPASS_FILE: options.pgpass ?? PGPASS };
  delete env.PGPASSWORD;
  if (options.password !== null) env.PGPASSWORD = options.password ?? PASSWORD;
  // Bounded: a command that never exits (a connection left open) fails the test instead of hanging it.
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env, input: options.input, timeout: 20_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The same, not waited for (a push to break mid-way). */
export function cliAsync(args: string[]): Promise<CliResult> {
  const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, PGPASSWORD: PASSWORD, DEALBOOK_PGPASS_FILE: PGPASS }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

/** One query on the test database (outside any book's schema). */
export async function sql<R = Record<string, unknown>>(text: string, params: unknown[] = []): Promise<R[]> {
  const c = new pg.Client({ connectionString: TEST_PG });
  await c.connect();
  try {
    return (await c.query(text, params)).rows as R[];
  } finally {
    await c.end();
  }
}

/** A digest of every table of a team book: equal digests, nothing written. */
export async function tablesDigest(url: string): Promise<string> {
  const schema = parsePgBook(url).schema;
  const tables = ['deals', 'deleted_deals', 'parties', 'scenarios', 'batches', 'edits', 'settings', 'pushed_steps'];
  const parts = tables.map((t) => `(SELECT md5(coalesce(string_agg(x::text, '|' ORDER BY x::text), '')) FROM "${schema}".${t} x)`);
  return JSON.stringify((await sql(`SELECT ${parts.join(', ')}`))[0]);
}

/** Open a team book as a user, run fn, close. */
export async function asUser<T>(url: string, user: string, fn: (h: StoreHandlers, store: Store) => Promise<T> | T, create = false): Promise<T> {
  const store = await openStore(url, { create });
  try {
    return await fn(store.handlersFor(user), store);
  } finally {
    await store.close();
  }
}

/** Open the offline copy as the desktop app does (the file book's service), run fn, close. */
export async function inFile<T>(path: string, fn: (s: Service) => Promise<T> | T): Promise<T> {
  const service = await openService(path);
  try {
    return await fn(service);
  } finally {
    service.close();
  }
}

/** A deal's stored cell on a team book. */
export async function serverDeal(url: string, id: number): Promise<Record<string, unknown> | undefined> {
  return (await sql(`SELECT * FROM "${parsePgBook(url).schema}".deals WHERE id = $1`, [id]))[0];
}

export const DEAL = { announced: '2025-01-15', from_party: 'Acme Labs', to_party: 'Cloudy', kind: 'investment', amount_usd: '5B', notes: 'first' };
