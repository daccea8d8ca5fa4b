import { DATE_ORDERS } from '../../shared/model/parse';
import type { Db } from '../db/connection';
import { settingsRepo } from '../db/settings-repo';
import type { PgRepos } from '../pg/pg-repos';
import { DATE_ORDER_SETTING } from '../service/csv-service';

/**
 * The book's own settings a push sends, each with its name in the lines it prints. Not steps (no history, no undo),
 * and not a user's window settings (`user:NAME:*` on a team book), which stay where they were made.
 */
const BOOK_SETTINGS: readonly { key: string; name: string; normal: (v: string | null) => string }[] = [
  { key: DATE_ORDER_SETTING, name: 'date order', normal: (v) => ((DATE_ORDERS as readonly string[]).includes(v ?? '') ? v! : '') },
];

/** Each book setting's value, as a book reads it ('' for none: automatic). */
export type BookSettings = Record<string, string>;

/** Where the file keeps the book settings as the team book had them at the pull (or as the last push left them). */
const BASE_KEY = 'origin.book_settings';

export function fileBookSettings(db: Db): BookSettings {
  const settings = settingsRepo(db);
  return Object.fromEntries(BOOK_SETTINGS.map((s) => [s.key, s.normal(settings.get(s.key))]));
}

/** The settings at the pull or last push; null for a copy made before they were noted. */
export function settingsBase(db: Db): BookSettings | null {
  const text = settingsRepo(db).get(BASE_KEY);
  return text === null ? null : (JSON.parse(text) as BookSettings);
}

export function noteSettingsBase(db: Db, settings: BookSettings): void {
  settingsRepo(db).set(BASE_KEY, JSON.stringify(settings));
}

/** Whether a setting was changed in the file since the pull or last push (unknown base: when it differs from nothing noted). */
export function settingsChanged(file: BookSettings, base: BookSettings | null): boolean {
  return BOOK_SETTINGS.some((s) => file[s.key] !== (base?.[s.key] ?? file[s.key]) || (base === null && file[s.key] !== ''));
}

const shown = (v: string) => (v === '' ? 'automatic' : v);

/**
 * Each book setting changed offline, by the no-lost-update rule: applied when the team book still holds the value
 * of the pull, nothing when it already holds the file's, else a conflict, listed, not applied. A copy from before
 * the base was noted cannot tell: a value differing from the server's is listed.
 */
export async function pushSettings(repos: PgRepos, file: BookSettings, base: BookSettings | null, dryRun: boolean): Promise<{ lines: string[]; applied: number; conflicts: number }> {
  const out = { lines: [] as string[], applied: 0, conflicts: 0 };
  for (const s of BOOK_SETTINGS) {
    const mine = file[s.key] ?? '';
    const was = base ? (base[s.key] ?? '') : null;
    if (was !== null && mine === was) continue;
    const server = s.normal(await repos.settings.get(s.key));
    if (server === mine) continue;
    if (was === null || server !== was) {
      out.conflicts++;
      out.lines.push(`conflict: setting ${s.name}: offline ${shown(mine)}, server ${shown(server)} (${was === null ? 'the copy does not know its value at the pull' : 'changed on the server since the pull'})`);
      continue;
    }
    await repos.settings.set(s.key, mine);
    out.applied++;
    out.lines.push(`${dryRun ? 'would apply' : 'applied'}: setting ${s.name}: ${shown(mine)}`);
  }
  return out;
}
