import { AppFailure } from '../../shared/protocol/result';
import type { StoredDeal, StoredColumn } from '../db/deals-repo';
import type { StoredParty } from '../db/parties-repo';
import type { StoredScenario } from '../db/scenarios-repo';
import type { Edit } from '../db/edits-repo';
import type { Repos } from './repos';
import { touchPair, type Touched } from './writer';

/** Rows beyond which an undo asks the UI to reload rather than patch. */
const PATCH_LIMIT = 5000;

/** Replay one batch backwards (undo) or forwards (redo). Call inside a transaction. */
export function replay(repos: Repos, batchId: number, direction: 'undo' | 'redo', touched: Touched): void {
  const edits = repos.edits.editsOf(batchId);
  const ordered = direction === 'undo' ? edits.reverse() : edits;
  for (const edit of ordered) apply(repos, edit, direction, touched);
}

function apply(repos: Repos, e: Edit, direction: 'undo' | 'redo', touched: Touched): void {
  const { deals, parties } = repos;
  const forward = direction === 'redo';
  // Every op but a plain field update changes the parties list (a party itself, or its deal counts).
  if (e.op !== 'update') touched.parties = true;
  switch (e.op) {
    case 'update': {
      const id = need(e.deal_id);
      const before = deals.getStored(id);
      if (!before) throw broken(e);
      deals.setField(id, e.field as StoredColumn, JSON.parse((forward ? e.new_value : e.old_value) ?? 'null'));
      const after = deals.getStored(id)!;
      touchPair(touched, before.from_party_id, before.to_party_id);
      touchPair(touched, after.from_party_id, after.to_party_id);
      touched.deals.add(id);
      if (e.field === 'from_party_id' || e.field === 'to_party_id') touched.parties = true;
      return;
    }
    case 'insert':
    case 'delete': {
      const id = need(e.deal_id);
      const row = JSON.parse((e.op === 'insert' ? e.new_value : e.old_value) ?? 'null') as StoredDeal;
      const bringBack = (e.op === 'insert') === forward;
      if (bringBack) {
        deals.restore(id);
        touched.deals.add(id);
        touched.deleted.delete(id);
      } else {
        deals.trash(id);
        touched.deleted.add(id);
        touched.deals.delete(id);
      }
      touchPair(touched, row.from_party_id, row.to_party_id);
      return;
    }
    case 'insert_range': {
      const first = Number(e.old_value);
      const last = Number(e.new_value);
      if (forward) deals.restoreRange(first, last);
      for (const { a, b } of deals.pairsInRange(first, last)) touchPair(touched, a, b);
      if (!forward) deals.trashRange(first, last);
      if (last - first + 1 > PATCH_LIMIT) touched.reload = true;
      else for (let id = first; id <= last; id++) (forward ? touched.deals : touched.deleted).add(id);
      return;
    }
    case 'party_insert':
    case 'party_delete': {
      const party = JSON.parse((e.op === 'party_insert' ? e.new_value : e.old_value) ?? 'null') as StoredParty;
      const bringBack = (e.op === 'party_insert') === forward;
      if (bringBack) parties.insertWithId(party);
      else parties.remove(party.id);
      return;
    }
    case 'party_update': {
      const id = need(e.party_id);
      const value = JSON.parse((forward ? e.new_value : e.old_value) ?? 'null') as string;
      if (e.field === 'name') {
        parties.rename(id, value);
        for (const dealId of deals.idsByParty(id)) touched.deals.add(dealId);
      } else if (e.field === 'parent_id') {
        parties.setParent(id, value as unknown as number | null);
        touched.reload = true;
        touched.parties = true;
      } else {
        parties.setKind(id, value as StoredParty['kind']);
      }
      return;
    }
    case 'scenario_insert':
    case 'scenario_delete': {
      const row = JSON.parse((e.op === 'scenario_insert' ? e.new_value : e.old_value) ?? 'null') as StoredScenario;
      const bringBack = (e.op === 'scenario_insert') === forward;
      if (bringBack) repos.scenarios.insertWithId(row);
      else repos.scenarios.remove(row.id);
      touched.reload = true;
      touched.scenarios = true;
      return;
    }
    case 'scenario_update': {
      repos.scenarios.update(JSON.parse((forward ? e.new_value : e.old_value) ?? 'null') as StoredScenario);
      touched.reload = true;
      touched.scenarios = true;
      return;
    }
  }
}

function need(id: number | null): number {
  if (id === null) throw new AppFailure({ code: 'internal', message: 'The edit history is damaged (an edit without its row).' });
  return id;
}

function broken(e: Edit): AppFailure {
  return new AppFailure({ code: 'internal', message: `The edit history refers to deal ${e.deal_id}, which is missing.` });
}
