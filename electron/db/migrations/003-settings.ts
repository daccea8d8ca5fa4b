import type { Migration } from './index';

// Per-book UI state (column layout, filters) lives with the book, outside the undo history.
export const m003Settings = {
  version: 3,
  name: 'book settings',
  sql: `
    CREATE TABLE settings (
      key TEXT PRIMARY KEY,
      value TEXT NOT NULL
    );
    CREATE INDEX deals_by_announced ON deals(announced);
  `,
} satisfies Migration;
