import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator } from 'playwright-core';
import { parseCsv } from '../../shared/csv/csv-parse';
import { CSV_COLUMNS } from '../../shared/csv/csv-write';
import { matchesQuickFilter, quickFilterWords } from '../../shared/model/quick-filter';
import { launchApp, type App } from './harness';

const FILTER = 'openai purchase';

const IMPORT_CSV = [
  'Date,Investor,Recipient,Type,Amount ($B),Notes',
  '2026-03-01,Kestrel Capital,Wrenfield AI,investment,12.5,"=first, with a comma"',
  '2026-03-02,Kestrel Capital,Wrenfield AI,investment,lots,',
  '2026-03-03,Wrenfield AI,Kestrel Capital,purchase,4,"line one',
  'line two"',
  '',
].join('\r\n');

describe('CSV export and import from the grid (browser mode)', () => {
  let app: App;
  const testId = (id: string): Locator => app.page.locator(`[data-testid="${id}"]`);
  const count = () => testId('status-count').innerText();

  beforeAll(async () => {
    app = await launchApp({ sample: true });
  });
  afterAll(async () => app?.close());

  it('exports exactly the rows the quick filter shows, with the spec headers', async () => {
    const all = app.service.listDeals({});
    const wanted = all.filter((row) => matchesQuickFilter(row, quickFilterWords(FILTER)));
    expect(wanted.length).toBeGreaterThan(0);
    expect(wanted.length).toBeLessThan(all.length);

    await testId('quick-filter').fill(FILTER);
    await expect.poll(count).toBe(`${wanted.length} of ${all.length} deals`);
    const [download] = await Promise.all([app.page.waitForEvent('download'), testId('export-csv').click()]);
    expect(download.suggestedFilename()).toMatch(/\.csv$/);
    const text = readFileSync((await download.path())!, 'utf8');

    expect(text.endsWith('\r\n')).toBe(true);
    const parsed = parseCsv(text);
    expect(parsed.problems).toEqual([]);
    // Every spec column once (the grid shows them all by default), in the grid's column order.
    expect([...parsed.header].sort()).toEqual([...CSV_COLUMNS].sort());
    const col = (name: string) => parsed.header.indexOf(name);
    const exported = parsed.rows.map((r) => Number(r.cells[col('id')]));
    expect([...exported].sort((a, b) => a - b)).toEqual(wanted.map((r) => r.id));
    // The grid's sort (newest first) comes along.
    const announced = parsed.rows.map((r) => r.cells[col('announced')]!);
    expect(announced).toEqual([...announced].sort().reverse());
    // Values as stored, numbers plain: the same cells the service's export writes for those rows.
    const fromService = parseCsv(app.service.exportCsv({ ids: exported }));
    fromService.rows.forEach((serviceRow, i) => {
      for (const [c, name] of fromService.header.entries()) expect(parsed.rows[i]!.cells[col(name)], name).toBe(serviceRow.cells[c]);
    });
  });

  it("has the view's file made ahead while the window is quiet, and the export still holds a change made since", async () => {
    const { page } = app;
    const made: { ids?: number[]; columns?: string[] }[] = [];
    const prepare = app.service.prepareExportCsv;
    app.service.prepareExportCsv = (input) => {
      made.push(input);
      return prepare(input);
    };
    try {
      // The quick filter from the test above is still set: the view made ahead is its rows, in the grid's order.
      await expect.poll(() => made.length, { timeout: 15_000 }).toBeGreaterThan(0);
      const shown = made.at(-1)!.ids!;
      expect(shown.length).toBeLessThan(app.service.listDeals({}).length);
      // Another window changes a shown deal's amount: the export has it, not the amount the view was made with.
      const id = shown[0]!;
      app.service.updateDeal({ id, changes: { amount_usd: 77_700_000_000 } });
      await expect.poll(() => page.locator(`.ag-row[row-id="${id}"] .ag-cell[col-id="amount_usd"]`).first().innerText()).toContain('77.7');
      const [download] = await Promise.all([page.waitForEvent('download'), testId('export-csv').click()]);
      const parsed = parseCsv(readFileSync((await download.path())!, 'utf8'));
      const row = parsed.rows.find((r) => r.cells[parsed.header.indexOf('id')] === String(id))!;
      expect(row.cells[parsed.header.indexOf('amount_usd')]).toBe('77700000000');
      expect(parsed.rows.map((r) => Number(r.cells[parsed.header.indexOf('id')]))).toEqual(shown);
    } finally {
      app.service.prepareExportCsv = prepare;
    }
  });

  it('imports a file: shows the report first, then adds the valid rows to the grid as one undo step', async () => {
    const { page } = app;
    await testId('quick-filter').fill('');
    const before = app.service.listDeals({}).length;
    await expect.poll(count).toBe(`${before} of ${before} deals`);

    await testId('import-csv').locator('input[type=file]').setInputFiles({
      name: 'analyst.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(IMPORT_CSV),
    });
    await expect.poll(() => testId('import-summary').innerText()).toContain('3 rows, 2 valid, 1 problem');
    expect(await testId('import-summary').innerText()).toContain('New parties: Kestrel Capital, Wrenfield AI');
    expect(await testId('import-problems').innerText()).toMatch(/line 3, column Amount \(\$B\): must be a USD amount.*\(lots\)/);
    expect(app.service.listDeals({}).length).toBe(before);

    await testId('import-valid-only').click();
    await expect.poll(count).toBe(`${before + 2} of ${before + 2} deals`);
    const added = app.service.listDeals({}).filter((d) => d.from_party === 'Kestrel Capital' || d.from_party === 'Wrenfield AI');
    expect(added.map((d) => [d.announced, d.amount_usd, d.notes])).toEqual([
      ['2026-03-01', 12.5e9, '=first, with a comma'],
      ['2026-03-03', 4e9, 'line one\r\nline two'],
    ]);
    for (const deal of added) {
      const row = page.locator(`.ag-row[row-id="${deal.id}"]`);
      await expect.poll(() => row.locator('.ag-cell[col-id="from_party"]').innerText()).toBe(deal.from_party);
      expect(await row.locator('.ag-cell[col-id="amount_usd"]').innerText()).toBe(deal.amount_usd === 12.5e9 ? '$12.5B' : '$4.0B');
    }

    await testId('undo').click();
    await expect.poll(count).toBe(`${before} of ${before} deals`);
    expect(app.service.listParties({}).some((p) => p.name === 'Kestrel Capital')).toBe(false);
  });

  it('shows a progress bar while it checks and imports a long file', async () => {
    const before = app.service.listDeals({}).length;
    const rows = Array.from({ length: 30_000 }, (_, i) => `2026-04-${String((i % 28) + 1).padStart(2, '0')},Heron ${i % 50},Lab ${i % 40},investment,${(i % 90) + 1}`);
    const csv = ['announced,from_party,to_party,kind,amount_usd', ...rows, ''].join('\r\n');
    // Record every progress bar the page shows, as it is added (a poll could miss one shown between two frames).
    await app.page.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { progressSeen: string[] }).progressSeen = seen;
      new MutationObserver(() => {
        const label = document.querySelector('[data-testid="import-progress"]')?.getAttribute('aria-label');
        if (label && seen[seen.length - 1] !== label) seen.push(label);
      }).observe(document.body, { childList: true, subtree: true, attributes: true, attributeFilter: ['aria-label'] });
    });
    const seen = () => app.page.evaluate(() => (window as unknown as { progressSeen: string[] }).progressSeen);
    await testId('import-csv').locator('input[type=file]').setInputFiles({ name: 'long.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await expect.poll(() => testId('import-summary').count()).toBe(1);
    expect(await seen()).toEqual(['Checking long.csv...']);
    await testId('import-confirm').click();
    const total = (before + 30_000).toLocaleString('en-US');
    await expect.poll(count, { timeout: 30_000 }).toBe(`${total} of ${total} deals`);
    expect(await seen()).toEqual(['Checking long.csv...', 'Importing 30,000 rows from long.csv...']);
    expect(await testId('import-progress').count()).toBe(0);
  });
});
