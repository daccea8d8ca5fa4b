import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { build } from 'vite';
import { CHROMIUM, CHROMIUM_ARGS, RENDERER_DIR } from '../test/e2e/harness';
import { startHttpServer } from '../electron/transports/http-server';
import type { Service } from '../electron/service/service';
import { percentile } from './book';
import { externalWrites } from './push';

export const BARE_DIR = new URL('../out/bench-bare/', import.meta.url).pathname;
export const BARE_REACT_DIR = new URL('../out/bench-bare-react/', import.meta.url).pathname;

/** Build the bare pages once per run: the plain grid (the anchor) and AgGridReact. */
export async function buildBareGrid(): Promise<void> {
  for (const [root, outDir] of [['./bare-grid/', BARE_DIR], ['./bare-react/', BARE_REACT_DIR]] as const) {
    await build({
      root: new URL(root, import.meta.url).pathname,
      logLevel: 'warn',
      build: { outDir, emptyOutDir: true, target: 'es2022' },
    });
  }
}

/** Serve a bare page and the same rows the app would load. */
async function serveBare(rowsJson: string, dir: string): Promise<{ url: string; close: () => Promise<void> }> {
  const server = createServer(async (req, res) => {
    if (req.url === '/rows.json') {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      return void res.end(rowsJson);
    }
    const file = join(dir, req.url === '/' ? 'index.html' : req.url!.split('?')[0]!);
    try {
      const data = await readFile(file);
      res.writeHead(200, { 'Content-Type': extname(file) === '.js' ? 'text/javascript' : 'text/html' });
      res.end(data);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  return { url: `http://127.0.0.1:${port}/`, close: () => new Promise((r) => server.close(() => r())) };
}

export type UiNumbers = {
  openMs: number;
  bareOpenMs: number;
  /** AgGridReact with nothing of ours: open, and an edit with the grid's own editor (Enter to the cell shown). */
  reactOpenMs: number;
  reactEditP50: number;
  reactEditP95: number;
  heapMb: number;
  bareHeapMb: number;
  windowEditP50: number;
  windowEditP95: number;
  /** To the start of the frame that paints the edit. */
  paintEditP50: number;
  paintEditP95: number;
  /** Another process's commit to the open tab showing it. */
  pushP50: number;
  pushP95: number;
};

async function timeToFirstRow(page: Page, url: string): Promise<number> {
  const t0 = performance.now();
  await page.goto(url, { waitUntil: 'commit' });
  await page.locator('.ag-row').first().waitFor({ state: 'attached', timeout: 120_000 });
  return performance.now() - t0;
}

async function heapMb(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('Performance.enable');
  const { metrics } = await cdp.send('Performance.getMetrics');
  return (metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0) / 1024 / 1024;
}

/** Open the app in browser mode and the bare grid on the same rows; best of `runs` for each. */
export async function measureUi(service: Service, runs = 3): Promise<UiNumbers> {
  const app = await startHttpServer({ handlers: service, events: service.events, staticDir: RENDERER_DIR });
  // `dealbook serve` has started a moment before the window opens: the rows' JSON is made, as the bare page's is.
  await app.warmed;
  const rowsJson = JSON.stringify(service.listDeals({}));
  const bare = await serveBare(rowsJson, BARE_DIR);
  const bareReact = await serveBare(rowsJson, BARE_REACT_DIR);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
  try {
    const result: UiNumbers = {
      openMs: Infinity, bareOpenMs: Infinity, reactOpenMs: Infinity, reactEditP50: NaN, reactEditP95: NaN,
      heapMb: 0, bareHeapMb: 0, windowEditP50: NaN, windowEditP95: NaN, paintEditP50: NaN, paintEditP95: NaN,
      pushP50: NaN, pushP95: NaN,
    };
    for (let i = 0; i < runs; i++) {
      for (const which of ['app', 'bare', 'react'] as const) {
        const context = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
        const page = await context.newPage();
        const ms = await timeToFirstRow(page, which === 'app' ? app.url : which === 'bare' ? bare.url : bareReact.url);
        if (which === 'app') {
          result.openMs = Math.min(result.openMs, ms);
          result.heapMb = await heapMb(page);
        } else if (which === 'bare') {
          result.bareOpenMs = Math.min(result.bareOpenMs, ms);
          result.bareHeapMb = await heapMb(page);
        } else {
          result.reactOpenMs = Math.min(result.reactOpenMs, ms);
        }
        await context.close();
      }
    }
    let context = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
    const edits = await windowEdits(await context.newPage(), app.url, (n) => `$${n}.0B`, true);
    result.windowEditP50 = edits.p50;
    result.windowEditP95 = edits.p95;
    result.paintEditP50 = edits.paintP50;
    result.paintEditP95 = edits.paintP95;
    await context.close();
    context = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
    const reactEdits = await windowEdits(await context.newPage(), bareReact.url, (n) => `${n}B`, false);
    result.reactEditP50 = reactEdits.p50;
    result.reactEditP95 = reactEdits.p95;
    await context.close();
    const pushContext = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
    const pushed = await externalWrites(await pushContext.newPage(), app.url, service.bookInfo({}).path);
    result.pushP50 = pushed.p50;
    result.pushP95 = pushed.p95;
    await pushContext.close();
    return result;
  } finally {
    await browser.close();
    await bare.close();
    await bareReact.close();
    await app.close();
  }
}

/**
 * Edit -> saved -> pair refreshed, in the window: type an amount into a cell, then time from Enter to the grid
 * holding the saved value (the rows of its pair are patched in the same step), and on to the start of the frame
 * that paints it. Charts pane open, as a new book opens. Edits are 400 ms apart, so each one's chart update is done
 * before the next (an edit that gets no answer within 10 s counts as infinitely slow).
 */
async function windowEdits(
  page: Page,
  url: string,
  shownAs: (billions: number) => string,
  charts: boolean,
  count = 40,
): Promise<{ p50: number; p95: number; paintP50: number; paintP95: number }> {
  // tsx names functions it compiles with a helper the page does not have.
  await page.addInitScript('window.__name = (f) => f');
  await page.goto(url);
  await page.locator('.ag-row[row-index="6"]').first().waitFor({ timeout: 120_000 });
  if (charts) await page.locator('[data-testid="chart-exposure"]').first().waitFor({ timeout: 120_000 });
  const refreshed: number[] = [];
  const painted: number[] = [];
  for (let i = 0; i < count; i++) {
    const cell = `.ag-row[row-index="${2 + (i % 5)}"] .ag-cell[col-id="amount_usd"]`;
    await page.locator(cell).first().click();
    await page.keyboard.type(`${101 + i}B`);
    await page.locator(`${cell} input`).first().waitFor();
    const ms = await page.evaluate(
      ({ cell, shown }) =>
        new Promise<[number, number]>((resolve) => {
          const t0 = performance.now();
          const observer = new MutationObserver(() => {
            if (document.querySelector(cell)?.textContent !== shown) return;
            observer.disconnect();
            const inGrid = performance.now() - t0;
            requestAnimationFrame(() => resolve([inGrid, performance.now() - t0]));
          });
          observer.observe(document.body, { childList: true, subtree: true, characterData: true });
          setTimeout(() => resolve([Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY]), 10_000);
          document.querySelector(`${cell} input`)!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
        }),
      { cell, shown: shownAs(101 + i) },
    );
    refreshed.push(ms[0]);
    painted.push(ms[1]);
    await page.waitForTimeout(400);
  }
  return { p50: percentile(refreshed, 50), p95: percentile(refreshed, 95), paintP50: percentile(painted, 50), paintP95: percentile(painted, 95) };
}
