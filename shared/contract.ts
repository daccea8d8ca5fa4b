import { z } from 'zod';
import { DEAL_FIELDS, PARTY_KINDS, type DealRow, type Party, type PartyKind } from './deal';
import type { Result } from './result';
import type { Aggregates } from './aggregates';

/** A value for one field, as typed or pasted (string) or already typed (number, null = clear). */
const rawValue = z.union([z.string().max(1_000_000), z.number(), z.null()]);
const fieldName = z.enum(DEAL_FIELDS);
const rawValues = z.partialRecord(fieldName, rawValue);
const dealId = z.number().int().positive();

export type RawValue = z.infer<typeof rawValue>;
export type RawValues = z.infer<typeof rawValues>;

/** What every write returns so the UI can refresh in place: rows whose values or derived values changed, rows gone. */
export type Change = {
  changed: DealRow[];
  deleted: number[];
  /** Too much changed to patch row by row (a large import or its undo): reload the deals. */
  reload: boolean;
  savedAt: string;
  label: string;
};

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
};

export type ImportReport = {
  totalRows: number;
  validRows: number;
  imported: number;
  newParties: string[];
  problems: { line: number; field?: string; value?: string; message: string }[];
  dryRun: boolean;
};

/** The one method map: name, input schema, result type. Transports and the service are built from it. */
export const contract = {
  /** Facts about the open book and the undo stack. */
  bookInfo: { input: z.object({}).strict(), result: null as unknown as BookInfo },
  /** Every deal with its derived columns, ordered by id. */
  listDeals: { input: z.object({}).strict(), result: null as unknown as DealRow[] },
  /** Every party with how many deals name it. */
  listParties: { input: z.object({}).strict(), result: null as unknown as Party[] },
  /** Add one deal; values are raw cells, parsed and validated like any edit. */
  addDeal: { input: z.object({ values: rawValues }).strict(), result: null as unknown as Change },
  /**
   * Change one or more fields of one deal. `base`: the values the window showed for those fields; on a team book a
   * field someone else changed since is refused (who, when, the value now there) instead of overwritten.
   */
  updateDeal: { input: z.object({ id: dealId, changes: rawValues, base: rawValues.optional() }).strict(), result: null as unknown as Change },
  /** Change many cells across many deals at once (a paste): all or nothing, one undo step. */
  updateCells: {
    input: z
      .object({
        // was: the value the window showed in that cell (see updateDeal's base).
        cells: z.array(z.object({ id: dealId, field: fieldName, value: rawValue, was: rawValue.optional() }).strict()).min(1).max(1_000_000),
        label: z.string().max(100).optional(),
      })
      .strict(),
    result: null as unknown as Change,
  },
  /** Delete deals by id, one undo step. */
  deleteDeals: { input: z.object({ ids: z.array(dealId).min(1).max(1_000_000) }).strict(), result: null as unknown as Change },
  /** Copy deals as new rows, one undo step. */
  duplicateDeals: { input: z.object({ ids: z.array(dealId).min(1).max(10_000) }).strict(), result: null as unknown as Change },
  /** Undo the last change (edit, add, delete, paste, import, party rename or merge). */
  undo: { input: z.object({}).strict(), result: null as unknown as Change },
  /** Redo the last undone change. */
  redo: { input: z.object({}).strict(), result: null as unknown as Change },
  /** Rename a party; fails if the new name is another party (merge instead). */
  renameParty: {
    input: z.object({ name: z.string().min(1).max(200), to: z.string().min(1).max(200) }).strict(),
    result: null as unknown as Change,
  },
  /** Merge parties into one: every deal re-pointed, the others removed, one undo step. */
  mergeParties: {
    input: z.object({ names: z.array(z.string().min(1).max(200)).min(1).max(1000), into: z.string().min(1).max(200) }).strict(),
    result: null as unknown as Change,
  },
  /** Set a party's kind. */
  setPartyKind: {
    input: z.object({ name: z.string().min(1).max(200), kind: z.enum(PARTY_KINDS) }).strict(),
    result: null as unknown as Change,
  },
  /** The spec's aggregates over the live deals, optionally restricted to some deal ids. */
  aggregates: {
    input: z.object({ ids: z.array(dealId).max(1_000_000).optional() }).strict(),
    result: null as unknown as Aggregates,
  },
  /** Import CSV text: all or nothing unless skipInvalid; dryRun writes nothing. */
  importCsv: {
    input: z
      .object({ text: z.string().max(512 * 1024 * 1024), skipInvalid: z.boolean().optional(), dryRun: z.boolean().optional() })
      .strict(),
    result: null as unknown as ImportReport,
  },
  /** Export the whole book as CSV text (or only some ids, in that order). */
  exportCsv: { input: z.object({ ids: z.array(dealId).max(1_000_000).optional() }).strict(), result: null as unknown as string },
  /** Read a UI setting stored in the book (column layout and the like). */
  getSetting: { input: z.object({ key: z.string().min(1).max(100) }).strict(), result: null as unknown as string | null },
  /** Store a UI setting in the book; not part of the undo history. */
  setSetting: {
    input: z.object({ key: z.string().min(1).max(100), value: z.string().max(1_000_000) }).strict(),
    result: null as unknown as null,
  },
} as const;

export type Contract = typeof contract;
export type MethodName = keyof Contract;
export type MethodInput<M extends MethodName> = z.infer<Contract[M]['input']>;
export type MethodResult<M extends MethodName> = Contract[M]['result'];

/** The implementation every transport needs: one function per method, no more, no less. */
export type Handlers = { [M in MethodName]: (input: MethodInput<M>) => MethodResult<M> };

/** What the renderer talks to, whichever transport carries it. */
export type Client = { [M in MethodName]: (input: MethodInput<M>) => Promise<Result<MethodResult<M>>> };

export { METHOD_NAMES } from './method-names';

export function isMethodName(name: unknown): name is MethodName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(contract, name);
}

export type { PartyKind };
