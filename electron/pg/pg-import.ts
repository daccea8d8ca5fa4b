import type { ImportChange, ImportReport } from '../../shared/protocol/contract';
import { mapCsv, validateRows, type MappedCsv, type ValidatedCsv } from '../../shared/csv/csv-map';
import { AppFailure, type CellProblem } from '../../shared/protocol/result';
import { DATE_ORDER_SETTING, importLabel, type ImportInput } from '../service/csv-service';
import { baseLookup, changedCells } from '../service/csv-update';
import { partyKey, type Deal, type DealValues } from '../../shared/model/deal';
import { lookalikePartyWarnings } from '../../shared/csv/csv-lookalikes';
import type { PgPool } from './connection';
import type { PgRepos } from './pg-repos';
import { inTransaction } from './pg-tx';
import { createPgWriter, type PgWriter } from './pg-writer';
import { newTouched, type Touched } from '../service/writer';

const CHUNK = 1000;
// Rows beyond which the windows reload rather than patch (as undo does).
const PATCH_LIMIT = 5000;

type ImportOptions = { now: () => Date; onProgress?: ((done: number, total: number) => void) | undefined };
type Plan = { added: { line: number; deal: DealValues }[]; updates: { id: number; deal: DealValues }[]; unchanged: number; changes: ImportChange[] };

/** Each distinct party looked up once, matching as the book does (partyKey). */
async function planParties(repos: PgRepos, deals: readonly { deal: DealValues }[]) {
  const ids = new Map<string, number | null>();
  const byKey = new Map<string, number | null>();
  const newParties: string[] = [];
  for (const { deal } of deals) {
    for (const name of [deal.from_party, deal.to_party]) {
      if (ids.has(name)) continue;
      const key = partyKey(name);
      let id = byKey.get(key);
      if (id === undefined) {
        id = (await repos.parties.findByName(name))?.id ?? null;
        byKey.set(key, id);
        if (id === null) newParties.push(name);
      }
      ids.set(name, id);
    }
  }
  return { ids, newParties };
}

/**
 * The rows read over the book as it is now: with `update`, the deals the file names by id are read in one round
 * trip, then the file book's own lookup (electron/service/csv-update.ts) answers from them, same messages.
 */
async function validate(repos: PgRepos, mapped: MappedCsv, update: boolean): Promise<ValidatedCsv> {
  if (!update) return validateRows(mapped);
  const ids = [...new Set(mapped.rows.flatMap((r) => (r.id !== undefined && /^\d{1,9}$/.test(r.id) ? [Number(r.id)] : [])))];
  const deals = new Map<number, Deal>((ids.length ? await repos.deals.namedMany(ids) : []).map((d) => [d.id, d]));
  return validateRows(mapped, baseLookup({ deals: { get: (id) => deals.get(id) } }));
}

/** Rows without an id are added; rows with one update their deal in the cells that differ (none: left alone). */
async function planRows(repos: PgRepos, validated: ValidatedCsv, update: boolean): Promise<Plan> {
  const plan: Plan = { added: [], updates: [], unchanged: 0, changes: [] };
  const named = validated.deals.filter((row) => update && row.id !== undefined).map((row) => Number(row.id));
  const before = new Map<number, Deal>((named.length ? await repos.deals.namedMany(named) : []).map((d) => [d.id, d]));
  for (const row of validated.deals) {
    if (!update || row.id === undefined) {
      plan.added.push(row);
      continue;
    }
    const id = Number(row.id);
    const found = before.get(id);
    // Deleted between two reads of the first look (the write reads again under the lock, where this cannot happen).
    if (!found) continue;
    const { id: _id, ...was } = found;
    const changes = changedCells(row.line, id, was, row.deal);
    if (changes.length === 0) {
      plan.unchanged++;
      continue;
    }
    plan.updates.push({ id, deal: row.deal });
    for (const c of changes) plan.changes.push(c);
  }
  return plan;
}

const toReported = ({ line, field, value, message }: CellProblem) => ({ line: line ?? 0, ...(field ? { field } : {}), ...(value !== undefined ? { value } : {}), message });

/** CSV into a team book: the file book's rules (electron/service/csv-service.ts), one transaction, one undo step. */
export async function importPgCsv(
  pool: PgPool,
  schema: string,
  user: string,
  input: ImportInput,
  options: ImportOptions,
): Promise<ImportReport & { touched: Touched | null; label: string }> {
  const update = Boolean(input.update);
  const looked = await inTransaction(pool, schema, false, async (repos) => {
    const stored = await repos.settings.get(DATE_ORDER_SETTING);
    const dateOrder = input.dateOrder ?? (stored === 'DMY' || stored === 'MDY' ? stored : null);
    const mapped = mapCsv(input.text, { map: input.map, dateOrder, withId: update, encoding: input.encoding });
    const validated = await validate(repos, mapped, update);
    const plan = await planRows(repos, validated, update);
    const lookalikes = lookalikePartyWarnings(validated.deals, (await repos.parties.list()).map((p) => p.name));
    return { mapped, validated, plan, lookalikes, newParties: (await planParties(repos, validated.deals)).newParties };
  });
  const { deals, problems, warnings, columns, recordCount, fatal } = looked.validated;
  const dry = looked.plan;
  const report: ImportReport & { touched: Touched | null; label: string } = {
    totalRows: recordCount,
    validRows: deals.length,
    imported: 0,
    updated: input.dryRun ? dry.updates.length : 0,
    unchanged: dry.unchanged,
    changes: dry.changes,
    newParties: looked.newParties,
    problems: problems.map(toReported),
    warnings: [...warnings, ...looked.lookalikes].map(toReported),
    columns,
    ...(input.encoding ? { encoding: input.encoding } : {}),
    dryRun: Boolean(input.dryRun),
    touched: null,
    label: importLabel(deals.length),
  };
  const blocked = fatal || (problems.length > 0 && !input.skipInvalid);
  if (blocked || input.dryRun || (dry.added.length === 0 && dry.updates.length === 0)) return report;

  const savedAt = options.now().toISOString();
  const touched = newTouched();
  const done = await inTransaction(pool, schema, true, async (repos) => {
    // Read again under the book's lock: another analyst may have changed a deal the file updates since the look.
    const again = update ? await validate(repos, looked.mapped, true) : looked.validated;
    if (again.fatal || (again.problems.length > 0 && !input.skipInvalid)) {
      throw new AppFailure({ code: 'validation', message: 'The book changed while importing; nothing was imported. Check the file again.', details: again.problems.slice(0, 20) });
    }
    const plan = update ? await planRows(repos, again, true) : dry;
    const label = plan.updates.length ? `Import: ${plan.added.length} added, ${plan.updates.length} updated` : importLabel(plan.added.length);
    const batchId = await repos.edits.begin(label, savedAt, user);
    await repos.edits.dropRedo(user);
    const w = createPgWriter(repos, batchId, touched);
    // An update may name a party the book lacks too (created as it is written): listed with the added rows' ones.
    const byUpdates = plan.updates.length ? (await planParties(repos, plan.updates)).newParties : [];
    for (const u of plan.updates.sort((a, b) => a.id - b.id)) await w.updateDeal(u.id, u.deal);
    const added = await insertRange(repos, w, batchId, plan.added, touched, options);
    const known = new Set(byUpdates.map(partyKey));
    if (plan.updates.length > PATCH_LIMIT) touched.reload = true;
    return { plan, label, newParties: [...byUpdates, ...added.filter((name) => !known.has(partyKey(name)))] };
  });
  const { plan } = done;
  return { ...report, label: done.label, newParties: done.newParties, imported: plan.added.length, updated: plan.updates.length, unchanged: plan.unchanged, changes: plan.changes, touched };
}

/** New deals as one logged range (undo removes it), inserted a thousand rows a statement; new parties logged one by one. */
async function insertRange(repos: PgRepos, w: PgWriter, batchId: number, deals: readonly { deal: DealValues }[], touched: Touched, options: ImportOptions): Promise<string[]> {
  if (deals.length === 0) return [];
  const plan = await planParties(repos, deals);
  const created = new Map<string, number>();
  for (const name of plan.newParties) created.set(partyKey(name), await w.resolveParty(name));
  for (const [name, id] of plan.ids) if (id === null) plan.ids.set(name, created.get(partyKey(name))!);
  const idOf = (name: string): number => plan.ids.get(name)!;
  let first = 0;
  let last = 0;
  for (let i = 0; i < deals.length; i += CHUNK) {
    const rows = deals.slice(i, i + CHUNK).map(({ deal: d }) => ({
      announced: d.announced, from_party_id: idOf(d.from_party), to_party_id: idOf(d.to_party), kind: d.kind,
      status: d.status, amount_usd: d.amount_usd, cash_usd: d.cash_usd, credit_usd: d.credit_usd,
      term_years: d.term_years, start: d.start, capacity_mw: d.capacity_mw, source_url: d.source_url, notes: d.notes,
      announced_precision: d.announced_precision, amount_basis: d.amount_basis,
    }));
    const ids = await repos.deals.insertMany(rows);
    if (i === 0) first = ids[0]!;
    last = ids[ids.length - 1]!;
    options.onProgress?.(Math.min(i + CHUNK, deals.length), deals.length);
  }
  // The range is one undo step only if the ids are consecutive: the write lock keeps other inserts out.
  await repos.edits.log(batchId, { op: 'insert_range', old_value: String(first), new_value: String(last) });
  if (last - first + 1 > PATCH_LIMIT) touched.reload = true;
  else for (let id = first; id <= last; id++) touched.deals.add(id);
  touched.parties = true;
  return plan.newParties;
}
