import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from './harness';
import { PAIR_BOOK, cell, launchWith, settled, stored, testId, typeInto, showColumn } from './grid-helpers';

describe('undo, redo, delete and duplicate in the grid', () => {
  let app: App;
  let ids: number[];

  beforeAll(async () => {
    ({ app, ids } = await launchWith(PAIR_BOOK));
  });
  afterAll(async () => app?.close());

  it('undoes and redoes an edit with the buttons, across reloads', async () => {
    const { page } = app;
    const id = ids[1]!;
    await typeInto(page, cell(page, id, 'amount_usd'), '75B');
    await expect.poll(() => cell(page, id, 'amount_usd').innerText()).toBe('$75.0B');
    // (20B + 30B) / 175B, on every investment row of the pair.
    await expect.poll(() => cell(page, ids[0]!, 'round_trip_ratio').innerText()).toBe('≥ 0.29x');

    await app.open();
    await testId(page, 'undo').click();
    await expect.poll(() => cell(page, id, 'amount_usd').innerText()).toBe('$50.0B');
    await expect.poll(() => cell(page, ids[0]!, 'round_trip_ratio').innerText()).toBe('≥ 0.33x');
    expect(stored(app, id)!.amount_usd).toBe(50e9);

    await app.open();
    await expect.poll(() => cell(page, id, 'amount_usd').innerText()).toBe('$50.0B');
    await testId(page, 'redo').click();
    await expect.poll(() => cell(page, id, 'amount_usd').innerText()).toBe('$75.0B');
    await expect.poll(() => cell(page, ids[0]!, 'round_trip_ratio').innerText()).toBe('≥ 0.29x');

    await app.open();
    await expect.poll(() => cell(page, id, 'amount_usd').innerText()).toBe('$75.0B');
  });

  it('undoes with Ctrl+Z and redoes with Ctrl+Shift+Z and Ctrl+Y', async () => {
    const { page } = app;
    const id = ids[3]!;
    await typeInto(page, cell(page, id, 'term_years'), '5');
    await expect.poll(() => cell(page, id, 'term_years').innerText()).toBe('5');
    await cell(page, id, 'kind').click();
    await page.keyboard.press('Control+z');
    await expect.poll(() => cell(page, id, 'term_years').innerText()).toBe('1');
    await page.keyboard.press('Control+Shift+Z');
    await expect.poll(() => cell(page, id, 'term_years').innerText()).toBe('5');
    await page.keyboard.press('Control+z');
    await expect.poll(() => cell(page, id, 'term_years').innerText()).toBe('1');
    await page.keyboard.press('Control+y');
    await expect.poll(() => cell(page, id, 'term_years').innerText()).toBe('5');
    expect(stored(app, id)!.term_years).toBe(5);
  });

  it('deletes two selected rows at once and brings both back with one undo', async () => {
    const { page } = app;
    const [a, b] = [ids[0]!, ids[2]!];
    await expect(testId(page, 'delete-deals').isDisabled()).resolves.toBe(true);
    await cell(page, a, 'ag-Grid-SelectionColumn').locator('input').click();
    // Space on a focused row toggles its selection too.
    await cell(page, b, 'from_party').click();
    await page.keyboard.press('Space');
    await expect.poll(() => testId(page, 'status-bar').innerText()).toContain('2 selected');

    // More than one deal: the app asks first.
    page.once('dialog', (dialog) => void dialog.accept());
    await testId(page, 'delete-deals').click();
    await expect.poll(() => cell(page, a, 'from_party').count()).toBe(0);
    expect(await cell(page, b, 'from_party').count()).toBe(0);
    await expect.poll(() => testId(page, 'status-bar').innerText()).toContain('2 of 2 deals');
    expect(app.service.listDeals({}).map((d) => d.id)).toEqual([ids[1], ids[3]]);
    // Without the purchase back, the remaining investment row of the pair has nothing returned to it.
    await expect.poll(() => cell(page, ids[1]!, 'round_trip_ratio').innerText()).toBe('≥ 0.00x');

    await testId(page, 'undo').click();
    await expect.poll(() => cell(page, a, 'amount_usd').innerText()).toBe('$100.0B');
    expect(await cell(page, b, 'kind').innerText()).toBe('purchase');
    await expect.poll(() => testId(page, 'status-bar').innerText()).toContain('4 of 4 deals');
    await expect.poll(() => cell(page, ids[1]!, 'round_trip_ratio').innerText()).toBe('≥ 0.29x');
    expect(app.service.listDeals({})).toHaveLength(4);
  });

  it('duplicates the focused deal, and undo removes the copy', async () => {
    const { page } = app;
    await settled(page);
    await showColumn(page, 'notes');
    await cell(page, ids[3]!, 'notes').click();
    await testId(page, 'duplicate-deals').click();
    await expect.poll(() => app.service.listDeals({}).length).toBe(5);
    const copy = app.service.listDeals({}).at(-1)!;
    expect(copy).toMatchObject({ from_party: 'Gamma Capital', to_party: 'Delta AI', amount_usd: 10e9, term_years: 5 });
    await expect.poll(() => cell(page, copy.id, 'amount_usd').innerText()).toBe('$10.0B');

    await testId(page, 'undo').click();
    await expect.poll(() => cell(page, copy.id, 'amount_usd').count()).toBe(0);
    expect(app.service.listDeals({})).toHaveLength(4);
  });
});
