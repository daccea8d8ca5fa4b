import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from './harness';
import { PAIR_BOOK, cell, copyText, launchWith, pasteText, stored, testId, showColumn } from './grid-helpers';

describe('paste and copy in the grid', () => {
  let app: App;
  let ids: number[];

  beforeAll(async () => {
    ({ app, ids } = await launchWith(PAIR_BOOK));
  });
  afterAll(async () => app?.close());

  it('pastes a 3x4 block at the focused cell as one undo step', async () => {
    const { page } = app;
    // Rows show newest first: ids[0], ids[1], ids[2]. The block covers kind, status, amount_usd, cash_usd.
    await cell(page, ids[0]!, 'kind').click();
    await pasteText(page, 'investment\tsigned\t120B\t10B\r\ninvestment\tclosed\t60B\t\r\npurchase\tannounced\t$35bn\t5B\r\n');

    await expect.poll(() => cell(page, ids[0]!, 'amount_usd').innerText()).toBe('$120.0B');
    expect(await cell(page, ids[0]!, 'status').innerText()).toBe('signed');
    expect(await cell(page, ids[0]!, 'cash_usd').innerText()).toBe('$10.0B');
    expect(await cell(page, ids[1]!, 'status').innerText()).toBe('closed');
    expect(await cell(page, ids[1]!, 'amount_usd').innerText()).toBe('$60.0B');
    expect(await cell(page, ids[2]!, 'amount_usd').innerText()).toBe('$35.0B');
    expect(await cell(page, ids[2]!, 'cash_usd').innerText()).toBe('$5.0B');
    // Derived cells follow: (20B credits + 35B bought back) / 180B invested.
    expect(await cell(page, ids[0]!, 'round_trip_ratio').innerText()).toBe('≥ 0.31x');
    expect(await cell(page, ids[1]!, 'round_trip_ratio').innerText()).toBe('≥ 0.31x');
    expect(await cell(page, ids[0]!, 'cash_share').innerText()).toBe('8.3%');
    expect(stored(app, ids[2]!)).toMatchObject({ kind: 'purchase', amount_usd: 35e9, cash_usd: 5e9 });
    expect(app.service.bookInfo({}).undoLabel).toBe('Paste 3x4 cells');

    await testId(page, 'undo').click();
    await expect.poll(() => cell(page, ids[0]!, 'amount_usd').innerText()).toBe('$100.0B');
    expect(await cell(page, ids[0]!, 'status').innerText()).toBe('announced');
    expect(await cell(page, ids[2]!, 'amount_usd').innerText()).toBe('$30.0B');
    expect(stored(app, ids[2]!)!.cash_usd).toBeNull();
    await testId(page, 'redo').click();
    await expect.poll(() => cell(page, ids[0]!, 'amount_usd').innerText()).toBe('$120.0B');
  });

  it('refuses an invalid block as a whole and lists every bad cell', async () => {
    const { page } = app;
    const before = app.service.listDeals({});
    await cell(page, ids[0]!, 'kind').click();
    await pasteText(page, 'investment\tsigned\tabc\t10B\nbogus\tclosed\t60B\t1B\n');

    const error = testId(page, 'error');
    await expect.poll(() => error.innerText()).toContain('Paste rejected');
    const text = await error.innerText();
    expect(text).toContain(`Deal ${ids[0]}, Amount`);
    expect(text).toContain('(abc)');
    expect(text).toContain(`Deal ${ids[1]}, Kind`);
    expect(app.service.listDeals({})).toEqual(before);
    expect(await cell(page, ids[0]!, 'amount_usd').innerText()).toBe('$120.0B');
    expect(await cell(page, ids[1]!, 'kind').innerText()).toBe('investment');
    expect(app.service.bookInfo({}).undoLabel).toBe('Paste 3x4 cells');
  });

  it('refuses a block that runs past the last column', async () => {
    const { page } = app;
    const before = app.service.listDeals({});
    await showColumn(page, 'notes');
    await cell(page, ids[3]!, 'notes').click();
    await pasteText(page, 'one\ttwo\n');
    await expect.poll(() => testId(page, 'error').innerText()).toContain('the block has 2 columns but only 1 columns are shown');
    expect(app.service.listDeals({})).toEqual(before);
  });

  it('copies the focused cell as its plain value', async () => {
    const { page } = app;
    await cell(page, ids[0]!, 'amount_usd').click();
    expect(await copyText(page)).toBe('120000000000');
    await cell(page, ids[0]!, 'from_party').click();
    expect(await copyText(page)).toBe('Alpha Fund');
  });

  it('copies selected rows as TSV over the shown columns, and they paste back in place', async () => {
    const { page } = app;
    await cell(page, ids[3]!, 'ag-Grid-SelectionColumn').locator('input').click();
    const tsv = await copyText(page);
    const cells = tsv.split('\t');
    expect(tsv).not.toContain('\n');
    // The shown order: ID, From and To are pinned on the left.
    expect(cells.slice(0, 6)).toEqual([String(ids[3]), 'Gamma Capital', 'Delta AI', '2024-12-01', 'investment', 'signed']);
    expect(cells[6]).toBe('10000000000');

    // The row pasted over another row (from its id column) makes that row a copy; read-only cells are skipped.
    await cell(page, ids[3]!, 'ag-Grid-SelectionColumn').locator('input').click();
    await cell(page, ids[2]!, 'id').click();
    await pasteText(page, tsv.replace('2024-12-01', '2025-01-15'));
    await expect.poll(() => cell(page, ids[2]!, 'from_party').innerText()).toBe('Gamma Capital');
    expect(stored(app, ids[2]!)).toMatchObject({ to_party: 'Delta AI', kind: 'investment', status: 'signed', amount_usd: 10e9 });
  });
});
