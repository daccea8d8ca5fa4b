import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, linkSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { partyKey } from '../../shared/model/deal';
import { AppFailure } from '../../shared/protocol/result';
import { openBook, type Db } from '../db/connection';
import { fileErrorWords, probeFile } from '../db/file-errors';
import { STORED_COLUMNS } from '../db/deals-repo';
import { bookUrlWithoutPassword } from '../pg/book-url';
import { openPgBook, type PgClient } from '../pg/connection';
import { isConnectionError } from '../pg/pg-tx';
import { PG_LATEST_VERSION } from '../pg/migrations';
import { assertCurrentEnough, emptyIdMap, PULLED_STEPS_KEY, writeOrigin, type IdLimits } from './origin';
import { fileBookSettings, noteSettingsBase } from './push-settings';

const DEAL_COLUMNS = ['id', ...STORED_COLUMNS] as const;
const PARTY_COLUMNS = ['id', 'name', 'kind', 'parent_id'] as const;
const SCENARIO_COLUMNS = ['id', 'name', 'weight_rumored', 'weight_announced', 'weight_signed', 'weight_closed', 'weight_cancelled', 'up_to_factor', 'credit_drawdown', 'roll_up'] as const;
const EDIT_COLUMNS = ['id', 'batch_id', 'op', 'deal_id', 'party_id', 'field', 'old_value', 'new_value'] as const;

type Row = Record<string, unknown>;

/** The team steps a pull reads: team step 2's undo and redo moves (`batches.moved`). */
const PULL_NEEDS_TEAM_STEPS = 2;

/** Everything an offline copy holds, read from the team book at one moment. */
export type BookSnapshot = {
  deals: Row[];
  deleted: Row[];
  parties: Row[];
  scenarios: Row[];
  settings: { key: string; value: string }[];
  batches: { id: number; at: string; label: string; state: string; user_name: string }[];
  edits: Row[];
  limits: IdLimits;
  pulledMove: number;
};

export type PullSummary = { out: string; from: string; deals: number; parties: number; scenarios: number; steps: number; pulledBatch: number };

/**
 * Copy a team book into a new book file that remembers where it came from (origin.ts). The book is read in one
 * snapshot (REPEATABLE READ); the file is made beside FILE under another name and linked into place only when whole,
 * so a broken connection or a full disk leaves nothing, and an existing FILE is never replaced.
 */
export async function pullBook(url: string, out: string, now: () => Date = () => new Date()): Promise<PullSummary> {
  if (existsSync(out)) throw exists(out);
  // Said before the team book is read, and of FILE, not of the temporary file beside it that SQLite would name.
  const unwritable = probeFile(out, true);
  if (unwritable !== null) throw new AppFailure({ code: 'io', message: `Cannot write ${out}: ${unwritable}; no file was written.` });
  // A pull only reads: it opens the book without upgrading it, and needs the undo moves of team step 2.
  const opened = await openPgBook(url, { max: 1, readonly: true });
  let snapshot: BookSnapshot;
  try {
    assertCurrentEnough(opened, { version: PG_LATEST_VERSION, teamSteps: PULL_NEEDS_TEAM_STEPS }, 'a pull');
    const client = await opened.pool.connect();
    // A connection that breaks mid-read also reports it as an event after the query's failure: heard here.
    client.on('error', () => {});
    let failure: Error | undefined;
    try {
      snapshot = await readSnapshot(client);
    } catch (err) {
      if (!isConnectionError(err)) throw err;
      failure = err as Error;
      throw new AppFailure({ code: 'io', message: `The connection to ${opened.book.display} broke during the pull (${failure.message}); no file was written.` });
    } finally {
      client.release(failure);
    }
  } finally {
    await opened.pool.end().catch(() => {});
  }
  const temp = join(dirname(out), `.${basename(out)}.pull-${randomBytes(6).toString('hex')}`);
  try {
    const pulledBatch = snapshot.batches.reduce((max, b) => Math.max(max, b.id), 0);
    const { db } = await openBook(temp, { create: true });
    try {
      writeSnapshot(db, snapshot);
      writeOrigin(db, {
        url: bookUrlWithoutPassword(url),
        copyId: randomUUID(),
        pulledBatch,
        pulledMove: snapshot.pulledMove,
        baseBatch: pulledBatch,
        pushedBatch: pulledBatch,
        pulledAt: now().toISOString(),
        limits: snapshot.limits,
        idMap: emptyIdMap(),
      });
      noteSettingsBase(db, fileBookSettings(db));
    } finally {
      db.close();
    }
    try {
      // A link fails when FILE exists (made meanwhile): unlike a rename, it never replaces it.
      linkSync(temp, out);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'EEXIST') throw exists(out);
      // A disk without hard links (FAT, exFAT, some shares): rename, after looking once more.
      if (existsSync(out)) throw exists(out);
      try {
        renameSync(temp, out);
      } catch (again) {
        throw new AppFailure({ code: 'io', message: `Cannot write ${out}: ${fileErrorWords(again, out)}; no file was written.` });
      }
    }
    return {
      out,
      from: opened.book.display,
      deals: snapshot.deals.length,
      parties: snapshot.parties.length,
      scenarios: snapshot.scenarios.length,
      steps: snapshot.batches.length,
      pulledBatch,
    };
  } finally {
    for (const f of [temp, `${temp}-wal`, `${temp}-shm`, `${temp}-journal`]) rmSync(f, { force: true });
  }
}

function exists(out: string): AppFailure {
  return new AppFailure({ code: 'io', message: `${out} already exists; pull into a new file (nothing was written)` });
}

async function readSnapshot(client: PgClient): Promise<BookSnapshot> {
  const all = async <R = Row>(sql: string) => (await client.query(sql)).rows as R[];
  await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
  try {
    const deals = await all(`SELECT ${DEAL_COLUMNS.join(', ')} FROM deals ORDER BY id`);
    const deleted = await all(`SELECT ${DEAL_COLUMNS.join(', ')} FROM deleted_deals ORDER BY id`);
    const parties = await all(`SELECT ${PARTY_COLUMNS.join(', ')} FROM parties ORDER BY id`);
    const scenarios = await all(`SELECT ${SCENARIO_COLUMNS.join(', ')} FROM scenarios ORDER BY id`);
    // A user's own window settings (user:NAME:key) are theirs, not the book's.
    const settings = await all<{ key: string; value: string }>(`SELECT key, value FROM settings WHERE key NOT LIKE 'user:%' ORDER BY key`);
    const batches = await all<BookSnapshot['batches'][number]>(`SELECT id, at, label, state, user_name FROM batches ORDER BY id`);
    const edits = await all(`SELECT ${EDIT_COLUMNS.join(', ')} FROM edits ORDER BY id`);
    // The largest id each table has given (a deleted deal's too), so the file's next ids are new ones.
    const limit = async (table: string, also = '') =>
      Number((await all<{ n: number }>(`SELECT greatest(coalesce(pg_sequence_last_value(pg_get_serial_sequence('${table}', 'id')::regclass), 0),
         coalesce((SELECT max(id) FROM ${table}), 0)${also})::int AS n`))[0]!.n);
    const limits = {
      deals: await limit('deals', `, coalesce((SELECT max(id) FROM deleted_deals), 0)`),
      parties: await limit('parties'),
      scenarios: await limit('scenarios'),
    };
    const pulledMove = Number((await all<{ n: number }>(`SELECT coalesce(max(moved), 0)::int AS n FROM batches`))[0]!.n);
    await client.query('COMMIT');
    return { deals, deleted, parties, scenarios, settings, batches, edits, limits, pulledMove };
  } catch (err) {
    await client.query('ROLLBACK').catch(() => {});
    throw err;
  }
}

/**
 * The snapshot into a new book file, ids kept. The copied steps are the team book's history, not the analyst's
 * undo stack: they are stored as steps Undo and Redo cannot reach ('dropped'), and who made each and its state in the
 * team book are kept beside them (PULLED_STEPS_KEY), which the file's History shows.
 */
export function writeSnapshot(db: Db, s: BookSnapshot): void {
  const insert = (table: string, columns: readonly string[]) =>
    db.prepare(`INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')})`);
  db.transaction(() => {
    db.prepare(`DELETE FROM scenarios`).run();
    const party = insert('parties', [...PARTY_COLUMNS, 'name_key']);
    for (const p of s.parties) party.run({ ...p, parent_id: null, name_key: null });
    const parent = db.prepare(`UPDATE parties SET parent_id = ? WHERE id = ?`);
    for (const p of s.parties) if (p.parent_id !== null) parent.run(p.parent_id, p.id);
    // The name rule's keys as this app computes them (the file's step 4 does the same for an old book).
    const keys = db.prepare(`UPDATE parties SET name_key = ? WHERE id = ?`);
    for (const p of s.parties) keys.run(partyKey(String(p.name)), p.id);
    const deal = insert('deals', DEAL_COLUMNS);
    for (const d of s.deals) deal.run(d);
    const deleted = insert('deleted_deals', DEAL_COLUMNS);
    for (const d of s.deleted) deleted.run(d);
    const scenario = insert('scenarios', SCENARIO_COLUMNS);
    for (const r of s.scenarios) scenario.run(r);
    const setting = db.prepare(`INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value`);
    for (const { key, value } of s.settings) setting.run(key, value);
    const batch = db.prepare(`INSERT INTO batches (id, at, label, state) VALUES (?, ?, ?, 'dropped')`);
    for (const b of s.batches) batch.run(b.id, b.at, b.label);
    const edit = insert('edits', EDIT_COLUMNS);
    for (const e of s.edits) edit.run(e);
    setting.run(PULLED_STEPS_KEY, JSON.stringify(s.batches.map((b) => [b.id, b.user_name, b.state])));
    const sequence = db.prepare(`INSERT INTO sqlite_sequence (name, seq) VALUES (?, ?)`);
    for (const table of ['deals', 'parties', 'scenarios'] as const) {
      db.prepare(`DELETE FROM sqlite_sequence WHERE name = ?`).run(table);
      sequence.run(table, s.limits[table]);
    }
  })();
}
