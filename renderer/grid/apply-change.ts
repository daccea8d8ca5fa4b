import type { GridApi } from 'ag-grid-community';
import type { Change } from '../../shared/contract';
import type { DealRow } from '../../shared/deal';
import { isColumnId } from './columns';

export type Applied = {
  /** The fresh row of the deal shown in the draft row, if the change touched it. */
  draftRow: DealRow | null;
  draftDeleted: boolean;
  added: number[];
  /** Whether rows were added, removed or may have moved (one transaction), rather than all updated in place. */
  transaction: boolean;
  /** Rows updated in place, and how much their amounts changed in all. */
  inPlace: number;
  amountDelta: number;
};

/** Columns the grid is sorted by: a change there means the row may move. */
function sortedColumns(api: GridApi<DealRow>): (keyof DealRow)[] {
  return api
    .getColumnState()
    .filter((c) => c.sort)
    .map((c) => c.colId)
    .filter(isColumnId);
}

/**
 * Patch the grid with one write's answer. A row that stays where it is (no sorted column changed, no filter to
 * re-check) is updated in place, which costs the same in a 100-row book and a 100k-row book; rows that may move,
 * new rows (adds, undone deletes) and removed rows go through one transaction. The deal shown in the pinned
 * draft row is routed there instead.
 */
export function applyChange(api: GridApi<DealRow>, change: Change, draftId: number | null): Applied {
  const update: DealRow[] = [];
  const add: DealRow[] = [];
  const remove: DealRow[] = [];
  let draftRow: DealRow | null = null;
  let amountDelta = 0;
  let inPlace = 0;
  const filtered = api.isAnyFilterPresent();
  const sorted = sortedColumns(api);
  for (const row of change.changed) {
    if (row.id === draftId) {
      draftRow = row;
      continue;
    }
    const node = api.getRowNode(String(row.id));
    if (!node?.data) add.push(row);
    else if (filtered || sorted.some((col) => node.data![col] !== row[col])) update.push(row);
    else {
      amountDelta += (row.amount_usd ?? 0) - (node.data.amount_usd ?? 0);
      inPlace++;
      node.updateData(row);
    }
  }
  for (const id of change.deleted) {
    const data = id === draftId ? undefined : api.getRowNode(String(id))?.data;
    if (data) remove.push(data);
  }
  // Unsorted, new and restored rows go on top where the analyst sees them (they flash); a sort places them itself.
  const transaction = update.length > 0 || add.length > 0 || remove.length > 0;
  if (transaction) api.applyTransaction({ update, add, remove, ...(sorted.length ? {} : { addIndex: 0 }) });
  return { draftRow, draftDeleted: draftId !== null && change.deleted.includes(draftId), added: add.map((r) => r.id), transaction, inPlace, amountDelta };
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
