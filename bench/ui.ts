import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { build } from 'vite';
import { CHROMIUM, CHROMIUM_ARGS, RENDERER_DIR } from '../test/e2e/harness';
import { startHttpServer } from '../electron/transports/http-server';
import type { Service } from '../electron/service/service';

export const BARE_DIR = new URL('../out/bench-bare/', import.meta.url).pathname;

/** Build the bare AG Grid page once per run. */
export async function buildBareGrid(): Promise<void> {
  await build({
    root: new URL('./bare-grid/', import.meta.url).pathname,
    logLevel: 'warn',
    build: { outDir: BARE_DIR, emptyOutDir: true, target: 'es2022' },
  });
}

/** Serve the bare page and the same rows the app would load. */
async function serveBare(rowsJson: string): Promise<{ url: string; close: () => Promise<void> }> {
  const server = createServer(async (req, res) => {
    if (req.url === '/rows.json') {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      return void res.end(rowsJson);
    }
    const file = join(BARE_DIR, req.url === '/' ? 'index.html' : req.url!.split('?')[0]!);
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

export type UiNumbers = { openMs: number; bareOpenMs: number; heapMb: number; bareHeapMb: number };

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
  const app = await startHttpServer({ handlers: service, staticDir: RENDERER_DIR });
  // `dealbook serve` has started a moment before the window opens: the rows' JSON is made, as the bare page's is.
  await app.warmed;
  const bare = await serveBare(JSON.stringify(service.listDeals({})));
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
  try {
    const result: UiNumbers = { openMs: Infinity, bareOpenMs: Infinity, heapMb: 0, bareHeapMb: 0 };
    for (let i = 0; i < runs; i++) {
      for (const which of ['app', 'bare'] as const) {
        const context = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
        const page = await context.newPage();
        const ms = await timeToFirstRow(page, which === 'app' ? app.url : bare.url);
        const heap = await heapMb(page);
        if (which === 'app') {
          result.openMs = Math.min(result.openMs, ms);
          result.heapMb = heap;
        } else {
          result.bareOpenMs = Math.min(result.bareOpenMs, ms);
          result.bareHeapMb = heap;
        }
        await context.close();
      }
    }
    return result;
  } finally {
    await browser.close();
    await bare.close();
    await app.close();
  }
}
