/**
 * Child process for the crash and concurrency tests: opens a book with the real service and edits it in
 * bursts, through the same door (dispatch) the transports use.
 *
 *   node --import tsx test/helpers/crash-editor.ts BOOK SEED [COUNT]
 *
 * COUNT 0 (the default) edits until killed or until "stop" arrives on stdin. Each op is printed as {"try":...} before the call and as
 * {"ok":...} only after the service answered, i.e. after its transaction committed: a line that says ok
 * is a promise the book must keep however the process dies afterwards.
 */
import { writeSync } from 'node:fs';
import { openService } from '../../electron/service/book';
import { dispatch } from '../../electron/service/dispatch';
import type { Change } from '../../shared/protocol/contract';
import { between, seededRandom } from './crash-rng';
import { toCall, type EditOp, type EditorLine } from './crash-edits-model';

const [book, seedArg, countArg] = process.argv.slice(2);
if (!book || !seedArg) {
  process.stderr.write('usage: crash-editor.ts BOOK SEED [COUNT]\n');
  process.exit(2);
}
const seed = Number(seedArg);
const count = Number(countArg ?? 0);
const rnd = seededRandom(seed);

// writeSync: the line is in the pipe before the next edit starts, whatever the stream would buffer.
const say = (line: EditorLine) => void writeSync(1, JSON.stringify(line) + '\n');
const pause = (ms: number) => new Promise((done) => setTimeout(done, ms));

const service = await openService(book);
const ids = service.listDeals({}).map((row) => row.id);
say({ ready: ids.length });

function pick(): number {
  return ids[between(rnd, 0, ids.length - 1)]!;
}

function nextOp(i: number): EditOp {
  const value = (k = 0) => `s${seed}-${i}-${k}`;
  const roll = rnd();
  if (ids.length < 5 || roll < 0.25) return { kind: 'add', notes: value(), term: between(rnd, 1, 50) };
  if (roll < 0.32) return { kind: 'delete', ids: [pick()] };
  const targets = [...new Set(Array.from({ length: roll < 0.55 ? between(rnd, 2, 5) : 1 }, pick))];
  return { kind: 'set', cells: targets.map((id, k) => ({ id, notes: value(k), term: between(rnd, 1, 50) })) };
}

let stopped = false;
process.stdin.on('data', (d: Buffer) => {
  if (d.toString().includes('stop')) stopped = true;
});
process.stdin.unref();

let saved = 0;
for (let i = 1; !stopped && (count === 0 || i <= count); i++) {
  const op = nextOp(i);
  say({ try: op });
  const { method, payload } = toCall(op);
  const started = performance.now();
  const result = dispatch(service, method, payload);
  const ms = Math.round(performance.now() - started);
  if (!result.ok) {
    say({ fail: { code: result.error.code, message: result.error.message } });
  } else {
    const change = result.value as Change;
    if (op.kind === 'add') {
      const id = change.changed.find((row) => row.notes === op.notes)?.id;
      if (id === undefined) throw new Error(`addDeal answered without the new row: ${JSON.stringify(change).slice(0, 200)}`);
      ids.push(id);
      say({ ok: { ...op, id }, ms });
    } else {
      if (op.kind === 'delete') ids.splice(ids.indexOf(op.ids[0]!), 1);
      say({ ok: op, ms });
    }
    saved++;
  }
  // Bursts: a run of back-to-back saves, then a breath, so kills land both mid-save and between saves.
  // setImmediate lets a "stop" on stdin through.
  await (rnd() < 0.15 ? pause(between(rnd, 0, 8)) : new Promise((done) => setImmediate(done)));
}
service.close();
say({ done: saved });
