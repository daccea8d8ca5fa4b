import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from './harness';
import { PAIR_BOOK, cell, focusedCell, launchWith, stored } from './grid-helpers';

// A live change from elsewhere moves rows under the analyst's focus (here: the grid sorted by amount, another
// program raises a deal's amount to the top). AG Grid keeps its focus by row position; the window keeps it on
// the deal (renderer/grid/focus-by-deal.ts), so the next key typed edits the deal the analyst was on.

describe('the focus stays on its deal when a live change moves rows', () => {
  let app: App;
  let ids: number[];
  beforeAll(async () => {
    ({ app, ids } = await launchWith(PAIR_BOOK));
  });
  afterAll(async () => app?.close());

  it('keeps the focused cell on its deal, so typing edits that deal', async () => {
    const { page } = app;
    const header = page.locator('.ag-header-cell[col-id="amount_usd"] .ag-header-cell-label');
    await header.click();
    await header.click();
    // Sorted by amount, largest first: 100B (ids[0]), 50B (ids[1]), 30B (ids[2]), 10B (ids[3]).
    await expect.poll(() => page.locator('.ag-row[row-index="0"]').first().getAttribute('row-id')).toBe(String(ids[0]));
    const target = ids[2]!;
    await cell(page, target, 'term_years').click();
    await expect.poll(() => focusedCell(page)).toBe(`${target}:term_years`);
    // Another program makes the last deal the largest: every row above the target's moves down one.
    app.service.updateDeal({ id: ids[3]!, changes: { amount_usd: '900B' } });
    await expect.poll(() => page.locator('.ag-row[row-index="0"]').first().getAttribute('row-id')).toBe(String(ids[3]));
    await expect.poll(() => focusedCell(page)).toBe(`${target}:term_years`);
    await page.keyboard.type('4');
    await page.keyboard.press('Enter');
    await expect.poll(() => stored(app, target)?.term_years).toBe(4);
    expect(app.service.listDeals({}).filter((d) => d.term_years === 4).map((d) => d.id)).toEqual([target]);
  });

  // The grid keeps an open editor with its row by itself: putting the focus back must not take it from the editor.
  it('keeps an open editor and its typing on its deal', async () => {
    const { page } = app;
    const target = ids[1]!;
    await cell(page, target, 'term_years').click();
    await page.keyboard.type('6');
    app.service.updateDeal({ id: ids[2]!, changes: { amount_usd: '950B' } });
    await expect.poll(() => page.locator('.ag-row[row-index="0"]').first().getAttribute('row-id')).toBe(String(ids[2]));
    await page.keyboard.press('Enter');
    await expect.poll(() => stored(app, target)?.term_years).toBe(6);
    expect(app.service.listDeals({}).filter((d) => d.term_years === 6).map((d) => d.id)).toEqual([target]);
  });
});
