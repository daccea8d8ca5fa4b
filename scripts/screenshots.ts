// Retakes docs/screenshot-*.png: the sample book in headless Chromium, both themes, the grid and each chart.
// Run after `npx electron-vite build`: `npx tsx scripts/screenshots.ts`.
import { launchApp } from '../test/e2e/harness';

const SHOTS = [
  ['grid', '.ag-root-wrapper'],
  ['chart-commitments', '[data-testid="chart-commitments"]'],
  ['chart-exposure', '[data-testid="chart-exposure"]'],
  ['chart-recipients', '[data-testid="chart-recipients"]'],
  ['circularity', '[data-testid="circularity"]'],
  ['circularity-network', '[data-testid="chart-network"]'],
] as const;

for (const theme of ['light', 'dark'] as const) {
  const app = await launchApp({ charts: true, colorScheme: theme, viewport: { width: 1600, height: 2400 } });
  try {
    const { page } = app;
    await page.locator('[data-testid="chart-recipients"] .recharts-bar-rectangle').first().waitFor({ timeout: 60_000 });
    await page.waitForTimeout(800);
    for (const [name, selector] of SHOTS) {
      await page.locator(selector).first().screenshot({ path: `docs/screenshot-${name}-${theme}.png` });
    }
    await page.setViewportSize({ width: 1600, height: 1000 });
    await page.locator('.charts-scroll').evaluate((el) => void (el.scrollTop = 0));
    await page.waitForTimeout(500);
    await page.screenshot({ path: `docs/screenshot-charts-window-${theme}.png` });
  } finally {
    await app.close();
  }
}
console.log('Wrote docs/screenshot-*.png');
