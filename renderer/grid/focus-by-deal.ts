import type { GridApi } from 'ag-grid-community';
import type { DealRow } from '../../shared/model/deal';

/** The focused body cell, by deal id rather than row position, and whether a grid cell holds the page's focus. */
export type HeldFocus = { rowId: string; colId: string; inPage: boolean };

/**
 * AG Grid keeps its focused cell by row position. When rows move under it (a live change from another window moves
 * a row in a sorted grid, a reload reorders the book), the position then names another deal, and the next key the
 * analyst types edits that deal. The focus is held by deal before such a change and put back after it.
 */
export function holdFocus(api: GridApi<DealRow>): HeldFocus | null {
  const focused = api.getFocusedCell();
  if (!focused || focused.rowPinned) return null;
  const rowId = api.getDisplayedRowAtIndex(focused.rowIndex)?.id;
  if (rowId === undefined) return null;
  const inPage = document.activeElement?.closest('.ag-cell') != null;
  return { rowId, colId: focused.column.getColId(), inPage };
}

/** The focus back on its deal, wherever the deal now is; nothing when it is gone or filtered out. */
export function restoreFocus(api: GridApi<DealRow>, held: HeldFocus | null): void {
  if (!held || api.isDestroyed()) return;
  const index = api.getRowNode(held.rowId)?.rowIndex;
  if (index == null) return;
  const now = api.getFocusedCell();
  const same = now != null && !now.rowPinned && now.rowIndex === index && now.column.getColId() === held.colId;
  const domThere = document.activeElement?.closest('.ag-row')?.getAttribute('row-id') === held.rowId;
  if (same && domThere) return;
  // Only when a cell had the page's focus (setFocusedCell takes it): not from the filter box the analyst types in.
  // Not while an editor is open either: taking its focus would end the edit (the grid stops editing on blur).
  if (!held.inPage || api.getEditingCells().length) return;
  api.setFocusedCell(index, held.colId);
}
