import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { dealbook } from '../helpers/cli';
import { startHttpServer } from '../../electron/transports/http-server';
import { RENDERER_DIR, type App } from './harness';
import { PAIR_BOOK, cell, launchWith, settled, showColumn, testId, typeInto } from './grid-helpers';

// "Within a second" is expect.poll's own limit (1 s by default, said here outright): the tab must show another
// program's step without a reload; the book looks for such steps every 100 ms.
const WITHIN_A_SECOND = { timeout: 1000 };

/** Deal rows the grid holds (pinned draft row aside). */
const rowCount = (page: Page) => page.locator('.ag-row[row-id]:not([row-id="draft"])').count();

describe('the book tells every tab what changed', () => {
  let app: App;
  let ids: number[];

  beforeAll(async () => {
    ({ app, ids } = await launchWith(PAIR_BOOK));
  });
  afterAll(async () => app?.close());

  it('shows deals the CLI imports into the open book without a reload, with Undo labelled for that import', async () => {
    const { page } = app;
    await expect.poll(() => rowCount(page)).toBe(4);
    const csv = join(app.dir, 'two.csv');
    writeFileSync(csv, 'announced,from_party,to_party,kind,amount_usd\n2026-03-01,CLI Fund,CLI Labs,investment,3B\n2026-03-02,CLI Fund,CLI Labs,investment,4B\n');
    const imported = dealbook(['import', '--book', app.path, csv]);
    expect(imported.code, imported.stderr).toBe(0);
    // The page never navigated: the rows arrived pushed.
    const navigations = await page.evaluate(() => performance.getEntriesByType('navigation').length);
    await expect.poll(() => rowCount(page), WITHIN_A_SECOND).toBe(6);
    expect(await page.evaluate(() => performance.getEntriesByType('navigation').length)).toBe(navigations);
    await expect.poll(() => page.locator('.ag-row', { hasText: 'CLI Fund' }).count()).toBe(2);
    await expect.poll(() => testId(page, 'undo').getAttribute('title')).toMatch(/^Undo Import 2 deals/);
    await expect.poll(() => testId(page, 'status-last').innerText()).toContain('Import 2 deals (another program)');

    // Undo acts on what the tab was shown: the import.
    await testId(page, 'undo').click();
    await expect.poll(() => rowCount(page)).toBe(4);
    expect(app.service.listDeals({}).some((d) => d.from_party === 'CLI Fund')).toBe(false);
    await expect.poll(() => testId(page, 'redo').getAttribute('title')).toMatch(/^Redo Import 2 deals/);
  });

  it('shows an edit made in one tab in the other, and each tab undoes the latest step', async () => {
    const first = app.page;
    const second = await first.context().newPage();
    try {
      await second.goto(app.server.url);
      await cell(second, ids[1]!, 'amount_usd').waitFor();
      await typeInto(first, cell(first, ids[1]!, 'amount_usd'), '75B');
      await settled(first);
      await expect.poll(() => cell(second, ids[1]!, 'amount_usd').innerText()).toBe('$75.0B');
      // The pair rule reaches the other tab too: (20B + 30B) / 175B on the pair's investment rows.
      await showColumn(second, 'round_trip_ratio');
      await expect.poll(() => cell(second, ids[0]!, 'round_trip_ratio').innerText()).toBe('≥ 0.29x');
      await expect.poll(() => testId(second, 'undo').getAttribute('title')).toMatch(/^Undo Edit Amount/);

      await showColumn(second, 'notes');
      await showColumn(first, 'notes');
      await typeInto(second, cell(second, ids[3]!, 'notes'), 'from the second tab');
      await settled(second);
      await expect.poll(() => cell(first, ids[3]!, 'notes').innerText()).toBe('from the second tab');
      await expect.poll(() => testId(first, 'status-last').innerText()).toContain('(another window)');

      await testId(first, 'undo').click();
      await expect.poll(() => cell(second, ids[3]!, 'notes').innerText()).toBe('');
      await expect.poll(() => cell(first, ids[3]!, 'notes').innerText()).toBe('');
    } finally {
      await second.close();
    }
  });

  it('a tab whose event stream dropped reconnects by itself, catches up on what it missed and says so', async () => {
    const { page } = app;
    await showColumn(page, 'amount_usd');
    expect(await cell(page, ids[2]!, 'amount_usd').innerText()).toBe('$30.0B');
    // The server goes away (every connection with it, the tab's stream too); a step is made meanwhile; the same
    // book is served again at the same address.
    await app.server.close();
    app.service.updateDeal({ id: ids[2]!, changes: { amount_usd: '35B' } });
    const again = await startHttpServer({ handlers: app.service, events: app.service.events, staticDir: RENDERER_DIR, port: app.server.port, token: app.server.token });
    try {
      await expect.poll(() => cell(page, ids[2]!, 'amount_usd').innerText(), { timeout: 10_000 }).toBe('$35.0B');
      // And says so, once it has caught up.
      await expect.poll(() => testId(page, 'reconnected').innerText()).toMatch(/^Reconnected at .*: caught up on 1 change made meanwhile$/);
      // And it is live again after catching up.
      app.service.updateDeal({ id: ids[2]!, changes: { amount_usd: '36B' } });
      await expect.poll(() => cell(page, ids[2]!, 'amount_usd').innerText()).toBe('$36.0B');
    } finally {
      await again.close();
    }
  });
});
