import { afterEach, expect, it } from 'vitest';
import type { Client } from '../../../shared/protocol/contract';
import { dispatch } from '../../../electron/service/dispatch';
import { BookSession } from '../../../renderer/book/session';
import { tempBook } from '../../helpers/temp-book';

type Book = Awaited<ReturnType<typeof tempBook>>;
let books: Book[] = [];
afterEach(() => {
  books.forEach((b) => b.cleanup());
  books = [];
});

it("a read of the book's date order that was on its way while this window set the order does not undo the window's choice", async () => {
  const book = await tempBook({ sample: true });
  books.push(book);
  // bookInfo answers what the book held when it was asked, but only once `release` is called (a slow network).
  let release: () => void = () => undefined;
  const held = new Promise<void>((done) => (release = done));
  let holding = false;
  const client = new Proxy({}, {
    get: (_t, method) => async (input: unknown) => {
      const answer = dispatch(book.service, String(method), input, { by: 'tab:a' });
      if (method === 'bookInfo' && holding) await held;
      return answer;
    },
  }) as Client;
  const session = new BookSession(client);
  expect(await session.loadInitial()).not.toBeNull();
  expect(session.parseOptions().dateOrder).toBeNull();

  holding = true;
  const refreshed = session.refreshDateOrder(); // the window came to the front: the book's order (none) is asked
  expect(await session.setDateOrder('DMY')).toBe(true); // the analyst picks D/M/Y meanwhile
  release();
  await refreshed;
  expect(session.parseOptions().dateOrder).toBe('DMY');
  expect(book.service.bookInfo({}).dateOrder).toBe('DMY');

  // Set by another window (here, the book directly): the next time this one comes to the front it reads it.
  holding = false;
  book.service.setDateOrder({ dateOrder: 'MDY' });
  await session.refreshDateOrder();
  expect(session.parseOptions().dateOrder).toBe('MDY');
  session.close();
});
