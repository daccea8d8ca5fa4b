import { isUtf8 } from 'node:buffer';
import { columnsFiller, type BookColumns, type ColumnsFiller } from '../../shared/analytics/book-columns';
import { rowShares, type RowShares } from '../../shared/analytics/metrics';
import { fastCell } from '../../shared/csv/csv-escape';
import { AMOUNT_BASES, DATE_PRECISIONS, DEAL_KINDS, DEAL_STATUSES, type Deal } from '../../shared/model/deal';
import { BYTES_ROWS, dealsBytes } from '../db/deals-bytes';
import type { Repos } from './repos';
import { ByteSink } from './byte-sink';
import { JsonCells, Unusual, writeCell } from './json-csv';

/**
 * Every deal read once as CSV bytes short of the round trip: row i's stored cells and shares, each cell with the
 * comma after it, are bytes ends[i]..ends[i + 1] of `body`; `columns` are the analytics' columns of the same deals
 * (what bookColumns makes of repos.deals.all()).
 */
export type DealBytes = { body: Buffer; ends: Int32Array; rows: number; columns: BookColumns };

/**
 * One pass over the deals as SQLite's JSON bytes (deals-bytes): each row's cells written as CSV (JsonCells), its
 * shares from its own values (rowShares, over one scratch deal holding what toDeal would), its columns filled
 * (columnsFiller). Unusual (thrown) where the book holds what this pass does not take: text that is not UTF-8, a
 * party that is gone or named in a BLOB, ids out of order, more or fewer deals than the book counts. Run inside a
 * read transaction (the pieces come from separate statements).
 */
export function readDealBytes(repos: Repos): DealBytes {
  const count = repos.deals.count();
  const read = dealsBytes(repos.db);
  const names = read.partyNames();
  const filler = columnsFiller(count);
  const parties = partyCells(names, filler);
  // Row i (from 0) is bytes ends[i]..ends[i + 1] of `out`: its stored cells and shares, with the comma before the round trip.
  const ends = new Int32Array(count + 1);
  let out: ByteSink | null = null;
  let cells: JsonCells | null = null;
  const d = scratchDeal();
  const shares: RowShares = { cash_share: null, credit_share: null, other_share: null };
  // One string per day (by its number, see date): a lookup where the usual read parses each date's text. Made by
  // push: an array made at its full length past 100k slots would be a dictionary in V8.
  const dates: (string | undefined)[] = filled(DATE_YEARS * 13 * 32, undefined);
  let rows = 0;
  let last = 0;
  for (let after = 0; ; ) {
    const src = read.after(after);
    if (src === null) break;
    if (!isUtf8(src)) throw new Unusual('text that is not UTF-8');
    out ??= new ByteSink(Math.ceil(src.length * 1.15 * Math.max(1, count / BYTES_ROWS)) + (1 << 20));
    cells ??= new JsonCells(out, rowRoom(names));
    cells.start(src, BYTES_ROWS);
    while (cells.p < cells.end) {
      if (rows === count) throw new Unusual('more deals than the book counts');
      cells.make();
      cells.expect(0x5b);
      const id = cells.num();
      if (typeof id !== 'number' || !(id > last)) throw new Unusual('ids out of order');
      d.id = last = id;
      cells.next();
      d.announced = date(cells, cells.text(), dates) as string;
      cells.next();
      d.announced_precision = wordOf(cells, cells.text('day'), DATE_PRECISIONS) as Deal['announced_precision'];
      cells.next();
      const from = parties.cell(cells, out);
      d.from_party = parties.name;
      cells.next();
      const to = parties.cell(cells, out);
      d.to_party = parties.name;
      cells.next();
      d.kind = wordOf(cells, cells.text(), DEAL_KINDS) as Deal['kind'];
      cells.next();
      d.status = wordOf(cells, cells.text(), DEAL_STATUSES) as Deal['status'];
      cells.next();
      d.amount_usd = cells.num() as number | null;
      cells.next();
      d.amount_basis = wordOf(cells, cells.text('firm'), AMOUNT_BASES) as Deal['amount_basis'];
      cells.next();
      d.cash_usd = cells.num() as number | null;
      cells.next();
      d.credit_usd = cells.num() as number | null;
      cells.next();
      d.term_years = cells.num() as number;
      cells.next();
      d.start = date(cells, cells.text(), dates) as string | null;
      cells.next();
      d.capacity_mw = cells.num() as number | null;
      cells.next();
      cells.long();
      cells.next();
      cells.long();
      cells.expect(0x5d);
      if (cells.p < cells.end) cells.expect(0x2c);
      // Past notes: the shares, each with its comma (the round trip's cells come once every row is read).
      rowShares(d, shares);
      out.room(3);
      out.byte(0x2c);
      writeCell(out, shares.cash_share);
      out.room(1);
      out.byte(0x2c);
      writeCell(out, shares.credit_share);
      out.room(1);
      out.byte(0x2c);
      writeCell(out, shares.other_share);
      out.room(1);
      out.byte(0x2c);
      filler.setWithIds(rows, d, from, to);
      ends[++rows] = out.n;
    }
    after = last;
  }
  if (rows !== count) throw new Unusual('fewer deals than the book counts');
  cells?.check();
  return { body: out?.bytes() ?? Buffer.alloc(0), ends, rows, columns: filler.done() };
}

/**
 * The most one row's CSV can take beyond its JSON bytes: a party's cell for its id (two of them), a few hundred
 * digits for each number written the exact way (formatPlainNumber never uses an exponent), a byte more for each text.
 */
function rowRoom(names: readonly [number, unknown][]): number {
  let longest = 0;
  for (const [, name] of names) if (typeof name === 'string' && name.length > longest) longest = name.length;
  return 16384 + 2 * (longest * 6 + 3);
}

/** A date column's value: one string per distinct plain ISO date (as deals read from JSON share them), else decoded. */
// The book's date range (MIN_DATE to MAX_DATE) and a few years either side.
const FIRST_YEAR = 1985;
const DATE_YEARS = 120;

/** An array of n slots holding `value`, in V8's fast elements however long. */
function filled<T>(n: number, value: T): T[] {
  const out: T[] = [];
  for (let i = 0; i < n; i++) out.push(value);
  return out;
}

function date(cells: JsonCells, fast: unknown, seen: (string | undefined)[]): unknown {
  if (fast !== undefined) return fast;
  const { buf: src, a, b } = cells;
  if (cells.esc || b - a !== 10 || src[a + 4] !== 0x2d || src[a + 7] !== 0x2d) return cells.decoded();
  let year = 0;
  for (let k = a; k < a + 4; k++) year = year * 10 + (src[k]! - 0x30);
  const m0 = src[a + 5]! - 0x30;
  const m1 = src[a + 6]! - 0x30;
  const d0 = src[a + 8]! - 0x30;
  const d1 = src[a + 9]! - 0x30;
  const month = m0 * 10 + m1;
  const day = d0 * 10 + d1;
  // Days of the years FIRST_YEAR on (month 0-12, day 0-31 as digits) by number; any other text is decoded.
  if (!(year >= FIRST_YEAR && year < FIRST_YEAR + DATE_YEARS) || m0 < 0 || m0 > 9 || m1 < 0 || m1 > 9 || d0 < 0 || d0 > 9 || d1 < 0 || d1 > 9 || month > 12 || day > 31) {
    return cells.decoded();
  }
  for (let k = a; k < a + 4; k++) if (src[k]! < 0x30 || src[k]! > 0x39) return cells.decoded();
  const key = ((year - FIRST_YEAR) * 13 + month) * 32 + day;
  let text = seen[key];
  if (text === undefined) seen[key] = text = cells.decoded();
  return text;
}

function wordOf(cells: JsonCells, fast: unknown, words: readonly string[]): unknown {
  return fast === undefined ? cells.word(words) : fast;
}

const MAX_PARTY_ID = 10_000_000;

/**
 * Each party's name, cell (as UTF-8) and analytics id, made once per party the deals name, in the order they first
 * name it; a party not in the book (or named in a BLOB) is Unusual.
 */
function partyCells(rows: readonly [number, unknown][], filler: ColumnsFiller) {
  const names = new Map<number, unknown>(rows);
  // Dense arrays over every id (a sparse one would be a dictionary in V8, slow to look up 200k times).
  let top = 0;
  for (const [id] of rows) if (id > top) top = id;
  // Ids another program made huge (SQLite's go up from 1): the usual way, with no array that long.
  if (!(top <= MAX_PARTY_ID)) throw new Unusual(`party id ${top}`);
  // Every cell's bytes one after another in one array (start and length by party id; length 0: not made yet),
  // copied into the sink by hand: a party's cell is a few dozen bytes.
  let arena = new Uint8Array(65536);
  let used = 0;
  const at = new Int32Array(top + 1);
  const length = new Int32Array(top + 1);
  const strings: string[] = filled(top + 1, '');
  const ids = new Int32Array(top + 1);
  function make(id: number): void {
    const name = names.get(id);
    // Gone, or a BLOB: the usual read names the deal.
    if (typeof name !== 'string') throw new Unusual(`party ${id}`);
    const bytes = Buffer.from(fastCell(name), 'utf8');
    if (used + bytes.length > arena.length) {
      const bigger = new Uint8Array(Math.max(arena.length * 2, used + bytes.length));
      bigger.set(arena.subarray(0, used));
      arena = bigger;
    }
    arena.set(bytes, used);
    at[id] = used;
    // An empty cell cannot be: a name is never empty (the table's CHECK); -1 marks one made with no bytes all the same.
    length[id] = bytes.length || -1;
    used += bytes.length;
    strings[id] = name;
    ids[id] = filler.partyId(name);
  }
  return {
    /** The name of the party last read. */
    name: '',
    /** The party id next in the bytes: its cell written (within the room kept ahead), its analytics id returned. */
    cell(json: JsonCells, out: ByteSink): number {
      const id = json.int();
      if (!(id <= top)) throw new Unusual(`party ${id}`);
      if (length[id] === 0) make(id);
      const from = at[id]!;
      const to = from + Math.max(0, length[id]!);
      const buf = out.buf;
      const bytes = arena;
      let n = out.n;
      for (let k = from; k < to; k++) buf[n++] = bytes[k]!;
      out.n = n;
      this.name = strings[id]!;
      return ids[id]!;
    },
  };
}

function scratchDeal(): Deal {
  return {
    id: 0, announced: '', announced_precision: 'day', from_party: '', to_party: '', kind: 'investment', status: 'announced', amount_usd: null,
    amount_basis: 'firm', cash_usd: null, credit_usd: null, term_years: 1, start: null, capacity_mw: null, source_url: null, notes: null,
  };
}
