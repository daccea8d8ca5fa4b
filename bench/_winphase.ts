import { chromium } from 'playwright-core';
import { startHttpServer } from '../electron/transports/http-server';
import { openServiceWithInternals } from '../electron/service/book';
import { CHROMIUM, CHROMIUM_ARGS, RENDERER_DIR } from '../test/e2e/harness';
const service = await openServiceWithInternals('/tmp/agg100k.dealbook');
const orig = service.exportCsv;
(service as any).exportCsv = (input: any) => { const t = performance.now(); const r = orig(input); console.log('  service exportCsv', (performance.now() - t).toFixed(0), 'ids', input.ids?.length ?? 'none', 'cols', input.columns?.length ?? 'all'); return r; };
const app = await startHttpServer({ handlers: service, staticDir: RENDERER_DIR });
await app.warmed;
const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
for (let w = 0; w < 2; w++) {
  const ctx = await browser.newContext({ viewport: { width: 1600, height: 1000 }, acceptDownloads: true });
  const page = await ctx.newPage();
  await page.goto(app.url);
  await page.locator('.ag-row[row-index="2"]').first().waitFor({ timeout: 120_000 });
  for (let i = 0; i < 3; i++) {
    await page.waitForTimeout(500);
    const r = await page.evaluate(() => new Promise<string>((resolve) => {
      const t0 = performance.now(); const marks: string[] = [];
      const f = window.fetch;
      window.fetch = async (...args: Parameters<typeof fetch>) => {
        marks.push(`fetch ${(performance.now() - t0).toFixed(0)}`);
        const res = await f(...args);
        marks.push(`headers ${(performance.now() - t0).toFixed(0)}`);
        const blob = res.blob.bind(res);
        (res as any).blob = async () => { const b = await blob(); marks.push(`blob ${(performance.now() - t0).toFixed(0)}`); return b; };
        window.fetch = f;
        return res;
      };
      const made = URL.createObjectURL;
      URL.createObjectURL = (file: Blob | MediaSource) => { marks.push(`url ${(performance.now() - t0).toFixed(0)}`); resolve(marks.join(' ')); URL.createObjectURL = made; return made.call(URL, file); };
      document.querySelector<HTMLButtonElement>('[data-testid="export-csv"]')!.click();
    }));
    console.log(`window ${w} export ${i}: ${r}`);
  }
  await ctx.close();
}
await browser.close(); await app.close(); service.close();
