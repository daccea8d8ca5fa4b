import type { BookEvent, BookInfo, Change, Client } from '../../shared/protocol/contract';
import type { DealRow, PartyKind } from '../../shared/model/deal';
import { dealFingerprint } from '../../shared/model/deal-fingerprint';
import type { DateOrder, ParseOptions } from '../../shared/model/parse';
import type { AppError, Result } from '../../shared/protocol/result';
import type { EventFeed, EventHead } from '../api/event-feed';
import { newestFirst } from '../grid/row-order';
import { BookRows, type RowDelta, type RowsView } from './book-rows';
import { coalesce } from './coalesce';
import { errorView } from './errors';
import { EventSequencer } from './event-sequencer';
import { eventPatch } from './event-state';
import { takeInitialLoad } from './initial-load';
import { RowCounts } from './row-counts';
import { WINDOW_SETTING_KEYS } from './window-settings';
import { ScenarioControl } from './scenario-control';
import { createStore, initialState, type ErrorView, type SessionState } from './store';

/** A team window whose session ended (signed out elsewhere, expired, or the user removed by an owner). */
const SIGNED_OUT = 'Your session has ended (signed out, expired, or your user was removed), so this window no longer follows the book. Reload the page to sign in again.';

const RECONNECTED_SHOWN_MS = 30_000;

type WriteHooks<C extends Change = Change> = {
  /** Runs before the change is applied, e.g. to learn the id of a deal that a draft row shows. */
  before?(change: C): void;
  /** `applied`: what the change did to the rows (null when it was shown before, e.g. by a reload). */
  after?(change: C, applied: RowDelta | null): void;
  failed?(error: AppError): void;
};

/**
 * The book as the UI holds it: its rows and the state the chrome shows, fed by the book's events (this window's
 * writes, other windows', other programs'), applied in order through one path. Writes go one at a time (so answers
 * apply in the order they were asked). The grid and the charts are views of `rows`; the session never holds the
 * grid's API. Rows never pass through React state.
 */
export class BookSession {
  readonly store = createStore<SessionState>(initialState);
  /** Every deal of the book, one object each, shared with the grid; and which of them the grid's filters show. */
  readonly rows = new BookRows();
  private readonly counts = new RowCounts(this.store, this.rows, () => this.scenarios.current());
  private queue: Promise<unknown> = Promise.resolve();
  /** Writes sent or waiting to be (the ones in `queue`). */
  private writes = 0;
  /** The deal the pinned draft row shows once saved; its changes go there, not into the body. */
  draftDealId: number | null = null;
  onDraftRow: (row: DealRow | null, deleted: boolean) => void = () => undefined;
  /** Deals an event is about to delete, before their rows go (an editor open in one of them has to be told). */
  onDeleting: (ids: readonly number[], event: BookEvent) => void = () => undefined;
  /** The whole book is about to be reloaded (null: not for an event, e.g. events were lost); then it was. */
  onReloading: () => void = () => undefined;
  onReloaded: (event: BookEvent | null) => void = () => undefined;
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

  /**
   * The grid is up, built from `rows.all()`: changes go to it from now on (the events held back meanwhile too).
   * Returns the detach, for when the grid goes away.
   */
  attach(view: RowsView): () => void {
    const detach = this.rows.attach(view);
    this.recount(true);
    this.attached();
    this.scenarios.rederive();
    return detach;
  }

  /** Every deal and the window's settings (grid layout, charts pane), before the grid is built; then the events. */
  async loadInitial(): Promise<{ rows: DealRow[]; layout: string | null; charts: string | null } | null> {
    const { info, deals, settings, me } = await takeInitialLoad(this.client, WINDOW_SETTING_KEYS);
    if (!info.ok) return this.failedToOpen(info.error);
    if (!deals.ok) return this.failedToOpen(deals.error);
    // Who the window works as decides what it offers (a viewer: nothing that writes); unknown offers no writes.
    this.store.set({ info: info.value, me: me.ok ? me.value : null });
    this.rows.load(deals.value);
    this.waitForGrid = true;
    this.listen(info.value);
    void this.refreshParties();
    const [layout = null, charts = null, scenario = null] = settings;
    void this.scenarios.load(scenario);
    return { rows: deals.value, layout, charts };
  }

  private failedToOpen(error: AppError): null {
    this.showError(errorView(error));
    return null;
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
    this.stopFeed =
      this.feed?.(
        {
          event: (e) => sequencer.pushed(e),
          reset: () => sequencer.reset(),
          reconnected: (c) => void this.reconnected(c.missed, c.reset),
          signedOut: () => this.showError({ message: SIGNED_OUT, lines: [] }),
        },
        () => sequencer.current(),
      ) ?? null;
    void sequencer.catchUp();
  }

  /** The event stream came back: once what it sent is shown, the window says it is live again and what it caught up on. */
  private async reconnected(missed: number, reset: boolean): Promise<void> {
    await this.sequencer?.catchUp();
    const what = reset ? 'reloaded the book' : missed === 0 ? 'nothing was missed' : `caught up on ${missed} change${missed === 1 ? '' : 's'} made meanwhile`;
    const text = `Reconnected at ${new Date().toLocaleTimeString()}: ${what}`;
    this.store.set({ reconnected: text });
    // Said for a while, then the status bar goes back to the last save.
    setTimeout(() => this.store.get().reconnected === text && this.store.set({ reconnected: null }), RECONNECTED_SHOWN_MS);
  }

  /** Stop following the book's events (the window is going away). */
  close(): void {
    this.stopFeed?.();
    this.stopFeed = null;
    this.scenarios.close();
  }

  /** Show everything the book has committed so far (after an import, whose event is pushed). */
  async caughtUp(): Promise<void> {
    await this.sequencer?.catchUp();
  }

  /** Reload every deal (a change too large to patch, the columns reset). */
  async reload(event: BookEvent | null = null): Promise<void> {
    const deals = await this.client.listDeals({});
    if (!deals.ok) return this.showError(errorView(deals.error));
    // The grid's focus and open editor go by row position, which the reload reorders: they are held by deal.
    this.onReloading();
    this.rows.load(newestFirst([...deals.value]));
    this.onReloaded(event);
    if (this.draftDealId !== null) this.onDraftRow(null, !deals.value.some((r) => r.id === this.draftDealId));
    this.recount();
    // The rows came derived under Base: the scenario in force derives them again.
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

  /** Read the parties again (an event said they changed); a burst of events costs two reads, not one each. */
  readonly refreshParties = coalesce(async () => {
    const list = await this.client.listParties({});
    if (!list.ok) return;
    this.store.set({ parties: list.value });
    // A parent set or cleared regroups the parties of a scenario that rolls up: the one shown (its ƒ values, then
    // the charts), or the one compared (the charts take the parents with a new rows version; the rows' own update
    // may have come before this list).
    if (this.scenarios.current().roll_up) this.scenarios.rederive();
    else if (this.scenarios.compared()?.roll_up) this.scenarioShown();
  });

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
      let applied: RowDelta | null = null;
      if (event.reload) await this.reload(event);
      else applied = this.applyRows(event);
      // The save, the undo stack, the counts and the end of "saving" in one update (each re-renders the toolbar and
      // status bar).
      this.store.set((s) => ({ ...eventPatch(s, event, own), ...(applied ? { counts: this.counts.rowsChanged(applied, s.counts) } : {}) }));
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
    // With none ahead of it the call goes out now, in the caller's task (an edit's Enter): not after the grid's
    // reaction to the key, nor after the re-render that shows "Saving...".
    const send = () => run().finally(() => void this.writes--);
    const next = this.writes++ === 0 ? send() : this.queue.then(send, send);
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** Take one change into the rows (the grid follows); the deal the draft row shows goes there instead. */
  private applyRows(change: Change): RowDelta {
    const draftId = this.draftDealId;
    if (change.deleted.length) this.onDeleting(change.deleted, change);
    const delta = this.rows.apply(change.changed, change.deleted, (id) => id === draftId);
    if (draftId !== null && change.deleted.includes(draftId)) this.onDraftRow(null, true);
    else if (draftId !== null) {
      const draftRow = change.changed.find((r) => r.id === draftId);
      if (draftRow) this.onDraftRow(draftRow, false);
    }
    return delta;
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

  /** Undo what this window has been shown: refused when the book has moved on since (the window then shows it). */
  undo(): Promise<boolean> {
    return this.write(() => this.client.undo(this.seen()), { failed: (e) => this.onConflict(e) });
  }

  redo(): Promise<boolean> {
    return this.write(() => this.client.redo(this.seen()), { failed: (e) => this.onConflict(e) });
  }

  private onConflict(error: AppError): void {
    if (error.code === 'conflict') void this.caughtUp();
  }

  private seen(): { seen?: number } {
    return this.sequencer ? { seen: this.sequencer.current().seq } : {};
  }

  deleteDeals(ids: number[]): Promise<boolean> {
    if (!ids.length) {
      this.showError({ message: 'Select the deals to delete first (tick their boxes, or Space on a row)', lines: [] });
      return Promise.resolve(false);
    }
    // On a team book, what this window shows of each deal as the delete goes out (after this window's own writes
    // before it): one someone changed since is refused, not deleted, and the window catches up to show the change.
    // A book file has one analyst and needs none of it.
    const shown = () => ids.map((id) => {
      const row = this.rows.get(id);
      return row ? dealFingerprint(row) : null;
    });
    return this.write(() => this.client.deleteDeals(this.store.get().me?.team ? { ids, shown: shown() } : { ids }), { failed: (e) => this.onConflict(e) });
  }

  /** Copy deals; resolves with the copies' ids (empty when nothing was saved). */
  async duplicateDeals(ids: number[]): Promise<number[]> {
    if (!ids.length) {
      this.showError({ message: 'Select or focus the deals to duplicate first', lines: [] });
      return [];
    }
    let copies: number[] = [];
    // The copies are the rows the window did not have (a change so large that the book is reloaded names none).
    await this.write(() => this.client.duplicateDeals({ ids }), { after: (_change, applied) => void (copies = applied?.add.map((r) => r.id) ?? []) });
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

  /** The scenario's values are in the rows: count again (its amounts) and let the charts follow. */
  scenarioShown(): void {
    this.recount(true);
  }

  /** How the grid parses a typed or pasted cell before sending it: as the book will (its date order). */
  parseOptions(): ParseOptions {
    return { dateOrder: this.store.get().info?.dateOrder ?? null };
  }

  /** Date orders this window has set, and those still on their way to the book (a read meanwhile may be stale). */
  private dateOrderSets = 0;
  private dateOrderSetting = 0;

  /**
   * The book's date order read again: another window or `dealbook` may have set it since (a setting, not an undo
   * step, so no event says so). Asked when the window comes to the front, before the analyst types or pastes into
   * it, so a date is read the way the book now reads it.
   */
  readonly refreshDateOrder = coalesce(async () => {
    // An answer asked for while this window was setting the order may predate it: only a read begun after is used.
    if (this.dateOrderSetting > 0) return;
    const sets = this.dateOrderSets;
    let info: Result<BookInfo>;
    try {
      info = await this.client.bookInfo({});
    } catch {
      return;
    }
    // This window set the order while the answer was on its way: its own choice is the newer one.
    if (this.dateOrderSets !== sets || this.dateOrderSetting > 0) return;
    const dateOrder = info.ok ? info.value.dateOrder : undefined;
    if (dateOrder !== undefined && this.store.get().info?.dateOrder !== dateOrder) this.store.set((s) => ({ info: s.info && { ...s.info, dateOrder } }));
  });

  /** The book's date order (not an undo step, so no event): this window shows it once the book has it. */
  async setDateOrder(dateOrder: DateOrder | null): Promise<boolean> {
    this.dateOrderSets++;
    this.dateOrderSetting++;
    let result: Result<null>;
    try {
      result = await this.client.setDateOrder({ dateOrder });
    } catch (err) {
      result = { ok: false, error: { code: 'io', message: `The book could not be reached: ${(err as Error).message}` } };
    } finally {
      this.dateOrderSetting--;
    }
    if (!result.ok) {
      this.showError(errorView(result.error));
      return false;
    }
    this.store.set((s) => ({ info: s.info && { ...s.info, dateOrder } }));
    return true;
  }

  setPartyKind(name: string, kind: PartyKind): Promise<boolean> {
    return this.write(() => this.client.setPartyKind({ name, kind }));
  }

  /** Rows shown, rows in the book and the amount shown, for the status bar; `now` for a filter or sort just chosen. */
  recount(now = false): void {
    this.counts.recount(now);
  }

  /** The rows the grid shows (its filters applied), for the charts; shared, so never changed. */
  shownRows(): DealRow[] {
    return this.rows.shown();
  }

  /** Every row of the book, for pair-level values; shared, so never changed. */
  allRows(): DealRow[] {
    return this.rows.all();
  }

  /** The grid filtered (or the filtered rows changed): these deals pass, null when no filter is set. */
  filtered(ids: readonly number[] | null, now = false): void {
    this.rows.showing(ids);
    this.recount(now);
  }
}
