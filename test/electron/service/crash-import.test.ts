import { afterAll, describe, expect, it } from 'vitest';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { openBook } from '../../../electron/db/connection';
import { seededRandom, testSeed } from '../../helpers/crash-rng';
import { exited, inspectBook, spawnCli, writeImportCsv, type BookState } from '../../helpers/crash-book';
import { dealbook } from '../../helpers/cli';
import { tempDir } from '../../helpers/temp-book';

const ROWS = 20_000;
const KILLS = 14;
const FILE = 'test/electron/service/crash-import.test.ts';
const temp = tempDir('dealbook-crash-import-');
afterAll(() => temp.cleanup());

/** Size of the book's WAL, which grows while the import's transaction spills and commits. */
function walSize(book: string): number {
  try {
    return existsSync(`${book}-wal`) ? statSync(`${book}-wal`).size : 0;
  } catch {
    return 0;
  }
}

/**
 * Run `dealbook import` and SIGKILL it when killAt says so (polled every millisecond), or let it finish.
 * Resolves with whether the kill happened before the process exited on its own.
 */
async function importAndKill(book: string, csv: string, killAt: (elapsedMs: number, wal: number) => boolean) {
  const child = spawnCli(['import', '--book', book, csv]);
  const output = exited(child);
  const started = Date.now();
  let maxWal = 0;
  const timer = setInterval(() => {
    const wal = walSize(book);
    maxWal = Math.max(maxWal, wal);
    if (child.exitCode === null && killAt(Date.now() - started, wal)) {
      child.kill('SIGKILL');
      clearInterval(timer);
    }
  }, 1);
  const exit = await output;
  clearInterval(timer);
  return { exit, maxWal };
}

describe('SIGKILL during a large CLI import', () => {
  it(`leaves the import all or nothing across ${KILLS} kills`, async () => {
    const seed = testSeed('crash-import', FILE);
    const rnd = seededRandom(seed);
    const book = join(temp.dir, 'import.dealbook');
    const csv = join(temp.dir, 'big.csv');
    expect(dealbook(['new', '--book', book, '--sample']).code).toBe(0);
    writeImportCsv(csv, ROWS, 'crash-import');

    // One undisturbed run measures how long an import takes and how large its WAL grows on this machine.
    let before: BookState = await inspectBook(book, { rows: false, markers: ['crash-import'] });
    const calibration = await importAndKill(book, csv, () => false);
    expect(calibration.exit.code, calibration.exit.stderr).toBe(0);
    const full = { ms: calibration.exit.ms, wal: calibration.maxWal };
    let after = await inspectBook(book, { rows: false, markers: ['crash-import'] });
    expect(after.deals).toBe(before.deals + ROWS);
    console.log(`[crash-import] an undisturbed import of ${ROWS} rows: ${full.ms} ms, WAL up to ${full.wal} bytes`);

    const outcomes = { rolledBack: 0, committed: 0, finished: 0 };
    let kills = 0;
    for (let run = 0; kills < KILLS && run < KILLS + 10; run++) {
      before = after;
      // Where to kill: anywhere in the run (startup, parsing, inserts in the page cache), while the commit
      // writes its frames to the WAL (by how far the WAL has grown), or just after that (the commit's fsync,
      // the checkpoint on close).
      const roll = rnd();
      const fraction = rnd();
      const delay = Math.round(rnd() * 40);
      const strategy = roll < 0.3 ? 'time' : roll < 0.7 ? 'wal' : 'after';
      const where = `seed ${seed}, run ${run}, kill ${strategy === 'time' ? `at ${Math.round(fraction * full.ms)} ms` : strategy === 'wal' ? `at WAL ${Math.round(fraction * 100)}%` : `${delay} ms after the WAL filled`}`;
      let filledAt = 0;
      const { exit } = await importAndKill(book, csv, (ms, wal) => {
        if (strategy === 'time') return ms >= fraction * full.ms;
        if (strategy === 'wal') return wal > 0 && wal >= fraction * full.wal;
        if (!filledAt && wal >= 0.95 * full.wal) filledAt = ms;
        return filledAt > 0 && ms >= filledAt + delay;
      });
      const killed = exit.signal === 'SIGKILL';
      if (killed) kills++;
      else expect(exit.code, `${where}: ${exit.stderr}`).toBe(0);

      after = await inspectBook(book, { rows: false, markers: ['crash-import'] });
      expect(after.integrity, where).toBe('ok');
      expect([before.deals, before.deals + ROWS], where).toContain(after.deals);
      expect(after.marked.get('crash-import')! - before.marked.get('crash-import')!, where).toBe(after.deals - before.deals);
      if (after.deals === before.deals) {
        expect(after.batches, `${where}: an undo step without its rows`).toBe(before.batches);
        expect(after.parties, where).toBe(before.parties);
        outcomes.rolledBack++;
      } else {
        expect(after.batches, `${where}: rows without their undo step`).toBe(before.batches + 1);
        if (killed) outcomes.committed++;
        else outcomes.finished++;
      }
      // Keep the runs alike (and quick): drop the imported rows once a few imports have landed.
      if (after.deals > 3 * ROWS) after = await trimImports(book);
    }
    console.log(`[crash-import] ${kills} kills: ${outcomes.rolledBack} rolled back, ${outcomes.committed} killed after the commit, ${outcomes.finished} finished first`);
    expect(kills).toBe(KILLS);
    expect(outcomes.rolledBack, 'no kill landed inside the import').toBeGreaterThan(0);

    const check = dealbook(['check', '--book', book]);
    expect(check.code, check.stderr).toBe(0);
    expect(check.stdout).toMatch(/integrity: ok/);
  }, 120_000);
});

/** Delete the imported rows (not through undo: this is test housekeeping, not the code under test). */
async function trimImports(book: string): Promise<BookState> {
  const { db } = await openBook(book);
  db.exec(`DELETE FROM deals WHERE notes LIKE 'crash-import%'; DELETE FROM edits; DELETE FROM batches; VACUUM;`);
  db.close();
  return inspectBook(book, { rows: false, markers: ['crash-import'] });
}
