import type { PartyKind } from '../../shared/model/deal';
import { STORED_COLUMNS, type StoredColumn, type StoredDeal } from '../db/deals-repo';
import type { StoredParty } from '../db/parties-repo';
import type { StoredScenario } from '../db/scenarios-repo';
import type { EditEntry, PgRepos, Query } from '../pg/pg-repos';
import { formatForMessage } from '../pg/pg-format';
import type { IdLimits, IdMap } from './origin';
import type { OfflineEdit } from './offline-steps';

/** What the no-lost-update rule compares against: the team book at the pull, and the steps this copy sent. */
export type PushBase = { pulledBatch: number; pulledMove: number; ours: number[]; limits: IdLimits };

/** One offline step being applied: its server step (made with its first change) and what it added. */
export type StepContext = {
  q: Query;
  repos: PgRepos;
  base: PushBase;
  idMap: IdMap;
  stepMap: IdMap;
  /** The server step's batch, made with the step's first applied change. */
  log: (entry: EditEntry) => Promise<void>;
  offlineParty: (id: number) => string | null;
};

/** What one offline change came to: applied, listed as a conflict, or nothing to do. */
export type ChangeOutcome = { applied: number; conflicts: string[] };

const APPLIED: ChangeOutcome = { applied: 1, conflicts: [] };
const NOTHING: ChangeOutcome = { applied: 0, conflicts: [] };
const conflict = (line: string): ChangeOutcome => ({ applied: 0, conflicts: [`conflict: ${line}`] });

const PARTY_COLUMNS = new Set(['from_party_id', 'to_party_id']);
const FIELD_NAME: Record<string, string> = { from_party_id: 'from_party', to_party_id: 'to_party' };
const SCENARIO_FIELDS = ['name', 'weight_rumored', 'weight_announced', 'weight_signed', 'weight_closed', 'weight_cancelled', 'up_to_factor', 'credit_drawdown', 'roll_up'] as const;

const parse = (text: string | null): unknown => JSON.parse(text ?? 'null');
const same = (a: unknown, b: unknown) => Object.is(a, b) || (a == null && b == null) || (typeof a === 'number' && a === b);
const who = (user: string | undefined) => `changed by ${user || 'unknown'}`;

/** Steps of others since the pull: made after it, or undone or redone after it; never this copy's own. */
const SINCE = `(b.id > $2 OR coalesce(b.moved, 0) > $3) AND NOT (b.id = ANY($4::int[]))`;

/** The newest step of someone else since the pull that changed a deal's cell (any cell when column is null). */
async function dealChangedSince(c: StepContext, dealId: number, column: string | null): Promise<{ user_name: string; field: string | null } | undefined> {
  return (await c.q<{ user_name: string; field: string | null }>(
    `SELECT b.user_name, e.field FROM edits e JOIN batches b ON b.id = e.batch_id
     WHERE e.deal_id = $1 AND ${SINCE} AND ($5::text IS NULL OR e.field = $5 OR e.field IS NULL)
     ORDER BY b.id DESC, e.id DESC LIMIT 1`,
    [dealId, c.base.pulledBatch, c.base.pulledMove, c.base.ours, column],
  ))[0];
}

/** The ids the team book knows: a pulled one as it is, one added offline by its map (null: its addition was not sent). */
function mapId(c: StepContext, kind: keyof IdMap, id: number): number | null {
  const mapped = c.idMap[kind][String(id)];
  if (mapped !== undefined) return mapped;
  return id <= c.base.limits[kind] ? id : null;
}

function remember(c: StepContext, kind: keyof IdMap, fileId: number, serverId: number): void {
  c.idMap[kind][String(fileId)] = serverId;
  c.stepMap[kind][String(fileId)] = serverId;
}

/** A party column's value on the team book (null stays null; a party added offline and not sent: undefined). */
function serverParty(c: StepContext, value: unknown): number | null | undefined {
  if (value === null || value === undefined) return null;
  return mapId(c, 'parties', Number(value)) ?? undefined;
}

async function shownServer(c: StepContext, column: string, value: unknown): Promise<string> {
  if (!PARTY_COLUMNS.has(column) || value === null) return formatForMessage(value);
  return formatForMessage((await c.repos.parties.get(Number(value)))?.name ?? `party ${String(value)}`);
}

function shownOffline(c: StepContext, column: string, value: unknown): string {
  if (!PARTY_COLUMNS.has(column) || value === null) return formatForMessage(value);
  return formatForMessage(c.offlineParty(Number(value)) ?? `party ${String(value)}`);
}

/** Apply one offline change to the team book by the no-lost-update rule, or say why not. */
export async function applyChange(c: StepContext, e: OfflineEdit): Promise<ChangeOutcome> {
  switch (e.op) {
    case 'update':
      return updateCell(c, e);
    case 'insert':
      return insertDeals(c, [{ ...(parse(e.new_value) as StoredDeal) }], false);
    case 'insert_range':
      return insertDeals(c, e.rows ?? [], true);
    case 'delete':
      return deleteDeal(c, e);
    case 'party_insert':
      return insertParty(c, parse(e.new_value) as StoredParty);
    case 'party_delete':
      return deleteParty(c, parse(e.old_value) as StoredParty);
    case 'party_update':
      return updateParty(c, e);
    case 'scenario_insert':
      return insertScenario(c, parse(e.new_value) as StoredScenario);
    case 'scenario_update':
      return updateScenario(c, parse(e.old_value) as StoredScenario, parse(e.new_value) as StoredScenario);
    case 'scenario_delete':
      return deleteScenario(c, parse(e.old_value) as StoredScenario);
  }
}

async function updateCell(c: StepContext, e: OfflineEdit): Promise<ChangeOutcome> {
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
async function insertDeals(c: StepContext, rows: StoredDeal[], range: boolean): Promise<ChangeOutcome> {
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

async function deleteDeal(c: StepContext, e: OfflineEdit): Promise<ChangeOutcome> {
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

/** A party named offline: the team book's party of that name (by the book's name rule), else a new one. */
async function insertParty(c: StepContext, p: StoredParty): Promise<ChangeOutcome> {
  const { id, created } = await c.repos.parties.insertOrFind(p.name, p.kind);
  remember(c, 'parties', p.id, id);
  if (!created) return NOTHING;
  await c.log({ op: 'party_insert', party_id: id, new_value: JSON.stringify({ id, name: p.name.trim(), kind: p.kind }) });
  return APPLIED;
}

async function deleteParty(c: StepContext, p: StoredParty): Promise<ChangeOutcome> {
  const id = mapId(c, 'parties', p.id);
  const current = id === null ? undefined : await c.repos.parties.get(id);
  if (!current || id === null) return NOTHING;
  const used = await c.repos.parties.usedBy(id);
  if (used) {
    const by = used.deal_id !== null ? `deal ${used.deal_id}` : `party "${used.child}" (its parent)`;
    return conflict(`party ${formatForMessage(current.name)}: offline deleted, server still used by ${by}`);
  }
  await c.repos.parties.remove(id);
  await c.log({ op: 'party_delete', party_id: id, old_value: JSON.stringify(current) });
  return APPLIED;
}

async function updateParty(c: StepContext, e: OfflineEdit): Promise<ChangeOutcome> {
  const field = e.field as 'name' | 'kind' | 'parent_id';
  const id = mapId(c, 'parties', e.party_id!);
  let was = parse(e.old_value);
  let next = parse(e.new_value);
  const offlineShown = field === 'parent_id' ? formatForMessage(next === null ? null : c.offlineParty(Number(next))) : formatForMessage(next);
  const current = id === null ? undefined : await c.repos.parties.get(id);
  const label = `party ${formatForMessage(current?.name ?? c.offlineParty(e.party_id!) ?? e.party_id)} ${field === 'parent_id' ? 'parent' : field}`;
  if (!current || id === null) return conflict(`${label}: offline ${offlineShown}, server deleted`);
  if (field === 'parent_id') {
    const mapped = serverParty(c, next);
    if (mapped === undefined) return conflict(`${label}: offline ${offlineShown}, server none (the parent was added offline and not applied)`);
    next = mapped;
    was = serverParty(c, was) ?? (was === null ? null : -1);
  }
  const now = field === 'parent_id' ? (current.parent_id ?? null) : current[field];
  if (same(now, next)) return NOTHING;
  const since = (await c.q<{ user_name: string }>(
    `SELECT b.user_name FROM edits e JOIN batches b ON b.id = e.batch_id
     WHERE e.party_id = $1 AND ${SINCE} AND (e.field = $5 OR e.field IS NULL) ORDER BY b.id DESC, e.id DESC LIMIT 1`,
    [id, c.base.pulledBatch, c.base.pulledMove, c.base.ours, field],
  ))[0];
  const serverShown = async () => (field === 'parent_id' ? formatForMessage(now === null ? null : (await c.repos.parties.get(Number(now)))?.name) : formatForMessage(now));
  if (since || !same(now, was)) return conflict(`${label}: offline ${offlineShown}, server ${await serverShown()} (${who(since?.user_name)})`);
  if (field === 'name') {
    const holder = await c.repos.parties.findByName(String(next));
    if (holder && holder.id !== id) return conflict(`${label}: offline ${offlineShown}, server ${formatForMessage(holder.name)} is another party's name`);
    await c.repos.parties.rename(id, String(next));
  } else if (field === 'kind') {
    await c.repos.parties.setKind(id, next as PartyKind);
  } else {
    if (next !== null && (await wouldLoop(c, id, Number(next)))) return conflict(`${label}: offline ${offlineShown}, server would make a parent loop`);
    await c.repos.parties.setParent(id, next as number | null);
  }
  await c.log({ op: 'party_update', party_id: id, field, old_value: JSON.stringify(now), new_value: JSON.stringify(next) });
  return APPLIED;
}

async function wouldLoop(c: StepContext, id: number, parent: number): Promise<boolean> {
  const seen = new Set<number>();
  for (let at: number | null = parent; at !== null && !seen.has(at); at = (await c.repos.parties.get(at))?.parent_id ?? null) {
    if (at === id) return true;
    seen.add(at);
  }
  return false;
}

/** Scenario edits since the pull of someone else, newest first (their rows are JSON in the edit). */
async function scenarioChanges(c: StepContext, id: number) {
  return c.q<{ user_name: string; op: string; old_value: string | null; new_value: string | null }>(
    `SELECT b.user_name, e.op, e.old_value, e.new_value FROM edits e JOIN batches b ON b.id = e.batch_id
     WHERE e.op IN ('scenario_insert', 'scenario_update', 'scenario_delete') AND (coalesce(e.new_value, e.old_value)::json->>'id')::int = $1
       AND ${SINCE} ORDER BY b.id DESC, e.id DESC`,
    [id, c.base.pulledBatch, c.base.pulledMove, c.base.ours],
  );
}

const scenarioRow = async (c: StepContext, id: number) => (await c.q<StoredScenario>(`SELECT * FROM scenarios WHERE id = $1`, [id]))[0];

async function insertScenario(c: StepContext, s: StoredScenario): Promise<ChangeOutcome> {
  const existing = await c.repos.scenarios.findByName(s.name);
  if (existing) {
    const since = (await scenarioChanges(c, existing.id))[0];
    return conflict(`scenario ${formatForMessage(s.name)}: offline added, server has a scenario of that name (${who(since?.user_name)})`);
  }
  const id = await c.repos.scenarios.insert(s);
  remember(c, 'scenarios', s.id, id);
  await c.log({ op: 'scenario_insert', new_value: JSON.stringify({ ...s, id }) });
  return APPLIED;
}

/** Field by field: a parameter changed on the server since is listed; the others are applied. */
async function updateScenario(c: StepContext, before: StoredScenario, after: StoredScenario): Promise<ChangeOutcome> {
  const id = mapId(c, 'scenarios', before.id);
  const current = id === null ? undefined : await scenarioRow(c, id);
  const name = formatForMessage(current?.name ?? before.name);
  const changed = SCENARIO_FIELDS.filter((f) => !same(before[f], after[f]));
  if (!current || id === null) return { applied: 0, conflicts: changed.map((f) => `conflict: scenario ${name} ${f}: offline ${formatForMessage(after[f])}, server deleted`) };
  const history = await scenarioChanges(c, id);
  const next: StoredScenario = { ...current };
  const conflicts: string[] = [];
  let applied = 0;
  for (const f of changed) {
    if (same(current[f], after[f])) continue;
    const since = history.find((h) => {
      const o = parse(h.old_value) as Partial<StoredScenario> | null;
      const n = parse(h.new_value) as Partial<StoredScenario> | null;
      return !o || !n || !same(o[f], n[f]);
    });
    if (since || !same(current[f], before[f])) {
      conflicts.push(`conflict: scenario ${name} ${f}: offline ${formatForMessage(after[f])}, server ${formatForMessage(current[f])} (${who(since?.user_name)})`);
      continue;
    }
    (next as Record<string, unknown>)[f] = after[f];
    applied++;
  }
  if (next.name !== current.name) {
    const holder = await c.repos.scenarios.findByName(next.name);
    if (holder && holder.id !== id) {
      conflicts.push(`conflict: scenario ${name} name: offline ${formatForMessage(next.name)}, server ${formatForMessage(holder.name)} is another scenario's name`);
      next.name = current.name;
      applied--;
    }
  }
  if (!applied) return { applied: 0, conflicts };
  await c.repos.scenarios.update(next);
  await c.log({ op: 'scenario_update', old_value: JSON.stringify(current), new_value: JSON.stringify(next) });
  return { applied, conflicts };
}

async function deleteScenario(c: StepContext, before: StoredScenario): Promise<ChangeOutcome> {
  const id = mapId(c, 'scenarios', before.id);
  const current = id === null ? undefined : await scenarioRow(c, id);
  if (!current || id === null) return NOTHING;
  const since = (await scenarioChanges(c, id))[0];
  const differs = SCENARIO_FIELDS.find((f) => !same(current[f], before[f]));
  if (since || differs) return conflict(`scenario ${formatForMessage(current.name)}: offline deleted, server changed${differs ? ` ${differs}` : ''} (${who(since?.user_name)})`);
  await c.repos.scenarios.remove(id);
  await c.log({ op: 'scenario_delete', old_value: JSON.stringify(current) });
  return APPLIED;
}
