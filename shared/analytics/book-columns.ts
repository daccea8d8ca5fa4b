import { DEAL_KINDS, DEAL_STATUSES, type DatePrecision, type Deal } from '../model/deal';
import { partyIndex, type PartyIndex } from './party-index';

/** Kind codes of BookColumns.kind: DEAL_KINDS' order. */
export const INVESTMENT = 0;
export const PURCHASE = 1;
export const INFRASTRUCTURE = 2;

/**
 * Everything the analytics read from a deal that no scenario changes, one slot per deal in typed arrays, built
 * once per deals array (a book version) and cached: a pass over 100k deal objects (cache misses, party names
 * through a Map, keyed property loads) costs ~100x a pass over these arrays, and a scenario switch needs several.
 * Money is NaN when empty (never 0).
 */
export type BookColumns = {
  length: number;
  id: Float64Array;
  /** Ids strictly ascending in book order (every book the service hands out): lists gathered in order need no sort. */
  ascending: boolean;
  /** Party ids by partyKey (no roll-up), named by the first spelling seen. */
  parties: PartyIndex;
  from: Int32Array;
  to: Int32Array;
  /** INVESTMENT, PURCHASE or INFRASTRUCTURE. */
  kind: Uint8Array;
  /** Index into DEAL_STATUSES. */
  status: Uint8Array;
  /** 1 when amount_basis is up_to. */
  upTo: Uint8Array;
  amount: Float64Array;
  cash: Float64Array;
  credit: Float64Array;
  /** 1 for an investment with an amount but no complete split (isUnpriced). */
  unpriced: Uint8Array;
  /** year * 12 + month - 1 of `announced`. */
  month: Int32Array;
  /** 0 day, 1 month, 2 quarter, 3 year. */
  precision: Uint8Array;
  /** Year of start (or announced when start is empty): where a disbursement begins. */
  startYear: Int32Array;
  term: Float64Array;
};

const KIND_CODE: Record<string, number> = Object.fromEntries(DEAL_KINDS.map((k, i) => [k, i]));
const STATUS_CODE: Record<string, number> = Object.fromEntries(DEAL_STATUSES.map((s, i) => [s, i]));
const PRECISION_CODE: Record<DatePrecision, number> = { day: 0, month: 1, quarter: 2, year: 3 };

// Digits read in place: slicing 100k date strings is measurable garbage.
function digits(s: string, from: number, count: number): number {
  let n = 0;
  for (let i = from; i < from + count; i++) n = n * 10 + s.charCodeAt(i) - 48;
  return n;
}

const money = (x: number | null): number => (x === null ? NaN : x);

function emptyColumns(n: number, parties: PartyIndex): BookColumns {
  return {
    length: n,
    id: new Float64Array(n),
    ascending: true,
    parties,
    from: new Int32Array(n),
    to: new Int32Array(n),
    kind: new Uint8Array(n),
    status: new Uint8Array(n),
    upTo: new Uint8Array(n),
    amount: new Float64Array(n),
    cash: new Float64Array(n),
    credit: new Float64Array(n),
    unpriced: new Uint8Array(n),
    month: new Int32Array(n),
    precision: new Uint8Array(n),
    startYear: new Int32Array(n),
    term: new Float64Array(n),
  };
}

/** Everything of deal i but its parties and the ids' order. */
function setRow(c: BookColumns, i: number, d: Deal): void {
  c.id[i] = d.id;
  const kind = (c.kind[i] = KIND_CODE[d.kind] ?? INFRASTRUCTURE);
  // An unknown status (only another tool could write one) has no weight: it never counts.
  c.status[i] = STATUS_CODE[d.status] ?? DEAL_STATUSES.length;
  c.upTo[i] = d.amount_basis === 'up_to' ? 1 : 0;
  const amount = d.amount_usd;
  const cash = d.cash_usd;
  const credit = d.credit_usd;
  c.amount[i] = money(amount);
  c.cash[i] = money(cash);
  c.credit[i] = money(credit);
  c.unpriced[i] = kind === INVESTMENT && amount !== null && credit === null && (cash === null || cash < amount) ? 1 : 0;
  const announced = d.announced;
  c.month[i] = digits(announced, 0, 4) * 12 + digits(announced, 5, 2) - 1;
  c.precision[i] = PRECISION_CODE[d.announced_precision ?? 'day'] ?? 0;
  c.startYear[i] = d.start !== null ? digits(d.start, 0, 4) : digits(announced, 0, 4);
  c.term[i] = d.term_years;
}

function ascendingIds(id: Float64Array): boolean {
  for (let i = 1; i < id.length; i++) if (!(id[i]! > id[i - 1]!)) return false;
  return true;
}

export function buildColumns(deals: readonly Deal[]): BookColumns {
  const n = deals.length;
  const parties = partyIndex();
  const c = emptyColumns(n, parties);
  for (let i = 0; i < n; i++) {
    const d = deals[i]!;
    c.from[i] = parties.id(d.from_party);
    c.to[i] = parties.id(d.to_party);
    setRow(c, i, d);
  }
  c.ascending = ascendingIds(c.id);
  return c;
}

export type ColumnsFiller = {
  set: (i: number, d: Deal) => void;
  /**
   * The party id `set` gives a name. A reader that knows which names repeat (a party read by its key) asks once per
   * party, in the order `set` would first meet it (each row's from, then its to), and passes the ids to setWithIds.
   */
  partyId: (name: string) => number;
  setWithIds: (i: number, d: Deal, from: number, to: number) => void;
  done: () => BookColumns;
};

/**
 * buildColumns deal by deal, for a reader that makes no deal objects (the export's: it fills one scratch deal per
 * row in turn). Rows are set in order, 0 to n - 1; `done` gives what buildColumns gives for the same deals (the same
 * steps: its loop is kept as it is, the app's open runs it).
 */
export function columnsFiller(n: number): ColumnsFiller {
  const parties = partyIndex();
  const c = emptyColumns(n, parties);
  return {
    set: (i, d) => {
      c.from[i] = parties.id(d.from_party);
      c.to[i] = parties.id(d.to_party);
      setRow(c, i, d);
    },
    partyId: (name) => parties.id(name),
    setWithIds: (i, d, from, to) => {
      c.from[i] = from;
      c.to[i] = to;
      setRow(c, i, d);
    },
    done: () => {
      c.ascending = ascendingIds(c.id);
      return c;
    },
  };
}

/**
 * The columns of `rows`, which differ from `before` (whose columns are `old`) only at `changed`, none of which
 * names other parties: what buildColumns would make, from copies of the old arrays with those rows written again.
 * The party index and the party columns are shared (the same names in the same places give the same ids), and so
 * is the kind column when no kind changed, which lets the pair index (made from parties and kinds) be shared too.
 * Null when a changed row names other parties.
 */
function patchColumns(old: BookColumns, before: readonly Deal[], rows: readonly Deal[], changed: readonly number[]): BookColumns | null {
  let kinds = false;
  for (const i of changed) {
    const a = before[i]!;
    const b = rows[i]!;
    if (a.from_party !== b.from_party || a.to_party !== b.to_party) return null;
    if ((KIND_CODE[a.kind] ?? INFRASTRUCTURE) !== (KIND_CODE[b.kind] ?? INFRASTRUCTURE)) kinds = true;
  }
  const c: BookColumns = {
    ...old,
    id: old.id.slice(),
    kind: kinds ? old.kind.slice() : old.kind,
    status: old.status.slice(),
    upTo: old.upTo.slice(),
    amount: old.amount.slice(),
    cash: old.cash.slice(),
    credit: old.credit.slice(),
    unpriced: old.unpriced.slice(),
    month: old.month.slice(),
    precision: old.precision.slice(),
    startYear: old.startYear.slice(),
    term: old.term.slice(),
  };
  // setRow writes the kind it reads; with the kind column shared it writes the same values.
  for (const i of changed) setRow(c, i, rows[i]!);
  c.ascending = ascendingIds(c.id);
  return c;
}

// Per deals array: the service's frozen snapshots and the window's row arrays are never changed in place once
// handed to the analytics (the grid never writes a row: readOnlyEdit, and a changed deal is a new row object);
// the length check catches an array grown by mistake.
const cache = new WeakMap<readonly Deal[], BookColumns>();
// The window gathers a new array of the same row objects for each rows version (a scenario switch is one): the
// last few arrays built, held weakly, are compared element by element (~0.3 ms at 100k) before building again.
const recent: { rows: WeakRef<readonly Deal[]>; columns: BookColumns }[] = [];
const RECENT = 4;

// An edit changes a row or a few: up to this many changed rows are patched into copies of the last columns.
const PATCH_MAX = 256;

/** The indexes where `b` holds another row than `a` (same length), or null past `max` of them. */
function changedRows(a: readonly Deal[], b: readonly Deal[], max: number): number[] | null {
  if (a.length !== b.length) return null;
  const changed: number[] = [];
  for (let i = 0; i < a.length; i++) {
    if (a[i] === b[i]) continue;
    if (changed.length === max) return null;
    changed.push(i);
  }
  return changed;
}

/** The deals' columns, built once per array (or per same rows in the same order, or patched after an edit). */
export function bookColumns(deals: readonly Deal[]): BookColumns {
  let c = cache.get(deals);
  if (c !== undefined && c.length === deals.length) return c;
  // The recent version with the fewest changed rows: none is the same rows again.
  let nearest: { rows: readonly Deal[]; columns: BookColumns; changed: number[] } | null = null;
  for (const r of recent) {
    const rows = r.rows.deref();
    if (!rows || rows === deals) continue;
    const changed = changedRows(rows, deals, PATCH_MAX);
    if (!changed) continue;
    if (!changed.length) {
      cache.set(deals, r.columns);
      return r.columns;
    }
    if (!nearest || changed.length < nearest.changed.length) nearest = { rows, columns: r.columns, changed };
  }
  c = (nearest && patchColumns(nearest.columns, nearest.rows, deals, nearest.changed)) || buildColumns(deals);
  cache.set(deals, c);
  // Columns of arrays gone (and their views) are let go with them.
  for (let i = recent.length - 1; i >= 0; i--) if (!recent[i]!.rows.deref()) recent.splice(i, 1);
  recent.unshift({ rows: new WeakRef(deals), columns: c });
  if (recent.length > RECENT) recent.length = RECENT;
  return c;
}
