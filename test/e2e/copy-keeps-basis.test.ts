import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from './harness';
import { cell, copyText, focusedCell, launchWith, pasteText, stored, testId } from './grid-helpers';

// An amount "up to" or estimated, and an announcement known only to the month, quarter or year, copied or filled
// down inside the grid: what lands keeps its basis and precision (renderer/grid/clipboard.ts, copyCell), instead of
// turning into a firm amount and an exact day.

const BOOK = [
  { announced: 'Q3 2025', from_party: 'Alpha Fund', to_party: 'Beta Labs', kind: 'investment', amount_usd: 'up to 100B' },
  { announced: '2025-05-10', from_party: 'Gamma Capital', to_party: 'Delta AI', kind: 'investment', amount_usd: '20B' },
  { announced: '2025-04-02', from_party: 'Eta Ventures', to_party: 'Theta AI', kind: 'investment', amount_usd: '~34B' },
  { announced: '2025-03-01', from_party: 'Iota Fund', to_party: 'Kappa AI', kind: 'investment', amount_usd: '5B' },
];

describe('copy and fill down keep an amount\'s basis and a date\'s precision', () => {
  let app: App;
  let ids: number[];
  beforeAll(async () => {
    ({ app, ids } = await launchWith(BOOK));
  });
  afterAll(async () => app?.close());

  it('fills an "up to" amount and a quarter date down as "up to" and as the quarter', async () => {
    const { page } = app;
    // Rows newest first: ids[0] (Q3 2025, shown at its first day 2025-07-01), then ids[1].
    await cell(page, ids[0]!, 'announced').click();
    await expect.poll(() => focusedCell(page)).toBe(`${ids[0]}:announced`);
    await cell(page, ids[1]!, 'amount_usd').click({ modifiers: ['Shift'] });
    // The grid takes a click's block a moment after the click (as grid-range.test.ts waits for it): asked until then.
    await expect.poll(() => copyText(page)).toBe('2025-Q3\tinvestment\tannounced\tup to 100000000000\r\n2025-05-10\tinvestment\tannounced\t20000000000');
    await page.keyboard.press('Control+d');
    await expect.poll(() => stored(app, ids[1]!)?.amount_usd).toBe(100e9);
    expect(stored(app, ids[1]!)).toMatchObject({ amount_basis: 'up_to', announced: '2025-07-01', announced_precision: 'quarter' });
    await expect.poll(() => cell(page, ids[1]!, 'amount_usd').innerText()).toBe('≤ $100.0B');
    expect(await cell(page, ids[1]!, 'announced').innerText()).toBe('Q3 2025');
    expect(await testId(page, 'error').count()).toBe(0);
  });

  it('pastes a copied estimate back as an estimate', async () => {
    const { page } = app;
    // A plain click ends the first test's block a moment after the click: each copy is asked until the grid has taken it.
    await cell(page, ids[2]!, 'amount_usd').click();
    await expect.poll(() => copyText(page)).toBe('~34000000000');
    const copied = await copyText(page);
    await cell(page, ids[3]!, 'amount_usd').click();
    await expect.poll(() => copyText(page)).toBe('5000000000');
    await pasteText(page, copied);
    await expect.poll(() => stored(app, ids[3]!)?.amount_usd).toBe(34e9);
    expect(stored(app, ids[3]!)?.amount_basis).toBe('estimate');
    await expect.poll(() => cell(page, ids[3]!, 'amount_usd').innerText()).toBe('~$34.0B');
  });
});
