import type { DealRow } from '../../shared/model/deal';
import type { Change } from '../../shared/protocol/contract';
import type { Db } from '../db/connection';

/**
 * The book's rows with derived values, kept in step with this service's own writes so that opening the grid or
 * exporting does not re-read 100k rows from SQLite each time. Another process writing the book bumps SQLite's
 * `data_version` on this connection (own commits leave it as it is): `onExternal` is told once per change, whoever
 * notices it first (a read, a write, the watch), and brings the rows up to date (`apply` or `reloadDiff`); without
 * it they are read again.
 */
export function createRowCache(db: Db, load: () => DealRow[], onExternal?: () => void) {
  const dataVersion = db.prepare('PRAGMA data_version').pluck();
  let rows: Map<number, DealRow> | null = null;
  let version = dataVersion.get() as number;
  let sorted = true;
  let maxId = 0;
  // The list handed out, the same frozen array until the rows change (the loopback server keeps its JSON).
  let list: readonly DealRow[] | null = null;

  function loadRows(): Map<number, DealRow> {
    const loaded = load();
    maxId = loaded.length ? loaded[loaded.length - 1]!.id : 0;
    sorted = true;
    return new Map(loaded.map((r) => [r.id, r]));
  }

  /** Whether another program changed the book since the last look; if so, read it again and say so. */
  function check(): boolean {
    const now = dataVersion.get() as number;
    if (now === version) return false;
    version = now;
    list = null;
    if (onExternal) onExternal();
    else rows = null;
    return true;
  }

  /** Read every row again; the rows before and after (each null when not loaded), to compare. */
  function reloadDiff(): { before: ReadonlyMap<number, DealRow> | null; after: ReadonlyMap<number, DealRow> | null } {
    const before = rows;
    list = null;
    rows = before ? loadRows() : null;
    return { before, after: rows };
  }

  function current(): readonly DealRow[] {
    check();
    if (list) return list;
    if (!rows) rows = loadRows();
    if (!sorted) {
      rows = new Map([...rows.entries()].sort((a, b) => a[0] - b[0]));
      sorted = true;
    }
    list = Object.freeze([...rows.values()]);
    return list;
  }

  /** Apply a committed change of this connection. */
  function apply(change: Pick<Change, 'changed' | 'deleted' | 'reload'>): void {
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

  return { current, apply, drop, check, reloadDiff, cached: (): ReadonlyMap<number, DealRow> | null => rows };
}

export type RowCache = ReturnType<typeof createRowCache>;
