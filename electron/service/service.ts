import { type Deal, type DealRow, type DealValues } from '../../shared/model/deal';
import type { Caller, Change, Handlers, ImportReport, RawValues } from '../../shared/protocol/contract';
import { buildDeal } from '../../shared/model/fields';
import { deriveRows, roundTripDetail, type AnalysisContext } from '../../shared/analytics/metrics';
import { DATE_ORDERS, type DateOrder, type ParseOptions } from '../../shared/model/parse';
import { isBaseName } from '../../shared/model/scenario';
import { computeAggregates } from '../../shared/analytics/aggregates';
import { AppFailure, type CellProblem } from '../../shared/protocol/result';
import type { Db } from '../db/connection';
import { schemaVersion } from '../db/connection';
import { createRepos, type Repos } from './repos';
import { replay } from './undo';
import { createWriter, newTouched, type Touched, type Writer } from './writer';
import { collectChange, type RowsChange } from './refresh';
import { createRowCache } from './row-cache';
import { createEventLog, type BookEvents } from './events';
import { createStepEvents, THIS_PROGRAM } from './step-events';
import { DATE_ORDER_SETTING, importBookCsv, importLabel } from './csv-service';
import { createExportViews } from './export-view';
import { derivedRows, exportDealsCsv, piecesText, refuseBlobs } from './csv-export';
import { exportBookBytes } from './csv-export-bytes';
import { dealsToCsvChunks } from '../../shared/csv/csv-write';
import { importParties, mergeParties, renameParty, setPartyKind, setPartyParent } from './party-service';
import { deleteScenario, listScenarios, renameScenario, scenarioNamed, setScenario } from './scenario-service';
import { FILE_BOOK_ME, fileHistory, noUsersInFile } from './history-service';

export type ServiceOptions = {
  path: string;
  /** The clock, passed in so tests and history agree on "now". */
  now?: () => Date;
  /** Progress of long operations (imports), for a progress bar or stderr. */
  onProgress?: (done: number, total: number) => void;
};

/** The book as every transport and the CLI see it: the contract's methods, its events, and nothing of its store. */
export type Service = Handlers & {
  /** Every committed step, numbered, pushed to subscribers (windows), kept a while for windows catching up. */
  events: BookEvents;
  /** A consistent copy of the book at `path` (SQLite's online backup), for File > Save a Copy. */
  saveCopy: (path: string) => Promise<void>;
  close: () => void;
};

/** What tests and benchmarks reach behind the public type for: the repositories and the row cache. */
export type ServiceWithInternals = Service & {
  repos: Repos;
  /** Forget the cached rows (after writing to the database behind the service's back, as benchmarks do). */
  dropCache: () => void;
  /**
   * Every deal as CSV under a scenario (default Base), in pieces of whole lines, and how many deals it holds: what
   * exportCsv answers without ids. From the rows held when the book is open in a window; otherwise from the deals
   * read now, without deriving a row object per deal (the rows are not kept: an export alone needs none).
   */
  exportPieces: (scenario?: string) => { pieces: CsvPiece[]; rows: number };
  /** Forget the CSV of a view kept for the next export (benchmarks time the writing of it each run). */
  dropExportViews: () => void;
};

/** A piece of an export: text, or the same text's UTF-8 bytes (the export of deals read now is made as bytes). */
export type CsvPiece = string | Uint8Array;

// How often a watched book looks for other programs' writes (one pragma read when nothing changed).
const WATCH_MS = 100;

/** The one implementation of the contract over one open book. */
export function createService(db: Db, options: ServiceOptions): ServiceWithInternals {
  const repos = createRepos(db);
  const now = options.now ?? (() => new Date());
  let watch: ReturnType<typeof setInterval> | null = null;
  const log = createEventLog({
    // Another program's writes are looked for only while some window listens.
    onWatched: (watched) => {
      if (watch) clearInterval(watch);
      watch = watched ? setInterval(() => cache.check(), WATCH_MS) : null;
      watch?.unref?.();
    },
  });
  const steps = createStepEvents(repos, log, now, () => cache, () => contextOf(undefined));

  /** What the analytics need for a scenario: its parameters and, under roll-up, every party's parent. */
  function contextOf(name: string | undefined): AnalysisContext {
    const scenario = scenarioNamed(repos, name);
    return scenario.roll_up ? { scenario, parties: repos.parties.parents() } : { scenario };
  }

  function dateOrder(): DateOrder | null {
    const v = repos.settings.get(DATE_ORDER_SETTING);
    return (DATE_ORDERS as readonly string[]).includes(v ?? '') ? (v as DateOrder) : null;
  }

  const parseOptions = (): ParseOptions => ({ dateOrder: dateOrder() });

  // The cached rows are derived under Base as the book stores it (Base can be edited).
  const cache = createRowCache(db, () => derivedRows(repos.deals.all(), contextOf(undefined)), () => steps.external());
  // Rows under another scenario: derived from the cached rows, kept until the rows or the scenario change.
  let other: { list: readonly DealRow[]; key: string; rows: readonly DealRow[] } | null = null;
  // The CSV of a window's view, kept for Export CSV (made ahead in idle time, or by the last export of it).
  const views = createExportViews();

  /** Every row with derived columns under the named scenario (default Base). */
  function rowsUnder(name: string | undefined): readonly DealRow[] {
    const base = cache.current();
    if (name === undefined || isBaseName(name)) return base;
    const context = contextOf(name);
    const key = JSON.stringify(context);
    if (other && other.list === base && other.key === key) return other.rows;
    const rows = Object.freeze(deriveRows(base as readonly Deal[], context));
    other = { list: base, key, rows };
    return rows;
  }

  function exportPieces(scenario: string | undefined): { pieces: CsvPiece[]; rows: number } {
    cache.check();
    if (cache.cached()) {
      const rows = rowsUnder(scenario);
      return { pieces: dealsToCsvChunks(rows), rows: rows.length };
    }
    const context = () => contextOf(scenario === undefined || isBaseName(scenario) ? undefined : scenario);
    // The same bytes as below, made from SQLite's JSON bytes in one pass; null for a book holding what that pass
    // does not take (a BLOB, say), which the usual way writes or refuses as it always has.
    const bytes = exportBookBytes(repos, context);
    if (bytes) return bytes;
    const deals = repos.deals.all();
    refuseBlobs(deals);
    return { pieces: exportDealsCsv(deals, context()), rows: deals.length };
  }

  /** Every committed step goes through here: the cached rows stay exact and every window hears of it. */
  function committed(rows: RowsChange, label: string, savedAt: string, touched: Touched, caller: Caller | undefined): Change {
    cache.apply(rows);
    return steps.own(rows, label, savedAt, touched.parties, touched.scenarios, caller);
  }

  /** Run fn as one undo step in one immediate transaction; answer with its event. */
  function write(label: string, caller: Caller | undefined, fn: (w: Writer, touched: Touched, batchId: number) => void): Change {
    // Another program's step before this one is told first, so windows see steps in the order they were made.
    cache.check();
    const savedAt = now().toISOString();
    const touched = newTouched();
    const rows = db
      .transaction(() => {
        const batchId = repos.edits.begin(label, savedAt);
        fn(createWriter(repos, batchId, touched), touched, batchId);
        if (!repos.edits.discardIfEmpty(batchId)) repos.edits.dropRedo();
        return collectChange(repos, touched, contextOf(undefined));
      })
      .immediate();
    return committed(rows, label, savedAt, touched, caller);
  }

  function currentValues(id: number): DealValues {
    const deal = repos.deals.get(id);
    if (!deal) throw new AppFailure({ code: 'not_found', message: `Deal ${id} does not exist`, details: [{ row: id, message: 'no such deal' }] });
    const { id: _id, ...values } = deal;
    return values;
  }

  /** Parse and validate raw cells over a base; every bad cell becomes a problem naming row and field. */
  function validated(raw: RawValues, base: DealValues | undefined, row: number | undefined, problems: CellProblem[], newIndex?: number): DealValues | null {
    const built = buildDeal(raw, base, parseOptions());
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

  function undoOrRedo(direction: 'undo' | 'redo', seen: number | undefined, caller: Caller | undefined): Change {
    cache.check();
    if (seen !== undefined && log.events.head().seq > seen) {
      throw new AppFailure({
        code: 'conflict',
        message: `The book changed meanwhile (another window or program); nothing was ${direction === 'undo' ? 'undone' : 'redone'}. ${direction === 'undo' ? 'Undo' : 'Redo'} now says what it would act on.`,
      });
    }
    const savedAt = now().toISOString();
    const touched = newTouched();
    const { rows, label } = db
      .transaction(() => {
        const batch = direction === 'undo' ? repos.edits.lastDone() : repos.edits.firstUndone();
        if (!batch) throw new AppFailure({ code: direction === 'undo' ? 'nothing_to_undo' : 'nothing_to_redo', message: `Nothing to ${direction}` });
        replay(repos, batch.id, direction, touched);
        repos.edits.setState(batch.id, direction === 'undo' ? 'undone' : 'done');
        return { rows: collectChange(repos, touched, contextOf(undefined)), label: `${direction === 'undo' ? 'Undo' : 'Redo'} ${batch.label}` };
      })
      .immediate();
    return committed(rows, label, savedAt, touched, caller);
  }

  const history = fileHistory(db);

  const handlers: Handlers = {
    bookInfo: (_input, caller) => {
      // A step another program made is told (as an event) before the answer that counts it.
      cache.check();
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
        ...log.events.head(),
        caller: caller?.by ?? THIS_PROGRAM,
        dateOrder: dateOrder(),
      };
    },
    // Frozen and shared until the book changes: callers in this process read it, never change it.
    listDeals: ({ scenario }): DealRow[] => rowsUnder(scenario) as DealRow[],
    listParties: () => repos.parties.list(),
    addDeal: ({ values }, caller) => {
      const problems: CellProblem[] = [];
      const deal = validated(values, undefined, undefined, problems);
      rejectIf(problems, 'New deal');
      let id = 0;
      const change = write('Add deal', caller, (w) => void (id = w.insertDeal(deal!)));
      return { ...change, id };
    },
    // Validation reads the row inside the write transaction: a value another process saved meanwhile is
    // the base of this edit, never overwritten with what this process had seen before.
    updateDeal: ({ id, changes }, caller) => {
      const fields = Object.keys(changes);
      return write(fields.length === 1 ? `Edit ${fields[0]}` : `Edit deal ${id}`, caller, (w) => {
        const problems: CellProblem[] = [];
        const deal = validated(changes, currentValues(id), id, problems);
        rejectIf(problems, `Edit of deal ${id}`);
        w.updateDeal(id, deal!);
      });
    },
    updateCells: ({ cells, add = [], label }, caller) => {
      const byDeal = new Map<number, RawValues>();
      for (const cell of cells) byDeal.set(cell.id, { ...byDeal.get(cell.id), [cell.field]: cell.value });
      return write(label ?? `Paste ${cells.length} cells`, caller, (w) => {
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
    deleteDeals: ({ ids }, caller) =>
      write(ids.length === 1 ? 'Delete deal' : `Delete ${ids.length} deals`, caller, (w) => {
        for (const id of new Set(ids)) w.deleteDeal(id);
      }),
    duplicateDeals: ({ ids }, caller) =>
      write(ids.length === 1 ? 'Duplicate deal' : `Duplicate ${ids.length} deals`, caller, (w) => {
        for (const id of ids) w.insertDeal(currentValues(id));
      }),
    undo: ({ seen }, caller) => undoOrRedo('undo', seen, caller),
    redo: ({ seen }, caller) => undoOrRedo('redo', seen, caller),
    renameParty: (input, caller) => write(`Rename ${input.name}`, caller, (w) => renameParty(repos, w, input)),
    mergeParties: (input, caller) => write(`Merge into ${input.into}`, caller, (w) => mergeParties(repos, w, input)),
    setPartyKind: (input, caller) => write(`Set kind of ${input.name}`, caller, (w) => setPartyKind(repos, w, input)),
    setPartyParent: (input, caller) =>
      write(input.parent ? `Set parent of ${input.name}` : `Clear parent of ${input.name}`, caller, (w) => setPartyParent(repos, w, input)),
    // Filters choose rows, scenarios what counts: `ids` limits the sums, never the pairs' own values.
    aggregates: ({ ids, scenario }) =>
      computeAggregates(cache.current(), { ...contextOf(scenario), ...(ids ? { shown: new Set(ids) } : {}) }),
    roundTripDetail: ({ id, scenario }) => roundTripDetail(cache.current(), id, contextOf(scenario)),
    importParties: ({ rows }, caller) =>
      write(`Import ${rows.length} ${rows.length === 1 ? 'party' : 'parties'}`, caller, (w) => importParties(repos, w, rows)),
    listScenarios: () => listScenarios(repos),
    setScenario: (input, caller) => write(`Set scenario ${input.name}`, caller, (w) => setScenario(repos, w, input)),
    renameScenario: (input, caller) => write(`Rename scenario ${input.name}`, caller, (w) => renameScenario(repos, w, input)),
    deleteScenario: (input, caller) => write(`Delete scenario ${input.name}`, caller, (w) => deleteScenario(repos, w, input)),
    setDateOrder: ({ dateOrder: order }) => {
      repos.settings.set(DATE_ORDER_SETTING, order ?? '');
      return null;
    },
    importCsv: (input, caller): ImportReport => {
      cache.check();
      const report = importBookCsv(repos, input, { now, onProgress: options.onProgress });
      if (report.imported || report.updated) {
        cache.drop();
        // An import is sent as a reload: its rows can be many, and the windows read them once, as they open.
        const label = repos.edits.lastDone()?.label ?? importLabel(report.imported + report.updated);
        steps.own({ changed: [], deleted: [], reload: true }, label, now().toISOString(), true, false, caller);
      }
      return report;
    },
    // A window's view (its ids and columns, or the rows it holds) through the views kept; the CLI's whole book
    // from the deals read now (no rows held) through the byte path.
    exportCsv: ({ ids, columns, scenario }) => {
      cache.check();
      if (ids || columns || cache.cached()) return views.text(rowsUnder(scenario), { ids, columns });
      return piecesText(exportPieces(scenario).pieces);
    },
    prepareExportCsv: ({ ids, columns, scenario }) => views.prepare(rowsUnder(scenario), { ids, columns }),
    getSetting: ({ key }) => repos.settings.get(key),
    setSetting: ({ key, value }) => {
      repos.settings.set(key, value);
      return null;
    },
    eventsSince: ({ stream, after }) => {
      cache.check();
      return log.events.since(stream, after);
    },
    me: () => FILE_BOOK_ME,
    history: (input) => history(input),
    listUsers: noUsersInFile,
    addUser: noUsersInFile,
    setUserRole: noUsersInFile,
    removeUser: noUsersInFile,
  };

  return {
    ...handlers,
    events: log.events,
    saveCopy: async (path) => void (await db.backup(path)),
    close: () => {
      if (watch) clearInterval(watch);
      watch = null;
      db.close();
    },
    repos,
    dropCache: cache.drop,
    exportPieces,
    dropExportViews: views.drop,
  };
}
