import { afterAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { openService } from '../../electron/service/book';
import { between, seededRandom, testSeed } from '../helpers/crash-rng';
import { checkAfterKill } from '../helpers/crash-edits-model';
import { bundleEditor, editorReport, exited, inspectBook, printed, sleep, spawnEditor } from '../helpers/crash-book';
import { tempDir } from '../helpers/temp-book';

const KILLS = 36;
const FILE = 'test/electron/crash-edits.test.ts';
const temp = tempDir('dealbook-crash-edits-');
afterAll(() => temp.cleanup());

describe('SIGKILL during bursts of edits', () => {
  it(`keeps every confirmed edit and a sound book across ${KILLS} kills`, async () => {
    const seed = testSeed('crash-edits', FILE);
    const rnd = seededRandom(seed);
    const book = join(temp.dir, 'edits.dealbook');
    (await openService(book, { create: true, sample: true })).close();
    const editor = await bundleEditor(join(temp.dir, 'bundle'));

    let before = (await inspectBook(book)).snapshot;
    let confirmedTotal = 0;
    let inFlightLanded = 0;
    for (let run = 0; run < KILLS; run++) {
      const child = spawnEditor(book, seed * 100 + run, 0, editor);
      const output = exited(child);
      await printed(child, /"ready"/);
      const killAfter = between(rnd, 0, 250);
      await sleep(killAfter);
      child.kill('SIGKILL');
      const exit = await output;
      const where = `seed ${seed}, run ${run}, killed ${killAfter} ms after ready`;
      expect(exit.signal, `${where}: the editor stopped on its own: ${exit.stderr}`).toBe('SIGKILL');

      const { confirmed, pending } = editorReport(exit.stdout);
      // Half the checks read the book as `dealbook check` does, leaving the WAL to the next editor.
      const after = await inspectBook(book, { readonly: run % 2 === 0 });
      expect(after.integrity, where).toBe('ok');
      const problem = checkAfterKill(after.snapshot, before, confirmed, pending);
      expect(problem, `${where}: ${confirmed.length} confirmed edits`).toBeNull();
      if (pending && checkAfterKill(after.snapshot, before, confirmed, null) !== null) inFlightLanded++;
      confirmedTotal += confirmed.length;
      before = after.snapshot;
    }
    console.log(`[crash-edits] ${KILLS} kills, ${confirmedTotal} confirmed edits kept, ${inFlightLanded} edits committed but unconfirmed at the kill`);
    // The children must have done real work, or the kills proved nothing.
    expect(confirmedTotal).toBeGreaterThan(KILLS * 3);
  }, 90_000);

  it('keeps the undo history usable after the crashes', async () => {
    const service = await openService(join(temp.dir, 'edits.dealbook'));
    try {
      const before = service.listDeals({}).length;
      for (let i = 0; i < 5; i++) service.undo({});
      for (let i = 0; i < 5; i++) service.redo({});
      expect(service.listDeals({}).length).toBe(before);
    } finally {
      service.close();
    }
  });
});
