import type { Column, GridApi, SuppressKeyboardEventParams } from 'ag-grid-community';
import type { DealRow } from '../../shared/deal';

/**
 * Keys on the new-deal (draft) row act on that row. AG Grid's Home and End jump to the first and last body rows,
 * and Ctrl+arrows and Page Up/Down move by pages of the body: from the draft row each of those would put the
 * focus on a saved deal, where the next paste or keystroke changes it unnoticed. Here Home, End and Ctrl+Left/Right
 * go to the ends of the draft row, and the keys that move by rows stay put. Only ArrowDown (one row, on purpose)
 * leaves the draft row for the first saved deal.
 */
export function suppressDraftKeys(params: SuppressKeyboardEventParams<DealRow>): boolean {
  const { event, node, editing, api } = params;
  if (editing || node.rowPinned !== 'top' || event.type !== 'keydown') return false;
  const ctrl = event.ctrlKey || event.metaKey;
  const key = event.key;
  const toEnd = key === 'End' || (ctrl && key === 'ArrowRight');
  const toStart = key === 'Home' || (ctrl && key === 'ArrowLeft');
  if (toStart || toEnd) {
    event.preventDefault();
    const column = endColumn(api, toStart);
    if (column) {
      api.ensureColumnVisible(column);
      api.setFocusedCell(node.rowIndex ?? 0, column, 'top');
    }
    return true;
  }
  const byRows = key === 'PageUp' || key === 'PageDown' || (ctrl && (key === 'ArrowUp' || key === 'ArrowDown'));
  if (byRows) {
    event.preventDefault();
    return true;
  }
  return false;
}

function endColumn(api: GridApi<DealRow>, first: boolean): Column | undefined {
  const columns = api.getAllDisplayedColumns();
  return first ? columns[0] : columns[columns.length - 1];
}

