import type { GridApi } from 'ag-grid-community';
import type { DealRow } from '../../shared/model/deal';

/** Deal ids as displayed, after filter and sort. */
export function displayedIds(api: GridApi<DealRow>): number[] {
  const ids: number[] = [];
  api.forEachNodeAfterFilterAndSort((node) => {
    if (node.data) ids.push(node.data.id);
  });
  return ids;
}

export function displayedRows(api: GridApi<DealRow>): DealRow[] {
  const rows: DealRow[] = [];
  api.forEachNodeAfterFilterAndSort((node) => {
    if (node.data) rows.push(node.data);
  });
  return rows;
}

/**
 * Deal columns in the analyst's order, visible ones only, pinning aside: an export keeps the book's column order
 * though ID, From and To are pinned on the left of the screen.
 */
export function exportColumns(api: GridApi<DealRow>): string[] {
  return (api.getAllGridColumns() ?? [])
    .filter((c) => c.isVisible())
    .map((c) => c.getColId())
    .filter((id) => !id.startsWith('ag-Grid-'));
}

/** Deal columns as displayed (order and visibility), without the selection checkbox column. */
export function displayedColumns(api: GridApi<DealRow>): string[] {
  return api
    .getAllDisplayedColumns()
    .map((c) => c.getColId())
    .filter((id) => !id.startsWith('ag-Grid-'));
}
