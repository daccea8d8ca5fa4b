import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openServiceWithInternals as openService } from '../../electron/service/book';
import { launchApp, type App } from './harness';
import { cell, seed, settled, stored, testId, showColumn } from './grid-helpers';

// More than a page of the book, so saving it needs new pages: what a full disk refuses.
const LONG = Array.from({ length: 120 }, (_, i) => `Line ${i} of a long memo on the deal terms.`).join(' ');
const DISK_FULL = 'The disk is full; nothing was saved. Free some space and try again.';
const READ_ONLY = 'The book is read-only; nothing was saved.';

/** Edit a notes cell as an analyst does: double-click, replace the text, Enter. */
async function editNotes(page: Page, id: number, text: string): Promise<void> {
  await showColumn(page, 'notes');
  await cell(page, id, 'notes').dblclick();
  const editor = page.locator('.ag-large-text textarea');
  await editor.waitFor({ state: 'visible' });
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.insertText(text);
  await page.keyboard.press('Enter');
}

describe('a save the disk refuses, in the browser', () => {
  let app: App;
  let ids: number[];

  beforeAll(async () => {
    // The sample book opens straight to rows; then it is emptied so the test knows every deal in it.
    app = await launchApp({ sample: true });
    app.service.deleteDeals({ ids: app.service.listDeals({}).map((d) => d.id) });
    ids = seed(app, [
      { announced: '2025-03-01', from_party: 'Alpha Fund', to_party: 'Beta Labs', kind: 'investment', amount_usd: '100B', notes: 'original memo' },
      { announced: '2025-02-01', from_party: 'Gamma Capital', to_party: 'Delta AI', kind: 'investment', amount_usd: '10B' },
    ]);
    await app.open();
  });
  afterAll(async () => app?.close());

  it('shows a full disk as a clear error, keeps the old value, and saves once there is space', async () => {
    const { page, service } = app;
    const [id, other] = ids as [number, number];
    await editNotes(page, other, 'saved before the disk filled');
    await expect.poll(() => stored(app, other)?.notes).toBe('saved before the disk filled');
    await settled(page);

    // The book cannot grow past its current size: the next save that needs a page fails with SQLITE_FULL.
    const db = service.repos.db;
    db.pragma(`max_page_count = ${db.pragma('page_count', { simple: true }) as number}`);
    await editNotes(page, id, LONG);
    await expect.poll(() => testId(page, 'error').innerText()).toContain(DISK_FULL);
    expect(await testId(page, 'status-bar').innerText()).toContain('Error');
    await expect.poll(() => cell(page, id, 'notes').innerText()).toBe('original memo');
    expect(stored(app, id)!.notes).toBe('original memo');

    db.pragma('max_page_count = 1073741823');
    await editNotes(page, id, LONG);
    await expect.poll(() => stored(app, id)?.notes).toBe(LONG);
    await expect.poll(() => testId(page, 'status-bar').innerText()).toContain('Saved');
    await expect.poll(() => cell(page, id, 'notes').innerText()).toContain('Line 0 of a long memo');
    // The save that went through took the error away.
    await expect.poll(() => testId(page, 'error').count()).toBe(0);
  });

  it('shows a read-only book as a clear error and keeps the old value', async () => {
    const { page, service } = app;
    const [id] = ids as [number];
    service.repos.db.pragma('query_only = 1');
    try {
      await editNotes(page, id, 'not allowed');
      await expect.poll(() => testId(page, 'error').innerText()).toContain(READ_ONLY);
      await expect.poll(() => cell(page, id, 'notes').innerText()).toContain('Line 0 of a long memo');
    } finally {
      service.repos.db.pragma('query_only = 0');
    }
    await editNotes(page, id, 'writable again');
    await expect.poll(() => stored(app, id)?.notes).toBe('writable again');
    await expect.poll(() => testId(page, 'status-bar').innerText()).toContain('Saved');
  });

  it('lost nothing: the book on disk and a reload show every save and none of the refused ones', async () => {
    const { page, path } = app;
    const [id, other] = ids as [number, number];
    // A second connection reads the file itself, not the app's view of it.
    const fromDisk = await openService(path);
    try {
      expect(fromDisk.listDeals({}).map((d) => [d.id, d.notes])).toEqual([
        [id, 'writable again'],
        [other, 'saved before the disk filled'],
      ]);
    } finally {
      fromDisk.close();
    }
    await app.open();
    await showColumn(page, 'notes');
    await expect.poll(() => cell(page, id, 'notes').innerText()).toBe('writable again');
    expect(await cell(page, other, 'notes').innerText()).toBe('saved before the disk filled');
  });
});
