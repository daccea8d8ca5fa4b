import type { Column, GridApi, SuppressKeyboardEventParams } from 'ag-grid-community';
import type { DealRow } from '../../shared/model/deal';
import type { GridContext } from './grid-context';

// Editors with a list under the input: the arrows move through the list, not the grid.
const LIST_EDITORS: ReadonlySet<string> = new Set(['from_party', 'to_party', 'kind', 'status', 'announced_precision', 'amount_basis']);

/**
 * The grid's keys that differ from AG Grid's:
 * - Tab and Shift+Tab save the edit and move to the next cell without opening its editor, as in a spreadsheet;
 *   typing there starts the next edit. A refused edit stays open where it was.
 * - Enter that ends an edit sends it before the grid closes the editor and moves down (it asks for the save only
 *   a task later, often after a frame).
 * - Keys on the new-deal (draft) row act on that row (see draftKey).
 */
export function suppressGridKeys(params: SuppressKeyboardEventParams<DealRow, GridContext>): boolean {
  const { event, editing, api, column } = params;
  if (event.type !== 'keydown') return false;
  if (editing) {
    if (event.key === 'Tab' && !event.ctrlKey && !event.metaKey && !event.altKey) {
      event.preventDefault();
      api.stopEditing();
      if (!params.context.refusalPending()) {
        if (event.shiftKey) api.tabToPreviousCell();
        else api.tabToNextCell();
      }
      return true;
    }
    if (event.key === 'Enter' && !event.ctrlKey && !event.metaKey && !event.altKey && !event.isComposing) params.context.editEnding(params.node, column);
    return (event.key === 'ArrowDown' || event.key === 'ArrowUp') && LIST_EDITORS.has(column.getColId());
  }
  return draftKey(params) || rangeKey(params);
}

/** Delete over a block of cells clears it; Ctrl+D fills it down (each one undo step). */
function rangeKey({ event, node, context }: SuppressKeyboardEventParams<DealRow, GridContext>): boolean {
  if (node.rowPinned) return false;
  const ctrl = event.ctrlKey || event.metaKey;
  if (ctrl && !event.shiftKey && !event.altKey && event.key.toLowerCase() === 'd') {
    event.preventDefault();
    context.fillDown();
    return true;
  }
  if ((event.key === 'Delete' || event.key === 'Backspace') && !ctrl && context.range.isBlock()) {
    event.preventDefault();
    context.clearRange();
    return true;
  }
  return false;
}

/**
 * Keys on the new-deal row act on that row. AG Grid's Home and End jump to the first and last body rows, and
 * Ctrl+arrows and Page Up/Down move by pages of the body: from the draft row each of those would put the focus on
 * a saved deal, where the next paste or keystroke changes it unnoticed. Here Home, End and Ctrl+Left/Right go to
 * the ends of the draft row, and the keys that move by rows stay put. Only ArrowDown (one row, on purpose) leaves
 * the draft row for the first saved deal.
 */
function draftKey({ event, node, api }: SuppressKeyboardEventParams<DealRow, GridContext>): boolean {
  if (node.rowPinned !== 'top') return false;
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
  if (byRows) event.preventDefault();
  return byRows;
}

function endColumn(api: GridApi<DealRow>, first: boolean): Column | undefined {
  const columns = api.getAllDisplayedColumns();
  return first ? columns[0] : columns[columns.length - 1];
}
