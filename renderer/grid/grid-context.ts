/** What cell editors and renderers read from the grid's context. */
export type GridContext = {
  /** Every party name in the book, for the party autocomplete. */
  partyNames: () => string[];
};
