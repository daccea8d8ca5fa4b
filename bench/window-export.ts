// The window's Export CSV at each size: what an analyst's click costs. The page says which deals and columns the
// grid shows, the book's service writes them as CSV from the rows it holds, and the bytes become the download (in
// the desktop app, the save dialog's file); timed from the click to the file handed over (the download's object URL
// made): cold (nothing made ahead, right after the window opens) and as the app runs (after 3 s idle, when the
// window has had the service make its view's file ahead), and again.
import { chromium, type Page } from 'playwright-core';
import { startHttpServer } from '../electron/transports/http-server';
import type { ServiceWithInternals as Service } from '../electron/service/service';
import { CHROMIUM, CHROMIUM_ARGS, RENDERER_DIR } from '../test/e2e/harness';

export type WindowExportNumbers = {
  /** Cold: `&precompute=off`, the first click once the rows show (nothing made ahead). */
  firstMs: number;
  /** As the app runs: the first click after the window sat idle IDLE_MS (the view's file made ahead by then). */
  idleFirstMs: number;
  /** Later clicks on the same view, as the app runs. */
  againMs: number;
};

/** How long the window as the app runs sits idle after opening before the first click (an analyst reading it). */
const IDLE_MS = 3000;

/** One click on Export CSV: ms to the file handed over. */
function exportOnce(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        const made = URL.createObjectURL;
        const t0 = performance.now();
        URL.createObjectURL = (file: Blob | MediaSource) => {
          resolve(performance.now() - t0);
          URL.createObjectURL = made;
          return made.call(URL, file);
        };
        document.querySelector<HTMLButtonElement>('[data-testid="export-csv"]')!.click();
      }),
  );
}

/**
 * In each of `windows` pairs of fresh windows: one cold (`&precompute=off`, the first click once the rows show), one
 * as the app runs (the first click after IDLE_MS idle, then the median of three more).
 */
export async function measureWindowExport(service: Service, windows = 2): Promise<WindowExportNumbers> {
  const app = await startHttpServer({ handlers: service, events: service.events, staticDir: RENDERER_DIR });
  await app.warmed;
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
  const first: number[] = [];
  const idleFirst: number[] = [];
  const again: number[] = [];
  const open = async (query: string) => {
    const context = await browser.newContext({ viewport: { width: 1600, height: 1000 }, acceptDownloads: true });
    const page = await context.newPage();
    await page.goto(app.url + query);
    await page.locator('.ag-row[row-index="2"]').first().waitFor({ timeout: 120_000 });
    return page;
  };
  try {
    for (let w = 0; w < windows; w++) {
      // Each window finds the service as a freshly opened book's: no view's file kept from the window before.
      service.dropExportViews();
      const cold = await open('&precompute=off');
      first.push(await exportOnce(cold));
      await cold.context().close();
      service.dropExportViews();
      const page = await open('');
      await page.waitForTimeout(IDLE_MS);
      idleFirst.push(await exportOnce(page));
      for (let i = 0; i < 3; i++) {
        await page.waitForTimeout(300);
        again.push(await exportOnce(page));
      }
      await page.context().close();
    }
  } finally {
    await browser.close();
    await app.close();
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  return { firstMs: median(first), idleFirstMs: median(idleFirst), againMs: median(again) };
}
