import type { BookEvent } from '../../shared/protocol/contract';
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
