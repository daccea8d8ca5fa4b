import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { formatUsdExact } from '../../renderer/charts/chart-data';
import type { App } from './harness';
import { launchWith, testId } from './grid-helpers';

// Compare mode where only the compared scenario rolls parties up into their groups: a parent set afterwards (here
// from another window, through the service) regroups the compared values at once, though the scenario shown does
// not roll up. The window reads the parties again after the event; it once took the new parents into the charts
// only if something else (the rows' own update) came after them, so a parties list slower than that left the
// compared values on the old groups. The test makes the list slow on purpose.

/** The exposure chart's tooltip line for one investor's bar, in exact dollars. */
async function exposureLine(page: Page, investor: string, line: string): Promise<string> {
  const label = (await testId(page, 'chart-exposure').locator(`text[data-name="${investor}"]`).boundingBox())!;
  const plot = (await testId(page, 'chart-exposure').locator('.recharts-cartesian-grid').boundingBox())!;
  await page.mouse.move(plot.x + plot.width * 0.6, label.y + label.height / 2);
  const value = testId(page, 'chart-exposure').locator(`.charts-tooltip tr[data-line="${line}"] .exact`);
  await value.waitFor();
  const text = await value.innerText();
  await page.mouse.move(2, 2);
  return text;
}

describe('compare mode with a roll-up scenario compared', () => {
  let app: App;
  beforeAll(async () => {
    ({ app } = await launchWith([
      { announced: '2025-01-01', from_party: 'Amazon', to_party: 'Anthropic', kind: 'investment', amount_usd: '8B', cash_usd: '8B', credit_usd: '0' },
      { announced: '2025-01-02', from_party: 'AWS', to_party: 'Anthropic', kind: 'investment', amount_usd: '2B', cash_usd: '2B', credit_usd: '0' },
    ], { charts: true, viewport: { width: 1700, height: 1400 } }));
    app.service.setScenario({ name: 'Groups', roll_up: true });
    await app.open();
    await testId(app.page, 'chart-exposure').locator('.recharts-bar-rectangle').first().waitFor();
  });
  afterAll(async () => app?.close());

  it('recomputes the compared values after a parent changes', async () => {
    const { page } = app;
    await testId(page, 'scenario-compare').selectOption('Groups');
    await page.waitForFunction(() => document.querySelector('[data-testid="charts-scenario"]')?.textContent === 'Scenario Base, compared with Groups');
    expect(await exposureLine(page, 'Amazon', 'Exposure under Groups')).toBe(formatUsdExact(8e9));

    await page.route('**/api/listParties', async (route) => {
      await new Promise((done) => setTimeout(done, 600));
      await route.continue();
    });
    app.service.setPartyParent({ name: 'AWS', parent: 'Amazon' });
    // Base does not roll up: its bars stay; under Groups, Amazon's group now holds AWS's 2B too.
    await expect.poll(() => exposureLine(page, 'Amazon', 'Exposure under Groups'), { timeout: 10_000 }).toBe(formatUsdExact(10e9));
    expect(await exposureLine(page, 'Amazon', 'Exposure')).toBe(formatUsdExact(8e9));
  });
});
