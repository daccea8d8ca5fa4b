import { describe, expect, it } from 'vitest';
import { dealValuesSchema, isHttpUrl, partyKey, partyKindSchema } from '../../../shared/model/deal';
import { buildDeal } from '../../../shared/model/fields';
import { parentProblem } from '../../../shared/model/parties';
import { computeAggregates } from '../../../shared/analytics/aggregates';
import { REVIEWED_DEALS, SAMPLE_DEALS, SAMPLE_PARTIES, type SampleDeal } from '../../../shared/model/sample-book';

const label = (d: SampleDeal) => `${d.from_party} -> ${d.to_party} (${d.kind}, ${d.announced})`;
const find = (from: string, to: string, kind: SampleDeal['kind']) =>
  SAMPLE_DEALS.filter((d) => partyKey(d.from_party) === partyKey(from) && partyKey(d.to_party) === partyKey(to) && d.kind === kind);

describe('the sample book', () => {
  it('holds the 64 reviewed deals and the seed articles\' deals the list lacks', () => {
    expect(REVIEWED_DEALS).toBe(64);
    expect(SAMPLE_DEALS.length).toBeGreaterThan(REVIEWED_DEALS);
    const years = SAMPLE_DEALS.map((d) => Number(d.announced.slice(0, 4)));
    expect(Math.min(...years)).toBe(2019);
    expect(Math.max(...years)).toBe(2026);
  });

  it.each(SAMPLE_DEALS.map((d) => [label(d), d] as const))('%s is a valid deal, and reads back through the cell parsers', (_, d) => {
    const parsed = dealValuesSchema.safeParse({ ...d });
    expect(parsed.success ? [] : parsed.error.issues).toEqual([]);
    // The same values typed or imported as text come out identical (nothing the parsers would change).
    const text = Object.fromEntries(Object.entries(d).map(([k, v]) => [k, v === null ? null : String(v)]));
    const built = buildDeal(text);
    expect(built.ok ? built.deal : built.problems).toEqual(d);
  });

  it('links only http(s) sources; every reviewed deal has one, every seed deal names its article', () => {
    SAMPLE_DEALS.forEach((d, i) => {
      if (d.source_url !== null) expect(isHttpUrl(d.source_url), label(d)).toBe(true);
      if (i < REVIEWED_DEALS) expect(d.source_url, label(d)).not.toBeNull();
      else expect(d.notes, label(d)).toMatch(/^Seed article: /);
      expect(d.notes?.length, label(d)).toBeGreaterThan(20);
    });
  });

  it('names every party once with a spec kind, uses each, and sets only parents a source supports (no loops)', () => {
    const keys = SAMPLE_PARTIES.map((p) => partyKey(p.name));
    expect(new Set(keys).size).toBe(keys.length);
    for (const p of SAMPLE_PARTIES) expect(partyKindSchema.safeParse(p.kind).success, p.name).toBe(true);
    const used = new Set(SAMPLE_DEALS.flatMap((d) => [partyKey(d.from_party), partyKey(d.to_party)]));
    expect([...used].filter((k) => !keys.includes(k))).toEqual([]);
    expect(keys.filter((k) => !used.has(k))).toEqual([]);
    expect(SAMPLE_PARTIES.filter((p) => p.parent).map((p) => [p.name, p.parent])).toEqual([['SB Energy', 'SoftBank']]);
    for (const p of SAMPLE_PARTIES) expect(parentProblem(SAMPLE_PARTIES, p.name, p.parent)).toBeNull();
    expect(find('OpenAI', 'SB Energy', 'infrastructure')[0]?.notes).toContain("SoftBank's SB Energy");
  });

  it('keeps unknown amounts empty and marks ceilings and coarse dates as their notes say', () => {
    expect(find('Nvidia', 'OpenAI', 'investment').find((d) => d.announced === '2025-09-22')).toMatchObject({ amount_usd: 100e9, amount_basis: 'up_to' });
    expect(find('OpenAI', 'Nvidia', 'purchase')[0]?.amount_usd).toBeNull();
    for (const d of SAMPLE_DEALS.filter((x) => x.amount_basis === 'up_to')) expect(d.notes, label(d)).toMatch(/up to|as much as|letter of intent/i);
    for (const d of SAMPLE_DEALS.filter((x) => x.announced_precision === 'month')) expect(d.notes, label(d)).toMatch(/approximate/i);
    expect(find('Google', 'Anthropic', 'investment')[0]).toMatchObject({ announced: '2023-02-01', announced_precision: 'month', amount_usd: null });
  });

  it('gives the analyst something to read: round trips that are floors or unknown, money received, several years', () => {
    const agg = computeAggregates(SAMPLE_DEALS.map((d, i) => ({ id: i + 1, ...d })), { parties: SAMPLE_PARTIES });
    // Sources rarely split an investment into cash and credits, so no sample pair is exact: that is the point.
    const bases = new Set(agg.pairs.map((p) => p.basis));
    expect([...bases].sort()).toEqual(['at_least', 'unknown']);
    expect(agg.pairs.some((p) => p.round_trip_usd > 0 && p.basis === 'at_least')).toBe(true);
    expect(agg.recipients.find((r) => r.recipient === 'OpenAI')?.investors).toBeGreaterThan(4);
    expect(agg.byYear.length).toBeGreaterThan(5);
  });
});
