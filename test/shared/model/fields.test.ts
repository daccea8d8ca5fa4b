import { describe, it, expect } from 'vitest';
import { buildDeal, parseField } from '../../../shared/model/fields';
import { dealValuesSchema, type DealValues } from '../../../shared/model/deal';

const base: DealValues = {
  announced: '2025-09-22',
  from_party: 'NVIDIA',
  to_party: 'OpenAI',
  kind: 'investment',
  status: 'announced',
  amount_usd: 100e9,
  amount_basis: 'firm',
  announced_precision: 'day',
  cash_usd: 100e9,
  credit_usd: null,
  term_years: 10,
  start: '2026-01-01',
  capacity_mw: null,
  source_url: null,
  notes: null,
};

describe('parseField', () => {
  it('parses each field to its stored type', () => {
    expect(parseField('announced', 'Sep 22, 2025')).toEqual({ ok: true, value: '2025-09-22' });
    expect(parseField('from_party', '  Open   AI ')).toEqual({ ok: true, value: 'Open AI' });
    expect(parseField('kind', 'Purchase')).toEqual({ ok: true, value: 'purchase' });
    expect(parseField('status', ' CLOSED ')).toEqual({ ok: true, value: 'closed' });
    expect(parseField('status', 'canceled')).toEqual({ ok: true, value: 'cancelled' });
    expect(parseField('status', 'Rumoured')).toEqual({ ok: true, value: 'rumored' });
    expect(parseField('amount_usd', '$45bn')).toEqual({ ok: true, value: 45e9 });
    expect(parseField('cash_usd', 5)).toEqual({ ok: true, value: 5 });
    expect(parseField('credit_usd', '(empty)')).toEqual({ ok: true, value: null });
    expect(parseField('term_years', '5')).toEqual({ ok: true, value: 5 });
    expect(parseField('term_years', '5 years')).toEqual({ ok: true, value: 5 });
    expect(parseField('term_years', '5.0')).toEqual({ ok: true, value: 5 });
    expect(parseField('term_years', '5.00 years')).toEqual({ ok: true, value: 5 });
    expect(parseField('term_years', 7)).toEqual({ ok: true, value: 7 });
    expect(parseField('start', '2026-01')).toEqual({ ok: true, value: '2026-01-01' });
    expect(parseField('capacity_mw', '1,200 MW')).toEqual({ ok: true, value: 1200 });
    expect(parseField('source_url', ' https://example.com/a?b=1 ')).toEqual({ ok: true, value: 'https://example.com/a?b=1' });
    expect(parseField('notes', '  warrants  ')).toEqual({ ok: true, value: 'warrants' });
  });

  it('applies defaults and empties', () => {
    expect(parseField('status', '')).toEqual({ ok: true, value: 'announced' });
    expect(parseField('status', null)).toEqual({ ok: true, value: 'announced' });
    expect(parseField('term_years', '')).toEqual({ ok: true, value: 1 });
    expect(parseField('term_years', null)).toEqual({ ok: true, value: 1 });
    for (const field of ['amount_usd', 'cash_usd', 'credit_usd', 'start', 'capacity_mw', 'source_url', 'notes'] as const) {
      expect(parseField(field, '  ')).toEqual({ ok: true, value: null });
      expect(parseField(field, null)).toEqual({ ok: true, value: null });
    }
  });

  it('requires the required fields', () => {
    for (const field of ['announced', 'from_party', 'to_party', 'kind'] as const) {
      expect(parseField(field, ' ')).toEqual({ ok: false, message: 'is required' });
      expect(parseField(field, null)).toEqual({ ok: false, message: 'is required' });
    }
  });

  it('rejects bad values with messages that list what is allowed', () => {
    expect(parseField('kind', 'loan')).toEqual({ ok: false, message: 'must be one of investment, purchase, infrastructure' });
    expect(parseField('status', 'done')).toEqual({ ok: false, message: 'must be one of rumored, announced, signed, closed, cancelled' });
    expect(parseField('status', 'constructor').ok).toBe(false);
    expect(parseField('kind', 'toString').ok).toBe(false);
    expect(parseField('from_party', 'x'.repeat(121))).toEqual({ ok: false, message: 'must be at most 120 characters' });
    expect(parseField('from_party', ` ${'x'.repeat(120)} `)).toEqual({ ok: true, value: 'x'.repeat(120) });
    expect(parseField('notes', 'x'.repeat(10_001))).toEqual({ ok: false, message: 'must be at most 10000 characters' });
    expect(parseField('notes', 'x'.repeat(10_000)).ok).toBe(true);
    for (const url of ['javascript:alert(1)', 'ftp://example.com', 'file:///etc/passwd', 'https://']) {
      expect(parseField('source_url', url)).toEqual({ ok: false, message: 'must be an http:// or https:// URL' });
    }
    // A link pasted without its scheme is still refused (never guessed), and the message gives the form that works.
    expect(parseField('source_url', 'example.com')).toEqual({ ok: false, message: 'must be an http:// or https:// URL: write https://example.com' });
    expect(parseField('source_url', 'www.ft.com/content/x?y=1')).toEqual({ ok: false, message: 'must be an http:// or https:// URL: write https://www.ft.com/content/x?y=1' });
    for (const term of ['0', '51', '2.5', '5.01', '0.0', 'ten', -1]) expect(parseField('term_years', term).ok).toBe(false);
    expect(parseField('amount_usd', '-5B')).toEqual({ ok: false, message: 'must not be negative' });
    expect(parseField('announced', '9/22/2025')).toEqual({ ok: true, value: '2025-09-22' });
    expect(parseField('announced', '3/4/2025').ok).toBe(false);
    expect(parseField('announced', '3/4/2025', { dateOrder: 'MDY' })).toEqual({ ok: true, value: '2025-03-04' });
    expect(parseField('amount_basis', 'maybe')).toEqual({ ok: false, message: 'must be one of firm, up_to, estimate' });
    expect(parseField('announced_precision', 'week')).toEqual({ ok: false, message: 'must be one of day, month, quarter, year' });
    expect(parseField('from_party', 'Open\uD800AI').ok).toBe(false);
    expect(parseField('notes', 'broken \uDC00 text').ok).toBe(false);
    expect(parseField('start', '2025-02-30')).toEqual({ ok: false, message: 'is not a real calendar date' });
    expect(parseField('announced', 20250922).ok).toBe(false);
  });
});

describe('buildDeal', () => {
  it('builds a new deal from raw cells with defaults', () => {
    const built = buildDeal({ announced: '2025-10-06', from_party: 'AMD', to_party: 'OpenAI', kind: 'investment', amount_usd: '20B' });
    expect(built).toEqual({
      ok: true,
      deal: {
        announced: '2025-10-06',
        announced_precision: 'day',
        from_party: 'AMD',
        to_party: 'OpenAI',
        kind: 'investment',
        status: 'announced',
        amount_usd: 20e9,
        amount_basis: 'firm',
        cash_usd: null,
        credit_usd: null,
        term_years: 1,
        start: null,
        capacity_mw: null,
        source_url: null,
        notes: null,
      },
    });
  });

  it('reports every missing required field', () => {
    expect(buildDeal({})).toEqual({
      ok: false,
      problems: [
        { field: 'announced', message: 'is required' },
        { field: 'from_party', message: 'is required' },
        { field: 'to_party', message: 'is required' },
        { field: 'kind', message: 'is required' },
      ],
    });
  });

  it('reports every bad field at once, in column order', () => {
    const built = buildDeal({ notes: 'x'.repeat(10_001), amount_usd: 'abc', announced: '3/4/2025', kind: 'loan', source_url: 'ftp://x' }, base);
    expect(built.ok).toBe(false);
    if (built.ok) return;
    expect(built.problems.map((p) => p.field)).toEqual(['announced', 'kind', 'amount_usd', 'source_url', 'notes']);
  });

  it('applies changes over a base deal and keeps the rest', () => {
    const built = buildDeal({ status: 'signed', cash_usd: '60B', credit_usd: '40B' }, base);
    expect(built).toEqual({ ok: true, deal: { ...base, status: 'signed', cash_usd: 60e9, credit_usd: 40e9 } });
  });

  it('applies the cross-field rules', () => {
    expect(buildDeal({ cash_usd: '90B', credit_usd: '20B' }, base)).toEqual({
      ok: false,
      problems: [{ field: 'credit_usd', message: 'cash_usd + credit_usd must not exceed amount_usd' }],
    });
    expect(buildDeal({ to_party: ' nvidia ' }, base)).toEqual({
      ok: false,
      problems: [{ field: 'to_party', message: 'must differ from from_party unless kind is infrastructure' }],
    });
    expect(buildDeal({ to_party: 'nvidia', kind: 'infrastructure' }, base).ok).toBe(true);
    expect(buildDeal({ amount_usd: '' }, base).ok).toBe(true);
  });

  it('guards against an invalid base', () => {
    const built = buildDeal({ notes: 'fine' }, { ...base, announced: '1980-01-01', term_years: 0 });
    expect(built.ok).toBe(false);
    if (built.ok) return;
    expect(built.problems.map((p) => p.field)).toEqual(['announced', 'term_years']);
  });

  it('never returns an invalid deal', () => {
    const options = {
      announced: ['', '2025-01-01', 'Sep 2025', '9/9/2025', '1980-01-01'],
      from_party: ['', 'A', ' a ', 'B'],
      to_party: ['', 'A', 'b', 'C'],
      kind: ['', 'investment', 'Purchase', 'infrastructure', 'loan'],
      amount_usd: ['', '0', '5B', '-1', 'abc', '1B'],
      cash_usd: ['', '0', '2B', '5B', 'x'],
      credit_usd: ['', '1B', '3B', '4B'],
      term_years: ['', '3', '60', '0'],
      source_url: ['', 'https://x.org', 'javascript:alert(1)'],
    } as const;
    let seed = 12345;
    const pick = <T,>(list: readonly T[]): T => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return list[seed % list.length]!;
    };
    let valid = 0;
    let invalid = 0;
    for (let i = 0; i < 3000; i++) {
      const raw: Record<string, string> = {};
      for (const [field, list] of Object.entries(options)) if (seed % 7 !== 0 || i % 2 === 0) raw[field] = pick(list);
      const built = buildDeal(raw, i % 3 === 0 ? base : undefined);
      if (built.ok) {
        valid++;
        expect(dealValuesSchema.safeParse(built.deal).success).toBe(true);
      } else {
        invalid++;
        expect(built.problems.length).toBeGreaterThan(0);
      }
    }
    expect(valid).toBeGreaterThan(50);
    expect(invalid).toBeGreaterThan(50);
  });
});
