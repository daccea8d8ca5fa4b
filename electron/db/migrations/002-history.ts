import type { Migration } from './index';

// A batch is one undo step; its edits replay backwards on undo and forwards on redo.
// Deleted deals move to deleted_deals rather than vanishing, so nothing is ever lost.
export const m002History = {
  version: 2,
  name: 'edit history and undo',
  sql: `
    CREATE TABLE batches (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      at TEXT NOT NULL,
      label TEXT NOT NULL,
      state TEXT NOT NULL DEFAULT 'done' CHECK (state IN ('done','undone','dropped'))
    );
    CREATE INDEX batches_by_state ON batches(state, id);
    CREATE TABLE edits (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      batch_id INTEGER NOT NULL REFERENCES batches(id),
      op TEXT NOT NULL,
      deal_id INTEGER,
      party_id INTEGER,
      field TEXT,
      old_value TEXT,
      new_value TEXT
    );
    CREATE INDEX edits_by_batch ON edits(batch_id, id);
    CREATE TABLE deleted_deals (
      id INTEGER PRIMARY KEY,
      announced TEXT NOT NULL,
      from_party_id INTEGER NOT NULL,
      to_party_id INTEGER NOT NULL,
      kind TEXT NOT NULL,
      status TEXT NOT NULL,
      amount_usd REAL,
      cash_usd REAL,
      credit_usd REAL,
      term_years INTEGER NOT NULL,
      start TEXT,
      capacity_mw REAL,
      source_url TEXT,
      notes TEXT
    );
  `,
} satisfies Migration;
