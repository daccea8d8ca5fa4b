import { describe, expect, it } from 'vitest';
import { syntheticDeals } from '../../../bench/synthetic';
import { deriveRows } from '../../../shared/analytics/metrics';
import { dealsToCsv } from '../../../shared/csv/csv-write';
import type { Deal } from '../../../shared/model/deal';
import { BASE_SCENARIO } from '../../../shared/model/scenario';
import { exportDealsCsv } from '../../../electron/service/csv-export';

const deals: Deal[] = syntheticDeals(6000, 11).map((d, i) => ({ ...d, id: i + 1 }));

describe('the export from deals read now (no row objects)', () => {
  it('writes exactly the text of the rows deriveRows makes, under Base and under other scenarios', () => {
    expect(exportDealsCsv(deals, {}).join('')).toBe(dealsToCsv(deriveRows(deals)));
    const stress = { ...BASE_SCENARIO, name: 'Stress', up_to_factor: 0.5, credit_drawdown: 0.3, status_weight: { ...BASE_SCENARIO.status_weight, rumored: 0, signed: 0.5 } };
    expect(exportDealsCsv(deals, { scenario: stress }).join('')).toBe(dealsToCsv(deriveRows(deals, { scenario: stress })));
    // Roll-up: parties grouped under parents, so pairs (and round trips) are the groups'.
    const names = [...new Set(deals.map((d) => d.from_party))].slice(0, 200);
    const parties = names.map((name, i) => ({ name, parent: i % 3 === 0 ? null : names[i - (i % 3)]! }));
    const rolled = { scenario: { ...BASE_SCENARIO, name: 'Groups', roll_up: true }, parties };
    expect(exportDealsCsv(deals, rolled).join('')).toBe(dealsToCsv(deriveRows(deals, rolled)));
  });

  it("writes a deal's missing precision and basis as the rows do (their defaults), in pieces of whole lines", () => {
    const old = deals.slice(0, 4100).map((d, i) => (i % 2 ? ({ ...d, announced_precision: null, amount_basis: null } as unknown as Deal) : d));
    const pieces: string[] = [];
    expect(exportDealsCsv(old, {}, (p) => pieces.push(p))).toEqual([]);
    expect(pieces.length).toBe(4);
    for (const piece of pieces) expect(piece.endsWith('\r\n')).toBe(true);
    expect(pieces.join('')).toBe(dealsToCsv(deriveRows(old)));
  });
});
