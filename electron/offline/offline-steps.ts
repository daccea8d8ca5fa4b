import type { Db } from '../db/connection';
import { STORED_COLUMNS, type StoredDeal } from '../db/deals-repo';
import type { Edit } from '../db/edits-repo';

/** An edit of an offline step; an import's range carries its deals as they were when it was made. */
export type OfflineEdit = Edit & { rows?: StoredDeal[] };

/** A step made in the file since the pull (or the last push), still done: what a push sends. */
export type OfflineStep = { id: number; at: string; label: string; edits: OfflineEdit[] };

const COLUMNS = ['id', ...STORED_COLUMNS].join(', ');

/** The file's steps after `after` that are done (an undone one is not sent), oldest first, with their edits. */
export function offlineSteps(db: Db, after: number): OfflineStep[] {
  const batches = db.prepare(`SELECT id, at, label FROM batches WHERE id > ? AND state = 'done' ORDER BY id`).all(after) as Omit<OfflineStep, 'edits'>[];
  const editsOf = db.prepare(`SELECT * FROM edits WHERE batch_id = ? ORDER BY id`);
  return batches.map((b) => ({
    ...b,
    edits: (editsOf.all(b.id) as Edit[]).map((e) => (e.op === 'insert_range' ? { ...e, rows: rangeAsOf(db, Number(e.old_value), Number(e.new_value), b.id) } : e)),
  }));
}

/** Every step the file made after `after` (the pull), done or not (undone, or undone and then dropped). */
export function fileStepStates(db: Db, after: number): Map<number, { done: boolean; label: string }> {
  const rows = db.prepare(`SELECT id, label, state FROM batches WHERE id > ? ORDER BY id`).all(after) as { id: number; label: string; state: string }[];
  return new Map(rows.map((r) => [r.id, { done: r.state === 'done', label: r.label }]));
}

/**
 * An import's deals as it made them: each deal as the file holds it now (or in its trash), with the later steps'
 * changes of it taken back, newest first. An import's deals are one range edit: their values are in the book only.
 */
function rangeAsOf(db: Db, first: number, last: number, batchId: number): StoredDeal[] {
  const live = db.prepare(`SELECT ${COLUMNS} FROM deals WHERE id BETWEEN ? AND ?`).all(first, last) as StoredDeal[];
  const trashed = db.prepare(`SELECT ${COLUMNS} FROM deleted_deals WHERE id BETWEEN ? AND ?`).all(first, last) as StoredDeal[];
  const byId = new Map<number, StoredDeal>();
  for (const row of [...trashed, ...live]) byId.set(row.id, { ...row });
  const later = db.prepare(
    `SELECT e.deal_id, e.field, e.old_value FROM edits e JOIN batches b ON b.id = e.batch_id
     WHERE e.op = 'update' AND e.deal_id BETWEEN ? AND ? AND b.id > ? AND b.state = 'done' ORDER BY e.id DESC`,
  ).all(first, last, batchId) as { deal_id: number; field: string; old_value: string | null }[];
  for (const e of later) {
    const row = byId.get(e.deal_id);
    if (row) (row as Record<string, unknown>)[e.field] = JSON.parse(e.old_value ?? 'null');
  }
  return [...byId.values()].sort((a, b) => a.id - b.id);
}

/** A party's name in the file, for the lines a push prints. */
export function filePartyNames(db: Db): (id: number) => string | null {
  const get = db.prepare(`SELECT name FROM parties WHERE id = ?`).pluck();
  return (id) => (get.get(id) as string | undefined) ?? null;
}
