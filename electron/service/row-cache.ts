import type { DealRow } from '../../shared/deal';
import type { Change } from '../../shared/contract';
import type { Db } from '../db/connection';

/**
 * The book's rows with derived values, kept in step with this service's own writes so that opening the grid or
 * exporting does not re-read 100k rows from SQLite each time. Another process writing the book bumps SQLite's
 * `data_version` on this connection, which drops the cache; so does any change too large to patch.
 */
export function createRowCache(db: Db, load: () => DealRow[]) {
  const dataVersion = db.prepare('PRAGMA data_version').pluck();
  let rows: Map<number, DealRow> | null = null;
  let version = -1;
  let sorted = true;
  let maxId = 0;
  // The list handed out, the same frozen array until the rows change (the loopback server keeps its JSON).
  let list: readonly DealRow[] | null = null;

  function current(): readonly DealRow[] {
    const now = dataVersion.get() as number;
    if (list && rows && now === version) return list;
    if (!rows || now !== version) {
      const loaded = load();
      rows = new Map(loaded.map((r) => [r.id, r]));
      maxId = loaded.length ? loaded[loaded.length - 1]!.id : 0;
      version = now;
      sorted = true;
    }
    if (!sorted) {
      rows = new Map([...rows.entries()].sort((a, b) => a[0] - b[0]));
      sorted = true;
    }
    list = Object.freeze([...rows.values()]);
    return list;
  }

  /** Apply a committed change of this connection (own commits leave data_version as it is). */
  function apply(change: Change): void {
    list = null;
    if (!rows) return;
    if (change.reload) {
      rows = null;
      return;
    }
    for (const id of change.deleted) rows.delete(id);
    for (const row of change.changed) {
      // A row coming back under an old id (undo of a delete) lands at the end of the Map: sort on next read.
      if (!rows.has(row.id) && row.id < maxId) sorted = false;
      rows.set(row.id, row);
      maxId = Math.max(maxId, row.id);
    }
  }

  function drop(): void {
    rows = null;
    list = null;
  }

  return { current, apply, drop };
}

export type RowCache = ReturnType<typeof createRowCache>;
