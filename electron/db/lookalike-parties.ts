import type { Db } from './connection';

/** One party kept, and the lookalike spellings merged into it. */
export type LookalikeMerge = { into: string; merged: string[] };
/** A group left apart: merging it would make a deal go from a party to itself. */
export type LookalikeKept = { names: string[]; reason: string };
export type LookalikeReport = { merged: LookalikeMerge[]; keptApart: LookalikeKept[] };

/** Where the last merge's report is kept, for `dealbook check` and the app to show. */
export const LOOKALIKE_REPORT_KEY = 'report.lookalike-parties';
export const LOOKALIKE_LABEL = 'Merge lookalike party names';

type Row = { id: number; name: string; kind: string; parent_id?: number | null };

/**
 * Merge parties whose names are one name under the spec's rule (`keyOf`: NFC, zero-width characters out, trimmed,
 * inner whitespace collapsed, case-folded), as one undo step written in the edit log's own terms, so Edit > Undo
 * takes the whole merge back. The oldest party of each group is kept, with its spelling; every deal naming another
 * is re-pointed to it, then the others are removed. Call inside a transaction (a migration step is one).
 */
export function mergeLookalikeParties(db: Db, keyOf: (name: string) => string, at: string): LookalikeReport {
  const columns = new Set((db.pragma('table_info(parties)') as { name: string }[]).map((c) => c.name));
  const hasParent = columns.has('parent_id');
  const parties = db.prepare(`SELECT id, name, kind${hasParent ? ', parent_id' : ''} FROM parties ORDER BY id`).all() as Row[];
  const groups = new Map<string, Row[]>();
  for (const p of parties) {
    const key = keyOf(p.name);
    const group = groups.get(key);
    if (group) group.push(p);
    else groups.set(key, [p]);
  }
  // A book of schema 4 or later matches names by name_key: make it the rule's, whatever wrote the names.
  if (columns.has('name_key')) {
    const setKey = db.prepare('UPDATE parties SET name_key = ? WHERE id = ?');
    for (const p of parties) setKey.run(keyOf(p.name), p.id);
  }
  const report: LookalikeReport = { merged: [], keptApart: [] };
  const lookalikes = [...groups.values()].filter((g) => g.length > 1);
  if (!lookalikes.length) return report;

  const batch = Number(db.prepare(`INSERT INTO batches (at, label) VALUES (?, ?)`).run(at, LOOKALIKE_LABEL).lastInsertRowid);
  const log = db.prepare(`INSERT INTO edits (batch_id, op, deal_id, party_id, field, old_value, new_value) VALUES (?, ?, ?, ?, ?, ?, ?)`);
  const selfDeals = db.prepare(`SELECT id FROM deals WHERE from_party_id IN (SELECT value FROM json_each(?)) AND to_party_id IN (SELECT value FROM json_each(?)) AND kind <> 'infrastructure' ORDER BY id LIMIT 3`);
  const naming = db.prepare(`SELECT id, from_party_id, to_party_id FROM deals WHERE from_party_id = ? OR to_party_id = ? ORDER BY id`);
  const setDealParty = { from_party_id: db.prepare(`UPDATE deals SET from_party_id = ? WHERE id = ?`), to_party_id: db.prepare(`UPDATE deals SET to_party_id = ? WHERE id = ?`) };
  const children = hasParent ? db.prepare(`SELECT id FROM parties WHERE parent_id = ?`) : null;
  const setParent = hasParent ? db.prepare(`UPDATE parties SET parent_id = ? WHERE id = ?`) : null;
  const setKind = db.prepare(`UPDATE parties SET kind = ? WHERE id = ?`);
  const remove = db.prepare(`DELETE FROM parties WHERE id = ?`);

  for (const group of lookalikes) {
    const [keep, ...others] = group as [Row, ...Row[]];
    const ids = JSON.stringify(group.map((p) => p.id));
    const blocking = selfDeals.all(ids, ids) as { id: number }[];
    if (blocking.length) {
      const deals = blocking.map((d) => d.id).join(', ');
      report.keptApart.push({ names: group.map((p) => p.name), reason: `deal ${deals} would go from the party to itself` });
      continue;
    }
    for (const other of others) {
      for (const deal of naming.all(other.id, other.id) as { id: number; from_party_id: number; to_party_id: number }[]) {
        for (const field of ['from_party_id', 'to_party_id'] as const) {
          if (deal[field] !== other.id) continue;
          setDealParty[field].run(keep.id, deal.id);
          log.run(batch, 'update', deal.id, null, field, JSON.stringify(other.id), JSON.stringify(keep.id));
        }
      }
      for (const child of (children?.all(other.id) ?? []) as { id: number }[]) {
        setParent!.run(keep.id, child.id);
        log.run(batch, 'party_update', null, child.id, 'parent_id', JSON.stringify(other.id), JSON.stringify(keep.id));
      }
      // The kept party takes a kind the analyst gave a lookalike, when it has none of its own.
      if (keep.kind === 'other' && other.kind !== 'other') {
        setKind.run(other.kind, keep.id);
        log.run(batch, 'party_update', null, keep.id, 'kind', JSON.stringify(keep.kind), JSON.stringify(other.kind));
        keep.kind = other.kind;
      }
      const stored = hasParent ? { id: other.id, name: other.name, kind: other.kind, parent_id: other.parent_id ?? null } : { id: other.id, name: other.name, kind: other.kind };
      remove.run(other.id);
      log.run(batch, 'party_delete', null, other.id, null, JSON.stringify(stored), null);
    }
    report.merged.push({ into: keep.name, merged: others.map((p) => p.name) });
  }
  if (!report.merged.length) db.prepare(`DELETE FROM batches WHERE id = ?`).run(batch);
  else db.prepare(`UPDATE batches SET state = 'dropped' WHERE state = 'undone'`).run();
  db.prepare(`INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value`).run(LOOKALIKE_REPORT_KEY, JSON.stringify(report));
  return report;
}

/** The report in words, one line per group, invisible differences made visible: `"Ca\u200Bfé"`, `"Café" (decomposed)`. */
export function describeLookalikes(report: LookalikeReport): string[] {
  const shown = (s: string) =>
    `"${s.replace(/\p{Cf}/gu, (c) => `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`)}"${s === s.normalize('NFC') ? '' : ' (decomposed)'}`;
  return [
    ...report.merged.map((m) => `merged ${m.merged.map(shown).join(', ')} into ${shown(m.into)}`),
    ...report.keptApart.map((k) => `kept apart ${k.names.map(shown).join(', ')}: ${k.reason}`),
  ];
}
