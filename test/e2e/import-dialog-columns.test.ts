import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from './harness';
import { launchWith, seed, testId } from './grid-helpers';

// The import dialog with a file whose two columns mean one field: the analyst resolves it in the dialog.

describe('the import dialog with two columns for one field', () => {
  let app: App;

  beforeAll(async () => {
    ({ app } = await launchWith([]));
  });
  afterAll(async () => app?.close());

  it('shows the duplicate column under its field, so choosing (ignore) there resolves it', async () => {
    const { page } = app;
    const csv = 'announced,from_party,to_party,kind,amount_usd,Amount\r\n2025-01-01,Alpha Fund,Beta Labs,investment,5B,6B\r\n';
    await testId(page, 'import-csv').locator('input[type=file]').setInputFiles({ name: 'two-amounts.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await expect.poll(() => testId(page, 'import-problems').innerText()).toContain('both mean amount_usd');
    const amount = page.locator('[data-testid="import-column"][data-header="Amount"]');
    expect(await amount.inputValue()).toBe('amount_usd');
    await amount.selectOption('ignore');
    await expect.poll(() => testId(page, 'import-problems').count()).toBe(0);
    // One row is one deal, said in the singular.
    expect(await testId(page, 'import-confirm').innerText()).toBe('Import 1 deal');
    await testId(page, 'import-confirm').click();
    await expect.poll(() => app.service.listDeals({}).map((d) => d.amount_usd)).toEqual([5e9]);
  });

  it('offers id as a column choice with update by id, so a "Deal ID" column updates its deals as the CLI --map does', async () => {
    const { page } = app;
    const [id] = seed(app, [{ announced: '2025-02-01', from_party: 'Gamma Capital', to_party: 'Delta AI', kind: 'investment', amount_usd: '10B' }]);
    const before = app.service.listDeals({}).length;
    const csv = `Deal ID,announced,from_party,to_party,kind,amount_usd\r\n${id},2025-02-01,Gamma Capital,Delta AI,investment,12B\r\n`;
    await testId(page, 'import-csv').locator('input[type=file]').setInputFiles({ name: 'by-id.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await expect.poll(() => testId(page, 'import-summary').count()).toBe(1);
    await testId(page, 'import-update').check();
    // No column is the id yet: the dialog says what the import would do.
    await expect.poll(() => testId(page, 'import-no-id').count()).toBe(1);
    await page.locator('[data-testid="import-column"][data-header="Deal ID"]').selectOption('id');
    await expect.poll(() => testId(page, 'import-summary').innerText()).toContain('0 new deals, 1 deal to update');
    expect(await testId(page, 'import-no-id').count()).toBe(0);
    expect(await testId(page, 'import-changes').innerText()).toContain(`deal ${id}, amount_usd: $10.0B → $12.0B`);
    await testId(page, 'import-confirm').click();
    await expect.poll(() => app.service.listDeals({}).find((d) => d.id === id)?.amount_usd).toBe(12e9);
    expect(app.service.listDeals({}).length).toBe(before);
  });

  it('says how many new parties it does not list, in a sentence that ends once', async () => {
    const { page } = app;
    const lines = Array.from({ length: 14 }, (_, i) => `2025-01-01,Fund ${String(i).padStart(2, '0')},Lab ${String(i).padStart(2, '0')},investment`);
    const csv = `announced,from_party,to_party,kind\r\n${lines.join('\r\n')}\r\n`;
    await testId(page, 'import-csv').locator('input[type=file]').setInputFiles({ name: 'many-parties.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await expect.poll(() => testId(page, 'import-summary').count()).toBe(1);
    const summary = await testId(page, 'import-summary').innerText();
    expect(summary).toMatch(/ and 16 more\.$/);
    expect(summary).not.toContain('..');
    await testId(page, 'import-cancel').click();
  });
});
