import { describe, expect, it } from 'vitest';
import type { RawValue, RawValues } from '../../../shared/protocol/contract';
import { crossFieldIssues, DEAL_FIELDS, dealValuesSchema, partyKey, type DealField, type DealValues } from '../../../shared/model/deal';
import { buildDeal } from '../../../shared/model/fields';
import { parseDate, parseMoney } from '../../../shared/model/parse';

// A new deal skips the zod pass that a deal built over a base still gets. With every field given, the base
// does not matter, so the two paths must agree on every input: same deal, or same problems.
const BASE: DealValues = {
  announced: '2020-01-01', from_party: 'Base From', to_party: 'Base To', kind: 'purchase', status: 'signed',
  amount_usd: 1, amount_basis: 'firm', announced_precision: 'day', cash_usd: null, credit_usd: null, term_years: 2, start: null, capacity_mw: null, source_url: null, notes: null,
};

const long = (n: number) => 'x'.repeat(n);

/** Cells near every rule's edge, per field; the first of each is valid. */
const CELLS: Record<DealField, RawValue[]> = {
  announced: ['2025-09-22', '1990-01-01', '1989-12-31', '2100-12-31', '2101-01-01', '2024-02-29', '2023-02-29', '2025-13-01',
    '0000-01-01', 'Sep 2025', '22 Sep 2025', '9/22/2025', '', null, '2025-09-22T10:00:00Z', ' 2025-09-22 ', 'soon'],
  announced_precision: ['', 'day', 'Month', 'quarter', 'year', 'week', null],
  amount_basis: ['', 'firm', 'up_to', 'Up to', 'estimate', '~', 'guess', null],
  from_party: ['OpenAI', '  Open   AI ', 'openai', '', '   ', long(120), long(121), '=SUM(A1)', 'Société', 123],
  to_party: ['Oracle', 'OPENAI', 'OpenAI', '', long(120), ` ${long(120)} `, 'Stargate'],
  kind: ['investment', 'Purchase', 'INFRASTRUCTURE', 'loan', '', null],
  status: ['', 'rumored', 'Canceled', 'cancelled', 'pending', null],
  amount_usd: ['45000000000', '45B', '$1,200,000,000', '0', '-5B', '1e400', '9'.repeat(400), '', '(empty)', null, 0, -1, 1e9, Number.NaN, 1.5],
  cash_usd: ['10B', '0', '', null, '50B', '1e-3', 1e9 + 0.5],
  credit_usd: ['', '40B', null, '0.0000001', '60B', 5e8],
  term_years: ['1', '50', '51', '0', '', '5 years', '2.5', 7, 7.5, null, '1,0'],
  start: ['', '2026-01', '2024-02-30', '1989-01-01', null],
  capacity_mw: ['', '1200', '1.2 GW', '-1', '1,200.5', null, Number.POSITIVE_INFINITY],
  source_url: ['', 'https://example.com/a', 'HTTP://EXAMPLE.COM', 'javascript:alert(1)', 'https://', `https://x.com/${long(2040)}`, 'ftp://x', null],
  notes: ['', 'fine', long(10_000), long(10_001), ` ${long(10_000)} `, null, '=1+1'],
};

function seededPick(seed: number): (n: number) => number {
  let s = seed;
  return (n) => {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    return Math.floor((s / 2 ** 31) * n);
  };
}

describe('buildDeal without a base agrees with the zod path', () => {
  it('on random rows built from every rule edge', () => {
    const pick = seededPick(11);
    let valid = 0;
    for (let n = 0; n < 20_000; n++) {
      const raw: RawValues = {};
      // Mostly the valid first cell, so that rows mixing one or two edge cells are common.
      for (const field of DEAL_FIELDS) raw[field] = CELLS[field][pick(4) ? 0 : pick(CELLS[field].length)]!;
      const fast = buildDeal(raw);
      expect(fast, JSON.stringify(raw).slice(0, 300)).toEqual(buildDeal(raw, BASE));
      if (fast.ok) {
        valid++;
        expect(dealValuesSchema.parse(fast.deal)).toEqual(fast.deal);
      }
    }
    // The pools are built so that a fair share of rows pass and a fair share fail.
    expect(valid).toBeGreaterThan(500);
    expect(valid).toBeLessThan(19_500);
  });

  it('lists a new deal\'s fields in column order, like the schema', () => {
    const built = buildDeal({ kind: 'investment', to_party: 'B', from_party: 'A', announced: '2025-01-01' });
    expect(built.ok && Object.keys(built.deal)).toEqual([...DEAL_FIELDS]);
  });

  it('keeps the fast paths for ISO dates and plain digits identical to the general forms', () => {
    expect(parseDate('2024-02-29')).toEqual({ ok: true, value: '2024-02-29' });
    expect(parseDate('2023-02-29')).toEqual(parseDate('2023-2-29'));
    expect(parseDate('1989-12-31')).toEqual(parseDate('Dec 31, 1989'.replace('Dec 31,', 'December 31,')));
    expect(parseMoney('45000000000')).toEqual(parseMoney('45,000,000,000'));
    expect(parseMoney('007')).toEqual({ ok: true, value: 7 });
    expect(parseMoney('9'.repeat(400))).toEqual(parseMoney(`9.${'9'.repeat(399)}e399`));
  });

  it('calls two parties the same exactly when partyKey does', () => {
    const names = ['OpenAI', 'openai', ' OPENAI ', 'Open AI', 'Société', 'SOCIÉTÉ', 'société', 'Ärzte', 'ärzte', '\tOpenAI\n',
      'OpenAI\u00a0', 'K', '\u212a', 'k', 'ß', 'SS', 'ss', '@', '`', '[', '{', 'Z', 'z', ''];
    for (const from_party of names) {
      for (const to_party of names) {
        const self = crossFieldIssues({ ...BASE, kind: 'investment', from_party, to_party }).some((i) => i.field === 'to_party');
        expect(self, JSON.stringify([from_party, to_party])).toBe(partyKey(from_party) === partyKey(to_party));
      }
    }
  });
});
