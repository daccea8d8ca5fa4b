// The window's Export CSV at each size: what an analyst's click costs. The page says which deals and columns the
// grid shows, the book's service writes them as CSV from the rows it holds, and the bytes become the download (in
// the desktop app, the save dialog's file); timed from the click to the file handed over (the download's object URL
// made), right after the window opens and again.
import { chromium, type Page } from 'playwright-core';
import { startHttpServer } from '../electron/transports/http-server';
import type { Service } from '../electron/service/service';
import { CHROMIUM, CHROMIUM_ARGS, RENDERER_DIR } from '../test/e2e/harness';

export type WindowExportNumbers = { firstMs: number; againMs: number };

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

/** In each of `windows` fresh windows: the first export once the rows show, then the median of three more. */
export async function measureWindowExport(service: Service, windows = 2): Promise<WindowExportNumbers> {
  const app = await startHttpServer({ handlers: service, events: service.events, staticDir: RENDERER_DIR });
  await app.warmed;
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
  const first: number[] = [];
  const again: number[] = [];
  try {
    for (let w = 0; w < windows; w++) {
      const context = await browser.newContext({ viewport: { width: 1600, height: 1000 }, acceptDownloads: true });
      const page = await context.newPage();
      await page.goto(app.url);
      await page.locator('.ag-row[row-index="2"]').first().waitFor({ timeout: 120_000 });
      first.push(await exportOnce(page));
      for (let i = 0; i < 3; i++) {
        await page.waitForTimeout(300);
        again.push(await exportOnce(page));
      }
      await context.close();
    }
  } finally {
    await browser.close();
    await app.close();
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  return { firstMs: median(first), againMs: median(again) };
}
