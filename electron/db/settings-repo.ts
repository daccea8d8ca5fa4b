import type { Db } from './connection';

/** Per-book UI settings: a small key/value table outside the undo history. */
export function settingsRepo(db: Db) {
  const get = db.prepare(`SELECT value FROM settings WHERE key = ?`);
  const set = db.prepare(`INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value`);
  return {
    get: (key: string) => (get.get(key) as { value: string } | undefined)?.value ?? null,
    set: (key: string, value: string) => void set.run(key, value),
  };
}
