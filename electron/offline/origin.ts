import { AppFailure } from '../../shared/protocol/result';
import type { Db } from '../db/connection';
import { settingsRepo } from '../db/settings-repo';

/** Offline ids (the file's) of what was added offline, to the ids the team book gave them. */
export type IdMap = { deals: Record<string, number>; parties: Record<string, number>; scenarios: Record<string, number> };

export const emptyIdMap = (): IdMap => ({ deals: {}, parties: {}, scenarios: {} });

/** The largest id of each table at the pull: a file id above it was made offline. */
export type IdLimits = { deals: number; parties: number; scenarios: number };

/**
 * Where an offline copy came from, in the file book's settings table (outside its history): the team book's URL
 * without its password (the file gets mailed around), the copy's own id, the team book's newest step and undo move at
 * the pull, the file's newest step then (offline steps come after it) and the last one pushed.
 */
export type Origin = {
  url: string;
  copyId: string;
  pulledBatch: number;
  pulledMove: number;
  baseBatch: number;
  pushedBatch: number;
  pulledAt: string;
  limits: IdLimits;
  idMap: IdMap;
};

const KEYS = {
  url: 'origin.url',
  copyId: 'origin.copy_id',
  pulledBatch: 'origin.pulled_batch',
  pulledMove: 'origin.pulled_move',
  baseBatch: 'origin.base_batch',
  pushedBatch: 'origin.pushed_batch',
  pulledAt: 'origin.pulled_at',
  limits: 'origin.id_limits',
  idMap: 'origin.id_map',
} as const;

/** Who made each step copied at the pull and its state in the team book (the file keeps them unreachable to undo). */
export const PULLED_STEPS_KEY = 'origin.pulled_steps';

/** Which of the file's steps up to the last one pushed were done at that push (an undo or redo since is to send). */
const PUSHED_DONE_KEY = 'origin.pushed_done';

export function writeOrigin(db: Db, origin: Origin): void {
  const settings = settingsRepo(db);
  db.transaction(() => {
    for (const [field, key] of Object.entries(KEYS) as [keyof Origin, string][]) {
      const value = origin[field];
      settings.set(key, typeof value === 'string' ? value : JSON.stringify(value));
    }
    // What the last push to an earlier origin noted is not this origin's.
    db.prepare(`DELETE FROM settings WHERE key = ?`).run(PUSHED_DONE_KEY);
  })();
}

/** The file's origin, or null for a book that was never pulled nor pushed with --to. */
export function readOrigin(db: Db, path: string): Origin | null {
  const settings = settingsRepo(db);
  const url = settings.get(KEYS.url);
  if (url === null) return null;
  const num = (key: string) => {
    const n = Number(settings.get(key));
    if (!Number.isInteger(n) || n < 0) throw damaged(path, key);
    return n;
  };
  const json = <T>(key: string): T => {
    try {
      return JSON.parse(settings.get(key) ?? 'null') as T;
    } catch {
      throw damaged(path, key);
    }
  };
  const copyId = settings.get(KEYS.copyId);
  const limits = json<IdLimits | null>(KEYS.limits);
  if (!copyId || !limits) throw damaged(path, !copyId ? KEYS.copyId : KEYS.limits);
  return {
    url,
    copyId,
    pulledBatch: num(KEYS.pulledBatch),
    pulledMove: num(KEYS.pulledMove),
    baseBatch: num(KEYS.baseBatch),
    pushedBatch: num(KEYS.pushedBatch),
    pulledAt: settings.get(KEYS.pulledAt) ?? '',
    limits,
    idMap: { ...emptyIdMap(), ...(json<IdMap | null>(KEYS.idMap) ?? {}) },
  };
}


/** After a push: the last step sent, the ids given to what was added offline, and which sent steps were done. */
export function notePushed(db: Db, pushedBatch: number, idMap: IdMap, doneSteps: readonly number[]): void {
  const settings = settingsRepo(db);
  db.transaction(() => {
    settings.set(KEYS.pushedBatch, String(pushedBatch));
    settings.set(KEYS.idMap, JSON.stringify(idMap));
    settings.set(PUSHED_DONE_KEY, JSON.stringify(doneSteps));
  })();
}

/** Whether the file's steps up to the last push are done as they were at it (unknown, for a copy from before: no). */
export function pushedStepsUnmoved(db: Db, origin: Origin, states: ReadonlyMap<number, { done: boolean }>): boolean {
  const text = settingsRepo(db).get(PUSHED_DONE_KEY);
  const done = doneUpTo(origin.pushedBatch, states);
  if (text === null) return done.length === 0 && origin.pushedBatch === origin.baseBatch;
  return text === JSON.stringify(done);
}

/** The done steps among the file's steps up to `last`, in order. */
export function doneUpTo(last: number, states: ReadonlyMap<number, { done: boolean }>): number[] {
  return [...states].filter(([id, s]) => id <= last && s.done).map(([id]) => id);
}

function damaged(path: string, key: string): AppFailure {
  return new AppFailure({ code: 'validation', message: `${path}: the offline copy's setting ${key} is missing or damaged; pull the team book again` });
}

/**
 * A dry run and a pull write nothing to the team book, so they open it without upgrading it: a book older than what
 * they read is refused in words, untouched.
 */
export function assertCurrentEnough(opened: { version: number; teamSteps: number; book: { display: string } }, needs: { version: number; teamSteps: number }, what: string): void {
  if (opened.version >= needs.version && opened.teamSteps >= needs.teamSteps) return;
  if (opened.version === 0) throw new AppFailure({ code: 'not_found', message: `No book at ${opened.book.display} (the schema is empty); nothing was changed.` });
  throw new AppFailure({
    code: 'io',
    message: `The team book ${opened.book.display} is older than this Deal book needs for ${what} (schema ${opened.version}, team step ${opened.teamSteps}; needs ${needs.version}, team step ${needs.teamSteps}), and ${what} writes nothing, so it does not upgrade it. Upgrade it first: open it once with a command that does (\`dealbook parties --book URL\`, or the app${what.includes('push') ? ', or the push without --dry-run' : ''}), then run it again. Nothing was changed.`,
  });
}
