import type { Db } from './connection';
import { CELLS_PER_STEP, DEALS_PER_STEP, type HistoryBatch, type LoggedEdit } from '../../shared/protocol/history';

// A step touched a deal when one of its edits names it, or when it imported a range of ids holding it.
const TOUCHES_DEAL = `EXISTS (SELECT 1 FROM edits e WHERE e.batch_id = b.id AND (e.deal_id = @deal
  OR (e.op = 'insert_range' AND CAST(e.old_value AS INTEGER) <= @deal AND CAST(e.new_value AS INTEGER) >= @deal)))`;

/** The file book's history as the History panel reads it: steps newest first, each with a bounded summary. */
export function historyRepo(db: Db) {
  const page = db.prepare(
    `SELECT b.id, b.at, b.label, b.state FROM batches b
     WHERE b.id < @before AND (@deal IS NULL OR ${TOUCHES_DEAL})
       AND (@ids IS NULL OR (b.id IN (SELECT value FROM json_each(@ids))) = @keep) ORDER BY b.id DESC LIMIT @limit`,
  );
  const firstEdits = db.prepare(`SELECT op, deal_id, party_id, field, old_value, new_value FROM edits WHERE batch_id = ? ORDER BY id LIMIT ${CELLS_PER_STEP}`);
  const counts = db.prepare(`SELECT count(*) AS edits, count(DISTINCT deal_id) AS deals FROM edits WHERE batch_id = ? AND op <> 'insert_range'`);
  const dealsOf = db.prepare(`SELECT DISTINCT deal_id FROM edits WHERE batch_id = ? AND deal_id IS NOT NULL ORDER BY deal_id LIMIT ${DEALS_PER_STEP}`).pluck();
  const ranges = db.prepare(`SELECT CAST(old_value AS INTEGER) AS a, CAST(new_value AS INTEGER) AS b FROM edits WHERE batch_id = ? AND op = 'insert_range'`);
  const rangeCount = db.prepare(`SELECT count(*) FROM edits WHERE batch_id = ? AND op = 'insert_range'`).pluck();
  const partyNames = db.prepare(`SELECT id, name FROM parties`);
  const any = db.prepare(`SELECT 1 FROM batches LIMIT 1`).pluck();

  return {
    /**
     * Steps older than `before`, newest first, at most `limit`; only those touching `deal` when given; only the steps
     * `ids` lists (or, keep false, all but those) when given.
     */
    page: (before: number, limit: number, deal: number | null, user: string, ids: { list: readonly number[]; keep: boolean } | null = null) =>
      (page.all({ before, limit, deal, ids: ids ? JSON.stringify(ids.list) : null, keep: ids?.keep ? 1 : 0 }) as Omit<HistoryBatch, 'user'>[]).map((b) => ({ ...b, user })),
    edits: (batchId: number) => {
      const c = counts.get(batchId) as { edits: number; deals: number };
      return { first: firstEdits.all(batchId) as LoggedEdit[], count: c.edits + (rangeCount.get(batchId) as number), deals: c.deals };
    },
    deals: (batchId: number) => ({ first: dealsOf.all(batchId) as number[], ranges: (ranges.all(batchId) as { a: number; b: number }[]).map((r) => [r.a, r.b] as [number, number]) }),
    partyNames: () => new Map((partyNames.all() as { id: number; name: string }[]).map((p) => [p.id, p.name])),
    hasSteps: () => any.get() !== undefined,
  };
}
