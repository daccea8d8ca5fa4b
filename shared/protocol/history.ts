import { z } from 'zod';

/** A value as the history shows it: what the book stored (money in dollars, dates as ISO text). */
export type HistoryValue = string | number | boolean | null;

/**
 * One thing a step did: a cell edited (`edit`), a deal added or deleted, a range of deals imported, a party added,
 * changed or removed, a scenario added, changed or deleted.
 */
export type HistoryCell = {
  what: 'edit' | 'add' | 'delete' | 'import' | 'party' | 'scenario';
  /** The deal (an edit, add or delete; an import: its first deal). */
  deal: number | null;
  /** The party or scenario by name, where the step was about one. */
  name: string | null;
  /** The field edited (`amount_usd`, `from_party`, a party's `kind`), or null. */
  field: string | null;
  old: HistoryValue;
  new: HistoryValue;
};

/** One step of the book's history: who, when, what. */
export type HistoryStep = {
  id: number;
  /** Who made it (a team book's user name; a file book's one analyst is `you`). */
  user: string;
  at: string;
  label: string;
  /** `done`, `undone` (Undo took it back), or `dropped` (undone, then another step made it unreachable to Redo). */
  state: 'done' | 'undone' | 'dropped';
  /** What it changed, the first CELLS_PER_STEP of `cellCount`. */
  cells: HistoryCell[];
  cellCount: number;
  /** The deals it touched, the first DEALS_PER_STEP of `dealCount`. */
  deals: number[];
  dealCount: number;
};

/** One page of history, newest first; `more`: older steps match too (ask again with `before` = the last id). */
export type HistoryPage = { steps: HistoryStep[]; more: boolean; users: string[] };

export const CELLS_PER_STEP = 20;
export const DEALS_PER_STEP = 50;
export const HISTORY_PAGE = 50;
/** Who a file book's steps are: a book file has one analyst at a time and records no name. */
export const FILE_BOOK_USER = 'you';

export const historyInputSchema = z
  .object({
    /** Only this user's steps. */
    user: z.string().min(1).max(64).optional(),
    /** Only steps that touched this deal. */
    deal: z.number().int().positive().optional(),
    /** Steps older than this one (the page before); default the newest. */
    before: z.number().int().positive().optional(),
    limit: z.number().int().min(1).max(200).optional(),
  })
  .strict();

export type HistoryInput = z.infer<typeof historyInputSchema>;

/** An edit as both stores log it (electron/db/edits-repo's Edit), values as JSON text. */
export type LoggedEdit = {
  op: string;
  deal_id: number | null;
  party_id: number | null;
  field: string | null;
  old_value: string | null;
  new_value: string | null;
};

function parsed(json: string | null): unknown {
  if (json === null) return null;
  try {
    return JSON.parse(json);
  } catch {
    return json;
  }
}

const plain = (v: unknown): HistoryValue => (v === null || v === undefined ? null : typeof v === 'object' ? JSON.stringify(v) : (v as HistoryValue));

/**
 * A logged edit as the history shows it. Party ids become names (`partyName`): a deal's from/to edits read
 * `from_party: Alpha -> Beta`, not ids.
 */
export function historyCell(edit: LoggedEdit, partyName: (id: number) => string | null): HistoryCell {
  const old = parsed(edit.old_value);
  const next = parsed(edit.new_value);
  const named = (v: unknown) => (typeof v === 'number' ? (partyName(v) ?? `party ${v}`) : plain(v));
  const base = { deal: edit.deal_id, name: null, field: null, old: null, new: null } satisfies Omit<HistoryCell, 'what'>;
  switch (edit.op) {
    case 'update': {
      const party = edit.field === 'from_party_id' || edit.field === 'to_party_id';
      return { ...base, what: 'edit', field: party ? edit.field!.replace(/_id$/, '') : edit.field, old: party ? named(old) : plain(old), new: party ? named(next) : plain(next) };
    }
    case 'insert':
      return { ...base, what: 'add' };
    case 'delete':
      return { ...base, what: 'delete' };
    case 'insert_range':
      return { ...base, what: 'import', deal: Number(old), old: Number(old), new: Number(next) };
    case 'party_insert':
    case 'party_delete': {
      const row = (edit.op === 'party_insert' ? next : old) as { name?: string } | null;
      const name = row?.name ?? (edit.party_id !== null ? partyName(edit.party_id) : null);
      return { ...base, deal: null, what: 'party', name, field: edit.op === 'party_insert' ? 'added' : 'removed' };
    }
    case 'party_update': {
      const name = edit.party_id !== null ? partyName(edit.party_id) : null;
      if (edit.field === 'parent_id') return { ...base, deal: null, what: 'party', name, field: 'parent', old: named(old), new: named(next) };
      return { ...base, deal: null, what: 'party', name, field: edit.field, old: plain(old), new: plain(next) };
    }
    default: {
      const row = (next ?? old) as { name?: string } | null;
      const field = edit.op === 'scenario_insert' ? 'added' : edit.op === 'scenario_delete' ? 'deleted' : 'changed';
      return { ...base, deal: null, what: 'scenario', name: row?.name ?? null, field };
    }
  }
}

/**
 * One line for a cell of history, as the History panel lists it. `fieldName` names a deal's field (the window gives
 * its column header; the CLI keeps the key).
 */
export function describeHistoryCell(
  c: HistoryCell,
  show: (field: string, v: HistoryValue) => string = (_f, v) => (v === null ? '(empty)' : String(v)),
  fieldName: (field: string) => string = (f) => f,
): string {
  switch (c.what) {
    case 'edit':
      return `deal ${c.deal}, ${fieldName(c.field ?? '')}: ${show(c.field ?? '', c.old)} -> ${show(c.field ?? '', c.new)}`;
    case 'add':
      return `added deal ${c.deal}`;
    case 'delete':
      return `deleted deal ${c.deal}`;
    case 'import':
      return c.old === c.new ? `imported deal ${c.old}` : `imported deals ${c.old}-${c.new}`;
    case 'party':
      if (c.field === 'added' || c.field === 'removed') return `party ${c.name ?? '?'} ${c.field}`;
      return `party ${c.name ?? '?'}, ${c.field}: ${show('', c.old)} -> ${show('', c.new)}`;
    case 'scenario':
      return `scenario ${c.name ?? '?'} ${c.field}`;
  }
}

/** A batch row as both stores read it for the history. */
export type HistoryBatch = { id: number; at: string; label: string; state: HistoryStep['state']; user: string };

/**
 * A step from what a store read of it: its batch, its first edits, how many edits it has, the distinct deals its
 * edits name (the first DEALS_PER_STEP and their count) and the id ranges it imported.
 */
export function historyStep(
  batch: HistoryBatch,
  edits: { first: LoggedEdit[]; count: number },
  deals: { first: number[]; count: number; ranges: [number, number][] },
  partyName: (id: number) => string | null,
): HistoryStep {
  const ids = new Set(deals.first);
  let count = deals.count;
  for (const [first, last] of deals.ranges) {
    count += last - first + 1;
    for (let id = first; id <= last && ids.size < DEALS_PER_STEP; id++) ids.add(id);
  }
  return {
    ...batch,
    cells: edits.first.slice(0, CELLS_PER_STEP).map((e) => historyCell(e, partyName)),
    cellCount: edits.count,
    deals: [...ids].sort((a, b) => a - b).slice(0, DEALS_PER_STEP),
    dealCount: count,
  };
}
