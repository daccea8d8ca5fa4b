import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from './harness';
import { launchWith, testId } from './grid-helpers';

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
});
