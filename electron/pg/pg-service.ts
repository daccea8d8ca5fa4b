import type { Deal, DealRow, DealValues } from '../../shared/model/deal';
import type { AddedDeal, BookEvent, Caller, Change, ImportReport, RawValues } from '../../shared/protocol/contract';
import { buildDeal } from '../../shared/model/fields';
import { deriveRows } from '../../shared/analytics/metrics';
import { computeAggregates } from '../../shared/analytics/aggregates';
import { AppFailure, type CellProblem } from '../../shared/protocol/result';
import { DATE_ORDER_SETTING, exportBookCsv } from '../service/csv-service';
import { roundTripDetail } from '../../shared/analytics/metrics';
import { listPgScenarios, pgContextOf } from './pg-context';
import { DATE_ORDERS, type DateOrder } from '../../shared/csv/csv-cells';
import type { ParseOptions } from '../../shared/model/parse';
import { newTouched, type Touched } from '../service/writer';
import { createEventLog, type BookEvents, type NewEvent } from '../service/events';
import type { RowsChange } from '../service/refresh';
import type { StoredDeal } from '../db/deals-repo';
import type { Store, StoreHandlers } from '../service/store';
import type { OpenedPgBook } from './connection';
import type { PgRepos, StepBatch } from './pg-repos';
import { inTransaction, type TxMode } from './pg-tx';
import { collectPgChange, createPgWriter, noDeal, type PgWriter } from './pg-writer';
import { assertNoMoveSince, assertNobodyElseSince, replayPg } from './pg-undo';
import { importPgParties, mergePgParties, renamePgParty, setPgPartyKind, setPgPartyParent } from './pg-party';
import { deletePgScenario, renamePgScenario, setPgScenario } from './pg-scenario';
import { importPgCsv } from './pg-import';
import { conflictsOf, refuseConflicts, refuseStaleDeletes, staleDeletes } from './pg-conflicts';
import { authorOf, createUndoLabels, type UndoLabels } from './undo-labels';
import { pgHistory } from './pg-history';
import { pgUsers } from './pg-users';

export type PgServiceOptions = {
  now?: () => Date;
  onProgress?: (done: number, total: number) => void;
  /** Told of each step this process committed, after its event (live.ts tells the book's other servers). */
  onCommit?: (event: BookEvent) => void;
};

export type PgStore = Store & {
  version: number;
  /** Number and push a step another server of the book committed (live.ts). */
  emit: (event: NewEvent) => BookEvent;
  /** This process's events as one user's windows see them: Undo and Redo labels are each user's own. */
  eventsFor: (user: string) => Promise<BookEvents>;
  labels: UndoLabels;
};

/** The contract over a team book: the file book's rules and numbers (shared/), PostgreSQL's storage. */
export function createPgStore(opened: OpenedPgBook, options: PgServiceOptions = {}): PgStore {
  const { pool, book } = opened;
  const now = options.now ?? (() => new Date());
  const read = <T>(fn: (repos: PgRepos) => Promise<T>) => inTransaction(pool, book.schema, false, fn);
  const log = createEventLog();
  const labels = createUndoLabels(read);
  const users = pgUsers(pool, now);

  /** A step of this process: numbered, pushed to its windows, then told to the others. */
  function committed(rows: RowsChange, label: string, savedAt: string, touched: Pick<Touched, 'parties' | 'scenarios'>, by: string, stack: { undoLabel: string | null; redoLabel: string | null }): Change {
    labels.remember(authorOf(by), stack);
    const event = log.emit({ ...rows, savedAt, label, ...stack, parties: touched.parties, scenarios: touched.scenarios, by });
    options.onCommit?.(event);
    return event;
  }

  function handlersFor(user: string): StoreHandlers {
    const by = (caller: Caller | undefined) => (caller ? `${user} in ${caller.by}` : user);

    async function write(label: string, caller: Caller | undefined, fn: (w: PgWriter, repos: PgRepos, touched: Touched) => Promise<void>, mode: TxMode = 'write'): Promise<Change> {
      const savedAt = now().toISOString();
      const touched = newTouched();
      const { rows, stack } = await inTransaction(pool, book.schema, mode, async (repos, tx) => {
        // The batch is inserted with the step's first edits (no edits, no batch: undo never lands on a no-op).
        const batch: StepBatch = { id: null, label, at: savedAt, user };
        await fn(createPgWriter(repos, batch, touched), repos, touched);
        // A step that changed something is now the user's last done step, and their redo stack is gone.
        const stack = batch.sent ? { undoLabel: label, redoLabel: null } : await labels.read(repos, user);
        // The step's writes, its rows read back and its commit: one round trip (pg-tx.ts).
        const rows = collectPgChange(repos, touched);
        rows.catch(() => {}); // a failure of it is the commit's (tx.commit throws it)
        await tx.commit();
        return { rows: await rows, stack };
      });
      return committed(rows, label, savedAt, touched, by(caller), stack);
    }

    async function undoOrRedo(direction: 'undo' | 'redo', caller: Caller | undefined): Promise<Change> {
      const savedAt = now().toISOString();
      const touched = newTouched();
      const { rows, stack, label } = await inTransaction(pool, book.schema, 'exclusive', async (repos) => {
        const batch = direction === 'undo' ? await repos.edits.lastDone(user) : await repos.edits.firstUndone(user);
        if (!batch) throw new AppFailure({ code: direction === 'undo' ? 'nothing_to_undo' : 'nothing_to_redo', message: `Nothing to ${direction}` });
        const edits = await repos.edits.editsOf(batch.id);
        await assertNobodyElseSince(repos, edits, user, direction);
        if (direction === 'redo') await assertNoMoveSince(repos, batch, user);
        await replayPg(repos, edits, direction, touched);
        await repos.edits.move(batch.id, direction === 'undo' ? 'undone' : 'done', savedAt);
        return { rows: await collectPgChange(repos, touched), stack: await labels.read(repos, user), label: `${direction === 'undo' ? 'Undo' : 'Redo'} ${batch.label}` };
      });
      return committed(rows, label, savedAt, touched, by(caller), stack);
    }

    /** The deal as it is now, its row locked to the end of the write (stored: the row as the writer needs it). */
    async function lockedDeal(repos: PgRepos, id: number): Promise<Deal & { stored: StoredDeal }> {
      const found = await repos.deals.lockedNamed(id);
      if (!found) throw noDeal(id);
      return { ...found.deal, stored: found.stored };
    }

    return {
      bookInfo: (_input, caller) =>
        read(async (repos) => {
          const head = log.events.head();
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
            dateOrder: dateOrderOf(await repos.settings.get(DATE_ORDER_SETTING)),
            ...head,
            caller: by(caller),
          };
        }),
      listDeals: ({ scenario }) => read(async (repos): Promise<DealRow[]> => deriveRows(await repos.deals.all(), await pgContextOf(repos, scenario))),
      listParties: () => read((repos) => repos.parties.list()),
      addDeal: async ({ values }, caller): Promise<AddedDeal> => {
        const problems: CellProblem[] = [];
        const deal = validated(values, undefined, undefined, problems, undefined, await read(parseOptionsOf));
        rejectIf(problems, 'New deal');
        let id = 0;
        const change = await write('Add deal', caller, async (w) => void (id = await w.insertDeal(deal!)));
        return { ...change, id };
      },
      updateDeal: ({ id, changes, base }, caller) => {
        const fields = Object.keys(changes);
        return write(fields.length === 1 ? `Edit ${fields[0]}` : `Edit deal ${id}`, caller, async (w, repos) => {
          const problems: CellProblem[] = [];
          const current = await lockedDeal(repos, id);
          refuseConflicts(await conflictsOf(repos, current, base, user));
          const deal = validated(changes, withoutId(current), id, problems, undefined, await parseOptionsOf(repos));
          rejectIf(problems, `Edit of deal ${id}`);
          await w.updateDeal(id, deal!, current.stored, current);
        });
      },
      updateCells: ({ cells, add = [], label }, caller) => {
        const byDeal = new Map<number, RawValues>();
        const shown = new Map<number, RawValues>();
        for (const cell of cells) {
          byDeal.set(cell.id, { ...byDeal.get(cell.id), [cell.field]: cell.value });
          if (cell.was !== undefined) shown.set(cell.id, { ...shown.get(cell.id), [cell.field]: cell.was });
        }
        return write(label ?? `Paste ${cells.length} cells`, caller, async (w, repos) => {
          const problems: CellProblem[] = [];
          const conflicts: CellProblem[] = [];
          const next = new Map<number, { deal: DealValues; current: Deal & { stored: StoredDeal } }>();
          const options = await parseOptionsOf(repos);
          // In id order: two pastes over the same deals lock them in one order, never each waiting on the other.
          for (const [id, raw] of [...byDeal].sort((x, y) => x[0] - y[0])) {
            const current = await lockedDeal(repos, id);
            conflicts.push(...(await conflictsOf(repos, current, shown.get(id), user)));
            const deal = validated(raw, withoutId(current), id, problems, undefined, options);
            if (deal) next.set(id, { deal, current });
          }
          // A new deal's problems name its place among the new rows (line 1 is the first), as an import names lines.
          const added = add.map((raw, i) => validated(raw, undefined, undefined, problems, i, options));
          refuseConflicts(conflicts);
          rejectIf(problems, 'Paste');
          for (const [id, { deal, current }] of next) await w.updateDeal(id, deal, current.stored, current);
          for (const deal of added) await w.insertDeal(deal!);
        });
      },
      deleteDeals: ({ ids, shown }, caller) =>
        write(ids.length === 1 ? 'Delete deal' : `Delete ${ids.length} deals`, caller, async (w, repos) => {
          if (shown) refuseStaleDeletes(await staleDeletes(repos, ids, shown, user));
          for (const id of [...new Set(ids)].sort((a, b) => a - b)) await w.deleteDeal(id);
        }),
      duplicateDeals: ({ ids }, caller) =>
        write(ids.length === 1 ? 'Duplicate deal' : `Duplicate ${ids.length} deals`, caller, async (w, repos) => {
          for (const id of ids) await w.insertDeal(withoutId(await lockedDeal(repos, id)));
        }),
      undo: (_input, caller) => undoOrRedo('undo', caller),
      redo: (_input, caller) => undoOrRedo('redo', caller),
      renameParty: (input, caller) => write(`Rename ${input.name}`, caller, (w, repos) => renamePgParty(repos, w, input), 'exclusive'),
      mergeParties: (input, caller) => write(`Merge into ${input.into}`, caller, (w, repos) => mergePgParties(repos, w, input), 'exclusive'),
      setPartyKind: (input, caller) => write(`Set kind of ${input.name}`, caller, (w, repos) => setPgPartyKind(repos, w, input), 'exclusive'),
      // Filters choose rows, scenarios what counts: `ids` limits the sums, never the pairs' own values.
      aggregates: ({ ids, scenario }) =>
        read(async (repos) => computeAggregates(await repos.deals.all(), { ...(await pgContextOf(repos, scenario)), ...(ids ? { shown: new Set(ids) } : {}) })),
      roundTripDetail: ({ id, scenario }) => read(async (repos) => roundTripDetail(await repos.deals.all(), id, await pgContextOf(repos, scenario))),
      listScenarios: () => read(listPgScenarios),
      // Party and scenario edits take the book to themselves, as renames and merges do (they read and change many rows).
      setPartyParent: (input, caller) =>
        write(input.parent ? `Set parent of ${input.name}` : `Clear parent of ${input.name}`, caller, (w, repos) => setPgPartyParent(repos, w, input), 'exclusive'),
      importParties: ({ rows }, caller) =>
        write(`Import ${rows.length} ${rows.length === 1 ? 'party' : 'parties'}`, caller, (w, repos) => importPgParties(repos, w, rows), 'exclusive'),
      setScenario: (input, caller) => write(`Set scenario ${input.name}`, caller, (w, repos) => setPgScenario(repos, w, input), 'exclusive'),
      renameScenario: (input, caller) => write(`Rename scenario ${input.name}`, caller, (w, repos) => renamePgScenario(repos, w, input), 'exclusive'),
      deleteScenario: (input, caller) => write(`Delete scenario ${input.name}`, caller, (w, repos) => deletePgScenario(repos, w, input), 'exclusive'),
      setDateOrder: async ({ dateOrder }) => {
        await inTransaction(pool, book.schema, true, (repos) => repos.settings.set(DATE_ORDER_SETTING, dateOrder ?? ''));
        return null;
      },
      importCsv: async (input, caller): Promise<ImportReport> => {
        const { touched, label, ...report } = await importPgCsv(pool, book.schema, user, input, { now, onProgress: options.onProgress });
        if (touched) {
          const { rows, stack } = await read(async (repos) => ({ rows: await collectPgChange(repos, touched), stack: await labels.read(repos, user) }));
          committed(rows, label, now().toISOString(), { parties: true, scenarios: false }, by(caller), stack);
        }
        return report;
      },
      // Nothing is kept between calls: each export reads the book as it is now.
      prepareExportCsv: async () => true,
      exportCsv: ({ ids, columns, scenario }) =>
        read(async (repos) => exportBookCsv(deriveRows(await repos.deals.all(), await pgContextOf(repos, scenario)), ids, columns)),
      // A window's settings (its columns, its scenario, the charts pane) are each analyst's own: one analyst choosing
      // a scenario or hiding a column must not change what the others open on. Unset: the book's shared value.
      getSetting: ({ key }) =>
        read(async (repos) => (key === DATE_ORDER_SETTING ? null : await repos.settings.get(personalKey(user, key))) ?? repos.settings.get(key)),
      setSetting: async ({ key, value }) => {
        await inTransaction(pool, book.schema, true, (repos) => repos.settings.set(key === DATE_ORDER_SETTING ? key : personalKey(user, key), value));
        return null;
      },
      eventsSince: ({ stream, after }) => labels.forUser(user, log.events).since(stream, after),
      me: () => users.me(user),
      history: (input) => pgHistory(pool, input),
      listUsers: () => users.list(),
      addUser: ({ name, role }) => users.add(name, role),
      setUserRole: ({ name, role }) => users.setRole(name, role),
      removeUser: ({ name }) => users.remove(name),
    };
  }

  let closed: Promise<void> | null = null;
  return {
    kind: 'team',
    where: book.display,
    version: opened.version,
    handlersFor,
    events: log.events,
    emit: (event) => {
      labels.remember(authorOf(event.by), event);
      return log.emit(event);
    },
    eventsFor: async (user) => {
      await labels.load(user);
      return labels.forUser(user, log.events);
    },
    labels,
    close: () => (closed ??= pool.end()),
  };
}

/** Where a user's own value of a setting is kept (user names hold no ":"; a key may). */
const personalKey = (user: string, key: string) => `user:${user}:${key}`;

function dateOrderOf(stored: string | null): DateOrder | null {
  return (DATE_ORDERS as readonly string[]).includes(stored ?? '') ? (stored as DateOrder) : null;
}

function withoutId(deal: Deal & { stored?: StoredDeal }): DealValues {
  const { id: _id, stored: _stored, ...values } = deal;
  return values;
}

/** How typed cells are parsed: with the book's date order (3/4/2025), as a book file does. */
async function parseOptionsOf(repos: PgRepos): Promise<ParseOptions> {
  return { dateOrder: dateOrderOf(await repos.settings.get(DATE_ORDER_SETTING)) };
}

/** Parse and validate raw cells over a base; every bad cell becomes a problem naming row and field. */
function validated(
  raw: RawValues, base: DealValues | undefined, row: number | undefined, problems: CellProblem[], newIndex?: number, options: ParseOptions = {},
): DealValues | null {
  const built = buildDeal(raw, base, options);
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
