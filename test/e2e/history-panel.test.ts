import { afterAll, beforeAll, expect, it, describe } from 'vitest';
import type { Page } from 'playwright-core';
import type { App } from './harness';
import { PAIR_BOOK, cell, launchWith, settled, showColumn, testId, typeInto } from './grid-helpers';

// The History panel on a file book (browser mode): every step is its one analyst's ("you"), newest first, with what
// it changed; filtered by deal from a cell's menu. The team book's (several users) is in team-ui.test.ts.

describe('the history of a file book', () => {
  let app: App;
  let ids: number[];

  beforeAll(async () => {
    ({ app, ids } = await launchWith(PAIR_BOOK));
  });
  afterAll(async () => app?.close());

  const labels = (page: Page) => testId(page, 'history-label').allInnerTexts();

  it('lists the steps with who, when and what, follows new ones and undo, and filters by deal', async () => {
    const { page } = app;
    await typeInto(page, cell(page, ids[0]!, 'amount_usd'), '120B');
    await settled(page);
    await showColumn(page, 'notes');
    await typeInto(page, cell(page, ids[3]!, 'notes'), 'looked at');
    await settled(page);

    await testId(page, 'history').click();
    // The four deals the test put in the book first are steps too.
    const seeded = ['Add deal', 'Add deal', 'Add deal', 'Add deal'];
    await expect.poll(() => labels(page)).toEqual(['Edit Notes', 'Edit Amount', ...seeded]);
    expect(await testId(page, 'history-user-name').allInnerTexts()).toEqual(Array(6).fill('you'));
    expect(await testId(page, 'history-row').nth(1).innerText()).toContain(`deal ${ids[0]}, Amount: $100.0B -> $120.0B`);
    expect(await testId(page, 'history-row').first().locator('time').getAttribute('datetime')).toMatch(/^\d{4}-\d\d-\d\dT/);
    // The panel only reads: the history is the same after it opened.
    expect((await app.service.history({})).steps.length).toBe(6);

    // Undo marks the step undone, in place.
    await testId(page, 'undo').click();
    await expect.poll(() => testId(page, 'history-row').first().innerText()).toContain('Edit Notes (undone)');

    // One deal's steps, from its cells' menu.
    await showColumn(page, 'kind');
    await cell(page, ids[0]!, 'kind').click({ button: 'right' });
    await page.locator('[data-testid="cell-menu"] [data-command="deal-history"]').click();
    await expect.poll(() => labels(page)).toEqual(['Edit Amount', 'Add deal']);
    await testId(page, 'history-deal').fill(String(ids[3]));
    await testId(page, 'history-deal').press('Enter');
    await expect.poll(() => labels(page)).toEqual(['Edit Notes (undone)', 'Add deal']);
    await testId(page, 'history-deal').fill('9999');
    await testId(page, 'history-deal').press('Enter');
    await expect.poll(() => testId(page, 'history-empty').innerText()).toBe('No steps match.');
    await testId(page, 'history-clear').click();
    await expect.poll(() => labels(page)).toEqual(['Edit Notes (undone)', 'Edit Amount', ...seeded]);
    // A file book has no users to manage.
    expect(await testId(page, 'users').count()).toBe(0);
    expect(await testId(page, 'me').count()).toBe(0);
  });
});
