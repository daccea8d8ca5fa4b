import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from './harness';
import { cell, launchWith, stored, testId, typeInto } from './grid-helpers';

// The book's date order (spec v2 "Entering numbers"): a numeric date both orders allow (3/4/2025) is refused
// naming both ISO forms until the analyst sets the order in the window; then it is read that way, and the book
// keeps the setting.

describe('the date order setting in the window', () => {
  let app: App;
  let ids: number[];
  beforeAll(async () => {
    ({ app, ids } = await launchWith([{ announced: '2025-01-15', from_party: 'Alpha Fund', to_party: 'Beta Labs', kind: 'investment' }]));
  });
  afterAll(async () => app?.close());

  it('refuses 3/4/2025 without an order, reads it D/M/Y once set, and the book remembers the setting', async () => {
    const { page } = app;
    const id = ids[0]!;
    const select = testId(page, 'date-order');
    expect(await select.inputValue()).toBe('');

    await typeInto(page, cell(page, id, 'announced'), '3/4/2025');
    await expect.poll(() => testId(page, 'error').innerText()).toMatch(/ambiguous.*2025-04-03 or 2025-03-04/);
    expect(stored(app, id)!.announced).toBe('2025-01-15');
    // The refused text comes back in the cell's editor; Escape gives it up (pressed sooner, it stops the comeback: below).
    await expect.poll(() => page.locator('input.text-editor').inputValue()).toBe('3/4/2025');
    await page.keyboard.press('Escape');

    await select.selectOption('DMY');
    await expect.poll(() => app.service.bookInfo({}).dateOrder).toBe('DMY');
    // The window parses by the order once its own state has it (the select follows that state).
    await expect.poll(() => select.inputValue()).toBe('DMY');
    await typeInto(page, cell(page, id, 'announced'), '3/4/2025');
    await expect.poll(() => stored(app, id)!.announced).toBe('2025-04-03');

    await app.open();
    await expect.poll(() => testId(page, 'date-order').inputValue()).toBe('DMY');
    await testId(page, 'date-order').selectOption('MDY');
    await expect.poll(() => app.service.bookInfo({}).dateOrder).toBe('MDY');
    await expect.poll(() => testId(page, 'date-order').inputValue()).toBe('MDY');
    await typeInto(page, cell(page, id, 'announced'), '3/4/2025');
    await expect.poll(() => stored(app, id)!.announced).toBe('2025-03-04');
    await testId(page, 'date-order').selectOption('');
    await expect.poll(() => app.service.bookInfo({}).dateOrder).toBeNull();
  });

  it('Escape pressed at once, before the refused text is back, gives the edit up: the editor does not come back', async () => {
    const { page } = app;
    const id = ids[0]!;
    await cell(page, id, 'announced').click();
    await page.keyboard.type('3/4/2025');
    // Enter and Escape in one go, as a quick analyst does: Escape lands before the refused text can come back.
    await page.keyboard.press('Enter');
    await page.keyboard.press('Escape');
    await expect.poll(() => testId(page, 'error').innerText()).toMatch(/ambiguous/);
    // Had the comeback not been cancelled, the editor would reopen holding 3/4/2025 and the next typing would be
    // appended to it (3/4/20252025-02-01, refused again).
    await cell(page, id, 'announced').click();
    await page.keyboard.type('2025-02-01');
    await page.keyboard.press('Enter');
    await expect.poll(() => stored(app, id)!.announced).toBe('2025-02-01');
    await expect.poll(() => page.locator('input.text-editor').count()).toBe(0);

    // The same at its tightest, whatever the machine's speed: Escape handled in the very task of the Enter.
    await cell(page, id, 'announced').click();
    await page.keyboard.type('3/4/2025');
    await page.evaluate(() => {
      for (const key of ['Enter', 'Escape']) document.activeElement!.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }));
    });
    await expect.poll(() => testId(page, 'error').innerText()).toMatch(/ambiguous/);
    await cell(page, id, 'announced').click();
    await page.keyboard.type('2025-02-02');
    await page.keyboard.press('Enter');
    await expect.poll(() => stored(app, id)!.announced).toBe('2025-02-02');
    await expect.poll(() => page.locator('input.text-editor').count()).toBe(0);
    await app.service.updateDeal({ id, changes: { announced: '2025-01-15' } });
  });

  it('a window opened before another window set the order reads dates that way once it is back in front', async () => {
    const first = app.page;
    const id = ids[0]!;
    const second = await first.context().newPage();
    try {
      await second.goto(app.server.url);
      await cell(second, id, 'announced').waitFor();
      expect(await testId(second, 'date-order').inputValue()).toBe('');

      await first.bringToFront();
      await testId(first, 'date-order').selectOption('MDY');
      await expect.poll(() => app.service.bookInfo({}).dateOrder).toBe('MDY');
      // No event says so (a setting is not an undo step): the second window learns it when it comes to the front.
      await second.bringToFront();
      await second.evaluate(() => window.dispatchEvent(new Event('focus')));
      await expect.poll(() => testId(second, 'date-order').inputValue()).toBe('MDY');
      await typeInto(second, cell(second, id, 'announced'), '3/4/2025');
      await expect.poll(() => stored(app, id)!.announced).toBe('2025-03-04');
    } finally {
      await second.close();
      await app.service.setDateOrder({ dateOrder: null });
    }
  });
});
