import type { DealValues, PartyKind } from '../../shared/model/deal';
import { AppFailure } from '../../shared/protocol/result';
import { STORED_COLUMNS, toStored, type StoredDeal } from '../db/deals-repo';
import { toStoredScenario, type StoredScenario } from '../db/scenarios-repo';
import type { Scenario } from '../../shared/model/scenario';
import type { Repos } from './repos';

/** What a write touched, so the service can answer with exactly the rows to refresh. */
export type Touched = {
  /** Unordered party-id pairs whose round trip may have changed ("a:b", a <= b). */
  pairs: Set<string>;
  /** Deals to re-read whatever their pair (names changed, restored, ...). */
  deals: Set<number>;
  deleted: Set<number>;
  /** A change too large to patch row by row. */
  reload: boolean;
  /** Parties added, renamed, merged or re-kinded, or their deal counts moved. */
  parties: boolean;
  /** The book's scenarios changed (v2). */
  scenarios: boolean;
};

export const newTouched = (): Touched => ({ pairs: new Set(), deals: new Set(), deleted: new Set(), reload: false, parties: false, scenarios: false });

export function touchPair(t: Touched, a: number, b: number): void {
  t.pairs.add(a <= b ? `${a}:${b}` : `${b}:${a}`);
}

/** Logged, undoable writes inside one batch (one undo step). Call only inside a transaction. */
export function createWriter(repos: Repos, batchId: number, touched: Touched) {
  const { deals, parties, edits, scenarios } = repos;

  function resolveParty(name: string, kind: PartyKind = 'other'): number {
    const found = parties.findByName(name);
    if (found) return found.id;
    const id = parties.insert(name, kind);
    touched.parties = true;
    edits.log(batchId, { op: 'party_insert', party_id: id, new_value: JSON.stringify({ id, name: name.trim(), kind }) });
    return id;
  }

  function insertDeal(values: DealValues): number {
    const row = toStored(values, resolveParty(values.from_party), resolveParty(values.to_party));
    const id = deals.insert(row);
    edits.log(batchId, { op: 'insert', deal_id: id, new_value: JSON.stringify({ id, ...row }) });
    touchPair(touched, row.from_party_id, row.to_party_id);
    touched.deals.add(id);
    touched.parties = true;
    return id;
  }

  function updateDeal(id: number, values: DealValues): void {
    const before = deals.getStored(id);
    if (!before) throw new AppFailure({ code: 'not_found', message: `Deal ${id} does not exist`, details: [{ row: id, message: 'no such deal' }] });
    const after: StoredDeal = { id, ...toStored(values, resolveParty(values.from_party), resolveParty(values.to_party)) };
    for (const column of STORED_COLUMNS) {
      if (Object.is(before[column], after[column])) continue;
      deals.setField(id, column, after[column]);
      edits.log(batchId, {
        op: 'update',
        deal_id: id,
        field: column,
        old_value: JSON.stringify(before[column]),
        new_value: JSON.stringify(after[column]),
      });
    }
    touchPair(touched, before.from_party_id, before.to_party_id);
    touchPair(touched, after.from_party_id, after.to_party_id);
    touched.deals.add(id);
    if (before.from_party_id !== after.from_party_id || before.to_party_id !== after.to_party_id) touched.parties = true;
  }

  function deleteDeal(id: number): void {
    const before = deals.getStored(id);
    if (!before) throw new AppFailure({ code: 'not_found', message: `Deal ${id} does not exist`, details: [{ row: id, message: 'no such deal' }] });
    edits.log(batchId, { op: 'delete', deal_id: id, old_value: JSON.stringify(before) });
    deals.trash(id);
    touchPair(touched, before.from_party_id, before.to_party_id);
    touched.deleted.add(id);
    touched.parties = true;
  }

  function setPartyField(partyId: number, field: 'name' | 'kind', oldValue: string, newValue: string): void {
    if (oldValue === newValue) return;
    touched.parties = true;
    if (field === 'name') parties.rename(partyId, newValue);
    else parties.setKind(partyId, newValue as PartyKind);
    edits.log(batchId, { op: 'party_update', party_id: partyId, field, old_value: JSON.stringify(oldValue), new_value: JSON.stringify(newValue) });
    // A party's kind is not part of any deal row; its name is in every row that names it.
    if (field === 'name') for (const id of deals.idsByParty(partyId)) touched.deals.add(id);
  }

  /** A party's parent changes groups, so every derived value may change under roll-up: the UI reloads. */
  function setPartyParent(partyId: number, oldParentId: number | null, newParentId: number | null): void {
    if (oldParentId === newParentId) return;
    parties.setParent(partyId, newParentId);
    edits.log(batchId, { op: 'party_update', party_id: partyId, field: 'parent_id', old_value: JSON.stringify(oldParentId), new_value: JSON.stringify(newParentId) });
    touched.reload = true;
    touched.parties = true;
  }

  /** Create or change a scenario; the rows shown under it (and under Base) are re-derived by a reload. */
  function putScenario(before: StoredScenario | undefined, next: Scenario): void {
    if (before) {
      const after = toStoredScenario(before.id, next);
      if (JSON.stringify(after) === JSON.stringify(before)) return;
      scenarios.update(after);
      edits.log(batchId, { op: 'scenario_update', old_value: JSON.stringify(before), new_value: JSON.stringify(after) });
    } else {
      const id = scenarios.insert(next);
      edits.log(batchId, { op: 'scenario_insert', new_value: JSON.stringify(toStoredScenario(id, next)) });
    }
    touched.reload = true;
    touched.scenarios = true;
  }

  function deleteScenario(before: StoredScenario): void {
    scenarios.remove(before.id);
    edits.log(batchId, { op: 'scenario_delete', old_value: JSON.stringify(before) });
    touched.reload = true;
    touched.scenarios = true;
  }

  function deleteParty(partyId: number): void {
    const before = parties.get(partyId);
    if (!before) return;
    parties.remove(partyId);
    touched.parties = true;
    edits.log(batchId, { op: 'party_delete', party_id: partyId, old_value: JSON.stringify(before) });
  }

  return { resolveParty, insertDeal, updateDeal, deleteDeal, setPartyField, setPartyParent, putScenario, deleteScenario, deleteParty };
}

export type Writer = ReturnType<typeof createWriter>;
