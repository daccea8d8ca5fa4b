import type { Party, PartyKind } from '../../shared/deal';
import type { Db } from './connection';

export type StoredParty = { id: number; name: string; kind: PartyKind };

/** SQL for the parties table; names match case-insensitively (COLLATE NOCASE). */
export function partiesRepo(db: Db) {
  const byName = db.prepare(`SELECT id, name, kind FROM parties WHERE name = ? COLLATE NOCASE`);
  const byId = db.prepare(`SELECT id, name, kind FROM parties WHERE id = ?`);
  // One pass over the deals (a self-deal counts once), not two correlated counts per party.
  const list = db.prepare(`
    SELECT p.id, p.name, p.kind, coalesce(c.n, 0) AS deal_count
    FROM parties p LEFT JOIN (
      SELECT party_id, count(*) AS n FROM (
        SELECT from_party_id AS party_id FROM deals
        UNION ALL SELECT to_party_id FROM deals WHERE to_party_id <> from_party_id
      ) GROUP BY party_id
    ) c ON c.party_id = p.id
    ORDER BY p.name COLLATE NOCASE`);
  const all = db.prepare(`SELECT id, name, kind FROM parties`);
  const insert = db.prepare(`INSERT INTO parties (name, kind) VALUES (?, ?)`);
  const insertWithId = db.prepare(`INSERT INTO parties (id, name, kind) VALUES (@id, @name, @kind)`);
  const rename = db.prepare(`UPDATE parties SET name = ? WHERE id = ?`);
  const setKind = db.prepare(`UPDATE parties SET kind = ? WHERE id = ?`);
  const remove = db.prepare(`DELETE FROM parties WHERE id = ?`);
  const count = db.prepare(`SELECT count(*) AS n FROM parties`);

  return {
    findByName: (name: string) => byName.get(name.trim()) as StoredParty | undefined,
    get: (id: number) => byId.get(id) as StoredParty | undefined,
    list: () => list.all() as Party[],
    all: () => all.all() as StoredParty[],
    insert: (name: string, kind: PartyKind = 'other') => Number(insert.run(name.trim(), kind).lastInsertRowid),
    insertWithId: (p: StoredParty) => insertWithId.run(p),
    rename: (id: number, name: string) => rename.run(name, id),
    setKind: (id: number, kind: PartyKind) => setKind.run(kind, id),
    remove: (id: number) => remove.run(id),
    count: () => (count.get() as { n: number }).n,
  };
}

export type PartiesRepo = ReturnType<typeof partiesRepo>;
