import { cleanPartyName, partyKey, type Deal, type Party, type PartyKind } from '../../shared/model/deal';
import { STORED_COLUMNS, type StoredColumn, type StoredDeal } from '../db/deals-repo';
import type { Batch, Edit, EditOp } from '../db/edits-repo';
import type { StoredParty } from '../db/parties-repo';
import { FOLD } from './migrations';
import type { StoredScenario } from '../db/scenarios-repo';

const SCENARIO_COLUMNS = ['id', 'name', 'weight_rumored', 'weight_announced', 'weight_signed', 'weight_closed', 'weight_cancelled', 'up_to_factor', 'credit_drawdown', 'roll_up'] as const;
const PARTY = 'id, name, kind, parent_id';

/** One query on the transaction's connection; parameters only, never spliced values. */
export type Query = <R = Record<string, unknown>>(sql: string, params?: readonly unknown[]) => Promise<R[]>;

const COLUMNS = ['id', ...STORED_COLUMNS].join(', ');
const INSERT_COLUMNS = STORED_COLUMNS.join(', ');
const INSERT_PARAMS = STORED_COLUMNS.map((_, i) => `$${i + 1}`).join(', ');
const NAMED_COLUMNS = `d.id, d.announced, f.name AS from_party, t.name AS to_party, d.kind, d.status, d.amount_usd, d.cash_usd,
         d.credit_usd, d.term_years, d.start, d.capacity_mw, d.source_url, d.notes, d.announced_precision, d.amount_basis`;
const SELECT_NAMED = `
  SELECT ${NAMED_COLUMNS}
  FROM deals d JOIN parties f ON f.id = d.from_party_id JOIN parties t ON t.id = d.to_party_id`;

/** One row of the edit log, as a step records it. */
export type EditEntry = Partial<Omit<Edit, 'id' | 'batch_id'>> & { op: EditOp };

/** A step's batch: id null until its first edits insert it (sent: their statement is on its way; see edits.record). */
export type StepBatch = { id: number | null; sent?: boolean; label: string; at: string; user: string };

/** A team book's batch carries who made it. */
/** Someone else's undo or redo since a step was undone, on what the step changed: a deal's cell, a party (or its field), or a scenario. */
export type MoveSince = {
  user_name: string;
  label: string;
  state: Batch['state'];
  moved_at: string;
  deal_id: number | null;
  field: string | null;
  party_id: number | null;
  scenario_id: number | null;
  /** The scenario's name as the step's own edit holds it. */
  scenario_name: string | null;
};
export type PgBatch = Batch & { user_name: string; moved: number | null; moved_edit: number | null };

/** The deals, parties, history and settings SQL of a team book, over one connection (see electron/db for the file book's). */
export function pgRepos(q: Query) {
  const deals = {
    all: () => q<Deal>(`${SELECT_NAMED} ORDER BY d.id`),
    get: async (id: number) => (await q<Deal>(`${SELECT_NAMED} WHERE d.id = $1`, [id]))[0],
    /** The stored row, locked until the transaction ends: the base of an edit cannot move under it. */
    getStored: async (id: number) => (await q<StoredDeal & { version: number }>(`SELECT ${COLUMNS}, version FROM deals WHERE id = $1 FOR UPDATE`, [id]))[0],
    /** The deal with its party names and its stored row, locked to the end of the transaction: one round trip. */
    lockedNamed: async (id: number) => {
      const row = (await q<Deal & { from_party_id: number; to_party_id: number }>(
        `SELECT ${NAMED_COLUMNS}, d.from_party_id, d.to_party_id
         FROM deals d JOIN parties f ON f.id = d.from_party_id JOIN parties t ON t.id = d.to_party_id WHERE d.id = $1 FOR UPDATE OF d`,
        [id],
      ))[0];
      if (!row) return undefined;
      const { from_party_id, to_party_id, ...deal } = row;
      const { from_party: _f, to_party: _t, ...rest } = deal;
      return { deal: deal as Deal, stored: { ...rest, from_party_id, to_party_id } as StoredDeal };
    },
    /** Some deals with their party names, locked to the end of the transaction in id order (a delete checks them): one round trip. */
    lockedNamedMany: (ids: readonly number[]) =>
      q<Deal>(`SELECT ${NAMED_COLUMNS} FROM deals d JOIN parties f ON f.id = d.from_party_id JOIN parties t ON t.id = d.to_party_id
               WHERE d.id = ANY($1::int[]) ORDER BY d.id FOR UPDATE OF d`, [ids]),
    /** The party pairs of some deals, in one round trip. */
    pairsOf: (ids: readonly number[]) => q<{ a: number; b: number }>(`SELECT from_party_id AS a, to_party_id AS b FROM deals WHERE id = ANY($1::int[])`, [ids]),
    /** Every deal between each of some pairs of parties, both directions, in one round trip. */
    betweenPairs: (pairs: readonly [number, number][]) =>
      q<Deal>(
        `${SELECT_NAMED} JOIN unnest($1::int[], $2::int[]) AS p(a, b)
           ON (d.from_party_id = p.a AND d.to_party_id = p.b) OR (d.from_party_id = p.b AND d.to_party_id = p.a)
         ORDER BY d.id`,
        [pairs.map((p) => p[0]), pairs.map((p) => p[1])],
      ),
    /** Some deals with their party names, in one round trip (an import by id looks its rows' deals up). */
    namedMany: (ids: readonly number[]) => q<Deal>(`${SELECT_NAMED} WHERE d.id = ANY($1::int[]) ORDER BY d.id`, [ids]),
    /**
     * Every deal of some pairs of parties and of the pairs of some deals, both directions, in one statement (one
     * round trip, one snapshot): what a step's event carries, and what another server re-reads on its notice.
     */
    ofPairsAndDeals: (pairs: readonly [number, number][], ids: readonly number[]) =>
      q<Deal>(
        `WITH p AS (
           SELECT least(a, b) AS a, greatest(a, b) AS b FROM unnest($1::int[], $2::int[]) AS t(a, b)
           UNION SELECT least(from_party_id, to_party_id), greatest(from_party_id, to_party_id) FROM deals WHERE id = ANY($3::int[])
         )
         ${SELECT_NAMED} JOIN p ON (d.from_party_id = p.a AND d.to_party_id = p.b) OR (d.from_party_id = p.b AND d.to_party_id = p.a)
         ORDER BY d.id`,
        [pairs.map((p) => p[0]), pairs.map((p) => p[1]), ids],
      ),
    /** The stored row, unlocked (for reading back what a step changed). */
    peekStored: async (id: number) => (await q<StoredDeal>(`SELECT ${COLUMNS} FROM deals WHERE id = $1`, [id]))[0],
    betweenParties: (a: number, b: number) =>
      q<Deal>(`${SELECT_NAMED} WHERE (d.from_party_id = $1 AND d.to_party_id = $2) OR (d.from_party_id = $2 AND d.to_party_id = $1)`, [a, b]),
    idsByParty: async (partyId: number) => (await q<{ id: number }>(`SELECT id FROM deals WHERE from_party_id = $1 OR to_party_id = $1 ORDER BY id`, [partyId])).map((r) => r.id),
    insert: async (r: Omit<StoredDeal, 'id'>) =>
      (await q<{ id: number }>(`INSERT INTO deals (${INSERT_COLUMNS}) VALUES (${INSERT_PARAMS}) RETURNING id`, STORED_COLUMNS.map((c) => r[c])))[0]!.id,
    /** Many rows in one statement (an import): one round trip per thousand rows instead of per row. */
    insertMany: async (rows: readonly Omit<StoredDeal, 'id'>[]) => {
      const width = STORED_COLUMNS.length;
      const values = rows.map((_, i) => `(${STORED_COLUMNS.map((__, j) => `$${i * width + j + 1}`).join(', ')})`).join(', ');
      const params = rows.flatMap((r) => STORED_COLUMNS.map((c) => r[c]));
      return (await q<{ id: number }>(`INSERT INTO deals (${INSERT_COLUMNS}) VALUES ${values} RETURNING id`, params)).map((r) => r.id);
    },
    trash: async (id: number) => {
      await q(`INSERT INTO deleted_deals (${COLUMNS}, version) SELECT ${COLUMNS}, version FROM deals WHERE id = $1
               ON CONFLICT (id) DO UPDATE SET ${[...STORED_COLUMNS, 'version'].map((c) => `${c} = excluded.${c}`).join(', ')}`, [id]);
      await q(`DELETE FROM deals WHERE id = $1`, [id]);
    },
    restore: async (id: number) => {
      await q(`INSERT INTO deals (${COLUMNS}, version) SELECT ${COLUMNS}, version + 1 FROM deleted_deals WHERE id = $1`, [id]);
      await q(`DELETE FROM deleted_deals WHERE id = $1`, [id]);
    },
    trashRange: async (first: number, last: number) => {
      await q(`INSERT INTO deleted_deals (${COLUMNS}, version) SELECT ${COLUMNS}, version FROM deals WHERE id BETWEEN $1 AND $2
               ON CONFLICT (id) DO UPDATE SET ${[...STORED_COLUMNS, 'version'].map((c) => `${c} = excluded.${c}`).join(', ')}`, [first, last]);
      await q(`DELETE FROM deals WHERE id BETWEEN $1 AND $2`, [first, last]);
    },
    restoreRange: async (first: number, last: number) => {
      await q(`INSERT INTO deals (${COLUMNS}, version) SELECT ${COLUMNS}, version + 1 FROM deleted_deals WHERE id BETWEEN $1 AND $2`, [first, last]);
      await q(`DELETE FROM deleted_deals WHERE id BETWEEN $1 AND $2`, [first, last]);
    },
    pairsInRange: (first: number, last: number) =>
      q<{ a: number; b: number }>(`SELECT DISTINCT from_party_id AS a, to_party_id AS b FROM deals WHERE id BETWEEN $1 AND $2`, [first, last]),
    /** One field, and the deal's version with it. */
    setField: async (id: number, column: StoredColumn, value: unknown) => {
      // column comes from STORED_COLUMNS only, never from input: safe to splice.
      if (!STORED_COLUMNS.includes(column)) throw new Error(`unknown column ${column}`);
      await q(`UPDATE deals SET ${column} = $1, version = version + 1 WHERE id = $2`, [value, id]);
    },
    count: async () => (await q<{ n: number }>(`SELECT count(*)::int AS n FROM deals`))[0]!.n,
  };

  // Names match by name_key, the spec's one rule (shared/model/deal's partyKey, computed here: NFC, invisible characters
  // out, Unicode case folding), exactly as a file book's parties do (schema 5). Lookalikes step 5 had to keep apart
  // share a key: the oldest answers, as in a file book.
  const parties = {
    findByName: async (name: string) => (await q<StoredParty>(`SELECT ${PARTY} FROM parties WHERE name_key = $1 ORDER BY id LIMIT 1`, [partyKey(name)]))[0],
    get: async (id: number) => (await q<StoredParty>(`SELECT ${PARTY} FROM parties WHERE id = $1`, [id]))[0],
    list: () =>
      q<Party>(`
        SELECT p.id, p.name, p.kind, pp.name AS parent, coalesce(c.n, 0)::int AS deal_count
        FROM parties p LEFT JOIN parties pp ON pp.id = p.parent_id LEFT JOIN (
          SELECT party_id, count(*) AS n FROM (
            SELECT from_party_id AS party_id FROM deals
            UNION ALL SELECT to_party_id FROM deals WHERE to_party_id <> from_party_id
          ) u GROUP BY party_id
        ) c ON c.party_id = p.id
        ORDER BY ${FOLD('p.name')}, p.name`),
    insert: async (name: string, kind: PartyKind = 'other') => {
      const clean = cleanPartyName(name);
      return (await q<{ id: number }>(`INSERT INTO parties (name, kind, name_key) VALUES ($1, $2, $3) RETURNING id`, [clean, kind, partyKey(clean)]))[0]!.id;
    },
    /**
     * Add a party unless it exists: another writer adding the same name (by key) at the same moment makes this one
     * wait for its commit and then find its party (created: false). The wait is a transaction lock on the key (the
     * two-number advisory locks are another key space than the book's write lock), taken only when a party is new.
     */
    insertOrFind: async (name: string, kind: PartyKind = 'other') => {
      const clean = cleanPartyName(name);
      const key = partyKey(clean);
      // Two statements: the look must take its snapshot after the lock is granted (READ COMMITTED).
      await q(`SELECT pg_advisory_xact_lock(hashtext(current_schema()), hashtext($1))`, [key]);
      const found = await q<{ id: number }>(`SELECT id FROM parties WHERE name_key = $1 ORDER BY id LIMIT 1`, [key]);
      if (found[0]) return { id: found[0].id, created: false };
      const made = await q<{ id: number }>(`INSERT INTO parties (name, kind, name_key) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING id`, [clean, kind, key]);
      if (made[0]) return { id: made[0].id, created: true };
      // An ASCII-case twin the ASCII guard index knows (a name kept apart by step 5): that party answers.
      const twin = await q<{ id: number }>(`SELECT id FROM parties WHERE ${FOLD('name')} = ${FOLD('$1')}`, [clean]);
      return { id: twin[0]!.id, created: false };
    },
    insertWithId: (p: StoredParty) =>
      q(`INSERT INTO parties (id, name, kind, parent_id, name_key) VALUES ($1, $2, $3, $4, $5)`, [p.id, p.name, p.kind, p.parent_id ?? null, partyKey(p.name)]),
    rename: (id: number, name: string) => q(`UPDATE parties SET name = $1, name_key = $2 WHERE id = $3`, [name, partyKey(name), id]),
    setKind: (id: number, kind: PartyKind) => q(`UPDATE parties SET kind = $1 WHERE id = $2`, [kind, id]),
    setParent: (id: number, parentId: number | null) => q(`UPDATE parties SET parent_id = $1 WHERE id = $2`, [parentId, id]),
    childrenOf: async (id: number) => (await q<{ id: number }>(`SELECT id FROM parties WHERE parent_id = $1 ORDER BY id`, [id])).map((r) => r.id),
    remove: (id: number) => q(`DELETE FROM parties WHERE id = $1`, [id]),
    /** A deal that uses the party, else a party that has it as parent, else nothing. */
    usedBy: async (id: number) =>
      (await q<{ deal_id: number | null; child: string | null }>(
        `SELECT d.deal_id, c.child FROM
           (SELECT (SELECT id FROM deals WHERE from_party_id = $1 OR to_party_id = $1 ORDER BY id LIMIT 1) AS deal_id) d,
           (SELECT (SELECT name FROM parties WHERE parent_id = $1 ORDER BY id LIMIT 1) AS child) c
         WHERE d.deal_id IS NOT NULL OR c.child IS NOT NULL`,
        [id],
      ))[0],
    count: async () => (await q<{ n: number }>(`SELECT count(*)::int AS n FROM parties`))[0]!.n,
    parents: () => q<{ name: string; parent: string | null }>(`SELECT p.name, pp.name AS parent FROM parties p LEFT JOIN parties pp ON pp.id = p.parent_id`),
  };

  const scenarioParams = (r: StoredScenario) => SCENARIO_COLUMNS.map((c) => r[c]);
  const scenarios = {
    all: () => q<StoredScenario>(`SELECT * FROM scenarios ORDER BY id`),
    findByName: async (name: string) => (await q<StoredScenario>(`SELECT * FROM scenarios WHERE ${FOLD('name')} = ${FOLD('$1')}`, [name.trim()]))[0],
    insert: async (r: StoredScenario) => {
      const [, ...columns] = SCENARIO_COLUMNS;
      const [, ...values] = scenarioParams(r);
      return (await q<{ id: number }>(`INSERT INTO scenarios (${columns.join(', ')}) VALUES (${columns.map((_, i) => `$${i + 1}`).join(', ')}) RETURNING id`, values))[0]!.id;
    },
    insertWithId: (r: StoredScenario) =>
      q(`INSERT INTO scenarios (${SCENARIO_COLUMNS.join(', ')}) OVERRIDING SYSTEM VALUE VALUES (${SCENARIO_COLUMNS.map((_, i) => `$${i + 1}`).join(', ')})`, scenarioParams(r)),
    update: (r: StoredScenario) => {
      const [, ...columns] = SCENARIO_COLUMNS;
      return q(`UPDATE scenarios SET ${columns.map((c, i) => `${c} = $${i + 2}`).join(', ')} WHERE id = $1`, scenarioParams(r));
    },
    remove: (id: number) => q(`DELETE FROM scenarios WHERE id = $1`, [id]),
  };

  // Undo is personal on a team book: each user's steps form their own undo and redo stacks.
  const edits = {
    begin: async (label: string, at: string, user: string) =>
      (await q<{ id: number }>(`INSERT INTO batches (at, label, user_name) VALUES ($1, $2, $3) RETURNING id`, [at, label, user]))[0]!.id,
    /**
     * A step's edits in one round trip, with the deal UPDATE they record when there is one (all of a deal's changed
     * columns and its version, once). A step's batch is inserted with its first edits, and the user's redo stack
     * dropped then: a step that changes nothing leaves no batch and keeps the redo stack, as edits.finish did.
     */
    record: (batch: StepBatch, entries: readonly EditEntry[], update?: { id: number; set: readonly [StoredColumn, unknown][] }): Promise<void> => {
      const params: unknown[] = [];
      const p = (v: unknown) => `$${params.push(v)}`;
      const ctes: string[] = [];
      if (batch.id === null && batch.sent) {
        // The step's later edits (a paste's second deal) are sent before the first ones' answer: the batch's id
        // is the one this connection's transaction drew last.
        ctes.push(`b AS (SELECT currval(pg_get_serial_sequence('batches', 'id'))::int AS id)`);
      } else if (batch.id === null) {
        batch.sent = true;
        const user = p(batch.user);
        ctes.push(`b AS (INSERT INTO batches (at, label, user_name) VALUES (${p(batch.at)}, ${p(batch.label)}, ${user}) RETURNING id)`);
        ctes.push(`r AS (UPDATE batches SET state = 'dropped' WHERE state = 'undone' AND user_name = ${user})`);
      } else {
        ctes.push(`b AS (SELECT ${p(batch.id)}::int AS id)`);
      }
      if (update && update.set.length) {
        // Columns come from STORED_COLUMNS only, never from input: safe to splice.
        for (const [column] of update.set) if (!STORED_COLUMNS.includes(column)) throw new Error(`unknown column ${column}`);
        const sets = update.set.map(([column, value]) => `${column} = ${p(value)}`).join(', ');
        ctes.push(`u AS (UPDATE deals SET ${sets}, version = version + 1 WHERE id = ${p(update.id)})`);
      }
      const col = <K extends keyof EditEntry>(k: K) => entries.map((e) => e[k] ?? null);
      const done = q<{ id: number }>(
        `WITH ${ctes.join(', ')}
         INSERT INTO edits (batch_id, op, deal_id, party_id, field, old_value, new_value)
         SELECT b.id, e.op, e.deal_id, e.party_id, e.field, e.old_value, e.new_value
         FROM b, unnest(${p(col('op'))}::text[], ${p(col('deal_id'))}::int[], ${p(col('party_id'))}::int[], ${p(col('field'))}::text[],
                        ${p(col('old_value'))}::text[], ${p(col('new_value'))}::text[]) WITH ORDINALITY AS e(op, deal_id, party_id, field, old_value, new_value, n)
         ORDER BY e.n
         RETURNING batch_id AS id`,
        params,
      ).then((rows) => {
        if (rows[0]) batch.id = rows[0].id;
      });
      return done;
    },
    dropRedo: (user: string) => q(`UPDATE batches SET state = 'dropped' WHERE state = 'undone' AND user_name = $1`, [user]),
    log: (batchId: number, e: Partial<Omit<Edit, 'id' | 'batch_id'>> & { op: EditOp }) =>
      q(`INSERT INTO edits (batch_id, op, deal_id, party_id, field, old_value, new_value) VALUES ($1, $2, $3, $4, $5, $6, $7)`, [
        batchId, e.op, e.deal_id ?? null, e.party_id ?? null, e.field ?? null, e.old_value ?? null, e.new_value ?? null,
      ]),
    /**
     * The end of a step in one round trip: a step that changed nothing is forgotten (undo never lands on a no-op);
     * one that changed something makes the user's redo stack unreachable.
     */
    finish: (batchId: number, user: string) =>
      q(
        `WITH gone AS (DELETE FROM batches WHERE id = $1 AND NOT EXISTS (SELECT 1 FROM edits WHERE batch_id = $1) RETURNING id)
         UPDATE batches SET state = 'dropped' WHERE state = 'undone' AND user_name = $2 AND NOT EXISTS (SELECT 1 FROM gone)`,
        [batchId, user],
      ),
    discardIfEmpty: async (batchId: number) =>
      (await q<{ id: number }>(`DELETE FROM batches WHERE id = $1 AND NOT EXISTS (SELECT 1 FROM edits WHERE batch_id = $1) RETURNING id`, [batchId])).length > 0,
    lastDone: async (user: string) =>
      (await q<PgBatch>(`SELECT id, at, label, state, user_name, moved, moved_edit FROM batches WHERE state = 'done' AND user_name = $1 ORDER BY id DESC LIMIT 1`, [user]))[0],
    firstUndone: async (user: string) =>
      (await q<PgBatch>(`SELECT id, at, label, state, user_name, moved, moved_edit FROM batches WHERE state = 'undone' AND user_name = $1 ORDER BY id ASC LIMIT 1`, [user]))[0],
    /** A user's undo stack ends in one round trip: what Undo and Redo would act on. */
    stack: async (user: string) =>
      (await q<{ undo_label: string | null; redo_label: string | null }>(
        `SELECT (SELECT label FROM batches WHERE state = 'done' AND user_name = $1 ORDER BY id DESC LIMIT 1) AS undo_label,
                (SELECT label FROM batches WHERE state = 'undone' AND user_name = $1 ORDER BY id ASC LIMIT 1) AS redo_label`,
        [user],
      ))[0]!,
    setState: (id: number, state: Batch['state']) => q(`UPDATE batches SET state = $1 WHERE id = $2`, [state, id]),
    /**
     * An undo or a redo of a step: its new state, numbered among every undo and redo of the book, when, and the
     * newest edit then (which steps were there to be overwritten by a later move).
     */
    move: (id: number, state: 'done' | 'undone', at: string) =>
      q(`UPDATE batches SET state = $1, moved = nextval('batch_moves'), moved_at = $3, moved_edit = (SELECT coalesce(max(id), 0) FROM edits) WHERE id = $2`, [state, id, at]),
    /**
     * The latest undo or redo by someone else, after a given move, of a step that was there then (edits up to
     * `upToEdit`) and changed a cell of this step (or, for a whole-deal edit, the deal; or imported the deal): what a
     * redo would overwrite. A step made after the move started from what the move left: undoing it changes nothing
     * a redo would lose.
     */
    movedSince: async (batchId: number, afterMove: number, upToEdit: number, user: string) =>
      (await q<MoveSince>(
        `SELECT * FROM (
           SELECT b.user_name, b.label, b.state, b.moved, b.moved_at, mine.deal_id, mine.field, NULL::int AS party_id, NULL::int AS scenario_id, NULL::text AS scenario_name
           FROM batches b JOIN edits e ON e.batch_id = b.id
           JOIN edits mine ON mine.batch_id = $1 AND mine.deal_id = e.deal_id AND (mine.field IS NULL OR e.field IS NULL OR e.field = mine.field)
           WHERE b.moved > $2 AND b.user_name <> $3 AND e.id <= $4
           UNION ALL
           SELECT b.user_name, b.label, b.state, b.moved, b.moved_at, mine.deal_id, NULL, NULL, NULL, NULL
           FROM batches b JOIN edits e ON e.batch_id = b.id AND e.op = 'insert_range'
           JOIN edits mine ON mine.batch_id = $1
             AND mine.deal_id BETWEEN (CASE WHEN e.op = 'insert_range' THEN e.old_value::int END) AND (CASE WHEN e.op = 'insert_range' THEN e.new_value::int END)
           WHERE b.moved > $2 AND b.user_name <> $3 AND e.id <= $4
           UNION ALL
           -- A party (or its field) this step changed, undone or redone by someone else since.
           SELECT b.user_name, b.label, b.state, b.moved, b.moved_at, NULL, mine.field, mine.party_id, NULL, NULL
           FROM batches b JOIN edits e ON e.batch_id = b.id
           JOIN edits mine ON mine.batch_id = $1 AND mine.party_id = e.party_id AND (mine.field IS NULL OR e.field IS NULL OR e.field = mine.field)
           WHERE b.moved > $2 AND b.user_name <> $3 AND e.id <= $4
           UNION ALL
           -- A scenario (its edits carry the row as JSON) this step changed, undone or redone by someone else since.
           SELECT b.user_name, b.label, b.state, b.moved, b.moved_at, NULL, NULL, NULL, (coalesce(mine.new_value, mine.old_value)::json->>'id')::int,
             coalesce(mine.new_value, mine.old_value)::json->>'name'
           FROM batches b JOIN edits e ON e.batch_id = b.id AND e.op IN ('scenario_insert', 'scenario_update', 'scenario_delete')
           JOIN edits mine ON mine.batch_id = $1 AND mine.op IN ('scenario_insert', 'scenario_update', 'scenario_delete')
             AND (coalesce(mine.new_value, mine.old_value)::json->>'id') = (coalesce(e.new_value, e.old_value)::json->>'id')
           WHERE b.moved > $2 AND b.user_name <> $3 AND e.id <= $4
         ) m ORDER BY moved DESC LIMIT 1`,
        [batchId, afterMove, user, upToEdit],
      ))[0],
    editsOf: (batchId: number) => q<Edit>(`SELECT * FROM edits WHERE batch_id = $1 ORDER BY id`, [batchId]),
    /** The latest step (still done: not undone) of someone else that changed this cell (or, with field null, this deal) after a given edit. */
    changedSince: async (dealId: number, field: string | null, afterEditId: number, user: string) =>
      (await q<{ user_name: string; at: string; label: string }>(
        `SELECT b.user_name, b.at, b.label FROM edits e JOIN batches b ON b.id = e.batch_id
         WHERE e.deal_id = $1 AND ($2::text IS NULL OR e.field = $2 OR e.field IS NULL) AND e.id > $3 AND b.user_name <> $4
           AND b.state = 'done'
         ORDER BY e.id DESC LIMIT 1`,
        [dealId, field, afterEditId, user],
      ))[0],
    /** The latest step (still done) of someone else that changed any deal of an import's range after a given edit. */
    rangeChangedSince: async (first: number, last: number, afterEditId: number, user: string) =>
      (await q<{ user_name: string; at: string; label: string; deal_id: number }>(
        `SELECT b.user_name, b.at, b.label, e.deal_id FROM edits e JOIN batches b ON b.id = e.batch_id
         WHERE e.deal_id BETWEEN $1 AND $2 AND e.id > $3 AND b.user_name <> $4 AND b.state = 'done'
         ORDER BY e.id DESC LIMIT 1`,
        [first, last, afterEditId, user],
      ))[0],
    /** The latest step (still done) of someone else that changed this party (this field of it, or the party as a whole) after a given edit. */
    partyChangedSince: async (partyId: number, field: string | null, afterEditId: number, user: string) =>
      (await q<{ user_name: string; at: string; label: string }>(
        `SELECT b.user_name, b.at, b.label FROM edits e JOIN batches b ON b.id = e.batch_id
         WHERE e.party_id = $1 AND ($2::text IS NULL OR e.field = $2 OR e.field IS NULL) AND e.id > $3 AND b.user_name <> $4
           AND b.state = 'done'
         ORDER BY e.id DESC LIMIT 1`,
        [partyId, field, afterEditId, user],
      ))[0],
    /** The latest step (still done) of someone else that changed this scenario after a given edit (scenario edits carry the row as JSON). */
    scenarioChangedSince: async (scenarioId: number, afterEditId: number, user: string) =>
      (await q<{ user_name: string; at: string; label: string }>(
        `SELECT b.user_name, b.at, b.label FROM edits e JOIN batches b ON b.id = e.batch_id
         WHERE e.op IN ('scenario_insert', 'scenario_update', 'scenario_delete') AND (coalesce(e.new_value, e.old_value)::json->>'id')::int = $1
           AND e.id > $2 AND b.user_name <> $3 AND b.state = 'done'
         ORDER BY e.id DESC LIMIT 1`,
        [scenarioId, afterEditId, user],
      ))[0],
    /** The latest step still done that touched a deal (who, what, when, and the field when it changed one). */
    lastStepOn: async (dealId: number) =>
      (await q<{ user_name: string; at: string; label: string; field: string | null }>(
        `SELECT b.user_name, b.at, b.label, e.field FROM edits e JOIN batches b ON b.id = e.batch_id
         WHERE e.deal_id = $1 AND b.state = 'done' ORDER BY e.id DESC LIMIT 1`,
        [dealId],
      ))[0],
    /**
     * Who made a cell's value now in force, when: the latest step still done that set it (an undone step's value is
     * no longer there; after an undo the value is its earlier maker's), else the import that added the deal.
     */
    lastChange: async (dealId: number, field: string) =>
      (await q<{ user_name: string; at: string }>(
        `SELECT b.user_name, b.at FROM edits e JOIN batches b ON b.id = e.batch_id
         WHERE e.deal_id = $1 AND (e.field = $2 OR e.field IS NULL) AND b.state = 'done' ORDER BY e.id DESC LIMIT 1`,
        [dealId, field],
      ))[0] ??
      // An import's deals are one range edit, older than any edit of its deals: asked only when none is in force.
      (await q<{ user_name: string; at: string }>(
        `SELECT b.user_name, b.at FROM edits e JOIN batches b ON b.id = e.batch_id
         WHERE e.op = 'insert_range' AND b.state = 'done'
           AND (CASE WHEN e.op = 'insert_range' THEN e.old_value::int END) <= $1 AND (CASE WHEN e.op = 'insert_range' THEN e.new_value::int END) >= $1
         ORDER BY e.id DESC LIMIT 1`,
        [dealId],
      ))[0],
  };

  const settings = {
    get: async (key: string) => (await q<{ value: string }>(`SELECT value FROM settings WHERE key = $1`, [key]))[0]?.value ?? null,
    set: (key: string, value: string) =>
      q(`INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value`, [key, value]),
  };

  return { deals, parties, edits, settings, scenarios };
}

export type PgRepos = ReturnType<typeof pgRepos>;
