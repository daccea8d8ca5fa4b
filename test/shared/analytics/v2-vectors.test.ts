import { describe, it, expect } from 'vitest';
import { computeAggregates } from '../../../shared/analytics/aggregates';
import { deriveRows } from '../../../shared/analytics/metrics';
import { applyScenarioPatch, BASE_SCENARIO } from '../../../shared/model/scenario';
import { compareRows, loadV2Book } from '../../helpers/v2-vectors';

const book = loadV2Book();

describe('v2 vectors through the shared functions', () => {
  it('the file names the three scenarios, and each expands to the parameters its expected block states', () => {
    expect(book.scenarios.map((s) => s.name)).toEqual(['Base', 'Firm only', 'Groups, half the credits drawn']);
    for (const [i, s] of book.scenarios.entries()) {
      expect(applyScenarioPatch(BASE_SCENARIO, s)).toEqual(book.expected[i]!.scenario);
    }
  });

  for (const expected of book.expected) {
    describe(`scenario "${expected.scenario.name}"`, () => {
      const context = { scenario: expected.scenario, parties: book.parties };

      it('derived columns of every deal', () => {
        const rows = deriveRows(book.deals, context);
        const byId = new Map(rows.map((r) => [r.id, r]));
        expect(compareRows('derived', expected.derived.map((w) => byId.get(w.id)!), expected.derived)).toEqual([]);
      });

      it('pairs, exposure, recipients and both yearly series', () => {
        const agg = computeAggregates(book.deals, context);
        const commitments = agg.byYear.map((r) => ({ year: Number(r.period), ...r.byKey, total: r.total, cumulative: r.cumulative }));
        expect([
          ...compareRows('pairs', agg.pairs, expected.pairs),
          ...compareRows('exposure', agg.exposure, expected.exposure),
          ...compareRows('recipients', agg.recipients, expected.recipients),
          ...compareRows('commitments_by_year', commitments, expected.commitments_by_year),
          ...compareRows('disbursement_by_year', agg.disbursement, expected.disbursement_by_year),
        ]).toEqual([]);
      });
    });
  }
});
