import type { CellPosition, GridApi } from 'ag-grid-community';
import type { BookEvent } from '../../shared/protocol/contract';
import type { DealRow } from '../../shared/model/deal';
import { headerOf } from '../book/errors';
import { windowLabel } from '../step-label';
import { madeBy } from '../book/event-state';
import type { ErrorView } from '../book/store';
import { holdFocus, type HeldFocus } from './focus-by-deal';

/** Where the analyst was when the whole book was reloaded: the focused cell and an open editor, by deal id. */
export type HeldPlace = {
  focus: HeldFocus | null;
  editor: { rowId: string; colId: string; typed: string } | null;
};

/**
 * Before a whole-book reload (an import or a large undo in another window, lost events): the grid keeps focus and
 * editors by row position, and the reload reorders the rows (newest first), so the focus would land on another
 * deal and the next key typed would edit it. Held by deal id instead; an open editor is closed without a save,
 * its text kept to be put back. The pinned new-deal row is not reloaded and keeps its own.
 */
export function holdPlace(api: GridApi<DealRow>, rowIdAt: (cell: Pick<CellPosition, 'rowIndex' | 'rowPinned'>) => string | undefined): HeldPlace {
  const focus = holdFocus(api);
  let editor: HeldPlace['editor'] = null;
  for (const cell of api.getEditingCells()) {
    if (cell.rowPinned || !cell.column) continue;
    const rowId = rowIdAt(cell);
    const node = rowId === undefined ? undefined : api.getRowNode(rowId);
    if (!node || rowId === undefined) continue;
    const value: unknown = api.getCellEditorInstances({ rowNodes: [node], columns: [cell.column] })[0]?.getValue();
    editor = { rowId, colId: cell.column.getColId(), typed: value === null || value === undefined ? '' : String(value) };
    api.stopEditing(true);
  }
  return { focus, editor };
}

/** ` in another window (Import 5 deals)`: who reloaded the book and with what step, for the notes below. */
function reloadedBy(event: BookEvent | null, me: string | undefined): string {
  if (!event) return ' (the window caught up on changes it had missed)';
  const by = madeBy(event, me);
  const where = by === 'another program' ? ' by another program' : by ? ` in ${by}` : '';
  return `${where} (${windowLabel(event.label)})`;
}

/** Why an editor reopened after a reload: said beside it, as a refused edit's reason is. */
export function keptNote(event: BookEvent | null, me: string | undefined): string {
  return `The book was reloaded${reloadedBy(event, me)} while you typed; your text is kept: Enter saves it, Esc drops it`;
}

/**
 * The deal whose cell was being edited is gone after the reload (or `hidden` by the filters): what the analyst
 * typed, word for word, to be typed again where it belongs.
 */
export function goneThroughReload(event: BookEvent | null, me: string | undefined, dealId: string, colId: string, typed: string, hidden = false): ErrorView {
  const fate = hidden ? `is hidden by the filters since the book was reloaded${reloadedBy(event, me)}` : `was removed${reloadedBy(event, me)}`;
  return {
    message: `Deal ${dealId} ${fate} while you were editing its ${headerOf(colId)}; what you typed was not saved`,
    lines: typed === '' ? [] : [`You typed: ${typed}`],
  };
}
