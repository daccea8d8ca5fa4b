import type { DealRow } from '../../shared/model/deal';
import type { AnalysisContext } from '../../shared/analytics/metrics';
import { collectChange, type RowsChange } from './refresh';
import type { Repos } from './repos';
import { newTouched, touchPair } from './writer';
import { EXTERNAL_PATCH_LIMIT } from './external-change';

/**
 * What another program's steps changed, read from the edit log instead of the whole book: every edit of every step
 * after the highest one that is still done and was done when this service last looked (undo and redo only ever
 * move that frontier, and new steps come after it). Replaying is not needed: the touched rows (and the rest of
 * their pairs) are read as they are now. Null when the log cannot say (no step logged, an edit of a kind it does
 * not know, or too many rows): the caller then compares the whole book. A program that writes deals without
 * logging them alongside logged steps is not seen row by row; the app's own writers always log.
 */
export function changeFromLog(
  repos: Repos,
  lastDone: number,
  cached: ReadonlyMap<number, DealRow> | null,
  context: AnalysisContext,
): RowsChange | null {
  const since = repos.edits.lastDoneUpTo(lastDone);
  const edits = repos.edits.editsAfter(since, EXTERNAL_PATCH_LIMIT + 1);
  // No step logged: whatever changed was written past the edit log (another tool's SQL); compare instead.
  if (edits.length === 0 || edits.length > EXTERNAL_PATCH_LIMIT) return null;
  const touched = newTouched();
  const party = (json: string | null) => JSON.parse(json ?? 'null') as number;
  const where = (id: number) => {
    if (repos.deals.getStored(id)) {
      touched.deals.add(id);
      touched.deleted.delete(id);
    } else {
      touched.deleted.add(id);
      touched.deals.delete(id);
    }
  };
  for (const e of edits) {
    switch (e.op) {
      case 'update': {
        if (e.deal_id === null) return null;
        where(e.deal_id);
        const now = repos.deals.getStored(e.deal_id);
        // A deal moved between pairs: both pairs' rows are derived again.
        if (now && (e.field === 'from_party_id' || e.field === 'to_party_id')) {
          for (const id of [party(e.old_value), party(e.new_value)]) {
            if (e.field === 'from_party_id') touchPair(touched, id, now.to_party_id);
            else touchPair(touched, now.from_party_id, id);
          }
        }
        break;
      }
      case 'insert':
      case 'delete': {
        if (e.deal_id === null) return null;
        const row = JSON.parse((e.op === 'insert' ? e.new_value : e.old_value) ?? 'null') as { from_party_id: number; to_party_id: number } | null;
        if (!row) return null;
        where(e.deal_id);
        touchPair(touched, row.from_party_id, row.to_party_id);
        break;
      }
      case 'insert_range': {
        const first = Number(e.old_value);
        const last = Number(e.new_value);
        if (!(last >= first) || last - first + 1 > EXTERNAL_PATCH_LIMIT) return null;
        for (const { a, b } of repos.deals.pairsInRange(first, last)) touchPair(touched, a, b);
        for (let id = first; id <= last; id++) {
          where(id);
          // A deal gone (an import undone): its pair, as this window last had it.
          const old = touched.deleted.has(id) ? cached?.get(id) : undefined;
          const from = old && repos.parties.findByName(old.from_party);
          const to = old && repos.parties.findByName(old.to_party);
          if (from && to) touchPair(touched, from.id, to.id);
        }
        break;
      }
      case 'party_update':
        if (e.party_id === null) return null;
        if (e.field === 'name') for (const id of repos.deals.idsByParty(e.party_id)) where(id);
        // A party's parent regroups every pair under roll-up, as a scenario's change moves every derived value.
        if (e.field === 'parent_id') touched.reload = true;
        break;
      case 'scenario_insert':
      case 'scenario_update':
      case 'scenario_delete':
        touched.reload = true;
        break;
      case 'party_insert':
      case 'party_delete':
        break;
      default: {
        // Every kind of edit this version writes is handled above (a new one fails to compile here); a kind
        // written by a newer version is compared the slow way.
        const unknown: never = e.op;
        void unknown;
        return null;
      }
    }
  }
  const change = collectChange(repos, touched, context);
  // Rows gone that this window never had need no word.
  return { ...change, deleted: change.deleted.filter((id) => !cached || cached.has(id)) };
}
