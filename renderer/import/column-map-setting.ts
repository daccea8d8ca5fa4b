import { DEAL_FIELDS } from '../../shared/model/deal';
import { withChoice, type ColumnChoice, type ColumnMap } from '../../shared/csv/csv-columns';

/**
 * The book setting that remembers the analyst's column choices for one set of headers (order aside, case and
 * spacing aside): the same sheet exported again next month maps the same way. Keys are short (settings keys
 * are at most 100 characters), so the headers are hashed.
 */
export function columnMapKey(headers: readonly string[]): string {
  const text = headers.map((h) => h.trim().toLowerCase().replace(/\s+/g, ' ')).sort().join('\u0000');
  // FNV-1a, twice with different seeds: 64 bits, enough to keep a book's few header sets apart.
  return `csv-columns:${fnv(text, 0x811c9dc5)}${fnv(text, 0x01000193)}`;
}

function fnv(text: string, seed: number): string {
  let h = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

const CHOICES = new Set<string>([...DEAL_FIELDS, 'ignore']);

/** A stored map, keeping only entries that still name a field (a setting is text any version may have written). */
export function parseColumnMap(stored: string | null): ColumnMap | null {
  if (!stored) return null;
  let value: unknown;
  try {
    value = JSON.parse(stored);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  let map: ColumnMap = {};
  for (const [header, choice] of Object.entries(value)) {
    // A "__proto__" key cannot travel in a call (the door refuses it at any depth): a remembered choice for a
    // column so headed is dropped, or every later check of that file would be refused.
    if (header === '__proto__' || typeof choice !== 'string' || !CHOICES.has(choice)) continue;
    map = withChoice(map, header, choice as ColumnChoice);
  }
  return Object.keys(map).length ? map : null;
}
