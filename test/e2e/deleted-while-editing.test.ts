import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from './harness';
import { PAIR_BOOK, cell, launchWith, stored, testId } from './grid-helpers';

// A deal deleted elsewhere (another tab, another analyst of a team book, dealbook) while the analyst is typing into
// one of its cells: the typing cannot be saved, but it is not lost without a word (renderer/grid/deleted-while-editing.ts).

describe('a deal deleted elsewhere while its cell is being edited', () => {
  let app: App;
  let ids: number[];
  beforeAll(async () => {
    ({ app, ids } = await launchWith(PAIR_BOOK));
  });
  afterAll(async () => app?.close());

  it('closes the editor and names the deal, the cell, who deleted it and the text that was not saved', async () => {
    const first = app.page;
    const id = ids[2]!;
    const second = await first.context().newPage();
    try {
      await second.goto(app.server.url);
      await cell(second, id, 'amount_usd').waitFor();

      await first.bringToFront();
      await cell(first, id, 'amount_usd').click();
      await first.keyboard.type('42.5B');
      expect(await cell(first, id, 'amount_usd').locator('.text-editor').inputValue()).toBe('42.5B');

      await second.bringToFront();
      await cell(second, id, 'ag-Grid-SelectionColumn').locator('input').check();
      await testId(second, 'delete-deals').click();
      await expect.poll(() => stored(app, id)).toBeUndefined();

      await expect.poll(() => testId(first, 'error').innerText()).toContain(`Deal ${id} was deleted in another window while you were editing its Amount; what you typed was not saved`);
      expect(await testId(first, 'error').innerText()).toContain('You typed: 42.5B');
      await expect.poll(() => first.locator('.text-editor').count()).toBe(0);
      expect(await cell(first, id, 'amount_usd').count()).toBe(0);
      // Nothing was sent for the deleted deal, and the other deals are as they were.
      expect(app.failedRequests).toEqual([]);
      expect(app.service.listDeals({}).map((d) => d.amount_usd)).toEqual([100e9, 50e9, 10e9]);
    } finally {
      await second.close();
    }
  });
});
