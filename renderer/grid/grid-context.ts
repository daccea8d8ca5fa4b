/** A refused edit: the text the analyst typed and why it was refused, shown again in the cell's editor. */
export type Refusal = { text: string; reason: string };

import type { Column, IRowNode } from 'ag-grid-community';
import type { DealRow } from '../../shared/model/deal';
import type { RangeSelection } from './range-selection';

/** What cell editors, class rules and the grid's keys read from the grid's context. */
export type GridContext = {
  /** The block of cells Shift+click or Shift+arrows selected. */
  range: RangeSelection;
  /** Delete over a block: empty its editable optional cells, one undo step. */
  clearRange: () => void;
  /** Ctrl+D: the block's first row copied down into its other rows, one undo step. */
  fillDown: () => void;
  /** Every party name in the book, for the party autocomplete. */
  partyNames: () => string[];
  /**
   * The refused edit of this cell, if its editor is being reopened after one; taken once. `byKey`: the analyst
   * opened this editor with a key (a new edit, which drops the refused text).
   */
  takeRefusal: (rowId: string | undefined, colId: string, byKey: boolean) => Refusal | null;
  /** Enter is about to end this cell's edit: it is sent at once, with the text its editor holds. */
  editEnding: (node: IRowNode<DealRow>, column: Column) => void;
  /** Whether the edit that just ended was refused (its editor is about to reopen). */
  refusalPending: () => boolean;
  /** A round-trip cell's tooltip: its basis in words and the deals whose amounts or splits are missing. */
  roundTripTip?: (id: number) => string | undefined;
};
