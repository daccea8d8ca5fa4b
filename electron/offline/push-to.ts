import { randomUUID } from 'node:crypto';
import { settingsRepo } from '../db/settings-repo';
import { partyKey } from '../../shared/model/deal';
import { AppFailure } from '../../shared/protocol/result';
import { openBook, type Db } from '../db/connection';
import { STORED_COLUMNS } from '../db/deals-repo';
import { bookUrlWithoutPassword, parsePgBook } from '../pg/book-url';
import { openPgBook, peekPgBook } from '../pg/connection';
import { inTransaction } from '../pg/pg-tx';
import type { Query } from '../pg/pg-repos';
import { emptyIdMap, PULLED_STEPS_KEY, writeOrigin, type IdLimits } from './origin';
import { fileBookSettings, noteSettingsBase, type BookSettings } from './push-settings';

const DEAL_COLUMNS = ['id', ...STORED_COLUMNS];
const SCENARIO_COLUMNS = ['id', 'name', 'weight_rumored', 'weight_announced', 'weight_signed', 'weight_closed', 'weight_cancelled', 'up_to_factor', 'credit_drawdown', 'roll_up'];
const EDIT_COLUMNS = ['id', 'batch_id', 'op', 'deal_id', 'party_id', 'field', 'old_value', 'new_value'];

/** `recovered`: the schema already held the book an earlier push --to made from this very file (it stopped before noting it in the file). */
export type PushToSummary = { where: string; deals: number; parties: number; scenarios: number; steps: number; recovered: boolean };

/**
 * The copy id a push --to gives the file, written in the file before the team book is made: the team book holds
 * it too (book_meta MADE_FROM), in the transaction that makes it, so a run after a crash between the two finds the
 * book made from this file and only notes it.
 */
export const PENDING_COPY_KEY = 'origin.pending_copy_id';
const MADE_FROM = 'made_from_copy';

/** What the new team book notes of the file it was made from: all a rerun needs to point the file at it. */
type MadeFrom = { copyId: string; pulledBatch: number; limits: IdLimits; settings: BookSettings };

/**
 * A new team book made from a book file, ids and history kept (each step recorded as the file's: by `user`, or by
 * whoever made it in the team book it was pulled from). The schema must hold no book. The file then remembers the new
 * team book as its origin, so `push --book FILE` sends its later steps there.
 */
export async function pushToNewBook(path: string, url: string, options: { user: string; now?: () => Date }): Promise<PushToSummary> {
  const now = options.now ?? (() => new Date());
  const book = parsePgBook(url);
  const { db } = await openBook(path);
  try {
    const settings = settingsRepo(db);
    let copyId = settings.get(PENDING_COPY_KEY);
    if (!copyId) {
      copyId = randomUUID();
      settings.set(PENDING_COPY_KEY, copyId);
    }
    if (await peekPgBook(url)) {
      const made = await madeFrom(url);
      if (made?.copyId !== copyId) throw holdsBook(book.display);
      noteOrigin(db, url, made, now);
      const count = (sql: string) => Number(db.prepare(sql).pluck().get());
      return {
        where: book.display, deals: count(`SELECT count(*) FROM deals`), parties: count(`SELECT count(*) FROM parties`),
        scenarios: count(`SELECT count(*) FROM scenarios`), steps: made.pulledBatch, recovered: true,
      };
    }
    const rows = readFile(db);
    const made: MadeFrom = { copyId, pulledBatch: maxId(rows.batches), limits: rows.limits, settings: fileBookSettings(db) };
    const opened = await openPgBook(url, { create: true, max: 1 });
    try {
      await inTransaction(opened.pool, opened.book.schema, 'exclusive', async (_repos, tx) => {
        const [{ n }] = await tx.query<{ n: number }>(`SELECT (SELECT count(*) FROM deals) + (SELECT count(*) FROM batches) + (SELECT count(*) FROM parties) AS n`) as [{ n: number }];
        if (Number(n) > 0) throw holdsBook(book.display);
        await tx.query(`DELETE FROM scenarios`);
        await insertRows(tx.query, 'parties', ['id', 'name', 'kind', 'name_key'], rows.parties.map((p) => ({ ...p, name_key: partyKey(String(p.name)) })));
        for (const p of rows.parties) if (p.parent_id !== null) await tx.query(`UPDATE parties SET parent_id = $1 WHERE id = $2`, [p.parent_id, p.id]);
        await insertRows(tx.query, 'deals', DEAL_COLUMNS, rows.deals);
        await insertRows(tx.query, 'deleted_deals', DEAL_COLUMNS, rows.deleted);
        await insertRows(tx.query, 'scenarios', SCENARIO_COLUMNS, rows.scenarios, true);
        await insertRows(tx.query, 'settings', ['key', 'value'], rows.settings);
        const users = new Map(rows.pulled.map(([id, user, state]) => [id, { user, state }]));
        const batches = rows.batches.map((b) => ({ ...b, user_name: users.get(b.id)?.user ?? options.user, state: users.get(b.id)?.state ?? b.state }));
        await insertRows(tx.query, 'batches', ['id', 'at', 'label', 'state', 'user_name'], batches, true);
        await insertRows(tx.query, 'edits', EDIT_COLUMNS, rows.edits, true);
        for (const [table, max] of [['parties', rows.limits.parties], ['deals', rows.limits.deals], ['scenarios', rows.limits.scenarios], ['batches', maxId(rows.batches)], ['edits', maxId(rows.edits)]] as const) {
          await tx.query(`SELECT setval(pg_get_serial_sequence('${table}', 'id'), $1, $2)`, [Math.max(max, 1), max > 0]);
        }
        await tx.query(`INSERT INTO book_meta (key, value) VALUES ($1, $2)`, [MADE_FROM, JSON.stringify(made)]);
      });
    } finally {
      await opened.pool.end().catch(() => {});
    }
    noteOrigin(db, url, made, now);
    return { where: book.display, deals: rows.deals.length, parties: rows.parties.length, scenarios: rows.scenarios.length, steps: rows.batches.length, recovered: false };
  } finally {
    db.close();
  }
}

/** The file now pushes to the new team book: its origin, in one file transaction that also drops the pending id. */
function noteOrigin(db: Db, url: string, made: MadeFrom, now: () => Date): void {
  db.transaction(() => {
    writeOrigin(db, {
      url: bookUrlWithoutPassword(url),
      copyId: made.copyId,
      pulledBatch: made.pulledBatch,
      pulledMove: 0,
      baseBatch: made.pulledBatch,
      pushedBatch: made.pulledBatch,
      pulledAt: now().toISOString(),
      limits: made.limits,
      idMap: emptyIdMap(),
    });
    noteSettingsBase(db, made.settings);
    db.prepare(`DELETE FROM settings WHERE key = ?`).run(PENDING_COPY_KEY);
  })();
}

/** The note of the file a team book was made from by push --to, if any (read-only: nothing is upgraded). */
async function madeFrom(url: string): Promise<MadeFrom | null> {
  const opened = await openPgBook(url, { readonly: true, max: 1 });
  try {
    const row = (await opened.pool.query<{ value: string }>(`SELECT value FROM book_meta WHERE key = $1`, [MADE_FROM])).rows[0];
    return row ? (JSON.parse(row.value) as MadeFrom) : null;
  } finally {
    await opened.pool.end().catch(() => {});
  }
}

type Row = Record<string, unknown>;

function readFile(db: Db) {
  const all = (sql: string) => db.prepare(sql).all() as Row[];
  const seq = (table: string, also = '') =>
    Number(db.prepare(`SELECT max(coalesce((SELECT seq FROM sqlite_sequence WHERE name = '${table}'), 0), coalesce((SELECT max(id) FROM ${table}), 0)${also})`).pluck().get());
  const pulledText = db.prepare(`SELECT value FROM settings WHERE key = ?`).pluck().get(PULLED_STEPS_KEY) as string | undefined;
  return db.transaction(() => ({
    parties: all(`SELECT id, name, kind, parent_id FROM parties ORDER BY id`),
    deals: all(`SELECT ${DEAL_COLUMNS.join(', ')} FROM deals ORDER BY id`),
    deleted: all(`SELECT ${DEAL_COLUMNS.join(', ')} FROM deleted_deals ORDER BY id`),
    scenarios: all(`SELECT ${SCENARIO_COLUMNS.join(', ')} FROM scenarios ORDER BY id`),
    // The file's own notes of where it came from stay in the file.
    settings: all(`SELECT key, value FROM settings WHERE key NOT LIKE 'origin.%' ORDER BY key`),
    batches: all(`SELECT id, at, label, state FROM batches ORDER BY id`) as { id: number; at: string; label: string; state: string }[],
    edits: all(`SELECT ${EDIT_COLUMNS.join(', ')} FROM edits ORDER BY id`),
    pulled: (pulledText ? JSON.parse(pulledText) : []) as [number, string, string][],
    limits: { deals: seq('deals', `, coalesce((SELECT max(id) FROM deleted_deals), 0)`), parties: seq('parties'), scenarios: seq('scenarios') },
  }))();
}

const maxId = (rows: readonly { id?: unknown }[]) => rows.reduce<number>((m, r) => Math.max(m, Number(r.id)), 0);

/** Rows in statements of a few hundred (one round trip each); ids kept, even in identity columns made ALWAYS. */
async function insertRows(q: Query, table: string, columns: readonly string[], rows: readonly Row[], overriding = false): Promise<void> {
  const chunk = Math.max(1, Math.floor(30000 / columns.length));
  for (let i = 0; i < rows.length; i += chunk) {
    const part = rows.slice(i, i + chunk);
    const params: unknown[] = [];
    const values = part.map((r) => `(${columns.map((c) => `$${params.push(r[c] ?? null)}`).join(', ')})`).join(', ');
    await q(`INSERT INTO ${table} (${columns.join(', ')}) ${overriding ? 'OVERRIDING SYSTEM VALUE ' : ''}VALUES ${values}`, params);
  }
}

function holdsBook(display: string): AppFailure {
  return new AppFailure({ code: 'conflict', message: `${display} already holds a book; push --to creates a new team book: choose a new schema (?schema=NAME)` });
}
