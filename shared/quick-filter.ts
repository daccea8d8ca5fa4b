import type { DealRow } from './deal';
import { formatMoney } from './format';

/** The text a quick filter searches in one row: every text column plus the money as displayed. */
export function rowSearchText(row: DealRow): string {
  return [
    row.id, row.announced, row.from_party, row.to_party, row.kind, row.status, row.start ?? '',
    formatMoney(row.amount_usd), row.source_url ?? '', row.notes ?? '',
  ]
    .join('\u0001')
    .toLowerCase();
}

/** Words of a quick filter: every word must appear somewhere in the row (case-insensitive). */
export function quickFilterWords(text: string): string[] {
  return text.toLowerCase().split(/\s+/).filter(Boolean);
}

export function matchesQuickFilter(row: DealRow, words: string[], searchText = rowSearchText(row)): boolean {
  return words.every((w) => searchText.includes(w));
}
