import type { Db } from './connection';

/**
 * The stored columns in the export's order (CSV_COLUMNS up to notes), parties by id; the money and capacity as
 * integers when they are whole, as deals-repo's JSON read writes them (an integer is one step for SQLite to print
 * and for the reader to copy).
 */
export const EXPORT_JSON_COLUMNS = [
  'id', 'announced', 'announced_precision', 'from_party_id', 'to_party_id', 'kind', 'status', 'amount_usd', 'amount_basis',
  'cash_usd', 'credit_usd', 'term_years', 'start', 'capacity_mw', 'source_url', 'notes',
] as const;

const WHOLE = new Set(['amount_usd', 'cash_usd', 'credit_usd', 'capacity_mw']);
const SELECTED = EXPORT_JSON_COLUMNS.map((c) =>
  WHOLE.has(c) ? `CASE WHEN ${c} = CAST(${c} AS INTEGER) AND abs(${c}) < 9007199254740992 THEN CAST(${c} AS INTEGER) ELSE ${c} END` : c,
).join(', ');

/** Rows per piece: a few hundred KB of bytes, outside V8's heap. */
export const BYTES_ROWS = 2048;

/**
 * The deals as JSON bytes for the export's reader: BYTES_ROWS rows after an id, each a JSON array of
 * EXPORT_JSON_COLUMNS, the arrays joined by commas, as a BLOB (bytes, never decoded into a string). SQLite's JSON
 * is the fastest text it writes (a concatenation of the same columns costs it more), and the bytes are read once,
 * in place. Read in the table's order with no ORDER BY in the aggregate, as deals-repo's read does, so a damaged
 * page tree's ids out of order reach the reader's check. A BLOB in any column fails the statement (JSON holds no
 * BLOB): the caller reads the book the usual way then, which names it.
 */
export function dealsBytes(db: Db): { after: (id: number) => Buffer | null; partyNames: () => [number, unknown][] } {
  const after = db
    .prepare(`SELECT CAST(group_concat(row, ',') AS BLOB) FROM (SELECT json_array(${SELECTED}) AS row FROM deals WHERE id > ? ORDER BY id LIMIT ${BYTES_ROWS})`)
    .pluck();
  const names = db.prepare('SELECT id, name FROM parties').raw();
  return { after: (id) => after.get(id) as Buffer | null, partyNames: () => names.all() as [number, unknown][] };
}
