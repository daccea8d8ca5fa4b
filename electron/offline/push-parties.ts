import type { PartyKind } from '../../shared/model/deal';
import type { StoredParty } from '../db/parties-repo';
import type { StoredScenario } from '../db/scenarios-repo';
import { formatForMessage } from '../pg/pg-format';
import type { OfflineEdit } from './offline-steps';
import {
  APPLIED, conflict, mapId, NOTHING, parse, remember, same, SCENARIO_FIELDS, serverParty, SINCE, who, type ChangeOutcome, type StepContext,
} from './push-context';

/** A party named offline: the team book's party of that name (by the book's name rule), else a new one. */
export async function insertParty(c: StepContext, p: StoredParty): Promise<ChangeOutcome> {
  const { id, created } = await c.repos.parties.insertOrFind(p.name, p.kind);
  remember(c, 'parties', p.id, id);
  if (!created) return NOTHING;
  await c.log({ op: 'party_insert', party_id: id, new_value: JSON.stringify({ id, name: p.name.trim(), kind: p.kind }) });
  return APPLIED;
}

export async function deleteParty(c: StepContext, p: StoredParty): Promise<ChangeOutcome> {
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

export async function updateParty(c: StepContext, e: OfflineEdit): Promise<ChangeOutcome> {
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

export async function insertScenario(c: StepContext, s: StoredScenario): Promise<ChangeOutcome> {
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
export async function updateScenario(c: StepContext, before: StoredScenario, after: StoredScenario): Promise<ChangeOutcome> {
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

export async function deleteScenario(c: StepContext, before: StoredScenario): Promise<ChangeOutcome> {
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
