import { describe, it, expect } from 'vitest';
import { findCycles, searchCycles } from '../../../shared/analytics/cycles';
import type { Deal } from '../../../shared/model/deal';
import { deal, loadBasicBook } from '../../helpers/book-fixture';
import { BASE_SCENARIO } from '../../../shared/model/scenario';

/** A flow a -> b of `amount`, as a purchase so the kind plays no part. */
const flow = (from: string, to: string, amount: number | null, over: Partial<Deal> = {}): Deal =>
  deal({ from_party: from, to_party: to, kind: 'purchase', amount_usd: amount, ...over });

describe('findCycles', () => {
  it('finds NVIDIA -> OpenAI -> Oracle -> NVIDIA in the basic book', () => {
    expect(findCycles(loadBasicBook().deals)).toEqual([
      { parties: ['NVIDIA', 'OpenAI', 'Oracle'], value: 40e9, dealIds: [6, 10, 11], undisclosed: [0, 0, 0] },
    ]);
  });

  it('does not report 2-cycles', () => {
    expect(findCycles([flow('A', 'B', 10), flow('B', 'A', 10)])).toEqual([]);
  });

  it('reports a 3-cycle once, starting at the first name, valued at its smallest edge', () => {
    const deals = [flow('C', 'A', 30, { id: 3 }), flow('B', 'C', 20, { id: 2 }), flow('A', 'B', 10, { id: 1 })];
    expect(findCycles(deals)).toEqual([{ parties: ['A', 'B', 'C'], value: 10, dealIds: [1, 2, 3], undisclosed: [0, 0, 0] }]);
  });

  it('reports both directions of a loop as separate cycles', () => {
    const deals = [flow('A', 'B', 1), flow('B', 'C', 1), flow('C', 'A', 1), flow('A', 'C', 2), flow('C', 'B', 2), flow('B', 'A', 2)];
    expect(findCycles(deals).map((c) => [c.parties, c.value])).toEqual([
      [['A', 'C', 'B'], 2],
      [['A', 'B', 'C'], 1],
    ]);
  });

  it('finds a 5-cycle and ignores a 6-cycle', () => {
    const five = ['P1', 'P2', 'P3', 'P4', 'P5'];
    const six = ['Q1', 'Q2', 'Q3', 'Q4', 'Q5', 'Q6'];
    const ring = (names: string[], amount: number) => names.map((n, i) => flow(n, names[(i + 1) % names.length]!, amount));
    expect(findCycles([...ring(five, 5), ...ring(six, 6)])).toEqual([
      { parties: five, value: 5, dealIds: expect.any(Array), undisclosed: [0, 0, 0, 0, 0] },
    ]);
    expect(findCycles(ring(six, 6))).toEqual([]);
    expect(findCycles(ring(five, 5), { maxLength: 4 })).toEqual([]);
  });

  it('sums parallel edges per direction and lists every deal', () => {
    const deals = [
      flow('A', 'B', 4, { id: 1 }),
      flow('a', 'b', 6, { id: 2 }),
      flow('B', 'C', 50, { id: 3 }),
      flow('C', 'A', 20, { id: 4 }),
      flow('C', 'A', 1, { id: 5, kind: 'investment' }),
    ];
    expect(findCycles(deals)).toEqual([{ parties: ['A', 'B', 'C'], value: 10, dealIds: [1, 2, 3, 4, 5], undisclosed: [0, 0, 0] }]);
  });

  it('ignores self loops, cancelled deals and zero amounts', () => {
    const base = [flow('A', 'B', 5), flow('B', 'C', 5)];
    expect(findCycles([...base, flow('C', 'A', 5, { status: 'cancelled' })])).toEqual([]);
    expect(findCycles([...base, flow('C', 'A', 0)])).toEqual([]);
    expect(findCycles([...base, flow('A', 'A', 5, { kind: 'infrastructure' }), flow('C', 'C', 5, { kind: 'infrastructure' })])).toEqual([]);
  });

  it('v2: an edge with an undisclosed amount still closes a loop, of unknown size, and is marked', () => {
    const base = [flow('A', 'B', 5, { id: 1 }), flow('B', 'C', 5, { id: 2 })];
    expect(findCycles([...base, flow('C', 'A', null, { id: 3 })])).toEqual([
      { parties: ['A', 'B', 'C'], value: 0, dealIds: [1, 2, 3], undisclosed: [0, 0, 1] },
    ]);
    // A disclosed deal on the same edge gives it a size; the undisclosed one is still counted.
    expect(findCycles([...base, flow('C', 'A', null, { id: 3 }), flow('C', 'A', 2, { id: 4 })])[0]).toMatchObject({ value: 2, undisclosed: [0, 0, 1] });
  });

  it('runs under a scenario: weights, and groups under roll-up', () => {
    const deals = [flow('A', 'B', 10, { id: 1 }), flow('B', 'C', 10, { id: 2, status: 'rumored' }), flow('C-sub', 'A', 10, { id: 3 })];
    const scenario = { ...BASE_SCENARIO, status_weight: { ...BASE_SCENARIO.status_weight, rumored: 0.5 }, roll_up: true };
    const parties = [{ name: 'C', parent: null }, { name: 'C-sub', parent: 'C' }];
    expect(findCycles(deals)).toEqual([]);
    expect(findCycles(deals, { context: { scenario, parties } })).toEqual([{ parties: ['A', 'B', 'C'], value: 5, dealIds: [1, 2, 3], undisclosed: [0, 0, 0] }]);
  });

  it('matches parties case-insensitively', () => {
    const found = findCycles([flow('nvidia', 'OpenAI', 3), flow('openai', 'Oracle', 2), flow('ORACLE', 'NVIDIA', 1)]);
    expect(found.map((c) => c.parties)).toEqual([['nvidia', 'OpenAI', 'Oracle']]);
  });

  it('counts each cycle of a dense graph exactly once, best first, up to the limit', () => {
    // Complete digraph on 5 nodes: 20 three-cycles, 30 four-cycles, 24 five-cycles.
    const names = ['A', 'B', 'C', 'D', 'E'];
    const deals = names.flatMap((a, i) => names.filter((b) => b !== a).map((b, j) => flow(a, b, 100 - i * 10 - j)));
    const all = findCycles(deals, { limit: 1000 });
    expect(all).toHaveLength(74);
    expect(new Set(all.map((c) => c.parties.join('>'))).size).toBe(74);
    for (const c of all) expect(c.parties[0]).toBe([...c.parties].sort()[0]);
    for (let i = 1; i < all.length; i++) expect(all[i - 1]!.value).toBeGreaterThanOrEqual(all[i]!.value);
    expect(findCycles(deals, { limit: 1000, minLength: 3, maxLength: 3 })).toHaveLength(20);
    expect(findCycles(deals, { limit: 1000, minLength: 4, maxLength: 4 })).toHaveLength(30);
    expect(findCycles(deals, { limit: 1000, minLength: 5 })).toHaveLength(24);
    const top = findCycles(deals, { limit: 7 });
    expect(top).toEqual(all.slice(0, 7));
    expect(findCycles(deals)).toHaveLength(50);
    expect(findCycles(deals, { limit: 0 })).toEqual([]);
  });

  it('stops at the work budget and says the search was incomplete', () => {
    const names = Array.from({ length: 12 }, (_, i) => `N${i}`);
    const deals = names.flatMap((a) => names.filter((b) => b !== a).map((b) => flow(a, b, 1)));
    expect(searchCycles(deals, { budget: 1_000 }).complete).toBe(false);
    const full = searchCycles(deals, { limit: 5 });
    expect(full.complete).toBe(true);
    expect(full.cycles).toHaveLength(5);
  });

  it('handles an empty book', () => {
    expect(searchCycles([])).toEqual({ cycles: [], complete: true });
  });
});
