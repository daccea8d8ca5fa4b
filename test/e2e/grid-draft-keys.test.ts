import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from './harness';
import { PAIR_BOOK, cell, focusedCell, launchWith, pasteText, showColumn, shownRowIds, testId } from './grid-helpers';

// The new-deal row is where an analyst types and pastes new deals: nothing done there may change a saved deal.
describe('keys and paste on the new-deal row', () => {
  let app: App;
  let ids: number[];

  beforeAll(async () => {
    ({ app, ids } = await launchWith(PAIR_BOOK));
  });
  afterAll(async () => app?.close());

  it('keeps Home, End, Ctrl+arrows and Page keys on the draft row, and a paste there changes no saved deal', async () => {
    const { page } = app;
    const before = app.service.listDeals({});
    await testId(page, 'add-deal').click();
    await expect.poll(() => focusedCell(page)).toBe('draft:from_party');
    await page.keyboard.press('Home');
    await expect.poll(() => focusedCell(page)).toBe('draft:ag-Grid-SelectionColumn');
    await page.keyboard.press('End');
    await expect.poll(() => focusedCell(page)).toBe('draft:notes');
    await page.keyboard.press('Control+ArrowLeft');
    await expect.poll(() => focusedCell(page)).toBe('draft:ag-Grid-SelectionColumn');
    for (const key of ['PageDown', 'Control+ArrowDown', 'Control+End']) {
      await page.keyboard.press(key);
      expect(await focusedCell(page), key).toMatch(/^draft:/);
    }
    // ID, From and To are pinned on the left, in that order.
    await page.keyboard.press('Home');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => focusedCell(page)).toBe('draft:from_party');
    // The trap: the paste that used to land on three saved deals' parties, kinds and amounts.
    await pasteText(page, 'Zeta\tEta\t2025-05-01\tpurchase\tsigned\t1B\nZeta\tTheta\t2025-05-01\tpurchase\tsigned\t2B\nZeta\tIota\t2025-05-01\tpurchase\tsigned\t3B\n');
    await expect.poll(() => app.service.listDeals({}).length).toBe(before.length + 3);
    const after = app.service.listDeals({});
    for (const deal of before) expect(after.find((d) => d.id === deal.id), `deal ${deal.id}`).toEqual(deal);
    expect(after.filter((d) => d.from_party === 'Zeta').map((d) => [d.to_party, d.kind, d.amount_usd])).toEqual([
      ['Eta', 'purchase', 1e9],
      ['Theta', 'purchase', 2e9],
      ['Iota', 'purchase', 3e9],
    ]);
    // One undo step takes the three away.
    expect(app.service.bookInfo({}).undoLabel).toBe('Paste 3x6 cells');
    await testId(page, 'undo').click();
    await expect.poll(() => app.service.listDeals({}).length).toBe(before.length);
    await expect.poll(() => shownRowIds(page)).toHaveLength(before.length);
  });

  it('refuses a pasted block of new deals with a bad cell as a whole, listing each bad cell', async () => {
    const { page } = app;
    const before = app.service.listDeals({});
    await testId(page, 'add-deal').click();
    await expect.poll(() => focusedCell(page)).toBe('draft:from_party');
    await pasteText(page, 'Zeta\tEta\t2025-05-01\tpurchase\tsigned\tabc\nZeta\tZeta\t2025-05-01\tbogus\tsigned\t2B\n');
    const error = testId(page, 'error');
    await expect.poll(() => error.innerText()).toContain('Paste rejected');
    const text = await error.innerText();
    expect(text).toContain('New deal 1, Amount');
    expect(text).toContain('(abc)');
    expect(text).toContain('New deal 2, Kind');
    expect(app.service.listDeals({})).toEqual(before);
    await page.locator('[data-testid="error"] button').click();
    await page.keyboard.press('Escape');
  });

  it('adds the rows of a block pasted past the last row as new deals, with the edits above them, in one step', async () => {
    const { page } = app;
    const before = app.service.listDeals({});
    // Rows show newest first: ids[3] is the last row. A new deal needs its parties: notes alone are refused.
    await showColumn(page, 'notes');
    await cell(page, ids[3]!, 'notes').click();
    await pasteText(page, 'last row\nnew row\n');
    await expect.poll(() => testId(page, 'error').innerText()).toContain('New deal 1, From: is required');
    expect(app.service.listDeals({})).toEqual(before);
    await page.locator('[data-testid="error"] button').click();

    await cell(page, ids[3]!, 'from_party').click();
    await pasteText(page, 'Kappa\tLambda\nMu\tNu\n');
    await expect.poll(() => app.service.listDeals({}).length).toBe(before.length + 1);
    const after = app.service.listDeals({});
    expect(after.find((d) => d.id === ids[3])).toMatchObject({ from_party: 'Kappa', to_party: 'Lambda' });
    const added = after.find((d) => !before.some((b) => b.id === d.id))!;
    expect(added).toMatchObject({ from_party: 'Mu', to_party: 'Nu', kind: 'investment' });
    await expect.poll(() => cell(page, added.id, 'from_party').innerText()).toBe('Mu');
    await testId(page, 'undo').click();
    await expect.poll(() => app.service.listDeals({})).toEqual(before);
  });
});
