import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from './harness';
import { cell, launchWith, showColumn, testId } from './grid-helpers';

// A pair whose investment has an amount but no cash/credit split, with nothing (or nothing priced) bought back:
// BlackRock -> Meta Hyperion JV in the reviewed deals. The spec's basis is at_least (only an undisclosed amount
// invested makes it unknown), so its ratio is `≥ 0.00x`; its round trip, the ratio's numerator, is then a floor too
// (`≥ $0`), never a `?` beside a ratio that is a floor. The grid's ƒ cell says the same as the pairs table.

const BOOK = [
  { announced: '2025-10-21', from_party: 'BlackRock', to_party: 'Meta Hyperion JV', kind: 'investment', status: 'closed', amount_usd: '3B' },
  { announced: '2025-10-06', from_party: 'AMD', to_party: 'OpenAI', kind: 'investment', status: 'signed', amount_usd: '~34B' },
  { announced: '2025-10-06', from_party: 'OpenAI', to_party: 'AMD', kind: 'purchase', status: 'signed' },
];

const pairCells = (app: App, investor: string) => {
  const pair = testId(app.page, 'circularity').locator(`[data-testid="circularity-pair"][data-investor="${investor}"]`);
  return Promise.all(['pair-invested', 'pair-credits', 'pair-bought-back', 'pair-round-trip', 'pair-ratio'].map((id) => pair.locator(`[data-testid="${id}"]`).innerText()));
};

describe('a pair whose round trip is a floor', () => {
  let app: App;
  let ids: number[];
  beforeAll(async () => {
    ({ app, ids } = await launchWith(BOOK, { charts: true, viewport: { width: 1700, height: 1500 } }));
  });
  afterAll(async () => app?.close());

  it('shows the round trip as at least $0 beside a ratio of at least 0.00x, as the grid does', async () => {
    await expect.poll(() => pairCells(app, 'BlackRock')).toEqual(['$3.0B', '?', '$0', '≥ $0', '≥ 0.00x']);
    expect(await pairCells(app, 'AMD')).toEqual(['$34.0B', '?', '?', '≥ $0', '≥ 0.00x']);
    await showColumn(app.page, 'round_trip_ratio');
    expect(await cell(app.page, ids[0]!, 'round_trip_ratio').innerText()).toBe('≥ 0.00x');
    expect(await cell(app.page, ids[1]!, 'round_trip_ratio').innerText()).toBe('≥ 0.00x');
  });

  it('gives the known round trip once the split is known', async () => {
    app.service.updateDeal({ id: ids[0]!, changes: { cash_usd: '2B', credit_usd: '1B' } });
    await expect.poll(() => pairCells(app, 'BlackRock')).toEqual(['$3.0B', '$1.0B', '$0', '$1.0B', '0.33x']);
    await expect.poll(() => cell(app.page, ids[0]!, 'round_trip_ratio').innerText()).toBe('0.33x');
  });
});
