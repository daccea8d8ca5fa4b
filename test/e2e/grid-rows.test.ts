import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from './harness';
import { PAIR_BOOK, cell, draftCell, launchWith, showColumn, shownRowIds, stored, testId, typeInto } from './grid-helpers';

const tick = (app: App, id: number) => cell(app.page, id, 'ag-Grid-SelectionColumn').locator('input');
const ticked = (app: App) =>
  app.page.evaluate(() =>
    [...document.querySelectorAll('.ag-row[row-id]')]
      .filter((r) => r.querySelector('.ag-cell[col-id="ag-Grid-SelectionColumn"] input:checked'))
      .map((r) => Number(r.getAttribute('row-id')))
      .sort((a, b) => a - b),
  );

describe('rows: duplicate, delete, sort, pinned columns', () => {
  let app: App;
  let ids: number[];

  beforeAll(async () => {
    ({ app, ids } = await launchWith(PAIR_BOOK));
  });
  afterAll(async () => app?.close());

  it('ticks the copies after Duplicate, so the next Delete removes the copies, after asking', async () => {
    const { page } = app;
    await tick(app, ids[0]!).check();
    await tick(app, ids[3]!).check();
    await testId(page, 'duplicate-deals').click();
    await expect.poll(() => app.service.listDeals({}).length).toBe(6);
    const copies = app.service.listDeals({}).filter((d) => !ids.includes(d.id)).map((d) => d.id);
    await expect.poll(() => ticked(app)).toEqual(copies);

    // More than one deal: the app asks first. Saying no deletes nothing.
    const asked: string[] = [];
    page.once('dialog', (d) => void (asked.push(d.message()), d.dismiss()));
    await testId(page, 'delete-deals').click();
    await expect.poll(() => asked).toEqual(['Delete 2 deals? Undo brings them back.']);
    expect(app.service.listDeals({})).toHaveLength(6);
    page.once('dialog', (d) => void d.accept());
    await testId(page, 'delete-deals').click();
    await expect.poll(() => app.service.listDeals({}).map((d) => d.id).sort((a, b) => a - b)).toEqual([...ids].sort((a, b) => a - b));
    // Undo still covers it, in one step.
    await testId(page, 'undo').click();
    await expect.poll(() => app.service.listDeals({}).length).toBe(6);
    await testId(page, 'undo').click();
    await expect.poll(() => app.service.listDeals({}).length).toBe(4);
  });

  it('re-sorts a row whose sorted column is edited, and puts a new deal where the sort says', async () => {
    const { page } = app;
    // Amount, ascending: 10B, 30B, 50B, 100B.
    await page.locator('.ag-header-cell[col-id="amount_usd"] .ag-header-cell-label').click();
    await expect.poll(() => shownRowIds(page)).toEqual([ids[3], ids[2], ids[1], ids[0]].map(String));
    await typeInto(page, cell(page, ids[3]!, 'amount_usd'), '75B');
    await expect.poll(() => stored(app, ids[3]!)!.amount_usd).toBe(75e9);
    await expect.poll(() => shownRowIds(page)).toEqual([ids[2], ids[1], ids[3], ids[0]].map(String));

    // A new deal of 60B lands between 50B and 75B once saved.
    await testId(page, 'add-deal').click();
    await page.keyboard.type('Omega');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Sigma');
    await page.keyboard.press('Tab');
    await expect.poll(() => app.service.listDeals({}).length).toBe(5);
    const added = app.service.listDeals({}).find((d) => d.from_party === 'Omega')!;
    await typeInto(page, cell(page, added.id, 'amount_usd'), '60B');
    await expect.poll(() => stored(app, added.id)!.amount_usd).toBe(60e9);
    await expect.poll(() => shownRowIds(page)).toEqual([ids[2], ids[1], added.id, ids[3], ids[0]].map(String));
    expect(await draftCell(page, 'from_party').count()).toBe(0);
    // Back to no sort.
    await page.locator('.ag-header-cell[col-id="amount_usd"] .ag-header-cell-label').click();
    await page.locator('.ag-header-cell[col-id="amount_usd"] .ag-header-cell-label').click();
  });

  it('keeps ID, From and To on screen while scrolling right', async () => {
    const { page } = app;
    await showColumn(page, 'notes');
    await expect.poll(() => cell(page, ids[0]!, 'notes').isVisible()).toBe(true);
    for (const col of ['id', 'from_party', 'to_party']) {
      const box = await cell(page, ids[0]!, col).boundingBox();
      expect(box, col).not.toBeNull();
      expect(box!.x, col).toBeLessThan(450);
    }
    // The columns in between have scrolled away.
    expect(await cell(page, ids[0]!, 'announced').count()).toBe(0);
  });
});

describe('a small window', () => {
  let app: App;

  beforeAll(async () => {
    ({ app } = await launchWith(PAIR_BOOK, { charts: true, viewport: { width: 1200, height: 460 } }));
  });
  afterAll(async () => app?.close());

  it('keeps a minimum grid height, the charts pane giving way, and the status bar on screen', async () => {
    const { page } = app;
    await testId(page, 'charts-pane').waitFor();
    const grid = await testId(page, 'grid').boundingBox();
    const status = await testId(page, 'status-bar').boundingBox();
    expect(grid!.height).toBeGreaterThanOrEqual(220);
    expect(status!.y + status!.height).toBeLessThanOrEqual(460);
    expect(await testId(page, 'status-bar').isVisible()).toBe(true);
  });
});

describe('a narrow window', () => {
  let app: App;

  beforeAll(async () => {
    ({ app } = await launchWith(PAIR_BOOK, { charts: true, viewport: { width: 800, height: 600 } }));
  });
  afterAll(async () => app?.close());

  it('wraps the toolbar: every control stays inside the window and works, the status bar stays on screen', async () => {
    const { page } = app;
    await testId(page, 'charts-pane').waitFor();
    const outside = await page.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>('.toolbar [data-testid]')]
        .filter((el) => {
          const r = el.getBoundingClientRect();
          return r.width === 0 || r.left < 0 || r.right > window.innerWidth;
        })
        .map((el) => el.dataset.testid),
    );
    expect(outside).toEqual([]);
    // The last buttons of the toolbar are the ones a window too narrow used to push out of reach.
    await testId(page, 'toggle-parties').click();
    await testId(page, 'parties-panel').waitFor();
    await testId(page, 'toggle-parties').click();
    // The columns menu, its button now at the start of a wrapped line, opens inside the window.
    await testId(page, 'columns-menu').click();
    const menu = (await page.locator('.menu[aria-label="Columns"]').boundingBox())!;
    expect(menu.x).toBeGreaterThanOrEqual(0);
    expect(menu.x + menu.width).toBeLessThanOrEqual(800);
    await testId(page, 'columns-menu').click();
    const status = await testId(page, 'status-bar').boundingBox();
    expect(status!.y + status!.height).toBeLessThanOrEqual(600);
  });
});
