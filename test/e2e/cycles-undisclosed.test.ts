import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RawValues } from '../../shared/protocol/contract';
import { searchCycles } from '../../shared/analytics/cycles';
import { formatMoney } from '../../shared/model/format';
import type { App } from './harness';
import { launchWith, testId } from './grid-helpers';

// Cycles through edges whose deals have no amount (v2, unknown is not zero): the edge is drawn ⇢? and counted,
// and the loop's value is a floor (≥) or, where an edge has no amount at all, not known (?), never "$0".

const BOOK: RawValues[] = [
  // A loop closed by a purchase of unknown amount.
  { announced: '2025-03-01', from_party: 'Alpha Fund', to_party: 'Beta Labs', kind: 'investment', amount_usd: '10B' },
  { announced: '2025-03-02', from_party: 'Beta Labs', to_party: 'Gamma Cloud', kind: 'purchase', amount_usd: '5B' },
  { announced: '2025-03-03', from_party: 'Gamma Cloud', to_party: 'Alpha Fund', kind: 'purchase' },
  // A loop whose lightest edge has one known and one unknown deal.
  { announced: '2025-04-01', from_party: 'Delta Capital', to_party: 'Echo AI', kind: 'investment', amount_usd: '8B' },
  { announced: '2025-04-02', from_party: 'Echo AI', to_party: 'Fox Compute', kind: 'purchase', amount_usd: '6B' },
  { announced: '2025-04-03', from_party: 'Fox Compute', to_party: 'Delta Capital', kind: 'purchase', amount_usd: '4B' },
  { announced: '2025-04-04', from_party: 'Fox Compute', to_party: 'Delta Capital', kind: 'purchase' },
];

describe('cycles with undisclosed edges', () => {
  let app: App;
  beforeAll(async () => {
    ({ app } = await launchWith(BOOK, { charts: true, viewport: { width: 1700, height: 1500 } }));
  });
  afterAll(async () => app?.close());

  it('marks the edge, counts it, and shows the value as a floor or as not known', async () => {
    const { page } = app;
    const { cycles } = searchCycles(app.service.listDeals({}), { minLength: 3, maxLength: 5, limit: 20 });
    expect(cycles.map((c) => c.undisclosed.some((n) => n > 0))).toEqual([true, true]);
    const items = testId(page, 'circularity-cycle');
    await expect.poll(() => items.count()).toBe(2);
    for (const [i, c] of cycles.entries()) {
      const item = items.nth(i);
      const arrows = c.parties.map((p, j) => `${p}${(c.undisclosed[j] ?? 0) > 0 ? ' ⇢? ' : ' → '}`).join('');
      expect(await item.innerText()).toContain(`${arrows}${c.parties[0]}`);
      expect(await item.locator('[data-testid="cycle-undisclosed"]').innerText()).toBe('1 undisclosed');
      expect(await item.locator('[data-testid="cycle-undisclosed"]').getAttribute('title')).toMatch(/Gamma Cloud → Alpha Fund: 1 deal with no amount|Fox Compute → Delta Capital: 1 deal with no amount/);
      expect(await item.locator('[data-testid="cycle-value"]').innerText()).toBe(c.value > 0 ? `≥ ${formatMoney(c.value)}` : '?');
    }
    expect(await testId(page, 'circularity').locator('[data-testid="cycle-value"]').allInnerTexts()).toEqual(expect.arrayContaining(['?', '≥ $4.0B']));
  });
});
