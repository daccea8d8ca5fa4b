import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dealbook } from '../helpers/cli';
import type { App } from './harness';
import { launchWith, testId } from './grid-helpers';

// The exposure chart's CSV carries `net` (the four invested parts - returned), the same numbers as
// `dealbook report --json` on the same book.

const BOOK = [
  { announced: '2025-03-01', from_party: 'Alpha Fund', to_party: 'Beta Labs', kind: 'investment', amount_usd: '100B', cash_usd: '60B', credit_usd: '20B' },
  { announced: '2025-03-02', from_party: 'Beta Labs', to_party: 'Alpha Fund', kind: 'purchase', amount_usd: '150B' },
  { announced: '2025-04-01', from_party: 'Gamma Capital', to_party: 'Delta AI', kind: 'investment', amount_usd: '7.5B' },
  { announced: '2025-04-02', from_party: 'Gamma Capital', to_party: 'Delta AI', kind: 'investment' },
  { announced: '2025-05-01', from_party: 'Epsilon', to_party: 'Epsilon', kind: 'infrastructure', amount_usd: '40B' },
];

describe("the exposure chart's CSV", () => {
  let app: App;
  beforeAll(async () => {
    ({ app } = await launchWith(BOOK, { charts: true, viewport: { width: 1600, height: 1400 } }));
  });
  afterAll(async () => app?.close());

  it('has a net column with the numbers dealbook report gives', async () => {
    const { page } = app;
    await testId(page, 'chart-exposure').locator('text[data-name="Alpha Fund"]').waitFor();
    const [file] = await Promise.all([page.waitForEvent('download'), testId(page, 'chart-exposure-export-csv').click()]);
    const lines = readFileSync((await file.path())!, 'utf8').trimEnd().split('\r\n').map((l) => l.split(','));
    const header = lines[0]!;
    expect(header.slice(header.indexOf('returned'))).toEqual(['returned', 'returned_basis', 'net', 'undisclosed']);
    const rows = lines.slice(1).map((cells) => Object.fromEntries(header.map((h, i) => [h, cells[i]!])));

    const report = dealbook(['report', '--book', app.path, '--json']);
    expect(report.code, report.stderr).toBe(0);
    const exposure = (JSON.parse(report.stdout) as { exposure: { investor: string; net: number; returned: number; exposure: number }[] }).exposure;
    expect(rows.map((r) => r.investor)).toEqual(exposure.map((e) => e.investor));
    for (const e of exposure) {
      const row = rows.find((r) => r.investor === e.investor)!;
      expect([Number(row.net), Number(row.returned), Number(row.exposure)], e.investor).toEqual([e.net, e.returned, e.exposure]);
    }
    // Alpha Fund put in 100B and 20B of credits plus 150B of purchases came back: net -70B.
    expect(Number(rows.find((r) => r.investor === 'Alpha Fund')!.net)).toBe(-70e9);
  });
});
