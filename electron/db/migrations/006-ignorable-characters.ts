import { partyKey } from '../../../shared/model/deal';
import { mergeLookalikeParties } from '../lookalike-parties';
import type { Migration } from './index';

// The party-name rule now drops every Unicode default-ignorable character (shared/model/deal's partyKey), not only
// the zero-width ones step 5 knew: a book of schema 5 may hold "Nour\u061C Capital" (an Arabic letter mark) beside
// "Nour Capital" as two parties. Step 5 again, by the new rule: every name_key recomputed, the new lookalikes
// merged into the oldest as one undo step, and added to the book's report (after step 5's merges, not over them).
// A book older than 5 gets step 5 by the new rule already, so this step finds nothing there: its upgrade stays
// one undo step.
export const m006IgnorableCharacters = {
  version: 6,
  name: 'merge party names that differ by invisible characters',
  sql: '',
  run: (db) => void mergeLookalikeParties(db, partyKey, new Date().toISOString()),
} satisfies Migration;
