import type { RawValues } from '../../shared/protocol/contract';
import { partyKey, type Deal, type DealField } from '../../shared/model/deal';
import { parseField } from '../../shared/model/fields';
import { formatForMessage } from './pg-format';
import { AppFailure, type CellProblem } from '../../shared/protocol/result';
import type { PgRepos } from './pg-repos';

const PARTY_COLUMN: Partial<Record<DealField, string>> = { from_party: 'from_party_id', to_party: 'to_party_id' };

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
    const who = last ? (last.user_name === user ? 'you (in another window)' : last.user_name) : 'someone';
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
