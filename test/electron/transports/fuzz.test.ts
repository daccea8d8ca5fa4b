import { Agent, request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { METHOD_NAMES } from '../../../shared/protocol/contract';
import type { ErrorCode } from '../../../shared/protocol/result';
import { IPC_PREFIX, registerIpc, type IpcEventLike } from '../../../electron/transports/ipc';
import { startHttpServer, type RunningServer } from '../../../electron/transports/http-server';
import { isAppUrl } from '../../../electron/main/app-protocol';
import { bookRowsHash } from '../../helpers/book-rows';
import { fakeIpcMain } from '../../helpers/fake-ipc';
import { tempBook } from '../../helpers/temp-book';
import { badPayloads, prng, spoiledPayloads, type Bad } from '../../helpers/fuzz-payloads';

/**
 * Random and malformed payloads against every contract method, over IPC (fake ipcMain, payloads through
 * structuredClone as Electron would) and HTTP (real sockets). Every payload here is bad: the schema refuses
 * it, or the service does (a missing deal, an invalid cell). Each must get a typed error and leave the book
 * byte-for-byte as it was. Reproduce a failure with FUZZ_SEED=<seed printed below>.
 */
const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 1_000_000_007);
const PER_TRANSPORT = 10_000;
const CODES: ReadonlySet<ErrorCode> = new Set(['invalid_payload', 'validation', 'not_found', 'conflict', 'nothing_to_undo', 'nothing_to_redo', 'book_newer', 'book_corrupt', 'book_busy', 'io', 'forbidden', 'internal']);

function expectTypedRefusal(result: unknown, bad: Bad, where: string): void {
  const r = result as { ok?: unknown; error?: { code?: unknown; message?: unknown } };
  const what = `${where} ${bad.method} ${String(JSON.stringify(bad.payload, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v)) ?? bad.payload).slice(0, 200)} (seed ${SEED})`;
  if (r?.ok !== false || typeof r.error?.message !== 'string' || !CODES.has(r.error.code as ErrorCode)) {
    expect.fail(`${what}: expected a typed error, got ${JSON.stringify(result)?.slice(0, 300)}`);
  }
  if (bad.expect === 'invalid_payload' && r.error!.code !== 'invalid_payload') expect.fail(`${what}: expected invalid_payload, got ${r.error!.code}`);
  if (bad.expect === 'refused' && !['validation', 'not_found', 'conflict'].includes(r.error!.code as string)) {
    expect.fail(`${what}: expected validation/not_found/conflict, got ${r.error!.code}: ${r.error!.message}`);
  }
  if (/\n\s+at /.test(r.error!.message as string)) expect.fail(`${what}: stack trace in the message`);
}

/** Every method got schema-invalid payloads, and a fair share reached the service and was refused there. */
function expectCoverage(bad: Bad[]): void {
  expect(bad).toHaveLength(PER_TRANSPORT);
  const invalid = new Set(bad.filter((b) => b.expect === 'invalid_payload').map((b) => b.method));
  expect([...invalid].sort()).toEqual([...METHOD_NAMES].sort());
  expect(bad.filter((b) => b.expect === 'refused').length).toBeGreaterThan(PER_TRANSPORT / 20);
}

let ipcBook: Awaited<ReturnType<typeof tempBook>>;
let httpBook: Awaited<ReturnType<typeof tempBook>>;
let server: RunningServer;
const ipc = fakeIpcMain();
const own: IpcEventLike = { sender: { id: 1 }, senderFrame: { url: 'app://dealbook/index.html', parent: null } };

beforeAll(async () => {
  console.log(`fuzz seed ${SEED}`);
  ipcBook = await tempBook({ sample: true });
  httpBook = await tempBook({ sample: true });
  registerIpc(ipc, () => ipcBook.service, isAppUrl);
  server = await startHttpServer({ handlers: httpBook.service });
});

afterAll(async () => {
  httpAgent.destroy();
  await server.close();
  ipcBook.cleanup();
  httpBook.cleanup();
});

/** One raw HTTP exchange over a kept-alive socket; the body parsed as JSON. */
const httpAgent = new Agent({ keepAlive: true });
function post(path: string, body: string | Buffer, headers: Record<string, string> = {}, method = 'POST'): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: server.port, path, method, agent: httpAgent, headers: { Host: `127.0.0.1:${server.port}`, 'Content-Type': 'application/json', Authorization: `Bearer ${server.token}`, ...headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          try {
            resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) });
          } catch {
            resolve({ status: res.statusCode ?? 0, body: text });
          }
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

describe(`fuzzing both transports (${PER_TRANSPORT} bad payloads each)`, () => {
  it('IPC: every bad payload gets a typed error; the book is unchanged and intact', () => {
    const r = prng(SEED);
    const before = bookRowsHash(ipcBook.service);
    const bad = badPayloads(r, PER_TRANSPORT, true);
    for (const b of bad) expectTypedRefusal(ipc.handlers.get(IPC_PREFIX + b.method)!(own, structuredClone(b.payload)), b, 'IPC');
    expectCoverage(bad);
    const spoiled = spoiledPayloads();
    expect(spoiled.length).toBeGreaterThan(METHOD_NAMES.length * 2);
    for (const b of spoiled) expectTypedRefusal(ipc.handlers.get(IPC_PREFIX + b.method)!(own, structuredClone(b.payload)), b, 'IPC spoiled');
    expect(ipcBook.service.repos.db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(bookRowsHash(ipcBook.service)).toBe(before);
    expect(ipc.handlers.get(IPC_PREFIX + 'listDeals')!(own, {})).toMatchObject({ ok: true });
  }, 60_000);

  it('HTTP: every bad payload and malformed request gets a typed error; the book is unchanged and intact', async () => {
    const r = prng(SEED + 1);
    const before = bookRowsHash(httpBook.service);
    const bad = badPayloads(r, PER_TRANSPORT, false);
    expectCoverage(bad);
    for (const b of bad) {
      const res = await post(`/api/${b.method}`, JSON.stringify(b.payload ?? null));
      expect(res.status).toBeLessThan(500);
      expectTypedRefusal(res.body, b, 'HTTP');
    }
    for (const b of spoiledPayloads()) {
      const res = await post(`/api/${b.method}`, JSON.stringify(b.payload));
      expect(res.status).toBeLessThan(500);
      expectTypedRefusal(res.body, b, 'HTTP spoiled');
    }
    // Requests no JSON client would send.
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    const raw: [string, string | Buffer, Record<string, string>?, string?][] = [
      ['/api/updateDeal', '{"id": 1, "changes": {"notes": "x"'],
      ['/api/updateDeal', '\uFEFF{"id": 1}'],
      ['/api/updateDeal', Buffer.from([0xff, 0xfe, 0x00, 0x7b])],
      ['/api/deleteDeals', deep],
      ['/api/deleteDeals', '{"ids": [1], "__proto__": {"polluted": true}}'],
      ['/api/deleteDeals', 'ids=1', { 'Content-Type': 'application/x-www-form-urlencoded' }],
      ['/api/deleteDeals', '{"ids": [1]}', { Authorization: `Bearer ${server.token}x` }],
      ['/api/deleteDeals', '{"ids": [1]}', { Authorization: '' }],
      ['/api/deleteDeals', '{"ids": [1]}', { Host: 'evil.example' }],
      ['/api/deleteDeals', '{"ids": [1]}', { Origin: 'https://evil.example' }],
      ['/api/deleteDeals', '', {}, 'GET'],
      ['/api/deleteDeals', '{"ids": [1]}', {}, 'PUT'],
      ['/api/', '{}'],
      ['/api/%E0%A4%A', '{}'],
      ['/api/__proto__', '{}'],
      ['/api/constructor', '{}'],
      ['/api/deleteDeals/extra', '{"ids": [1]}'],
      ['/api/DELETEDEALS', '{"ids": [1]}'],
      ['/%E0%A4%A', '', {}, 'GET'],
    ];
    for (const [path, body, headers, method] of raw) {
      const res = await post(path, body, headers, method);
      // A refused call is 4xx, or 200 with ok:false when the contract itself refused the payload.
      expect(res.status, path).toBeLessThan(500);
      expectTypedRefusal(res.body, { method: `${method ?? 'POST'} ${path}`, payload: String(body).slice(0, 60), expect: 'any' }, 'HTTP raw');
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(httpBook.service.repos.db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(bookRowsHash(httpBook.service)).toBe(before);
    expect((await post('/api/listDeals', '{}')).body).toMatchObject({ ok: true });
  }, 60_000);
});
