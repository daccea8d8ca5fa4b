import type { StoredDeal } from '../db/deals-repo';
import type { StoredParty } from '../db/parties-repo';
import type { StoredScenario } from '../db/scenarios-repo';
import type { OfflineEdit } from './offline-steps';
import { parse, type ChangeOutcome, type StepContext } from './push-context';
import { deleteDeal, insertDeals, updateCell } from './push-deals';
import { deleteParty, deleteScenario, insertParty, insertScenario, updateParty, updateScenario } from './push-parties';

export type { StepContext } from './push-context';

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
