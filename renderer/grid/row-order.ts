import type { DealRow } from '../../shared/deal';

/**
 * The grid's order until the analyst sorts: newest announcement first, then newest entry first. Done once on
 * the loaded array rather than as a grid sort, so opening a big book and saving an edit skip the grid's sort
 * pass; a deal added today lands on top both now and after a reload.
 */
export function newestFirst(rows: DealRow[]): DealRow[] {
  return rows.sort((a, b) => (a.announced < b.announced ? 1 : a.announced > b.announced ? -1 : b.id - a.id));
}
