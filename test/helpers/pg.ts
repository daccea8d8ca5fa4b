import { randomBytes } from 'node:crypto';
import { describe } from 'vitest';
import { dropPgBook, openPgBook } from '../../electron/pg/connection';
import { createPgStore } from '../../electron/pg/pg-service';
import { openStore } from '../../electron/service/open-store';
import type { Store } from '../../electron/service/store';

/**
 * The PostgreSQL the team-book tests use: one URL in DEALBOOK_TEST_PG (scripts/pg-test-cluster.sh start prints
 * it). Without it those tests are skipped and say why, except under CI, where a missing PostgreSQL fails the run.
 */
export const TEST_PG = process.env.DEALBOOK_TEST_PG ?? '';

const HOW = 'set DEALBOOK_TEST_PG (eval "$(scripts/pg-test-cluster.sh start)")';

/** describe() for tests that need PostgreSQL. */
export function describePg(name: string, fn: () => void): void {
  if (TEST_PG) {
    describe(name, fn);
    return;
  }
  if (process.env.CI) {
    describe(name, () => {
      throw new Error(`${name}: PostgreSQL is required under CI: ${HOW}`);
    });
    return;
  }
  describe.skip(`${name} (skipped: no PostgreSQL; ${HOW})`, fn);
}

/** A fresh team book URL (its own schema) and a function that drops it. */
export function tempPgBook(prefix = 't'): { url: string; drop: () => Promise<void> } {
  const schema = `${prefix}_${randomBytes(6).toString('hex')}`;
  const sep = TEST_PG.includes('?') ? '&' : '?';
  const url = `${TEST_PG}${sep}schema=${schema}`;
  return { url, drop: () => dropPgBook(url) };
}

/**
 * A new team book's store and the raw database (for what only another program would write), dropped and closed by
 * what is pushed onto `cleanups` (run in reverse after each test).
 */
export async function tempPgStore(prefix: string, cleanups: (() => Promise<void> | void)[]) {
  const t = tempPgBook(prefix);
  cleanups.push(t.drop);
  const opened = await openPgBook(t.url, { create: true });
  const store = createPgStore(opened);
  cleanups.push(() => store.close());
  return { opened, store };
}

/**
 * One new team book opened by two stores of their own, as two server processes would hold it; closed and dropped
 * by what is pushed onto `cleanups`.
 */
export async function twoPgStores(prefix: string, cleanups: (() => Promise<void> | void)[]): Promise<{ url: string; a: Store; b: Store }> {
  const t = tempPgBook(prefix);
  cleanups.push(t.drop);
  const open = async () => {
    const store = await openStore(t.url, { create: true });
    cleanups.push(() => store.close());
    return store;
  };
  const a = await open();
  return { url: t.url, a, b: await open() };
}

/**
 * A PostgreSQL cluster of the test's own (the tests that restart it must not disturb the shared one), started with
 * the same script as CI's, on a free loopback port.
 */
export async function ownCluster(): Promise<{ url: string; restart: () => void; down: () => void; up: () => void; stop: () => void }> {
  const { execFileSync } = await import('node:child_process');
  const { createServer } = await import('node:net');
  const port = await new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const p = (s.address() as { port: number }).port;
      s.close(() => resolve(p));
    });
  });
  const script = new URL('../../scripts/pg-test-cluster.sh', import.meta.url).pathname;
  const env = { ...process.env, DEALBOOK_PG_DIR: `/tmp/dealbook-pg-own-${port}`, DEALBOOK_PG_PORT: String(port) };
  const out = execFileSync(script, ['start'], { env, encoding: 'utf8' });
  const url = /DEALBOOK_TEST_PG='([^']+)'/.exec(out)![1]!;
  return {
    url,
    restart: () => void execFileSync(script, ['restart'], { env }),
    /** The database away (stopped, files kept) until up(). */
    down: () => void execFileSync(script, ['down'], { env }),
    up: () => void execFileSync(script, ['up'], { env }),
    stop: () => void execFileSync(script, ['stop'], { env }),
  };
}
