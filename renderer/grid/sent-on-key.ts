import type { RawValue } from '../../shared/protocol/contract';

/**
 * Edits sent as the key that ends them (Enter) was pressed, by cell (`id:field`), until the grid's own request
 * for each: AG Grid hands its events to listeners a task later, often after a frame. The grid's request for the
 * same text is then the edit already on its way. Forgotten when the cell's edit ends without a request (the text
 * was what the cell held). Not when the grid says the edit started: typed fast, or on a busy machine, Enter can
 * come before the grid has told that.
 */
export class EditsSentOnKey {
  private readonly sent = new Map<string, RawValue>();

  /** Note the edit as sent; false when this very text was sent for the cell already (asked twice for one key). */
  send(cell: string, raw: RawValue): boolean {
    if (this.sent.has(cell) && this.sent.get(cell) === raw) return false;
    this.sent.set(cell, raw);
    return true;
  }

  /** The grid asks for this edit: whether it was sent already. */
  take(cell: string, raw: RawValue): boolean {
    const sent = this.sent.has(cell) && this.sent.get(cell) === raw;
    this.sent.delete(cell);
    return sent;
  }

  forget(cell: string): void {
    this.sent.delete(cell);
  }
}
