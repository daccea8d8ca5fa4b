import type { ImportChange } from '../../shared/protocol/contract';
import { DEAL_FIELDS, partyKey, type Deal, type DealValues } from '../../shared/model/deal';

/** Where the deals are looked up: a file book's repos, or a team book's deals read ahead (electron/pg/pg-import.ts). */
type DealLookup = { deals: { get: (id: number) => Deal | undefined } };

export type BaseLookup = (id: string) => { ok: true; deal: DealValues } | { ok: false; message: string };

/**
 * The deal a row with an id updates, looked up in the book as it is now. A fresh lookup per read of the file,
 * because it also refuses an id a second row names (two rows editing one deal would make the result depend on
 * row order).
 */
export function baseLookup(repos: DealLookup): BaseLookup {
  const seen = new Set<number>();
  return (text) => {
    // `12.0` is 12: pandas writes a column of ids as floats once a row has none (a new deal added in the sheet).
    const whole = /^(\d{1,15})(?:\.0+)?$/.exec(text);
    if (!whole || Number(whole[1]) < 1) return { ok: false, message: 'id must be a deal id (a whole number), or empty to add the row as a new deal' };
    const id = Number(whole[1]);
    if (seen.has(id)) return { ok: false, message: `deal ${id} is named by an earlier row too; keep one row per deal` };
    seen.add(id);
    const found = repos.deals.get(id);
    if (!found) return { ok: false, message: `the book has no deal with id ${id}` };
    const { id: _id, ...deal } = found;
    return { ok: true, deal };
  };
}

/**
 * The cells where `next` differs from `before`. Parties compare as the book matches them (case-insensitively):
 * "openai" in a sheet names the party OpenAI, and renaming a party is its own command.
 */
export function changedCells(line: number, id: number, before: DealValues, next: DealValues): ImportChange[] {
  const changes: ImportChange[] = [];
  for (const field of DEAL_FIELDS) {
    const old = before[field];
    const now = next[field];
    const same = field === 'from_party' || field === 'to_party' ? partyKey(String(old)) === partyKey(String(now)) : Object.is(old, now);
    if (!same) changes.push({ line, id, field, old, new: now });
  }
  return changes;
}
