import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from './harness';
import { launchWith, testId } from './grid-helpers';

// Unknown is never shown as zero (spec v2): when every amount in view is undisclosed, the money charts say so in
// words instead of drawing empty bars on a $0 to $1 axis, and the pairs table says ? where it knows nothing.

const BOOK = [
  { announced: '2025-03-01', from_party: 'Alpha Fund', to_party: 'Beta Labs', kind: 'investment' },
  { announced: '2025-04-01', from_party: 'Alpha Fund', to_party: 'Beta Labs', kind: 'investment' },
  { announced: '2025-03-02', from_party: 'Beta Labs', to_party: 'Alpha Fund', kind: 'purchase' },
  { announced: '2025-05-02', from_party: 'Gamma Capital', to_party: 'Delta AI', kind: 'investment' },
  { announced: '2025-05-03', from_party: 'Gamma Capital', to_party: 'Delta DC', kind: 'infrastructure' },
];

/** The money ticks a card's axes show. */
const axisTicks = (app: App, card: string) => testId(app.page, card).locator('.recharts-cartesian-axis-tick-value').allTextContents();

describe('charts of a view whose amounts are all undisclosed', () => {
  let app: App;
  let ids: number[];
  beforeAll(async () => {
    ({ app, ids } = await launchWith(BOOK, { charts: true, viewport: { width: 1700, height: 1800 } }));
  });
  afterAll(async () => app?.close());

  it('say the amounts are undisclosed, with the count per party, and draw no $0 to $1 axis', async () => {
    const { page } = app;
    await expect.poll(() => testId(page, 'chart-exposure-undisclosed').innerText()).toBe(
      'Every amount here is undisclosed: 4 deals have no amount (not counted as $0), so there is nothing to draw. Alpha Fund +2, Gamma Capital +2.',
    );
    expect(await axisTicks(app, 'chart-exposure')).toEqual([]);
    expect(await testId(page, 'chart-recipients-undisclosed').innerText()).toBe(
      'Every amount here is undisclosed: 3 investments have no amount (not counted as $0), so there is nothing to draw. Beta Labs +2, Delta AI +1.',
    );
    expect(await axisTicks(app, 'chart-recipients')).toEqual([]);
    expect(await testId(page, 'chart-commitments-empty').innerText()).toBe(
      'No live deals with an amount among the rows shown. 5 deals have no disclosed amount (not counted as $0).',
    );
  });

  it('shows ? in the pairs table where invested, credits and bought back are not known, never $0', async () => {
    const pair = testId(app.page, 'circularity').locator('[data-testid="circularity-pair"][data-investor="Alpha Fund"]');
    const cells = ['pair-invested', 'pair-credits', 'pair-bought-back', 'pair-round-trip', 'pair-ratio'].map((id) => pair.locator(`[data-testid="${id}"]`).innerText());
    // The round trip's parts can only add to it: at least $0 (its ratio is ? because the amount invested is not known).
    expect(await Promise.all(cells)).toEqual(['?', '?', '?', '≥ $0', '?']);
  });

  it('draws the chart again once one amount is known', async () => {
    app.service.updateDeal({ id: ids[0]!, changes: { amount_usd: '10B' } });
    await expect.poll(() => axisTicks(app, 'chart-exposure')).toContain('$10B');
    expect(await testId(app.page, 'chart-exposure-undisclosed').count()).toBe(0);
    expect(await testId(app.page, 'chart-exposure').locator('text[data-name="Alpha Fund"] tspan[data-undisclosed]').textContent()).toBe(' +1');
    await expect.poll(() => axisTicks(app, 'chart-recipients')).toContain('$10B');
    const pair = testId(app.page, 'circularity').locator('[data-testid="circularity-pair"][data-investor="Alpha Fund"]');
    expect(await pair.locator('[data-testid="pair-credits"]').innerText()).toBe('?');
  });
});
