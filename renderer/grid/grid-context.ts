/** A refused edit: the text the analyst typed and why it was refused, shown again in the cell's editor. */
export type Refusal = { text: string; reason: string };

/** What cell editors read from the grid's context. */
export type GridContext = {
  /** Every party name in the book, for the party autocomplete. */
  partyNames: () => string[];
  /** The refused edit of this cell, if its editor is being reopened after one; taken once. */
  takeRefusal: (rowId: string | undefined, colId: string) => Refusal | null;
  /** Whether the edit that just ended was refused (its editor is about to reopen). */
  refusalPending: () => boolean;
};
