import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { commitmentsByAnnouncement, exposureByInvestor, reciprocalPairs, recipientsOf, type CommitmentPeriod } from '../../shared/analytics/aggregates';
import { materialStart } from '../../renderer/charts/time-window';
import { foldExposure, formatUsdExact, investorDealIds } from '../../renderer/charts/chart-data';
import type { DealRow } from '../../shared/model/deal';
import { formatMoney, formatShare } from '../../shared/model/format';
import { partyKey } from '../../shared/model/deal';
import { matchesQuickFilter, quickFilterWords } from '../../shared/model/quick-filter';
import { launchApp, type App } from './harness';
import { pairCells } from '../../shared/analytics/pair-text';
import { CHARTS_KEY } from '../../renderer/book/window-settings';
import { exposureTooltip } from './chart-helpers';
import { cell, settled, showColumn, testId } from './grid-helpers';

// The charts pane over the embedded sample book, driven as an analyst would: through the grid and the charts.
// Every expected number is computed with the shared aggregate functions from what the service stores.

const TOP = 12; // the exposure chart's default "Top 12"

/** Ids of the rows the grid has rendered (the test books are small enough for all of them to render). */
async function gridIds(page: Page): Promise<number[]> {
  // A row can appear once per column container (pinned and centre), hence the Set.
  const ids = await page.locator('.ag-row[row-id]').evaluateAll((rows) => rows.map((r) => r.getAttribute('row-id')));
  return [...new Set(ids.filter((id) => id !== null && /^\d+$/.test(id)).map(Number))].sort((a, b) => a - b);
}

/** Investor names on the exposure chart's axis, top to bottom. */
async function exposureInvestors(page: Page): Promise<string[]> {
  return page.locator('[data-testid="chart-exposure"] text[data-name]').evaluateAll((ts) => ts.map((t) => t.getAttribute('data-name') ?? ''));
}

/** Hover the commitments bar of the first period and read a tooltip line (exact dollars). */
async function commitmentsTooltip(page: Page, line: string): Promise<string> {
  const chart = testId(page, 'chart-commitments');
  const bar = (await chart.locator('.recharts-bar-rectangle').first().boundingBox())!;
  await page.mouse.move(bar.x + bar.width / 2, bar.y + Math.min(bar.height / 2, 10));
  const value = chart.locator(`.charts-tooltip tr[data-line="${line}"] .exact`);
  await value.waitFor();
  // The bar hovered is the first drawn: its period is the tooltip's title, checked to be in the default view.
  const title = await chart.locator('.charts-tooltip-title').innerText();
  const period = commitmentsByAnnouncement(dealsNow(), 'quarter').find((p) => p.period === title);
  const first = firstShownPeriod();
  expect(period && first && period.period >= first.period).toBe(true);
  return `${title}: ${await value.innerText()}`;
}

/** The first period the commitments chart draws a bar for: its time axis starts where the money does. */
function firstShownPeriod(): CommitmentPeriod | undefined {
  const periods = commitmentsByAnnouncement(dealsNow(), 'quarter');
  return periods.slice(materialStart(periods.map((p) => p.total))).find((p) => p.total > 0);
}

let dealsNow: () => DealRow[] = () => [];

/** What the first drawn bar's tooltip must say: the first period in view with an investment (the first series). */
function firstBarTotal(): string {
  const periods = commitmentsByAnnouncement(dealsNow(), 'quarter');
  const p = periods.slice(materialStart(periods.map((x) => x.total))).find((x) => (x.byKey.investment ?? 0) > 0)!;
  return `${p.period}: ${formatUsdExact(p.total)}`;
}

async function moveAway(page: Page): Promise<void> {
  await page.mouse.move(2, 2);
}

describe('charts pane in browser mode', () => {
  let app: App;
  const deals = (): DealRow[] => app.service.listDeals({});
  dealsNow = deals;

  beforeAll(async () => {
    // As a new book opens: with the charts pane, no click needed.
    app = await launchApp({ viewport: { width: 1600, height: 1400 }, charts: true });
    await testId(app.page, 'chart-exposure').locator('.recharts-bar-rectangle').first().waitFor();
  });
  afterAll(async () => app?.close());

  it('draws both charts for the sample book', async () => {
    const { page } = app;
    await expect.poll(() => testId(page, 'chart-commitments').locator('.recharts-bar-rectangle').count()).toBeGreaterThan(0);
    await expect.poll(() => testId(page, 'chart-commitments').locator('.recharts-line').count()).toBe(1);
    expect(await testId(page, 'chart-exposure').locator('.recharts-bar-rectangle').count()).toBeGreaterThan(0);
    expect(await exposureInvestors(page)).toEqual(foldExposure(exposureByInvestor(deals()), TOP).map((b) => b.investor));
    expect(await commitmentsTooltip(page, 'Total')).toBe(firstBarTotal());
    await moveAway(page);
  });

  it('shows each sample deal\'s source as a link and its notes, without asking for the columns', async () => {
    const { page } = app;
    await showColumn(page, 'source_url');
    // A drawn row whose deal has a source (the grid draws only the rows in view).
    const drawn = await gridIds(page);
    const deal = deals().find((d) => drawn.includes(d.id) && d.source_url !== null && d.notes !== null)!;
    expect(deal).toBeDefined();
    expect(await cell(page, deal.id, 'source_url').locator('a.url-cell').getAttribute('href')).toBe(deal.source_url);
    await showColumn(page, 'notes');
    expect(await cell(page, deal.id, 'notes').innerText()).toContain(deal.notes!.slice(0, 40));
    await showColumn(page, 'announced');
  });

  it('marks a period holding deals dated only by a longer one (~) on the commitments axis', async () => {
    const { page } = app;
    const periods = commitmentsByAnnouncement(deals(), 'quarter');
    const inView = periods.slice(materialStart(periods.map((p) => p.total)));
    const marked = inView.filter((p) => p.approximate > 0);
    // The sample has year-only deals (seed articles), so a quarter view must mark some period.
    expect(marked.length).toBeGreaterThan(0);
    const chart = testId(page, 'chart-commitments');
    for (const p of marked) {
      const tick = chart.locator(`text[data-period="${p.period}"]`);
      if (!(await tick.count())) continue; // the axis may skip a crowded label
      expect(await tick.getAttribute('data-approximate')).toBe(String(p.approximate));
      expect(await tick.textContent()).toContain(`~${p.period}`);
    }
    const shownMarks = await chart.locator('text[data-approximate]').evaluateAll((ts) => ts.map((t) => t.getAttribute('data-period')));
    expect(shownMarks.length).toBeGreaterThan(0);
    expect(shownMarks.every((label) => marked.some((p) => p.period === label))).toBe(true);
  });

  it('shows money whose split is not known as its own hatched segment, and counts undisclosed deals (+N)', async () => {
    const { page } = app;
    const chart = testId(page, 'chart-exposure');
    const bars = foldExposure(exposureByInvestor(deals()), TOP).filter((b) => !b.folded);
    // The sample must hold both, or this test proves nothing.
    const unsplit = bars.find((b) => b.invested_unsplit > 0 && b.invested_cash + b.invested_credit === 0)!;
    expect(unsplit).toBeDefined();
    expect(await chart.locator('.charts-unsplit .recharts-bar-rectangle').count()).toBeGreaterThan(0);
    expect(await exposureTooltip(page, unsplit.investor, 'Split not known')).toBe(formatUsdExact(unsplit.invested_unsplit));
    expect(await chart.locator('.charts-tooltip tr[data-line="Other"] .exact').innerText()).toBe(formatUsdExact(unsplit.invested_other));
    await moveAway(page);
    // `returned` with its basis: a floor reads ≥, an unknown ?.
    for (const basis of ['at_least', 'unknown'] as const) {
      const b = bars.find((x) => x.returned > 0 && x.returned_basis === basis)!;
      expect(b, basis).toBeDefined();
      await exposureTooltip(page, b.investor, 'Returned');
      expect(await chart.locator('.charts-tooltip tr[data-line="Returned"] td.num').first().innerText()).toBe(`${basis === 'at_least' ? '≥' : '?'} ${formatMoney(b.returned)}`);
      await moveAway(page);
    }
    const undisclosed = bars.filter((b) => b.undisclosed > 0);
    expect(undisclosed.length).toBeGreaterThan(0);
    for (const b of bars) {
      const mark = chart.locator(`text[data-name="${b.investor}"] tspan[data-undisclosed]`);
      if (b.undisclosed > 0) {
        expect(await mark.textContent(), b.investor).toBe(` +${b.undisclosed}`);
        expect(await chart.locator(`text[data-name="${b.investor}"] > title`).textContent()).toContain(`+${b.undisclosed} undisclosed`);
      }
      else expect(await mark.count(), b.investor).toBe(0);
    }
  });

  it('follows an amount typed into the grid', async () => {
    const { page } = app;
    const target = deals().find((d) => d.from_party === 'Amazon' && d.to_party === 'OpenAI' && d.kind === 'investment')!;
    const before = exposureByInvestor(deals()).find((e) => e.investor === 'Amazon')!;
    expect(await exposureTooltip(page, 'Amazon', 'Exposure')).toBe(formatUsdExact(before.exposure));
    await moveAway(page);

    const amount = cell(page, target.id, 'amount_usd');
    await amount.scrollIntoViewIfNeeded();
    await amount.dblclick();
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type('650B');
    await page.keyboard.press('Enter');
    await settled(page);
    await expect.poll(() => deals().find((d) => d.id === target.id)!.amount_usd).toBe(650e9);

    const after = exposureByInvestor(deals()).find((e) => e.investor === 'Amazon')!;
    expect(after.exposure).toBe(before.exposure + 600e9);
    await expect.poll(() => exposureTooltip(page, 'Amazon', 'Exposure')).toBe(formatUsdExact(after.exposure));
    await moveAway(page);
    // Now the largest investor by far, so first on the axis.
    expect((await exposureInvestors(page))[0]).toBe('Amazon');
    expect(await commitmentsTooltip(page, 'Total')).toBe(firstBarTotal());
    await moveAway(page);
  });

  it('follows the grid\'s quick filter', async () => {
    const { page } = app;
    const all = await exposureInvestors(page);
    await testId(page, 'quick-filter').fill('openai');
    const shown = deals().filter((d) => matchesQuickFilter(d, quickFilterWords('openai')));
    // v2: sums over the rows shown, pair-level values (returned) from every counted row of the pair.
    const context = { shown: new Set(shown.map((d) => d.id)) };
    const expected = foldExposure(exposureByInvestor(deals(), context), TOP).map((b) => b.investor);
    expect(expected).not.toEqual(all);
    await expect.poll(() => exposureInvestors(page)).toEqual(expected);
    await expect.poll(() => page.locator('[data-testid="circularity-pair"]').count()).toBe(reciprocalPairs(deals(), context).length);
    await testId(page, 'quick-filter').fill('');
    await expect.poll(() => exposureInvestors(page)).toEqual(all);
  });

  it('filters the grid to an investor\'s deals on click, and back on a second click', async () => {
    const { page } = app;
    // The grid draws only the rows in view (the sample book is longer than the grid is high): count by the status bar.
    const all = deals().length;
    await expect.poll(() => testId(page, 'status-bar').innerText()).toContain(`${all} of ${all} deals`);
    const expected = investorDealIds(deals(), ['Amazon']);
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.length).toBeLessThan(all);

    // Point at Amazon's band (the tooltip names it), then click there.
    const chart = testId(page, 'chart-exposure');
    await exposureTooltip(page, 'Amazon', 'Exposure');
    expect(await chart.locator('.charts-tooltip-title').innerText()).toBe('Amazon');
    await page.mouse.down();
    await page.mouse.up();
    await expect.poll(() => gridIds(page)).toEqual(expected);
    expect(await testId(page, 'charts-filter').innerText()).toContain('Amazon');
    await expect.poll(() => exposureInvestors(page)).toEqual(['Amazon']);
    expect(await chart.locator('text[data-name="Amazon"]').getAttribute('data-selected')).toBe('true');

    // A click on the investor's name works too, and clears the filter again.
    await chart.locator('text[data-name="Amazon"]').click();
    await expect.poll(() => testId(page, 'status-bar').innerText()).toContain(`${all} of ${all} deals`);
    expect(await testId(page, 'charts-filter').innerText()).not.toContain('Amazon');
  });

  it('lists the reciprocal pairs of the book, and filters the grid to a pair\'s deals', async () => {
    const { page } = app;
    const pairs = reciprocalPairs(deals());
    expect(pairs.length).toBeGreaterThan(0);
    const rows = testId(page, 'circularity').locator('[data-testid="circularity-pair"]');
    await expect.poll(() => rows.count()).toBe(pairs.length);
    for (const [i, p] of pairs.entries()) {
      const row = rows.nth(i);
      expect(await row.getAttribute('data-investor')).toBe(p.investor);
      expect(await row.getAttribute('data-investee')).toBe(p.investee);
      const cells = await row.locator('td').allInnerTexts();
      expect(cells.slice(1)).toEqual([
        ...pairCells(p),
        p.undisclosed_legs > 0 ? `${p.undisclosed_legs} undisclosed` : '',
      ]);
    }
    await rows.first().click();
    await expect.poll(() => gridIds(page)).toEqual(pairs[0]!.dealIds);
    await rows.first().click();
    await expect.poll(async () => (await gridIds(page)).length).toBeGreaterThan(pairs[0]!.dealIds.length);
  });

  it('follows a column filter', async () => {
    const { page } = app;
    const all = foldExposure(exposureByInvestor(deals()), TOP).map((b) => b.investor);
    await expect.poll(() => exposureInvestors(page)).toEqual(all);
    await page.locator('.ag-header-cell[col-id="from_party"] .ag-header-cell-filter-button').click();
    await page.locator('.ag-filter-body input').first().fill('Amazon');
    const shown = deals().filter((d) => d.from_party.toLowerCase().includes('amazon'));
    expect(shown.length).toBeGreaterThan(0);
    await expect.poll(() => gridIds(page)).toEqual(shown.map((d) => d.id).sort((a, b) => a - b));
    await expect.poll(() => exposureInvestors(page)).toEqual(foldExposure(exposureByInvestor(shown), TOP).map((b) => b.investor));
    await page.locator('.ag-filter-body input').first().fill('');
    await page.keyboard.press('Escape');
    await expect.poll(() => exposureInvestors(page)).toEqual(all);
  });

  it('closes with toggle-charts, and the book remembers it', async () => {
    const { page } = app;
    await testId(page, 'toggle-charts').click();
    await expect.poll(() => testId(page, 'chart-commitments').count()).toBe(0);
    await expect.poll(() => app.service.getSetting({ key: CHARTS_KEY })).toBe('closed');
    await app.open();
    expect(await testId(page, 'toggle-charts').getAttribute('aria-pressed')).toBe('false');
    expect(await testId(page, 'chart-exposure').count()).toBe(0);
    await testId(page, 'toggle-charts').click();
    await testId(page, 'chart-exposure').locator('.recharts-bar-rectangle').first().waitFor();
    await expect.poll(() => app.service.getSetting({ key: CHARTS_KEY })).toBe('open');
    await app.open();
    await testId(page, 'chart-commitments').locator('.recharts-bar-rectangle').first().waitFor();
  });

  it('shows money received per recipient with the share paid back, and clicks through to its deals (last: it scrolls the pane)', async () => {
    const { page } = app;
    const chart = testId(page, 'chart-recipients');
    await chart.scrollIntoViewIfNeeded();
    const recipients = recipientsOf(deals());
    const anthropic = recipients.find((r) => r.recipient === 'Anthropic')!;
    expect(anthropic.paid_back).toBeGreaterThan(0);
    const label = chart.locator('text[data-name="Anthropic"]');
    await label.waitFor();
    const prefix = anthropic.basis === 'at_least' ? '≥ ' : anthropic.basis === 'unknown' ? '? ' : '';
    expect(await label.getAttribute('data-share')).toBe(`${prefix}${formatShare(anthropic.paid_back_share)}`);
    const names = await chart.locator('text[data-name]').evaluateAll((ts) => ts.map((t) => t.getAttribute('data-name')));
    expect(names).toEqual(recipients.slice(0, 12).map((r) => r.recipient));

    await label.click();
    const key = partyKey('Anthropic');
    const expected = deals().filter((d) => (d.kind === 'investment' && partyKey(d.to_party) === key) || (d.kind === 'purchase' && partyKey(d.from_party) === key)).map((d) => d.id).sort((a, b) => a - b);
    await expect.poll(() => gridIds(page)).toEqual(expected);
    await label.click();
    const all = deals().length;
    await expect.poll(() => testId(page, 'status-bar').innerText()).toContain(`${all} of ${all} deals`);
  });
});
