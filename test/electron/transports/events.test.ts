import { afterEach, describe, expect, it } from 'vitest';
import { contract, METHOD_NAMES, READ_ONLY_METHODS, type BookEvent, type Handlers } from '../../../shared/protocol/contract';
import type { Result } from '../../../shared/protocol/result';
import { BOOK_EVENT_CHANNEL } from '../../../shared/protocol/desktop-api';
import { IPC_PREFIX, pushEvents, registerIpc, type IpcEventLike, type PushTarget } from '../../../electron/transports/ipc';
import { startHttpServer, type RunningServer } from '../../../electron/transports/http-server';
import { fakeIpcMain } from '../../helpers/fake-ipc';
import { tempBook } from '../../helpers/temp-book';

const PAGE = 'app://dealbook/index.html';
const DEAL = { announced: '2026-01-05', from_party: 'Fund A', to_party: 'Lab B', kind: 'investment' };

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function book() {
  const b = await tempBook({ sample: true });
  cleanups.push(b.cleanup);
  return b;
}

function fakeWindow(id: number) {
  const received: BookEvent[] = [];
  const target: PushTarget = { send: (channel, event) => void (channel === BOOK_EVENT_CHANNEL && received.push(event)), isDestroyed: () => false };
  const event: IpcEventLike = { sender: { id }, senderFrame: { url: PAGE, parent: null } };
  return { id, received, target, event };
}

describe('events over IPC (fake ipcMain)', () => {
  it('two windows of one book both receive the event of a write in either', async () => {
    const { service } = await book();
    const ipc = fakeIpcMain();
    const w1 = fakeWindow(1);
    const w2 = fakeWindow(2);
    const windows = new Map<number, Handlers>([
      [1, service],
      [2, service],
    ]);
    registerIpc(ipc, (e) => (e.sender ? (windows.get(e.sender.id) ?? null) : null), (url) => url === PAGE);
    cleanups.push(pushEvents(service.events, () => [w1.target, w2.target]));
    const call = (w: typeof w1, method: string, payload: unknown) => ipc.handlers.get(IPC_PREFIX + method)!(w.event, payload) as Result<BookEvent>;

    const fromOne = call(w1, 'addDeal', { values: DEAL });
    const fromTwo = call(w2, 'updateDeal', { id: fromOne.ok ? (fromOne.value as BookEvent & { id: number }).id : 0, changes: { notes: 'from two' } });
    expect(fromOne.ok && fromTwo.ok).toBe(true);
    for (const w of [w1, w2]) {
      expect(w.received.map((e) => [e.by, e.label])).toEqual([
        ['window:1', 'Add deal'],
        ['window:2', 'Edit notes'],
      ]);
    }
    // Each window is told its own name, to tell its own steps from others'.
    expect(ipc.handlers.get(IPC_PREFIX + 'bookInfo')!(w2.event, {})).toMatchObject({ ok: true, value: { caller: 'window:2' } });
    // A read is no step.
    call(w1, 'listDeals', {});
    expect(w1.received).toHaveLength(2);
  });

  it('stops pushing once unsubscribed, and skips a window that is gone', async () => {
    const { service } = await book();
    const w1 = fakeWindow(1);
    let gone = false;
    const stop = pushEvents(service.events, () => [{ ...w1.target, isDestroyed: () => gone }]);
    service.addDeal({ values: DEAL });
    gone = true;
    service.addDeal({ values: DEAL });
    stop();
    gone = false;
    service.addDeal({ values: DEAL });
    expect(w1.received).toHaveLength(1);
  });
});

/** A tab's event stream, read with fetch as the renderer reads it; `events()` waits for the next `n`. */
async function openStream(server: RunningServer, query = '', headers: Record<string, string> = {}) {
  const controller = new AbortController();
  const res = await fetch(`http://127.0.0.1:${server.port}/events${query}`, {
    headers: { Authorization: `Bearer ${server.token}`, ...headers },
    signal: controller.signal,
  });
  const messages: { event: string; data: unknown; id?: string }[] = [];
  // The end of each catch-up, apart: a tab says it caught up once it reconnected (renderer/api/event-feed.ts).
  const caughtUp: unknown[] = [];
  const waiters: (() => void)[] = [];
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  void (async () => {
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        buffer += value;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const fields = Object.fromEntries(block.split('\n').filter((l) => !l.startsWith(':')).map((l) => [l.slice(0, l.indexOf(':')), l.slice(l.indexOf(':') + 2)]));
          if (!fields.data) continue;
          if (fields.event === 'caught-up') {
            caughtUp.push(JSON.parse(fields.data));
            continue;
          }
          messages.push({ event: fields.event ?? 'message', data: JSON.parse(fields.data), ...(fields.id ? { id: fields.id } : {}) });
          waiters.splice(0).forEach((w) => w());
        }
      }
    } catch {
      // aborted
    }
  })();
  const until = async (n: number) => {
    while (messages.length < n) await new Promise<void>((r) => waiters.push(r));
    return messages.slice(0, n);
  };
  cleanups.push(() => controller.abort());
  return { res, messages, caughtUp, until, close: () => controller.abort() };
}

describe('events over Server-Sent Events (browser mode)', () => {
  async function serve() {
    const { service } = await book();
    const server = await startHttpServer({ handlers: service, events: service.events });
    cleanups.push(() => server.close());
    const api = (method: string, payload: unknown, tab = 'tab1') =>
      fetch(`http://127.0.0.1:${server.port}/api/${method}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${server.token}`, 'X-Dealbook-Tab': tab },
        body: JSON.stringify(payload),
      }).then((r) => r.json() as Promise<Result<unknown>>);
    return { service, server, api };
  }

  it('streams every step to every tab, each told who made it', async () => {
    const { server, api, service } = await serve();
    const { stream, seq } = service.bookInfo({});
    const one = await openStream(server, `?stream=${stream}&after=${seq}`);
    const two = await openStream(server, `?stream=${stream}&after=${seq}`);
    expect(one.res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const added = (await api('addDeal', { values: DEAL }, 'tabA')) as Result<BookEvent & { id: number }>;
    expect(added.ok).toBe(true);
    await api('updateDeal', { id: added.ok ? added.value.id : 0, changes: { notes: 'b' } }, 'tabB');
    for (const s of [one, two]) {
      const got = await s.until(2);
      expect(got.map((m) => [(m.data as BookEvent).by, (m.data as BookEvent).label, m.id])).toEqual([
        ['tab:tabA', 'Add deal', `${stream}:${seq + 1}`],
        ['tab:tabB', 'Edit notes', `${stream}:${seq + 2}`],
      ]);
    }
    // The API answers a tab's own name.
    expect(await api('bookInfo', {}, 'tabA')).toMatchObject({ ok: true, value: { caller: 'tab:tabA' } });
  });

  it('a reconnecting tab first gets what it missed (query or Last-Event-ID), a tab too far behind a reset', async () => {
    const { server, api, service } = await serve();
    const { stream, seq } = service.bookInfo({});
    await api('addDeal', { values: DEAL });
    await api('addDeal', { values: DEAL });
    const resumed = await openStream(server, `?stream=${stream}&after=${seq + 1}`);
    expect((await resumed.until(1)).map((m) => (m.data as BookEvent).seq)).toEqual([seq + 2]);
    const byHeader = await openStream(server, '', { 'Last-Event-ID': `${stream}:${seq}` });
    expect((await byHeader.until(2)).map((m) => (m.data as BookEvent).seq)).toEqual([seq + 1, seq + 2]);
    const stranger = await openStream(server, `?stream=someone-else&after=3`);
    expect(await stranger.until(1)).toEqual([{ event: 'reset', data: { stream, seq: seq + 2 } }]);
    const fresh = await openStream(server);
    expect((await fresh.until(1))[0]!.event).toBe('reset');
    // Each stream marks where its catch-up ends (it is written with the catch-up, so it is in by now).
    await expect.poll(() => [resumed, byHeader, stranger].map((s) => s.caughtUp)).toEqual([[{ missed: 1, reset: false }], [{ missed: 2, reset: false }], [{ missed: 0, reset: true }]]);
    // Live events follow the catch-up.
    await api('addDeal', { values: DEAL });
    expect((await resumed.until(2)).map((m) => (m.data as BookEvent).seq)).toEqual([seq + 2, seq + 3]);
  });

  it('the stream keeps the rules of the API: token, Host and Origin', async () => {
    const { server } = await serve();
    const get = (headers: Record<string, string>) => fetch(`http://127.0.0.1:${server.port}/events`, { headers }).then((r) => r.status);
    expect(await get({})).toBe(401);
    expect(await get({ Authorization: 'Bearer wrong' })).toBe(401);
    expect(await get({ Authorization: `Bearer ${server.token}`, Origin: 'https://evil.example' })).toBe(403);
    const post = await fetch(`http://127.0.0.1:${server.port}/events`, { method: 'POST', headers: { Authorization: `Bearer ${server.token}` } });
    expect(post.status).toBe(405);
    const noEvents = await startHttpServer({ handlers: (await book()).service });
    cleanups.push(() => noEvents.close());
    const res = await fetch(`http://127.0.0.1:${noEvents.port}/events`, { headers: { Authorization: `Bearer ${noEvents.token}` } });
    expect(res.status).toBe(404);
  });
});

describe('one list of methods', () => {
  it('the read-only set is what the contract says does not write', () => {
    expect([...READ_ONLY_METHODS].sort()).toEqual(METHOD_NAMES.filter((m) => !contract[m].writes).sort());
    expect(READ_ONLY_METHODS.has('listDeals') && !READ_ONLY_METHODS.has('updateDeal')).toBe(true);
  });
});
