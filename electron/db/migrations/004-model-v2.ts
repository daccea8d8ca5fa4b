import type { Migration } from './index';
import { partyKey } from '../../../shared/model/deal';

// Spec v2. New deal columns get the defaults that keep an older book's meaning (every amount firm, every date
// known to the day); deleted_deals mirrors them so undo of a delete brings them back. Parties get an optional
// parent and a name_key, the spec's one rule for party names (NFC, zero-width characters out, whitespace
// collapsed, case-folded beyond ASCII, which SQLite's NOCASE cannot do), filled in by the step's code.
// Scenarios live in the book; Base is row 1 with the spec's defaults.
export const m004ModelV2 = {
  version: 4,
  name: 'amount basis, date precision, party parents, scenarios',
  sql: `
    ALTER TABLE deals ADD COLUMN announced_precision TEXT NOT NULL DEFAULT 'day'
      CHECK (announced_precision IN ('day','month','quarter','year'));
    ALTER TABLE deals ADD COLUMN amount_basis TEXT NOT NULL DEFAULT 'firm'
      CHECK (amount_basis IN ('firm','up_to','estimate'));
    ALTER TABLE deleted_deals ADD COLUMN announced_precision TEXT NOT NULL DEFAULT 'day';
    ALTER TABLE deleted_deals ADD COLUMN amount_basis TEXT NOT NULL DEFAULT 'firm';
    ALTER TABLE parties ADD COLUMN parent_id INTEGER REFERENCES parties(id) CHECK (parent_id IS NULL OR parent_id <> id);
    ALTER TABLE parties ADD COLUMN name_key TEXT;
    CREATE INDEX parties_by_key ON parties(name_key);
    CREATE INDEX parties_by_parent ON parties(parent_id);
    CREATE TABLE scenarios (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      name TEXT NOT NULL COLLATE NOCASE UNIQUE CHECK (length(trim(name)) BETWEEN 1 AND 80),
      weight_rumored REAL NOT NULL DEFAULT 1 CHECK (weight_rumored BETWEEN 0 AND 1),
      weight_announced REAL NOT NULL DEFAULT 1 CHECK (weight_announced BETWEEN 0 AND 1),
      weight_signed REAL NOT NULL DEFAULT 1 CHECK (weight_signed BETWEEN 0 AND 1),
      weight_closed REAL NOT NULL DEFAULT 1 CHECK (weight_closed BETWEEN 0 AND 1),
      weight_cancelled REAL NOT NULL DEFAULT 0 CHECK (weight_cancelled BETWEEN 0 AND 1),
      up_to_factor REAL NOT NULL DEFAULT 1 CHECK (up_to_factor BETWEEN 0 AND 1),
      credit_drawdown REAL NOT NULL DEFAULT 1 CHECK (credit_drawdown BETWEEN 0 AND 1),
      roll_up INTEGER NOT NULL DEFAULT 0 CHECK (roll_up IN (0, 1))
    );
    INSERT INTO scenarios (id, name) VALUES (1, 'Base');
  `,
  run: (db) => {
    const set = db.prepare('UPDATE parties SET name_key = ? WHERE id = ?');
    for (const p of db.prepare('SELECT id, name FROM parties').all() as { id: number; name: string }[]) set.run(partyKey(p.name), p.id);
  },
} satisfies Migration;
