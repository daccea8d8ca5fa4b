import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from './harness';
import { PAIR_BOOK, cell, launchWith, testId } from './grid-helpers';

// The Parties panel takes the keyboard when it opens (focus in its search), Escape closes it and gives the focus
// back; a party whose last deal is deleted stays listed, marked unused with its count 0, and Undo of the delete
// makes it used again.

const activeLabel = (app: App) => app.page.evaluate(() => {
  const el = document.activeElement as HTMLElement | null;
  return el?.getAttribute('aria-label') ?? el?.dataset.testid ?? el?.tagName ?? '';
});

describe('the parties panel and the keyboard, and unused parties', () => {
  let app: App;
  let ids: number[];
  beforeAll(async () => {
    ({ app, ids } = await launchWith(PAIR_BOOK));
  });
  afterAll(async () => app?.close());

  const row = (name: string) => app.page.locator(`[data-testid="party-row"][data-party="${name}"]`);

  it('takes focus when opened and closes on Escape, focus back on the toggle', async () => {
    const { page } = app;
    await testId(page, 'toggle-parties').click();
    await testId(page, 'parties-panel').waitFor();
    await expect.poll(() => activeLabel(app)).toBe('Find a party');
    // Typing goes to its search straight away.
    await page.keyboard.type('gamma');
    await expect.poll(() => testId(page, 'party-row').count()).toBe(1);
    await page.keyboard.press('Escape');
    await expect.poll(() => testId(page, 'parties-panel').count()).toBe(0);
    expect(await activeLabel(app)).toBe('toggle-parties');
  });

  it("Escape in a rename cancels the rename only; the next Escape closes the panel", async () => {
    const { page } = app;
    await page.keyboard.press('Enter');
    await expect.poll(() => activeLabel(app)).toBe('Find a party');
    await row('Delta AI').getByTestId('party-rename').click();
    await testId(page, 'party-rename-input').fill('Delta Labs');
    await page.keyboard.press('Escape');
    await expect.poll(() => testId(page, 'party-rename-input').count()).toBe(0);
    expect(await testId(page, 'parties-panel').count()).toBe(1);
    expect(app.service.listParties({}).some((p) => p.name === 'Delta Labs')).toBe(false);
    await row('Delta AI').getByTestId('party-kind').focus();
    await page.keyboard.press('Escape');
    await expect.poll(() => testId(page, 'parties-panel').count()).toBe(0);
  });

  it('marks a party whose last deal is deleted as unused, count 0, last; Undo makes it used again', async () => {
    const { page } = app;
    await testId(page, 'toggle-parties').click();
    expect(await testId(page, 'parties-unused').count()).toBe(0);
    await cell(page, ids[3]!, 'ag-Grid-SelectionColumn').locator('input').check();
    await testId(page, 'delete-deals').click();
    await expect.poll(() => row('Delta AI').getAttribute('data-unused')).toBe('true');
    expect(await row('Delta AI').getByTestId('party-count').innerText()).toBe('0');
    expect(await row('Delta AI').getByTestId('party-unused').innerText()).toBe('unused');
    expect(await row('Gamma Capital').getAttribute('data-unused')).toBe('true');
    expect(await testId(page, 'parties-unused').innerText()).toBe(' · 2 unused');
    // Unused parties come last; the used ones keep their counts and no mark.
    const names = await testId(page, 'party-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-party')));
    expect(names.slice(-2).sort()).toEqual(['Delta AI', 'Gamma Capital']);
    expect(await row('Alpha Fund').getAttribute('data-unused')).toBeNull();
    // Still a party of the book: its kind can be set, and a new deal naming it would use it.
    expect(app.service.listParties({}).find((p) => p.name === 'Delta AI')?.deal_count).toBe(0);

    await testId(page, 'undo').click();
    await expect.poll(() => row('Delta AI').getAttribute('data-unused')).toBeNull();
    expect(await row('Delta AI').getByTestId('party-count').innerText()).toBe('1');
    expect(await testId(page, 'parties-unused').count()).toBe(0);
  });
});
