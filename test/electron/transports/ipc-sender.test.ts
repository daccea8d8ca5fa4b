import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { METHOD_NAMES, type Handlers } from '../../../shared/protocol/contract';
import type { Result } from '../../../shared/protocol/result';
import { IPC_PREFIX, registerIpc, type IpcEventLike } from '../../../electron/transports/ipc';
import { isAppUrl } from '../../../electron/main/app-protocol';
import { bookRowsHash } from '../../helpers/book-rows';
import { fakeIpcMain } from '../../helpers/fake-ipc';
import { tempBook } from '../../helpers/temp-book';

const PAGE = 'app://dealbook/index.html';
const windowA: IpcEventLike = { sender: { id: 1 }, senderFrame: { url: PAGE, parent: null } };
const windowB: IpcEventLike = { sender: { id: 2 }, senderFrame: { url: PAGE, parent: null } };

let a: Awaited<ReturnType<typeof tempBook>>;
let b: Awaited<ReturnType<typeof tempBook>>;
const ipc = fakeIpcMain();
const touched: string[] = [];

beforeAll(async () => {
  a = await tempBook({ sample: true });
  b = await tempBook();
  const byWindow = new Map<number, Handlers>([
    [1, a.service],
    [2, b.service],
  ]);
  registerIpc(ipc, (event) => (event.sender ? (byWindow.get(event.sender.id) ?? null) : null), isAppUrl, (_e, method) => touched.push(method));
});

afterAll(() => {
  a.cleanup();
  b.cleanup();
});

const call = (event: IpcEventLike, method: string, payload: unknown) => ipc.handlers.get(IPC_PREFIX + method)!(event, payload) as Result<unknown>;

describe('IPC through a fake ipcMain', () => {
  it('registers exactly one channel per contract method', () => {
    expect([...ipc.handlers.keys()].sort()).toEqual(METHOD_NAMES.map((m) => IPC_PREFIX + m).sort());
  });

  it('routes each window to its own book', () => {
    const inA = call(windowA, 'listDeals', {});
    const inB = call(windowB, 'listDeals', {});
    expect(inA.ok && (inA.value as unknown[]).length).toBeGreaterThan(0);
    expect(inB).toEqual({ ok: true, value: [] });
    const info = call(windowB, 'bookInfo', {});
    expect(info.ok && (info.value as { path: string }).path).toBe(b.path);
  });

  it('refuses foreign senders before reading the payload, without touching the book', () => {
    const before = bookRowsHash(a.service);
    touched.length = 0;
    let payloadRead = false;
    const payload = {
      get ids() {
        payloadRead = true;
        return [1, 2, 3];
      },
    };
    const foreign: [string, IpcEventLike][] = [
      ['another site', { sender: { id: 1 }, senderFrame: { url: 'https://evil.example/index.html', parent: null } }],
      ['a lookalike host', { sender: { id: 1 }, senderFrame: { url: 'app://dealbook.evil/index.html', parent: null } }],
      ['a file page', { sender: { id: 1 }, senderFrame: { url: 'file:///tmp/index.html', parent: null } }],
      ['a devtools page', { sender: { id: 1 }, senderFrame: { url: 'devtools://devtools/bundled/inspector.html', parent: null } }],
      ['a subframe of our page', { sender: { id: 1 }, senderFrame: { url: PAGE, parent: { url: PAGE } } }],
      ['a destroyed frame', { sender: { id: 1 }, senderFrame: null }],
      [
        'a frame that throws',
        {
          sender: { id: 1 },
          get senderFrame(): never {
            throw new Error('Render frame was disposed');
          },
        },
      ],
    ];
    for (const [what, event] of foreign) {
      for (const method of ['deleteDeals', 'undo', 'listDeals', 'importCsv', 'setSetting']) {
        expect(call(event, method, payload), `${what} calling ${method}`).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      }
    }
    // Our page, but in a webContents that is not one of the book windows.
    expect(call({ sender: { id: 99 }, senderFrame: { url: PAGE, parent: null } }, 'deleteDeals', payload)).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
    expect(payloadRead).toBe(false);
    expect(touched).toEqual([]);
    expect(bookRowsHash(a.service)).toBe(before);
  });

  it('refuses invalid payloads from our own window with a typed error, book unchanged', () => {
    const before = bookRowsHash(a.service);
    const bad: [string, unknown][] = [
      ['deleteDeals', { ids: [] }],
      ['deleteDeals', { ids: ['1'] }],
      ['deleteDeals', { ids: [1], extra: true }],
      ['updateDeal', { id: 1 }],
      ['updateDeal', { id: -1, changes: { notes: 'x' } }],
      ['updateDeal', { id: 1, changes: { not_a_field: 'x' } }],
      ['updateDeal', { id: 1, changes: { amount_usd: 'abc' } }],
      ['updateDeal', { id: 1_000_000, changes: { notes: 'x' } }],
      ['addDeal', { values: { announced: '3/4/2025', from_party: 'A', to_party: 'B', kind: 'investment' } }],
      ['addDeal', null],
      ['undo', { steps: 5 }],
      ['importCsv', { text: 42 }],
      ['setSetting', { key: '', value: 'x' }],
      ['renameParty', 'OpenAI'],
    ];
    for (const [method, payload] of bad) {
      const result = call(windowA, method, payload);
      expect(result.ok, `${method} ${JSON.stringify(payload)}`).toBe(false);
      if (!result.ok) {
        expect(['invalid_payload', 'validation', 'not_found']).toContain(result.error.code);
        expect(typeof result.error.message).toBe('string');
        expect(JSON.stringify(result.error)).not.toMatch(/at .*\.(ts|js):\d+/);
      }
    }
    expect(bookRowsHash(a.service)).toBe(before);
  });

  it('still serves our own top-level page after all that', () => {
    const before = bookRowsHash(a.service);
    const list = call(windowA, 'listDeals', {});
    expect(list.ok).toBe(true);
    const id = list.ok ? (list.value as { id: number }[])[0]!.id : 0;
    expect(call(windowA, 'updateDeal', { id, changes: { notes: 'checked over IPC' } })).toMatchObject({ ok: true });
    expect(bookRowsHash(a.service)).not.toBe(before);
    expect(call(windowA, 'undo', {})).toMatchObject({ ok: true });
  });
});
