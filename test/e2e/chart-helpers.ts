import type { Page } from 'playwright-core';
import { testId } from './grid-helpers';

/**
 * Hover the exposure band of one investor and read a line of the tooltip (exact dollars). The mouse stays on the
 * band, so a click that follows lands on it.
 */
export async function exposureTooltip(page: Page, investor: string, line: string): Promise<string> {
  const chart = testId(page, 'chart-exposure');
  const label = (await chart.locator(`text[data-name="${investor}"]`).boundingBox())!;
  const plot = (await chart.locator('.recharts-cartesian-grid').boundingBox())!;
  await page.mouse.move(plot.x + plot.width * 0.6, label.y + label.height / 2);
  const value = chart.locator(`.charts-tooltip tr[data-line="${line}"] .exact`);
  await value.waitFor();
  return value.innerText();
}
