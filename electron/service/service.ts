import { type DealRow, type DealValues } from '../../shared/deal';
import type { Change, Handlers, ImportReport, RawValues } from '../../shared/contract';
import { buildDeal } from '../../shared/fields';
import { deriveRows } from '../../shared/metrics';
import { computeAggregates } from '../../shared/aggregates';
import { AppFailure, type CellProblem } from '../../shared/result';
import type { Db } from '../db/connection';
import { schemaVersion } from '../db/connection';
import { createRepos, type Repos } from './repos';
import { replay } from './undo';
import { createWriter, newTouched, type Touched, type Writer } from './writer';
import { collectChange } from './refresh';
import { createRowCache } from './row-cache';
import { exportBookCsv, importBookCsv } from './csv-service';
import { mergeParties, renameParty, setPartyKind } from './party-service';

export type ServiceOptions = {
  path: string;
  /** The clock, passed in so tests and history agree on "now". */
  now?: () => Date;
  /** Progress of long operations (imports), for a progress bar or stderr. */
  onProgress?: (done: number, total: number) => void;
};

export type Service = Handlers & {
  repos: Repos;
  /** Forget the cached rows (after writing to the database behind the service's back, as benchmarks do). */
  dropCache: () => void;
  close: () => void;
};

/** The one implementation of the contract over one open book. */
export function createService(db: Db, options: ServiceOptions): Service {
  const repos = createRepos(db);
  const now = options.now ?? (() => new Date());
  const cache = createRowCache(db, () => deriveRows(repos.deals.all()));

  /** Every committed change goes through here so the cached rows stay exact. */
  function committed(change: Change): Change {
    cache.apply(change);
    return change;
  }

  /** Run fn as one undo step in one immediate transaction; answer with the rows to refresh. */
  function write(label: string, fn: (w: Writer, touched: Touched, batchId: number) => void): Change {
    const savedAt = now().toISOString();
    return committed(db
      .transaction(() => {
        const batchId = repos.edits.begin(label, savedAt);
        const touched = newTouched();
        fn(createWriter(repos, batchId, touched), touched, batchId);
        if (!repos.edits.discardIfEmpty(batchId)) repos.edits.dropRedo();
        return collectChange(repos, touched, label, savedAt);
      })
      .immediate());
  }

  function currentValues(id: number): DealValues {
    const deal = repos.deals.get(id);
    if (!deal) throw new AppFailure({ code: 'not_found', message: `Deal ${id} does not exist`, details: [{ row: id, message: 'no such deal' }] });
    const { id: _id, ...values } = deal;
    return values;
  }

  /** Parse and validate raw cells over a base; every bad cell becomes a problem naming row and field. */
  function validated(raw: RawValues, base: DealValues | undefined, row: number | undefined, problems: CellProblem[], newIndex?: number): DealValues | null {
    const built = buildDeal(raw, base);
    if (built.ok) return built.deal;
    for (const issue of built.problems) {
      const value = raw[issue.field];
      const where = row !== undefined ? { row } : newIndex !== undefined ? { line: newIndex + 1 } : {};
      problems.push({ ...where, field: issue.field, ...(value !== undefined && value !== null ? { value: String(value) } : {}), message: issue.message });
    }
    return null;
  }

  function rejectIf(problems: CellProblem[], what: string): void {
    if (!problems.length) return;
    const first = problems[0]!;
    const summary = problems.length === 1 ? `${first.field ?? 'value'}: ${first.message}` : `${problems.length} cells are invalid`;
    throw new AppFailure({ code: 'validation', message: `${what} rejected: ${summary}`, details: problems });
  }

  function undoOrRedo(direction: 'undo' | 'redo'): Change {
    const savedAt = now().toISOString();
    return committed(db
      .transaction(() => {
        const batch = direction === 'undo' ? repos.edits.lastDone() : repos.edits.firstUndone();
        if (!batch) throw new AppFailure({ code: direction === 'undo' ? 'nothing_to_undo' : 'nothing_to_redo', message: `Nothing to ${direction}` });
        const touched = newTouched();
        replay(repos, batch.id, direction, touched);
        repos.edits.setState(batch.id, direction === 'undo' ? 'undone' : 'done');
        return collectChange(repos, touched, `${direction === 'undo' ? 'Undo' : 'Redo'} ${batch.label}`, savedAt);
      })
      .immediate());
  }

  const handlers: Handlers = {
    bookInfo: () => {
      const undo = repos.edits.lastDone();
      const redo = repos.edits.firstUndone();
      const name = options.path.split(/[\\/]/).pop() ?? options.path;
      return {
        path: options.path,
        name,
        schemaVersion: schemaVersion(db),
        deals: repos.deals.count(),
        parties: repos.parties.count(),
        canUndo: Boolean(undo),
        canRedo: Boolean(redo),
        undoLabel: undo?.label ?? null,
        redoLabel: redo?.label ?? null,
      };
    },
    // Frozen and shared until the book changes: callers in this process read it, never change it.
    listDeals: (): DealRow[] => cache.current() as DealRow[],
    listParties: () => repos.parties.list(),
    addDeal: ({ values }) => {
      const problems: CellProblem[] = [];
      const deal = validated(values, undefined, undefined, problems);
      rejectIf(problems, 'New deal');
      return write('Add deal', (w) => void w.insertDeal(deal!));
    },
    // Validation reads the row inside the write transaction: a value another process saved meanwhile is
    // the base of this edit, never overwritten with what this process had seen before.
    updateDeal: ({ id, changes }) => {
      const fields = Object.keys(changes);
      return write(fields.length === 1 ? `Edit ${fields[0]}` : `Edit deal ${id}`, (w) => {
        const problems: CellProblem[] = [];
        const deal = validated(changes, currentValues(id), id, problems);
        rejectIf(problems, `Edit of deal ${id}`);
        w.updateDeal(id, deal!);
      });
    },
    updateCells: ({ cells, add = [], label }) => {
      const byDeal = new Map<number, RawValues>();
      for (const cell of cells) byDeal.set(cell.id, { ...byDeal.get(cell.id), [cell.field]: cell.value });
      return write(label ?? `Paste ${cells.length} cells`, (w) => {
        const problems: CellProblem[] = [];
        const next = new Map<number, DealValues>();
        for (const [id, raw] of byDeal) {
          const deal = validated(raw, currentValues(id), id, problems);
          if (deal) next.set(id, deal);
        }
        // A new deal's problems name its place among the new rows (line 1 is the first), as an import names lines.
        const added = add.map((raw, i) => validated(raw, undefined, undefined, problems, i));
        rejectIf(problems, 'Paste');
        for (const [id, deal] of next) w.updateDeal(id, deal);
        for (const deal of added) w.insertDeal(deal!);
      });
    },
    deleteDeals: ({ ids }) =>
      write(ids.length === 1 ? 'Delete deal' : `Delete ${ids.length} deals`, (w) => {
        for (const id of new Set(ids)) w.deleteDeal(id);
      }),
    duplicateDeals: ({ ids }) =>
      write(ids.length === 1 ? 'Duplicate deal' : `Duplicate ${ids.length} deals`, (w) => {
        for (const id of ids) w.insertDeal(currentValues(id));
      }),
    undo: () => undoOrRedo('undo'),
    redo: () => undoOrRedo('redo'),
    renameParty: (input) => write(`Rename ${input.name}`, (w) => renameParty(repos, w, input)),
    mergeParties: (input) => write(`Merge into ${input.into}`, (w) => mergeParties(repos, w, input)),
    setPartyKind: (input) => write(`Set kind of ${input.name}`, (w) => setPartyKind(repos, w, input)),
    aggregates: ({ ids }) => {
      const deals = cache.current();
      if (!ids) return computeAggregates(deals);
      const wanted = new Set(ids);
      return computeAggregates(deals.filter((d) => wanted.has(d.id)));
    },
    importCsv: (input): ImportReport => {
      const report = importBookCsv(repos, input, { now, onProgress: options.onProgress });
      if (report.imported) cache.drop();
      return report;
    },
    exportCsv: ({ ids }) => exportBookCsv(cache.current(), ids),
    getSetting: ({ key }) => repos.settings.get(key),
    setSetting: ({ key, value }) => {
      repos.settings.set(key, value);
      return null;
    },
  };

  return { ...handlers, repos, dropCache: cache.drop, close: () => db.close() };
}
