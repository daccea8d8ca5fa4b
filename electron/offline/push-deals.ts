import { STORED_COLUMNS, type StoredColumn, type StoredDeal } from '../db/deals-repo';
import type { OfflineEdit } from './offline-steps';
import {
  APPLIED, conflict, FIELD_NAME, mapId, NOTHING, PARTY_COLUMNS, parse, remember, same, serverParty, shownOffline, shownServer, SINCE, who,
  type ChangeOutcome, type StepContext,
} from './push-context';

/** The newest step of someone else since the pull that changed a deal's cell (any cell when column is null). */
async function dealChangedSince(c: StepContext, dealId: number, column: string | null): Promise<{ user_name: string; field: string | null } | undefined> {
  return (await c.q<{ user_name: string; field: string | null }>(
    `SELECT b.user_name, e.field FROM edits e JOIN batches b ON b.id = e.batch_id
     WHERE e.deal_id = $1 AND ${SINCE} AND ($5::text IS NULL OR e.field = $5 OR e.field IS NULL)
     ORDER BY b.id DESC, e.id DESC LIMIT 1`,
    [dealId, c.base.pulledBatch, c.base.pulledMove, c.base.ours, column],
  ))[0];
}

export async function updateCell(c: StepContext, e: OfflineEdit): Promise<ChangeOutcome> {
  const column = e.field as StoredColumn;
  const field = FIELD_NAME[column] ?? column;
  const fileId = e.deal_id!;
  const id = mapId(c, 'deals', fileId);
  let was = parse(e.old_value);
  let next = parse(e.new_value);
  if (id === null) return conflict(`deal ${fileId} ${field}: offline ${shownOffline(c, column, next)}, server none (the deal was added offline and its addition was not applied)`);
  if (PARTY_COLUMNS.has(column)) {
    const mappedNext = serverParty(c, next);
    if (mappedNext === undefined) return conflict(`deal ${id} ${field}: offline ${shownOffline(c, column, next)}, server none (the party was added offline and not applied)`);
    was = serverParty(c, was) ?? (was === null ? null : -1);
    next = mappedNext;
  }
  const current = await c.repos.deals.getStored(id);
  if (!current) {
    const gone = await dealChangedSince(c, id, null);
    return conflict(`deal ${id} ${field}: offline ${shownOffline(c, column, parse(e.new_value))}, server deleted (${who(gone?.user_name)})`);
  }
  const now = current[column];
  if (same(now, next)) return NOTHING;
  const since = await dealChangedSince(c, id, column);
  if (since || !same(now, was)) {
    return conflict(`deal ${id} ${field}: offline ${shownOffline(c, column, parse(e.new_value))}, server ${await shownServer(c, column, now)} (${who(since?.user_name)})`);
  }
  if (PARTY_COLUMNS.has(column) && !(await c.repos.parties.get(Number(next)))) {
    return conflict(`deal ${id} ${field}: offline ${shownOffline(c, column, parse(e.new_value))}, server none (the party was deleted on the server)`);
  }
  await c.repos.deals.setField(id, column, next);
  await c.log({ op: 'update', deal_id: id, field: column, old_value: JSON.stringify(now), new_value: JSON.stringify(next) });
  return APPLIED;
}

/** Deals added offline get the team book's next ids; an import's range stays one range edit when its ids do. */
export async function insertDeals(c: StepContext, rows: StoredDeal[], range: boolean): Promise<ChangeOutcome> {
  const ready: { fileId: number; row: Omit<StoredDeal, 'id'> }[] = [];
  const conflicts: string[] = [];
  for (const { id: fileId, ...row } of rows) {
    const from = serverParty(c, row.from_party_id);
    const to = serverParty(c, row.to_party_id);
    if (from == null || to == null || !(await c.repos.parties.get(from)) || !(await c.repos.parties.get(to))) {
      conflicts.push(`conflict: deal ${fileId} (added offline): offline added, server none (a party of it is not in the team book)`);
      continue;
    }
    ready.push({ fileId, row: { ...row, from_party_id: from, to_party_id: to } });
  }
  const ids: number[] = [];
  for (let i = 0; i < ready.length; i += 1000) ids.push(...(await c.repos.deals.insertMany(ready.slice(i, i + 1000).map((r) => r.row))));
  ready.forEach((r, i) => remember(c, 'deals', r.fileId, ids[i]!));
  const consecutive = ids.every((id, i) => i === 0 || id === ids[i - 1]! + 1);
  if (range && ids.length > 1 && consecutive) {
    await c.log({ op: 'insert_range', old_value: String(ids[0]), new_value: String(ids[ids.length - 1]) });
  } else {
    for (const [i, r] of ready.entries()) await c.log({ op: 'insert', deal_id: ids[i]!, new_value: JSON.stringify({ id: ids[i]!, ...r.row }) });
  }
  return { applied: ready.length, conflicts };
}

export async function deleteDeal(c: StepContext, e: OfflineEdit): Promise<ChangeOutcome> {
  const fileId = e.deal_id!;
  const id = mapId(c, 'deals', fileId);
  if (id === null) return NOTHING;
  const current = await c.repos.deals.getStored(id);
  if (!current) return NOTHING; // deleted on the server too: what the analyst wanted
  const { version: _v, ...row } = current;
  const was = parse(e.old_value) as StoredDeal;
  const since = await dealChangedSince(c, id, null);
  const differs = STORED_COLUMNS.find((col) => !same(row[col], PARTY_COLUMNS.has(col) ? serverParty(c, was[col]) : was[col]));
  if (since || differs) {
    const field = since?.field ?? differs ?? null;
    return conflict(`deal ${id}: offline deleted, server changed${field ? ` ${FIELD_NAME[field] ?? field}` : ''} (${who(since?.user_name)})`);
  }
  await c.log({ op: 'delete', deal_id: id, old_value: JSON.stringify(row) });
  await c.repos.deals.trash(id);
  return APPLIED;
}
