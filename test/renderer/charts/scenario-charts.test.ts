import { describe, expect, it } from 'vitest';
import { flowEdges, investorDealIds } from '../../../renderer/charts/chart-data';
import { applyScenarioPatch, BASE_SCENARIO, dealWeight, isPlainScenario, scenarioPatchSchema } from '../../../shared/model/scenario';
import { loadV2Book } from '../../helpers/v2-vectors';

const book = loadV2Book();
const groups = { scenario: book.expected[2]!.scenario, parties: book.parties };

describe('chart data under a scenario', () => {
  it('the exposure bar\'s deals follow roll-up: the group\'s investments and the purchases back from any member', () => {
    expect(investorDealIds(book.deals, ['Amazon'])).toEqual([4, 5, 14, 19]);
    // Under roll-up AWS is Amazon: Anthropic's and OpenAI's purchases from AWS answer Amazon's investments, and
    // Amazon -> AWS is internal.
    expect(investorDealIds(book.deals, ['Amazon'], groups)).toEqual([4, 5, 6, 14, 15]);
  });

  it('the network uses effective amounts and groups, leaving internal flows out', () => {
    const base = flowEdges(book.deals);
    expect(base.find((e) => e.from === 'Amazon' && e.to === 'AWS')?.amount).toBe(11e9);
    const rolled = flowEdges(book.deals, groups);
    expect(rolled.some((e) => e.to === 'AWS' || e.from === 'AWS')).toBe(false);
    expect(rolled.find((e) => e.from === 'Anthropic' && e.to === 'Amazon')?.amount).toBe(100e9);
    expect(rolled.find((e) => e.from === 'Amazon' && e.to === 'OpenAI')?.amount).toBe(30e9); // 50B less half of 40B credits
  });
});

describe('scenario parameters', () => {
  it('weights multiply with the up-to factor; a deal counts when its weight is above 0', () => {
    const s = applyScenarioPatch(BASE_SCENARIO, { name: 'S', status_weight: { announced: 0.5 }, up_to_factor: 0.4 });
    expect(dealWeight(s, { status: 'announced', amount_basis: 'up_to' })).toBeCloseTo(0.2, 12);
    expect(dealWeight(s, { status: 'signed', amount_basis: 'estimate' })).toBe(1);
    expect(dealWeight(s, { status: 'cancelled', amount_basis: 'firm' })).toBe(0);
    expect(isPlainScenario({ ...BASE_SCENARIO, name: 'Copy' })).toBe(true);
    expect(isPlainScenario(s)).toBe(false);
  });

  it('the patch schema refuses out-of-range values and unknown keys, naming them', () => {
    const bad = scenarioPatchSchema.safeParse({ name: 'X', status_weight: { signed: -1 }, up_to_factor: 2, extra: true });
    expect(bad.success).toBe(false);
    const messages = bad.success ? [] : bad.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    expect(messages).toEqual(expect.arrayContaining([
      'status_weight.signed: status_weight.signed must be from 0 to 1',
      'up_to_factor: up_to_factor must be from 0 to 1',
    ]));
    expect(messages.some((m) => m.includes('extra'))).toBe(true);
  });
});
