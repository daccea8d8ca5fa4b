import { randomBytes } from 'node:crypto';
import { describe } from 'vitest';
import { dropPgBook } from '../../electron/pg/connection';

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
