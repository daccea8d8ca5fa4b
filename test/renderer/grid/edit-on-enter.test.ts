import { afterEach, describe, expect, it } from 'vitest';
import type { IRowNode } from 'ag-grid-community';
import type { Caller, Client } from '../../../shared/protocol/contract';
import type { DealRow } from '../../../shared/model/deal';
import { dispatch } from '../../../electron/service/dispatch';
import { BookSession } from '../../../renderer/book/session';
import { GridEditing } from '../../../renderer/grid/grid-editing';
import { EditsSentOnKey } from '../../../renderer/grid/sent-on-key';
import { tempBook } from '../../helpers/temp-book';

type Book = Awaited<ReturnType<typeof tempBook>>;
let books: Book[] = [];
afterEach(() => {
  books.forEach((b) => b.cleanup());
  books = [];
});

/** The sample book behind a client that goes through the service's own door, and records each updateDeal. */
async function editing() {
  const book = await tempBook({ sample: true });
  books.push(book);
  const caller: Caller = { by: 'tab:a' };
  const updates: unknown[] = [];
  const client = new Proxy({}, {
    get: (_t, method) => async (input: unknown) => {
      if (method === 'updateDeal') updates.push(input);
      return dispatch(book.service, String(method), input, caller);
    },
  }) as Client;
  const session = new BookSession(client);
  expect(await session.loadInitial()).not.toBeNull();
  session.attach({ changed: () => undefined, reset: () => undefined, derived: () => undefined });
  const row = session.allRows().find((r) => r.amount_usd !== null)!;
  // The grid's row node as the editing code reads it.
  const node = { data: row, rowPinned: null } as unknown as IRowNode<DealRow>;
  return { book, session, edits: new GridEditing(session), node, updates, id: row.id };
}

describe('an edit sent as Enter is pressed', () => {
  it('sends nothing for an editor left as it opened, so a month-precision date keeps its precision', async () => {
    const { book, session, edits, node, updates, id } = await editing();
    await session.write(() => session.client.updateDeal({ id, changes: { announced: 'Jan 2024' } }));
    await session.settled();
    updates.length = 0;
    const row = session.allRows().find((r) => r.id === id)!;
    const current = { data: row, rowPinned: null } as unknown as IRowNode<DealRow>;
    expect([row.announced, row.announced_precision]).toEqual(['2024-01-01', 'month']);
    // Enter, no typing: the editor holds the ISO text the cell holds; the grid then makes no request, only the stop.
    edits.editStarted(current, 'announced');
    edits.editEnding(current, 'announced', row.announced);
    edits.editStopped(current, 'announced');
    await session.settled();
    expect(updates).toEqual([]);
    expect(book.service.listDeals({}).find((d) => d.id === id)).toMatchObject({ announced: '2024-01-01', announced_precision: 'month' });
    session.close();
  });

  it('goes out at once, and the grid’s own request for it a task later is not sent again', async () => {
    const { book, session, edits, node, updates, id } = await editing();
    edits.editStarted(node, 'amount_usd');
    edits.editEnding(node, 'amount_usd', '123B');
    // In the key press itself, before the grid closes the editor.
    expect(updates).toHaveLength(1);
    edits.editEnding(node, 'amount_usd', '123B');
    edits.editCell(node, 'amount_usd', '123B');
    edits.editStopped(node, 'amount_usd');
    await session.settled();
    expect(updates).toHaveLength(1);
    expect(book.service.listDeals({}).find((d) => d.id === id)?.amount_usd).toBe(123e9);
    session.close();
  });

  it('is not sent again when the grid tells of the edit’s start only after Enter (typed fast, or a busy machine)', async () => {
    const { session, edits, node, updates } = await editing();
    edits.editEnding(node, 'amount_usd', '77B');
    // The grid's events as it hands them on, a task later: the start, the request, the stop.
    edits.editStarted(node, 'amount_usd');
    edits.editCell(node, 'amount_usd', '77B');
    edits.editStopped(node, 'amount_usd');
    await session.settled();
    expect(updates).toHaveLength(1);
    session.close();
  });

  it('is one edit among others: a different text from the grid, or the next edit of the cell, is sent too', async () => {
    const { book, session, edits, node, updates, id } = await editing();
    edits.editEnding(node, 'amount_usd', '5B');
    edits.editCell(node, 'amount_usd', '6B');
    edits.editStopped(node, 'amount_usd');
    await session.settled();
    expect(updates).toHaveLength(2);
    expect(book.service.listDeals({}).find((d) => d.id === id)?.amount_usd).toBe(6e9);
    session.close();
  });

  it('is refused in the grid like any edit, once, when the text is not an amount', async () => {
    const { session, edits, node, updates, id } = await editing();
    edits.editEnding(node, 'amount_usd', 'lots');
    edits.editCell(node, 'amount_usd', 'lots');
    await session.settled();
    expect(updates).toHaveLength(0);
    expect(session.store.get().error?.message).toMatch(/amount/i);
    expect(edits.takeRefusal(String(id), 'amount_usd')?.text).toBe('lots');
    expect(edits.takeRefusal(String(id), 'amount_usd')).toBeNull();
    session.close();
  });
});

describe('the edits sent on a key', () => {
  it('answer the grid’s request for the same text once, and forget an edit that ended without one', () => {
    const sent = new EditsSentOnKey();
    expect(sent.send('1:amount_usd', '5B')).toBe(true);
    expect(sent.send('1:amount_usd', '5B')).toBe(false);
    expect(sent.take('1:amount_usd', '5B')).toBe(true);
    expect(sent.take('1:amount_usd', '5B')).toBe(false);
    expect(sent.send('1:amount_usd', null)).toBe(true);
    sent.forget('1:amount_usd');
    expect(sent.take('1:amount_usd', null)).toBe(false);
  });
});
