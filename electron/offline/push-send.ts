import { AppFailure } from '../../shared/protocol/result';
import type { PgPool } from '../pg/connection';
import { pgRepos, type EditEntry, type Query } from '../pg/pg-repos';
import { isConnectionError, writeLockKey } from '../pg/pg-tx';
import { emptyIdMap, type IdMap, type Origin } from './origin';
import type { OfflineStep } from './offline-steps';
import { applyChange, type StepContext } from './push-changes';
import { flipsToSend, reverseEdit, type Sending } from './push-flips';
import { pushSettings, type BookSettings } from './push-settings';

export type PushOptions = {
  user: string;
  now: () => Date;
  dryRun: boolean;
  offlineParty: (id: number) => string | null;
  /** The file's steps since the pull, done or not: a pushed one no longer done (or done again) is sent as its undo (or redo). */
  fileSteps: ReadonlyMap<number, { done: boolean; label: string }>;
  /** The book settings in the file now, and as the team book had them at the pull or last push (null: not noted). */
  settings?: { file: BookSettings; base: BookSettings | null };
};

export type PushResult = {
  /** One line per step (applied, or already pushed) and one per conflict, in order. */
  lines: string[];
  steps: number;
  changes: number;
  conflicts: number;
  /** The newest offline step this push has sent (or found sent): the file notes it. */
  lastStep: number;
  idMap: IdMap;
  /** Whether anything was written to the team book. */
  wrote: boolean;
};

/**
 * Send the offline steps to the team book in one transaction, holding the book alone (as an import does): each step
 * whose changes pass the no-lost-update rule becomes one step of the team book, recorded in pushed_steps with what
 * it added, so a push run again skips it. A change the book's rules refuse is undone alone (a savepoint) and listed.
 * A dry run does all of it and rolls back.
 */
export async function sendOfflineSteps(pool: PgPool, schema: string, origin: Origin, steps: readonly OfflineStep[], options: PushOptions): Promise<PushResult> {
  let client;
  try {
    client = await pool.connect();
  } catch (err) {
    throw broken(err, false);
  }
  // A connection that breaks mid-push also reports it as an event after the query's failure: heard here.
  client.on('error', () => {});
  let failure: unknown = null;
  let committing = false;
  try {
    const q: Query = async (sql, params) => (await client.query(sql, params as unknown[] | undefined)).rows as never;
    await client.query(`BEGIN; SELECT pg_advisory_xact_lock(${writeLockKey(schema)})`);
    const repos = pgRepos(q);
    const sent = await q<Sending & { id_map: string }>(`SELECT step, move, batch_id, id_map FROM pushed_steps WHERE copy_id = $1 ORDER BY step, move`, [origin.copyId]);
    const idMap = mergeMaps(origin.idMap, ...sent.map((s) => JSON.parse(s.id_map) as IdMap));
    const ours = sent.flatMap((s) => (s.batch_id === null ? [] : [s.batch_id]));
    const already = new Set(sent.map((s) => s.step));
    const result: PushResult = { lines: [], steps: 0, changes: 0, conflicts: 0, lastStep: origin.pushedBatch, idMap, wrote: false };
    const at = options.now().toISOString();
    const verb = options.dryRun ? 'would apply' : 'applied';
    // Pushed steps undone or redone in the file since: first, as the file made them before its newer steps.
    for (const flip of flipsToSend(sent, options.fileSteps)) {
      const label = `${flip.undo ? 'Undo' : 'Redo'} ${flip.label} (offline)`;
      const what = `${flip.undo ? 'undo' : 'redo'} of step ${flip.step} "${flip.label}"`;
      let batchId: number | null = null;
      let applied = 0;
      const conflicts: string[] = [];
      const target = flip.reverse === null ? undefined : (await q<{ state: string }>(`SELECT state FROM batches WHERE id = $1`, [flip.reverse]))[0];
      if (target && target.state !== 'done') {
        conflicts.push(`conflict: ${what}: its team step ${flip.reverse} was ${target.state === 'undone' ? 'undone' : 'undone and replaced'} in the team book; nothing sent`);
      } else if (target) {
        const log = async (entry: EditEntry) => {
          if (batchId === null) {
            batchId = await repos.edits.begin(label, at, options.user);
            await repos.edits.dropRedo(options.user);
          }
          await repos.edits.log(batchId, entry);
        };
        for (const edit of [...(await repos.edits.editsOf(flip.reverse!))].reverse()) {
          const hadBatch = batchId !== null;
          const outcome = await alone(q, () => reverseEdit(q, repos, edit, options.user, log, what), (err) => `conflict: ${what}: ${describeEdit(edit)}: refused by the team book's rules (${err.message})`);
          if (outcome.undone && !hadBatch) batchId = null;
          applied += outcome.applied;
          conflicts.push(...outcome.conflicts);
        }
      }
      if (batchId !== null) ours.push(batchId);
      await q(`INSERT INTO pushed_steps (copy_id, step, move, batch_id, id_map, pushed_at) VALUES ($1, $2, $3, $4, '{}', $5)`, [origin.copyId, flip.step, flip.move, batchId, at]);
      result.lines.push(`${verb}: ${what}: ${applied ? `${applied} ${applied === 1 ? 'change' : 'changes'}${options.dryRun ? '' : ` as team step ${batchId}`}` : 'nothing'}`, ...conflicts);
      result.steps++;
      result.changes += applied;
      result.conflicts += conflicts.length;
    }
    for (const step of steps) {
      result.lastStep = step.id;
      if (already.has(step.id)) {
        result.lines.push(`already pushed: step ${step.id} "${step.label}"`);
        continue;
      }
      let batchId: number | null = null;
      const log = async (entry: EditEntry) => {
        if (batchId === null) {
          batchId = await repos.edits.begin(offlineLabel(step), at, options.user);
          await repos.edits.dropRedo(options.user);
        }
        await repos.edits.log(batchId, entry);
      };
      const context: StepContext = { q, repos, base: { pulledBatch: origin.pulledBatch, pulledMove: origin.pulledMove, ours, limits: origin.limits }, idMap, stepMap: emptyIdMap(), log, offlineParty: options.offlineParty };
      let applied = 0;
      const conflicts: string[] = [];
      for (const edit of step.edits) {
        const hadBatch = batchId !== null;
        const outcome = await alone(q, () => applyChange(context, edit), (err) => `conflict: ${describeEdit(edit)}: offline change refused by the team book's rules (${err.message})`);
        if (outcome.undone && !hadBatch) batchId = null;
        applied += outcome.applied;
        conflicts.push(...outcome.conflicts);
      }
      if (batchId !== null) ours.push(batchId);
      await q(`INSERT INTO pushed_steps (copy_id, step, batch_id, id_map, pushed_at) VALUES ($1, $2, $3, $4, $5)`, [
        origin.copyId, step.id, batchId, JSON.stringify(context.stepMap), at,
      ]);
      result.lines.push(
        applied
          ? `${verb}: step ${step.id} "${step.label}": ${applied} ${applied === 1 ? 'change' : 'changes'}${options.dryRun ? '' : ` as team step ${batchId}`}`
          : `${verb}: step ${step.id} "${step.label}": nothing`,
        ...conflicts,
      );
      result.steps++;
      result.changes += applied;
      result.conflicts += conflicts.length;
    }
    let settingsApplied = 0;
    if (options.settings) {
      const pushed = await pushSettings(repos, options.settings.file, options.settings.base, options.dryRun);
      result.lines.push(...pushed.lines);
      result.changes += pushed.applied;
      result.conflicts += pushed.conflicts;
      settingsApplied = pushed.applied;
    }
    if (options.dryRun) {
      await client.query('ROLLBACK');
      return result;
    }
    committing = true;
    await client.query('COMMIT');
    result.wrote = result.steps > 0 || settingsApplied > 0;
    return result;
  } catch (err) {
    failure = err;
    if (isConnectionError(err)) throw broken(err, committing);
    await client.query('ROLLBACK').catch(() => {});
    throw err;
  } finally {
    client.release(failure && isConnectionError(failure) ? (failure as Error) : undefined);
  }
}

/**
 * A pushed step's label on the team book: the file's, with when it was made offline (UTC, to the minute), since the
 * team step's own time is the push's: "Edit notes (offline, 2026-12-08 10:00 UTC)".
 */
export function offlineLabel(step: { label: string; at: string }): string {
  const made = new Date(step.at);
  if (Number.isNaN(made.getTime())) return `${step.label} (offline)`;
  return `${step.label} (offline, ${made.toISOString().slice(0, 16).replace('T', ' ')} UTC)`;
}

/**
 * One change under its own savepoint: a refusal by the team book's rules (a constraint) is undone alone and listed
 * (`undone`: whatever it wrote, a step's first edit included, is gone); any other failure ends the push.
 */
async function alone(q: Query, run: () => Promise<{ applied: number; conflicts: string[] }>, refused: (err: Error) => string): Promise<{ applied: number; conflicts: string[]; undone: boolean }> {
  await q('SAVEPOINT offline_change');
  try {
    const outcome = await run();
    await q('RELEASE SAVEPOINT offline_change');
    return { ...outcome, undone: false };
  } catch (err) {
    if (isConnectionError(err) || !isRefusal(err)) throw err;
    await q('ROLLBACK TO SAVEPOINT offline_change');
    return { applied: 0, conflicts: [refused(err as Error)], undone: true };
  }
}

function mergeMaps(...maps: IdMap[]): IdMap {
  const out = emptyIdMap();
  for (const m of maps) for (const kind of ['deals', 'parties', 'scenarios'] as const) Object.assign(out[kind], m[kind] ?? {});
  return out;
}

/** A PostgreSQL refusal of one change by the book's rules (a constraint), not a failure of the push. */
function isRefusal(err: unknown): boolean {
  const code = (err as { code?: unknown })?.code;
  return typeof code === 'string' && (code.startsWith('23') || code.startsWith('22'));
}

function describeEdit(e: { op: string; deal_id: number | null; party_id: number | null; field: string | null }): string {
  if (e.deal_id !== null) return `deal ${e.deal_id}${e.field ? ` ${e.field}` : ''}`;
  if (e.party_id !== null) return `party ${e.party_id}${e.field ? ` ${e.field}` : ''}`;
  return e.op;
}

function broken(err: unknown, committing: boolean): AppFailure {
  return new AppFailure({
    code: 'io',
    message: committing
      ? `The connection to the team book broke while saving the push (${(err as Error).message}); run the same push again: steps the team book already has are skipped, nothing is sent twice.`
      : `The connection to the team book broke during the push (${(err as Error).message}); nothing was applied (a push is one transaction). Run the same push again.`,
  });
}
