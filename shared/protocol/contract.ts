import { z } from 'zod';
import { DEAL_FIELDS, PARTY_KINDS, type DealField, type DealRow, type Party, type PartyKind } from '../model/deal';
import { CSV_ENCODINGS, type CsvEncoding } from '../csv/csv-decode';
import { CSV_COLUMNS } from '../csv/csv-write';
import type { Result } from './result';
import type { Aggregates } from '../analytics/aggregates';
import type { RoundTripDetail } from '../analytics/metrics';
import { DATE_ORDERS, type DateOrder } from '../model/parse';
import { MAX_SCENARIO_NAME, scenarioPatchSchema, type Scenario } from '../model/scenario';
import { historyInputSchema, type HistoryPage } from './history';
import { ROLES, userNameSchema, type AddedUser, type Me, type TeamUser } from './team-users';
import { rawValue, rawValues } from '../model/raw-values';

const fieldName = z.enum(DEAL_FIELDS);
const dealId = z.number().int().positive();
/** A long list of deal ids (a window's view of 100k deals), checked in one loop: zod's per-item check costs ~25 ms there. */
const dealIdList = (max: number) =>
  z.custom<number[]>((v) => Array.isArray(v) && v.length <= max && v.every((id) => Number.isSafeInteger(id) && id > 0), {
    message: `Expected a list of at most ${max.toLocaleString('en-US')} deal ids (whole numbers from 1)`,
  });
const historyInput = z.object({ seen: z.number().int().min(0).optional() }).strict();
/** Which scenario to compute under (v2); default Base. */
const scenarioName = z.string().min(1).max(MAX_SCENARIO_NAME).optional();
/** A view of the book to export: which deals in which order (default every deal by id), which columns, which scenario. */
const exportViewInput = z
  .object({
    ids: dealIdList(1_000_000).optional(),
    columns: z.array(z.enum(CSV_COLUMNS)).max(CSV_COLUMNS.length * 2).optional(),
    scenario: scenarioName,
  })
  .strict();

export type { RawValue, RawValues } from '../model/raw-values';

/**
 * One committed step of the book, as pushed to every window (whoever made it) and answered to the caller that made
 * it. Windows apply events in `seq` order; one missed (a reconnect, a window that opened meanwhile) is asked for
 * again with `eventsSince`. Nothing here is particular to SQLite: any store that numbers its steps can emit it.
 */
export type BookEvent = {
  /** Names the run of `seq` numbers (one per open book service); another stream means start over: reload. */
  stream: string;
  /** 1, 2, 3... within the stream, one per committed step. */
  seq: number;
  /** Rows to refresh, with fresh derived values: every deal between each touched pair of parties. */
  changed: DealRow[];
  deleted: number[];
  /** Too much changed to patch row by row (a large import or its undo): reload the deals. */
  reload: boolean;
  savedAt: string;
  /** What the step was ("Edit amount_usd", "Undo Import 20 deals", "Changed by another program"). */
  label: string;
  /** The undo stack after the step: what Undo and Redo would now act on (null: nothing). */
  undoLabel: string | null;
  redoLabel: string | null;
  /** Whether the parties list (names, kinds, deal counts) may have changed. */
  parties: boolean;
  /** Whether the scenarios may have changed (a scenario set, renamed or deleted, or such a step undone). */
  scenarios: boolean;
  /** Who made it: "window:<id>" or "tab:<id>" for a window of this service, "another program" for anyone else. */
  by: string;
};

/** What every write answers: its own event, so the writer can patch its rows at once. */
export type Change = BookEvent;

/** The events a window missed, or `reset` when they are no longer kept (or the stream is another): reload. */
/** What addDeal answers: its event, and the new deal's id. */
export type AddedDeal = Change & { id: number };

export type MissedEvents = { reset: false; events: BookEvent[] } | { reset: true; stream: string; seq: number };

export type BookInfo = {
  path: string;
  name: string;
  schemaVersion: number;
  deals: number;
  parties: number;
  canUndo: boolean;
  canRedo: boolean;
  undoLabel: string | null;
  redoLabel: string | null;
  /** The event stream and the last event already reflected in this answer: a window applies the ones after it. */
  stream: string;
  seq: number;
  /** How events name this caller's own steps (`by`): a window tells its own steps from others' by it. */
  caller: string;
  /** How numeric dates that both orders allow are read (v2 book setting); null = refused as ambiguous. */
  dateOrder: DateOrder | null;
};

export type ImportProblem = { line: number; field?: string; value?: string; message: string };

/** One cell an import by id changed (or, in a dry run, would change): values as stored. */
export type ImportChange = { line: number; id: number; field: DealField; old: string | number | null; new: string | number | null };

export type ImportReport = {
  totalRows: number;
  validRows: number;
  /** Deals added. */
  imported: number;
  /** Deals an import by id changed (`update`), each only in the cells that differ. */
  updated: number;
  /** Rows of an import by id whose deal already matches the file. */
  unchanged: number;
  /** Every changed cell of an import by id. */
  changes: ImportChange[];
  newParties: string[];
  /** Anything that blocks the import (unless skipInvalid). */
  problems: ImportProblem[];
  /**
   * Things the analyst should know that block nothing: a column read as nothing (each named once), a file read as
   * Windows-1252 that holds UTF-8 text too, a `;` file's number read with the decimal comma that reads both ways.
   */
  warnings: ImportProblem[];
  /** The file's columns as read: header (an excerpt) and the field each fills (`id`, or null when ignored). */
  columns: { header: string; field: DealField | 'id' | null }[];
  /** How the file's bytes were read, when the caller decoded a file (shared/csv/csv-decode). */
  encoding?: CsvEncoding;
  dryRun: boolean;
};

const columnChoice = z.enum([...DEAL_FIELDS, 'id', 'ignore']);

/**
 * The one list of methods: each one's doc comment, input schema (checked at every transport's door), result type and
 * whether it writes to the book. The preload's functions, the renderer's client, the set of read-only methods and
 * the transports' dispatch are all derived from it; the service implements it as `Handlers`.
 */
export const contract = {
  /** Facts about the open book and the undo stack. */
  bookInfo: {
    writes: false,
    input: z.object({}).strict(),
    result: null as unknown as BookInfo,
  },
  /** Every deal with its derived columns under a scenario (default Base), ordered by id. */
  listDeals: {
    writes: false,
    input: z.object({ scenario: scenarioName }).strict(),
    result: null as unknown as DealRow[],
  },
  /** Every party with its parent and how many deals name it. */
  listParties: {
    writes: false,
    input: z.object({}).strict(),
    result: null as unknown as Party[],
  },
  /** Add one deal; values are raw cells, parsed and validated like any edit. */
  addDeal: {
    writes: true,
    input: z.object({ values: rawValues }).strict(),
    result: null as unknown as AddedDeal,
  },
  /**
   * Change one or more fields of one deal. `base`: the values the window showed for those fields; on a team book a
   * field someone else changed since is refused (who, when, the value now there) instead of overwritten.
   */
  updateDeal: {
    writes: true,
    input: z.object({ id: dealId, changes: rawValues, base: rawValues.optional() }).strict(),
    result: null as unknown as Change,
  },
  /**
   * Change many cells across many deals at once (a paste): all or nothing, one undo step. `add` holds new deals
   * (raw cells, like addDeal) from a block pasted on the new-deal row or past the last row.
   */
  updateCells: {
    writes: true,
    input: z
      .object({
        // was: the value the window showed in that cell (see updateDeal's base).
        cells: z.array(z.object({ id: dealId, field: fieldName, value: rawValue, was: rawValue.optional() }).strict()).max(1_000_000),
        add: z.array(rawValues).max(100_000).optional(),
        label: z.string().max(100).optional(),
      })
      .strict()
      .refine((v) => v.cells.length + (v.add?.length ?? 0) > 0, { message: 'nothing to paste: no cells and no new deals' }),
    result: null as unknown as Change,
  },
  /**
   * Delete deals by id, one undo step. `shown[i]`: what the window showed of deal `ids[i]` (shared/model's
   * dealFingerprint; null: not known); on a team book a deal someone changed since is refused (which deal, who,
   * when) instead of deleted, and then none of them is.
   */
  deleteDeals: {
    writes: true,
    input: z
      .object({ ids: z.array(dealId).min(1).max(1_000_000), shown: z.array(z.string().max(16).nullable()).max(1_000_000).optional() })
      .strict()
      .refine((v) => v.shown === undefined || v.shown.length === v.ids.length, { message: 'shown must hold one entry per id' }),
    result: null as unknown as Change,
  },
  /** Copy deals as new rows, one undo step. */
  duplicateDeals: {
    writes: true,
    input: z.object({ ids: z.array(dealId).min(1).max(10_000) }).strict(),
    result: null as unknown as Change,
  },
  /**
   * Undo the last change (edit, add, delete, paste, import, party rename or merge). With `seen` (the last event the
   * window has applied), refused as a conflict when the book has moved on since: Undo acts on what was shown.
   */
  undo: {
    writes: true,
    input: historyInput,
    result: null as unknown as Change,
  },
  /** Redo the last undone change; `seen` as for undo. */
  redo: {
    writes: true,
    input: historyInput,
    result: null as unknown as Change,
  },
  /** Rename a party; fails if the new name is another party (merge instead). */
  renameParty: {
    writes: true,
    input: z.object({ name: z.string().min(1).max(200), to: z.string().min(1).max(200) }).strict(),
    result: null as unknown as Change,
  },
  /** Merge parties into one: every deal re-pointed, the others removed, one undo step. */
  mergeParties: {
    writes: true,
    input: z.object({ names: z.array(z.string().min(1).max(200)).min(1).max(1000), into: z.string().min(1).max(200) }).strict(),
    result: null as unknown as Change,
  },
  /** Set a party's kind. */
  setPartyKind: {
    writes: true,
    input: z.object({ name: z.string().min(1).max(200), kind: z.enum(PARTY_KINDS) }).strict(),
    result: null as unknown as Change,
  },
  /**
   * The spec's aggregates under a scenario (default Base). With `ids` (the rows shown), sums of amounts run over
   * those rows only, while pair-level values (round trips, returned, paid back) still come from every counted row.
   */
  aggregates: {
    writes: false,
    input: z.object({ ids: z.array(dealId).max(1_000_000).optional(), scenario: scenarioName }).strict(),
    result: null as unknown as Aggregates,
  },
  /** The round trip a deal takes part in, with its basis and the deals whose amounts or splits are missing (a tooltip). */
  roundTripDetail: {
    writes: false,
    input: z.object({ id: dealId, scenario: scenarioName }).strict(),
    result: null as unknown as RoundTripDetail | null,
  },
  /** Set or clear a party's parent (AWS -> Amazon); loops and self-parents are refused. One undo step. */
  setPartyParent: {
    writes: true,
    input: z.object({ name: z.string().min(1).max(200), parent: z.string().max(200).nullable() }).strict(),
    result: null as unknown as Change,
  },
  /**
   * Set kind and parent of many parties from a `name,kind,parent` list (creating missing parties, parents too):
   * all or nothing, one undo step. An empty kind keeps the party's; a null parent clears it; no parent key keeps it.
   */
  importParties: {
    writes: true,
    input: z
      .object({
        rows: z
          .array(
            z.object({
              line: z.number().int().min(0).optional(),
              name: z.string().max(1000),
              kind: z.string().max(100).optional(),
              parent: z.string().max(1000).nullable().optional(),
            }).strict(),
          )
          .max(100_000),
      })
      .strict(),
    result: null as unknown as Change,
  },
  /** Every scenario of the book, Base first. */
  listScenarios: {
    writes: false,
    input: z.object({}).strict(),
    result: null as unknown as Scenario[],
  },
  /** Create or update a scenario (unset parameters keep their value, or Base's for a new one). One undo step. */
  setScenario: {
    writes: true,
    input: scenarioPatchSchema,
    result: null as unknown as Change,
  },
  /** Rename a scenario (not Base). One undo step. */
  renameScenario: {
    writes: true,
    input: z.object({ name: z.string().min(1).max(MAX_SCENARIO_NAME), to: z.string().min(1).max(MAX_SCENARIO_NAME) }).strict(),
    result: null as unknown as Change,
  },
  /** Delete a scenario (not Base). One undo step. */
  deleteScenario: {
    writes: true,
    input: z.object({ name: z.string().min(1).max(MAX_SCENARIO_NAME) }).strict(),
    result: null as unknown as Change,
  },
  /** The book's date order for numeric dates both orders allow (3/4/2025); null refuses them. Not an undo step. */
  setDateOrder: {
    writes: true,
    input: z.object({ dateOrder: z.enum(DATE_ORDERS).nullable() }).strict(),
    result: null as unknown as null,
  },
  /** Import CSV text: all or nothing unless skipInvalid; dryRun writes nothing; one undo step. */
  importCsv: {
    writes: true,
    input: z
      .object({
        text: z.string().max(512 * 1024 * 1024),
        skipInvalid: z.boolean().optional(),
        dryRun: z.boolean().optional(),
        /** Rows whose `id` names a deal update it (only the cells that differ); rows without an id are added. */
        update: z.boolean().optional(),
        /** Which field a column holds, by header as written (`id` is the deal id an update reads; `ignore` reads it as nothing). */
        map: z.record(z.string().max(200), columnChoice).refine((m) => Object.keys(m).length <= 1000, 'at most 1000 columns').optional(),
        /** Decides numeric dates both orders allow; default the book's date order setting. */
        dateOrder: z.enum(DATE_ORDERS).optional(),
        /** How the caller decoded the file, echoed in the report. */
        encoding: z.enum(CSV_ENCODINGS).optional(),
      })
      .strict(),
    result: null as unknown as ImportReport,
  },
  /**
   * Export the whole book as CSV text (or only some ids, in that order), derived columns under a scenario (default
   * Base); `columns` (export column names, in order, each a CSV_COLUMNS name) writes only those, as a window's view.
   */
  exportCsv: {
    writes: false,
    input: exportViewInput,
    result: null as unknown as string,
  },
  /**
   * Make a window's view as CSV ahead (exportCsv's input), one short step per call, so its Export CSV finds it made;
   * true once all of it is made (a team book keeps nothing: true at once). Reads only; changes nothing.
   */
  prepareExportCsv: {
    writes: false,
    input: exportViewInput,
    result: null as unknown as boolean,
  },
  /** Read a UI setting stored in the book (column layout and the like). */
  getSetting: {
    writes: false,
    input: z.object({ key: z.string().min(1).max(100) }).strict(),
    result: null as unknown as string | null,
  },
  /** Store a UI setting in the book; not part of the undo history, so it makes no event. */
  setSetting: {
    writes: true,
    input: z.object({ key: z.string().min(1).max(100), value: z.string().max(1_000_000) }).strict(),
    result: null as unknown as null,
  },
  /** The events after `after` in `stream` (a window catching up), or a reset when they are no longer kept. */
  eventsSince: {
    writes: false,
    input: z.object({ stream: z.string().max(100), after: z.number().int().min(0) }).strict(),
    result: null as unknown as MissedEvents,
  },
  /** Who this window works as and their role (a file book: its one analyst, `you`, who may do everything). */
  me: {
    writes: false,
    input: z.object({}).strict(),
    result: null as unknown as Me,
  },
  /** The book's steps, newest first, each with who, when and what it changed; by user and/or deal, a page at a time. */
  history: {
    writes: false,
    input: historyInputSchema,
    result: null as unknown as HistoryPage,
  },
  /** The users of a team book and their roles (owners only). */
  listUsers: {
    writes: false,
    owner: true,
    input: z.object({}).strict(),
    result: null as unknown as TeamUser[],
  },
  /** Add a user with a role and a generated one-time password, answered once (owners only). */
  addUser: {
    writes: true,
    owner: true,
    input: z.object({ name: userNameSchema, role: z.enum(ROLES) }).strict(),
    result: null as unknown as AddedUser,
  },
  /** Change a user's role; the book's last owner stays one (owners only). */
  setUserRole: {
    writes: true,
    owner: true,
    input: z.object({ name: userNameSchema, role: z.enum(ROLES) }).strict(),
    result: null as unknown as TeamUser,
  },
  /** Remove a user and end their sessions; the book's last owner stays (owners only). */
  removeUser: {
    writes: true,
    owner: true,
    input: z.object({ name: userNameSchema }).strict(),
    result: null as unknown as null,
  },
} as const satisfies Record<string, { writes: boolean; owner?: true; input: z.ZodType; result: unknown }>;

export type Contract = typeof contract;
export type MethodName = keyof Contract;
export type MethodInput<M extends MethodName> = z.infer<Contract[M]['input']>;
export type MethodResult<M extends MethodName> = Contract[M]['result'];

/** The implementation every transport needs: one function per method, no more, no less. */
export type Handlers = { [M in MethodName]: (input: MethodInput<M>, caller?: Caller) => MethodResult<M> };

/** Who is calling, as the transport knows it ("window:3", "tab:..."); stamped on the events of its writes. */
export type Caller = { by: string };

/** What the renderer talks to, whichever transport carries it. */
export type Client = { [M in MethodName]: (input: MethodInput<M>) => Promise<Result<MethodResult<M>>> };

export const METHOD_NAMES = Object.keys(contract) as MethodName[];

/** Methods that never change the book (answered from any window, never a step of history). */
export const READ_ONLY_METHODS: ReadonlySet<MethodName> = new Set(METHOD_NAMES.filter((m) => !contract[m].writes));

/** Methods only a team book's owners may call (managing users); the server refuses them to anyone else. */
export const OWNER_METHODS: ReadonlySet<MethodName> = new Set(METHOD_NAMES.filter((m) => 'owner' in contract[m]));

export function isMethodName(name: unknown): name is MethodName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(contract, name);
}

export type { PartyKind };
