import { dealsToCsvChunks, type CsvColumn } from '../../shared/csv/csv-write';
import type { DealRow } from '../../shared/model/deal';
import { rowsOfIds } from './csv-service';

/**
 * Rows written per step when a window has its view made ahead: about 30 ms of the service's time at 100k deals, so
 * an edit that arrives meanwhile waits no longer than that.
 */
export const PREPARE_STEP_ROWS = 8000;

/** A window's view as exportCsv takes it: which deals in which order, and which columns (absent: all, in order). */
export type ViewRequest = { ids?: readonly number[]; columns?: readonly CsvColumn[] };

type Made = { rows: readonly DealRow[]; request: ViewRequest; ordered: readonly DealRow[]; header: string; pieces: string[]; next: number };

function sameList<T>(a: readonly T[] | undefined, b: readonly T[] | undefined): boolean {
  if (a === b) return true;
  if (!a || !b || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * The CSV of the last view asked for, kept while the rows it was made from are the rows (any change makes a new
 * rows array): Export CSV of the same view again joins what was made, and a window may have its view made ahead
 * in idle time, a step at a time (`prepare`), so that its first Export CSV finds it made. Made in steps of whole
 * rows, the text is the same as dealsToCsvChunks of the view's rows in one go (the lines do not depend on where a
 * piece begins).
 */
export function createExportViews() {
  let made: Made | null = null;

  function of(rows: readonly DealRow[], request: ViewRequest): Made {
    if (made && made.rows === rows && sameList(made.request.ids, request.ids) && sameList(made.request.columns, request.columns)) return made;
    const ordered = request.ids ? rowsOfIds(rows, request.ids) : rows;
    made = { rows, request, ordered, header: dealsToCsvChunks([], request.columns)[0]!, pieces: [], next: 0 };
    return made;
  }

  function write(m: Made, count: number): void {
    const end = Math.min(m.ordered.length, m.next + count);
    if (end === m.next) return;
    const chunks = dealsToCsvChunks(m.ordered.slice(m.next, end), m.request.columns);
    for (let i = 1; i < chunks.length; i++) m.pieces.push(chunks[i]!);
    m.next = end;
  }

  return {
    /** One step of making the view's CSV ahead; true once it is all made. */
    prepare(rows: readonly DealRow[], request: ViewRequest): boolean {
      const m = of(rows, request);
      write(m, PREPARE_STEP_ROWS);
      return m.next >= m.ordered.length;
    },
    /** The view's CSV: what was made ahead (or for the last export of it), and the rest now. */
    text(rows: readonly DealRow[], request: ViewRequest): string {
      const m = of(rows, request);
      write(m, Infinity);
      // Joined once: the next export of the view hands the same text over.
      if (m.pieces.length !== 1) m.pieces = [m.pieces.join('')];
      return m.header + m.pieces[0]!;
    },
    /** Let go of the text (the book closes). */
    drop(): void {
      made = null;
    },
  };
}
