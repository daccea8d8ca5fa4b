import type { DealRow } from './deal';
import { formatMoney } from './format';

/**
 * The text a quick filter searches in one row: every text column plus the amount as displayed ($300.0B) and as an
 * analyst types it (300B, $300B), so `300B` finds the $300B deals.
 */
export function rowSearchText(row: DealRow): string {
  const money = formatMoney(row.amount_usd);
  // Trailing decimal zeros dropped: $300.0B -> $300B, $1.40T -> $1.4T; $500 stays.
  const typed = money.replace(/(\.\d*?)0+([KMBT]?)$/, '$1$2').replace(/\.([KMBT]?)$/, '$1');
  return [
    row.id, row.announced, row.from_party, row.to_party, row.kind, row.status, row.start ?? '',
    money, typed === money ? '' : typed, row.source_url ?? '', row.notes ?? '',
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
