import type { DealRow } from '../../shared/model/deal';

/** Rows beyond which another program's change is sent as a reload rather than row by row. */
export const EXTERNAL_PATCH_LIMIT = 5000;

/**
 * What another program changed, row by row: rows new or different (derived values included, so the pair rule
 * comes for free) and rows gone. Null when too much changed to patch, or nothing was loaded to compare with.
 */
export function diffRows(
  before: ReadonlyMap<number, DealRow> | null,
  after: ReadonlyMap<number, DealRow> | null,
): { changed: DealRow[]; deleted: number[] } | null {
  if (!before || !after) return null;
  const changed: DealRow[] = [];
  const deleted: number[] = [];
  for (const [id, row] of after) {
    const old = before.get(id);
    if (!old || !sameRow(old, row)) changed.push(row);
    if (changed.length > EXTERNAL_PATCH_LIMIT) return null;
  }
  for (const id of before.keys()) {
    if (!after.has(id)) deleted.push(id);
    if (deleted.length > EXTERNAL_PATCH_LIMIT) return null;
  }
  return { changed, deleted };
}

function sameRow(a: DealRow, b: DealRow): boolean {
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  const keys = Object.keys(x);
  if (keys.length !== Object.keys(y).length) return false;
  for (const key of keys) {
    const u = x[key];
    const v = y[key];
    if (Object.is(u, v)) continue;
    // A derived value that is a list or an object compares by content.
    if (typeof u !== 'object' || typeof v !== 'object' || JSON.stringify(u) !== JSON.stringify(v)) return false;
  }
  return true;
}
