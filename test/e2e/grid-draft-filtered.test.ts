import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from './harness';
import { PAIR_BOOK, launchWith, shownRowIds, testId } from './grid-helpers';

// A new deal typed while the grid is filtered: once saved it may not match the filter, and leaves the screen.

describe('a new deal saved under a filter that hides it', () => {
  let app: App;

  beforeAll(async () => {
    ({ app } = await launchWith(PAIR_BOOK));
  });
  afterAll(async () => app?.close());

  it('is saved, and the status bar says the filters hide it', async () => {
    const { page } = app;
    await testId(page, 'quick-filter').fill('Alpha');
    await expect.poll(() => shownRowIds(page)).toHaveLength(3);
    await testId(page, 'add-deal').click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.closest('.ag-cell')?.getAttribute('col-id'))).toBe('from_party');
    await page.keyboard.type('Zeta Capital');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Omega Labs');
    await page.keyboard.press('Tab');
    await expect.poll(() => app.service.listDeals({}).length).toBe(5);
    const id = Math.max(...app.service.listDeals({}).map((d) => d.id));
    await expect.poll(() => testId(page, 'status-notice').innerText()).toBe(`Deal ${id} saved; the filters hide it (clear them to see it)`);
    expect(await shownRowIds(page)).not.toContain(String(id));
    await testId(page, 'quick-filter').fill('');
    await expect.poll(() => shownRowIds(page)).toContain(String(id));
  });
});
