import { AppFailure } from '../../shared/protocol/result';
import { FILE_BOOK_USER, HISTORY_PAGE, historyStep, type HistoryInput, type HistoryPage } from '../../shared/protocol/history';
import type { Me } from '../../shared/protocol/team-users';
import type { Db } from '../db/connection';
import { historyRepo } from '../db/history-repo';

/**
 * The file book's history: every step is its one analyst's (`you`: a book file records no user), newest first.
 * Read in one read transaction, so a page is one consistent moment of the book.
 */
export function fileHistory(db: Db) {
  const repo = historyRepo(db);
  const read = db.transaction((input: HistoryInput): HistoryPage => {
    const users = repo.hasSteps() ? [FILE_BOOK_USER] : [];
    if (input.user !== undefined && input.user !== FILE_BOOK_USER) return { steps: [], more: false, users };
    const limit = input.limit ?? HISTORY_PAGE;
    const batches = repo.page(input.before ?? Number.MAX_SAFE_INTEGER, limit + 1, input.deal ?? null, FILE_BOOK_USER);
    const names = repo.partyNames();
    const steps = batches.slice(0, limit).map((b) => {
      const edits = repo.edits(b.id);
      const deals = repo.deals(b.id);
      return historyStep(b, { first: edits.first, count: edits.count }, { first: deals.first, count: edits.deals, ranges: deals.ranges }, (id) => names.get(id) ?? null);
    });
    return { steps, more: batches.length > limit, users };
  });
  return (input: HistoryInput) => read(input);
}

/** A file book has one analyst, who may do everything. */
export const FILE_BOOK_ME: Me = { user: FILE_BOOK_USER, role: 'owner', team: false };

export function noUsersInFile(): never {
  throw new AppFailure({ code: 'not_found', message: 'A book file has no users: users belong to team books (dealbook user add --book postgres://...)' });
}
