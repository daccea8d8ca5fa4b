import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from './harness';
import { PAIR_BOOK, launchWith, seed, testId } from './grid-helpers';

// What the grid says when it shows no deal: how to start an empty book, or that the filters hide every deal.

describe('an empty grid says why', () => {
  let app: App;
  const overlay = () => app.page.locator('[data-testid="grid"] .ag-overlay').innerText();

  beforeAll(async () => {
    ({ app } = await launchWith([]));
  });
  afterAll(async () => app?.close());

  it('a new book says how to add deals, and a filter that hides them all says so', async () => {
    const { page } = app;
    await expect.poll(overlay).toContain('No deals yet');
    expect(await overlay()).toContain('Add deal (Alt+N)');
    expect(await overlay()).toContain('Import CSV');
    seed(app, PAIR_BOOK);
    await expect.poll(() => testId(page, 'status-count').innerText()).toBe('4 of 4 deals');
    await testId(page, 'quick-filter').fill('no such deal');
    await expect.poll(overlay).toContain('No deals match the filters');
    await testId(page, 'quick-filter').fill('');
    await expect.poll(() => page.locator('.ag-row[row-index="0"]').count()).toBeGreaterThan(0);
  });

  it('names its book in the browser tab, whatever the toolbar has room for', async () => {
    const name = app.service.bookInfo({}).name;
    expect(name).not.toBe('');
    await expect.poll(() => app.page.title()).toBe(`${name} - Deal book`);
  });
});
