import { describe, expect, it } from 'vitest';
import { commitmentsByAnnouncement } from '../../../shared/analytics/commitments';
import { commitmentSeries } from '../../../renderer/charts/chart-data';
import type { Deal } from '../../../shared/model/deal';
import { loadBasicBook } from '../../helpers/book-fixture';

// A deal of the fixture book with the fields this test cares about replaced (the rest as the model has them).
const base = loadBasicBook().deals[0]!;
const deal = (id: number, from: string, amount: number): Deal => ({
  ...base, id, announced: `2025-0${1 + (id % 3)}-01`, from_party: from, to_party: 'Lab', kind: 'investment', status: 'announced',
  amount_usd: amount, cash_usd: null, credit_usd: null, term_years: 1, start: null,
});

describe('commitments by investor, when a party is named like an object property', () => {
  it('keeps __proto__, constructor and toString as series of their own, with their amounts', () => {
    const names = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'Plain Fund'];
    const deals = names.flatMap((name, i) => [deal(i * 2 + 1, name, (i + 1) * 1e9), deal(i * 2 + 2, name, (i + 1) * 1e9)]);
    const rows = commitmentsByAnnouncement(deals, 'year', 'investor', 10);
    expect(rows).toHaveLength(1);
    const [year] = rows;
    expect(Object.keys(year!.byKey).sort()).toEqual([...names].sort());
    names.forEach((name, i) => expect(Object.getOwnPropertyDescriptor(year!.byKey, name)?.value, name).toBe(2 * (i + 1) * 1e9));
    const summed = Object.values(year!.byKey).reduce((s, v) => s + v, 0);
    expect(summed).toBe(year!.total);
    expect(commitmentSeries(rows).sort()).toEqual([...names].sort());
    // The object is still an ordinary one: nothing was set on its prototype.
    expect(Object.getPrototypeOf(year!.byKey)).toBe(Object.prototype);
  });

  it('keeps the legend order (by total, then Other) when a party is named like a number', () => {
    // An object lists integer-like keys ("7", "2024") before all others, whatever order they were made in.
    const deals = ([['Big Fund', 9e9], ['7', 5e9], ['2024', 4e9], ['Small', 1e9]] as const).map(([name, amount], i) => deal(i + 3, name, amount));
    const rows = commitmentsByAnnouncement(deals.map((d) => ({ ...d, announced: '2025-01-01' })), 'year', 'investor', 3);
    expect(commitmentSeries(rows)).toEqual(['Big Fund', '7', '2024', 'Other']);
    expect(rows[0]!.keys.map((k) => rows[0]!.byKey[k])).toEqual([9e9, 5e9, 4e9, 1e9]);
  });
});
