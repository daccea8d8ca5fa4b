import type { Deal, DealRow, DealValues, PartyKind } from '../../shared/model/deal';
import { deriveRows } from '../../shared/analytics/metrics';
import type { RowsChange } from '../service/refresh';
import { AppFailure } from '../../shared/protocol/result';
import { STORED_COLUMNS, toStored, type StoredDeal } from '../db/deals-repo';
import { touchPair, type Touched } from '../service/writer';
import type { EditEntry, PgRepos, StepBatch } from './pg-repos';
import { toStoredScenario, type StoredScenario } from '../db/scenarios-repo';
import type { Scenario } from '../../shared/model/scenario';

/**
 * Logged, undoable writes inside one batch, as electron/service/writer.ts does for a file book (same edit log,
 * same touched rows), awaiting each statement. Call only inside the book's write transaction. Each round trip to
 * the database is a wait (several milliseconds each on a loaded machine), so a deal's update and its log go in one
 * statement, and a new step's batch goes with its first edits (batch: a StepBatch whose id is still null).
 */
export function createPgWriter(repos: PgRepos, batch: StepBatch | number, touched: Touched) {
  const { deals, parties, edits } = repos;
  const step: StepBatch = typeof batch === 'number' ? { id: batch, label: '', at: '', user: '' } : batch;
  // Nothing waits for a log's answer: it is sent, and a failure of it fails the transaction's commit (pg-tx.ts).
  const log = (e: EditEntry) => void edits.record(step, [e]).catch(() => {});

  async function resolveParty(name: string, kind: PartyKind = 'other'): Promise<number> {
    const found = await parties.findByName(name);
    if (found) return found.id;
    const { id, created } = await parties.insertOrFind(name, kind);
    if (!created) return id;
    touched.parties = true;
    log({ op: 'party_insert', party_id: id, new_value: JSON.stringify({ id, name: name.trim(), kind }) });
    return id;
  }

  async function insertDeal(values: DealValues): Promise<number> {
    const row = toStored(values, await resolveParty(values.from_party), await resolveParty(values.to_party));
    const id = await deals.insert(row);
    log({ op: 'insert', deal_id: id, new_value: JSON.stringify({ id, ...row }) });
    touchPair(touched, row.from_party_id, row.to_party_id);
    touched.deals.add(id);
    touched.parties = true;
    return id;
  }

  /** named: the deal as it was, with its party names: a party whose name did not change keeps its id unlooked-up. */
  async function updateDeal(id: number, values: DealValues, before?: StoredDeal, named?: Deal): Promise<void> {
    before ??= await deals.getStored(id);
    if (!before) throw noDeal(id);
    const from = named && named.from_party === values.from_party ? before.from_party_id : await resolveParty(values.from_party);
    const to = named && named.to_party === values.to_party ? before.to_party_id : await resolveParty(values.to_party);
    const after: StoredDeal = { id, ...toStored(values, from, to) };
    const changed = STORED_COLUMNS.filter((column) => !Object.is(before[column], after[column]));
    if (changed.length) {
      void edits.record(
        step,
        changed.map((column) => ({ op: 'update', deal_id: id, field: column, old_value: JSON.stringify(before[column]), new_value: JSON.stringify(after[column]) })),
        { id, set: changed.map((column) => [column, after[column]]) },
      ).catch(() => {});
    }
    touchPair(touched, before.from_party_id, before.to_party_id);
    touchPair(touched, after.from_party_id, after.to_party_id);
    touched.deals.add(id);
    if (before.from_party_id !== after.from_party_id || before.to_party_id !== after.to_party_id) touched.parties = true;
  }

  async function deleteDeal(id: number): Promise<void> {
    const before = await deals.getStored(id);
    if (!before) throw noDeal(id);
    const { version: _v, ...row } = before;
    log({ op: 'delete', deal_id: id, old_value: JSON.stringify(row) });
    await deals.trash(id);
    touchPair(touched, before.from_party_id, before.to_party_id);
    touched.deleted.add(id);
    touched.parties = true;
  }

  async function setPartyField(partyId: number, field: 'name' | 'kind', oldValue: string, newValue: string): Promise<void> {
    if (oldValue === newValue) return;
    touched.parties = true;
    if (field === 'name') await parties.rename(partyId, newValue);
    else await parties.setKind(partyId, newValue as PartyKind);
    log({ op: 'party_update', party_id: partyId, field, old_value: JSON.stringify(oldValue), new_value: JSON.stringify(newValue) });
    if (field === 'name') for (const id of await deals.idsByParty(partyId)) touched.deals.add(id);
  }

  async function deleteParty(partyId: number): Promise<void> {
    const before = await parties.get(partyId);
    if (!before) return;
    await parties.remove(partyId);
    touched.parties = true;
    log({ op: 'party_delete', party_id: partyId, old_value: JSON.stringify(before) });
  }

  // v2 writes, as electron/service/writer.ts logs them: a parent or a scenario changes what every row derives, so
  // the windows reload.
  async function setPartyParent(partyId: number, oldParentId: number | null, newParentId: number | null): Promise<void> {
    if (oldParentId === newParentId) return;
    await parties.setParent(partyId, newParentId);
    log({ op: 'party_update', party_id: partyId, field: 'parent_id', old_value: JSON.stringify(oldParentId), new_value: JSON.stringify(newParentId) });
    touched.reload = true;
    touched.parties = true;
  }

  async function putScenario(before: StoredScenario | undefined, next: Scenario): Promise<void> {
    if (before) {
      const after = toStoredScenario(before.id, next);
      if (JSON.stringify(after) === JSON.stringify(before)) return;
      await repos.scenarios.update(after);
      log({ op: 'scenario_update', old_value: JSON.stringify(before), new_value: JSON.stringify(after) });
    } else {
      const id = await repos.scenarios.insert(toStoredScenario(0, next));
      log({ op: 'scenario_insert', new_value: JSON.stringify(toStoredScenario(id, next)) });
    }
    touched.reload = true;
    touched.scenarios = true;
  }

  async function deleteScenario(before: StoredScenario): Promise<void> {
    await repos.scenarios.remove(before.id);
    log({ op: 'scenario_delete', old_value: JSON.stringify(before) });
    touched.reload = true;
    touched.scenarios = true;
  }

  return { resolveParty, insertDeal, updateDeal, deleteDeal, setPartyField, deleteParty, setPartyParent, putScenario, deleteScenario };
}

export type PgWriter = ReturnType<typeof createPgWriter>;

export function noDeal(id: number): AppFailure {
  return new AppFailure({ code: 'not_found', message: `Deal ${id} does not exist`, details: [{ row: id, message: 'no such deal' }] });
}

/**
 * The rows a write changed, re-derived (see electron/service/refresh.ts), in one round trip whatever it touched:
 * the touched pairs and the pairs of the touched deals are found and read in one statement.
 */
export async function collectPgChange(repos: PgRepos, touched: Touched): Promise<RowsChange> {
  if (touched.reload) return { changed: [], deleted: [], reload: true };
  const reread = [...touched.deals].filter((id) => !touched.deleted.has(id));
  const pairs = [...touched.pairs].map((key) => key.split(':').map(Number) as [number, number]);
  const rows = new Map<number, DealRow>();
  // The touched pairs' rows derived together: a deal's derived values depend on its own pair's rows only, and the
  // pairs are disjoint, so this is the file book's pair-by-pair derivation in one read.
  if (pairs.length || reread.length) for (const row of deriveRows(await repos.deals.ofPairsAndDeals(pairs, reread))) rows.set(row.id, row);
  for (const id of touched.deleted) rows.delete(id);
  return { changed: [...rows.values()], deleted: [...touched.deleted], reload: false };
}
