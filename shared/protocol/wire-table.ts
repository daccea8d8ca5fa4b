// Browser mode sends a long list of like objects (every deal of a book) as a table: the keys once, then each
// object's values in that order. At 100k deals that is 17 MB of JSON instead of 39, and the window has it in
// about half the time. The answer reads `{"ok":true,"keys":[...],"rows":[[...],...]}`; the client turns it
// back into `{ ok: true, value: [...] }` with objects equal to the ones sent, keys in the same order.

/** The answer's shape when a list was sent as a table. */
export type WireTable = { ok: true; keys: string[]; rows: unknown[][] };

// Keys that would reach an object's prototype if assigned: never part of a table.
const UNSAFE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

// Values JSON surely writes the same inside an array as inside an object: undefined, functions and symbols are
// dropped from objects but written as null in arrays, and a toJSON method is told its key (an index in an array)
// and may answer undefined, so a value with one is not risked.
function sameInArray(value: unknown): boolean {
  if (value === undefined || typeof value === 'function' || typeof value === 'symbol') return false;
  return !(typeof value === 'object' && value !== null && typeof (value as { toJSON?: unknown }).toJSON === 'function');
}

/**
 * The keys to send `list` as a table by, or null when it must go as plain JSON: an item that is not a plain
 * object, has other keys or another key order than the first, a value JSON might write differently in an
 * array (see sameInArray), or an unsafe key.
 */
export function tableKeys(list: readonly unknown[]): string[] | null {
  const first = list[0];
  if (!isPlainObject(first)) return null;
  const keys = Object.keys(first);
  if (keys.some((k) => UNSAFE_KEYS.has(k))) return null;
  for (const item of list) {
    if (!isPlainObject(item)) return null;
    let i = 0;
    for (const key in item) {
      if (!Object.prototype.hasOwnProperty.call(item, key)) return null;
      if (key !== keys[i++] || !sameInArray(item[key])) return null;
    }
    if (i !== keys.length) return null;
  }
  return keys;
}

/** Items `from` to `to` as table rows, as the JSON text between the rows array's brackets. */
export function tableRowsJson(list: readonly unknown[], keys: readonly string[], from: number, to: number): string {
  const rows: unknown[][] = [];
  for (let i = from; i < Math.min(to, list.length); i++) {
    const item = list[i] as Record<string, unknown>;
    rows.push(keys.map((k) => item[k]));
  }
  return JSON.stringify(rows).slice(1, -1);
}

export function isWireTable(body: unknown): body is WireTable {
  const b = body as Partial<WireTable> | null;
  return typeof b === 'object' && b !== null && b.ok === true && Array.isArray(b.keys) && Array.isArray(b.rows);
}

// A book's deals are the one long list the window asks for: with these keys (a deal row's, in the service's
// order; a test holds them to shared/model/deal.ts) each object is built by one literal, several times faster than
// key by key. Spelled out here because this module loads before the window's code, without shared/model/deal.ts.
export const DEAL_ROW_KEYS = [
  'id', 'announced', 'announced_precision', 'from_party', 'to_party', 'kind', 'status', 'amount_usd', 'amount_basis',
  'cash_usd', 'credit_usd', 'term_years', 'start', 'capacity_mw', 'source_url', 'notes', 'cash_share', 'credit_share',
  'other_share', 'round_trip_ratio', 'round_trip_basis',
] as const;
const DEAL_ROW_SIGNATURE = DEAL_ROW_KEYS.join('\n');

function dealRows(rows: unknown[][]): Record<string, unknown>[] {
  const list = new Array<Record<string, unknown>>(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const v = rows[i]!;
    list[i] = {
      id: v[0], announced: v[1], announced_precision: v[2], from_party: v[3], to_party: v[4], kind: v[5], status: v[6],
      amount_usd: v[7], amount_basis: v[8], cash_usd: v[9], credit_usd: v[10], term_years: v[11], start: v[12],
      capacity_mw: v[13], source_url: v[14], notes: v[15], cash_share: v[16], credit_share: v[17], other_share: v[18],
      round_trip_ratio: v[19], round_trip_basis: v[20],
    };
  }
  return list;
}

/** The objects a table was made from. */
export function tableToList(table: WireTable): Record<string, unknown>[] {
  const { keys, rows } = table;
  if (keys.some((k) => typeof k !== 'string' || UNSAFE_KEYS.has(k))) throw new Error('A table answer has an unsafe key');
  if (keys.join('\n') === DEAL_ROW_SIGNATURE) return dealRows(rows);
  const width = keys.length;
  const list = new Array<Record<string, unknown>>(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const values = rows[i]!;
    const item: Record<string, unknown> = {};
    for (let k = 0; k < width; k++) item[keys[k]!] = values[k];
    list[i] = item;
  }
  return list;
}
