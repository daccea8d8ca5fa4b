import type { Db } from './connection';

/** What one logged edit did; values are JSON text so history keeps exact types. */
export type EditOp =
  | 'update'
  | 'insert'
  | 'delete'
  | 'insert_range'
  | 'party_insert'
  | 'party_delete'
  | 'party_update'
  | 'scenario_insert'
  | 'scenario_update'
  | 'scenario_delete';

export type Edit = {
  id: number;
  batch_id: number;
  op: EditOp;
  deal_id: number | null;
  party_id: number | null;
  field: string | null;
  old_value: string | null;
  new_value: string | null;
};

export type Batch = { id: number; at: string; label: string; state: 'done' | 'undone' | 'dropped' };

/** The edit log: batches are undo steps, edits are what each step changed. */
export function editsRepo(db: Db) {
  const newBatch = db.prepare(`INSERT INTO batches (at, label) VALUES (?, ?)`);
  const dropRedo = db.prepare(`UPDATE batches SET state = 'dropped' WHERE state = 'undone'`);
  const log = db.prepare(
    `INSERT INTO edits (batch_id, op, deal_id, party_id, field, old_value, new_value)
     VALUES (@batch_id, @op, @deal_id, @party_id, @field, @old_value, @new_value)`,
  );
  const lastDone = db.prepare(`SELECT id, at, label, state FROM batches WHERE state = 'done' ORDER BY id DESC LIMIT 1`);
  const firstUndone = db.prepare(`SELECT id, at, label, state FROM batches WHERE state = 'undone' ORDER BY id ASC LIMIT 1`);
  const setState = db.prepare(`UPDATE batches SET state = ? WHERE id = ?`);
  const editsOf = db.prepare(`SELECT * FROM edits WHERE batch_id = ? ORDER BY id`);
  const deleteBatchIfEmpty = db.prepare(
    `DELETE FROM batches WHERE id = ? AND NOT EXISTS (SELECT 1 FROM edits WHERE batch_id = ?)`,
  );
  const history = db.prepare(`SELECT * FROM edits WHERE deal_id = ? ORDER BY id`);
  const lastDoneUpTo = db.prepare(`SELECT max(id) FROM batches WHERE state = 'done' AND id <= ?`).pluck();
  const editsAfter = db.prepare(`SELECT * FROM edits WHERE batch_id > ? ORDER BY batch_id, id LIMIT ?`);

  return {
    /** Start an undo step. */
    begin: (label: string, at: string) => Number(newBatch.run(at, label).lastInsertRowid),
    /** A step that changed something makes the redo stack unreachable (kept, marked dropped). */
    dropRedo: () => void dropRedo.run(),
    log: (batchId: number, e: Partial<Omit<Edit, 'id' | 'batch_id'>> & { op: EditOp }) =>
      void log.run({
        batch_id: batchId,
        deal_id: null,
        party_id: null,
        field: null,
        old_value: null,
        new_value: null,
        ...e,
      }),
    /** Forget a step that changed nothing, so undo never lands on a no-op. */
    discardIfEmpty: (batchId: number) => deleteBatchIfEmpty.run(batchId, batchId).changes > 0,
    lastDone: () => lastDone.get() as Batch | undefined,
    firstUndone: () => firstUndone.get() as Batch | undefined,
    setState: (id: number, state: Batch['state']) => void setState.run(state, id),
    editsOf: (batchId: number) => editsOf.all(batchId) as Edit[],
    historyOf: (dealId: number) => history.all(dealId) as Edit[],
    /** The newest step at or below `id` still done (0 if none): what undo cannot have reached past. */
    lastDoneUpTo: (id: number) => (lastDoneUpTo.get(id) as number | null) ?? 0,
    /** Edits of the steps after `batchId`, oldest first, at most `limit`. */
    editsAfter: (batchId: number, limit: number) => editsAfter.all(batchId, limit) as Edit[],
  };
}

export type EditsRepo = ReturnType<typeof editsRepo>;
