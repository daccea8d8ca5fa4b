import type { ImportChange, ImportReport } from '../../shared/protocol/contract';
import type { CsvEncoding } from '../../shared/csv/csv-decode';
import type { DateOrder } from '../../shared/csv/csv-cells';
import { mapCsv, validateRows, type ColumnMap, type MappedCsv, type ValidatedCsv } from '../../shared/csv/csv-map';
import { AppFailure, type CellProblem } from '../../shared/protocol/result';
import { dealsToCsvChunks } from '../../shared/csv/csv-write';
import { partyKey, type DealRow, type DealValues } from '../../shared/model/deal';
import { lookalikePartyWarnings } from '../../shared/csv/csv-lookalikes';
import type { Repos } from './repos';
import { baseLookup, changedCells } from './csv-update';
import { createWriter, newTouched, type Writer } from './writer';

const PROGRESS_EVERY = 5000;

type ImportOptions = { now: () => Date; onProgress?: ((done: number, total: number) => void) | undefined };

/** Party ids by spelling as written in the file; null for a party the book does not have yet. */
type PartyPlan = { ids: Map<string, number | null>; newParties: string[] };

/**
 * Look each distinct party up once (100k rows name a few thousand parties), matching like the book does
 * (partyKey, SQLite NOCASE), so "OpenAI" and "openai" in one file are one new party.
 */
function planParties(repos: Repos, deals: readonly { deal: DealValues }[]): PartyPlan {
  const ids = new Map<string, number | null>();
  const byKey = new Map<string, number | null>();
  const newParties: string[] = [];
  for (const { deal } of deals) {
    for (const name of [deal.from_party, deal.to_party]) {
      if (ids.has(name)) continue;
      const key = partyKey(name);
      let id = byKey.get(key);
      if (id === undefined) {
        id = repos.parties.findByName(name)?.id ?? null;
        byKey.set(key, id);
        if (id === null) newParties.push(name);
      }
      ids.set(name, id);
    }
  }
  return { ids, newParties };
}

/** Where the book keeps its date order (`DMY`, `MDY`), which decides numeric dates both orders allow. */
/** An import's undo step, said as the history and Undo name it: `Import 1 deal`, `Import 40 deals`. */
export const importLabel = (deals: number): string => `Import ${deals} deal${deals === 1 ? '' : 's'}`;

export const DATE_ORDER_SETTING = 'date_order';

export type ImportInput = {
  text: string;
  skipInvalid?: boolean | undefined;
  dryRun?: boolean | undefined;
  update?: boolean | undefined;
  map?: ColumnMap | undefined;
  dateOrder?: DateOrder | undefined;
  encoding?: CsvEncoding | undefined;
};

function bookDateOrder(repos: Repos): DateOrder | null {
  const stored = repos.settings.get(DATE_ORDER_SETTING);
  return stored === 'DMY' || stored === 'MDY' ? stored : null;
}

type Plan = { added: { line: number; deal: DealValues }[]; updates: { id: number; deal: DealValues }[]; unchanged: number; changes: ImportChange[] };

/** Rows without an id are added; rows with one update their deal in the cells that differ (none: left alone). */
function planRows(repos: Repos, validated: ValidatedCsv, update: boolean): Plan {
  const plan: Plan = { added: [], updates: [], unchanged: 0, changes: [] };
  for (const row of validated.deals) {
    if (!update || row.id === undefined) {
      plan.added.push(row);
      continue;
    }
    const id = Number(row.id);
    const before = repos.deals.get(id)!;
    const changes = changedCells(row.line, id, before, row.deal);
    if (changes.length === 0) {
      plan.unchanged++;
      continue;
    }
    plan.updates.push({ id, deal: row.deal });
    for (const c of changes) plan.changes.push(c);
  }
  return plan;
}

function readFile(repos: Repos, input: ImportInput): { mapped: MappedCsv; validated: ValidatedCsv } {
  const dateOrder = input.dateOrder ?? bookDateOrder(repos);
  const mapped = mapCsv(input.text, { map: input.map, dateOrder, withId: Boolean(input.update), encoding: input.encoding });
  return { mapped, validated: validateRows(mapped, input.update ? baseLookup(repos) : undefined) };
}

/**
 * Import CSV text as one transaction and one undo step: new rows added, and with `update` rows naming a deal by
 * id change only the cells that differ. With any invalid row nothing is written unless skipInvalid; a dry run
 * reports what would happen and writes nothing.
 */
export function importBookCsv(repos: Repos, input: ImportInput, options: ImportOptions): ImportReport {
  const { mapped, validated } = readFile(repos, input);
  const { deals, problems, warnings, columns, recordCount, fatal } = validated;
  const dryPlan = planRows(repos, validated, Boolean(input.update));
  const report: ImportReport = {
    totalRows: recordCount,
    validRows: deals.length,
    imported: 0,
    updated: input.dryRun ? dryPlan.updates.length : 0,
    unchanged: dryPlan.unchanged,
    changes: dryPlan.changes,
    newParties: [],
    problems: problems.map(toReported),
    warnings: [...warnings, ...lookalikePartyWarnings(deals, repos.parties.all().map((p) => p.name))].map(toReported),
    columns,
    ...(input.encoding ? { encoding: input.encoding } : {}),
    dryRun: Boolean(input.dryRun),
  };
  const blocked = fatal || (problems.length > 0 && !input.skipInvalid);
  // New parties are planned once: here for a report that ends now, inside the transaction for a real import.
  if (blocked || input.dryRun || (dryPlan.added.length === 0 && dryPlan.updates.length === 0)) {
    return { ...report, newParties: planParties(repos, deals).newParties };
  }

  const savedAt = options.now().toISOString();
  const done = repos.db
    .transaction(() => {
      // Read again inside the transaction: another window may have changed a deal or added a party since the dry look.
      // Rows read over a deal (update by id) are checked again against the deal as it is now; new rows stand as read.
      const again = input.update ? validateRows(mapped, baseLookup(repos)) : validated;
      if (again.fatal || (again.problems.length > 0 && !input.skipInvalid)) {
        throw new AppFailure({ code: 'validation', message: 'The book changed while importing; nothing was imported. Check the file again.', details: again.problems.slice(0, 20) });
      }
      const plan = planRows(repos, again, Boolean(input.update));
      const label = plan.updates.length ? `Import: ${plan.added.length} added, ${plan.updates.length} updated` : importLabel(plan.added.length);
      const batchId = repos.edits.begin(label, savedAt);
      repos.edits.dropRedo();
      const w = createWriter(repos, batchId, newTouched());
      // An update may name a party the book lacks too (created as it is written): list those with the added rows' ones.
      const byUpdates = plan.updates.length ? planParties(repos, plan.updates).newParties : [];
      for (const u of plan.updates) w.updateDeal(u.id, u.deal);
      const added = insertRange(repos, w, batchId, plan.added, options);
      const known = new Set(byUpdates.map(partyKey));
      return { plan, newParties: [...byUpdates, ...added.filter((name) => !known.has(partyKey(name)))] };
    })
    .immediate();
  options.onProgress?.(done.plan.added.length, done.plan.added.length);
  return { ...report, newParties: done.newParties, imported: done.plan.added.length, updated: done.plan.updates.length, unchanged: done.plan.unchanged, changes: done.plan.changes };
}

const toReported = ({ line, field, value, message }: CellProblem): ImportReport['problems'][number] => ({
  line: line ?? 0,
  ...(field ? { field } : {}),
  ...(value !== undefined ? { value } : {}),
  message,
});

/** New deals as one logged range (undo removes it), not 100k log rows; new parties are logged one by one. */
function insertRange(repos: Repos, w: Writer, batchId: number, deals: readonly { deal: DealValues }[], options: ImportOptions): string[] {
  if (deals.length === 0) return [];
  const plan = planParties(repos, deals);
  const created = new Map(plan.newParties.map((name) => [partyKey(name), w.resolveParty(name)]));
  for (const [name, id] of plan.ids) if (id === null) plan.ids.set(name, created.get(partyKey(name))!);
  const idOf = (name: string): number => plan.ids.get(name)!;
  let first = 0;
  let last = 0;
  for (let i = 0; i < deals.length; i++) {
    const d = deals[i]!.deal;
    last = repos.deals.insert({
      announced: d.announced, from_party_id: idOf(d.from_party), to_party_id: idOf(d.to_party), kind: d.kind,
      status: d.status, amount_usd: d.amount_usd, cash_usd: d.cash_usd, credit_usd: d.credit_usd,
      term_years: d.term_years, start: d.start, capacity_mw: d.capacity_mw, source_url: d.source_url, notes: d.notes,
      announced_precision: d.announced_precision, amount_basis: d.amount_basis,
    });
    if (i === 0) first = last;
    if (options.onProgress && (i + 1) % PROGRESS_EVERY === 0) options.onProgress(i + 1, deals.length);
  }
  repos.edits.log(batchId, { op: 'insert_range', old_value: String(first), new_value: String(last) });
  return plan.newParties;
}

/**
 * The book's rows as CSV: every deal (or the given ids, in that order; an id no longer in the book is left out) with
 * derived columns, or only the given columns in their order (a window's view).
 */
export function exportBookCsv(rows: readonly DealRow[], ids: readonly number[] | undefined, columns?: readonly string[]): string {
  return dealsToCsvChunks(ids ? rowsOfIds(rows, ids) : rows, columns).join('');
}

/**
 * The rows of the ids in that order (an id no longer in the book left out); the rows themselves when the ids are
 * every row's in their order. An id is found through a table indexed by id when the ids are dense (the usual book),
 * else through a Map: a window's sorted view of 100k deals costs a few ms here.
 */
export function rowsOfIds(rows: readonly DealRow[], ids: readonly number[]): readonly DealRow[] {
  const n = rows.length;
  if (ids.length === n) {
    let same = true;
    for (let i = 0; i < n && same; i++) same = rows[i]!.id === ids[i];
    if (same) return rows;
  }
  let maxId = 0;
  for (let i = 0; i < n; i++) if (rows[i]!.id > maxId) maxId = rows[i]!.id;
  const out: DealRow[] = [];
  if (maxId <= 4 * n + 1024) {
    const at = new Int32Array(maxId + 1).fill(-1);
    for (let i = 0; i < n; i++) at[rows[i]!.id] = i;
    for (const id of ids) {
      const i = id <= maxId ? at[id]! : -1;
      if (i >= 0) out.push(rows[i]!);
    }
    return out;
  }
  const byId = new Map<number, DealRow>();
  for (const row of rows) byId.set(row.id, row);
  for (const id of ids) {
    const row = byId.get(id);
    if (row) out.push(row);
  }
  return out;
}
