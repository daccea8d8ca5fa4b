import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from './harness';
import { launchWith, showColumn, shownRowIds } from './grid-helpers';

// Sorting puts empty cells last in both directions, as Excel does: an undisclosed amount is not the smallest
// amount (unknown is never zero), and an empty date or MW is not the earliest or the least.

const BOOK = [
  { announced: '2025-03-01', from_party: 'Alpha', to_party: 'Beta', kind: 'investment', amount_usd: '10B', start: '2026-01-01', capacity_mw: '100' },
  { announced: '2025-02-01', from_party: 'Gamma', to_party: 'Delta', kind: 'investment' },
  { announced: '2025-01-01', from_party: 'Alpha', to_party: 'Beta', kind: 'investment', amount_usd: '0', start: '2025-06-01', capacity_mw: '0' },
  { announced: '2024-12-01', from_party: 'Epsilon', to_party: 'Zeta', kind: 'purchase', amount_usd: '300B', capacity_mw: '1 GW' },
  { announced: '2024-11-01', from_party: 'Eta', to_party: 'Theta', kind: 'investment', start: '2027-01-01' },
];

describe('sorting with empty cells', () => {
  let app: App;
  let ids: string[];
  beforeAll(async () => {
    const launched = await launchWith(BOOK);
    app = launched.app;
    ids = launched.ids.map(String);
  });
  afterAll(async () => app?.close());

  /** Click a column's header (asc, then desc, then none) and wait for the order. */
  async function sortsTo(colId: string, want: string[]): Promise<void> {
    await showColumn(app.page, colId);
    await app.page.locator(`.ag-header-cell[col-id="${colId}"] .ag-header-cell-label`).click();
    await expect.poll(() => shownRowIds(app.page), { message: colId }).toEqual(want);
  }

  it('puts undisclosed amounts last ascending and descending; $0 is an amount and sorts as one', async () => {
    const [ten, none1, zero, big, none2] = ids as [string, string, string, string, string];
    await sortsTo('amount_usd', [zero, ten, big, none1, none2]);
    await sortsTo('amount_usd', [big, ten, zero, none1, none2]);
    await sortsTo('amount_usd', ids);
  });

  it('puts empty dates and empty numbers last both ways', async () => {
    const [a, b, c, d, e] = ids as [string, string, string, string, string];
    await sortsTo('start', [c, a, e, b, d]);
    await sortsTo('start', [e, a, c, b, d]);
    await sortsTo('start', ids);
    await sortsTo('capacity_mw', [c, a, d, b, e]);
    await sortsTo('capacity_mw', [d, a, c, b, e]);
    await sortsTo('capacity_mw', ids);
  });

  it('puts an empty derived cell (no ratio) last both ways', async () => {
    const [ten, , zero, , ] = ids as [string, string, string, string, string];
    // Alpha -> Beta shares one ratio (0.00x, at least); every other row has none.
    const others = ids.filter((id) => id !== ten && id !== zero);
    await sortsTo('round_trip_ratio', [ten, zero, ...others]);
    await sortsTo('round_trip_ratio', [ten, zero, ...others]);
  });
});
