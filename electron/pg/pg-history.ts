import { CELLS_PER_STEP, DEALS_PER_STEP, HISTORY_PAGE, historyStep, type HistoryBatch, type HistoryInput, type HistoryPage, type LoggedEdit } from '../../shared/protocol/history';
import type { PgPool } from './connection';

// int4's largest value: ids are integer identity columns.
const NEWEST = 2147483647;
// The range bounds are cast only on insert_range rows: PostgreSQL may evaluate a WHERE's terms in any order.
const RANGE_FIRST = `CASE WHEN e.op = 'insert_range' THEN e.old_value::int END`;
const RANGE_LAST = `CASE WHEN e.op = 'insert_range' THEN e.new_value::int END`;

type Row = Omit<HistoryBatch, 'user'> & {
  user_name: string;
  first: LoggedEdit[] | null;
  edit_count: number;
  deal_count: number;
  deals: number[] | null;
  ranges: [number, number][] | null;
};

/**
 * A team book's history in one round trip: a page of steps (by user, by deal), each with its first edits, the deals
 * it names and the ranges it imported, read in one read-only transaction with the parties' names and the users.
 */
export async function pgHistory(pool: PgPool, input: HistoryInput): Promise<HistoryPage> {
  const limit = input.limit ?? HISTORY_PAGE;
  const client = await pool.connect();
  try {
    await client.query('BEGIN READ ONLY');
    const { rows } = await client.query<Row>(
      `WITH page AS (
         SELECT b.id, b.at, b.label, b.state, b.user_name FROM batches b
         WHERE b.id < $1 AND ($2::text IS NULL OR b.user_name = $2)
           AND ($3::int IS NULL OR EXISTS (SELECT 1 FROM edits e WHERE e.batch_id = b.id
                AND (e.deal_id = $3 OR (${RANGE_FIRST} <= $3 AND ${RANGE_LAST} >= $3))))
         ORDER BY b.id DESC LIMIT $4)
       SELECT p.*,
         (SELECT json_agg(x ORDER BY x.id) FROM (SELECT id, op, deal_id, party_id, field, old_value, new_value FROM edits
            WHERE batch_id = p.id ORDER BY id LIMIT ${CELLS_PER_STEP}) x) AS first,
         (SELECT count(*)::int FROM edits WHERE batch_id = p.id) AS edit_count,
         (SELECT count(DISTINCT deal_id)::int FROM edits WHERE batch_id = p.id) AS deal_count,
         (SELECT array_agg(d.deal_id ORDER BY d.deal_id) FROM (SELECT DISTINCT deal_id FROM edits
            WHERE batch_id = p.id AND deal_id IS NOT NULL ORDER BY deal_id LIMIT ${DEALS_PER_STEP}) d) AS deals,
         (SELECT json_agg(json_build_array(${RANGE_FIRST}, ${RANGE_LAST})) FROM edits e WHERE e.batch_id = p.id AND e.op = 'insert_range') AS ranges
       FROM page p ORDER BY p.id DESC`,
      [input.before ?? NEWEST, input.user ?? null, input.deal ?? null, limit + 1],
    );
    const names = new Map((await client.query<{ id: number; name: string }>(`SELECT id, name FROM parties`)).rows.map((p) => [p.id, p.name]));
    const users = (await client.query<{ user_name: string }>(`SELECT DISTINCT user_name FROM batches ORDER BY user_name`)).rows.map((r) => r.user_name);
    await client.query('COMMIT');
    const steps = rows.slice(0, limit).map((r) =>
      historyStep(
        { id: r.id, at: r.at, label: r.label, state: r.state, user: r.user_name },
        { first: r.first ?? [], count: r.edit_count },
        { first: r.deals ?? [], count: r.deal_count, ranges: r.ranges ?? [] },
        (id) => names.get(id) ?? null,
      ),
    );
    return { steps, more: rows.length > limit, users };
  } catch (err) {
    await client.query('ROLLBACK').catch(() => {});
    throw err;
  } finally {
    client.release();
  }
}
