/**
 * AG Grid's comparator for number and date columns with blanks last in both directions, as spreadsheets sort: an
 * undisclosed amount (or an empty date, MW, share or ratio) is not the smallest value, so it never heads an
 * ascending sort the way a $0 would (unknown is never zero). AG Grid sorts ascending with the comparator and
 * reverses the result for descending, so a blank compares low when `isDescending` to come out last either way.
 * Numbers compare as numbers, dates (ISO text, a coarser precision at its first day) as text.
 */
export function blanksLast(a: unknown, b: unknown, _nodeA?: unknown, _nodeB?: unknown, isDescending = false): number {
  const aBlank = isBlank(a);
  const bBlank = isBlank(b);
  if (aBlank || bBlank) {
    if (aBlank && bBlank) return 0;
    return aBlank === isDescending ? -1 : 1;
  }
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const x = String(a);
  const y = String(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

const isBlank = (v: unknown): boolean => v === null || v === undefined || v === '' || (typeof v === 'number' && Number.isNaN(v));
