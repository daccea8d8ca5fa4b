import type { Migration } from './index';

// AUTOINCREMENT so an id is never reused: undo of a delete brings a deal back under its own id.
export const m001Core = {
  version: 1,
  name: 'parties and deals',
  sql: `
    CREATE TABLE parties (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      name TEXT NOT NULL COLLATE NOCASE UNIQUE CHECK (length(trim(name)) BETWEEN 1 AND 120),
      kind TEXT NOT NULL DEFAULT 'other'
        CHECK (kind IN ('lab','hyperscaler','chipmaker','sovereign','investor','energy','neocloud','other'))
    );
    CREATE TABLE deals (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      announced TEXT NOT NULL,
      from_party_id INTEGER NOT NULL REFERENCES parties(id),
      to_party_id INTEGER NOT NULL REFERENCES parties(id),
      kind TEXT NOT NULL CHECK (kind IN ('investment','purchase','infrastructure')),
      status TEXT NOT NULL DEFAULT 'announced'
        CHECK (status IN ('rumored','announced','signed','closed','cancelled')),
      amount_usd REAL CHECK (amount_usd IS NULL OR amount_usd >= 0),
      cash_usd REAL CHECK (cash_usd IS NULL OR cash_usd >= 0),
      credit_usd REAL CHECK (credit_usd IS NULL OR credit_usd >= 0),
      term_years INTEGER NOT NULL DEFAULT 1 CHECK (term_years BETWEEN 1 AND 50),
      start TEXT,
      capacity_mw REAL CHECK (capacity_mw IS NULL OR capacity_mw >= 0),
      source_url TEXT,
      notes TEXT
    );
    CREATE INDEX deals_by_pair ON deals(from_party_id, to_party_id);
    CREATE INDEX deals_by_to ON deals(to_party_id);
  `,
} satisfies Migration;
