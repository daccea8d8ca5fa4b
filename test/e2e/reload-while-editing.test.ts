import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from './harness';
import { PAIR_BOOK, cell, focusedCell, launchWith, stored, testId } from './grid-helpers';

// A whole-book reload pushed from elsewhere (an import, or its undo, in another window or by dealbook) while the
// analyst types in a cell: the reload reorders the rows, and the grid keeps focus and editors by row position
// (renderer/grid/kept-through-reload.ts holds them by deal instead).

const NEWER = 'announced,from_party,to_party,kind,amount_usd\n2026-06-01,Omega Fund,Sigma AI,investment,5B\n';

describe('a whole-book reload while a cell is being edited', () => {
  let app: App;
  let ids: number[];
  beforeAll(async () => {
    ({ app, ids } = await launchWith(PAIR_BOOK));
  });
  afterAll(async () => app?.close());

  it('keeps the editor on its deal with the typed text, and Enter saves it there', async () => {
    const { page } = app;
    const id = ids[1]!;
    const below = ids[0]!;
    await cell(page, id, 'amount_usd').click();
    await page.keyboard.type('42.5B');
    // A newer deal comes in on top: every row moves down one.
    app.service.importCsv({ text: NEWER });
    await expect.poll(() => page.locator('.ag-row[row-index="0"]:not([row-id="draft"])').first().getAttribute('row-id')).not.toBe(String(below));
    const editor = cell(page, id, 'amount_usd').locator('.text-editor');
    await expect.poll(() => editor.count()).toBe(1);
    expect(await editor.inputValue()).toBe('42.5B');
    expect(await cell(page, id, 'amount_usd').locator('[data-testid="cell-refusal"]').innerText()).toContain('your text is kept');
    expect(await focusedCell(page)).toBe(`${id}:amount_usd`);
    await page.keyboard.press('Enter');
    await expect.poll(() => stored(app, id)?.amount_usd).toBe(42.5e9);
    // No other deal took the typing.
    expect(stored(app, below)?.amount_usd).toBe(100e9);
    expect(stored(app, ids[2]!)?.amount_usd).toBe(30e9);
  });

  it('keeps the focus on its deal, so the next key typed edits that deal and no other', async () => {
    const { page } = app;
    const id = ids[3]!;
    await cell(page, id, 'term_years').click();
    app.service.importCsv({ text: NEWER.replace('2026-06-01', '2026-07-01') });
    await expect.poll(() => page.locator('.ag-row[row-index="0"]:not([row-id="draft"])').first().getAttribute('row-id')).toBe(String(Math.max(...app.service.listDeals({}).map((d) => d.id))));
    await expect.poll(() => focusedCell(page)).toBe(`${id}:term_years`);
    await page.keyboard.type('3');
    await page.keyboard.press('Enter');
    await expect.poll(() => stored(app, id)?.term_years).toBe(3);
    expect(app.service.listDeals({}).filter((d) => d.term_years === 3).map((d) => d.id)).toEqual([id]);
  });

  it('names the deal, the column and the text when the reload took the deal away', async () => {
    const { page } = app;
    // Undoing an import of more rows than an event patches is pushed as a reload.
    const rows = Array.from({ length: 5001 }, (_, i) => `2026-08-01,${i === 0 ? 'Kappa Ventures' : `Bulk Fund ${i}`},Sigma AI,investment,1B`);
    app.service.importCsv({ text: `announced,from_party,to_party,kind,amount_usd\n${rows.join('\n')}\n` });
    const added = app.service.listDeals({}).find((d) => d.from_party === 'Kappa Ventures')!.id;
    await page.keyboard.press('Escape');
    await testId(page, 'quick-filter').fill('Kappa');
    await cell(page, added, 'from_party').click();
    await page.keyboard.type('Omega Partners');
    app.service.undo({});
    await expect.poll(() => stored(app, added)).toBeUndefined();
    await expect.poll(() => testId(page, 'error').innerText()).toContain(`Deal ${added} was removed`);
    const error = await testId(page, 'error').innerText();
    expect(error).toContain('while you were editing its From; what you typed was not saved');
    expect(error).toContain('You typed: Omega Partners');
    expect(await page.locator('.ag-cell-inline-editing').count()).toBe(0);
  });
});
