import { Agent, request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contract, METHOD_NAMES, type MethodName } from '../../shared/contract';
import { payloadProblems } from '../../shared/payload-guard';
import type { ErrorCode } from '../../shared/result';
import { IPC_PREFIX, registerIpc, type IpcEventLike } from '../../electron/transports/ipc';
import { startHttpServer, type RunningServer } from '../../electron/transports/http-server';
import { isAppUrl } from '../../electron/main/app-protocol';
import { bookRowsHash } from '../helpers/book-rows';
import { fakeIpcMain } from '../helpers/fake-ipc';
import { tempBook } from '../helpers/temp-book';

/**
 * Random and malformed payloads against every contract method, over IPC (fake ipcMain, payloads through
 * structuredClone as Electron would) and HTTP (real sockets). Every payload here is bad: the schema refuses
 * it, or the service does (a missing deal, an invalid cell). Each must get a typed error and leave the book
 * byte-for-byte as it was. Reproduce a failure with FUZZ_SEED=<seed printed below>.
 */
const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 1_000_000_007);
const PER_TRANSPORT = 10_000;
const CODES: ReadonlySet<ErrorCode> = new Set(['invalid_payload', 'validation', 'not_found', 'conflict', 'nothing_to_undo', 'nothing_to_redo', 'book_newer', 'book_corrupt', 'book_busy', 'io', 'forbidden', 'internal']);

function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)]!;
  return { next, int, pick };
}

const STRINGS = [
  '', ' ', 'x', 'abc', '45B', '-5B', '1.2.3', 'NaN', 'Infinity', '3/4/2025', '2025-13-45', 'investment', 'loan',
  "'; DROP TABLE deals; --", '__proto__', 'constructor', 'toString', 'hasOwnProperty', '\u0000', '\ud800', '🚀💸',
  'javascript:alert(1)', '<script>alert(1)</script>', '../../etc/passwd', 'x'.repeat(300),
];
const NUMBERS = [0, -0, -1, 1, 1.5, 2 ** 31, 2 ** 53 + 2, -(2 ** 53), 1e308, Number.MIN_VALUE, NaN, Infinity, -Infinity];
const KEYS = ['id', 'ids', 'values', 'changes', 'cells', 'field', 'value', 'name', 'to', 'names', 'into', 'kind', 'text', 'key', 'label', 'dryRun', 'skipInvalid', 'notes', 'amount_usd', '__proto__', 'constructor', 'extra', ''];

type Rng = ReturnType<typeof prng>;

/** A random value: JSON-only for HTTP; IPC also gets what structured clone carries (Dates, Maps, BigInts...). */
function junk(r: Rng, ipc: boolean, depth = 0): unknown {
  const kinds = depth > 2 ? 5 : ipc ? 9 : 7;
  switch (r.int(kinds)) {
    case 0: return r.pick(STRINGS);
    case 1: return r.pick(NUMBERS);
    case 2: return r.pick([null, true, false]);
    case 3: return ipc ? r.pick([undefined, null]) : null;
    case 4: return r.pick(STRINGS) + r.int(1000);
    case 5: return Array.from({ length: r.int(4) }, () => junk(r, ipc, depth + 1));
    case 6: return Object.fromEntries(Array.from({ length: r.int(4) }, () => [r.pick(KEYS), junk(r, ipc, depth + 1)]));
    case 7: return r.pick([new Date(0), new Map([['ids', [1]]]), new Set([1]), new Uint8Array([1, 2]), 10n, /x/, new Error('x')]);
    default: return { ids: r.pick([[1n], [new Date()], new Set([1])]) };
  }
}

const TEMPLATES: Record<MethodName, () => Record<string, unknown>> = {
  bookInfo: () => ({}),
  listDeals: () => ({}),
  listParties: () => ({}),
  addDeal: () => ({ values: { announced: '2025-01-01', from_party: 'Fuzz Fund', to_party: 'Fuzz Lab', kind: 'investment' } }),
  updateDeal: () => ({ id: 1, changes: { notes: 'fuzz' } }),
  updateCells: () => ({ cells: [{ id: 1, field: 'notes', value: 'fuzz' }], label: 'Paste' }),
  deleteDeals: () => ({ ids: [1] }),
  duplicateDeals: () => ({ ids: [1] }),
  undo: () => ({}),
  redo: () => ({}),
  renameParty: () => ({ name: 'OpenAI', to: 'Open AI' }),
  mergeParties: () => ({ names: ['OpenAI'], into: 'Oracle' }),
  setPartyKind: () => ({ name: 'OpenAI', kind: 'lab' }),
  aggregates: () => ({ ids: [1] }),
  importCsv: () => ({ text: 'announced,from_party,to_party,kind\n2025-01-01,A,B,investment\n', dryRun: false }),
  exportCsv: () => ({ ids: [1] }),
  getSetting: () => ({ key: 'columns' }),
  setSetting: () => ({ key: 'columns', value: '[]' }),
  roundTripDetail: () => ({ id: 1, scenario: 'Base' }),
  setPartyParent: () => ({ name: 'OpenAI', parent: 'Oracle' }),
  listScenarios: () => ({}),
  importParties: () => ({ rows: [{ line: 2, name: 'AWS', kind: 'hyperscaler', parent: 'Amazon' }] }),
  setScenario: () => ({ name: 'Fuzz', status_weight: { rumored: 0.5 }, up_to_factor: 0.5, credit_drawdown: 1, roll_up: true }),
  renameScenario: () => ({ name: 'Fuzz', to: 'Fuzz 2' }),
  deleteScenario: () => ({ name: 'Fuzz 2' }),
  setDateOrder: () => ({ dateOrder: 'DMY' }),
  eventsSince: () => ({ stream: 'fuzz', after: 0 }),
};

/** One structural change to a valid payload: a wrong type somewhere, a missing or unknown key. */
function mutate(r: Rng, value: unknown, ipc: boolean): unknown {
  if (value === null || typeof value !== 'object' || r.int(4) === 0) return junk(r, ipc);
  const copy: Record<string, unknown> = Array.isArray(value) ? ([...value] as unknown as Record<string, unknown>) : { ...(value as Record<string, unknown>) };
  const keys = Object.keys(copy);
  const roll = r.int(5);
  // defineProperty: a key named __proto__ must be an own property, as JSON.parse and structured clone make it.
  if (roll === 0 || !keys.length) Object.defineProperty(copy, r.pick(KEYS) || 'extra', { value: junk(r, ipc), enumerable: true, configurable: true, writable: true });
  else if (roll === 1) delete copy[r.pick(keys)];
  else {
    const key = r.pick(keys);
    copy[key] = mutate(r, copy[key], ipc);
  }
  return copy;
}

/** Payloads the schema accepts but the service must refuse, without writing anything. */
const SEMANTIC: [MethodName, unknown][] = [
  ['updateDeal', { id: 999_999, changes: { notes: 'x' } }],
  ['updateDeal', { id: 1, changes: { amount_usd: 'abc' } }],
  ['updateDeal', { id: 1, changes: { amount_usd: '-5B' } }],
  ['updateDeal', { id: 1, changes: { announced: '3/4/2025' } }],
  ['updateDeal', { id: 1, changes: { kind: 'loan' } }],
  ['updateDeal', { id: 1, changes: { from_party: '' } }],
  ['updateDeal', { id: 1, changes: { term_years: 0 } }],
  ['updateDeal', { id: 1, changes: { source_url: 'javascript:alert(1)' } }],
  ['updateDeal', { id: 1, changes: { notes: 'n'.repeat(10_001) } }],
  ['updateDeal', { id: 1, changes: { amount_usd: 1, cash_usd: 2 } }],
  ['updateCells', { cells: [{ id: 1, field: 'notes', value: 'ok' }, { id: 2, field: 'amount_usd', value: 'NaN' }] }],
  ['updateCells', { cells: [{ id: 1, field: 'notes', value: 'ok' }, { id: 999_999, field: 'notes', value: 'x' }] }],
  ['addDeal', { values: { announced: '2025-01-01', from_party: 'A', to_party: 'a', kind: 'investment' } }],
  ['addDeal', { values: { from_party: 'A', to_party: 'B', kind: 'investment' } }],
  ['addDeal', { values: { announced: '2025-01-01', from_party: 'A', to_party: 'B', kind: 'investment', amount_usd: '1.2.3' } }],
  ['duplicateDeals', { ids: [999_999] }],
  ['duplicateDeals', { ids: [1, 999_999] }],
];

/** What the service receives: a structured clone over IPC, a JSON round trip over HTTP (NaN -> null...). */
function onTheWire(payload: unknown, ipc: boolean): unknown {
  return ipc ? structuredClone(payload) : (JSON.parse(JSON.stringify(payload ?? null)) as unknown);
}

type Bad = { method: string; payload: unknown; expect: 'invalid_payload' | 'refused' | 'any' };

function badPayloads(r: Rng, count: number, ipc: boolean): Bad[] {
  const out: Bad[] = [];
  while (out.length < count) {
    const method = METHOD_NAMES[out.length % METHOD_NAMES.length]!;
    const roll = r.int(10);
    if (roll === 0) {
      const [m, payload] = r.pick(SEMANTIC);
      out.push({ method: m, payload, expect: 'refused' });
      continue;
    }
    const payload = onTheWire(roll < 3 ? junk(r, ipc) : mutate(r, TEMPLATES[method](), ipc), ipc);
    // Keep only what the door refuses: a valid random payload may legitimately change the book.
    if (contract[method].input.safeParse(payload ?? {}).success && !payloadProblems(payload).length) continue;
    out.push({ method, payload, expect: 'invalid_payload' });
  }
  return out;
}

const LONE = ['\ud800', '\udbff', '\udc00', 'Lone\ud800', 'Lone\udbff', '\udfff tail', 'a\ud83d', '\ude80b'];

/**
 * Valid payloads of every method spoiled at one place each: every string at every depth gets a lone surrogate,
 * and every object at every depth (the payload itself, values, changes, each cell) gets an own `__proto__` key.
 * Each must be refused as invalid_payload, whatever the schema would have made of it.
 */
function spoiledPayloads(): Bad[] {
  const out: Bad[] = [];
  let n = 0;
  for (const method of METHOD_NAMES) {
    const template = TEMPLATES[method]();
    const spots: (string | number)[][] = [];
    const walk = (value: unknown, path: (string | number)[]) => {
      if (typeof value === 'string' || (value !== null && typeof value === 'object' && !Array.isArray(value))) spots.push(path);
      if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) walk(v, [...path, Array.isArray(value) ? Number(k) : k]);
    };
    walk(template, []);
    for (const path of spots) {
      const payload = structuredClone(template) as Record<string, unknown>;
      const parent = path.slice(0, -1).reduce<Record<string | number, unknown>>((o, k) => o[k] as Record<string | number, unknown>, payload);
      const at = path.length ? (parent as Record<string | number, unknown>)[path[path.length - 1]!] : payload;
      if (typeof at === 'string') {
        parent[path[path.length - 1]!] = at + LONE[n++ % LONE.length];
      } else {
        Object.defineProperty(at, '__proto__', { value: n++ % 2 ? { polluted: true } : 'x', enumerable: true, configurable: true, writable: true });
      }
      out.push({ method, payload, expect: 'invalid_payload' });
    }
    // A lone surrogate as a key, too (a party name could arrive as one over a future method).
    const keyed = structuredClone(template) as Record<string, unknown>;
    keyed['k\udc00'] = 1;
    out.push({ method, payload: keyed, expect: 'invalid_payload' });
  }
  return out;
}

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
