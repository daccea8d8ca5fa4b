import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from './harness';
import { PAIR_BOOK, cell, launchWith, testId } from './grid-helpers';
import { LAYOUT_KEY, type GridLayout } from '../../renderer/grid/grid-layout';

describe('finding deals: quick filter, status bar, column filters and sort, layout, export', () => {
  let app: App;
  let ids: number[];

  beforeAll(async () => {
    ({ app, ids } = await launchWith(PAIR_BOOK));
  });
  afterAll(async () => app?.close());

  const status = () => testId(app.page, 'status-bar').innerText();
  // Body rows in display order (row-index), without the pinned new-deal row.
  const shownIds = () =>
    app.page.locator('.ag-row[row-id]').evaluateAll((rows) =>
      rows
        .filter((r) => /^\d+$/.test(r.getAttribute('row-index') ?? ''))
        .sort((a, b) => Number(a.getAttribute('row-index')) - Number(b.getAttribute('row-index')))
        .map((r) => Number(r.getAttribute('row-id'))),
    );

  it('counts the shown deals and sums their amount in the status bar', async () => {
    await expect.poll(status).toContain('4 of 4 deals');
    expect(await status()).toContain('Amount $190.0B');
  });

  it('filters with the quick filter (every word must match) and updates the sum', async () => {
    const { page } = app;
    await testId(page, 'quick-filter').fill('alpha investment');
    await expect.poll(status).toContain('2 of 4 deals');
    expect(await status()).toContain('Amount $150.0B');
    await expect.poll(async () => (await shownIds()).sort()).toEqual([ids[0], ids[1]].sort());

    await testId(page, 'quick-filter').fill('$30.0B');
    await expect.poll(status).toContain('1 of 4 deals');
    await expect.poll(shownIds).toEqual([ids[2]]);

    await testId(page, 'quick-filter').fill('');
    await expect.poll(status).toContain('4 of 4 deals');
  });

  it('selects every shown deal with the select-all box, half-ticks it for some, and clears it again', async () => {
    const { page } = app;
    const box = testId(page, 'select-all');
    const boxState = () => box.evaluate((el: HTMLInputElement) => (el.indeterminate ? 'some' : el.checked ? 'all' : 'none'));
    const selectedIds = () =>
      page.locator('.ag-row[row-id].ag-row-selected').evaluateAll((rows) => [...new Set(rows.map((r) => Number(r.getAttribute('row-id'))))].sort());
    await testId(page, 'quick-filter').fill('alpha investment');
    await expect.poll(status).toContain('2 of 4 deals');
    expect(await boxState()).toBe('none');

    await box.click();
    await expect.poll(selectedIds).toEqual([ids[0], ids[1]].sort());
    await expect.poll(status).toContain('2 selected');
    expect(await boxState()).toBe('all');
    expect(await testId(page, 'delete-deals').innerText()).toBe('Delete 2');

    // Deals selected and then filtered out do not tick the box for the deals now shown.
    await testId(page, 'quick-filter').fill('');
    await expect.poll(status).toContain('4 of 4 deals');
    await expect.poll(boxState).toBe('some');

    await box.click();
    await expect.poll(selectedIds).toEqual([...ids].sort());
    await expect.poll(boxState).toBe('all');
    await box.click();
    await expect.poll(selectedIds).toEqual([]);
    await expect.poll(boxState).toBe('none');

    // From the keyboard: Space on the header cell ticks and clears, as AG Grid's own box did.
    await page.locator('.ag-header-cell[col-id="ag-Grid-SelectionColumn"]').focus();
    await page.keyboard.press(' ');
    await expect.poll(selectedIds).toEqual([...ids].sort());
    await page.keyboard.press(' ');
    await expect.poll(selectedIds).toEqual([]);
  });

  it('filters a column, sorts, and keeps both (and column widths) after a reload', async () => {
    const { page } = app;
    await page.locator('.ag-header-cell[col-id="from_party"] .ag-header-cell-filter-button').click();
    await page.locator('.ag-filter-body input').first().fill('alpha');
    await expect.poll(status).toContain('2 of 4 deals');
    await page.keyboard.press('Escape');

    // Sort by amount, ascending: the 50B row comes first.
    await page.locator('.ag-header-cell[col-id="amount_usd"] .ag-header-cell-text').click();
    await expect.poll(shownIds).toEqual([ids[1], ids[0]]);

    const handle = page.locator('.ag-header-cell[col-id="to_party"] .ag-header-cell-resize');
    const box = (await handle.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + 120, box.y + box.height / 2, { steps: 5 });
    await page.mouse.up();
    const width = await page.locator('.ag-header-cell[col-id="to_party"]').evaluate((e) => e.getBoundingClientRect().width);
    expect(width).toBeGreaterThan(250);

    // Wait for the save of exactly this state (filter, sort and the new width), not an earlier one.
    const saved = () => {
      const text = app.service.getSetting({ key: LAYOUT_KEY });
      const layout = text ? (JSON.parse(text) as GridLayout) : {};
      const toWidth = layout.columnSizing?.columnSizingModel.find((c) => c.colId === 'to_party')?.width ?? 0;
      return {
        sort: layout.sort?.sortModel.map(({ colId, sort }) => ({ colId, sort })),
        filtered: JSON.stringify(layout.filter ?? {}).includes('alpha'),
        widthMatches: Math.abs(toWidth - width) < 2,
      };
    };
    await expect.poll(saved).toEqual({ sort: [{ colId: 'amount_usd', sort: 'asc' }], filtered: true, widthMatches: true });
    await app.open();
    await expect.poll(status).toContain('2 of 4 deals');
    await expect.poll(shownIds).toEqual([ids[1], ids[0]]);
    const after = await page.locator('.ag-header-cell[col-id="to_party"]').evaluate((e) => e.getBoundingClientRect().width);
    expect(Math.abs(after - width)).toBeLessThan(2);
  });

  it('exports what the grid shows, filtered and sorted, as CSV', async () => {
    const { page } = app;
    const [download] = await Promise.all([page.waitForEvent('download'), testId(page, 'export-csv').click()]);
    expect(download.suggestedFilename()).toBe('test.csv');
    const text = await readFile((await download.path())!, 'utf8');
    const lines = text.trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      'id,announced,announced_precision,from_party,to_party,kind,status,amount_usd,amount_basis,cash_usd,credit_usd,cash_share,'
        + 'credit_share,other_share,round_trip_ratio,round_trip_basis,term_years,start,capacity_mw,source_url,notes',
    );
    expect(lines).toHaveLength(3);
    expect(lines[1]!.startsWith(`${ids[1]},2025-02-01,day,Alpha Fund,Beta Labs,investment,announced,50000000000,firm,`)).toBe(true);
    expect(lines[2]!.startsWith(`${ids[0]},2025-03-01,day,Alpha Fund,Beta Labs,investment,announced,100000000000,firm,,20000000000,`)).toBe(true);
  });

  it('exports only the shown columns in their order, and keeps hidden and moved columns after a reload', async () => {
    const { page } = app;
    await testId(page, 'columns-menu').click();
    for (const colId of ['notes', 'cash_usd']) await page.locator(`.menu-item[data-col="${colId}"] input`).uncheck();
    await testId(page, 'columns-menu').click();
    await expect.poll(() => page.locator('.ag-header-cell[col-id="notes"]').count()).toBe(0);

    // Drag the Status header onto Announced (the first column right of the pinned ID, From and To): Status moves
    // in front of it.
    const from = (await page.locator('.ag-header-cell[col-id="announced"]').boundingBox())!;
    const status = (await page.locator('.ag-header-cell[col-id="status"] .ag-header-cell-text').boundingBox())!;
    await page.mouse.move(status.x + status.width / 2, status.y + status.height / 2);
    await page.mouse.down();
    await page.mouse.move(from.x + 10, from.y + from.height / 2, { steps: 12 });
    await page.mouse.move(from.x + 5, from.y + from.height / 2, { steps: 3 });
    await page.mouse.up();
    // The plain grid moves a header by its position, not its place in the DOM: read the order from aria-colindex.
    const headerOrder = () =>
      page.locator('.ag-header-row-column .ag-header-cell[col-id]').evaluateAll((cells) =>
        cells
          .map((c) => ({ id: c.getAttribute('col-id'), at: Number(c.getAttribute('aria-colindex')) }))
          .sort((a, b) => a.at - b.at)
          .map((c) => c.id),
      );
    await expect.poll(async () => (await headerOrder()).indexOf('status')).toBeLessThan((await headerOrder()).indexOf('announced'));
    const order = (await headerOrder()).filter((id): id is string => id !== null && !id.startsWith('ag-Grid-'));

    // The export has the shown columns in the analyst's order; the pinned ones keep their place in the book's
    // order rather than coming first as on screen.
    const [download] = await Promise.all([page.waitForEvent('download'), testId(page, 'export-csv').click()]);
    const header = (await readFile((await download.path())!, 'utf8')).split('\r\n')[0]!.split(',');
    // (The header cells drawn are those in view: columns further right are exported too.)
    const PINNED = ['id', 'from_party', 'to_party'];
    expect(header.filter((id) => !PINNED.includes(id) && order.includes(id))).toEqual(order.filter((id) => !PINNED.includes(id)));
    expect(header.slice(0, 6)).toEqual(['id', 'status', 'announced', 'announced_precision', 'from_party', 'to_party']);
    expect(header).not.toContain('notes');
    expect(header).not.toContain('cash_usd');

    await expect.poll(() => JSON.stringify(JSON.parse(app.service.getSetting({ key: LAYOUT_KEY }) ?? '{}').columnOrder ?? {})).toContain('"status","announced"');
    await app.open();
    await expect.poll(async () => (await headerOrder()).filter((id) => id !== null && !id.startsWith('ag-Grid-'))).toEqual(order);
  });
});
