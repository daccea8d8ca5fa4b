// `npx tsx bench/push-only.ts [deals]`: only the push measure (another program's write to the open tab), quicker
// than the whole `npm run bench` when that is the number wanted.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { openService } from '../electron/service/book';
import { startHttpServer } from '../electron/transports/http-server';
import { CHROMIUM, CHROMIUM_ARGS, RENDERER_DIR } from '../test/e2e/harness';
import { buildWriterChild, externalWrites } from './push';
import { syntheticCsv, syntheticDeals } from './synthetic';

const n = Number(process.argv[2] ?? 100_000);
const dir = mkdtempSync(join(tmpdir(), 'dealbook-push-'));
try {
  await buildWriterChild();
  const path = join(dir, 'push.dealbook');
  const service = await openService(path, { create: true });
  service.importCsv({ text: syntheticCsv(syntheticDeals(n)) });
  const server = await startHttpServer({ handlers: service, events: service.events, staticDir: RENDERER_DIR });
  await server.warmed;
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
  try {
    const page = await (await browser.newContext({ viewport: { width: 1600, height: 1000 } })).newPage();
    const { p50, p95 } = await externalWrites(page, server.url, path);
    console.log(`${n} deals: another program's write to the open tab p50 ${p50.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms`);
  } finally {
    await browser.close();
    await server.close();
    service.close();
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
