import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from './harness';
import { cell, launchWith, testId } from './grid-helpers';

const DOCS = fileURLToPath(new URL('../../docs/', import.meta.url));

// The screenshots in docs/ come from this file: DEALBOOK_SCREENSHOTS=1 npx vitest run test/e2e/grid-look.test.ts
const saveShots = Boolean(process.env.DEALBOOK_SCREENSHOTS);

const background = (app: App) =>
  app.page.locator('.ag-root-wrapper').first().evaluate((e) => getComputedStyle(e).backgroundColor);

describe('the grid look: themes, read-only derived columns, header help', () => {
  let app: App;

  beforeAll(async () => {
    ({ app } = await launchWith([], { sample: true, colorScheme: 'dark', viewport: { width: 1600, height: 900 } }));
  });
  afterAll(async () => app?.close());

  it('follows the system dark setting, and the toggle switches and is remembered', async () => {
    const { page } = app;
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    expect(await background(app)).toBe('rgb(23, 25, 29)');
    if (saveShots) await page.screenshot({ path: `${DOCS}screenshot-grid-dark.png` });

    await testId(page, 'toggle-theme').click();
    await expect.poll(() => page.evaluate(() => document.documentElement.dataset.theme)).toBe('light');
    await expect.poll(() => background(app)).toBe('rgb(255, 255, 255)');
    await app.open();
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('light');
    if (saveShots) await page.screenshot({ path: `${DOCS}screenshot-grid-light.png` });
  });

  it('keeps derived columns read-only and marked apart', async () => {
    const { page } = app;
    const id = Number(await page.locator('.ag-row[row-index="0"]').getAttribute('row-id'));
    const derived = cell(page, id, 'round_trip_ratio');
    expect(await derived.getAttribute('class')).toContain('cell-derived');
    await derived.dblclick();
    await page.keyboard.type('9');
    expect(await page.locator('.ag-cell-inline-editing, .ag-popup-editor').count()).toBe(0);
    expect(await cell(page, id, 'amount_usd').getAttribute('class')).not.toContain('cell-derived');
  });

  it('explains each derived formula in plain words in its header tooltip', async () => {
    const { page } = app;
    await page.locator('.ag-header-cell[col-id="round_trip_ratio"] .ag-header-cell-text').hover();
    await expect.poll(() => page.locator('.ag-tooltip').innerText(), { timeout: 5000 }).toContain('divided by what the investor put in');
    await page.locator('.ag-header-cell[col-id="other_share"] .ag-header-cell-text').hover();
    await expect.poll(() => page.locator('.ag-tooltip').innerText(), { timeout: 5000 }).toContain('One minus the cash share minus the credit share');
  });
});
