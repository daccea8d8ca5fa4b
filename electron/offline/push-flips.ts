import { AppFailure } from '../../shared/protocol/result';
import type { StoredDeal } from '../db/deals-repo';
import type { Edit } from '../db/edits-repo';
import type { EditEntry, PgRepos, Query } from '../pg/pg-repos';
import { formatForMessage } from '../pg/pg-format';
import { assertNobodyElseSince, replayPg } from '../pg/pg-undo';
import { newTouched } from '../service/writer';

/** A step's sendings so far (pushed_steps rows): move 0 the step, 1 its undo, 2 its redo, ... */
export type Sending = { step: number; move: number; batch_id: number | null };

/** A file step already pushed whose state in the file (done or not) differs from what the team book was sent. */
export type Flip = { step: number; label: string; undo: boolean; move: number; reverse: number | null };

/**
 * The pushed steps the file has undone (or redone) since they were sent: each is sent as a step of its own that
 * takes back the team step of its last sending. Undos first, newest first (as they were made), then redos, oldest first.
 */
export function flipsToSend(sent: readonly Sending[], fileSteps: ReadonlyMap<number, { done: boolean; label: string }>): Flip[] {
  const last = new Map<number, Sending>();
  for (const s of sent) if ((last.get(s.step)?.move ?? -1) < s.move) last.set(s.step, s);
  const flips: Flip[] = [];
  for (const s of last.values()) {
    const file = fileSteps.get(s.step);
    if (!file) continue;
    const teamDone = s.move % 2 === 0;
    if (file.done !== teamDone) flips.push({ step: s.step, label: file.label, undo: teamDone, move: s.move + 1, reverse: s.batch_id });
  }
  return flips.sort((a, b) => (a.undo !== b.undo ? (a.undo ? -1 : 1) : a.undo ? b.step - a.step : a.step - b.step));
}

/** One change taken back, or why not (a conflict line). */
export type FlipOutcome = { applied: number; conflicts: string[] };

/**
 * Take back one edit of a team step, by the team book's own undo rule: nobody else changed what it changed since
 * (and a cell still holds the value the step gave it), else a conflict, listed, not applied. The reverse is logged
 * in the new step, so that step can itself be undone in the team book.
 */
export async function reverseEdit(q: Query, repos: PgRepos, e: Edit, user: string, log: (entry: EditEntry) => Promise<void>, what: string): Promise<FlipOutcome> {
  const refuse = (why: string): FlipOutcome => ({ applied: 0, conflicts: [`conflict: ${what}: ${why}`] });
  try {
    await assertNobodyElseSince(repos, [e], user, 'undo');
  } catch (err) {
    if (!(err instanceof AppFailure) || err.error.code !== 'conflict') throw err;
    return refuse(err.error.message.replace(/^Cannot undo: /, '').replace(/ Nothing was changed\.$/, '').replace(/\.$/, ''));
  }
  const entries: EditEntry[] = [];
  switch (e.op) {
    case 'update': {
      const now = await repos.deals.getStored(e.deal_id!);
      if (!now) return refuse(`deal ${e.deal_id} ${e.field}: server deleted`);
      const value = (now as Record<string, unknown>)[e.field!];
      if (JSON.stringify(value ?? null) !== (e.new_value ?? 'null')) return refuse(`deal ${e.deal_id} ${e.field}: server ${formatForMessage(value)}, not the pushed ${formatForMessage(JSON.parse(e.new_value ?? 'null'))}`);
      entries.push({ op: 'update', deal_id: e.deal_id, field: e.field, old_value: e.new_value, new_value: e.old_value });
      break;
    }
    case 'insert': {
      const now = await repos.deals.getStored(e.deal_id!);
      if (!now) return { applied: 0, conflicts: [] }; // deleted on the server too
      const { version: _v, ...row } = now;
      entries.push({ op: 'delete', deal_id: e.deal_id, old_value: JSON.stringify(row) });
      break;
    }
    case 'insert_range': {
      const rows = await q<StoredDeal>(`SELECT * FROM deals WHERE id BETWEEN $1 AND $2 ORDER BY id`, [Number(e.old_value), Number(e.new_value)]);
      for (const { version: _v, ...row } of rows as (StoredDeal & { version?: number })[]) entries.push({ op: 'delete', deal_id: row.id, old_value: JSON.stringify(row) });
      break;
    }
    case 'delete': {
      const inTrash = await q(`SELECT 1 FROM deleted_deals WHERE id = $1`, [e.deal_id]);
      const live = await q(`SELECT 1 FROM deals WHERE id = $1`, [e.deal_id]);
      if (!inTrash.length || live.length) return refuse(`deal ${e.deal_id}: not in the team book's deleted deals`);
      entries.push({ op: 'insert', deal_id: e.deal_id, new_value: e.old_value });
      break;
    }
    case 'party_insert':
      entries.push({ op: 'party_delete', party_id: e.party_id, old_value: e.new_value });
      break;
    case 'party_delete':
      entries.push({ op: 'party_insert', party_id: e.party_id, new_value: e.old_value });
      break;
    case 'party_update':
      entries.push({ op: 'party_update', party_id: e.party_id, field: e.field, old_value: e.new_value, new_value: e.old_value });
      break;
    case 'scenario_insert':
      entries.push({ op: 'scenario_delete', old_value: e.new_value });
      break;
    case 'scenario_delete':
      entries.push({ op: 'scenario_insert', new_value: e.old_value });
      break;
    case 'scenario_update':
      entries.push({ op: 'scenario_update', old_value: e.new_value, new_value: e.old_value });
      break;
  }
  try {
    await replayPg(repos, [e], 'undo', newTouched());
  } catch (err) {
    if (!(err instanceof AppFailure) || err.error.code !== 'conflict') throw err;
    return refuse(err.error.message.replace(/^Cannot undo: /, '').replace(/ Nothing was changed\.$/, '').replace(/\.$/, ''));
  }
  for (const entry of entries) await log(entry);
  return { applied: e.op === 'insert_range' ? entries.length : 1, conflicts: [] };
}
