import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { RawValues } from '../../shared/protocol/contract';
import { formatUsdExact } from '../../renderer/charts/chart-data';
import type { DealRow } from '../../shared/model/deal';
import { formatRoundTrip } from '../../shared/model/format';
import type { App } from './harness';
import { exposureTooltip } from './chart-helpers';
import { cell, launchWith, settled, showColumn, testId } from './grid-helpers';

// Scenarios and the v2 bases in the window, in real Chromium, over a small book whose three investment pairs have
// the three round-trip bases. Expected values come from the service (the shared functions) under each scenario.

const BOOK: RawValues[] = [
  // Exact: every amount and split known.
  { announced: '2025-03-01', from_party: 'Alpha Fund', to_party: 'Beta Labs', kind: 'investment', amount_usd: '100B', cash_usd: '80B', credit_usd: '20B' },
  { announced: '2025-03-02', from_party: 'Beta Labs', to_party: 'Alpha Fund', kind: 'purchase', amount_usd: '30B' },
  // At least: the purchase back has no amount.
  { announced: '2025-04-01', from_party: 'Gamma Capital', to_party: 'Delta AI', kind: 'investment', amount_usd: 'up to 40B', cash_usd: '30B', credit_usd: '10B' },
  { announced: '2025-04-02', from_party: 'Delta AI', to_party: 'Gamma Capital', kind: 'purchase', notes: 'amount not disclosed' },
  // Unknown: an investment of the pair has no amount.
  { announced: 'Q3 2025', from_party: 'Epsilon Corp', to_party: 'Zeta Labs', kind: 'investment', amount_usd: '~10B', cash_usd: '10B', credit_usd: '0' },
  { announced: '2025-07-02', from_party: 'Epsilon Corp', to_party: 'Zeta Labs', kind: 'investment' },
  { announced: '2025-07-03', from_party: 'Zeta Labs', to_party: 'Epsilon Corp', kind: 'purchase', amount_usd: '5B' },
];

const HALF = 'Half the credits drawn';

async function choose(page: Page, testIdName: string, value: string): Promise<void> {
  await testId(page, testIdName).selectOption(value);
}

/** The exposure tooltip's line for one investor, then the mouse away, so the next hover opens it afresh. */
async function exposureTooltipAway(page: Page, investor: string, line: string): Promise<string> {
  const text = await exposureTooltip(page, investor, line);
  await page.mouse.move(2, 2);
  return text;
}

describe('scenarios and bases in the window', () => {
  let app: App;
  let ids: number[];
  const rows = (scenario?: string): DealRow[] => app.service.listDeals(scenario ? { scenario } : {});
  const row = (id: number, scenario?: string): DealRow => rows(scenario).find((r) => r.id === id)!;

  beforeAll(async () => {
    ({ app, ids } = await launchWith(BOOK, { charts: true, viewport: { width: 1700, height: 1500 } }));
    app.service.setScenario({ name: HALF, credit_drawdown: 0.5 });
    app.service.setScenario({ name: 'Firm only', status_weight: { rumored: 0, announced: 0 } });
    await app.open();
  });
  afterAll(async () => app?.close());

  it('shows the three round-trip bases apart, each tooltip naming the missing deals', async () => {
    const { page } = app;
    const [exact, atLeast, unknown] = [ids[0]!, ids[2]!, ids[4]!];
    // The book must really hold the three bases, or this test proves nothing.
    expect([row(exact).round_trip_basis, row(atLeast).round_trip_basis, row(unknown).round_trip_basis]).toEqual(['exact', 'at_least', 'unknown']);
    await showColumn(page, 'round_trip_ratio');
    const texts = await Promise.all([exact, atLeast, unknown].map((id) => cell(page, id, 'round_trip_ratio').innerText()));
    expect(texts).toEqual([exact, atLeast, unknown].map((id) => formatRoundTrip(row(id).round_trip_ratio, row(id).round_trip_basis)));
    expect(texts[1]).toMatch(/^≥ /);
    expect(texts[2]).toMatch(/^\?/);
    expect(new Set(texts).size).toBe(3);
    await expect.poll(() => cell(page, unknown, 'round_trip_ratio').getAttribute('class')).toContain('cell-basis-unknown');
    expect(await cell(page, atLeast, 'round_trip_ratio').getAttribute('class')).toContain('cell-basis-at-least');
    expect(await cell(page, exact, 'round_trip_ratio').getAttribute('class')).not.toContain('cell-basis');

    // The at-least pair's tooltip names its purchase with no amount; the unknown pair's its investment with none.
    await cell(page, atLeast, 'round_trip_ratio').hover();
    await expect.poll(() => page.locator('.ag-tooltip').innerText()).toContain(`#${ids[3]} Delta AI -> Gamma Capital purchase (no amount)`);
    await page.mouse.move(2, 2);
    await page.locator('.ag-tooltip').waitFor({ state: 'detached' });
    await cell(page, unknown, 'round_trip_ratio').hover();
    await expect.poll(() => page.locator('.ag-tooltip').innerText()).toContain(`#${ids[5]} Epsilon Corp -> Zeta Labs investment (no amount)`);
    await page.mouse.move(2, 2);

    // Amounts show their basis and dates their precision.
    await showColumn(page, 'amount_usd');
    expect(await cell(page, atLeast, 'amount_usd').innerText()).toBe('≤ $40.0B');
    expect(await cell(page, unknown, 'amount_usd').innerText()).toBe('~$10.0B');
    await showColumn(page, 'announced');
    expect(await cell(page, unknown, 'announced').innerText()).toBe('Q3 2025');
  });

  it('a Kind filter keeps the pairs table, with the ratio the grid shows', async () => {
    const { page } = app;
    await testId(page, 'quick-filter').fill('purchase');
    await expect.poll(() => page.locator('.ag-row[row-id]').count()).toBeGreaterThan(0);
    const pair = page.locator('[data-testid="circularity-pair"][data-investor="Alpha Fund"]');
    await pair.waitFor();
    expect(await pair.locator('[data-testid="pair-ratio"]').innerText()).toBe(formatRoundTrip(row(ids[0]!).round_trip_ratio, 'exact'));
    await testId(page, 'quick-filter').fill('');

    // The Kind column's own filter: purchases only keeps every pair; investments only (purchases back hidden)
    // keeps each pair's ratio equal to the grid's Round trip cell.
    await showColumn(page, 'kind');
    await page.locator('.ag-header-cell[col-id="kind"] .ag-header-cell-filter-button').click();
    const kindFilter = page.locator('.ag-filter-body input').first();
    await kindFilter.fill('purchase');
    await expect.poll(() => page.locator('.ag-row[row-id] .ag-cell[col-id="kind"]').allInnerTexts()).not.toContain('investment');
    await expect.poll(() => page.locator('[data-testid="circularity-pair"]').count()).toBe(app.service.aggregates({}).pairs.length);
    expect(await pair.locator('[data-testid="pair-ratio"]').innerText()).toBe(formatRoundTrip(row(ids[0]!).round_trip_ratio, 'exact'));
    await kindFilter.fill('investment');
    await expect.poll(() => page.locator('.ag-row[row-id] .ag-cell[col-id="kind"]').allInnerTexts()).not.toContain('purchase');
    await showColumn(page, 'round_trip_ratio');
    for (const [investor, id] of [['Alpha Fund', ids[0]!], ['Gamma Capital', ids[2]!], ['Epsilon Corp', ids[4]!]] as const) {
      const ratio = page.locator(`[data-testid="circularity-pair"][data-investor="${investor}"] [data-testid="pair-ratio"]`);
      await expect.poll(() => ratio.innerText()).toBe(await cell(page, id, 'round_trip_ratio').innerText());
    }
    await showColumn(page, 'kind');
    // The filter's popup may still be open (scrolling the grid does not close it); a click would close it.
    if (!(await kindFilter.isVisible())) await page.locator('.ag-header-cell[col-id="kind"] .ag-header-cell-filter-button').click();
    await kindFilter.fill('');
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('.ag-row[row-id]').count()).toBeGreaterThan(BOOK.length - 1);
  });

  it('switching the scenario changes a round-trip cell, the exposure chart and says which is in force', async () => {
    const { page } = app;
    const id = ids[0]!;
    const base = row(id);
    const half = row(id, HALF);
    expect(half.round_trip_ratio).not.toBe(base.round_trip_ratio);
    const exposureOf = (scenario: string) => app.service.aggregates({ scenario }).exposure.find((e) => e.investor === 'Alpha Fund')!.exposure;
    expect(exposureOf(HALF)).not.toBe(exposureOf('Base'));
    await showColumn(page, 'round_trip_ratio');
    expect(await exposureTooltipAway(page, 'Alpha Fund', 'Exposure')).toBe(formatUsdExact(exposureOf('Base')));

    await choose(page, 'scenario', HALF);
    await expect.poll(() => cell(page, id, 'round_trip_ratio').innerText()).toBe(formatRoundTrip(half.round_trip_ratio, half.round_trip_basis));
    expect(await testId(page, 'charts-scenario').innerText()).toContain(HALF);
    expect(await exposureTooltipAway(page, 'Alpha Fund', 'Exposure')).toBe(formatUsdExact(exposureOf(HALF)));
  });

  it('remembers the scenario across a reload', async () => {
    const { page } = app;
    await settled(page);
    await expect.poll(() => app.service.getSetting({ key: 'view.scenario.v1' })).toBe(HALF);
    await app.open();
    await expect.poll(() => testId(page, 'scenario').inputValue()).toBe(HALF);
    const half = row(ids[0]!, HALF);
    await showColumn(page, 'round_trip_ratio');
    await expect.poll(() => cell(page, ids[0]!, 'round_trip_ratio').innerText()).toBe(formatRoundTrip(half.round_trip_ratio, half.round_trip_basis));
  });

  it("exports the grid's view under the scenario in force", async () => {
    const { page } = app;
    await expect.poll(() => testId(page, 'scenario').inputValue()).toBe(HALF);
    const [download] = await Promise.all([page.waitForEvent('download'), testId(page, 'export-csv').click()]);
    const lines = (await readFile((await download.path())!, 'utf8')).trimEnd().split('\r\n');
    const header = lines[0]!.split(',');
    const ratioOf = (id: number) => lines.find((line) => line.startsWith(`${id},`))!.split(',')[header.indexOf('round_trip_ratio')];
    const id = ids[0]!;
    expect(row(id, HALF).round_trip_ratio).not.toBe(row(id).round_trip_ratio);
    expect(ratioOf(id)).toBe(String(row(id, HALF).round_trip_ratio));
    expect(lines).toHaveLength(BOOK.length + 1);
  });

  it('compare mode shows both scenarios in the pairs table and the exposure chart', async () => {
    const { page } = app;
    await choose(page, 'scenario-compare', 'Base');
    const pair = page.locator('[data-testid="circularity-pair"][data-investor="Alpha Fund"]');
    await expect.poll(() => pair.locator('[data-testid="pair-ratio-compared"]').innerText()).toBe(formatRoundTrip(row(ids[0]!).round_trip_ratio, 'exact'));
    expect(await pair.locator('[data-testid="pair-ratio"]').innerText()).toBe(formatRoundTrip(row(ids[0]!, HALF).round_trip_ratio, 'exact'));
    expect(await pair.locator('[data-testid="pair-ratio-change"]').innerText()).toMatch(/^[+−]\d/);
    expect(await testId(page, 'charts-scenario').innerText()).toBe(`Scenario ${HALF}, compared with Base`);
    expect(await testId(page, 'chart-exposure').locator('.charts-ghost-marker').count()).toBeGreaterThan(0);
    await choose(page, 'scenario-compare', '');
    await expect.poll(() => testId(page, 'chart-exposure').locator('.charts-ghost-marker').count()).toBe(0);
  });

  it('the editor refuses bad values with a message and saves good ones', async () => {
    const { page } = app;
    await testId(page, 'edit-scenarios').click();
    const editor = testId(page, 'scenario-editor');
    await editor.getByRole('button', { name: 'Firm only' }).click();
    await testId(page, 'scenario-up-to').fill('1.5');
    await testId(page, 'scenario-save').click();
    await expect.poll(() => testId(page, 'scenario-error').innerText()).toContain('up_to_factor');
    expect(app.service.listScenarios({}).find((s) => s.name === 'Firm only')!.up_to_factor).toBe(1);
    await testId(page, 'scenario-up-to').fill('0.5');
    await testId(page, 'scenario-save').click();
    await expect.poll(() => app.service.listScenarios({}).find((s) => s.name === 'Firm only')!.up_to_factor).toBe(0.5);
    await expect.poll(() => testId(page, 'scenario-error').count()).toBe(0);
    await testId(page, 'scenario-editor-close').click();
  });

  it('the recipients chart shows what flows back and clicks through to the grid', async () => {
    const { page } = app;
    const chart = testId(page, 'chart-recipients');
    const label = chart.locator('text[data-name="Beta Labs"]');
    await label.waitFor();
    const recipient = app.service.aggregates({ scenario: HALF }).recipients.find((r) => r.recipient === 'Beta Labs')!;
    expect(recipient.paid_back).toBeGreaterThan(0);
    expect(await label.getAttribute('data-share')).not.toBe('');
    await label.click();
    await expect.poll(() => testId(page, 'deal-filter-chip').innerText()).toContain('Beta Labs');
    const shown = () => page.locator('.ag-row[row-id]').evaluateAll((rs) =>
      [...new Set(rs.map((r) => r.getAttribute('row-id')).filter((id) => id !== null && /^\d+$/.test(id)).map(Number))].sort((a, b) => a - b));
    await expect.poll(shown).toEqual([ids[0]!, ids[1]!]);
  });
});
