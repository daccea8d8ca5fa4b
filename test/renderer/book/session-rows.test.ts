import { afterEach, describe, expect, it } from 'vitest';
import type { Caller, Client } from '../../../shared/protocol/contract';
import type { DealRow } from '../../../shared/model/deal';
import { dispatch } from '../../../electron/service/dispatch';
import type { RowDelta, RowsView } from '../../../renderer/book/book-rows';
import { BookSession } from '../../../renderer/book/session';
import { tempBook } from '../../helpers/temp-book';
import { isPlainScenario } from '../../../shared/model/scenario';
import { viewBook } from '../../../shared/analytics/book-view';
import { amountText } from '../../../renderer/status-bar';

type Book = Awaited<ReturnType<typeof tempBook>>;
let books: Book[] = [];
afterEach(() => {
  books.forEach((b) => b.cleanup());
  books = [];
});

/** A real book (the sample, on a temp file) and a client that goes through the same door as IPC and HTTP. */
async function sampleBook(): Promise<Book> {
  const book = await tempBook({ sample: true });
  books.push(book);
  return book;
}

function clientOf(book: Book, caller: Caller): Client {
  const call = (method: string) => async (input: unknown) => dispatch(book.service, method, input, caller);
  return new Proxy({}, { get: (_target, method) => call(String(method)) }) as Client;
}

/** A view that only records what the session tells it (the grid's part is tested in the browser tests). */
function recordingView() {
  const told = { changed: [] as RowDelta[], reset: [] as (readonly DealRow[])[], derived: 0 };
  const view: RowsView = {
    changed: (delta) => void told.changed.push(delta),
    reset: (rows) => void told.reset.push(rows),
    derived: () => void told.derived++,
  };
  return { view, told };
}

async function openSession(book: Book, by = 'tab:a') {
  const session = new BookSession(clientOf(book, { by }));
  const loaded = await session.loadInitial();
  expect(loaded).not.toBeNull();
  const { view, told } = recordingView();
  session.attach(view);
  return { session, told };
}

const ids = (rows: readonly DealRow[]) => rows.map((r) => r.id).sort((a, b) => a - b);

describe("the session holds the book's rows itself (no grid)", () => {
  it('has every deal of the book once opened, and shows them all while no filter is reported', async () => {
    const book = await sampleBook();
    const { session } = await openSession(book);
    const deals = book.service.listDeals({});
    expect(deals.length).toBeGreaterThan(20);
    expect(ids(session.allRows())).toEqual(ids(deals));
    expect(session.shownRows()).toBe(session.allRows());
    expect(session.store.get().counts).toMatchObject({ shown: deals.length, total: deals.length });
    session.close();
  });

  it('takes an edit into its rows and hands the view only the row that changed, with the version it replaces', async () => {
    const book = await sampleBook();
    const { session, told } = await openSession(book);
    const before = session.allRows().find((r) => r.amount_usd !== null)!;
    const amountBefore = session.store.get().counts.amount;
    expect(await session.write(() => session.client.updateDeal({ id: before.id, changes: { amount_usd: '7B' } }))).toBe(true);
    const after = session.rows.get(before.id)!;
    expect(after.amount_usd).toBe(7e9);
    expect(session.allRows()).toContain(after);
    expect(session.allRows()).not.toContain(before);
    // One change: the deal and the other deals of its pair (their round trip moved), not the whole book.
    expect(told.changed).toHaveLength(1);
    const delta = told.changed[0]!;
    const at = delta.update.findIndex((r) => r.id === before.id);
    expect(delta.update[at]).toBe(after);
    expect(delta.before[at]).toBe(before);
    const pair = new Set([before.from_party, before.to_party]);
    expect(delta.update.every((r) => pair.has(r.from_party) && pair.has(r.to_party))).toBe(true);
    expect(delta.update.length).toBeLessThan(session.rows.size);
    // No filter, Base in force: the sum moves by the edit itself.
    expect(session.store.get().counts.amount).toBeCloseTo(amountBefore - before.amount_usd! + 7e9, 0);
    session.close();
  });

  it('counts the shown deals with no amount beside the sum (never as $0), after an edit and after a recount', async () => {
    const book = await sampleBook();
    const { session } = await openSession(book);
    const deals = book.service.listDeals({});
    const unknown = deals.filter((d) => d.amount_usd === null).length;
    expect(unknown).toBeGreaterThan(0);
    expect(session.store.get().counts).toMatchObject({ undisclosed: unknown });
    const known = session.allRows().find((r) => r.amount_usd !== null)!;
    const amountBefore = session.store.get().counts.amount;
    expect(await session.write(() => session.client.updateDeal({ id: known.id, changes: { amount_usd: null } }))).toBe(true);
    expect(session.store.get().counts).toMatchObject({ undisclosed: unknown + 1 });
    expect(session.store.get().counts.amount).toBeCloseTo(amountBefore - known.amount_usd!, 0);
    // Counted again over the shown rows (a filter, a scenario): the same numbers from a pass over the rows.
    session.recount(true);
    expect(session.store.get().counts).toMatchObject({ undisclosed: unknown + 1 });
    expect(amountText({ shown: 3, total: 9, amount: 45e9, undisclosed: 2 })).toBe('Amount $45.0B + 2 undisclosed');
    expect(amountText({ shown: 2, total: 9, amount: 0, undisclosed: 2 })).toBe('Amount undisclosed (2 deals)');
    expect(amountText({ shown: 0, total: 9, amount: 0, undisclosed: 0 })).toBe('Amount $0');
    session.close();
  });

  it("keeps the deal the draft row shows but sends its changes to the draft row, not to the grid's body", async () => {
    const book = await sampleBook();
    const { session, told } = await openSession(book);
    const drafted: (DealRow | null)[] = [];
    session.onDraftRow = (row) => void drafted.push(row);
    const id = session.allRows()[0]!.id;
    session.draftDealId = id;
    await session.write(() => session.client.updateDeal({ id, changes: { notes: 'typed in the draft row' } }));
    expect(session.rows.get(id)!.notes).toBe('typed in the draft row');
    expect(drafted.map((r) => r?.notes)).toEqual(['typed in the draft row']);
    expect(told.changed.flatMap((d) => [...d.update, ...d.add].map((r) => r.id))).not.toContain(id);
    session.close();
  });

  it('gives the charts the rows the grid reported as shown, in their latest versions', async () => {
    const book = await sampleBook();
    const { session } = await openSession(book);
    const [a, b] = session.allRows();
    session.filtered([a!.id, b!.id], true);
    expect(session.shownRows()).toEqual([a, b]);
    expect(session.store.get().counts.shown).toBe(2);
    await session.write(() => session.client.updateDeal({ id: a!.id, changes: { notes: 'edited while filtered' } }));
    expect(session.shownRows().map((r) => r.notes)).toEqual(['edited while filtered', b!.notes]);
    session.filtered(null, true);
    expect(session.shownRows()).toHaveLength(session.rows.size);
    session.close();
  });

  it("follows another window's steps: a deal deleted there leaves its rows and the view", async () => {
    const book = await sampleBook();
    const mine = await openSession(book, 'tab:a');
    const theirs = await openSession(book, 'tab:b');
    const gone = mine.session.allRows()[3]!;
    expect(await theirs.session.deleteDeals([gone.id])).toBe(true);
    await mine.session.caughtUp();
    expect(mine.session.rows.get(gone.id)).toBeUndefined();
    expect(mine.told.changed.flatMap((d) => d.remove.map((r) => r.id))).toEqual([gone.id]);
    expect(mine.session.store.get().counts.total).toBe(book.service.listDeals({}).length);
    mine.session.close();
    theirs.session.close();
  });

  it('hands the view every row when the book is reloaded', async () => {
    const book = await sampleBook();
    const { session, told } = await openSession(book);
    await session.reload();
    expect(told.reset).toHaveLength(1);
    expect(ids(told.reset[0]!)).toEqual(ids(book.service.listDeals({})));
    expect(told.reset[0]).toEqual(expect.arrayContaining(session.allRows()));
    session.close();
  });

  it("writes a scenario's derived values into its rows and tells the view to redraw those cells", async () => {
    const book = await sampleBook();
    const { session, told } = await openSession(book);
    expect(await session.write(() => session.client.setScenario({ name: 'No credits', credit_drawdown: 0 }))).toBe(true);
    await session.scenarios.refresh();
    const baseShares = session.allRows().map((r) => r.round_trip_ratio);
    const redrawn = told.derived;
    session.scenarios.choose('No credits');
    expect(told.derived).toBeGreaterThan(redrawn);
    const shares = session.allRows().map((r) => r.round_trip_ratio);
    expect(shares).not.toEqual(baseShares);
    // The rows the session holds are the ones that changed: no grid to read them back from.
    expect(session.rows.get(session.allRows()[0]!.id)!.round_trip_ratio).toBe(shares[0]);
    session.close();
  });

  it('holds exactly the service\'s ƒ values of each scenario after switching back and forth (only changed rows rewritten)', async () => {
    const book = await sampleBook();
    const { session } = await openSession(book);
    for (const patch of [{ name: 'No credits', credit_drawdown: 0 }, { name: 'Firm', status_weight: { rumored: 0, announced: 0 } }, { name: 'Groups', roll_up: true }]) {
      expect(await session.write(() => session.client.setScenario(patch))).toBe(true);
    }
    await session.scenarios.refresh();
    const trips = (rows: readonly DealRow[]) => rows.map((r) => [r.id, r.round_trip_ratio, r.round_trip_basis]).sort((a, b) => Number(a[0]) - Number(b[0]));
    for (const name of ['No credits', 'Firm', 'No credits', 'Base', 'Groups', 'Firm', 'Base', 'No credits']) {
      session.scenarios.choose(name);
      expect(trips(session.allRows()), name).toEqual(trips(book.service.listDeals({ scenario: name })));
    }
    session.close();
  });

  it('shows the status bar\'s sum of each scenario after switching back and forth, and after an edit between switches', async () => {
    const book = await sampleBook();
    const { session } = await openSession(book);
    for (const patch of [{ name: 'No credits', credit_drawdown: 0 }, { name: 'Firm', status_weight: { rumored: 0, announced: 0 } }]) {
      expect(await session.write(() => session.client.setScenario(patch))).toBe(true);
    }
    await session.scenarios.refresh();
    // The sum made afresh over the rows the session holds, under the scenario in force (what the status bar shows).
    const fresh = () => {
      const scenario = session.scenarios.current();
      const rows = session.shownRows();
      if (isPlainScenario(scenario)) return rows.reduce((sum, r) => sum + (r.amount_usd ?? 0), 0);
      return viewBook(rows, { scenario }).amount.reduce((sum, a) => (Number.isFinite(a) ? sum + a : sum), 0);
    };
    const seen = new Set<number>();
    for (const name of ['No credits', 'Firm', 'Base', 'No credits', 'Firm', 'Base']) {
      session.scenarios.choose(name);
      expect(session.store.get().counts.amount, name).toBe(fresh());
      seen.add(session.store.get().counts.amount);
    }
    expect(seen.size).toBe(3);
    // An edit gives new rows: a scenario shown before is summed again, with the new amount.
    const deal = session.allRows().find((r) => r.amount_usd !== null && r.status === 'closed')!;
    expect(await session.write(() => session.client.updateDeal({ id: deal.id, changes: { amount_usd: '7B' } }))).toBe(true);
    for (const name of ['No credits', 'Firm', 'Base']) {
      session.scenarios.choose(name);
      expect(session.store.get().counts.amount, name).toBe(fresh());
      expect(seen.has(session.store.get().counts.amount), name).toBe(false);
    }
    session.close();
  });

  it('counts as undisclosed only the deals a scenario counts: one it leaves out (weight 0) is neither summed nor unknown', async () => {
    const book = await sampleBook();
    const { session } = await openSession(book);
    expect(await session.write(() => session.client.setScenario({ name: 'No rumors', status_weight: { rumored: 0 } }))).toBe(true);
    await session.scenarios.refresh();
    const rumored = session.allRows().filter((r) => r.status === 'rumored');
    expect(rumored.some((r) => r.amount_usd !== null)).toBe(true);
    const undisclosed = (rows: readonly DealRow[]) => rows.filter((r) => r.amount_usd === null).length;
    session.scenarios.choose('No rumors');
    session.recount(true);
    const counted = session.allRows().filter((r) => r.status !== 'rumored' && r.status !== 'cancelled');
    expect(session.store.get().counts.undisclosed).toBe(undisclosed(counted));
    expect(session.store.get().counts.amount).toBe(counted.reduce((sum, r) => sum + (r.amount_usd ?? 0), 0));
    expect(session.store.get().counts.uncounted).toBe(rumored.length);
    expect(amountText(session.store.get().counts)).toMatch(new RegExp(`undisclosed; ${rumored.length} not counted$`));
    expect(amountText({ shown: 3, total: 9, amount: 0, undisclosed: 2, uncounted: 1 })).toBe('Amount undisclosed (2 deals); 1 not counted');
    expect(amountText({ shown: 1, total: 9, amount: 0, undisclosed: 0, uncounted: 1 })).toBe('Amount $0; 1 not counted');
    session.close();
  });
});
