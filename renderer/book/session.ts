import type { GridApi } from 'ag-grid-community';
import type { BookEvent, BookInfo, Change, Client } from '../../shared/contract';
import type { DealRow, PartyKind } from '../../shared/deal';
import type { AppError, Result } from '../../shared/result';
import type { EventFeed, EventHead } from '../api/event-feed';
import { applyChange, type Applied } from '../grid/apply-change';
import { EventSequencer } from './event-sequencer';
import { newestFirst } from '../grid/row-order';
import { errorView } from './errors';
import { takeInitialLoad } from './initial-load';
import { WINDOW_SETTING_KEYS } from './window-settings';
import { ScenarioControl } from './scenario-control';
import { viewBook } from '../../shared/book-view';
import { isPlainScenario } from '../../shared/scenario';
import { createStore, initialState, type ErrorView, type SessionState } from './store';

// Long enough for the grid to paint a change first and to fold a burst of changes into one count.
const RECOUNT_DELAY_MS = 80;

type WriteHooks<C extends Change = Change> = {
  /** Runs before the change is applied, e.g. to learn the id of a deal that a draft row shows. */
  before?(change: C): void;
  after?(change: C, applied: Applied | null): void;
  failed?(error: AppError): void;
};

/**
 * The book as the UI holds it: the grid's rows and the state the chrome shows, fed by the book's events (this
 * window's writes, other windows', other programs'), applied in order through one path. Writes go one at a time
 * (so answers apply in the order they were asked). Rows never pass through React state.
 */
export class BookSession {
  readonly store = createStore<SessionState>(initialState);
  api: GridApi<DealRow> | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  /** The deal the pinned draft row shows once saved; its changes go there, not into the body. */
  draftDealId: number | null = null;
  onDraftRow: (row: DealRow | null, deleted: boolean) => void = () => undefined;
  private sequencer: EventSequencer | null = null;
  private stopFeed: (() => void) | null = null;
  /** Hooks of this window's writes, by the seq of their event, until it is shown. */
  private readonly hooksBySeq = new Map<number, WriteHooks>();
  private attached!: () => void;
  /** Events wait for the grid once the book is loading: they are applied to it once it is up. */
  private waitForGrid = false;
  private readonly gridReady = new Promise<void>((resolve) => (this.attached = resolve));
  /** The scenario the window shows (v2), remembered per book. */
  readonly scenarios = new ScenarioControl(this);

  constructor(
    readonly client: Client,
    private readonly feed: EventFeed | null = null,
  ) {}

  /** The grid is up with `rows`; count them now (cheap, over the array) and exactly once it has painted. */
  attach(api: GridApi<DealRow>, rows: readonly DealRow[]): void {
    this.api = api;
    let amount = 0;
    for (const row of rows) amount += row.amount_usd ?? 0;
    this.store.set({ counts: { shown: rows.length, total: rows.length, amount } });
    this.recount();
    this.attached();
    this.scenarios.rederive();
  }

  /** Every deal and the window's settings (grid layout, charts pane), before the grid is built; then the events. */
  async loadInitial(): Promise<{ rows: DealRow[]; layout: string | null; charts: string | null } | null> {
    const { info, deals, settings } = await takeInitialLoad(this.client, WINDOW_SETTING_KEYS);
    if (!info.ok || !deals.ok) {
      this.showError(errorView(!info.ok ? info.error : (deals as { ok: false; error: AppError }).error));
      return null;
    }
    this.store.set({ info: info.value });
    this.waitForGrid = true;
    this.listen(info.value);
    void this.refreshParties();
    const [layout = null, charts = null, scenario = null] = settings;
    void this.scenarios.load(scenario);
    return { rows: deals.value, layout, charts };
  }

  /** Follow the book's events from where `info` stands; a step made since is asked for at once. */
  private listen(info: BookInfo): void {
    const sequencer = new EventSequencer(info, {
      me: info.caller,
      apply: (event, own) => this.applyEvent(event, own),
      missed: (head) => this.client.eventsSince({ stream: head.stream, after: head.seq }),
      reload: () => this.reloadAll(),
    });
    this.sequencer = sequencer;
    this.stopFeed?.();
    this.stopFeed = this.feed?.({ event: (e) => sequencer.pushed(e), reset: () => sequencer.reset() }, () => sequencer.current()) ?? null;
    void sequencer.catchUp();
  }

  /** Stop following the book's events (the window is going away). */
  close(): void {
    this.stopFeed?.();
    this.stopFeed = null;
  }

  /** Show everything the book has committed so far (after an import, whose event is pushed). */
  async caughtUp(): Promise<void> {
    await this.sequencer?.catchUp();
  }

  /** Reload every deal (a change too large to patch, the columns reset). */
  async reload(): Promise<void> {
    const deals = await this.client.listDeals({});
    if (!deals.ok) return this.showError(errorView(deals.error));
    this.api?.setGridOption('rowData', newestFirst(deals.value));
    if (this.draftDealId !== null) this.onDraftRow(null, !deals.value.some((r) => r.id === this.draftDealId));
    this.recount();
    this.scenarios.rowsChanged();
  }

  /** Events were lost: read the undo stack and where the events stand, then every deal and the parties. */
  private async reloadAll(): Promise<EventHead | null> {
    const info = await this.client.bookInfo({});
    if (!info.ok) {
      this.showError(errorView(info.error));
      return null;
    }
    await this.gridReady;
    this.store.set({ info: info.value });
    await this.reload();
    void this.refreshParties();
    return info.value;
  }

  private partiesRunning = false;
  private partiesAgain = false;

  /** Read the parties again (their events say they changed); a burst of events costs two reads, not one each. */
  async refreshParties(): Promise<void> {
    if (this.partiesRunning) {
      this.partiesAgain = true;
      return;
    }
    this.partiesRunning = true;
    try {
      const list = await this.client.listParties({});
      if (list.ok) this.store.set({ parties: list.value });
      // A parent set or cleared regroups the parties of a scenario that rolls up.
      if (list.ok && this.scenarios.current().roll_up) this.scenarios.rederive();
    } finally {
      this.partiesRunning = false;
      if (this.partiesAgain) {
        this.partiesAgain = false;
        void this.refreshParties();
      }
    }
  }

  /**
   * Show one event, whoever made it: patch the grid (or reload it), relabel Undo and Redo, say what was saved.
   * For this window's own write, its hooks run around it and "saving" ends with it.
   */
  private async applyEvent(event: BookEvent, own: boolean): Promise<void> {
    const hooks = own ? this.hooksBySeq.get(event.seq) : undefined;
    if (own) this.hooksBySeq.delete(event.seq);
    if (this.waitForGrid) await this.gridReady;
    let counted = false;
    try {
      hooks?.before?.(event);
      let applied: Applied | null = null;
      if (event.reload) await this.reload();
      else if (this.api) applied = this.applyToGrid(event);
      const label = own || event.by === this.store.get().info?.caller ? event.label : `${event.label} (${event.by === 'another program' ? 'another program' : 'another window'})`;
      // The save, the undo stack and the end of "saving" in one update (each re-renders the toolbar and status bar).
      this.store.set((s) => ({
        // This window's save also takes away the error of an earlier one: it was dealt with or is past.
        ...(own ? { saving: s.saving - 1, notice: null, error: null } : {}),
        savedAt: event.savedAt,
        savedLabel: label,
        lastEvent: 'save',
        info: s.info && { ...s.info, undoLabel: event.undoLabel, redoLabel: event.redoLabel, canUndo: event.undoLabel !== null, canRedo: event.redoLabel !== null, seq: event.seq },
      }));
      counted = true;
      if (event.parties) void this.refreshParties();
      if (event.scenarios) void this.scenarios.refresh();
      else if (event.changed.length || event.deleted.length) this.scenarios.rowsChanged();
      hooks?.after?.(event, applied);
    } finally {
      // Saved, but showing it failed (a reload that threw): "saving" must still end.
      if (own && !counted) this.store.set((s) => ({ saving: s.saving - 1 }));
    }
  }

  /** Send one write after the ones before it; it is shown through its event. Resolves true when saved. */
  write<C extends Change>(call: () => Promise<Result<C>>, hooks: WriteHooks<C> = {}): Promise<boolean> {
    this.store.set((s) => ({ saving: s.saving + 1 }));
    const run = async (): Promise<boolean> => {
      let result: Result<C>;
      this.sequencer?.sending();
      try {
        result = await call();
      } catch (err) {
        result = { ok: false, error: { code: 'io', message: `The book could not be reached: ${(err as Error).message}` } };
      }
      if (!result.ok) {
        this.sequencer?.failed();
        this.store.set((s) => ({ saving: s.saving - 1 }));
        hooks.failed?.(result.error);
        this.showError(errorView(result.error));
        return false;
      }
      const change = result.value;
      this.hooksBySeq.set(change.seq, hooks);
      if (this.sequencer) await this.sequencer.answered(change);
      else await this.applyEvent(change, true);
      // Shown already as another's event (a reload overtook it): end "saving" and run what follows the write.
      if (this.hooksBySeq.delete(change.seq)) {
        this.store.set((s) => ({ saving: s.saving - 1 }));
        hooks.after?.(change, null);
      }
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

  /** Set or clear a party's parent; a loop is refused by the book with a message naming it. */
  setPartyParent(name: string, parent: string | null): Promise<boolean> {
    return this.write(() => this.client.setPartyParent({ name, parent }));
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

  /** The scenario's values are in the rows: count again (its amounts) and let the charts follow. */
  scenarioShown(): void {
    this.recount(true);
  }

  private countNow(): void {
    const api = this.api;
    if (!api || api.isDestroyed()) return;
    let total = 0;
    let shown = 0;
    let amount = 0;
    const scenario = this.scenarios.current();
    const plain = isPlainScenario(scenario);
    const rows: DealRow[] = [];
    api.forEachNode(() => void total++);
    api.forEachNodeAfterFilter((node) => {
      shown++;
      if (plain) amount += node.data?.amount_usd ?? 0;
      else if (node.data) rows.push(node.data);
    });
    // Under a scenario the sum is of effective amounts (weighted, credits drawn down); an empty amount adds nothing.
    if (!plain) for (const a of viewBook(rows, { scenario }).amount) if (Number.isFinite(a)) amount += a;
    this.store.set((s) => ({ counts: { shown, total, amount }, rowsVersion: s.rowsVersion + 1 }));
  }
}
