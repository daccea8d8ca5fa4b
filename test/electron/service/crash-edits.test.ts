import { afterAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { openService } from '../../../electron/service/book';
import { between, seededRandom, testSeed } from '../../helpers/crash-rng';
import { checkAfterKill, difference, type Snapshot } from '../../helpers/crash-edits-model';
import type { Service } from '../../../electron/service/service';
import { bundleEditor, editorReport, exited, inspectBook, printed, sleep, spawnEditor } from '../../helpers/crash-book';
import { tempDir } from '../../helpers/temp-book';

const KILLS = 36;
const FILE = 'test/electron/service/crash-edits.test.ts';
const temp = tempDir('dealbook-crash-edits-');
afterAll(() => temp.cleanup());

/** Each run's book before and after, and how many undo steps it added (its confirmed edits, and one in flight that landed). */
const runs: { before: Snapshot; after: Snapshot; steps: number }[] = [];

function snapshotOf(service: Service): Snapshot {
  return new Map(service.listDeals({}).map((d) => [d.id, { notes: d.notes, term: d.term_years }]));
}

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
      const landed = pending !== null && checkAfterKill(after.snapshot, before, confirmed, null) !== null;
      if (landed) inFlightLanded++;
      runs.push({ before, after: after.snapshot, steps: confirmed.length + (landed ? 1 : 0) });
      confirmedTotal += confirmed.length;
      before = after.snapshot;
    }
    console.log(`[crash-edits] ${KILLS} kills, ${confirmedTotal} confirmed edits kept, ${inFlightLanded} edits committed but unconfirmed at the kill`);
    // The children must have done real work, or the kills proved nothing.
    expect(confirmedTotal).toBeGreaterThan(KILLS * 3);
  }, 90_000);

  it('keeps the undo history usable after the crashes: undo takes back exactly what each run saved, redo puts it back', async () => {
    const service = await openService(join(temp.dir, 'edits.dealbook'));
    try {
      // Walk back over the last runs that saved something, undoing their steps one run at a time.
      const checked = runs.filter((r) => r.steps > 0).slice(-5).reverse();
      expect(checked.length).toBeGreaterThan(0);
      expect(difference(snapshotOf(service), checked[0]!.after)).toBeNull();
      for (const run of checked) {
        for (let i = 0; i < run.steps; i++) service.undo({});
        expect(difference(snapshotOf(service), run.before), 'after undoing a run').toBeNull();
      }
      for (const run of [...checked].reverse()) {
        for (let i = 0; i < run.steps; i++) service.redo({});
        expect(difference(snapshotOf(service), run.after), 'after redoing a run').toBeNull();
      }
      // And step by step: each undo changes the values, each redo brings back exactly the values before it.
      const states = [snapshotOf(service)];
      for (let i = 0; i < 5; i++) {
        service.undo({});
        states.push(snapshotOf(service));
        expect(difference(states[i + 1]!, states[i]!), `undo ${i + 1} changed nothing`).not.toBeNull();
      }
      for (let i = 5; i > 0; i--) {
        service.redo({});
        expect(difference(snapshotOf(service), states[i - 1]!), `redo back to step ${i - 1}`).toBeNull();
      }
    } finally {
      service.close();
    }
  });
});
