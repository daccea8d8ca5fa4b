import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page, type Request } from 'playwright-core';
import { startHttpServer, type RunningServer } from '../../electron/transports/http-server';
import type { ServiceWithInternals as Service } from '../../electron/service/service';
import { tempBook } from '../helpers/temp-book';
import { CHARTS_KEY, chartsSetting } from '../../renderer/book/window-settings';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const RENDERER_DIR = fileURLToPath(new URL('../../out/renderer', import.meta.url));

/** Flags this machine's Chromium needs: no sandbox as root, no GPU, no calls home. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export type App = {
  browser: Browser;
  page: Page;
  server: RunningServer;
  service: Service;
  path: string;
  dir: string;
  /** Requests the page made that failed or got an error status, as "status url". */
  failedRequests: string[];
  /** Open the app (again) in the page, e.g. to check what survived a reload. */
  open: () => Promise<void>;
  close: () => Promise<void>;
};

/** Browser mode on a temp book, served to real Chromium: the UI as an analyst sees it. */
export type LaunchOptions = {
  sample?: boolean;
  viewport?: { width: number; height: number };
  colorScheme?: 'light' | 'dark';
  /** Open the book as new books open, charts pane included. Default: pane closed, the whole window for the grid. */
  charts?: boolean;
  /** Runs in the page before its own scripts, e.g. to stand in for the desktop preload. */
  initScript?: string;
};

export async function launchApp(options: LaunchOptions = {}): Promise<App> {
  if (!existsSync(`${RENDERER_DIR}/index.html`)) throw new Error(`No built renderer at ${RENDERER_DIR}: run npm run build first`);
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install chromium`);
  const book = await tempBook({ sample: options.sample ?? true });
  if (!options.charts) book.service.setSetting({ key: CHARTS_KEY, value: chartsSetting(false) });
  const server = await startHttpServer({ handlers: book.service, events: book.service.events, staticDir: RENDERER_DIR });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
  const context = await browser.newContext({
    viewport: options.viewport ?? { width: 1600, height: 1000 },
    colorScheme: options.colorScheme ?? 'light',
    acceptDownloads: true,
  });
  const page = await context.newPage();
  if (options.initScript) await page.addInitScript(options.initScript);
  page.on('pageerror', (err) => console.error('[page error]', err.message));
  const failedRequests: string[] = [];
  page.on('response', (res) => void (res.status() >= 400 && failedRequests.push(`${res.status()} ${res.url()}`)));
  // Leaving or reloading a page cuts off what it still had on the way: its long-lived event stream, a read it began
  // for an event pushed just before (the tests write through the service and then reload). That is no failure.
  let pageLoads = 0;
  let navigating = false;
  const loadOf = new WeakMap<Request, number>();
  page.on('request', (req) => {
    // A new page load starts with its navigation request, before the old page's requests are cancelled.
    if (req.isNavigationRequest() && req.frame() === page.mainFrame()) pageLoads++;
    loadOf.set(req, pageLoads);
  });
  page.on('requestfailed', (req) => {
    const aborted = req.failure()?.errorText === 'net::ERR_ABORTED';
    if (aborted && ((loadOf.get(req) ?? pageLoads) < pageLoads || navigating || new URL(req.url()).pathname === '/events')) return;
    failedRequests.push(`failed ${req.url()}`);
  });
  // AG Grid logs an error when a feature's module is not registered: any AG Grid error or warning fails the test
  // file (when it closes the app), so the grid's module list (renderer/grid/ag-modules.ts) cannot fall short of
  // what the tests use.
  const gridProblems: string[] = [];
  page.on('console', (msg) => {
    if ((msg.type() === 'error' || msg.type() === 'warning') && /AG Grid/i.test(msg.text())) gridProblems.push(msg.text());
  });
  const open = async () => {
    navigating = true;
    try {
      await page.goto(server.url);
    } finally {
      navigating = false;
    }
    // An empty book has no rows to wait for: the grid's body is enough, rows when the book has some.
    await page.locator('.ag-root-wrapper').first().waitFor({ state: 'visible', timeout: 30_000 });
    if (options.sample ?? true) await page.locator('.ag-row').first().waitFor({ state: 'visible', timeout: 30_000 });
  };
  await open();
  return {
    browser,
    page,
    server,
    service: book.service,
    failedRequests,
    path: book.path,
    dir: book.dir,
    open,
    close: async () => {
      await browser.close();
      await server.close();
      book.cleanup();
      if (gridProblems.length) throw new Error(`AG Grid reported problems:\n${[...new Set(gridProblems)].join('\n')}`);
    },
  };
}
