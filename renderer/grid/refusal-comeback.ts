import type { Refusal } from './grid-context';

// A refused edit is shown again only in the editor that reopens for it, not in one the analyst opens later.
const REFUSAL_FRESH_MS = 3000;

/** One edit on its way: sent (or parsed) during the analyst's input number `input`, refused once `refusal` is set. */
export type Comeback = { rowId: string; colId: string; cell: string; input: number; refusal: (Refusal & { at: number }) | null };

export const cellKey = (rowId: string, colId: string): string => `${rowId}:${colId}`;

/**
 * Refused edits coming back into their cell's editor, unless the analyst moved on before the refusal arrived.
 *
 * A refusal comes back a moment after the key that sent the edit (a task later when the window refuses it, a round
 * trip later when the book does). Whatever the analyst did meanwhile wins: Escape gives every edit on its way up,
 * and going to (or starting an edit in) another cell gives up the edits of the cells left behind. The editor would
 * otherwise reopen with the old text and the next typing would be appended to it (3/4/20253/4/2025).
 *
 * "Meanwhile" is counted in the analyst's inputs (key presses and clicks): the moves the sending input makes itself
 * (Enter goes down a row, a click away ends the edit) are not moving on. Timers cannot tell: a key the analyst
 * presses may be handled before a timer set by the one before it.
 */
export class RefusalComebacks {
  private input = 0;
  private readonly pending = new Map<string, Comeback>();

  /** A key press or a click of the analyst's begins (before the grid handles it). */
  inputBegan(): void {
    this.input++;
  }

  /** An edit of the cell goes out (or is parsed in the window): it may come back refused. */
  sent(rowId: string, colId: string): Comeback {
    const comeback: Comeback = { rowId, colId, cell: cellKey(rowId, colId), input: this.input, refusal: null };
    this.pending.set(comeback.cell, comeback);
    return comeback;
  }

  /** The edit was saved (or is dropped): nothing comes back. */
  done(comeback: Comeback): void {
    if (this.pending.get(comeback.cell) === comeback) this.pending.delete(comeback.cell);
  }

  /** The edit was refused: true when its editor is to reopen with the text (the analyst has not moved on). */
  refused(comeback: Comeback, refusal: Refusal): boolean {
    if (this.pending.get(comeback.cell) !== comeback) return false;
    comeback.refusal = { ...refusal, at: Date.now() };
    return true;
  }

  /** Whether the refused edit is still to reopen its editor. */
  reopening(comeback: Comeback): boolean {
    return this.pending.get(comeback.cell) === comeback && comeback.refusal !== null;
  }

  /** Escape: the edits sent before this key press do not come back. */
  giveUpAll(): void {
    for (const [cell, comeback] of this.pending) if (comeback.input < this.input) this.pending.delete(cell);
  }

  /** The analyst went to this cell, or began editing it: the edits of other cells sent before do not come back. */
  movedTo(rowId: string | undefined, colId: string): void {
    const here = rowId === undefined ? null : cellKey(rowId, colId);
    for (const [cell, comeback] of this.pending) if (cell !== here && comeback.input < this.input) this.pending.delete(cell);
  }

  /**
   * The refused text for the editor opening in this cell; taken once, and only while fresh. An editor opened by a
   * typed key is a new edit: it starts from that key and the refused text is dropped.
   */
  take(rowId: string | undefined, colId: string, typedKey: boolean): Refusal | null {
    if (rowId === undefined) return null;
    const comeback = this.pending.get(cellKey(rowId, colId));
    if (!comeback?.refusal) return null;
    this.pending.delete(comeback.cell);
    if (typedKey) return null;
    const { text, reason, at } = comeback.refusal;
    return Date.now() - at < REFUSAL_FRESH_MS ? { text, reason } : null;
  }
}
