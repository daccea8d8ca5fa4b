import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { commitmentsByAnnouncement, disbursementByYear } from '../../shared/analytics/aggregates';
import { formatUsdExact } from '../../renderer/charts/chart-data';
import type { RawValues } from '../../shared/protocol/contract';
import { searchCycles } from '../../shared/analytics/cycles';
import { formatMoney } from '../../shared/model/format';
import type { Scenario } from '../../shared/model/scenario';
import type { App } from './harness';
import { launchWith, testId } from './grid-helpers';

// Compare mode on every chart, the network and the circularity panel, in real Chromium: choose a second scenario
// and each shows both, names both, and its export says so. Expected numbers come from the service's scenarios
// through the shared functions.

const BOOK: RawValues[] = [
  // A loop Alpha -> Beta -> Delta -> Alpha whose smallest edge is the investment with credits (so it moves with the
  // credit drawdown), signed so "Firm only" keeps it.
  { announced: '2025-03-01', from_party: 'Alpha Fund', to_party: 'Beta Labs', kind: 'investment', status: 'signed', amount_usd: '100B', cash_usd: '80B', credit_usd: '20B' },
  { announced: '2025-03-02', from_party: 'Beta Labs', to_party: 'Alpha Fund', kind: 'purchase', status: 'signed', amount_usd: '30B' },
  { announced: '2025-06-01', from_party: 'Beta Labs', to_party: 'Delta AI', kind: 'purchase', status: 'signed', amount_usd: '120B' },
  { announced: '2025-06-02', from_party: 'Delta AI', to_party: 'Alpha Fund', kind: 'purchase', status: 'signed', amount_usd: '150B' },
  // Only announced: gone under "Firm only", there under Base.
  { announced: '2025-05-01', from_party: 'Gamma Capital', to_party: 'Delta AI', kind: 'investment', amount_usd: '40B', cash_usd: '30B', credit_usd: '10B' },
  { announced: '2025-05-02', from_party: 'Delta AI', to_party: 'Gamma Capital', kind: 'purchase', amount_usd: '10B' },
  // Keeps Gamma Capital in the network under "Firm only".
  { announced: '2025-09-01', from_party: 'Gamma Capital', to_party: 'Beta Labs', kind: 'infrastructure', status: 'closed', amount_usd: '5B', term_years: '2' },
];

const HALF = 'Half the credits drawn';
const FIRM = 'Firm only';

async function choose(page: Page, id: string, value: string): Promise<void> {
  await testId(page, id).selectOption(value);
}

/** Hover the middle of a chart element and read one tooltip line's exact dollars; the mouse then moves away. */
async function tooltipLine(page: Page, chart: string, target: string, line: string): Promise<string> {
  const box = (await testId(page, chart).locator(target).first().boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  const value = testId(page, chart).locator(`.charts-tooltip tr[data-line="${line}"] .exact`);
  await value.waitFor();
  const text = await value.innerText();
  await page.mouse.move(2, 2);
  await testId(page, chart).locator('.charts-tooltip tr').first().waitFor({ state: 'detached' }).catch(() => undefined);
  return text;
}

const legend = (page: Page, chart: string): Promise<string[]> => testId(page, chart).locator('.charts-legend li').allInnerTexts();

describe('compare mode: both scenarios in every chart', () => {
  let app: App;
  const scenario = (name: string): Scenario => app.service.listScenarios({}).find((s) => s.name === name)!;
  const deals = () => app.service.listDeals({});

  beforeAll(async () => {
    ({ app } = await launchWith(BOOK, { charts: true, viewport: { width: 1500, height: 2600 } }));
    app.service.setScenario({ name: HALF, credit_drawdown: 0.5 });
    app.service.setScenario({ name: FIRM, status_weight: { rumored: 0, announced: 0 } });
    await app.open();
    await testId(app.page, 'chart-exposure').locator('.recharts-bar-rectangle').first().waitFor();
    await choose(app.page, 'scenario', HALF);
    await choose(app.page, 'scenario-compare', 'Base');
    await app.page.waitForFunction((want) => document.querySelector('[data-testid="charts-scenario"]')?.textContent === want, `Scenario ${HALF}, compared with Base`);
  });
  afterAll(async () => app?.close());

  it('the commitments chart pairs each bar with the compared total, announced and disbursed', async () => {
    const { page } = app;
    const chart = testId(page, 'chart-commitments');
    const base = commitmentsByAnnouncement(deals(), 'quarter', 'kind', 8, { scenario: scenario('Base') });
    const half = commitmentsByAnnouncement(deals(), 'quarter', 'kind', 8, { scenario: scenario(HALF) });
    expect(base[0]!.total).not.toBe(half[0]!.total);
    await expect.poll(() => chart.locator('.charts-compared-bar').count()).toBe(base.filter((p) => p.total > 0).length);
    expect(await tooltipLine(page, 'chart-commitments', '.charts-compared-bar', 'Total under Base')).toBe(formatUsdExact(base[0]!.total));
    expect(await tooltipLine(page, 'chart-commitments', '.charts-compared-bar', 'Total')).toBe(formatUsdExact(half[0]!.total));
    expect(await tooltipLine(page, 'chart-commitments', '.charts-compared-bar', 'Change')).toBe(`−${formatUsdExact(base[0]!.total - half[0]!.total)}`);
    expect(await chart.locator('.charts-compared-cumulative').count()).toBe(1);
    expect(await legend(page, 'chart-commitments')).toEqual(expect.arrayContaining(['Total under Base (compared)', 'Cumulative under Base']));
    expect(await chart.locator('.charts-card-note').innerText()).toContain(`Scenario ${HALF}, compared with Base`);

    await chart.locator('[data-testid="commitments-view"] [data-value="disbursed"]').click();
    const years = disbursementByYear(deals(), { scenario: scenario('Base') });
    await expect.poll(() => chart.locator('.charts-compared-bar').count()).toBe(years.filter((y) => y.amount > 0).length);
    expect(await tooltipLine(page, 'chart-commitments', '.charts-compared-bar', 'Total under Base')).toBe(formatUsdExact(years[0]!.amount));
    await chart.locator('[data-testid="commitments-view"] [data-value="announced"]').click();
  });

  it('the exposure and recipients charts mark the compared value on each bar, named in legend and tooltip', async () => {
    const { page } = app;
    const base = app.service.aggregates({ scenario: 'Base' });
    const exposure = base.exposure.find((e) => e.investor === 'Alpha Fund')!.exposure;
    expect(await testId(page, 'chart-exposure').locator('.charts-ghost-marker').count()).toBeGreaterThan(0);
    expect(await legend(page, 'chart-exposure')).toContain('Exposure under Base (compared)');
    const alpha = testId(page, 'chart-exposure').locator('text[data-name="Alpha Fund"]');
    const label = (await alpha.boundingBox())!;
    const plot = (await testId(page, 'chart-exposure').locator('.recharts-cartesian-grid').boundingBox())!;
    await page.mouse.move(plot.x + plot.width * 0.6, label.y + label.height / 2);
    const line = testId(page, 'chart-exposure').locator('.charts-tooltip tr[data-line="Exposure under Base"] .exact');
    await expect.poll(() => line.innerText()).toBe(formatUsdExact(exposure));
    await page.mouse.move(2, 2);

    const recipients = testId(page, 'chart-recipients');
    const received = base.recipients.find((r) => r.recipient === 'Beta Labs')!.received;
    await expect.poll(() => recipients.locator('.charts-ghost-marker').count()).toBeGreaterThan(0);
    expect(await legend(page, 'chart-recipients')).toContain('Received under Base (compared)');
    expect(await tooltipLine(page, 'chart-recipients', '.charts-ghost-marker', 'Received under Base')).toBe(formatUsdExact(received));
  });

  it('the circularity panel names both scenarios and gives each cycle its compared value', async () => {
    const { page } = app;
    expect(await testId(page, 'circularity-scenario').innerText()).toContain(`Scenario ${HALF}, compared with Base`);
    // The pairs table heads each ratio with its scenario, then the change.
    const heads = await testId(page, 'circularity-pairs').locator('th').allInnerTexts();
    expect(heads.map((h) => h.replace(/\s+/g, ' ').trim())).toEqual(expect.arrayContaining([`Ratio ${HALF}`, 'Ratio Base', 'Change']));
    const [base] = searchCycles(deals(), { minLength: 3, maxLength: 5, context: { scenario: scenario('Base') } }).cycles;
    const [half] = searchCycles(deals(), { minLength: 3, maxLength: 5, context: { scenario: scenario(HALF) } }).cycles;
    expect(base!.value).not.toBe(half!.value);
    const cycle = testId(page, 'circularity-cycle').first();
    expect(await cycle.innerText()).toContain(formatMoney(half!.value));
    expect(await cycle.locator('[data-testid="cycle-value-compared"]').innerText()).toBe(`Base: ${formatMoney(base!.value)} (−${formatMoney(base!.value - half!.value)})`);
    await choose(page, 'scenario-compare', '');
    await expect.poll(() => page.locator('[data-testid="cycle-value-compared"]').count()).toBe(0);
    expect(await testId(page, 'circularity-scenario').innerText()).toContain(`Scenario ${HALF}.`);
    await choose(page, 'scenario-compare', 'Base');
  });

  it('the network rings each party at its compared exposure and draws flows only the compared scenario has', async () => {
    const { page } = app;
    const network = testId(page, 'chart-network');
    await choose(page, 'scenario', FIRM);
    await choose(page, 'scenario-compare', 'Base');
    await expect.poll(() => network.locator('.charts-card-note').innerText()).toContain(`Scenario ${FIRM}, compared with Base`);
    // Gamma Capital and Delta AI deal only as announced: no flow either way under "Firm only", dashed ones from Base.
    const gone = network.locator('[data-testid="network-edge-compared"] title');
    await expect.poll(async () => (await gone.allTextContents()).sort()).toEqual([
      'Delta AI → Gamma Capital: no flow under this scenario; $10.0B under Base',
      'Gamma Capital → Delta AI: no flow under this scenario; $40.0B under Base',
    ]);
    // Gamma Capital invests only under Base: a ring with no disc of exposure under it.
    expect(await network.locator('[data-testid="network-node"][data-name="Gamma Capital"] [data-testid="network-node-compared"]').count()).toBe(1);
    expect(await network.locator('[data-testid="network-node"][data-name="Alpha Fund"] title').textContent()).toMatch(/; under Base: \$100\.0B$/);
    expect(await legend(page, 'chart-network')).toEqual(expect.arrayContaining(['Exposure under Base (compared)', 'Flow only under Base']));
    await choose(page, 'scenario-compare', '');
    await expect.poll(() => network.locator('[data-testid="network-edge-compared"], [data-testid="network-node-compared"]').count()).toBe(0);
    expect(await network.locator('.charts-card-note').innerText()).toContain(`Scenario ${FIRM}.`);
    await choose(page, 'scenario', HALF);
    await choose(page, 'scenario-compare', 'Base');
  });

  it('every chart export of a compared chart says so in its title and legend', async () => {
    const { page } = app;
    await expect.poll(() => testId(page, 'charts-scenario').innerText()).toBe(`Scenario ${HALF}, compared with Base`);
    for (const [chart, title, entry] of [
      ['chart-commitments', 'Commitments by announcement', 'Total under Base (compared)'],
      ['chart-exposure', 'Exposure per investor', 'Exposure under Base (compared)'],
      ['chart-recipients', 'Money received per recipient', 'Received under Base (compared)'],
      ['chart-network', 'Money-flow network', 'Flow only under Base'],
    ] as const) {
      const [file] = await Promise.all([page.waitForEvent('download'), testId(page, `${chart}-export-svg`).click()]);
      const text = readFileSync((await file.path())!, 'utf8');
      const texts = await page.evaluate((markup) => {
        const doc = new DOMParser().parseFromString(markup, 'image/svg+xml');
        return [...doc.querySelectorAll('svg > text, svg > g > text')].map((t) => t.textContent ?? '');
      }, text);
      expect(texts[0]).toBe(`${title} (Scenario ${HALF}, compared with Base)`);
      expect(texts).toContain(entry);
    }
  });

  it('a chart CSV names the scenario on every row, and in compare mode the compared one with its values and the change', async () => {
    const { page } = app;
    const csv = async (chart: string) => {
      const [file] = await Promise.all([page.waitForEvent('download'), testId(page, `${chart}-export-csv`).click()]);
      const lines = readFileSync((await file.path())!, 'utf8').trimEnd().split('\r\n').map((l) => l.split(','));
      return { name: file.suggestedFilename(), header: lines[0]!, rows: lines.slice(1).map((cells) => Object.fromEntries(lines[0]!.map((h, i) => [h, cells[i]!]))) };
    };
    const base = app.service.aggregates({ scenario: 'Base' }).exposure.find((e) => e.investor === 'Alpha Fund')!;
    const half = app.service.aggregates({ scenario: HALF }).exposure.find((e) => e.investor === 'Alpha Fund')!;
    const exposure = await csv('chart-exposure');
    expect(exposure.name).toBe('exposure.csv');
    expect(exposure.header.slice(-3)).toEqual(['compared_scenario', 'compared_exposure', 'change']);
    const alpha = exposure.rows.find((r) => r.investor === 'Alpha Fund')!;
    expect([alpha.scenario, Number(alpha.exposure), alpha.compared_scenario, Number(alpha.compared_exposure), Number(alpha.change)])
      .toEqual([HALF, half.exposure, 'Base', base.exposure, half.exposure - base.exposure]);

    const commitments = await csv('chart-commitments');
    const quarters = commitmentsByAnnouncement(deals(), 'quarter', 'kind', 8, { scenario: scenario('Base') });
    expect(commitments.rows.map((r) => [r.period, Number(r.compared_total)])).toEqual(quarters.map((q) => [q.period, q.total]));
    expect(new Set(commitments.rows.map((r) => `${r.scenario}/${r.compared_scenario}`))).toEqual(new Set([`${HALF}/Base`]));
    const recipients = await csv('chart-recipients');
    expect(recipients.header).toContain('compared_received');

    await choose(page, 'scenario-compare', '');
    await expect.poll(() => testId(page, 'charts-scenario').innerText()).toBe(`Scenario ${HALF}`);
    const plain = await csv('chart-exposure');
    expect(plain.header).not.toContain('compared_scenario');
    expect(plain.rows.find((r) => r.investor === 'Alpha Fund')!.scenario).toBe(HALF);
    await choose(page, 'scenario-compare', 'Base');
  });
});
