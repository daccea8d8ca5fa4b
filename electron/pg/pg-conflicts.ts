import type { RawValues } from '../../shared/protocol/contract';
import { partyKey, type Deal, type DealField } from '../../shared/model/deal';
import { dealFingerprint } from '../../shared/model/deal-fingerprint';
import { parseField } from '../../shared/model/fields';
import { formatForMessage } from './pg-format';
import { AppFailure, type CellProblem } from '../../shared/protocol/result';
import type { PgRepos } from './pg-repos';

const PARTY_COLUMN: Partial<Record<DealField, string>> = { from_party: 'from_party_id', to_party: 'to_party_id' };
const FIELD_OF_COLUMN: Record<string, string> = { from_party_id: 'from_party', to_party_id: 'to_party' };
const whoOf = (name: string, user: string) => (name === user ? 'you (in another window)' : name);

/**
 * No lost update: each field of `base` (what the editing window showed) must still be what the deal holds. A field
 * changed since by someone else is refused with who changed it, when, and the value now there; fields the window
 * saw right go through (the caller checks every deal of a step before writing any).
 */
export async function conflictsOf(repos: PgRepos, deal: Deal, base: RawValues | undefined, user: string): Promise<CellProblem[]> {
  const problems: CellProblem[] = [];
  for (const [field, shown] of Object.entries(base ?? {}) as [DealField, RawValues[DealField]][]) {
    const parsed = parseField(field, shown ?? null);
    const now = deal[field];
    const same = parsed.ok && (field === 'from_party' || field === 'to_party'
      ? typeof parsed.value === 'string' && partyKey(parsed.value) === partyKey(String(now))
      : Object.is(parsed.value, now));
    if (same) continue;
    const last = await repos.edits.lastChange(deal.id, PARTY_COLUMN[field] ?? field);
    const who = last ? whoOf(last.user_name, user) : 'someone';
    const when = last ? ` at ${last.at}` : '';
    problems.push({
      row: deal.id,
      field,
      value: formatForMessage(now),
      message: `${who} changed it${when}; it is now ${formatForMessage(now)}`,
    });
  }
  return problems;
}

export function refuseConflicts(problems: CellProblem[]): void {
  if (!problems.length) return;
  const first = problems[0]!;
  const more = problems.length > 1 ? ` (and ${problems.length - 1} more cell${problems.length > 2 ? 's' : ''})` : '';
  throw new AppFailure({
    code: 'conflict',
    message: `Not saved: ${first.field} of deal ${first.row} was changed since you saw it: ${first.message}${more}.`,
    details: problems,
  });
}

/**
 * No lost update for deletes: each deal must still be what the window showed (`shown`, its dealFingerprint), or
 * deleting it would throw away a change the analyst never saw. The deals are locked here in id order (a change
 * cannot slip in between this check and the delete); a deal gone already is left to the delete to report.
 */
export async function staleDeletes(repos: PgRepos, ids: readonly number[], shown: readonly (string | null)[], user: string): Promise<StaleDelete[]> {
  const expected = new Map<number, string>();
  ids.forEach((id, i) => {
    const fingerprint = shown[i];
    if (fingerprint) expected.set(id, fingerprint);
  });
  const problems: StaleDelete[] = [];
  for (const deal of await repos.deals.lockedNamedMany([...new Set(ids)].sort((a, b) => a - b))) {
    const saw = expected.get(deal.id);
    if (saw === undefined || saw === dealFingerprint(deal)) continue;
    const last = await repos.edits.lastStepOn(deal.id);
    const what = last?.field ? ` ${FIELD_OF_COLUMN[last.field] ?? last.field}` : ' it';
    problems.push({ id: deal.id, change: last ? `${whoOf(last.user_name, user)} changed${what} at ${last.at} (${last.label})` : 'someone changed it' });
  }
  return problems;
}

type StaleDelete = { id: number; change: string };

/** The deals a delete found changed, refused in one message (the first, and how many more) and one line each. */
export function refuseStaleDeletes(problems: StaleDelete[]): void {
  if (!problems.length) return;
  const first = problems[0]!;
  const more = problems.length > 1 ? ` (and ${problems.length - 1} more deal${problems.length > 2 ? 's' : ''})` : '';
  throw new AppFailure({
    code: 'conflict',
    message: `Not deleted: deal ${first.id} was changed since you saw it: ${first.change}${more}. Nothing was deleted.`,
    details: problems.map((p) => ({ row: p.id, message: `not deleted: changed since you saw it: ${p.change}` })),
  });
}
