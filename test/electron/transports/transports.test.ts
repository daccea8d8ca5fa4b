import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { isWireTable, tableToList } from '../../../shared/protocol/wire-table';
import { METHOD_NAMES, type MethodName } from '../../../shared/protocol/contract';
import type { Result } from '../../../shared/protocol/result';
import { registerIpc, IPC_PREFIX, type IpcEventLike } from '../../../electron/transports/ipc';
import { startHttpServer, type RunningServer } from '../../../electron/transports/http-server';
import type { Service } from '../../../electron/service/service';
import { fakeIpcMain } from '../../helpers/fake-ipc';
import { tempBook } from '../../helpers/temp-book';
import { seedVectors } from '../../helpers/vectors';

const APP_URL = 'app://dealbook/index.html';
const ownFrame: IpcEventLike = { senderFrame: { url: APP_URL } };

type Call = (method: MethodName | string, payload: unknown) => Promise<Result<unknown>>;

let ipcBook: Awaited<ReturnType<typeof tempBook>>;
let httpBook: Awaited<ReturnType<typeof tempBook>>;
let server: RunningServer;
const ipc = fakeIpcMain();

beforeAll(async () => {
  ipcBook = await tempBook();
  httpBook = await tempBook();
  seedVectors(ipcBook.service);
  seedVectors(httpBook.service);
  registerIpc(ipc, () => ipcBook.service as Service, (url) => url === APP_URL);
  server = await startHttpServer({ handlers: httpBook.service });
});

afterAll(async () => {
  await server.close();
  ipcBook.cleanup();
  httpBook.cleanup();
});

const viaIpc: Call = async (method, payload) => ipc.handlers.get(IPC_PREFIX + method)!(ownFrame, payload) as Result<unknown>;
const viaHttp: Call = async (method, payload) => {
  const res = await fetch(`http://127.0.0.1:${server.port}/api/${method}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${server.token}` },
    body: JSON.stringify(payload),
  });
  return (await res.json()) as Result<unknown>;
};

describe.each([
  ['IPC', () => viaIpc],
  ['HTTP', () => viaHttp],
] as const)('the contract over %s', (_name, transport) => {
  it('registers every method', () => {
    expect([...ipc.handlers.keys()].sort()).toEqual(METHOD_NAMES.map((m) => IPC_PREFIX + m).sort());
  });

  it('lists, edits, undoes and reports typed errors', async () => {
    const call = transport();
    const list = await call('listDeals', {});
    expect(list.ok && (list.value as unknown[]).length).toBe(16);
    const edit = await call('updateDeal', { id: 5, changes: { amount_usd: '58B' } });
    expect(edit.ok).toBe(true);
    if (edit.ok) expect((edit.value as { changed: { id: number }[] }).changed.map((r) => r.id).sort()).toEqual([4, 5]);
    const bad = await call('updateDeal', { id: 5, changes: { amount_usd: 'abc' } });
    expect(bad).toMatchObject({ ok: false, error: { code: 'validation', details: [{ row: 5, field: 'amount_usd' }] } });
    const invalid = await call('updateDeal', { id: 'five' });
    expect(invalid).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
    // Over IPC an unknown method has no channel at all; over HTTP it is a typed refusal.
    if (_name === 'IPC') expect(ipc.handlers.has(IPC_PREFIX + 'dropTables')).toBe(false);
    else expect(await call('dropTables', {})).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
    const undo = await call('undo', {});
    expect(undo.ok).toBe(true);
    const info = await call('bookInfo', {});
    expect(info.ok && (info.value as { canRedo: boolean }).canRedo).toBe(true);
  });
});

describe.each([
  ['IPC', () => viaIpc],
  ['HTTP', () => viaHttp],
] as const)('the door over %s', (_name, transport) => {
  it('refuses lone UTF-16 surrogates in party names, notes and settings, saving nothing', async () => {
    const call = transport();
    const before = await call('listDeals', {});
    const deal = { announced: '2025-01-01', from_party: 'Fund', kind: 'investment' };
    for (const [method, payload, field] of [
      ['addDeal', { values: { ...deal, to_party: 'Lone\ud800' } }, 'values.to_party'],
      ['addDeal', { values: { ...deal, to_party: 'Lone\udbff' } }, 'values.to_party'],
      ['updateDeal', { id: 5, changes: { notes: 'a \udc00 b' } }, 'changes.notes'],
      ['updateCells', { cells: [{ id: 5, field: 'from_party', value: '\ud83d' }] }, 'cells.0.value'],
      ['renameParty', { name: 'OpenAI', to: 'Open\udfffAI' }, 'to'],
      ['setSetting', { key: 'grid.columns', value: '["\ud800"]' }, 'value'],
      ['importCsv', { text: 'announced,from_party,to_party,kind\n2025-01-01,A\ud800,B,investment\n' }, 'text'],
    ] as const) {
      const result = await call(method, payload);
      expect(result, method).toMatchObject({ ok: false, error: { code: 'invalid_payload', details: [{ field }] } });
      if (!result.ok) expect(result.error.details![0]!.message).toMatch(/lone UTF-16 surrogate/);
    }
    const csv = await call('importCsv', { text: 'announced,from_party,to_party,kind\n2025-01-01,A\ud800,B,investment\n' });
    if (!csv.ok) expect(csv.error.details![0]!.message).toBe('line 2, character 13 holds a lone UTF-16 surrogate (not valid Unicode text)');
    expect(await call('getSetting', { key: 'grid.columns' })).toEqual({ ok: true, value: null });
    expect(await call('listDeals', {})).toEqual(before);
    // A well-formed pair (an emoji) is text like any other.
    expect((await call('updateDeal', { id: 5, changes: { notes: 'rocket \ud83d\ude80' } })).ok).toBe(true);
    expect((await call('undo', {})).ok).toBe(true);
  });

  it('takes party names that differ only by invisible characters as one party (issue 17)', async () => {
    const call = transport();
    const parties = async () => {
      const r = (await call('listParties', {})) as unknown;
      const list = isWireTable(r) ? tableToList(r) : (r as { value: unknown }).value;
      return new Map((list as { name: string; deal_count: number }[]).map((p) => [p.name, p.deal_count]));
    };
    const before = await parties();
    const deal = { announced: '2025-01-01', to_party: 'Invisible Fund', kind: 'investment' };
    // An Arabic letter mark, a Hangul filler, a variation selector, a tag character, the combining grapheme joiner.
    for (const spelling of ['Open\u061CAI', '\u3164OpenAI', 'OPENAI\uFE0F', 'Open\u{E0041}AI', 'Ope\u034Fn\u200BAI']) {
      expect((await call('addDeal', { values: { ...deal, from_party: spelling } })).ok, JSON.stringify(spelling)).toBe(true);
    }
    const after = await parties();
    expect([...after.keys()].sort()).toEqual([...before.keys(), 'Invisible Fund'].sort());
    expect(after.get('OpenAI')).toBe(before.get('OpenAI')! + 5);
    const self = await call('addDeal', { values: { ...deal, from_party: 'Invisible Fund', to_party: 'Invisible\u180E Fund' } });
    expect(self).toMatchObject({ ok: false, error: { code: 'validation' } });
    for (let i = 0; i < 5; i++) expect((await call('undo', {})).ok).toBe(true);
    expect(await parties()).toEqual(before);
  });

  it('refuses a __proto__ key inside values and changes like any unknown key', async () => {
    const call = transport();
    const before = await call('listDeals', {});
    const unknown = await call('updateDeal', JSON.parse('{"id": 5, "changes": {"notes": "x", "toString": "x"}}'));
    expect(unknown).toMatchObject({ ok: false, error: { code: 'invalid_payload', details: [{ field: 'changes', message: 'Unrecognized key: "toString"' }] } });
    for (const [method, text] of [
      ['updateDeal', '{"id": 5, "changes": {"notes": "x", "__proto__": "x"}}'],
      ['updateDeal', '{"id": 5, "changes": {"notes": "x", "__proto__": {"notes": "y"}}}'],
      ['addDeal', '{"values": {"announced": "2025-01-01", "from_party": "A", "to_party": "B", "kind": "investment", "__proto__": {}}}'],
    ] as const) {
      // JSON.parse makes __proto__ an own key, as a browser's request body or a structured clone carries it.
      const result = await call(method, JSON.parse(text));
      expect(result, text).toMatchObject({ ok: false, error: { code: 'invalid_payload', details: [{ message: 'Unrecognized key: "__proto__"' }] } });
    }
    expect(await call('listDeals', {})).toEqual(before);
  });
});

describe('IPC sender checks', () => {
  it('refuses a foreign page and a subframe without touching the book', async () => {
    const before = ipcBook.service.listDeals({});
    const listener = ipc.handlers.get(IPC_PREFIX + 'deleteDeals')!;
    const foreign = listener({ senderFrame: { url: 'https://evil.example/' } }, { ids: [1] });
    const sub = listener({ senderFrame: { url: APP_URL, parent: {} } }, { ids: [1] });
    const none = listener({ senderFrame: null }, { ids: [1] });
    for (const r of [foreign, sub, none]) expect(r).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(ipcBook.service.listDeals({})).toEqual(before);
  });
});

describe('HTTP: a long answer is streamed in slices', () => {
  let big: Awaited<ReturnType<typeof tempBook>>;
  let bigServer: RunningServer;
  const post = (method: string, signal?: AbortSignal) =>
    fetch(`http://127.0.0.1:${bigServer.port}/api/${method}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${bigServer.token}` },
      body: '{}',
      signal,
    });

  beforeAll(async () => {
    big = await tempBook();
    const lines = ['announced,from_party,to_party,kind,amount_usd,notes'];
    // More rows than one slice, with text that JSON must escape.
    for (let i = 0; i < 5003; i++) lines.push(`2025-01-${String((i % 28) + 1).padStart(2, '0')},Party ${i % 97},Lab ${i % 89},investment,${i}B,"note ""${i}"", \u00e9\\\\"`);
    expect(big.service.importCsv({ text: lines.join('\n') }).imported).toBe(5003);
    bigServer = await startHttpServer({ handlers: big.service });
  });
  afterAll(async () => {
    await bigServer.close();
    big.cleanup();
  });

  // What the window's client makes of an answer (a long list comes as a table).
  const decoded = (text: string) => {
    const body = JSON.parse(text) as unknown;
    return JSON.stringify(isWireTable(body) ? { ok: true, value: tableToList(body) } : body);
  };

  it('sends a long list of deals as a table the client turns back into exactly the same deals', async () => {
    const text = await (await post('listDeals')).text();
    const plain = JSON.stringify({ ok: true, value: big.service.listDeals({}) });
    expect(text.startsWith(`{"ok":true,"keys":${JSON.stringify(Object.keys(big.service.listDeals({})[0]!))},"rows":[[`)).toBe(true);
    expect(text.length).toBeLessThan(plain.length * 0.7);
    // Same values, same keys in the same order: the same JSON once decoded.
    expect(decoded(text)).toBe(plain);
  });

  it('answers with the book as it is now: never JSON kept from before a change, here or by another program', async () => {
    // Both servers settle their start-up work: a big book's JSON is made, a small book has none to make.
    await expect(bigServer.warmed).resolves.toBeUndefined();
    await expect(server.warmed).resolves.toBeUndefined();
    const listed = async () => decoded(await (await post('listDeals')).text());
    const now = () => JSON.stringify({ ok: true, value: big.service.listDeals({}) });
    // The server made this JSON as it started; asked twice, it answers from what it kept.
    expect(await listed()).toBe(now());
    expect(await listed()).toBe(now());

    big.service.updateDeal({ id: 1, changes: { notes: 'changed through the service' } });
    const afterEdit = await listed();
    expect(afterEdit).toContain('changed through the service');
    expect(afterEdit).toBe(now());

    const other = new Database(big.path);
    other.prepare("UPDATE deals SET notes = 'changed by another program' WHERE id = 2").run();
    other.close();
    const afterOther = await listed();
    expect(afterOther).toContain('changed by another program');
    expect(afterOther).toBe(now());
  });

  it('hands out one frozen list until the book changes, so its JSON can be kept', () => {
    const first = big.service.listDeals({});
    expect(Object.isFrozen(first)).toBe(true);
    expect(big.service.listDeals({})).toBe(first);
    expect(() => (first as unknown[]).push({})).toThrow(TypeError);
    big.service.updateDeal({ id: 3, changes: { notes: 'a change makes a new list' } });
    const second = big.service.listDeals({});
    expect(second).not.toBe(first);
    expect(second.find((d) => d.id === 3)?.notes).toBe('a change makes a new list');
  });

  it('keeps serving after a client walks away mid-answer', async () => {
    const abort = new AbortController();
    const res = await post('listDeals', abort.signal);
    const reader = res.body!.getReader();
    await reader.read();
    abort.abort();
    const info = (await (await post('bookInfo')).json()) as Result<unknown>;
    expect(info.ok).toBe(true);
    const again = JSON.parse(decoded(await (await post('listDeals')).text())) as Result<unknown[]>;
    expect(again.ok && again.value.length).toBe(5003);
  });
});
