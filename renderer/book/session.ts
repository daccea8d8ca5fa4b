import type { GridApi } from 'ag-grid-community';
import type { Change, Client } from '../../shared/contract';
import type { DealRow, PartyKind } from '../../shared/deal';
import type { AppError, Result } from '../../shared/result';
import { applyChange, type Applied } from '../grid/apply-change';
import { newestFirst } from '../grid/row-order';
import { errorView } from './errors';
import { takeInitialLoad } from './initial-load';
import { WINDOW_SETTING_KEYS } from './window-settings';
import { createStore, initialState, type ErrorView, type SessionState } from './store';

// Long enough for the grid to paint a change first and to fold a burst of changes into one count.
const RECOUNT_DELAY_MS = 80;

type WriteHooks = {
  /** Whether the parties list may have changed (new, renamed or merged parties, deal counts). Default true. */
  parties?: boolean;
  /** Runs before the change is applied, e.g. to learn the id of a deal that a draft row shows. */
  before?: (change: Change) => void;
  after?: (change: Change, applied: Applied | null) => void;
  failed?: (error: AppError) => void;
};

/**
 * The book as the UI holds it: one queue of writes (so answers apply in the order they were asked),
 * the grid patched from each answer, and the state the chrome shows. Rows never pass through React state.
 */
export class BookSession {
  readonly store = createStore<SessionState>(initialState);
  api: GridApi<DealRow> | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  /** The deal the pinned draft row shows once saved; its changes go there, not into the body. */
  draftDealId: number | null = null;
  onDraftRow: (row: DealRow | null, deleted: boolean) => void = () => undefined;

  constructor(readonly client: Client) {}

  /** The grid is up with `rows`; count them now (cheap, over the array) and exactly once it has painted. */
  attach(api: GridApi<DealRow>, rows: readonly DealRow[]): void {
    this.api = api;
    let amount = 0;
    for (const row of rows) amount += row.amount_usd ?? 0;
    this.store.set({ counts: { shown: rows.length, total: rows.length, amount } });
    this.recount();
  }

  /** Every deal and the window's settings (grid layout, charts pane), before the grid is built. */
  async loadInitial(): Promise<{ rows: DealRow[]; layout: string | null; charts: string | null } | null> {
    const { deals, settings } = await takeInitialLoad(this.client, WINDOW_SETTING_KEYS);
    if (!deals.ok) {
      this.showError(errorView(deals.error));
      return null;
    }
    void this.refreshMeta();
    const [layout = null, charts = null] = settings;
    return { rows: deals.value, layout, charts };
  }

  /** Reload every deal (after an import or a change too large to patch). */
  async reload(): Promise<void> {
    const deals = await this.client.listDeals({});
    if (!deals.ok) return this.showError(errorView(deals.error));
    this.api?.setGridOption('rowData', newestFirst(deals.value));
    if (this.draftDealId !== null) this.onDraftRow(null, !deals.value.some((r) => r.id === this.draftDealId));
    this.recount();
  }

  private metaRunning = false;
  private metaAgain: { parties: boolean } | null = null;

  /**
   * Re-read the undo state and (when asked) the parties. Runs one at a time; requests made meanwhile fold into
   * one more run, so a burst of edits costs two reads, not one per edit.
   */
  async refreshMeta(parties = true): Promise<void> {
    if (this.metaRunning) {
      this.metaAgain = { parties: parties || (this.metaAgain?.parties ?? false) };
      return;
    }
    this.metaRunning = true;
    try {
      const [info, list] = await Promise.all([this.client.bookInfo({}), parties ? this.client.listParties({}) : null]);
      this.store.set({ ...(info.ok ? { info: info.value } : {}), ...(list?.ok ? { parties: list.value } : {}) });
    } finally {
      this.metaRunning = false;
      const again = this.metaAgain;
      this.metaAgain = null;
      if (again) void this.refreshMeta(again.parties);
    }
  }

  /** Send one write after the ones before it; patch the grid with the answer. Resolves true when saved. */
  write(call: () => Promise<Result<Change>>, hooks: WriteHooks = {}): Promise<boolean> {
    this.store.set((s) => ({ saving: s.saving + 1 }));
    const run = async (): Promise<boolean> => {
      let result: Result<Change>;
      try {
        result = await call();
      } catch (err) {
        result = { ok: false, error: { code: 'io', message: `The book could not be reached: ${(err as Error).message}` } };
      }
      if (!result.ok) {
        this.store.set((s) => ({ saving: s.saving - 1 }));
        hooks.failed?.(result.error);
        this.showError(errorView(result.error));
        return false;
      }
      const change = result.value;
      let counted = false;
      try {
        hooks.before?.(change);
        let applied: Applied | null = null;
        if (change.reload) await this.reload();
        else if (this.api) applied = this.applyToGrid(change);
        // The save and the end of "saving" in one update (each update re-renders the toolbar and status bar). A
        // save also takes away the error of an earlier one: it was dealt with or is past.
        this.store.set((s) => ({ saving: s.saving - 1, savedAt: change.savedAt, savedLabel: change.label, notice: null, error: null, lastEvent: 'save' }));
        counted = true;
        hooks.after?.(change, applied);
      } finally {
        // Saved, but showing it failed (a reload that threw): "saving" must still end.
        if (!counted) this.store.set((s) => ({ saving: s.saving - 1 }));
      }
      void this.refreshMeta(hooks.parties ?? true);
      return true;
    };
    const next = this.queue.then(run, run);
    this.queue = next.catch(() => undefined);
    return next;
  }

  private applyToGrid(change: Change): Applied {
    const applied = applyChange(this.api!, change, this.draftDealId);
    // A transaction is counted again once the grid has it (onModelUpdated). Rows updated in place raise no model
    // event and change neither count: the sum moves by their change, and the charts follow the new version, with
    // no pass over every row (about 40 ms at 100k deals, after every edit).
    if (!applied.transaction && applied.inPlace > 0) {
      if (applied.amountDelta !== 0) this.store.set((s) => ({ counts: { ...s.counts, amount: s.counts.amount + applied.amountDelta } }));
      this.rowsChanged();
    }
    if (applied.draftDeleted) this.onDraftRow(null, true);
    else if (applied.draftRow) this.onDraftRow(applied.draftRow, false);
    if (applied.added.length) {
      const nodes = applied.added.flatMap((id) => this.api!.getRowNode(String(id)) ?? []);
      this.api!.flashCells({ rowNodes: nodes });
    }
    return applied;
  }

  /** Wait until every write asked for so far has been answered. */
  settled(): Promise<unknown> {
    return this.queue;
  }

  showError(error: ErrorView): void {
    this.store.set({ error, lastEvent: 'error' });
  }

  clearError(): void {
    this.store.set({ error: null });
  }

  notify(notice: string): void {
    this.store.set({ notice });
  }

  undo(): Promise<boolean> {
    return this.write(() => this.client.undo({}));
  }

  redo(): Promise<boolean> {
    return this.write(() => this.client.redo({}));
  }

  deleteDeals(ids: number[]): Promise<boolean> {
    if (!ids.length) {
      this.showError({ message: 'Select the deals to delete first (tick their boxes, or Space on a row)', lines: [] });
      return Promise.resolve(false);
    }
    return this.write(() => this.client.deleteDeals({ ids }));
  }

  /** Copy deals; resolves with the copies' ids (empty when nothing was saved). */
  async duplicateDeals(ids: number[]): Promise<number[]> {
    if (!ids.length) {
      this.showError({ message: 'Select or focus the deals to duplicate first', lines: [] });
      return [];
    }
    let copies: number[] = [];
    // The copies are the rows the grid did not have (a change so large that the book is reloaded names none).
    await this.write(() => this.client.duplicateDeals({ ids }), { after: (_change, applied) => void (copies = applied?.added ?? []) });
    return copies;
  }

  renameParty(name: string, to: string): Promise<boolean> {
    return this.write(() => this.client.renameParty({ name, to }));
  }

  mergeParties(names: string[], into: string): Promise<boolean> {
    return this.write(() => this.client.mergeParties({ names, into }));
  }

  setPartyKind(name: string, kind: PartyKind): Promise<boolean> {
    return this.write(() => this.client.setPartyKind({ name, kind }));
  }

  private recountTimer: ReturnType<typeof setTimeout> | null = null;

  /**
   * Rows shown, rows in the book and the amount over the shown rows, for the status bar. Two passes over every
   * row, so after edits it runs once per burst, after the grid has painted them; a filter or sort the analyst
   * just chose (`now`) is counted at once, so the status bar and the charts follow without a lag.
   */
  recount(now = false): void {
    if (now) {
      if (this.recountTimer !== null) clearTimeout(this.recountTimer);
      this.recountTimer = null;
      return this.countNow();
    }
    if (this.recountTimer !== null) return;
    this.recountTimer = setTimeout(() => {
      this.recountTimer = null;
      this.countNow();
    }, RECOUNT_DELAY_MS);
  }

  private versionTimer: ReturnType<typeof setTimeout> | null = null;

  /** Rows changed in place: the charts follow once per burst of edits, 80 ms after its last edit. */
  private rowsChanged(): void {
    if (this.versionTimer !== null) clearTimeout(this.versionTimer);
    this.versionTimer = setTimeout(() => {
      this.versionTimer = null;
      this.store.set((s) => ({ rowsVersion: s.rowsVersion + 1 }));
    }, RECOUNT_DELAY_MS);
  }

  private countNow(): void {
    const api = this.api;
    if (!api || api.isDestroyed()) return;
    let total = 0;
    let shown = 0;
    let amount = 0;
    api.forEachNode(() => void total++);
    api.forEachNodeAfterFilter((node) => {
      shown++;
      amount += node.data?.amount_usd ?? 0;
    });
    this.store.set((s) => ({ counts: { shown, total, amount }, rowsVersion: s.rowsVersion + 1 }));
  }
}
