import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from './harness';
import { PAIR_BOOK, cell, launchWith, testId } from './grid-helpers';

const CSV = [
  'announced,from_party,to_party,kind,amount_usd,credit_usd',
  '2025-05-01,Alpha Fund,Beta Labs,investment,20B,5B',
  '2025-05-02,Epsilon,Zeta,purchase,abc,',
  '2025-05-03,Eta Capital,Theta,investment,1B,',
  '',
].join('\n');

describe('CSV import from the grid', () => {
  let app: App;
  let ids: number[];

  beforeAll(async () => {
    ({ app, ids } = await launchWith(PAIR_BOOK));
  });
  afterAll(async () => app?.close());

  const status = () => testId(app.page, 'status-bar').innerText();
  const chooseFile = (name: string, text: string) =>
    testId(app.page, 'import-csv').setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(text) });

  it('shows the dry run report and writes nothing on Cancel', async () => {
    const { page } = app;
    await chooseFile('deals.csv', CSV);
    const dialog = testId(page, 'import-dialog');
    await expect.poll(() => testId(page, 'import-summary').innerText()).toContain('3 rows, 2 valid, 1 problem');
    expect(await testId(page, 'import-problems').innerText()).toMatch(/line 3, column amount_usd: .+\(abc\)/);
    expect(await dialog.innerText()).toContain('New parties: Eta Capital, Theta');
    expect(await testId(page, 'import-confirm').isDisabled()).toBe(true);
    await testId(page, 'import-cancel').click();
    await expect.poll(() => dialog.count()).toBe(0);
    expect(app.service.listDeals({})).toHaveLength(4);
  });

  it('imports the valid rows only, reloads the grid, and undoes the import in one step', async () => {
    const { page } = app;
    await chooseFile('deals.csv', CSV);
    await testId(page, 'import-valid-only').click();
    await expect.poll(status).toContain('6 of 6 deals');
    expect(await status()).toContain('Imported 2 deals from deals.csv');
    expect(app.service.listDeals({})).toHaveLength(6);
    const imported = app.service.listDeals({}).find((d) => d.from_party === 'Eta Capital')!;
    await expect.poll(() => cell(page, imported.id, 'amount_usd').innerText()).toBe('$1.0B');
    // The imported Alpha Fund -> Beta Labs investment joins the pair: (25B credits + 30B back) / 170B.
    expect(await cell(page, ids[0]!, 'round_trip_ratio').innerText()).toBe('≥ 0.32x');

    await testId(page, 'undo').click();
    await expect.poll(status).toContain('4 of 4 deals');
    await expect.poll(() => cell(page, imported.id, 'amount_usd').count()).toBe(0);
    await expect.poll(() => cell(page, ids[0]!, 'round_trip_ratio').innerText()).toBe('≥ 0.33x');
  });

  it('imports a CSV file dropped on the window', async () => {
    const { page } = app;
    await page.evaluate((text) => {
      const data = new DataTransfer();
      data.items.add(new File([text], 'dropped.csv', { type: 'text/csv' }));
      for (const type of ['dragenter', 'dragover', 'drop']) {
        window.dispatchEvent(new DragEvent(type, { dataTransfer: data, bubbles: true, cancelable: true }));
      }
    }, 'announced,from_party,to_party,kind,amount_usd\n2025-06-01,Iota,Kappa,investment,2B\n');
    await expect.poll(() => testId(page, 'import-summary').innerText()).toContain('1 row, 1 valid');
    await testId(page, 'import-confirm').click();
    await expect.poll(status).toContain('5 of 5 deals');
    expect(app.service.listDeals({}).some((d) => d.from_party === 'Iota' && d.amount_usd === 2e9)).toBe(true);
  });
});
