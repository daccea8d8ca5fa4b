import type { CellPosition, GridApi } from 'ag-grid-community';
import type { BookEvent } from '../../shared/protocol/contract';
import type { DealRow } from '../../shared/model/deal';
import type { BookSession } from '../book/session';
import { madeBy } from '../book/event-state';
import { headerOf } from '../book/errors';
import type { ErrorView } from '../book/store';

/**
 * What the analyst is told when the deal whose cell they are typing into is deleted by someone else (another tab,
 * another analyst of a team book, dealbook): the editor closes, as there is no deal left to save the text to, and
 * nothing is sent. Decision: the text is not silently dropped, nor saved anywhere on its own (a new deal made of
 * one cell would be a guess); the error banner names the deal, the cell and who deleted it, and holds the typed
 * text word for word, to be copied or typed again once the analyst knows where it belongs (Undo of the delete
 * brings the deal back). The banner stays until dismissed or until this window's next save.
 */
export function deletedWhileEditing(event: BookEvent, me: string | undefined, dealId: number, field: string, typed: unknown): ErrorView {
  const by = madeBy(event, me);
  const where = by === 'another program' ? ' by another program' : by ? ` in ${by}` : '';
  const text = typed === null || typed === undefined ? '' : String(typed);
  return {
    message: `Deal ${dealId} was deleted${where} while you were editing its ${headerOf(field)}; what you typed was not saved`,
    lines: text === '' ? [] : [`You typed: ${text}`],
  };
}

/**
 * Deals an event is about to delete: an editor open in one of them is closed without a save (no deal is left to
 * take it), and the banner says so with the typed text. `rowIdAt`: the row id at a cell ('draft' for the new-deal row).
 */
export function closeEditorOfDeleted(
  api: GridApi<DealRow>,
  session: BookSession,
  ids: readonly number[],
  event: BookEvent,
  rowIdAt: (cell: Pick<CellPosition, 'rowIndex' | 'rowPinned'>) => string | undefined,
): void {
  for (const cell of api.getEditingCells()) {
    const rowId = rowIdAt(cell);
    const dealId = rowId === 'draft' ? session.draftDealId : Number(rowId);
    if (rowId === undefined || dealId === null || !ids.includes(dealId) || !cell.column) continue;
    const node = rowId === 'draft' ? api.getPinnedTopRow(0) : api.getRowNode(rowId);
    const typed: unknown = node ? api.getCellEditorInstances({ rowNodes: [node], columns: [cell.column] })[0]?.getValue() : undefined;
    api.stopEditing(true);
    session.showError(deletedWhileEditing(event, session.store.get().info?.caller, dealId, cell.column.getColId(), typed));
  }
}
