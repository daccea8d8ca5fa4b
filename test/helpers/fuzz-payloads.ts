import { contract, METHOD_NAMES, type MethodName } from '../../shared/protocol/contract';
import { payloadProblems } from '../../shared/protocol/payload-guard';

/**
 * The bad payloads of test/electron/transports/fuzz.test.ts: random junk, valid payloads broken in one place, payloads
 * the schema takes but the service must refuse, and valid payloads spoiled with a lone surrogate or a __proto__ key.
 */
export function prng(seed: number) {
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
  // Invisible (default-ignorable) characters the party-name rule drops: an Arabic letter mark, a Hangul filler, a tag.
  'Open\u061CAI', '\u3164', 'x\u{E0041}\uFE0F',
];
const NUMBERS = [0, -0, -1, 1, 1.5, 2 ** 31, 2 ** 53 + 2, -(2 ** 53), 1e308, Number.MIN_VALUE, NaN, Infinity, -Infinity];
const KEYS = ['id', 'ids', 'values', 'changes', 'cells', 'field', 'value', 'name', 'to', 'names', 'into', 'kind', 'text', 'key', 'label', 'dryRun', 'skipInvalid', 'notes', 'amount_usd', '__proto__', 'constructor', 'extra', ''];

export type Rng = ReturnType<typeof prng>;

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
  prepareExportCsv: () => ({ ids: [1] }),
  getSetting: () => ({ key: 'columns' }),
  setSetting: () => ({ key: 'columns', value: '[]' }),
  roundTripDetail: () => ({ id: 1, scenario: 'Base' }),
  setPartyParent: () => ({ name: 'OpenAI', parent: 'Oracle' }),
  importParties: () => ({ rows: [{ line: 2, name: 'AWS', kind: 'hyperscaler', parent: 'Amazon' }] }),
  listScenarios: () => ({}),
  setScenario: () => ({ name: 'Fuzz', status_weight: { rumored: 0.5 }, up_to_factor: 0.5, credit_drawdown: 1, roll_up: true }),
  renameScenario: () => ({ name: 'Fuzz', to: 'Fuzz 2' }),
  deleteScenario: () => ({ name: 'Fuzz 2' }),
  setDateOrder: () => ({ dateOrder: 'DMY' }),
  eventsSince: () => ({ stream: 'fuzz', after: 0 }),
  me: () => ({}),
  history: () => ({ user: 'you', deal: 1, limit: 10 }),
  listUsers: () => ({}),
  addUser: () => ({ name: 'fuzz', role: 'editor' }),
  setUserRole: () => ({ name: 'fuzz', role: 'viewer' }),
  removeUser: () => ({ name: 'fuzz' }),
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
  // One party spelled twice, or a name of invisible characters only (issue 17's lookalikes).
  ['addDeal', { values: { announced: '2025-01-01', from_party: 'Nour Capital', to_party: 'Nour\u061C Capital', kind: 'investment' } }],
  ['addDeal', { values: { announced: '2025-01-01', from_party: 'A', to_party: '\u3164\uFE0F', kind: 'investment' } }],
  ['updateCells', { cells: [{ id: 1, field: 'to_party', value: '\u{E0041}\u180E' }] }],
  ['renameParty', { name: 'OpenAI', to: '\u061C\u115F' }],
  ['setPartyParent', { name: 'OpenAI', parent: 'Open\u034FAI' }],
  ['addDeal', { values: { from_party: 'A', to_party: 'B', kind: 'investment' } }],
  ['addDeal', { values: { announced: '2025-01-01', from_party: 'A', to_party: 'B', kind: 'investment', amount_usd: '1.2.3' } }],
  ['duplicateDeals', { ids: [999_999] }],
  ['duplicateDeals', { ids: [1, 999_999] }],
];

/** What the service receives: a structured clone over IPC, a JSON round trip over HTTP (NaN -> null...). */
function onTheWire(payload: unknown, ipc: boolean): unknown {
  return ipc ? structuredClone(payload) : (JSON.parse(JSON.stringify(payload ?? null)) as unknown);
}

export type Bad = { method: string; payload: unknown; expect: 'invalid_payload' | 'refused' | 'any' };

export function badPayloads(r: Rng, count: number, ipc: boolean): Bad[] {
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
export function spoiledPayloads(): Bad[] {
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
