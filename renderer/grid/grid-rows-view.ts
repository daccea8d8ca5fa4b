import type { GridApi } from 'ag-grid-community';
import type { DealRow } from '../../shared/model/deal';
import type { RowDelta, RowsView } from '../book/book-rows';
import { isColumnId } from './columns';
import { holdFocus, restoreFocus } from './focus-by-deal';

// A scenario changes only a row's round trip and its basis (the shares are the deal's own): only their cells are
// redrawn, not the three share columns too (each forced cell reapplies its classes and styles).
const SCENARIO_COLUMNS: (keyof DealRow)[] = ['round_trip_ratio', 'round_trip_basis'];

/** Columns the grid is sorted by: a change there means the row may move. */
function sortedColumns(api: GridApi<DealRow>): (keyof DealRow)[] {
  return api
    .getColumnState()
    .filter((c) => c.sort)
    .map((c) => c.colId)
    .filter(isColumnId);
}

/**
 * The grid as a view of the session's rows. A row that stays where it is (no sorted column changed, no filter to
 * re-check) is updated in place, which costs the same in a 100-row book and a 100k-row book; rows that may move,
 * new rows (adds, undone deletes) and removed rows go through one transaction by row id. New rows go on top where
 * the analyst sees them (they flash); a sort places them itself.
 */
export function gridRowsView(api: GridApi<DealRow>): RowsView {
  return {
    changed(delta: RowDelta) {
      if (api.isDestroyed()) return;
      const filtered = api.isAnyFilterPresent();
      const sorted = sortedColumns(api);
      const add = [...delta.add];
      const update: DealRow[] = [];
      for (const row of delta.update) {
        const node = api.getRowNode(String(row.id));
        if (!node?.data) add.push(row);
        else if (filtered || sorted.some((col) => node.data![col] !== row[col])) update.push(row);
        else node.updateData(row);
      }
      const remove = delta.remove.filter((row) => api.getRowNode(String(row.id)));
      if (!add.length && !update.length && !remove.length) return;
      // Rows that move (sorted, added on top, removed) would leave the focus on the position, now another deal's.
      const focus = holdFocus(api);
      api.applyTransaction({ update, add, remove, ...(sorted.length ? {} : { addIndex: 0 }) });
      restoreFocus(api, focus);
      if (add.length) api.flashCells({ rowNodes: add.flatMap((row) => api.getRowNode(String(row.id)) ?? []) });
    },
    reset(rows) {
      if (!api.isDestroyed()) api.setGridOption('rowData', rows as DealRow[]);
    },
    // Only the rows on screen have cells; the others draw their new values when scrolled to.
    derived() {
      if (!api.isDestroyed()) api.refreshCells({ columns: SCENARIO_COLUMNS, force: true });
    },
  };
}

/** The ids of the deals the grid shows after its filters, or null when no filter is set (every deal). */
export function filteredIds(api: GridApi<DealRow>): number[] | null {
  if (!api.isAnyFilterPresent()) return null;
  const ids: number[] = [];
  api.forEachNodeAfterFilter((node) => void (node.data && ids.push(node.data.id)));
  return ids;
}
