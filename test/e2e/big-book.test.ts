import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from './harness';
import { launchApp } from './harness';
import { cell, showColumn, testId } from './grid-helpers';
import { COLUMN_SPECS, HIDDEN_AT_FIRST, displayText } from '../../renderer/grid/columns';

// More deals than one slice of the loopback server's answer (2,000), so the book comes to the window as a table
// (shared/protocol/wire-table.ts) and the window turns it back into deals.
const DEALS = 2_500;

describe('a book of more deals than one slice', () => {
  let app: App;

  beforeAll(async () => {
    app = await launchApp({ sample: false });
    const lines = ['announced,from_party,to_party,kind,status,amount_usd,cash_usd,credit_usd,term_years,capacity_mw,notes'];
    for (let i = 0; i < DEALS; i++) {
      const kind = i % 3 === 0 ? 'purchase' : 'investment';
      lines.push(`2025-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')},Fund ${i % 40},Lab ${i % 30},${kind},signed,${(i % 90) + 10}B,${i % 7}B,${i % 5}B,${(i % 9) + 1},${i % 4 ? '' : i * 10},"note-${i} says ""hi"", \u00e9"`);
    }
    expect(app.service.importCsv({ text: lines.join('\n') }).imported).toBe(DEALS);
    await app.open();
  });
  afterAll(async () => app?.close());

  it('shows every deal, each value in its own column, as the service has it', async () => {
    await expect.poll(() => testId(app.page, 'status-bar').innerText()).toContain('2,500 of 2,500 deals');
    for (const n of [7, 1234, 2499]) {
      await testId(app.page, 'quick-filter').fill(`note-${n} says`);
      await expect.poll(() => testId(app.page, 'status-bar').innerText()).toContain('1 of 2,500 deals');
      const deal = app.service.listDeals({}).find((d) => d.notes?.startsWith(`note-${n} says`))!;
      // The v2 companion columns start hidden (Columns shows them).
      for (const spec of COLUMN_SPECS.filter((c) => !HIDDEN_AT_FIRST.has(c.colId))) {
        await showColumn(app.page, spec.colId);
        const expected = displayText(spec.kind, deal[spec.colId]);
        await expect.poll(() => cell(app.page, deal.id, spec.colId).innerText(), { message: `${spec.colId} of note-${n}` }).toBe(expected);
      }
    }
  });
});
