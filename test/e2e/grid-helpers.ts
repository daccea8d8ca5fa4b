import type { Locator, Page } from 'playwright-core';
import type { RawValues } from '../../shared/protocol/contract';
import type { DealRow } from '../../shared/model/deal';
import { launchApp, type App } from './harness';

// Grid tests select by AG Grid's stable attributes (row-id, col-id) and our data-testids, never by its CSS
// structure, which changes between versions.

export const cell = (page: Page, rowId: number | string, colId: string): Locator =>
  page.locator(`.ag-row[row-id="${rowId}"] .ag-cell[col-id="${colId}"]`);

/**
 * Bring a column into view: the grid draws only the columns in view (column virtualisation), so a test asks
 * the grid to scroll to one (renderer/grid/use-test-hook.ts) before reaching its cells.
 */
export async function showColumn(page: Page, colId: string): Promise<void> {
  await page.locator('[data-testid="grid"]').evaluate((el, id) => void el.dispatchEvent(new CustomEvent('dealbook:show-column', { detail: id })), colId);
  await page.locator(`.ag-header-cell[col-id="${colId}"]`).first().waitFor({ state: 'attached' });
}

/** Where the focus is, as "row-id:col-id" (the editor open in a cell counts as that cell). */
export const focusedCell = (page: Page): Promise<string> =>
  page.evaluate(() => {
    const el = document.activeElement;
    return `${el?.closest('.ag-row')?.getAttribute('row-id')}:${el?.closest('.ag-cell')?.getAttribute('col-id')}`;
  });

/** The ids of the body rows drawn, in row order (a row split over pinned and centre parts counts once). */
export const shownRowIds = (page: Page): Promise<string[]> =>
  page.evaluate(() => {
    const rows = [...document.querySelectorAll<HTMLElement>('.ag-row[row-id]')].filter((r) => r.getAttribute('row-id') !== 'draft');
    const byIndex = new Map(rows.map((r) => [Number(r.getAttribute('row-index')), r.getAttribute('row-id')!]));
    return [...byIndex.entries()].sort((a, b) => a[0] - b[0]).map(([, id]) => id);
  });

/** The pinned new-deal row. */
export const draftCell = (page: Page, colId: string): Locator => cell(page, 'draft', colId);

export const testId = (page: Page, id: string): Locator => page.locator(`[data-testid="${id}"]`);

/** Focus a cell, type as an analyst would (the first key opens the editor) and press Enter. */
export async function typeInto(page: Page, target: Locator, text: string, key = 'Enter'): Promise<void> {
  await target.click();
  await page.keyboard.type(text);
  await page.keyboard.press(key);
}

/** Deals put straight into the book through the service; returns their ids in order. */
export function seed(app: App, deals: RawValues[]): number[] {
  return deals.map((values) => {
    const change = app.service.addDeal({ values });
    return Math.max(...change.changed.map((r) => r.id));
  });
}

export function stored(app: App, id: number): DealRow | undefined {
  return app.service.listDeals({}).find((d) => d.id === id);
}

/** Paste as a spreadsheet does: a paste event whose clipboard holds text/plain, at the focused element. */
export async function pasteText(page: Page, text: string): Promise<void> {
  await page.evaluate((t) => {
    const data = new DataTransfer();
    data.setData('text/plain', t);
    const target = document.activeElement ?? document.body;
    target.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, text);
}

/** Copy as Ctrl+C does; returns what the app put on the clipboard. */
export async function copyText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const data = new DataTransfer();
    const target = document.activeElement ?? document.body;
    target.dispatchEvent(new ClipboardEvent('copy', { clipboardData: data, bubbles: true, cancelable: true }));
    return data.getData('text/plain');
  });
}

/** Resolves once no write is in flight and the status bar shows a save (or an error). */
export async function settled(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const text = document.querySelector('[data-testid="status-last"]')?.textContent ?? '';
    return !text.includes('Saving');
  });
}

/** The small book most grid tests start from: one investment pair with a purchase back, and an unrelated pair. */
export const PAIR_BOOK: RawValues[] = [
  { announced: '2025-03-01', from_party: 'Alpha Fund', to_party: 'Beta Labs', kind: 'investment', amount_usd: '100B', credit_usd: '20B' },
  { announced: '2025-02-01', from_party: 'Alpha Fund', to_party: 'Beta Labs', kind: 'investment', amount_usd: '50B' },
  { announced: '2025-01-15', from_party: 'Beta Labs', to_party: 'Alpha Fund', kind: 'purchase', amount_usd: '30B' },
  { announced: '2024-12-01', from_party: 'Gamma Capital', to_party: 'Delta AI', kind: 'investment', amount_usd: '10B', status: 'signed' },
];

/** Browser mode on a temp book holding exactly `deals` (the sample book's too when asked), in real Chromium. */
export async function launchWith(
  deals: RawValues[],
  options: Parameters<typeof launchApp>[0] = {},
): Promise<{ app: App; ids: number[] }> {
  const app = await launchApp({ ...options, sample: options.sample ?? false });
  const ids = seed(app, deals);
  if (ids.length) await app.open();
  return { app, ids };
}
