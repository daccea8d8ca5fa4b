import type { EditEntry, PgRepos, Query } from '../pg/pg-repos';
import { formatForMessage } from '../pg/pg-format';
import type { IdLimits, IdMap } from './origin';

/** What the no-lost-update rule compares against: the team book at the pull, and the steps this copy sent. */
export type PushBase = { pulledBatch: number; pulledMove: number; ours: number[]; limits: IdLimits };

/** One offline step being applied: its server step (made with its first change) and what it added. */
export type StepContext = {
  q: Query;
  repos: PgRepos;
  base: PushBase;
  idMap: IdMap;
  stepMap: IdMap;
  /** The server step's batch, made with the step's first applied change. */
  log: (entry: EditEntry) => Promise<void>;
  offlineParty: (id: number) => string | null;
};

/** What one offline change came to: applied, listed as a conflict, or nothing to do. */
export type ChangeOutcome = { applied: number; conflicts: string[] };

export const APPLIED: ChangeOutcome = { applied: 1, conflicts: [] };
export const NOTHING: ChangeOutcome = { applied: 0, conflicts: [] };
export const conflict = (line: string): ChangeOutcome => ({ applied: 0, conflicts: [`conflict: ${line}`] });

export const PARTY_COLUMNS = new Set(['from_party_id', 'to_party_id']);
export const FIELD_NAME: Record<string, string> = { from_party_id: 'from_party', to_party_id: 'to_party' };
export const SCENARIO_FIELDS = ['name', 'weight_rumored', 'weight_announced', 'weight_signed', 'weight_closed', 'weight_cancelled', 'up_to_factor', 'credit_drawdown', 'roll_up'] as const;

export const parse = (text: string | null): unknown => JSON.parse(text ?? 'null');
/** Equal values; null and a missing value (undefined) alike. */
export const same = (a: unknown, b: unknown) => a === b || (a == null && b == null);
export const who = (user: string | undefined) => `changed by ${user || 'unknown'}`;

/** Steps of others since the pull: made after it, or undone or redone after it; never this copy's own. */
export const SINCE = `(b.id > $2 OR coalesce(b.moved, 0) > $3) AND NOT (b.id = ANY($4::int[]))`;

/** The ids the team book knows: a pulled one as it is, one added offline by its map (null: its addition was not sent). */
export function mapId(c: StepContext, kind: keyof IdMap, id: number): number | null {
  const mapped = c.idMap[kind][String(id)];
  if (mapped !== undefined) return mapped;
  return id <= c.base.limits[kind] ? id : null;
}

export function remember(c: StepContext, kind: keyof IdMap, fileId: number, serverId: number): void {
  c.idMap[kind][String(fileId)] = serverId;
  c.stepMap[kind][String(fileId)] = serverId;
}

/** A party column's value on the team book (null stays null; a party added offline and not sent: undefined). */
export function serverParty(c: StepContext, value: unknown): number | null | undefined {
  if (value === null || value === undefined) return null;
  return mapId(c, 'parties', Number(value)) ?? undefined;
}

export async function shownServer(c: StepContext, column: string, value: unknown): Promise<string> {
  if (!PARTY_COLUMNS.has(column) || value === null) return formatForMessage(value);
  return formatForMessage((await c.repos.parties.get(Number(value)))?.name ?? `party ${String(value)}`);
}

export function shownOffline(c: StepContext, column: string, value: unknown): string {
  if (!PARTY_COLUMNS.has(column) || value === null) return formatForMessage(value);
  return formatForMessage(c.offlineParty(Number(value)) ?? `party ${String(value)}`);
}
