/** What cell editors and renderers read from the grid's context. */
export type GridContext = {
  /** Every party name in the book, for the party autocomplete. */
  partyNames: () => string[];
  /**
   * Keys typed after an edit started but before its editor had focus (a fast typist outruns the editor's
   * first render), up to and including the first key that ends the edit; the editor applies them, so no
   * keystroke is lost.
   */
  takeTypedKeys: () => string[];
};
