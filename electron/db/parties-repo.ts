import { cleanPartyName, partyKey, type Party, type PartyKind } from '../../shared/model/deal';
import type { Db } from './connection';

export type StoredParty = { id: number; name: string; kind: PartyKind; parent_id?: number | null };

/**
 * SQL for the parties table. Names match by name_key, the spec's one rule (shared/model/deal's partyKey), which the
 * repo writes with every name; the NOCASE unique index on name stays as a second guard.
 */
export function partiesRepo(db: Db) {
  const byKey = db.prepare(`SELECT id, name, kind, parent_id FROM parties WHERE name_key = ? ORDER BY id LIMIT 1`);
  const byId = db.prepare(`SELECT id, name, kind, parent_id FROM parties WHERE id = ?`);
  // One pass over the deals (a self-deal counts once), not two correlated counts per party.
  const list = db.prepare(`
    SELECT p.id, p.name, p.kind, pp.name AS parent, coalesce(c.n, 0) AS deal_count
    FROM parties p LEFT JOIN parties pp ON pp.id = p.parent_id LEFT JOIN (
      SELECT party_id, count(*) AS n FROM (
        SELECT from_party_id AS party_id FROM deals
        UNION ALL SELECT to_party_id FROM deals WHERE to_party_id <> from_party_id
      ) GROUP BY party_id
    ) c ON c.party_id = p.id
    ORDER BY p.name COLLATE NOCASE`);
  const all = db.prepare(`SELECT id, name, kind, parent_id FROM parties`);
  const parents = db.prepare(`SELECT p.name, pp.name AS parent FROM parties p LEFT JOIN parties pp ON pp.id = p.parent_id`);
  const children = db.prepare(`SELECT id FROM parties WHERE parent_id = ?`);
  const insert = db.prepare(`INSERT INTO parties (name, kind, name_key) VALUES (?, ?, ?)`);
  const insertWithId = db.prepare(`INSERT INTO parties (id, name, kind, parent_id, name_key) VALUES (?, ?, ?, ?, ?)`);
  const rename = db.prepare(`UPDATE parties SET name = ?, name_key = ? WHERE id = ?`);
  const setKind = db.prepare(`UPDATE parties SET kind = ? WHERE id = ?`);
  const setParent = db.prepare(`UPDATE parties SET parent_id = ? WHERE id = ?`);
  const remove = db.prepare(`DELETE FROM parties WHERE id = ?`);
  const count = db.prepare(`SELECT count(*) AS n FROM parties`);

  return {
    findByName: (name: string) => byKey.get(partyKey(name)) as StoredParty | undefined,
    get: (id: number) => byId.get(id) as StoredParty | undefined,
    list: () => list.all() as Party[],
    all: () => all.all() as StoredParty[],
    /** Every party's name and its parent's name: what roll-up needs. */
    parents: () => parents.all() as { name: string; parent: string | null }[],
    childrenOf: (id: number) => (children.all(id) as { id: number }[]).map((r) => r.id),
    insert: (name: string, kind: PartyKind = 'other') => {
      const clean = cleanPartyName(name);
      return Number(insert.run(clean, kind, partyKey(clean)).lastInsertRowid);
    },
    insertWithId: (p: StoredParty) => insertWithId.run(p.id, p.name, p.kind, p.parent_id ?? null, partyKey(p.name)),
    rename: (id: number, name: string) => rename.run(name, partyKey(name), id),
    setKind: (id: number, kind: PartyKind) => setKind.run(kind, id),
    setParent: (id: number, parentId: number | null) => setParent.run(parentId, id),
    remove: (id: number) => remove.run(id),
    count: () => (count.get() as { n: number }).n,
  };
}

export type PartiesRepo = ReturnType<typeof partiesRepo>;
