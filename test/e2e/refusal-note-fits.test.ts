import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchApp, type App } from './harness';
import { cell, testId } from './grid-helpers';

// A small window with the charts pane open leaves the grid a few rows: the note beside a refused edit in its lowest
// row would hang below the grid's body and be cut off. It opens above the cell instead (renderer/grid/refusal-note.tsx).

describe('the note of a refused edit in the lowest row of a short grid', () => {
  let app: App;
  beforeAll(async () => {
    app = await launchApp({ viewport: { width: 1100, height: 700 }, charts: true });
  });
  afterAll(async () => app?.close());

  it('is drawn whole inside the grid, above the cell', async () => {
    const { page } = app;
    // The lowest row drawn whole inside the grid's body.
    const id = await page.evaluate(() => {
      const body = document.querySelector('.ag-grid-viewport')!.getBoundingClientRect();
      const rows = [...document.querySelectorAll<HTMLElement>('.ag-row[row-id]:not([row-id="draft"])')];
      const whole = rows.filter((r) => r.getBoundingClientRect().bottom <= body.bottom);
      whole.sort((a, b) => b.getBoundingClientRect().bottom - a.getBoundingClientRect().bottom);
      return whole[0]!.getAttribute('row-id');
    });
    await cell(page, id!, 'amount_usd').click();
    await page.keyboard.type('abc');
    await page.keyboard.press('Enter');
    await expect.poll(() => testId(page, 'error').count()).toBe(1);
    const note = cell(page, id!, 'amount_usd').locator('[data-testid="cell-refusal"]');
    await note.waitFor();
    const [box, body, at] = await Promise.all([
      note.boundingBox(),
      page.locator('.ag-grid-viewport').boundingBox(),
      cell(page, id!, 'amount_usd').boundingBox(),
    ]);
    expect(box!.y + box!.height).toBeLessThanOrEqual(body!.y + body!.height + 1);
    expect(box!.y).toBeGreaterThanOrEqual(body!.y - 1);
    expect(box!.y + box!.height).toBeLessThanOrEqual(at!.y + 1);
  });
});
