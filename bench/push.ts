import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { build as esbuild } from 'esbuild';
import type { Page } from 'playwright-core';
import { percentile } from './book';

const WRITER_CHILD = fileURLToPath(new URL('../out/bench/external-writer-child.mjs', import.meta.url));

/** Bundle the other program as a plain Node script. */
export async function buildWriterChild(): Promise<void> {
  await esbuild({
    entryPoints: [fileURLToPath(new URL('./external-writer-child.ts', import.meta.url))],
    outfile: WRITER_CHILD,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    external: ['better-sqlite3'],
    logLevel: 'warning',
  });
}

/**
 * Another program's write to the open tab: a second process edits a shown deal's amount through the service (as
 * the CLI does); timed from its commit (the wall clock in that process) to the tab's grid showing the new value
 * (the wall clock in the page, the same machine's). Edits 300 ms apart, so the watch's phase varies across them.
 * The charts pane is closed: open, it recomputes over every row after each change (about 0.25 s at 100k deals, far
 * more on a loaded machine), and an event arriving meanwhile waits for it, as an edit in the window does.
 */
export async function externalWrites(page: Page, url: string, book: string, count = 20): Promise<{ p50: number; p95: number }> {
  // tsx names functions it compiles with a helper the page does not have.
  await page.addInitScript('window.__name = (f) => f');
  await page.goto(url);
  await page.locator('.ag-row[row-index="2"]').first().waitFor({ timeout: 120_000 });
  const charts = page.locator('[data-testid="toggle-charts"]');
  if ((await charts.getAttribute('aria-pressed')) === 'true') await charts.click();
  const child = spawn(process.execPath, [WRITER_CHILD, book], { stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const next = async () => String((await lines.next()).value ?? '');
  try {
    if ((await next()) !== 'ready') throw new Error('the writer process did not start');
    const times: number[] = [];
    for (let i = 0; i < count; i++) {
      const row = page.locator(`.ag-row[row-index="${2 + (i % 5)}"]`).first();
      const id = await row.getAttribute('row-id');
      const cell = `.ag-row[row-id="${id}"] .ag-cell[col-id="amount_usd"]`;
      const shown = page.evaluate(
        ({ cell, text }) =>
          new Promise<number>((resolve) => {
            const seen = () => document.querySelector(cell)?.textContent === text;
            const observer = new MutationObserver(() => {
              if (!seen()) return;
              observer.disconnect();
              resolve(performance.timeOrigin + performance.now());
            });
            observer.observe(document.body, { childList: true, subtree: true, characterData: true });
            setTimeout(() => resolve(Number.POSITIVE_INFINITY), 10_000);
          }),
        { cell, text: `$${301 + i}.0B` },
      );
      // The observer is in place before the write is asked for.
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(r)));
      child.stdin.write(`${id} ${301 + i}B\n`);
      const committed = Number(await next());
      times.push((await shown) - committed);
      await page.waitForTimeout(300);
    }
    return { p50: percentile(times, 50), p95: percentile(times, 95) };
  } finally {
    child.stdin.end();
    child.kill();
  }
}
