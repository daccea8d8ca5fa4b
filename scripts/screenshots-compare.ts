// Takes docs/screenshot-compare-*.png: the sample book in headless Chromium, both themes, every chart in compare
// mode ("Firm only" against Base, the vector book's definition), and with EXPORTS=1 two of their PNG exports. Run after `npx electron-vite build`:
// `npx tsx scripts/screenshots-compare.ts [OUT_DIR]` (default docs/).
import { launchApp } from '../test/e2e/harness';

const OUT = process.argv[2] ?? 'docs';
const SHOTS = [
  ['chart-commitments', '[data-testid="chart-commitments"]'],
  ['chart-exposure', '[data-testid="chart-exposure"]'],
  ['chart-recipients', '[data-testid="chart-recipients"]'],
  ['circularity', '[data-testid="circularity"]'],
  ['network', '[data-testid="chart-network"]'],
] as const;

for (const theme of ['light', 'dark'] as const) {
  const app = await launchApp({ charts: true, colorScheme: theme, viewport: { width: 1600, height: 2600 } });
  try {
    const { page, service } = app;
    service.setScenario({ name: 'Firm only', status_weight: { rumored: 0, announced: 0.5 }, up_to_factor: 0 });
    await app.open();
    await page.locator('[data-testid="chart-recipients"] .recharts-bar-rectangle').first().waitFor({ timeout: 60_000 });
    await page.locator('[data-testid="scenario"]').selectOption('Firm only');
    await page.locator('[data-testid="scenario-compare"]').selectOption('Base');
    await page.locator('[data-testid="chart-commitments"] .charts-compared-bar').first().waitFor({ timeout: 60_000 });
    await page.mouse.move(1, 1);
    await page.waitForTimeout(800);
    for (const [name, selector] of SHOTS) {
      await page.locator(selector).first().screenshot({ path: `${OUT}/screenshot-compare-${name}-${theme}.png` });
    }
    // The files a compared chart exports, as an analyst would paste them into a note (EXPORTS=1).
    for (const chart of process.env.EXPORTS === '1' ? ['chart-exposure', 'chart-commitments'] : []) {
      const [file] = await Promise.all([page.waitForEvent('download'), page.locator(`[data-testid="${chart}-export-png"]`).click()]);
      await file.saveAs(`${OUT}/export-compare-${chart}-${theme}.png`);
    }
    await page.locator('[data-testid="chart-commitments"] [data-testid="commitments-view"] [data-value="disbursed"]').click();
    await page.waitForTimeout(500);
    await page.locator('[data-testid="chart-commitments"]').screenshot({ path: `${OUT}/screenshot-compare-chart-disbursed-${theme}.png` });
  } finally {
    await app.close();
  }
}
console.log(`Wrote ${OUT}/screenshot-compare-*.png`);
