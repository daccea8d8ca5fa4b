import { describe, expect, it } from 'vitest';
import { mapCsv, mapHeader, resolveHeader, validateRows, type ColumnMap } from '../../../shared/csv/csv-map';
import { mappedUnit } from '../../../shared/csv/csv-units';

const HEAD = 'announced,from_party,to_party,kind';
const read = (text: string, map?: ColumnMap) => validateRows(mapCsv(text, { map }));

describe('a unit in a capacity header', () => {
  it('reads Capacity (GW) as gigawatts, with or without a map', () => {
    expect(resolveHeader('Capacity (GW)')).toEqual({ field: 'capacity_mw', multiplier: 1e3 });
    expect(resolveHeader('Capacity (gigawatts)')).toEqual({ field: 'capacity_mw', multiplier: 1e3 });
    const text = `${HEAD},Capacity (GW)\n2025-01-01,A,B,investment,1.2\n2025-01-02,A,B,investment,1.1\n2025-01-03,A,B,investment,900 MW\n2025-01-04,A,B,investment,\n`;
    const r = read(text);
    expect(r.problems).toEqual([]);
    expect(r.warnings).toEqual([]);
    // 1.1 GW is exactly 1100 MW; a cell stating its own unit keeps it; empty stays empty.
    expect(r.deals.map((d) => d.deal.capacity_mw)).toEqual([1200, 1100, 900, null]);
  });

  it('a column mapped to capacity_mw keeps the unit of its header (GW numbers are not stored as MW)', () => {
    const text = `${HEAD},Power (GW)\n2025-01-01,A,B,investment,1.5\n`;
    const r = read(text, { 'Power (GW)': 'capacity_mw' });
    expect(r.problems).toEqual([]);
    expect(r.deals[0]!.deal.capacity_mw).toBe(1500);
    expect(read(text.replace('Power (GW)', 'Power (MW)'), { 'Power (MW)': 'capacity_mw' }).deals[0]!.deal.capacity_mw).toBe(1.5);
  });

  it('names the line and column of a capacity cell under a unit that is not a number', () => {
    const r = read(`${HEAD},Capacity (GW)\n2025-01-01,A,B,investment,lots\n`);
    expect(r.problems).toEqual([{ line: 2, field: 'Capacity (GW)', value: 'lots', message: expect.stringContaining('non-negative number') }]);
  });
});

describe('a mapped header whose unit the field cannot take', () => {
  it.each([
    ['Capacity (kW)', 'capacity_mw', 'capacity_mw is in MW or GW; the header\'s unit "kW" is not one it can take'],
    ['Power (GWh)', 'capacity_mw', 'capacity_mw is in MW or GW; the header\'s unit "GWh" is not one it can take'],
    ['Size (EUR m)', 'amount_usd', 'amount_usd is in US dollars ($, $K, $M, $B, $T); the header\'s unit "EUR m" is not one it can take'],
    ['Cash (€B)', 'cash_usd', 'cash_usd is in US dollars ($, $K, $M, $B, $T); the header\'s unit "€B" is not one it can take'],
    ['Term (months)', 'term_years', 'term_years is in years; the header\'s unit "months" is not one it can take'],
    ['Capacity ($B)', 'capacity_mw', 'capacity_mw is in MW or GW; the header\'s unit "$B" is not one it can take'],
  ] as const)('refuses %j mapped to %s, naming the column on the header line, and reads no row', (header, field, message) => {
    expect(mappedUnit(header, field)).toEqual({ ok: false, message });
    const mapped = mapCsv(`${HEAD},${header}\n2025-01-01,A,B,investment,5\n`, { map: { [header]: field } });
    expect(mapped.fatal).toBe(true);
    expect(mapped.rows).toEqual([]);
    expect(mapped.problems).toEqual([{ line: 1, field: header, message: `cannot be mapped: ${message}` }]);
  });

  it('reads a header whose brackets hold no unit as it is, and a field without units ignores them', () => {
    for (const [header, field] of [['Amount (headline)', 'amount_usd'], ['Term (initial)', 'term_years'], ['Lead (investor)', 'from_party'], ['Memo (kW)', 'notes']] as const) {
      expect(mappedUnit(header, field)).toEqual({ ok: true, multiplier: 1 });
    }
    expect(mappedUnit('Size (USD bn)', 'amount_usd')).toEqual({ ok: true, multiplier: 1e9 });
    expect(mappedUnit('Length (yrs)', 'term_years')).toEqual({ ok: true, multiplier: 1 });
  });
});

describe('a column mapped to the deal id', () => {
  const text = `Deal ID,${HEAD}\n3,2025-01-01,A,B,investment\n,2025-01-02,A,C,investment\n`;

  it('is the id an import by id reads', () => {
    const mapped = mapCsv(text, { map: { 'Deal ID': 'id' }, withId: true });
    expect(mapped.problems).toEqual([]);
    expect(mapped.columns[0]).toEqual({ header: 'Deal ID', field: 'id' });
    expect(mapped.rows.map((r) => r.id)).toEqual(['3', undefined]);
  });

  it('is read as nothing by an import that adds rows, as an id column is', () => {
    const mapped = mapCsv(text, { map: { 'Deal ID': 'id' } });
    expect(mapped.columns[0]).toEqual({ header: 'Deal ID', field: null });
    expect(mapped.warnings).toEqual([]);
    expect(mapped.rows.every((r) => r.id === undefined)).toBe(true);
  });

  it('refuses a second id column, whichever is mapped', () => {
    const map = mapHeader(['Deal ID', 'id', 'announced', 'from_party', 'to_party', 'kind'], 1, { map: { 'Deal ID': 'id' }, withId: true });
    expect(map.fatal).toBe(true);
    expect(map.problems).toEqual([{ line: 1, field: 'id', message: 'duplicate column: two columns are the deal id' }]);
  });
});

describe('a header naming a field in a unit it cannot take, unmapped', () => {
  it.each([
    ['Amount (EUR m)', 'column ignored: amount_usd is in US dollars ($, $K, $M, $B, $T); the header\'s unit "EUR m" is not one it can take'],
    ['Capacity (kW)', 'column ignored: capacity_mw is in MW or GW; the header\'s unit "kW" is not one it can take'],
    ['Analyst', 'column ignored: the book has no field for it (map it to a field to import it)'],
  ])('says why %j is ignored, not that mapping it would help', (header, message) => {
    const map = mapHeader(['announced', 'from_party', 'to_party', 'kind', header]);
    expect(map.warnings).toEqual([{ line: 1, field: header, message }]);
    expect(map.columns[4]).toBeNull();
  });
});

describe('a unit written after the header without brackets', () => {
  it.each([
    ['Amount $B', 'amount_usd', 1e9], ['Amount, $bn', 'amount_usd', 1e9], ['Amount in $B', 'amount_usd', 1e9], ['Amount_USD_bn', 'amount_usd', 1e9],
    ['Cash USD m', 'cash_usd', 1e6], ['Credits $', 'credit_usd', 1], ['Deal value billions', 'amount_usd', 1e9],
    ['Capacity GW', 'capacity_mw', 1e3], ['Capacity MW', 'capacity_mw', 1], ['Term years', 'term_years', 1],
  ])('reads %j as %s times %d', (header, field, multiplier) => {
    expect(resolveHeader(header)).toEqual({ field, multiplier });
  });

  it('leaves words that are no unit alone (a lone m or b is a unit only beside a dollar)', () => {
    expect(resolveHeader('Amount m')).toBeNull();
    expect(resolveHeader('Investor lead')).toBeNull();
    expect(mappedUnit('Deal size estimate', 'amount_usd')).toEqual({ ok: true, multiplier: 1 });
  });

  it('applies to a mapped header, so Size $B = 2 is $2B and Power GW = 1.5 is 1500 MW, never $2 or 1.5 MW', () => {
    const text = `${HEAD},Size $B,Power GW\n2025-01-01,A,B,investment,2,1.5\n`;
    const r = read(text, { 'Size $B': 'amount_usd', 'Power GW': 'capacity_mw' });
    expect(r.problems).toEqual([]);
    expect(r.deals.map((d) => [d.deal.amount_usd, d.deal.capacity_mw])).toEqual([[2e9, 1500]]);
    expect(mappedUnit('Power kW', 'capacity_mw')).toEqual({ ok: false, message: 'capacity_mw is in MW or GW; the header\'s unit "kW" is not one it can take' });
  });
});

describe('a file whose amounts no column reads', () => {
  it('says so beside the column that looks like it, naming it', () => {
    const map = mapHeader(['announced', 'from_party', 'to_party', 'kind', 'Ticket size']);
    expect(map.warnings).toEqual([
      { line: 1, field: 'Ticket size', message: 'column ignored: the book has no field for it (map it to a field to import it)' },
      { line: 1, field: 'Ticket size', message: 'no column is read as amount_usd, so every deal would have no amount (undisclosed): if this column holds the amounts, map it to amount_usd' },
    ]);
    expect(mapHeader(['announced', 'from_party', 'to_party', 'kind', 'Analyst']).warnings).toHaveLength(1);
    expect(mapHeader(['announced', 'from_party', 'to_party', 'kind', 'amount_usd', 'Value (EUR)']).warnings).toHaveLength(1);
  });
});

describe('more headers analysts write', () => {
  it.each([
    ['Announcement', 'announced'], ['Date announced', 'announced'], ['Investor(s)', 'from_party'], ['Investors', 'from_party'],
    ['Recipient(s)', 'to_party'], ['Duration (years)', 'term_years'], ['Power (GW)', 'capacity_mw'], ['Sources', 'source_url'],
    ['Precision', 'announced_precision'], ['Amount basis', 'amount_basis'],
  ])('reads %j as %s', (header, field) => {
    expect(resolveHeader(header)?.field).toBe(field);
  });

  it('leaves headers whose direction or meaning is not clear alone (Company, Counterparty, Description)', () => {
    for (const h of ['Company', 'Counterparty', 'Buyer', 'Description', 'Lead investor']) expect(resolveHeader(h), h).toBeNull();
  });
});
