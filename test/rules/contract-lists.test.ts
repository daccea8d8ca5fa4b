import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { METHOD_NAMES, type Client, type Handlers } from '../../shared/protocol/contract';
import { dispatch } from '../../electron/service/dispatch';
import { tempBook } from '../helpers/temp-book';

// The contract is the only list of methods: the browser client, the preload (test/electron/main/security-static.test.ts)
// and the dispatch (test/electron/transports/transports.test.ts) are checked against it.

const calls: { url: string; headers: Record<string, string> }[] = [];
const saved = { window: globalThis.window, sessionStorage: globalThis.sessionStorage, fetch: globalThis.fetch };

beforeAll(() => {
  const store = new Map<string, string>();
  Object.assign(globalThis, {
    window: { location: { href: 'http://127.0.0.1:9/?token=secret' }, history: { replaceState: () => undefined } },
    sessionStorage: { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => void store.set(k, v) },
    fetch: async (url: string, init: { headers: Record<string, string> }) => {
      calls.push({ url, headers: init.headers });
      return { json: async () => ({ ok: true, value: null }) };
    },
  });
});

afterAll(() => Object.assign(globalThis, saved));

describe('the lists of methods come from the contract', () => {
  it("the browser client calls each contract method at its own address, with the tab's token and name", async () => {
    const { client } = (await import('../../renderer/api/client')) as { client: Client };
    for (const method of METHOD_NAMES) await (client[method] as (input: unknown) => Promise<unknown>)({});
    expect(calls.map((c) => c.url)).toEqual(METHOD_NAMES.map((m) => `/api/${m}`));
    expect(new Set(calls.map((c) => c.headers.Authorization))).toEqual(new Set(['Bearer secret']));
    expect(new Set(calls.map((c) => c.headers['X-Dealbook-Tab'])).size).toBe(1);
    // Not a thenable: awaiting the client (or a module holding it) must not call a method named "then".
    expect((client as unknown as { then?: unknown }).then).toBeUndefined();
  });

  it('the service answers every contract method through the dispatch, and no other name', async () => {
    const book = await tempBook();
    try {
      for (const method of METHOD_NAMES) {
        const answer = dispatch(book.service, method, {});
        // Some need input; none is unknown.
        expect(answer.ok ? '' : answer.error.message, method).not.toMatch(/^Unknown method/);
      }
      expect(dispatch(book.service, 'dropCache', {})).toMatchObject({ ok: false, error: { message: 'Unknown method "dropCache"' } });
      expect(dispatch(book.service, 'saveCopy', {})).toMatchObject({ ok: false, error: { message: 'Unknown method "saveCopy"' } });
    } finally {
      book.cleanup();
    }
  });

  it('a service without one of the handlers does not compile', async () => {
    const book = await tempBook();
    const { eventsSince: _left, ...rest } = book.service;
    // @ts-expect-error eventsSince is missing
    const handlers: Handlers = rest;
    expect(Object.keys(handlers)).not.toContain('eventsSince');
    book.cleanup();
  });
});
