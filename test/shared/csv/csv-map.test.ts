import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mapCsv, mapHeader, resolveHeader, unneutralise, validateRows } from '../../../shared/csv/csv-map';
import { dealsToCsv } from '../../../shared/csv/csv-write';
import { deriveRows } from '../../../shared/analytics/metrics';
import { describeProblems } from '../../../shared/protocol/result';
import type { Deal } from '../../../shared/model/deal';
import { loadBasicBook } from '../../helpers/book-fixture';
import { VALID_DIR, decodeCsvBytes, expectedValid } from '../../fixtures/csv/corpus';

const importCsv = (text: string) => validateRows(mapCsv(text));
const report = (text: string) => describeProblems(importCsv(text).problems);

describe('resolveHeader', () => {
  it.each([
    ['from_party', 'from_party'], ['Investor', 'from_party'], ['From', 'from_party'], ['from', 'from_party'],
    ['Source party', 'from_party'], ['  FROM   PARTY ', 'from_party'], ['Recipient', 'to_party'], ['To', 'to_party'],
    ['Investee', 'to_party'], ['Date', 'announced'], ['Announced', 'announced'], ['Announcement date', 'announced'],
    ['Amount', 'amount_usd'], ['Amount (USD)', 'amount_usd'], ['Value', 'amount_usd'], ['AMOUNT_USD', 'amount_usd'],
    ['Amount USD', 'amount_usd'], ['Cash', 'cash_usd'], ['Credits', 'credit_usd'], ['Compute credits', 'credit_usd'],
    ['Type', 'kind'], ['Kind', 'kind'], ['Status', 'status'], ['Term', 'term_years'], ['Term (years)', 'term_years'],
    ['Years', 'term_years'], ['Start', 'start'], ['Capacity (MW)', 'capacity_mw'], ['MW', 'capacity_mw'],
    ['Source', 'source_url'], ['URL', 'source_url'], ['Link', 'source_url'], ['Notes', 'notes'], ['Comment', 'notes'],
  ])('maps %j to %s', (header, field) => {
    expect(resolveHeader(header)).toEqual({ field, multiplier: 1 });
  });

  it.each([
    ['Amount ($B)', 'amount_usd', 1e9], ['Amount ($M)', 'amount_usd', 1e6], ['Amount ($T)', 'amount_usd', 1e12],
    ['Amount ($K)', 'amount_usd', 1e3], ['amount (usd bn)', 'amount_usd', 1e9], ['Amount [$B]', 'amount_usd', 1e9],
    ['Amount (in $ millions)', 'amount_usd', 1e6], ['Cash ($B)', 'cash_usd', 1e9], ['Credits ($M)', 'credit_usd', 1e6],
    ['Value ($bn)', 'amount_usd', 1e9], ['Amount ($)', 'amount_usd', 1],
  ])('reads the unit of %j', (header, field, multiplier) => {
    expect(resolveHeader(header)).toEqual({ field, multiplier });
  });

  it.each(['Valuation', 'Amount (EUR)', 'Term (months)', 'Capacity (GWh)', 'Notes ($B)', 'cash_share', 'id', ''])(
    'does not map %j',
    (header) => expect(resolveHeader(header)).toBeNull(),
  );
});

describe('mapHeader', () => {
  it('ignores id, derived and unnamed columns, and ignores unknown ones with one warning each on the header line', () => {
    const map = mapHeader(['id', 'Date', 'Investor', 'To', 'Kind', 'cash_share', 'Round_Trip_Ratio', '', 'Valuation', 'Tags'], 3);
    expect(map.columns.map((c) => c?.field ?? null)).toEqual([null, 'announced', 'from_party', 'to_party', 'kind', null, null, null, null, null]);
    expect(map.headers).toEqual({ announced: 'Date', from_party: 'Investor', to_party: 'To', kind: 'Kind' });
    expect(map.problems).toEqual([]);
    expect(map.warnings).toEqual([
      { line: 3, field: 'Valuation', message: expect.stringContaining('column ignored') },
      { line: 3, field: 'Tags', message: expect.stringContaining('column ignored') },
    ]);
    expect(map.fatal).toBe(false);
  });

  it('reads the id column only for an import by id', () => {
    expect(mapHeader(['id', 'announced', 'from_party', 'to_party', 'kind'], 1, { withId: true }).columns[0]).toEqual({ field: 'id', header: 'id' });
  });

  it("follows the analyst's map: a column to a field (keeping a header unit), or to nothing; an unused entry is a warning", () => {
    const map = mapHeader(['When', 'Backer', 'Target', 'Kind', 'Size ($B)', 'Amount'], 1, {
      map: { when: 'announced', BACKER: 'from_party', Target: 'to_party', 'Size ($B)': 'amount_usd', Amount: 'ignore', Nowhere: 'notes' },
    });
    expect(map.columns.map((c) => c?.field ?? null)).toEqual(['announced', 'from_party', 'to_party', 'kind', 'amount_usd', null]);
    expect(map.columns[4]).toMatchObject({ multiplier: 1e9 });
    expect(map.problems).toEqual([]);
    expect(map.warnings).toEqual([{ line: 1, field: 'Nowhere', message: expect.stringContaining('no column has this header') }]);
  });

  it('cuts every header it echoes to a short excerpt', () => {
    const huge = 'H'.repeat(10_000_000);
    const map = mapHeader(['announced', 'from_party', 'to_party', 'kind', huge, 'from_party' + huge]);
    for (const p of [...map.problems, ...map.warnings]) {
      expect(p.field!.length).toBeLessThanOrEqual(61);
      expect(p.message.length).toBeLessThan(300);
    }
    expect(map.warnings).toHaveLength(2);
  });

  it('refuses a header of 130,000 columns on its line, without a problem per column', () => {
    const map = mapHeader(Array.from({ length: 130_000 }, (_, i) => `c${i}`), 2);
    expect(map).toMatchObject({ fatal: true, problems: [{ line: 2, message: 'header has 130,000 columns; a deal file has at most 1,000' }], warnings: [] });
  });

  it('reports a duplicate mapped column as fatal', () => {
    const map = mapHeader(['announced', 'Investor', 'from_party', 'to_party', 'kind']);
    expect(map.problems).toEqual([{ line: 1, field: 'from_party', message: 'duplicate column: "Investor" and "from_party" both mean from_party' }]);
    expect(map.fatal).toBe(true);
  });

  it("lists a duplicate column under the field it would fill (so the dialog can offer to ignore it), and reads no row", () => {
    const mapped = mapCsv('announced,from_party,to_party,kind,amount_usd,Amount\r\n2025-01-01,A,B,investment,5B,6B\r\n');
    expect(mapped.fatal).toBe(true);
    expect(mapped.rows).toEqual([]);
    expect(mapped.columns.map((c) => c.field)).toEqual(['announced', 'from_party', 'to_party', 'kind', 'amount_usd', 'amount_usd']);
    // Ignoring it clears the problem.
    const ignored = mapCsv('announced,from_party,to_party,kind,amount_usd,Amount\r\n2025-01-01,A,B,investment,5B,6B\r\n', { map: { Amount: 'ignore' } });
    expect(ignored.problems).toEqual([]);
    expect(ignored.columns[5]!.field).toBeNull();
  });

  it('reports every missing required column', () => {
    const map = mapHeader(['from_party', 'amount_usd']);
    expect(map.problems).toEqual([
      { line: 1, field: 'announced', message: 'required column is missing' },
      { line: 1, field: 'to_party', message: 'required column is missing' },
      { line: 1, field: 'kind', message: 'required column is missing' },
    ]);
    expect(map.fatal).toBe(true);
  });
});

describe('unneutralise', () => {
  it.each([
    ["'=SUM(A1)", '=SUM(A1)'], ["'-5", '-5'], ["'+x", '+x'], ["'@cmd", '@cmd'], ["'\tx", '\tx'], ["'\r\nx", '\r\nx'],
    ["'\uFF1Dx", '\uFF1Dx'], ["'\uFF0Dx", '\uFF0Dx'], ["''=already", "'=already"], ["'''=x", "''=x"],
  ])('drops the export guard from %j', (text, original) => expect(unneutralise(text)).toBe(original));

  it.each(["'plain", "'", "''", "'5", 'a=b', "x'=y", '=raw'])('leaves %j as it is', (text) => expect(unneutralise(text)).toBe(text));
});

describe('mapCsv and validateRows', () => {
  it('reports problems as "line N, column X: what (value)"', () => {
    const text = [
      'announced,from_party,to_party,kind,amount_usd', '2025-01-01,A,B,investment,1B', '', '2025-01-01,A,B,investment,1B',
      '2025-01-01,A,B,investment,1B', '2025-01-01,A,B,investment,1B', '2025-01-01,A,B,investment,-5B',
    ].join('\r\n');
    expect(report(text)).toBe('line 7, column amount_usd: must not be negative (-5B)');
  });

  it('names the column as the file writes it and orders problems by line', () => {
    const text = 'Date,Investor,Recipient,Type,Amount ($B),Cash ($B)\n2025-01-01,OpenAI,Oracle,loan,1,2\n9/4/2025,,x,investment,nope,\n';
    expect(report(text).split('\n')).toEqual([
      'line 2, column Type: must be one of investment, purchase, infrastructure (loan)',
      'line 3, column Amount ($B): must be a USD amount such as 45000000000, 45e9, 45B, 45 bn, $45bn, 45,000M, 750M or 1.2T (suffixes K, M/mm/mn, B/bn, T/tn) (nope)',
      'line 3, column Date: is ambiguous: 9 April or September 4, 2025; write 2025-04-09 or 2025-09-04 (YYYY-MM-DD), or set the date order (DMY or MDY) (9/4/2025)',
      'line 3, column Investor: is required',
    ]);
  });

  it('applies the header unit, keeps a cell that states its own scale, and checks the cross-field rule in USD', () => {
    const ok = importCsv('Date,From,To,Kind,Amount ($B),Cash ($M),Credits ($B)\n2025-01-01,A,B,investment,50,15000,35\n2025-01-02,A,B,investment,750M,,\n');
    expect(ok.problems).toEqual([]);
    expect(ok.deals.map((d) => [d.line, d.deal.amount_usd, d.deal.cash_usd, d.deal.credit_usd])).toEqual([
      [2, 50e9, 15e9, 35e9],
      [3, 750e6, null, null],
    ]);
    const over = importCsv('Date,From,To,Kind,Amount ($B),Credits ($B)\n2025-01-01,A,B,investment,1,1.5\n');
    expect(describeProblems(over.problems)).toBe('line 2, column Credits ($B): cash_usd + credit_usd must not exceed amount_usd (1500000000)');
  });

  it('keeps the valid rows apart from the invalid ones so an importer can skip them', () => {
    const r = importCsv('announced,from_party,to_party,kind\n2025-01-01,A,B,investment\n2025-01-01,A,B,bogus\n2025-01-02,C,D,purchase\n1,"x"y,z,w\n');
    expect(r.deals.map((d) => d.line)).toEqual([2, 4]);
    expect(r.problems.map((p) => p.line)).toEqual([3, 5]);
    expect(r.recordCount).toBe(4);
    expect(r.fatal).toBe(false);
  });

  it('never turns a row with a parse or mapping problem into a deal', () => {
    const r = importCsv('announced,from_party,to_party,kind,\n2025-01-01,A,B,investment,stray\n');
    expect(r.deals).toEqual([]);
    expect(describeProblems(r.problems)).toBe('line 2, column 5: value in a column without a header (stray)');
    const unit = importCsv('announced,from_party,to_party,kind,Amount ($B)\n2025-01-01,A,B,investment,-1\n');
    expect(unit.deals).toEqual([]);
    expect(describeProblems(unit.problems)).toBe('line 2, column Amount ($B): must not be negative (-1)');
  });

  it('maps nothing when the header is unusable, rather than failing every row', () => {
    const r = importCsv('announced,from_party,to_party\n2025-01-01,A,B\n2025-01-01,A,B\n');
    expect(r.problems).toEqual([{ line: 1, field: 'kind', message: 'required column is missing' }]);
    expect(r.deals).toEqual([]);
    expect(r.fatal).toBe(true);
    expect(importCsv('\u0000').fatal).toBe(true);
    expect(importCsv('').fatal).toBe(true);
    expect(importCsv('announced,from_party,to_party,kind,Valuation\n').fatal).toBe(false);
  });

  it('reports a notes field of 10 MB briefly', () => {
    const r = importCsv(`announced,from_party,to_party,kind,notes\n2025-01-01,A,B,investment,"${'n'.repeat(10 * 1024 * 1024)}"\n`);
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]).toMatchObject({ line: 2, field: 'notes', message: 'must be at most 10000 characters' });
    expect(r.problems[0].value!.length).toBeLessThan(300);
  });
});

describe('valid files', () => {
  for (const [file, deals] of Object.entries(expectedValid())) {
    it(`imports ${file}`, () => {
      const r = importCsv(decodeCsvBytes(readFileSync(join(VALID_DIR, file))));
      expect(r.problems).toEqual([]);
      expect(r.deals).toEqual(deals);
    });
  }
});

describe('export then import', () => {
  // The v1 book predates amount_basis and announced_precision; a CSV round trip writes their defaults.
  const strip = ({ id: _id, ...values }: Deal) => ({ ...values, announced_precision: values.announced_precision ?? 'day', amount_basis: values.amount_basis ?? 'firm' });

  it('gives back the vectors book exactly', () => {
    const book = loadBasicBook();
    const r = importCsv(dealsToCsv(deriveRows(book.deals)));
    expect(r.problems).toEqual([]);
    expect(r.deals.map((d) => d.deal)).toEqual(book.deals.map(strip));
  });

  it('gives back formula-like, quoted and multi-line text exactly', () => {
    const base = loadBasicBook().deals[0];
    const texts = ['=SUM(A1)', '-5 Capital', '+x', '@cmd', "'=already", '\uFF1Dx', '\uFF20x', 'say "hi", ok', 'a\r\nb\nc'];
    const deals: Deal[] = texts.map((t, i) => ({ ...base, id: i + 1, from_party: t.replace(/\s+/g, ' '), notes: t, kind: 'infrastructure' }));
    const r = importCsv(dealsToCsv(deriveRows(deals)));
    expect(r.problems).toEqual([]);
    expect(r.deals.map((d) => [d.deal.from_party, d.deal.notes])).toEqual(deals.map((d) => [d.from_party, d.notes]));
  });
});

describe('two id columns in a file read for updates', () => {
  it('is a duplicate column on the header line, and no row is read', () => {
    const text = 'id,announced,from_party,to_party,kind,ID\n1,2025-09-22,A,B,investment,2\n';
    const mapped = mapCsv(text, { withId: true });
    expect(mapped.fatal).toBe(true);
    expect(mapped.problems).toEqual([{ line: 1, field: 'ID', message: 'duplicate column: two columns are the deal id' }]);
    expect(mapped.rows).toEqual([]);
  });

  it('is no problem when ids are not read (a plain import adds every row)', () => {
    const r = validateRows(mapCsv('id,announced,from_party,to_party,kind,ID\n1,2025-09-22,A,B,investment,2\n'));
    expect(r.problems).toEqual([]);
    expect(r.deals).toHaveLength(1);
  });
});
