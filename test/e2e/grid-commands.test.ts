import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from './harness';
import { PAIR_BOOK, cell, launchWith, stored, testId } from './grid-helpers';

// One registry of commands feeds the toolbar, the keyboard, the desktop menu, the cells' menu and the help.
describe('commands: the shortcuts help and the cells menu', () => {
  let app: App;
  let ids: number[];

  beforeAll(async () => {
    ({ app, ids } = await launchWith(PAIR_BOOK));
  });
  afterAll(async () => app?.close());

  it('opens the keyboard shortcuts with ? on a cell (not an edit) and with the Help button', async () => {
    const { page } = app;
    await cell(page, ids[0]!, 'kind').click();
    await page.keyboard.press('?');
    const help = testId(page, 'shortcuts-help');
    await help.waitFor();
    // No editor opened with a question mark in it.
    expect(await page.locator('.ag-cell-inline-editing').count()).toBe(0);
    const text = await help.innerText();
    for (const line of ['Undo', 'Redo', 'Add deal', 'Find deals', 'Export the shown deals as CSV', 'Tab, Shift+Tab']) expect(text).toContain(line);
    expect(await help.locator('tr[data-command="undo"] kbd').allInnerTexts()).toEqual(['Ctrl+Z']);
    expect(await help.locator('tr[data-command="redo"] kbd').allInnerTexts()).toEqual(['Ctrl+Shift+Z', 'Ctrl+Y']);
    await page.keyboard.press('Escape');
    await expect.poll(() => help.count()).toBe(0);

    await testId(page, 'show-shortcuts').click();
    await help.waitFor();
    await help.getByRole('button', { name: 'Close' }).click();
    await expect.poll(() => help.count()).toBe(0);
    // The toolbar's tooltips carry the same keys.
    expect(await testId(page, 'undo').getAttribute('title')).toMatch(/\(Ctrl\+Z\)$/);
  });

  it('runs the registry commands from a right click on a cell, enabled as the toolbar is', async () => {
    const { page } = app;
    await cell(page, ids[3]!, 'amount_usd').click({ button: 'right' });
    const menu = testId(page, 'cell-menu');
    await menu.waitFor();
    expect(await menu.locator('[data-command="delete-deals"]').isDisabled()).toBe(true);
    expect(await menu.locator('[data-command="undo"]').isDisabled()).toBe(await testId(page, 'undo').isDisabled());
    // Copy copies the right-clicked cell, as Ctrl+C would (read here from the copy event, after the app filled it).
    await page.evaluate(() =>
      document.addEventListener('copy', (e) => void ((window as unknown as { copied: string }).copied = e.clipboardData!.getData('text/plain'))),
    );
    await menu.locator('[data-command="copy"]').click();
    await expect.poll(() => page.evaluate(() => (window as unknown as { copied?: string }).copied)).toBe('10000000000');
    await cell(page, ids[3]!, 'amount_usd').click({ button: 'right' });
    await menu.locator('[data-command="duplicate-deals"]').click();
    await expect.poll(() => app.service.listDeals({}).length).toBe(5);
    await expect.poll(() => menu.count()).toBe(0);
    const copy = app.service.listDeals({}).find((d) => !ids.includes(d.id))!;
    expect(stored(app, copy.id)).toMatchObject({ from_party: 'Gamma Capital', amount_usd: 10e9 });

    await cell(page, ids[0]!, 'kind').click({ button: 'right' });
    await menu.locator('[data-command="undo"]').click();
    await expect.poll(() => app.service.listDeals({}).length).toBe(4);
    // Escape closes it without running anything.
    await cell(page, ids[0]!, 'kind').click({ button: 'right' });
    await menu.waitFor();
    await page.keyboard.press('Escape');
    await expect.poll(() => menu.count()).toBe(0);
    expect(app.service.listDeals({})).toHaveLength(4);
  });
});
