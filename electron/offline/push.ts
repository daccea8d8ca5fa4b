import { AppFailure } from '../../shared/protocol/result';
import { openBook } from '../db/connection';
import { openPgBook } from '../pg/connection';
import { parsePgBook } from '../pg/book-url';
import { announce } from '../team/live';
import { PG_LATEST_VERSION, PG_TEAM_STEPS } from '../pg/migrations';
import { assertCurrentEnough, doneUpTo, notePushed, pushedStepsUnmoved, readOrigin, type Origin } from './origin';
import { filePartyNames, fileStepStates, offlineSteps } from './offline-steps';
import { sendOfflineSteps, type PushResult } from './push-send';
import { fileBookSettings, noteSettingsBase, settingsBase, settingsChanged } from './push-settings';
import { savedPassword } from './saved-passwords';

export type PushBookOptions = { user: string; now?: () => Date; dryRun?: boolean; password?: string | null };

export type PushSummary = PushResult & { where: string };

/**
 * Push an offline copy's steps to its team book (push-send.ts), then note in the file what was sent. Should the
 * process stop between the two, the next push finds the steps in the team book's pushed_steps and skips them.
 */
export async function pushBook(path: string, options: PushBookOptions): Promise<PushSummary> {
  const now = options.now ?? (() => new Date());
  const { db } = await openBook(path);
  try {
    const origin = readOrigin(db, path);
    if (!origin) throw notACopy(path);
    const steps = offlineSteps(db, Math.max(origin.baseBatch, origin.pushedBatch));
    const fileSteps = fileStepStates(db, origin.baseBatch);
    const settings = { file: fileBookSettings(db), base: settingsBase(db) };
    // Given on standard input, else PGPASSWORD (node-postgres reads it), else the one pull kept, else ~/.pgpass.
    const password = options.password ?? (process.env.PGPASSWORD ? null : savedPassword(origin.url));
    const url = withPassword(origin.url, password);
    const where = parsePgBook(url).display;
    if (!steps.length && pushedStepsUnmoved(db, origin, fileSteps) && !settingsChanged(settings.file, settings.base)) return { where, lines: [], steps: 0, changes: 0, conflicts: 0, lastStep: origin.pushedBatch, idMap: origin.idMap, wrote: false };
    // A dry run writes nothing: not even the upgrade every other command makes when it opens an older book.
    const opened = await openPgBook(url, { max: 1, readonly: Boolean(options.dryRun) });
    try {
      if (options.dryRun) assertCurrentEnough(opened, { version: PG_LATEST_VERSION, teamSteps: PG_TEAM_STEPS.length }, 'a dry run of push');
      const result = await sendOfflineSteps(opened.pool, opened.book.schema, origin, steps, {
        user: options.user, now, dryRun: Boolean(options.dryRun), offlineParty: filePartyNames(db), fileSteps, settings,
      });
      if (!options.dryRun) {
        notePushed(db, result.lastStep, result.idMap, doneUpTo(result.lastStep, fileSteps));
        // A setting listed as a conflict is not listed again: the file's value is the base from now on.
        noteSettingsBase(db, settings.file);
      }
      if (result.wrote) {
        // The book's servers reload their windows: a push may change anything.
        await announce(opened.pool, opened.book.schema, {
          stream: '', seq: 0, changed: [], deleted: [], reload: true, savedAt: now().toISOString(), label: `Push of ${result.steps} offline steps`,
          undoLabel: null, redoLabel: null, parties: true, scenarios: true, by: options.user,
        });
      }
      return { where, ...result };
    } finally {
      await opened.pool.end().catch(() => {});
    }
  } finally {
    db.close();
  }
}

/** The origin's URL (kept without a password) with the one given on standard input, if any. */
export function withPassword(url: string, password: string | null): string {
  if (!password) return url;
  const u = new URL(url);
  u.password = password;
  return u.toString();
}

function notACopy(path: string): AppFailure {
  return new AppFailure({
    code: 'invalid_payload',
    message: `${path} is not an offline copy of a team book: it remembers no team book to push to (make one with dealbook pull --book URL --out FILE, or create a team book from it with dealbook push --book FILE --to URL)`,
  });
}

export type { Origin };
