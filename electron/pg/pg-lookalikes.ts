import { partyKey } from '../../shared/model/deal';
import { mergedChildParent } from '../../shared/model/parties';
import { LOOKALIKE_LABEL, LOOKALIKE_REPORT_KEY, nextLookalikeReport, type LookalikeReport } from '../db/lookalike-parties';

type Query = <R = Record<string, unknown>>(sql: string, params?: readonly unknown[]) => Promise<R[]>;
type Row = { id: number; name: string; kind: string; parent_id: number | null };

/** Who the merge is recorded as in a team book's history (a step of the program, not of an analyst). */
export const MIGRATION_USER = 'dealbook';

/**
 * Schema steps 5 and 6 on a team book, as electron/db/lookalike-parties.ts does them on a file book: every party's
 * name_key set by the spec's one rule (shared/model/deal's partyKey: NFC, invisible (default-ignorable) characters
 * out, trimmed, inner whitespace collapsed, case-folded: computed here, not by the server's locale), parties whose
 * names are one name under it merged into the oldest (deals re-pointed, children re-parented, a kind taken over), as
 * one step in the history, and the report kept for `dealbook check` (a later step's merges added after an earlier
 * step's). A group whose merge would make a deal go from a party to itself is kept apart and reported. Runs inside
 * the migration's transaction.
 */
export async function mergePgLookalikes(q: Query, at: string): Promise<LookalikeReport> {
  const parties = await q<Row>(`SELECT id, name, kind, parent_id FROM parties ORDER BY id`);
  const groups = new Map<string, Row[]>();
  for (const p of parties) {
    const key = partyKey(p.name);
    const group = groups.get(key);
    if (group) group.push(p);
    else groups.set(key, [p]);
  }
  if (parties.length) {
    await q(`UPDATE parties p SET name_key = k.key FROM unnest($1::int[], $2::text[]) AS k(id, key) WHERE p.id = k.id`, [
      parties.map((p) => p.id),
      parties.map((p) => partyKey(p.name)),
    ]);
  }
  const report: LookalikeReport = { merged: [], keptApart: [] };
  const lookalikes = [...groups.values()].filter((g) => g.length > 1);
  if (lookalikes.length) {
    const batch = (await q<{ id: number }>(`INSERT INTO batches (at, label, user_name) VALUES ($1, $2, $3) RETURNING id`, [at, LOOKALIKE_LABEL, MIGRATION_USER]))[0]!.id;
    const log = (op: string, dealId: number | null, partyId: number | null, field: string | null, oldValue: unknown, newValue: unknown) =>
      q(`INSERT INTO edits (batch_id, op, deal_id, party_id, field, old_value, new_value) VALUES ($1, $2, $3, $4, $5, $6, $7)`, [
        batch, op, dealId, partyId, field, oldValue === undefined ? null : JSON.stringify(oldValue), newValue === undefined ? null : JSON.stringify(newValue),
      ]);
    for (const group of lookalikes) {
      const [keep, ...others] = group as [Row, ...Row[]];
      const ids = group.map((p) => p.id);
      const blocking = await q<{ id: number }>(
        `SELECT id FROM deals WHERE from_party_id = ANY($1::int[]) AND to_party_id = ANY($1::int[]) AND kind <> 'infrastructure' ORDER BY id LIMIT 3`,
        [ids],
      );
      if (blocking.length) {
        report.keptApart.push({ names: group.map((p) => p.name), reason: `deal ${blocking.map((d) => d.id).join(', ')} would go from the party to itself` });
        continue;
      }
      for (const other of others) {
        const naming = await q<{ id: number; from_party_id: number; to_party_id: number }>(
          `SELECT id, from_party_id, to_party_id FROM deals WHERE from_party_id = $1 OR to_party_id = $1 ORDER BY id`,
          [other.id],
        );
        for (const deal of naming) {
          for (const field of ['from_party_id', 'to_party_id'] as const) {
            if (deal[field] !== other.id) continue;
            // field is one of two fixed column names, never input.
            await q(`UPDATE deals SET ${field} = $1, version = version + 1 WHERE id = $2`, [keep.id, deal.id]);
            await log('update', deal.id, null, field, other.id, keep.id);
          }
        }
        // The kept party, or a party above it, hung under `keep` would make a loop: it becomes top-level instead.
        const parents = new Map((await q<{ id: number; parent_id: number | null }>(`SELECT id, parent_id FROM parties`)).map((p) => [p.id, p.parent_id]));
        const parentOf = mergedChildParent(keep.id, (id) => parents.get(id), new Set(others.map((o) => o.id)));
        for (const child of await q<{ id: number }>(`SELECT id FROM parties WHERE parent_id = $1 ORDER BY id`, [other.id])) {
          await q(`UPDATE parties SET parent_id = $1 WHERE id = $2`, [parentOf(child.id), child.id]);
          await log('party_update', null, child.id, 'parent_id', other.id, parentOf(child.id));
        }
        if (keep.kind === 'other' && other.kind !== 'other') {
          await q(`UPDATE parties SET kind = $1 WHERE id = $2`, [other.kind, keep.id]);
          await log('party_update', null, keep.id, 'kind', keep.kind, other.kind);
          keep.kind = other.kind;
        }
        await q(`DELETE FROM parties WHERE id = $1`, [other.id]);
        await log('party_delete', null, other.id, null, { id: other.id, name: other.name, kind: other.kind, parent_id: other.parent_id }, undefined);
      }
      report.merged.push({ into: keep.name, merged: others.map((p) => p.name) });
    }
    if (!report.merged.length) await q(`DELETE FROM batches WHERE id = $1`, [batch]);
  }
  const previous = (await q<{ value: string }>(`SELECT value FROM settings WHERE key = $1`, [LOOKALIKE_REPORT_KEY]))[0]?.value;
  const saved = nextLookalikeReport(previous, report);
  await q(`INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value`, [LOOKALIKE_REPORT_KEY, JSON.stringify(saved)]);
  return report;
}
