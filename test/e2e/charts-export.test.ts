import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { disbursementByYear } from '../../shared/analytics/aggregates';
import { formatUsdExact } from '../../renderer/charts/chart-data';
import { searchCycles } from '../../shared/analytics/cycles';
import { formatMoney } from '../../shared/model/format';
import { chartColors } from '../../renderer/charts/chart-theme';
import { tempDir } from '../helpers/temp-book';
import { seedVectors } from '../helpers/vectors';
import { launchApp, type App } from './harness';
import { testId } from './grid-helpers';

// Export and look: PNG / SVG downloads decoded and checked in the page, both themes checked for contrast, and
// the screenshots the README shows. They go to docs/ only with DOCS_SCREENSHOTS=1, so a test run leaves the
// checkout alone; otherwise to a temp dir.

const DOCS = fileURLToPath(new URL('../../docs', import.meta.url));
const scratch = tempDir('dealbook-shots-');
const SHOTS = process.env.DOCS_SCREENSHOTS === '1' ? DOCS : scratch.dir;
mkdirSync(SHOTS, { recursive: true });

type Theme = 'light' | 'dark';

// Tall enough that the charts pane (45% of the window) holds every chart unclipped for element screenshots.
const TALL = { width: 1440, height: 3400 };
const WINDOW = { width: 1440, height: 1100 };

async function openCharts(app: App): Promise<void> {
  await testId(app.page, 'toggle-charts').click();
  await testId(app.page, 'chart-exposure').locator('.recharts-bar-rectangle').first().waitFor();
}

/** The whole window as an analyst sees it, grid above and charts below (the pane sizes itself on opening). */
async function shootWindow(app: App, file: string): Promise<void> {
  const { page } = app;
  await testId(page, 'toggle-charts').click();
  await page.setViewportSize(WINDOW);
  await openCharts(app);
  await page.mouse.move(1, 1);
  await page.screenshot({ path: join(SHOTS, file), animations: 'disabled' });
  await testId(page, 'toggle-charts').click();
  await page.setViewportSize(TALL);
  await openCharts(app);
}

async function setTheme(page: Page, theme: Theme): Promise<void> {
  const dark = () => page.evaluate(() => document.querySelector('[data-testid="charts-panel"]')?.classList.contains('charts-dark'));
  if ((await dark()) !== (theme === 'dark')) await testId(page, 'toggle-theme').click();
  await expect.poll(dark).toBe(theme === 'dark');
}

/** Relative luminance (0 black .. 1 white) of a CSS rgb() colour. */
function luminance(css: string): number {
  const [r, g, b] = (css.match(/\d+(\.\d+)?/g) ?? []).slice(0, 3).map((v) => Number(v) / 255);
  const lin = (c: number) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
  return 0.2126 * lin(r!) + 0.7152 * lin(g!) + 0.0722 * lin(b!);
}

async function shoot(page: Page, testIdValue: string, file: string): Promise<void> {
  const target = testId(page, testIdValue);
  await target.scrollIntoViewIfNeeded();
  await page.mouse.move(1, 1);
  await target.screenshot({ path: join(SHOTS, file), animations: 'disabled' });
}

/** Click an export button and return the downloaded file's bytes. */
async function download(page: Page, button: string): Promise<{ name: string; bytes: Buffer }> {
  const [file] = await Promise.all([page.waitForEvent('download'), testId(page, button).click()]);
  const path = await file.path();
  return { name: file.suggestedFilename(), bytes: readFileSync(path) };
}

/** Decode a PNG in the page (as the app's CSP allows: a data: image) and count pixels near a colour. */
async function pngStats(page: Page, png: Buffer, hex: string): Promise<{ width: number; height: number; matching: number }> {
  return page.evaluate(
    async ({ data, hex }) => {
      const img = new Image();
      img.src = `data:image/png;base64,${data}`;
      await img.decode();
      const canvas = document.createElement('canvas');
      canvas.width = img.naturalWidth;
      canvas.height = img.naturalHeight;
      const ctx = canvas.getContext('2d')!;
      ctx.drawImage(img, 0, 0);
      const px = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
      const want = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
      let matching = 0;
      for (let i = 0; i < px.length; i += 4) {
        if (Math.abs(px[i]! - want[0]!) + Math.abs(px[i + 1]! - want[1]!) + Math.abs(px[i + 2]! - want[2]!) < 12) matching++;
      }
      return { width: canvas.width, height: canvas.height, matching };
    },
    { data: png.toString('base64'), hex },
  );
}

describe('charts on the sample book: export and themes', () => {
  let app: App;

  beforeAll(async () => {
    app = await launchApp({ viewport: TALL });
    await openCharts(app);
  });
  afterAll(async () => app?.close());

  it('exports the exposure chart as a PNG that holds the drawn bars', async () => {
    const { page } = app;
    await setTheme(page, 'light');
    const { name, bytes } = await download(page, 'chart-exposure-export-png');
    expect(name).toBe('exposure.png');
    expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const svgBox = (await testId(page, 'chart-exposure').locator('.recharts-wrapper > svg').boundingBox())!;
    const stats = await pngStats(page, bytes, chartColors('light').infrastructure);
    // Drawn at 2x, with a title band and the legend added to the chart's own height.
    expect(stats.width).toBe(Math.ceil(svgBox.width) * 2);
    expect(stats.height).toBeGreaterThan(Math.ceil(svgBox.height) * 2);
    expect(stats.matching).toBeGreaterThan(1000);
  });

  it('exports well-formed standalone SVG with title, bars and legend', async () => {
    const { page } = app;
    for (const [button, title] of [
      ['chart-commitments-export-svg', 'Commitments by announcement (Scenario Base)'],
      // A number that depends on the scenario says which one in the file too.
      ['chart-exposure-export-svg', 'Exposure per investor (Scenario Base)'],
      ['chart-recipients-export-svg', 'Money received per recipient (Scenario Base)'],
      ['chart-network-export-svg', 'Money-flow network (Scenario Base)'],
    ] as const) {
      const { name, bytes } = await download(page, button);
      expect(name.endsWith('.svg')).toBe(true);
      const parsed = await page.evaluate((text) => {
        const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
        return {
          error: doc.querySelector('parsererror')?.textContent ?? null,
          root: doc.documentElement.namespaceURI,
          texts: [...doc.querySelectorAll('text')].map((t) => t.textContent ?? ''),
          shapes: doc.querySelectorAll('.recharts-bar-rectangle, [data-testid="network-edge"]').length,
        };
      }, bytes.toString('utf8'));
      expect(parsed.error).toBeNull();
      expect(parsed.root).toBe('http://www.w3.org/2000/svg');
      expect(parsed.texts[0]).toBe(title);
      expect(parsed.shapes).toBeGreaterThan(0);
    }
  });

  for (const theme of ['light', 'dark'] as const) {
    it(`is readable in the ${theme} theme`, async () => {
      const { page } = app;
      await setTheme(page, theme);
      const colors = chartColors(theme);
      const card = await testId(page, 'chart-exposure').evaluate((el) => getComputedStyle(el).backgroundColor);
      const tick = await testId(page, 'chart-exposure').locator('text[data-name]').first().getAttribute('fill');
      const axis = await testId(page, 'chart-commitments').locator('.recharts-yAxis-tick-labels .recharts-cartesian-axis-tick-value').first().getAttribute('fill');
      const contrast = (a: number, b: number) => (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
      const hexLum = (hex: string) => luminance(`rgb(${[1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)).join(',')})`);
      expect(theme === 'dark' ? luminance(card) < 0.05 : luminance(card) > 0.9).toBe(true);
      expect(tick).toBe(colors.text);
      expect(axis).toBe(colors.muted);
      // WCAG AA for text on the card, for both the names and the axis values.
      expect(contrast(luminance(card), hexLum(tick!))).toBeGreaterThan(7);
      expect(contrast(luminance(card), hexLum(axis!))).toBeGreaterThan(4.5);
      // Axis labels are short money: $0, $500B, $1T ...
      const ticks = await testId(page, 'chart-exposure').locator('.recharts-xAxis-tick-labels .recharts-cartesian-axis-tick-value').allTextContents();
      expect(ticks.length).toBeGreaterThan(2);
      for (const t of ticks) expect(t).toMatch(/^\$\d+(\.\d)?[KMBT]?$/);

      await shoot(page, 'chart-commitments', `screenshot-chart-commitments-${theme}.png`);
      await shoot(page, 'chart-exposure', `screenshot-chart-exposure-${theme}.png`);
      await shootWindow(app, `screenshot-charts-window-${theme}.png`);
    });
  }
});

describe('circularity on the synthetic test book', () => {
  let app: App;

  beforeAll(async () => {
    app = await launchApp({ sample: false, viewport: TALL });
    seedVectors(app.service);
    await app.open();
    await openCharts(app);
  });
  afterAll(async () => {
    await app?.close();
    scratch.cleanup();
  });

  it('lists the cycles of 3 to 5 parties with their value and deals, and highlights them in the network', async () => {
    const { page } = app;
    const { cycles } = searchCycles(app.service.listDeals({}), { minLength: 3, maxLength: 5, limit: 20 });
    expect(cycles.length).toBeGreaterThan(0);
    const items = testId(page, 'circularity-cycle');
    await expect.poll(() => items.count()).toBe(cycles.length);
    for (const [i, c] of cycles.entries()) {
      const text = await items.nth(i).innerText();
      expect(text).toContain([...c.parties, c.parties[0]].join(' → '));
      expect(text).toContain(formatMoney(c.value));
      expect(text).toContain(`${new Set(c.dealIds).size} deals`);
    }
    const loopEdges = new Set(cycles.flatMap((c) => c.parties.map((p, i) => `${p} → ${c.parties[(i + 1) % c.parties.length]}`)));
    const hot = await page.locator('[data-testid="network-edge"][data-cycle="true"] title').allTextContents();
    expect(new Set(hot.map((t) => t.split(':')[0]))).toEqual(loopEdges);

    await items.first().click();
    await expect.poll(() => page.locator('.ag-row[row-id]').evaluateAll((rows) => [...new Set(rows.map((r) => Number(r.getAttribute('row-id'))))].filter(Number.isFinite).sort((a, b) => a - b)))
      .toEqual([...new Set(cycles[0]!.dealIds)].sort((a, b) => a - b));
    await items.first().click();
  });

  it('shows the disbursement schedule by year, with a brush on the time axis', async () => {
    const { page } = app;
    const chart = testId(page, 'chart-commitments');
    await chart.locator('[data-testid="commitments-period"] [data-value="month"]').click();
    expect(await chart.locator('.recharts-brush').count()).toBe(1);
    await chart.locator('[data-testid="commitments-view"] [data-value="disbursed"]').click();
    const years = disbursementByYear(app.service.listDeals({}));
    await expect.poll(() => chart.locator('.recharts-xAxis-tick-labels .recharts-cartesian-axis-tick-value').allTextContents())
      .toEqual(years.map((y) => String(y.year)));
    expect(await chart.locator('.recharts-brush').count()).toBe(1);
    const bar = (await chart.locator('.recharts-bar-rectangle').first().boundingBox())!;
    await page.mouse.move(bar.x + bar.width / 2, bar.y + bar.height - 2);
    const total = chart.locator('.charts-tooltip tr[data-line="Total"] .exact');
    await expect.poll(() => total.textContent()).toBe(formatUsdExact(years[0]!.amount));
    await page.mouse.move(1, 1);
    await chart.locator('[data-testid="commitments-view"] [data-value="announced"]').click();
  });

  for (const theme of ['light', 'dark'] as const) {
    it(`shows circularity and the network in the ${theme} theme`, async () => {
      const { page } = app;
      await setTheme(page, theme);
      const background = await testId(page, 'chart-network').locator('svg[data-chart-surface] > rect').first().getAttribute('fill');
      expect(background).toBe(chartColors(theme).background);
      const edge = await page.locator('[data-testid="network-edge"]:not([data-cycle])').first().getAttribute('stroke');
      expect(edge).toBe(chartColors(theme).axis);
      await shoot(page, 'circularity', `screenshot-circularity-${theme}.png`);
      await shoot(page, 'chart-network', `screenshot-circularity-network-${theme}.png`);
    });
  }
});
