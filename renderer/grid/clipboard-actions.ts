import type { GridApi } from 'ag-grid-community';
import type { DealRow } from '../../shared/deal';
import type { BookSession } from '../book/session';
import { displayedColumns, displayedIds } from './apply-change';
import { copyValue, parseTsv, planPaste, rowsToTsv } from './clipboard';

/**
 * Paste a block at the focused cell: every cell goes to the service in one updateCells call, which parses and
 * validates each one and applies all of them as one undo step, or none.
 */
export function pasteBlock(session: BookSession, api: GridApi<DealRow>, text: string): Promise<boolean> {
  const focused = api.getFocusedCell();
  if (!focused) {
    session.showError({ message: 'Click the cell where the pasted block should start', lines: [] });
    return Promise.resolve(false);
  }
  if (focused.rowPinned) {
    session.showError({ message: 'Paste refused: fill in the new deal first, then paste into saved rows', lines: [] });
    return Promise.resolve(false);
  }
  const columns = displayedColumns(api);
  const plan = planPaste(parseTsv(text), {
    rowIds: displayedIds(api),
    columns,
    startRow: focused.rowIndex,
    startColumn: Math.max(0, columns.indexOf(focused.column.getColId())),
  });
  if (!plan.ok) {
    session.showError({ message: plan.message, lines: [] });
    return Promise.resolve(false);
  }
  const label = `Paste ${plan.rows}x${plan.columns} cells`;
  return session.write(() => session.client.updateCells({ cells: plan.cells, label }));
}

/** Selected rows (all displayed columns, in display order) or else the focused cell, as TSV. */
export function copySelection(api: GridApi<DealRow>): string | null {
  const selected = new Set(api.getSelectedRows().map((r) => r.id));
  if (selected.size > 0) {
    const rows: DealRow[] = [];
    api.forEachNodeAfterFilterAndSort((node) => {
      if (node.data && selected.has(node.data.id)) rows.push(node.data);
    });
    return rowsToTsv(rows, displayedColumns(api));
  }
  const focused = api.getFocusedCell();
  if (!focused) return null;
  const node = focused.rowPinned === 'top' ? api.getPinnedTopRow(focused.rowIndex) : api.getDisplayedRowAtIndex(focused.rowIndex);
  if (!node?.data) return null;
  return copyValue((node.data as Record<string, unknown>)[focused.column.getColId()]);
}
