import type { Db } from './connection';
import { mergedChildParent } from '../../shared/model/parties';

/** One party kept, and the lookalike spellings merged into it. */
export type LookalikeMerge = { into: string; merged: string[] };
/** A group left apart: merging it would make a deal go from a party to itself. */
export type LookalikeKept = { names: string[]; reason: string };
export type LookalikeReport = { merged: LookalikeMerge[]; keptApart: LookalikeKept[] };

/** Where the merges' report is kept, for `dealbook check` and the app to show. */
export const LOOKALIKE_REPORT_KEY = 'report.lookalike-parties';
export const LOOKALIKE_LABEL = 'Merge lookalike party names';

type Row = { id: number; name: string; kind: string; parent_id?: number | null };

/**
 * The book's report after one more merging step: the merges are history, so a later step's (schema 6 after 5)
 * are added after the earlier ones; the groups kept apart are the book's present state, so the later step's
 * list replaces the earlier (a group kept apart at step 5 is found, and kept apart, again at step 6).
 */
export function nextLookalikeReport(previous: string | null | undefined, step: LookalikeReport): LookalikeReport {
  let earlier: LookalikeMerge[] = [];
  try {
    const parsed = previous ? (JSON.parse(previous) as Partial<LookalikeReport>) : null;
    if (Array.isArray(parsed?.merged)) earlier = parsed.merged;
  } catch {
    // a report another tool mangled: start it again
  }
  return { merged: [...earlier, ...step.merged], keptApart: step.keptApart };
}

/**
 * Merge parties whose names are one name under the spec's rule (`keyOf`: NFC, invisible (default-ignorable)
 * characters out, trimmed, inner whitespace collapsed, case-folded), as one undo step written in the edit log's own
 * terms, so Edit > Undo takes the whole merge back. The oldest party of each group is kept, with its spelling; every
 * deal naming another is re-pointed to it, then the others are removed. Each schema step that changes the rule runs
 * this again (5, 6); its merges are added to the book's report. Call inside a transaction (a migration step is one).
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
  // Settings exist from schema 3, so in every book this step runs on.
  const previous = db.prepare(`SELECT value FROM settings WHERE key = ?`).pluck().get(LOOKALIKE_REPORT_KEY) as string | undefined;
  if (!lookalikes.length) {
    // Nothing to merge: a report an earlier step left keeps its merges, and no group is kept apart any more.
    if (previous) saveReport(db, nextLookalikeReport(previous, report));
    return report;
  }

  const batch = Number(db.prepare(`INSERT INTO batches (at, label) VALUES (?, ?)`).run(at, LOOKALIKE_LABEL).lastInsertRowid);
  const log = db.prepare(`INSERT INTO edits (batch_id, op, deal_id, party_id, field, old_value, new_value) VALUES (?, ?, ?, ?, ?, ?, ?)`);
  const selfDeals = db.prepare(`SELECT id FROM deals WHERE from_party_id IN (SELECT value FROM json_each(?)) AND to_party_id IN (SELECT value FROM json_each(?)) AND kind <> 'infrastructure' ORDER BY id LIMIT 3`);
  const naming = db.prepare(`SELECT id, from_party_id, to_party_id FROM deals WHERE from_party_id = ? OR to_party_id = ? ORDER BY id`);
  const setDealParty = { from_party_id: db.prepare(`UPDATE deals SET from_party_id = ? WHERE id = ?`), to_party_id: db.prepare(`UPDATE deals SET to_party_id = ? WHERE id = ?`) };
  const children = hasParent ? db.prepare(`SELECT id FROM parties WHERE parent_id = ?`) : null;
  const setParent = hasParent ? db.prepare(`UPDATE parties SET parent_id = ? WHERE id = ?`) : null;
  const parentIdOf = hasParent ? db.prepare(`SELECT parent_id FROM parties WHERE id = ?`).pluck() : null;
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
      // The kept party may itself be the lookalike's child ("Nour Capital" under "Nour\u061C Capital"), or a
      // party above it may be: hung under `keep` it would make a loop, so it becomes a top-level party.
      const parentOf = mergedChildParent(keep.id, (id) => parentIdOf?.get(id) as number | null | undefined, new Set(others.map((o) => o.id)));
      for (const child of (children?.all(other.id) ?? []) as { id: number }[]) {
        const parent = parentOf(child.id);
        setParent!.run(parent, child.id);
        log.run(batch, 'party_update', null, child.id, 'parent_id', JSON.stringify(other.id), JSON.stringify(parent));
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
  saveReport(db, nextLookalikeReport(previous, report));
  return report;
}

function saveReport(db: Db, report: LookalikeReport): void {
  db.prepare(`INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value`).run(LOOKALIKE_REPORT_KEY, JSON.stringify(report));
}

/** The report in words, one line per group, invisible differences made visible: `"Ca\u200Bfé"`, `"Café" (decomposed)`. */
export function describeLookalikes(report: LookalikeReport): string[] {
  const hex = (c: string) => c.codePointAt(0)!.toString(16).toUpperCase();
  // Every character the name rule ignores, and any other format character, written out (a tag as \u{E0041}).
  const shown = (s: string) =>
    `"${s.replace(/[\p{Cf}\p{Default_Ignorable_Code_Point}]/gu, (c) => (c.length > 1 ? `\\u{${hex(c)}}` : `\\u${hex(c).padStart(4, '0')}`))}"${s === s.normalize('NFC') ? '' : ' (decomposed)'}`;
  return [
    ...report.merged.map((m) => `merged ${m.merged.map(shown).join(', ')} into ${shown(m.into)}`),
    ...report.keptApart.map((k) => `kept apart ${k.names.map(shown).join(', ')}: ${k.reason}`),
  ];
}
