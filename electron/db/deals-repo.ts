import type { Deal, DealValues } from '../../shared/model/deal';
import { AppFailure } from '../../shared/protocol/result';
import type { Db } from './connection';

/** A deal row as stored: parties by id. */
export type StoredDeal = Omit<Deal, 'from_party' | 'to_party'> & { from_party_id: number; to_party_id: number };

const COLUMNS =
  'id, announced, from_party_id, to_party_id, kind, status, amount_usd, cash_usd, credit_usd, term_years, start, capacity_mw, source_url, notes, announced_precision, amount_basis';

const SELECT_NAMED = `
  SELECT d.id, d.announced, f.name AS from_party, t.name AS to_party, d.kind, d.status, d.amount_usd, d.cash_usd,
         d.credit_usd, d.term_years, d.start, d.capacity_mw, d.source_url, d.notes, d.announced_precision, d.amount_basis
  FROM deals d JOIN parties f ON f.id = d.from_party_id JOIN parties t ON t.id = d.to_party_id`;

// Rows per JSON text: a text of some 60 KB for a typical row, so it is made in the young generation and collected
// there; thousands of rows per text put megabytes a time in the large-object space, which counts toward the old
// generation and brought on a whole mark-compact during a 100k-deal export (2.4% more instructions in all).
const JSON_ROWS = 256;

/**
 * COLUMNS for json_array, the money and capacity written as integers when they are whole (below 2^53, where every
 * whole double is exact): SQLite writes a REAL by printing it to 15 digits, reading it back and printing again to 17
 * when that differs, and an integer in one step; JSON.parse reads `8900000000` and `8900000000.0` as the same double.
 * Anything else in those columns (a fraction, text or a BLOB another program wrote) is compared unequal and left
 * as it is.
 */
const JSON_COLUMNS = COLUMNS.replace(/\b(amount_usd|cash_usd|credit_usd|capacity_mw)\b/g, (c) => `CASE WHEN ${c} = CAST(${c} AS INTEGER) AND abs(${c}) < 9007199254740992 THEN CAST(${c} AS INTEGER) ELSE ${c} END`);

/** SQL for the deals table; every statement is prepared once per connection. */
export function dealsRepo(db: Db) {
  const allStored = db.prepare(`SELECT ${COLUMNS} FROM deals ORDER BY id`);
  // JSON_ROWS deals after an id as one JSON text of arrays, in the order the table is read. No ORDER BY in the
  // aggregate: a sort there would hide a damaged page tree's ids out of order from the check that reads them
  // (checkedRow), and the ids are checked ascending anyway, so an order SQLite did not keep is refused, never written.
  const jsonAfter = db.prepare(
    `SELECT '[' || group_concat(row, ',') || ']' FROM (SELECT json_array(${JSON_COLUMNS}) AS row FROM deals WHERE id > ? ORDER BY id LIMIT ${JSON_ROWS})`,
  ).pluck();
  const partyNames = db.prepare('SELECT id, name FROM parties');
  const one = db.prepare(`${SELECT_NAMED} WHERE d.id = ?`);
  const stored = db.prepare(`SELECT ${COLUMNS} FROM deals WHERE id = ?`);
  const betweenParties = db.prepare(
    `${SELECT_NAMED} WHERE (d.from_party_id = @a AND d.to_party_id = @b) OR (d.from_party_id = @b AND d.to_party_id = @a)`,
  );
  const byParty = db.prepare(`SELECT id FROM deals WHERE from_party_id = ? OR to_party_id = ?`);
  const insert = db.prepare(
    `INSERT INTO deals (${COLUMNS.replace('id, ', '')}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertWithId = db.prepare(
    `INSERT INTO deals (${COLUMNS}) VALUES (@id, @announced, @from_party_id, @to_party_id, @kind, @status,
     @amount_usd, @cash_usd, @credit_usd, @term_years, @start, @capacity_mw, @source_url, @notes, @announced_precision, @amount_basis)`,
  );
  const trash = db.prepare(`INSERT OR REPLACE INTO deleted_deals (${COLUMNS}) SELECT ${COLUMNS} FROM deals WHERE id = ?`);
  const remove = db.prepare(`DELETE FROM deals WHERE id = ?`);
  const restore = db.prepare(`INSERT INTO deals (${COLUMNS}) SELECT ${COLUMNS} FROM deleted_deals WHERE id = ?`);
  const untrash = db.prepare(`DELETE FROM deleted_deals WHERE id = ?`);
  const trashRange = db.prepare(`INSERT OR REPLACE INTO deleted_deals (${COLUMNS}) SELECT ${COLUMNS} FROM deals WHERE id BETWEEN ? AND ?`);
  const removeRange = db.prepare(`DELETE FROM deals WHERE id BETWEEN ? AND ?`);
  const restoreRange = db.prepare(`INSERT INTO deals (${COLUMNS}) SELECT ${COLUMNS} FROM deleted_deals WHERE id BETWEEN ? AND ?`);
  const untrashRange = db.prepare(`DELETE FROM deleted_deals WHERE id BETWEEN ? AND ?`);
  const pairsInRange = db.prepare(`SELECT DISTINCT from_party_id AS a, to_party_id AS b FROM deals WHERE id BETWEEN ? AND ?`);
  const count = db.prepare(`SELECT count(*) AS n FROM deals`);
  const updates = new Map<string, { run: (value: unknown, id: number) => unknown }>();

  function readAll(): Deal[] {
    const names = new Map(partyNames.raw().all() as [number, string][]);
    const check = checkedRow(names);
    let deals: Deal[] = [];
    try {
      for (let after = 0; ; ) {
        const text = jsonAfter.get(after) as string | null;
        if (text === null) break;
        const rows = JSON.parse(text) as unknown[][];
        for (let i = 0; i < rows.length; i++) deals.push(toDeal(check(rows[i]!)));
        if (rows.length < JSON_ROWS) break;
        after = deals[deals.length - 1]!.id;
      }
    } catch (err) {
      if ((err as { code?: unknown }).code !== 'SQLITE_ERROR') throw err;
      const rows = allStored.raw().all() as unknown[][];
      const blob = blobOf(rows);
      const again = checkedRow(names);
      deals = rows.map((r) => toDeal(again(r)));
      if (blob) blobs.set(deals, blob);
    }
    if (!blobs.has(deals)) {
      const party = blobNamed(deals, names);
      if (party) blobs.set(deals, party);
    }
    return deals;
  }
  // One read transaction for the whole read (a savepoint inside a caller's): the texts come from separate statements,
  // and a commit by another program between two of them must not give a book that never was.
  const readAllAtOnce = db.transaction(readAll);

  return {
    /**
     * Every deal, by id, in one pass over the table. SQLite writes the deals as JSON, JSON_ROWS rows to one text (the
     * next text starts after the last id read, a seek), and V8 parses each text at once: about a third less than
     * better-sqlite3's raw arrays, which cost a call into V8 per cell, and less again than a text per row (100k
     * strings made, then joined to parse). SQLite writes a REAL with the 17 digits that read back to the same
     * double, so every value is the same. A row JSON cannot hold (a BLOB another tool wrote) is read as raw arrays
     * instead. Party names are looked up in memory rather than joined: faster again, and every row of a party
     * shares one name string, which makes the whole-book passes' name lookups cheap.
     */
    all: () => readAllAtOnce(),
    get: (id: number) => one.get(id) as Deal | undefined,
    getStored: (id: number) => stored.get(id) as StoredDeal | undefined,
    /** Every deal between two parties, both directions: exactly the rows whose round trip they share. */
    betweenParties: (a: number, b: number) => betweenParties.all({ a, b }) as Deal[],
    idsByParty: (partyId: number) => (byParty.all(partyId, partyId) as { id: number }[]).map((r) => r.id),
    // Positional parameters: binding by name costs a measurable share of a 100k-row import.
    insert: (r: Omit<StoredDeal, 'id'>) =>
      Number(
        insert.run(
          r.announced, r.from_party_id, r.to_party_id, r.kind, r.status, r.amount_usd, r.cash_usd, r.credit_usd,
          r.term_years, r.start, r.capacity_mw, r.source_url, r.notes, r.announced_precision, r.amount_basis,
        ).lastInsertRowid,
      ),
    insertWithId: (row: StoredDeal) => insertWithId.run(row),
    /** Move a deal to deleted_deals (delete, or undo of an add). */
    trash: (id: number) => {
      trash.run(id);
      remove.run(id);
    },
    /** Bring a deal back from deleted_deals under its own id. */
    restore: (id: number) => {
      restore.run(id);
      untrash.run(id);
    },
    trashRange: (first: number, last: number) => {
      trashRange.run(first, last);
      removeRange.run(first, last);
    },
    restoreRange: (first: number, last: number) => {
      restoreRange.run(first, last);
      untrashRange.run(first, last);
    },
    pairsInRange: (first: number, last: number) => pairsInRange.all(first, last) as { a: number; b: number }[],
    setField: (id: number, column: StoredColumn, value: unknown) => {
      let stmt = updates.get(column);
      if (!stmt) {
        // column comes from STORED_COLUMNS only, never from input: safe to splice.
        if (!STORED_COLUMNS.includes(column)) throw new Error(`unknown column ${column}`);
        stmt = db.prepare<[unknown, number]>(`UPDATE deals SET ${column} = ? WHERE id = ?`);
        updates.set(column, stmt);
      }
      stmt.run(value, id);
    },
    count: () => (count.get() as { n: number }).n,
  };
}

export type DealsRepo = ReturnType<typeof dealsRepo>;

export const STORED_COLUMNS = [
  'announced', 'from_party_id', 'to_party_id', 'kind', 'status', 'amount_usd', 'cash_usd', 'credit_usd',
  'term_years', 'start', 'capacity_mw', 'source_url', 'notes', 'announced_precision', 'amount_basis',
] as const;
export type StoredColumn = (typeof STORED_COLUMNS)[number];

/**
 * The checks every row read whole passes, in read order; the party ids replaced by their names. A table read in id
 * order reads ids ascending: anything else is a damaged page tree (a branch read twice, another lost) that SQLite
 * does not notice on a plain scan, and an export must not write. Only another tool, with foreign keys off, can
 * leave a deal naming a party that is gone: skipping the row would drop it silently from the grid and from every
 * export, so the deal that cannot be read is named instead.
 */
function checkedRow(names: ReadonlyMap<number, string>): (r: unknown[]) => unknown[] {
  let last = 0;
  return (r) => {
    if ((r[0] as number) <= last) throw dealsOutOfOrder(r[0] as number, last);
    last = r[0] as number;
    const from = names.get(r[2] as number);
    const to = names.get(r[3] as number);
    if (from === undefined || to === undefined) throw unreadableDeal(r[0] as number, from === undefined ? r[2] : r[3]);
    r[2] = from;
    r[3] = to;
    return r;
  };
}

const COLUMN_NAMES = COLUMNS.split(', ');
const blobs = new WeakMap<readonly Deal[], { id: number; column: string }>();

/**
 * The first cell of the deals read by `all` that holds a BLOB, which only another program can write (SQLite keeps
 * one as it is in any column whose CHECK lets it in: text, money, the dates). The deals are read with it as before
 * (the grid shows the book and the cell can be edited); what cannot use it (the export) names it.
 */
export function firstBlob(deals: readonly Deal[]): { id: number; column: string } | undefined {
  return blobs.get(deals);
}

function blobOf(rows: readonly unknown[][]): { id: number; column: string } | undefined {
  for (const r of rows) {
    for (let c = 0; c < r.length; c++) if (r[c] instanceof Uint8Array) return { id: r[0] as number, column: COLUMN_NAMES[c]! };
  }
  return undefined;
}

/** The first deal naming a party whose name is a BLOB (the party names are few: looked at first). */
function blobNamed(deals: readonly Deal[], names: ReadonlyMap<number, unknown>): { id: number; column: string } | undefined {
  let any = false;
  for (const name of names.values()) if (typeof name !== 'string') any = true;
  if (!any) return undefined;
  for (const d of deals) {
    if (typeof d.from_party !== 'string') return { id: d.id, column: 'from_party' };
    if (typeof d.to_party !== 'string') return { id: d.id, column: 'to_party' };
  }
  return undefined;
}

function toDeal(r: unknown[]): Deal {
  return {
    id: r[0] as number,
    announced: r[1] as string,
    announced_precision: r[14] as Deal['announced_precision'],
    from_party: r[2] as string,
    to_party: r[3] as string,
    kind: r[4] as Deal['kind'],
    status: r[5] as Deal['status'],
    amount_usd: r[6] as number | null,
    amount_basis: r[15] as Deal['amount_basis'],
    cash_usd: r[7] as number | null,
    credit_usd: r[8] as number | null,
    term_years: r[9] as number,
    start: r[10] as string | null,
    capacity_mw: r[11] as number | null,
    source_url: r[12] as string | null,
    notes: r[13] as string | null,
  };
}

function dealsOutOfOrder(id: number, after: number): AppFailure {
  return new AppFailure({
    code: 'book_corrupt',
    message: `The book is damaged: deal ${id} was read after deal ${after}, out of order, so the deals cannot be read in full. Nothing was changed.`,
  });
}

function unreadableDeal(id: number, partyId: unknown): AppFailure {
  return new AppFailure({
    code: 'book_corrupt',
    message: `The book is damaged: deal ${id} names party ${String(partyId)}, which is not in the book, so the deals cannot be read in full. Nothing was changed.`,
  });
}

/** Stored form of deal values once the parties are resolved to ids. */
export function toStored(values: DealValues, fromId: number, toId: number): Omit<StoredDeal, 'id'> {
  const { from_party: _f, to_party: _t, ...rest } = values;
  return { ...rest, from_party_id: fromId, to_party_id: toId };
}
