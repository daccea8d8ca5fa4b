import { describe, expect, it } from 'vitest';
import { withComparedTotals } from '../../../renderer/charts/compared-series';

type P = { label: string; total: number; cumulative: number | null };
const blank = (label: string, cumulative: number | null): P => ({ label, total: 0, cumulative });

describe('both scenarios on one time axis (compare mode)', () => {
  it('takes every period either scenario has, in time order, running totals carried over the gaps', () => {
    const mine: P[] = [{ label: '2025-Q2', total: 5, cumulative: 5 }, { label: '2025-Q3', total: 1, cumulative: 6 }];
    const theirs = [{ label: '2025-Q1', total: 10, cumulative: 10 }, { label: '2025-Q2', total: 7, cumulative: 17 }];
    expect(withComparedTotals(mine, theirs, blank)).toEqual([
      { label: '2025-Q1', total: 0, cumulative: 0, compared_total: 10, compared_cumulative: 10 },
      { label: '2025-Q2', total: 5, cumulative: 5, compared_total: 7, compared_cumulative: 17 },
      { label: '2025-Q3', total: 1, cumulative: 6, compared_total: 0, compared_cumulative: 17 },
    ]);
  });

  it('keeps years without a running total (disbursement) free of one', () => {
    const mine: P[] = [{ label: '2026', total: 3, cumulative: null }];
    const out = withComparedTotals(mine, [{ label: '2025', total: 2, cumulative: null }], blank);
    expect(out.map((p) => [p.label, p.cumulative, p.compared_total, p.compared_cumulative])).toEqual([['2025', null, 2, null], ['2026', null, 0, null]]);
  });

  it('without a comparison returns the points as they are, compared values null', () => {
    const mine: P[] = [{ label: '2025', total: 3, cumulative: 3 }];
    expect(withComparedTotals(mine, null, blank)).toEqual([{ label: '2025', total: 3, cumulative: 3, compared_total: null, compared_cumulative: null }]);
  });
});
