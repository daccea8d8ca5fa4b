import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from './harness';
import { PAIR_BOOK, cell, copyText, focusedCell, launchWith, stored, testId } from './grid-helpers';

const inRange = (app: App) =>
  app.page.evaluate(() =>
    [...document.querySelectorAll('.ag-cell.cell-in-range')]
      .map((c) => `${c.closest('.ag-row')?.getAttribute('row-id')}:${c.getAttribute('col-id')}`)
      .sort(),
  );

// Rows show newest first: ids[0], ids[1], ids[2], ids[3]. Amount, Cash and Credits sit side by side.
describe('range selection: copy, clear and fill down', () => {
  let app: App;
  let ids: number[];

  beforeAll(async () => {
    ({ app, ids } = await launchWith(PAIR_BOOK));
  });
  afterAll(async () => app?.close());

  it('selects a block with Shift+click and with Shift+arrows, and copies it as TSV', async () => {
    const { page } = app;
    await cell(page, ids[0]!, 'amount_usd').click();
    await expect.poll(() => focusedCell(page)).toBe(`${ids[0]}:amount_usd`);
    await cell(page, ids[1]!, 'cash_usd').click({ modifiers: ['Shift'] });
    await expect.poll(() => inRange(app)).toEqual(
      [`${ids[0]}:amount_usd`, `${ids[0]}:cash_usd`, `${ids[1]}:amount_usd`, `${ids[1]}:cash_usd`].sort(),
    );
    expect(await copyText(page)).toBe('100000000000\t\r\n50000000000\t');

    // A plain click starts again; Shift+arrows stretch from there.
    await cell(page, ids[1]!, 'amount_usd').click();
    await expect.poll(() => inRange(app)).toEqual([]);
    await page.keyboard.press('Shift+ArrowDown');
    await page.keyboard.press('Shift+ArrowRight');
    await expect.poll(() => inRange(app)).toEqual(
      [`${ids[1]}:amount_usd`, `${ids[1]}:cash_usd`, `${ids[2]}:amount_usd`, `${ids[2]}:cash_usd`].sort(),
    );
    await page.keyboard.press('Escape');
  });

  it('fills down from the first row with Ctrl+D and clears with Delete, each one undo step', async () => {
    const { page } = app;
    // Amount and Credits of ids[0] (100B, 20B) down into ids[1] and ids[2].
    await cell(page, ids[0]!, 'amount_usd').click();
    await expect.poll(() => focusedCell(page)).toBe(`${ids[0]}:amount_usd`);
    await cell(page, ids[2]!, 'credit_usd').click({ modifiers: ['Shift'] });
    // The block is selected (3 rows by Amount, Cash, Credits) before Ctrl+D asks for it.
    await expect.poll(async () => (await inRange(app)).length).toBe(9);
    await page.keyboard.press('Control+d');
    await expect.poll(() => stored(app, ids[2]!)!.amount_usd).toBe(100e9);
    expect(stored(app, ids[1]!)).toMatchObject({ amount_usd: 100e9, cash_usd: null, credit_usd: 20e9 });
    expect(stored(app, ids[2]!)).toMatchObject({ credit_usd: 20e9 });
    expect(app.service.bookInfo({}).undoLabel).toBe('Fill down 3x3 cells');
    await expect.poll(() => cell(page, ids[2]!, 'amount_usd').innerText()).toBe('$100.0B');

    // Delete empties the optional cells of the block (Status goes back to its default); To, Announced and Kind
    // (required) are left as they were.
    await cell(page, ids[1]!, 'to_party').click();
    await cell(page, ids[2]!, 'amount_usd').click({ modifiers: ['Shift'] });
    await expect.poll(async () => (await inRange(app)).includes(`${ids[2]}:amount_usd`)).toBe(true);
    await page.keyboard.press('Delete');
    await expect.poll(() => stored(app, ids[1]!)!.amount_usd).toBeNull();
    expect(stored(app, ids[2]!)!.amount_usd).toBeNull();
    expect(stored(app, ids[1]!)).toMatchObject({ to_party: 'Beta Labs', announced: '2025-02-01', kind: 'investment' });
    expect(app.service.bookInfo({}).undoLabel).toBe('Clear 2x5 cells');
    expect(await page.locator('.ag-cell-inline-editing').count()).toBe(0);

    await testId(page, 'undo').click();
    await expect.poll(() => stored(app, ids[1]!)!.amount_usd).toBe(100e9);
    await testId(page, 'undo').click();
    await expect.poll(() => stored(app, ids[1]!)!.amount_usd).toBe(50e9);
    expect(stored(app, ids[2]!)).toMatchObject({ amount_usd: 30e9, credit_usd: null });
  });
});
