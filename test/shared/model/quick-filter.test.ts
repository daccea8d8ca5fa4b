import { describe, expect, it } from 'vitest';
import type { DealRow } from '../../../shared/model/deal';
import { matchesQuickFilter, quickFilterWords, rowSearchText } from '../../../shared/model/quick-filter';

const row = (over: Partial<DealRow>): DealRow =>
  ({
    id: 7, announced: '2025-09-10', from_party: 'OpenAI', to_party: 'Oracle', kind: 'purchase', status: 'announced',
    amount_usd: 300e9, cash_usd: null, credit_usd: null, term_years: 5, start: null, capacity_mw: null,
    source_url: null, notes: 'Stargate compute', cash_share: null, credit_share: null, other_share: null,
    round_trip_usd: null, round_trip_ratio: null,
    ...over,
  }) as DealRow;

const finds = (filter: string, r: DealRow) => matchesQuickFilter(r, quickFilterWords(filter));

describe('the quick filter', () => {
  it('needs every word, in any column, in any case', () => {
    expect(finds('oracle PURCHASE', row({}))).toBe(true);
    expect(finds('oracle investment', row({}))).toBe(false);
    expect(finds('stargate 2025-09', row({}))).toBe(true);
  });

  it('finds an amount as shown and as typed', () => {
    for (const typed of ['$300.0B', '300.0b', '300B', '$300b', '300']) expect(finds(typed, row({})), typed).toBe(true);
    expect(finds('12.5B', row({ amount_usd: 12.5e9 }))).toBe(true);
    expect(finds('$1.4T', row({ amount_usd: 1.4e12 }))).toBe(true);
    expect(finds('2T', row({ amount_usd: 2e12 }))).toBe(true);
    // Only decimal zeros go: a plain $500 is not shortened to $5.
    expect(rowSearchText(row({ amount_usd: 500 })).split('\u0001')).toContain('$500');
    expect(rowSearchText(row({ amount_usd: 500 })).split('\u0001')).not.toContain('$5');
    expect(finds('301B', row({}))).toBe(false);
    expect(finds('30B', row({ amount_usd: 3e9 }))).toBe(false);
  });
});
