import { AppFailure } from '../../shared/protocol/result';
import type { StoredColumn, StoredDeal } from '../db/deals-repo';
import type { StoredParty } from '../db/parties-repo';
import type { Edit } from '../db/edits-repo';
import type { StoredScenario } from '../db/scenarios-repo';
import { touchPair, type Touched } from '../service/writer';
import type { PgBatch, PgRepos } from './pg-repos';

const PATCH_LIMIT = 5000;

/**
 * Undo is personal: a step is taken back only if nobody else has changed any of its cells (or, for an added or
 * deleted deal, the deal) since. Otherwise the refusal says which cell, who and when.
 */
export async function assertNobodyElseSince(repos: PgRepos, edits: readonly Edit[], user: string, direction: 'undo' | 'redo'): Promise<void> {
  for (const e of edits) {
    if (e.op === 'insert_range') {
      // An import's deals are one range: undoing it takes away every one of them, so none may have been changed since.
      const other = await repos.edits.rangeChangedSince(Number(e.old_value), Number(e.new_value), e.id, user);
      if (!other) continue;
      throw new AppFailure({
        code: 'conflict',
        message: `Cannot ${direction}: ${other.user_name} changed deal ${other.deal_id} since (${other.label}, ${other.at}). Nothing was changed.`,
        details: [{ row: other.deal_id, message: `changed by ${other.user_name} at ${other.at}` }],
      });
    }
    if (e.deal_id === null) {
      await assertPartyOrScenarioAlone(repos, e, user, direction);
      continue;
    }
    const field = e.op === 'update' ? e.field : null;
    const other = await repos.edits.changedSince(e.deal_id, field, e.id, user);
    if (!other) continue;
    const what = field ? `${field} of deal ${e.deal_id}` : `deal ${e.deal_id}`;
    throw new AppFailure({
      code: 'conflict',
      message: `Cannot ${direction}: ${other.user_name} changed ${what} since (${other.label}, ${other.at}). Nothing was changed.`,
      details: [{ row: e.deal_id, ...(field ? { field } : {}), message: `changed by ${other.user_name} at ${other.at}` }],
    });
  }
}

/**
 * Undo and redo write no edit of their own, so the rule above cannot see them: after this user undid a step, another
 * user may have undone or redone a step of theirs on the same cells (which their own check allowed, this step being
 * undone then). Redoing would overwrite that, so it is refused the same way. (An undo needs no such check: while a
 * step is done, nobody else can undo or redo a step on its cells, since the step counts as a change since.) A step
 * undone before the book numbered its moves is checked against every numbered move.
 */
export async function assertNoMoveSince(repos: PgRepos, batch: PgBatch, user: string): Promise<void> {
  const other = await repos.edits.movedSince(batch.id, batch.moved ?? 0, batch.moved_edit ?? 2147483647, user);
  if (!other) return;
  const did = other.state === 'done' ? 'redid' : 'undid';
  const message = `${did} by ${other.user_name} at ${other.moved_at}`;
  let what: string;
  let detail: Record<string, unknown>;
  if (other.deal_id !== null) {
    what = other.field ? `${other.field} of deal ${other.deal_id}` : `deal ${other.deal_id}`;
    detail = { row: other.deal_id, ...(other.field ? { field: other.field } : {}) };
  } else if (other.party_id !== null) {
    what = partyPart(other.field, await partyName(repos, other.party_id, await repos.edits.editsOf(batch.id)));
    detail = { field: other.field ?? 'name' };
  } else {
    what = `scenario ${(await repos.scenarios.all()).find((s) => s.id === other.scenario_id)?.name ?? other.scenario_name ?? other.scenario_id}`;
    detail = { field: 'name' };
  }
  throw new AppFailure({
    code: 'conflict',
    message: `Cannot redo: ${other.user_name} ${did} a step on ${what} since (${other.label}, ${other.moved_at}). Nothing was changed.`,
    details: [{ ...detail, message }],
  });
}

/** "party X", or "the kind of party X" (a parent is said as such, not as parent_id). */
function partyPart(field: string | null, name: string): string {
  return field ? `the ${field === 'parent_id' ? 'parent' : field} of party ${name}` : `party ${name}`;
}

/** A party's name now, else as the first of the given edits of it that holds its row has it (a party the step made, now gone), else its id. */
async function partyName(repos: PgRepos, id: number, edits: readonly Edit[]): Promise<string> {
  const now = (await repos.parties.get(id))?.name;
  if (now) return now;
  for (const e of edits) {
    if (e.party_id !== id) continue;
    const row = JSON.parse(e.old_value ?? e.new_value ?? '{}') as { name?: string } | string | null;
    if (typeof row === 'object' && row?.name) return row.name;
  }
  return `#${id}`;
}

/** The same rule for a step's party and scenario edits: a party (or its field) or a scenario someone else changed since. */
async function assertPartyOrScenarioAlone(repos: PgRepos, e: Edit, user: string, direction: 'undo' | 'redo'): Promise<void> {
  let other: { user_name: string; at: string; label: string } | undefined;
  let what = '';
  if (e.party_id !== null) {
    const field = e.op === 'party_update' ? e.field : null;
    other = await repos.edits.partyChangedSince(e.party_id, field, e.id, user);
    what = partyPart(field, await partyName(repos, e.party_id, [e]));
  } else if (e.op.startsWith('scenario_')) {
    const row = JSON.parse(e.new_value ?? e.old_value ?? '{}') as { id?: number; name?: string };
    if (typeof row.id !== 'number') return;
    other = await repos.edits.scenarioChangedSince(row.id, e.id, user);
    what = `scenario ${row.name ?? row.id}`;
  }
  if (!other) return;
  throw new AppFailure({
    code: 'conflict',
    message: `Cannot ${direction}: ${other.user_name} changed ${what} since (${other.label}, ${other.at}). Nothing was changed.`,
    details: [{ field: e.field ?? 'name', message: `changed by ${other.user_name} at ${other.at}` }],
  });
}

/** Replay one batch backwards (undo) or forwards (redo), as electron/service/undo.ts does for a file book. */
export async function replayPg(repos: PgRepos, edits: Edit[], direction: 'undo' | 'redo', touched: Touched): Promise<void> {
  const ordered = direction === 'undo' ? [...edits].reverse() : edits;
  for (const edit of ordered) await apply(repos, edit, direction, touched);
}

async function apply(repos: PgRepos, e: Edit, direction: 'undo' | 'redo', touched: Touched): Promise<void> {
  const { deals, parties } = repos;
  const forward = direction === 'redo';
  // Every op but a plain field update changes the parties list (a party itself, or its deal counts).
  if (e.op !== 'update') touched.parties = true;
  switch (e.op) {
    case 'update': {
      const id = need(e.deal_id);
      const before = await deals.getStored(id);
      if (!before) throw new AppFailure({ code: 'internal', message: `The edit history refers to deal ${e.deal_id}, which is missing.` });
      await deals.setField(id, e.field as StoredColumn, JSON.parse((forward ? e.new_value : e.old_value) ?? 'null'));
      const after = (await deals.getStored(id))!;
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
      if ((e.op === 'insert') === forward) {
        await deals.restore(id);
        touched.deals.add(id);
        touched.deleted.delete(id);
      } else {
        await deals.trash(id);
        touched.deleted.add(id);
        touched.deals.delete(id);
      }
      touchPair(touched, row.from_party_id, row.to_party_id);
      return;
    }
    case 'insert_range': {
      const first = Number(e.old_value);
      const last = Number(e.new_value);
      if (forward) await deals.restoreRange(first, last);
      for (const { a, b } of await deals.pairsInRange(first, last)) touchPair(touched, a, b);
      if (!forward) await deals.trashRange(first, last);
      if (last - first + 1 > PATCH_LIMIT) touched.reload = true;
      else for (let id = first; id <= last; id++) (forward ? touched.deals : touched.deleted).add(id);
      return;
    }
    case 'party_insert':
    case 'party_delete': {
      const party = JSON.parse((e.op === 'party_insert' ? e.new_value : e.old_value) ?? 'null') as StoredParty;
      if ((e.op === 'party_insert') === forward) await parties.insertWithId(party);
      else {
        await refuseIfInUse(repos, party, direction);
        await parties.remove(party.id);
      }
      return;
    }
    case 'party_update': {
      const id = need(e.party_id);
      const value = JSON.parse((forward ? e.new_value : e.old_value) ?? 'null') as string;
      if (e.field === 'name') {
        await parties.rename(id, value);
        for (const dealId of await deals.idsByParty(id)) touched.deals.add(dealId);
      } else if (e.field === 'parent_id') {
        await parties.setParent(id, value as unknown as number | null);
        touched.reload = true;
      } else {
        await parties.setKind(id, value as StoredParty['kind']);
      }
      return;
    }
    case 'scenario_insert':
    case 'scenario_delete': {
      const row = JSON.parse((e.op === 'scenario_insert' ? e.new_value : e.old_value) ?? 'null') as StoredScenario;
      if ((e.op === 'scenario_insert') === forward) await repos.scenarios.insertWithId(row);
      else await repos.scenarios.remove(row.id);
      touched.reload = true;
      touched.scenarios = true;
      return;
    }
    case 'scenario_update': {
      await repos.scenarios.update(JSON.parse((forward ? e.new_value : e.old_value) ?? 'null') as StoredScenario);
      touched.reload = true;
      touched.scenarios = true;
      return;
    }
  }
}

/**
 * A party the step made (or merged away) cannot go while another analyst's deal uses it, or a party has it as
 * parent, since: refused in words naming the deal and who, rather than by the database's foreign key.
 */
async function refuseIfInUse(repos: PgRepos, party: StoredParty, direction: 'undo' | 'redo'): Promise<void> {
  const use = await repos.parties.usedBy(party.id);
  if (!use) return;
  const by = use.deal_id !== null ? await repos.edits.lastStepOn(use.deal_id) : undefined;
  const what = use.deal_id !== null ? `deal ${use.deal_id}` : `party ${use.child}, as its parent`;
  const who = by ? ` (${by.user_name}, ${by.label}, ${by.at})` : '';
  throw new AppFailure({
    code: 'conflict',
    message: `Cannot ${direction}: party ${party.name} is now used by ${what}${who}. Nothing was changed.`,
    details: [{ ...(use.deal_id !== null ? { row: use.deal_id } : {}), field: 'name', value: party.name, message: `used by ${what}` }],
  });
}

function need(id: number | null): number {
  if (id === null) throw new AppFailure({ code: 'internal', message: 'The edit history is damaged (an edit without its row).' });
  return id;
}
