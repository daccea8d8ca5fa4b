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

/** SQL for the deals table; every statement is prepared once per connection. */
export function dealsRepo(db: Db) {
  const allStored = db.prepare(`SELECT ${COLUMNS} FROM deals ORDER BY id`);
  const allAsJson = db.prepare(`SELECT json_array(${COLUMNS}) FROM deals ORDER BY id`);
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

  return {
    /**
     * Every deal, by id, in one scan of the table. Each row comes as one JSON text made by SQLite and parsed by V8
     * a few thousand rows at a time: about a third less than better-sqlite3's raw arrays, which cost a call into V8
     * per cell (SQLite writes a REAL with the 17 digits that read back to the same double, so every value is the
     * same). A row JSON cannot hold (a BLOB another tool wrote) is read as raw arrays instead. Party names are
     * looked up in memory rather than joined: faster again, and every row of a party shares one name string, which
     * makes the whole-book passes' name lookups cheap.
     */
    all: () => {
      const names = new Map(partyNames.raw().all() as [number, string][]);
      const check = checkedRow(names);
      let lines: string[];
      try {
        lines = allAsJson.pluck().all() as string[];
      } catch (err) {
        if ((err as { code?: unknown }).code !== 'SQLITE_ERROR') throw err;
        return (allStored.raw().all() as unknown[][]).map((r) => toDeal(check(withoutBlobs(r))));
      }
      const deals: Deal[] = new Array(lines.length);
      for (let at = 0; at < lines.length; at += JSON_ROWS) {
        const rows = JSON.parse(`[${lines.slice(at, at + JSON_ROWS).join(',')}]`) as unknown[][];
        for (let i = 0; i < rows.length; i++) deals[at + i] = toDeal(check(rows[i]!));
      }
      return deals;
    },
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

// Rows per JSON.parse: one text of a few MB at most, whatever the notes hold.
const JSON_ROWS = 4000;

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
    if (typeof from !== 'string' || typeof to !== 'string') {
      if (from === undefined || to === undefined) throw unreadableDeal(r[0] as number, from === undefined ? r[2] : r[3]);
      // A party whose name is a BLOB (the name is written in every row of its deals).
      const party = typeof from !== 'string' ? r[2] : r[3];
      throw blobInBook(`party ${String(party)}'s name (named by deal ${r[0] as number})`, { row: r[0] as number, field: typeof from !== 'string' ? 'from_party' : 'to_party' });
    }
    r[2] = from;
    r[3] = to;
    return r;
  };
}

const COLUMN_NAMES = COLUMNS.split(', ');

/**
 * A row read as raw arrays (the JSON read refused it: a BLOB is in the table), with no BLOB in it. A BLOB only
 * another program can write (SQLite keeps one as it is in any column a CHECK lets it into: text, money, the date);
 * every reader of deals expects text or numbers, and the CSV writer would fail on it with no word of where it is.
 */
function withoutBlobs(r: unknown[]): unknown[] {
  for (let c = 0; c < r.length; c++) {
    if (r[c] instanceof Uint8Array) throw blobInBook(`deal ${String(r[0])}'s ${COLUMN_NAMES[c]!}`, { row: r[0] as number, field: COLUMN_NAMES[c]! });
  }
  return r;
}

function blobInBook(where: string, at: { row: number; field: string }): AppFailure {
  const message = `The book holds binary data where a deal has text or a number: ${where} is a BLOB (another program wrote it), so the deals cannot be read in full. Nothing was changed.`;
  return new AppFailure({ code: 'book_corrupt', message, details: [{ ...at, message: 'binary data (a BLOB), not text or a number' }] });
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
