import type { DealRow } from '../../shared/model/deal';

/** What one change did to the book's rows: rows new to the window, rows replaced (with what they were), rows gone. */
export type RowDelta = {
  add: DealRow[];
  update: DealRow[];
  /** The rows `update` replaces, index for index (a view compares them, e.g. whether a sorted column moved). */
  before: DealRow[];
  remove: DealRow[];
};

/** A view of the rows (the grid): told what changed, never asked for rows. */
export type RowsView = {
  changed(delta: RowDelta): void;
  /** Every row anew (the book was reloaded). */
  reset(rows: readonly DealRow[]): void;
  /** The round trips (ratio and basis) of rows were replaced in place (a scenario): redraw those cells. */
  derived(): void;
};

/**
 * The book's rows as the window holds them: one object per deal, by id, in the order they were loaded (new deals
 * after). The grid and the charts are views of these same objects. Which rows the grid shows is the grid's to say
 * (its quick filter and column filters): it reports their ids here after each filtering, or null when no filter is
 * set, and the charts read them from here.
 */
export class BookRows {
  private readonly byId = new Map<number, DealRow>();
  private shownIds: readonly number[] | null = null;
  private allCache: DealRow[] | null = null;
  private shownCache: DealRow[] | null = null;
  private view: RowsView | null = null;

  get size(): number {
    return this.byId.size;
  }

  get(id: number): DealRow | undefined {
    return this.byId.get(id);
  }

  /** Every row of the book; the same array until the rows change, so never change it. */
  all(): DealRow[] {
    return (this.allCache ??= [...this.byId.values()]);
  }

  /** The rows the grid shows after its filters (every row when none is set); shared like `all()`. */
  shown(): DealRow[] {
    if (this.shownIds === null) return this.all();
    if (this.shownCache) return this.shownCache;
    const rows: DealRow[] = [];
    for (const id of this.shownIds) {
      const row = this.byId.get(id);
      if (row) rows.push(row);
    }
    return (this.shownCache = rows);
  }

  /** Whether the grid has a filter set (so `shown()` is a subset that an edit may change). */
  filtered(): boolean {
    return this.shownIds !== null;
  }

  /** The grid filtered: these deals pass (null: every deal, no filter set). */
  showing(ids: readonly number[] | null): void {
    this.shownIds = ids;
    this.shownCache = null;
  }

  /** Start over with these rows (the book opened or was reloaded); the view, if any, is handed them all. */
  load(rows: readonly DealRow[]): void {
    this.byId.clear();
    for (const row of rows) this.byId.set(row.id, row);
    this.touched();
    this.view?.reset(rows);
  }

  /**
   * Take the rows of one change (new versions, deleted ids). `routed` are kept here but shown by someone else
   * (the grid's pinned draft row): the view is not told about them. Returns what changed.
   */
  apply(changed: readonly DealRow[], deleted: readonly number[], routed: (id: number) => boolean = () => false): RowDelta {
    const delta: RowDelta = { add: [], update: [], before: [], remove: [] };
    const forView: RowDelta = { add: [], update: [], before: [], remove: [] };
    for (const row of changed) {
      const old = this.byId.get(row.id);
      this.byId.set(row.id, row);
      const target = routed(row.id) ? [delta] : [delta, forView];
      for (const d of target) {
        if (old) {
          d.update.push(row);
          d.before.push(old);
        } else d.add.push(row);
      }
    }
    for (const id of deleted) {
      const old = this.byId.get(id);
      if (!old) continue;
      this.byId.delete(id);
      delta.remove.push(old);
      if (!routed(id)) forView.remove.push(old);
    }
    if (delta.add.length || delta.update.length || delta.remove.length) this.touched();
    if (forView.add.length || forView.update.length || forView.remove.length) this.view?.changed(forView);
    return delta;
  }

  /**
   * Derived values of rows were replaced in place (e.g. every row's ƒ values under another scenario): the rows
   * stay the same objects, so the grid redraws those cells of the rows on screen instead of taking a transaction.
   * `all()` and `shown()` stay the same arrays too: what the analytics cache per rows array (the columns, the
   * cycle graph, the flows of a scenario compared) stays valid, and a chart fed the rows does not recompute for a
   * change of rows that is not one (the session's rowsVersion says the ƒ values changed).
   */
  derivedReplaced(): void {
    this.view?.derived();
  }

  /** The grid is up (it was built from `all()`); changes go to it from now on. Returns the detach. */
  attach(view: RowsView): () => void {
    this.view = view;
    return () => {
      if (this.view === view) this.view = null;
    };
  }

  private touched(): void {
    this.allCache = null;
    this.shownCache = null;
  }
}
