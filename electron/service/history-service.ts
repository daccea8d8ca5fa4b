import { AppFailure } from '../../shared/protocol/result';
import { FILE_BOOK_USER, HISTORY_PAGE, historyStep, type HistoryInput, type HistoryPage } from '../../shared/protocol/history';
import type { Me } from '../../shared/protocol/team-users';
import type { Db } from '../db/connection';
import { historyRepo } from '../db/history-repo';
import { PULLED_STEPS_KEY } from '../offline/origin';

/**
 * The file book's history: every step is its one analyst's (`you`: a book file records no user), newest first, but
 * for an offline copy's steps copied from its team book, which are shown as whoever made them there (and filtered
 * so). Read in one read transaction, so a page is one consistent moment of the book.
 */
export function fileHistory(db: Db) {
  const repo = historyRepo(db);
  const pulledSetting = (() => {
    try {
      return db.prepare(`SELECT value FROM settings WHERE key = ?`).pluck();
    } catch {
      return null; // a book opened read-only from before settings (schema 3)
    }
  })();
  const read = db.transaction((input: HistoryInput): HistoryPage => {
    const pulled = pulledSteps(pulledSetting?.get(PULLED_STEPS_KEY) as string | undefined);
    const users = repo.hasSteps() ? [...new Set([FILE_BOOK_USER, ...[...pulled.values()].map((p) => p.user)])].sort() : [];
    // By user: the analyst's own steps are those not copied from a team book; another user's, those copied as theirs.
    const theirs = [...pulled].filter(([, p]) => p.user === input.user).map(([id]) => id);
    if (input.user !== undefined && input.user !== FILE_BOOK_USER && !theirs.length) return { steps: [], more: false, users };
    const only = input.user === undefined ? null : input.user === FILE_BOOK_USER ? (pulled.size ? { list: [...pulled.keys()], keep: false } : null) : { list: theirs, keep: true };
    const limit = input.limit ?? HISTORY_PAGE;
    const batches = repo.page(input.before ?? Number.MAX_SAFE_INTEGER, limit + 1, input.deal ?? null, FILE_BOOK_USER, only);
    const names = repo.partyNames();
    const steps = batches.slice(0, limit).map((stored) => {
      // A step copied from a team book (an offline copy): who made it there, and its state there.
      const b = pulled.has(stored.id) ? { ...stored, ...pulled.get(stored.id)! } : stored;
      const edits = repo.edits(b.id);
      const deals = repo.deals(b.id);
      return historyStep(b, { first: edits.first, count: edits.count }, { first: deals.first, count: edits.deals, ranges: deals.ranges }, (id) => names.get(id) ?? null);
    });
    return { steps, more: batches.length > limit, users };
  });
  return (input: HistoryInput) => read(input);
}

/** An offline copy's steps from its team book (electron/offline/pull.ts): id to who made it and its state there. */
function pulledSteps(text: string | undefined): Map<number, { user: string; state: 'done' | 'undone' | 'dropped' }> {
  if (!text) return new Map();
  try {
    return new Map((JSON.parse(text) as [number, string, 'done' | 'undone' | 'dropped'][]).map(([id, user, state]) => [id, { user, state }]));
  } catch {
    return new Map();
  }
}

/** A file book has one analyst, who may do everything. */
export const FILE_BOOK_ME: Me = { user: FILE_BOOK_USER, role: 'owner', team: false };

export function noUsersInFile(): never {
  throw new AppFailure({ code: 'not_found', message: 'A book file has no users: users belong to team books (dealbook user add --book postgres://...)' });
}
