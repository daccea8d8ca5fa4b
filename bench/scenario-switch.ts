// Switching the scenario in the window: Enter on the scenario select to the next frame that shows the new values
// in the grid's ƒ cells and every open chart, beside the floor (the same recompute with only the shared functions,
// in Node). Run by bench/run.ts at each size; alone: `npx tsx bench/scenario-switch.ts` (100k deals).
// Two windows: one as the app runs (it computes the likely next scenarios' numbers ahead in idle time; the switches
// start after it has sat idle for a few seconds), and one opened with `&precompute=off`, switched right after it
// opens (the cold numbers: nothing computed ahead, as every run before precompute measured).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { computeAggregates } from '../shared/analytics/aggregates';
import { searchCycles } from '../shared/analytics/cycles';
import type { DealRow } from '../shared/model/deal';
import { formatRoundTrip } from '../shared/model/format';
import { deriveRows } from '../shared/analytics/metrics';
import type { Scenario } from '../shared/model/scenario';
import { startHttpServer } from '../electron/transports/http-server';
import type { ServiceWithInternals as Service } from '../electron/service/service';
import { CHROMIUM, CHROMIUM_ARGS, RENDERER_DIR } from '../test/e2e/harness';

export type SwitchNumbers = {
  /** As the app runs: switches after the window sat idle IDLE_MS after opening (numbers computed ahead by then). */
  p50: number;
  p95: number;
  /** With nothing computed ahead (`&precompute=off`), the switches right after opening: the first is cold. */
  coldP50: number;
  coldP95: number;
  coldFirstMs: number;
  compareP50: number;
  compareP95: number;
  floorMs: number;
  baseFloorMs: number;
  compareFloorMs: number;
  /** The first switch of each mode: the window has computed nothing under that scenario for these rows yet. */
  firstMs: number;
  compareFirstMs: number;
  /** To the frame after every chart card shows the scenario, those scrolled out of view too (they follow the frame). */
  allCardsP50: number;
  allCardsP95: number;
};

const HALF = 'Bench: half the credits drawn';
const FIRM = 'Bench: signed and closed only';
// 20, not 8: the p95 of 8 switches is their slowest one (a single GC or a busy moment of the machine decides it);
// of 20 it is the 19th, as a p95 means.
const SWITCHES = 20;
/** How long the window as the app runs sits idle after opening before the first switch (an analyst reading it). */
export const IDLE_MS = 3000;

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** The floor: derive every row and compute the aggregates and cycles under the scenario, best of five. */
function floor(deals: DealRow[], scenarios: Scenario[]): number {
  let best = Infinity;
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    for (const scenario of scenarios) {
      deriveRows(deals, { scenario });
      computeAggregates(deals, { scenario });
      searchCycles(deals, { minLength: 3, maxLength: 5, limit: 20, context: { scenario } });
    }
    best = Math.min(best, performance.now() - t0);
  }
  return best;
}

/**
 * One switch: select the scenario (as Enter on the select does) and time to the frame after the grid cell and the
 * charts show it; then on to the frame after the last card (circularity, the lowest but the network, which
 * follows in the same update) shows it too.
 */
async function switchTo(page: Page, name: string, cell: string, shown: string): Promise<[number, number]> {
  return page.evaluate(
    ({ name, cell, shown }) =>
      new Promise<[number, number]>((resolve) => {
        const select = document.querySelector<HTMLSelectElement>('[data-testid="scenario"]')!;
        const says = (testId: string) => (document.querySelector(`[data-testid="${testId}"]`)?.textContent ?? '').startsWith(`Scenario ${name}`);
        const done = () => document.querySelector(cell)?.textContent === shown && says('charts-scenario');
        const t0 = performance.now();
        let frame: number | null = null;
        let shownAt = false;
        const check = () => {
          if (!shownAt && done()) {
            shownAt = true;
            requestAnimationFrame(() => void (frame = performance.now() - t0));
          }
          if (!says('circularity-scenario')) return false;
          observer.disconnect();
          requestAnimationFrame(() => resolve([frame ?? performance.now() - t0, performance.now() - t0]));
          return true;
        };
        const observer = new MutationObserver(check);
        observer.observe(document.body, { childList: true, subtree: true, characterData: true });
        setTimeout(() => resolve([frame ?? Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY]), 20_000);
        select.value = name;
        select.dispatchEvent(new Event('change', { bubbles: true }));
      }),
    { name, cell, shown },
  );
}

type Rows = Map<number, DealRow>;

/** A window on the book with the charts open and the round-trip column shown; `query` is added to its address. */
async function openWindow(browser: Browser, url: string, query: string): Promise<Page> {
  const page = await (await browser.newContext({ viewport: { width: 1600, height: 1000 } })).newPage();
  await page.addInitScript('window.__name = (f) => f');
  await page.goto(url + query);
  // Every open chart is part of the switch: open the pane if an earlier measure (the push one) left it closed.
  await page.locator('.ag-row[row-index="2"]').first().waitFor({ timeout: 120_000 });
  const charts = page.locator('[data-testid="toggle-charts"]');
  if ((await charts.getAttribute('aria-pressed')) !== 'true') await charts.click();
  await page.locator('[data-testid="chart-exposure"]').first().waitFor({ timeout: 120_000 });
  await page.locator('[data-testid="grid"]').evaluate((el) => void el.dispatchEvent(new CustomEvent('dealbook:show-column', { detail: 'round_trip_ratio' })));
  return page;
}

/** A row drawn in view whose round trip differs between the two scenarios: its cell says when the grid shows one. */
async function cellToWatch(page: Page, b: Rows, h: Rows): Promise<{ cell: string; id: number }> {
  const drawn = await page.locator('.ag-row[row-id]').evaluateAll((rows) => rows.map((r) => Number(r.getAttribute('row-id'))));
  const id = drawn.find((i) => b.get(i) && h.get(i) && b.get(i)!.round_trip_ratio !== h.get(i)!.round_trip_ratio);
  if (id === undefined) throw new Error('No drawn row whose round trip the scenario changes');
  return { cell: `.ag-row[row-id="${id}"] .ag-cell[col-id="round_trip_ratio"]`, id };
}

/** SWITCHES switches, HALF and Base in turn: the frame times, and (`all`) the times to every card updated. */
async function times(page: Page, b: Rows, h: Rows): Promise<number[] & { all: number[] }> {
  const { cell, id } = await cellToWatch(page, b, h);
  const text = (r: DealRow) => formatRoundTrip(r.round_trip_ratio, r.round_trip_basis);
  const ms: number[] = [];
  const all: number[] = [];
  for (let i = 0; i < SWITCHES; i++) {
    const to = i % 2 === 0 ? HALF : 'Base';
    const [frame, cards] = await switchTo(page, to, cell, text((to === HALF ? h : b).get(id)!));
    ms.push(frame);
    all.push(cards);
    await page.waitForTimeout(300);
  }
  return Object.assign(ms, { all });
}

export async function measureScenarioSwitch(service: Service): Promise<SwitchNumbers> {
  service.setScenario({ name: HALF, credit_drawdown: 0.5 });
  service.setScenario({ name: FIRM, status_weight: { rumored: 0, announced: 0 } });
  const base = service.listDeals({});
  const half = service.listDeals({ scenario: HALF });
  const scenarios = service.listScenarios({});
  const baseScenario = scenarios.find((s) => s.name === 'Base')!;
  const halfScenario = scenarios.find((s) => s.name === HALF)!;
  const firmScenario = scenarios.find((s) => s.name === FIRM)!;
  const app = await startHttpServer({ handlers: service, staticDir: RENDERER_DIR });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
  const byId = (rows: DealRow[]) => new Map(rows.map((r) => [r.id, r]));
  const [b, h] = [byId(base), byId(half)];
  try {
    // Cold: nothing computed ahead, the first switch right after the window opens.
    const coldPage = await openWindow(browser, app.url, '&precompute=off');
    const cold = await times(coldPage, b, h);
    await coldPage.context().close();
    // As the app runs: the window sits idle a moment after opening (and computes ahead), then the same switches.
    const page = await openWindow(browser, app.url, '');
    await page.waitForTimeout(IDLE_MS);
    const plain = await times(page, b, h);
    // Compare mode: a third scenario shown beside whichever is switched to.
    await page.locator('[data-testid="scenario"]').selectOption('Base');
    await page.locator('[data-testid="scenario-compare"]').selectOption(FIRM);
    await page.waitForTimeout(500);
    const compared = await times(page, b, h);
    return {
      p50: percentile(plain, 50),
      p95: percentile(plain, 95),
      coldP50: percentile(cold, 50),
      coldP95: percentile(cold, 95),
      coldFirstMs: cold[0]!,
      compareP50: percentile(compared, 50),
      compareP95: percentile(compared, 95),
      floorMs: floor(base, [halfScenario]),
      baseFloorMs: floor(base, [baseScenario]),
      compareFloorMs: floor(base, [halfScenario, firmScenario]),
      firstMs: plain[0]!,
      compareFirstMs: compared[0]!,
      allCardsP50: percentile(plain.all, 50),
      allCardsP95: percentile(plain.all, 95),
    };
  } finally {
    await browser.close();
    await app.close();
  }
}

const isMain = process.argv[1]?.endsWith('scenario-switch.ts');
if (isMain) {
  const { syntheticCsv, syntheticDeals } = await import('./synthetic');
  const { serviceImport } = await import('./book');
  const n = Number(process.env.BENCH_DEALS ?? 100_000);
  const dir = mkdtempSync(join(tmpdir(), 'dealbook-switch-'));
  try {
    const { service } = await serviceImport(dir, syntheticCsv(syntheticDeals(n)));
    const r = await measureScenarioSwitch(service);
    console.log(`Scenario switch at ${n} deals (Enter on the select to the next frame with the new values):`);
    console.log(`  window as the app runs (idle ${IDLE_MS / 1000} s after opening: the next scenarios computed ahead) p50 ${r.p50.toFixed(1)} ms, p95 ${r.p95.toFixed(1)} ms (goal <= 150 ms); floor (shared functions only, Node) ${r.floorMs.toFixed(1)} ms`);
    console.log(`  cold (nothing computed ahead, switched right after opening) p50 ${r.coldP50.toFixed(1)} ms, p95 ${r.coldP95.toFixed(1)} ms, first ${r.coldFirstMs.toFixed(1)} ms`);
    console.log(`  compare mode: window p50 ${r.compareP50.toFixed(1)} ms, p95 ${r.compareP95.toFixed(1)} ms; floor (both scenarios) ${r.compareFloorMs.toFixed(1)} ms`);
    console.log(`  first switch of the window as the app runs ${r.firstMs.toFixed(1)} ms, in compare mode ${r.compareFirstMs.toFixed(1)} ms`);
    console.log(`  to every chart card updated (those out of view follow the frame): p50 ${r.allCardsP50.toFixed(1)} ms, p95 ${r.allCardsP95.toFixed(1)} ms`);
    service.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
