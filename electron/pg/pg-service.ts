import type { Deal, DealRow, DealValues } from '../../shared/deal';
import type { Change, ImportReport, RawValues } from '../../shared/contract';
import { buildDeal } from '../../shared/fields';
import { deriveRows } from '../../shared/metrics';
import { computeAggregates } from '../../shared/aggregates';
import { AppFailure, type CellProblem } from '../../shared/result';
import { exportBookCsv } from '../service/csv-service';
import { newTouched, type Touched } from '../service/writer';
import type { Store, StoreHandlers } from '../service/store';
import type { OpenedPgBook } from './connection';
import type { PgRepos } from './pg-repos';
import { inTransaction } from './pg-tx';
import { collectPgChange, createPgWriter, noDeal, type PgWriter } from './pg-writer';
import { assertNobodyElseSince, replayPg } from './pg-undo';
import { mergePgParties, renamePgParty, setPgPartyKind } from './pg-party';
import { importPgCsv } from './pg-import';
import { conflictsOf, refuseConflicts } from './pg-conflicts';

export type PgServiceOptions = {
  now?: () => Date;
  onProgress?: (done: number, total: number) => void;
  /** Told of every committed change (the team server pushes it to its windows and to the other processes). */
  onCommit?: (change: Change, user: string) => void;
};

/** The contract over a team book: the file book's rules and numbers (shared/), PostgreSQL's storage. */
export function createPgStore(opened: OpenedPgBook, options: PgServiceOptions = {}): Store & { version: number } {
  const { pool, book } = opened;
  const now = options.now ?? (() => new Date());
  const read = <T>(fn: (repos: PgRepos) => Promise<T>) => inTransaction(pool, book.schema, false, fn);

  function handlersFor(user: string): StoreHandlers {
    async function write(label: string, fn: (w: PgWriter, repos: PgRepos, touched: Touched) => Promise<void>): Promise<Change> {
      const savedAt = now().toISOString();
      const change = await inTransaction(pool, book.schema, true, async (repos) => {
        const batchId = await repos.edits.begin(label, savedAt, user);
        const touched = newTouched();
        await fn(createPgWriter(repos, batchId, touched), repos, touched);
        if (!(await repos.edits.discardIfEmpty(batchId))) await repos.edits.dropRedo(user);
        return collectPgChange(repos, touched, label, savedAt);
      });
      options.onCommit?.(change, user);
      return change;
    }

    /** The deal as it is now, its row locked to the end of the write. */
    async function lockedDeal(repos: PgRepos, id: number): Promise<Deal> {
      if (!(await repos.deals.getStored(id))) throw noDeal(id);
      return (await repos.deals.get(id))!;
    }

    async function currentValues(repos: PgRepos, id: number): Promise<DealValues> {
      const deal = await repos.deals.get(id);
      if (!deal) throw noDeal(id);
      const { id: _id, ...values } = deal;
      return values;
    }

    async function undoOrRedo(direction: 'undo' | 'redo'): Promise<Change> {
      const savedAt = now().toISOString();
      const change = await inTransaction(pool, book.schema, true, async (repos) => {
        const batch = direction === 'undo' ? await repos.edits.lastDone(user) : await repos.edits.firstUndone(user);
        if (!batch) throw new AppFailure({ code: direction === 'undo' ? 'nothing_to_undo' : 'nothing_to_redo', message: `Nothing to ${direction}` });
        const edits = await repos.edits.editsOf(batch.id);
        await assertNobodyElseSince(repos, edits, user, direction);
        const touched = newTouched();
        await replayPg(repos, edits, direction, touched);
        await repos.edits.setState(batch.id, direction === 'undo' ? 'undone' : 'done');
        return collectPgChange(repos, touched, `${direction === 'undo' ? 'Undo' : 'Redo'} ${batch.label}`, savedAt);
      });
      options.onCommit?.(change, user);
      return change;
    }

    return {
      bookInfo: () =>
        read(async (repos) => {
          const undo = await repos.edits.lastDone(user);
          const redo = await repos.edits.firstUndone(user);
          return {
            path: book.display,
            name: book.schema,
            schemaVersion: opened.version,
            deals: await repos.deals.count(),
            parties: await repos.parties.count(),
            canUndo: Boolean(undo),
            canRedo: Boolean(redo),
            undoLabel: undo?.label ?? null,
            redoLabel: redo?.label ?? null,
          };
        }),
      listDeals: () => read(async (repos): Promise<DealRow[]> => deriveRows(await repos.deals.all())),
      listParties: () => read((repos) => repos.parties.list()),
      addDeal: ({ values }) => {
        const problems: CellProblem[] = [];
        const deal = validated(values, undefined, undefined, problems);
        rejectIf(problems, 'New deal');
        return write('Add deal', async (w) => void (await w.insertDeal(deal!)));
      },
      updateDeal: ({ id, changes, base }) => {
        const fields = Object.keys(changes);
        return write(fields.length === 1 ? `Edit ${fields[0]}` : `Edit deal ${id}`, async (w, repos) => {
          const problems: CellProblem[] = [];
          const current = await lockedDeal(repos, id);
          refuseConflicts(await conflictsOf(repos, current, base, user));
          const deal = validated(changes, withoutId(current), id, problems);
          rejectIf(problems, `Edit of deal ${id}`);
          await w.updateDeal(id, deal!);
        });
      },
      updateCells: ({ cells, label }) => {
        const byDeal = new Map<number, RawValues>();
        const shown = new Map<number, RawValues>();
        for (const cell of cells) {
          byDeal.set(cell.id, { ...byDeal.get(cell.id), [cell.field]: cell.value });
          if (cell.was !== undefined) shown.set(cell.id, { ...shown.get(cell.id), [cell.field]: cell.was });
        }
        return write(label ?? `Paste ${cells.length} cells`, async (w, repos) => {
          const problems: CellProblem[] = [];
          const conflicts: CellProblem[] = [];
          const next = new Map<number, DealValues>();
          for (const [id, raw] of byDeal) {
            const current = await lockedDeal(repos, id);
            conflicts.push(...(await conflictsOf(repos, current, shown.get(id), user)));
            const deal = validated(raw, withoutId(current), id, problems);
            if (deal) next.set(id, deal);
          }
          refuseConflicts(conflicts);
          rejectIf(problems, 'Paste');
          for (const [id, deal] of next) await w.updateDeal(id, deal);
        });
      },
      deleteDeals: ({ ids }) =>
        write(ids.length === 1 ? 'Delete deal' : `Delete ${ids.length} deals`, async (w) => {
          for (const id of new Set(ids)) await w.deleteDeal(id);
        }),
      duplicateDeals: ({ ids }) =>
        write(ids.length === 1 ? 'Duplicate deal' : `Duplicate ${ids.length} deals`, async (w, repos) => {
          for (const id of ids) await w.insertDeal(await currentValues(repos, id));
        }),
      undo: () => undoOrRedo('undo'),
      redo: () => undoOrRedo('redo'),
      renameParty: (input) => write(`Rename ${input.name}`, (w, repos) => renamePgParty(repos, w, input)),
      mergeParties: (input) => write(`Merge into ${input.into}`, (w, repos) => mergePgParties(repos, w, input)),
      setPartyKind: (input) => write(`Set kind of ${input.name}`, (w, repos) => setPgPartyKind(repos, w, input)),
      aggregates: ({ ids }) =>
        read(async (repos) => {
          const deals = deriveRows(await repos.deals.all());
          if (!ids) return computeAggregates(deals);
          const wanted = new Set(ids);
          return computeAggregates(deals.filter((d) => wanted.has(d.id)));
        }),
      importCsv: async (input): Promise<ImportReport> => {
        const report = await importPgCsv(pool, book.schema, user, input, { now, onProgress: options.onProgress });
        if (report.imported) options.onCommit?.({ changed: [], deleted: [], reload: true, savedAt: now().toISOString(), label: `Import ${report.imported} deals` }, user);
        return report;
      },
      exportCsv: ({ ids }) => read(async (repos) => exportBookCsv(deriveRows(await repos.deals.all()), ids)),
      getSetting: ({ key }) => read((repos) => repos.settings.get(key)),
      setSetting: async ({ key, value }) => {
        await inTransaction(pool, book.schema, true, (repos) => repos.settings.set(key, value));
        return null;
      },
    };
  }

  let closed: Promise<void> | null = null;
  return { kind: 'team', where: book.display, version: opened.version, handlersFor, close: () => (closed ??= pool.end()) };
}

function withoutId(deal: Deal): DealValues {
  const { id: _id, ...values } = deal;
  return values;
}

/** Parse and validate raw cells over a base; every bad cell becomes a problem naming row and field. */
function validated(raw: RawValues, base: DealValues | undefined, row: number | undefined, problems: CellProblem[]): DealValues | null {
  const built = buildDeal(raw, base);
  if (built.ok) return built.deal;
  for (const issue of built.problems) {
    const value = raw[issue.field];
    problems.push({ ...(row !== undefined ? { row } : {}), field: issue.field, ...(value !== undefined && value !== null ? { value: String(value) } : {}), message: issue.message });
  }
  return null;
}

function rejectIf(problems: CellProblem[], what: string): void {
  if (!problems.length) return;
  const first = problems[0]!;
  const summary = problems.length === 1 ? `${first.field ?? 'value'}: ${first.message}` : `${problems.length} cells are invalid`;
  throw new AppFailure({ code: 'validation', message: `${what} rejected: ${summary}`, details: problems });
}
