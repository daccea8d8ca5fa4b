import type { GridApi } from 'ag-grid-community';
import type { Change } from '../../shared/contract';
import type { DealRow } from '../../shared/deal';

export type Applied = {
  /** The fresh row of the deal shown in the draft row, if the change touched it. */
  draftRow: DealRow | null;
  draftDeleted: boolean;
  added: number[];
};

/**
 * Patch the grid with one write's answer: rows it already shows are updated, new ones (adds, undone deletes)
 * added, deleted ones removed. The deal shown in the pinned draft row is routed there instead.
 */
export function applyChange(api: GridApi<DealRow>, change: Change, draftId: number | null): Applied {
  const update: DealRow[] = [];
  const add: DealRow[] = [];
  let draftRow: DealRow | null = null;
  for (const row of change.changed) {
    if (row.id === draftId) draftRow = row;
    else if (api.getRowNode(String(row.id))) update.push(row);
    else add.push(row);
  }
  const remove: DealRow[] = [];
  for (const id of change.deleted) {
    const data = id === draftId ? undefined : api.getRowNode(String(id))?.data;
    if (data) remove.push(data);
  }
  if (update.length || add.length || remove.length) api.applyTransaction({ update, add, remove });
  return { draftRow, draftDeleted: draftId !== null && change.deleted.includes(draftId), added: add.map((r) => r.id) };
}

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

/** Deal columns as displayed (order and visibility), without the selection checkbox column. */
export function displayedColumns(api: GridApi<DealRow>): string[] {
  return api
    .getAllDisplayedColumns()
    .map((c) => c.getColId())
    .filter((id) => !id.startsWith('ag-Grid-'));
}
