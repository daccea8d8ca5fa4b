import { describe, expect, it } from 'vitest';
import { syntheticDeals } from '../../../bench/synthetic';
import { CSV_COLUMNS, csvCell, dealsToCsv, dealsToCsvChunks, fastCell, isCsvColumn, type CsvCell } from '../../../shared/csv/csv-write';
import type { Deal, DealRow } from '../../../shared/model/deal';
import { deriveRows } from '../../../shared/analytics/metrics';
import { BASE_SCENARIO } from '../../../shared/model/scenario';

/**
 * The export's fast path (one join per piece, first-character tests, repeated values written once) against the
 * formatter it replaced, kept here as the reference: csvCell on every cell, one string per line, one join.
 */
function referenceCsv(rows: readonly DealRow[], columns?: readonly string[]): string {
  const cols = columns ? columns.filter(isCsvColumn) : CSV_COLUMNS;
  const lines = [cols.map((c) => csvCell(c)).join(',')];
  for (const row of rows) lines.push(cols.map((c) => csvCell(row[c])).join(','));
  return lines.join('\r\n') + '\r\n';
}

/** Cells that sit on every edge of the quoting and formula rules, and numbers on every edge of plain printing. */
const TEXTS = [
  '', 'plain', 'a,b', 'say "hi"', 'line\nbreak', 'cr\rhere', '=SUM(A1)', '+1', '-1 Capital', '@Party', '\tTab', '\rCR', '\nLF',
  "'=already", "''=twice", "'plain", '＝full', '＋full', '－full', '＠full', '東京 Labs', 'Ναυτίλος', 'emoji 🚀 "q"', ' lead space', 'x=1',
  '2025-07-01', 'Deal "Stargate" II', '=HYPERLINK("x")', "'", '"', ',', 'a\r\nb',
];
const NUMBERS = [0, -0, 1, -1, 0.1, 1 / 3, -1e-17, 1e-7, 1.5e-9, 123456789012, 2 ** 53, 1e21, 1.5e22, 999999999999999900000, 45e9, 0.30000000000000004, NaN, Infinity];

function edgeRows(): DealRow[] {
  const base = deriveRows(syntheticDeals(40, 3).map((d, i) => ({ ...d, id: i + 1 })));
  return base.map((row, i) => ({
    ...row,
    from_party: TEXTS[i % TEXTS.length]!,
    to_party: TEXTS[(i * 7 + 3) % TEXTS.length]!,
    notes: i % 5 === 0 ? null : TEXTS[(i * 3) % TEXTS.length]!,
    source_url: TEXTS[(i * 11) % TEXTS.length]!,
    start: i % 2 ? null : TEXTS[(i * 5) % TEXTS.length]!,
    amount_usd: NUMBERS[i % NUMBERS.length]!,
    cash_share: NUMBERS[(i * 7) % NUMBERS.length]!,
  }));
}

describe('the fast CSV writer', () => {
  it('writes every cell exactly as csvCell does, text and numbers on every edge', () => {
    const values: (CsvCell | undefined)[] = [null, undefined, ...TEXTS, ...NUMBERS];
    for (const value of values) expect(fastCell(value), String(value)).toBe(value === undefined ? '' : csvCell(value));
  });

  it("writes the synthetic 5,000-deal book exactly as the previous writer did, in every piece size's boundary", () => {
    const deals: Deal[] = syntheticDeals(5000).map((d, i) => ({ ...d, id: i + 1 }));
    const rows = deriveRows(deals);
    expect(dealsToCsv(rows)).toBe(referenceCsv(rows));
    // Under a scenario too (other shares and ratios), and at piece boundaries (2,000 rows a piece).
    const scenario = { ...BASE_SCENARIO, name: 'Stress', up_to_factor: 0.5, credit_drawdown: 0.3 };
    const other = deriveRows(deals, { scenario });
    expect(dealsToCsv(other)).toBe(referenceCsv(other));
    for (const n of [0, 1, 1999, 2000, 2001, 4000]) expect(dealsToCsv(rows.slice(0, n)), `${n} rows`).toBe(referenceCsv(rows.slice(0, n)));
  });

  it('writes rows full of edge cells, and any choice of columns, exactly as the previous writer did', () => {
    const rows = edgeRows();
    for (const columns of [undefined, [], ['notes'], ['from_party', 'bogus', 'id', 'to_party'], ['round_trip_basis', 'amount_usd', 'cash_share'], [...CSV_COLUMNS].reverse()]) {
      expect(dealsToCsv(rows, columns), JSON.stringify(columns)).toBe(referenceCsv(rows, columns));
    }
    // A row that lacks a key (a cell left undefined) is an empty cell, as join made of it before.
    const { notes: _n, ...partial } = rows[1]!;
    expect(dealsToCsv([partial as DealRow])).toBe(referenceCsv([partial as DealRow]));
  });

  it("writes the grid's shown columns in its order (pinned id and parties first, some hidden) exactly as the previous writer did, at piece boundaries", () => {
    const rows = deriveRows(syntheticDeals(4500).map((d, i) => ({ ...d, id: i + 1 })));
    const shown = ['id', 'from_party', 'to_party', ...CSV_COLUMNS.filter((c) => !['id', 'from_party', 'to_party', 'source_url', 'capacity_mw'].includes(c))];
    for (const n of [1, 1999, 2000, 2001, 4500]) expect(dealsToCsv(rows.slice(0, n), shown), `${n} rows`).toBe(referenceCsv(rows.slice(0, n), shown));
    // The line's last cell ends it whichever column it is, round_trip_basis (the only one a full line ends with) included.
    for (const columns of [['round_trip_basis', 'id'], ['id', 'round_trip_basis'], ['cash_share', 'round_trip_ratio']]) {
      expect(dealsToCsv(rows.slice(0, 50), columns), JSON.stringify(columns)).toBe(referenceCsv(rows.slice(0, 50), columns));
    }
  });

  it('a cell no CSV holds (bytes another program stored) stops the export naming it only when its column is shown', () => {
    const rows = edgeRows().slice(0, 5);
    const odd = rows.map((r, i) => (i === 2 ? ({ ...r, notes: new Uint8Array([1, 2]) } as unknown as DealRow) : r));
    const shown = ['id', 'from_party', 'amount_usd'];
    expect(dealsToCsv(odd, shown)).toBe(referenceCsv(rows, shown));
    expect(() => dealsToCsv(odd, ['id', 'notes'])).toThrow(new RegExp(`Deal ${rows[2]!.id}.s notes holds binary data`));
  });

  it('gives the text in pieces of whole lines that join to the same text', () => {
    const rows = deriveRows(syntheticDeals(4500).map((d, i) => ({ ...d, id: i + 1 })));
    const seen: string[] = [];
    const returned = dealsToCsvChunks(rows, undefined, (piece) => seen.push(piece));
    expect(returned).toEqual([]);
    expect(seen.length).toBe(4);
    for (const piece of seen) expect(piece.endsWith('\r\n')).toBe(true);
    expect(seen.join('')).toBe(referenceCsv(rows));
    expect(dealsToCsvChunks(rows).join('')).toBe(referenceCsv(rows));
  });
});
