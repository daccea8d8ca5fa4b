import { describe, expect, it } from 'vitest';
import { dealValuesSchema, partyKindSchema } from '../../shared/deal';
import { SAMPLE_DEALS, SAMPLE_PARTIES, SAMPLE_SOURCES } from '../../shared/sample-book';
import type { SampleDeal } from '../../shared/sample-book';

const key = (name: string) => name.trim().toLowerCase();
const label = (d: SampleDeal) => `${d.from_party} -> ${d.to_party} (${d.kind})`;
const find = (from: string, to: string, kind: SampleDeal['kind']) =>
  SAMPLE_DEALS.filter((d) => key(d.from_party) === key(from) && key(d.to_party) === key(to) && d.kind === kind);

describe('sample book', () => {
  it('has deals', () => {
    expect(SAMPLE_DEALS.length).toBeGreaterThan(20);
  });

  it.each(SAMPLE_DEALS.map((d) => [label(d), d] as const))('%s passes the spec rules', (_, d) => {
    const parsed = dealValuesSchema.safeParse({ ...d });
    expect(parsed.success ? [] : parsed.error.issues).toEqual([]);
  });

  it('names every party of every deal in SAMPLE_PARTIES', () => {
    const names = new Set(SAMPLE_PARTIES.map((p) => key(p.name)));
    const missing = SAMPLE_DEALS.flatMap((d) => [d.from_party, d.to_party]).filter((n) => !names.has(key(n)));
    expect(missing).toEqual([]);
  });

  it('lists each party once (case-insensitively), with a spec kind, and uses every one', () => {
    const names = SAMPLE_PARTIES.map((p) => key(p.name));
    expect(new Set(names).size).toBe(names.length);
    for (const p of SAMPLE_PARTIES) expect(partyKindSchema.safeParse(p.kind).success, p.name).toBe(true);
    const used = new Set(SAMPLE_DEALS.flatMap((d) => [key(d.from_party), key(d.to_party)]));
    expect(names.filter((n) => !used.has(n))).toEqual([]);
  });

  it('has unique source ids with http(s) urls or none', () => {
    const ids = SAMPLE_SOURCES.map((s) => s.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const s of SAMPLE_SOURCES) if (s.url !== null) expect(s.url).toMatch(/^https?:\/\//);
  });

  it('names its source article in every note and marks every date as approximate', () => {
    for (const d of SAMPLE_DEALS) {
      expect(SAMPLE_SOURCES.some((s) => d.notes?.includes(s.title)), label(d)).toBe(true);
      // None of the articles dates a deal to the day, so every announced date is a stand-in that must say so.
      expect(d.notes, label(d)).toContain('Date approximate');
    }
  });

  it('quotes every amount it records, in the words of the note', () => {
    for (const d of SAMPLE_DEALS) {
      if (d.amount_usd === null) continue;
      const billions = d.amount_usd / 1e9;
      const said = [`$${billions} billion`, `$${billions}B`].some((s) => d.notes?.includes(s));
      expect(said, `${label(d)}: ${d.notes}`).toBe(true);
    }
  });

  it('records the OpenAI -> Oracle $300B compute purchase', () => {
    expect(find('OpenAI', 'Oracle', 'purchase').map((d) => d.amount_usd)).toContain(300e9);
  });

  it('records Amazon -> OpenAI as a potential $50B investment with no invented cash/credit split', () => {
    const [amazon] = find('Amazon', 'OpenAI', 'investment');
    expect(amazon).toMatchObject({ amount_usd: 50e9, status: 'rumored', cash_usd: null, credit_usd: null });
  });

  it('records Stargate at $500B and 10 GW with each named backer', () => {
    expect(find('Stargate', 'Stargate', 'infrastructure')[0]).toMatchObject({ amount_usd: 500e9, capacity_mw: 10_000 });
    for (const backer of ['OpenAI', 'SoftBank', 'Oracle', 'MGX']) {
      expect(find(backer, 'Stargate', 'infrastructure'), backer).toHaveLength(1);
    }
  });

  it('records the Cerebras deal as 750 MW over three years with no dollar value', () => {
    expect(find('OpenAI', 'Cerebras', 'purchase')[0]).toMatchObject({ term_years: 3, capacity_mw: 750, amount_usd: null });
  });

  it('records the funding round, co-investors, AWS capex and the Microsoft/NVIDIA -> Anthropic legs', () => {
    expect(find('Unnamed round investors', 'OpenAI', 'investment')[0]?.amount_usd).toBe(40e9);
    expect(find('Third-party co-investors', 'OpenAI', 'investment')[0]?.amount_usd).toBe(11e9);
    expect(find('AWS', 'AWS', 'infrastructure')[0]?.amount_usd).toBe(125e9);
    expect(find('Microsoft', 'Anthropic', 'investment')).toHaveLength(1);
    expect(find('NVIDIA', 'Anthropic', 'investment')).toHaveLength(1);
    expect(find('Anthropic', 'Microsoft', 'purchase')).toHaveLength(1);
    expect(find('AMD', 'OpenAI', 'investment')).toHaveLength(1);
    expect(find('OpenAI', 'SB Energy', 'infrastructure')[0]?.amount_usd).toBe(1e9);
  });
});
