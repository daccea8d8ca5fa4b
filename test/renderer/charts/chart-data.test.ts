import { describe, expect, it } from 'vitest';
import { disbursementByYear, exposureByInvestor } from '../../../shared/analytics/aggregates';
import {
  cycleEdgeKeys, disbursementByKind, flowEdges, foldExposure, formatUsdExact, investorDealIds, networkLayout, niceTicks, trimNetwork,
} from '../../../renderer/charts/chart-data';
import { findCycles } from '../../../shared/analytics/cycles';
import { formatMoneyAxis } from '../../../shared/model/format';
import { parseMoney } from '../../../shared/model/parse';
import { DEAL_KINDS, type Deal } from '../../../shared/model/deal';
import { pairKey } from '../../../shared/analytics/metrics';
import { close, loadVectors } from '../../helpers/vectors';

const B = 1e9;
let nextId = 1;
function deal(from: string, to: string, kind: Deal['kind'], amount: number | null, extra: Partial<Deal> = {}): Deal {
  return {
    id: nextId++, announced: '2025-01-01', announced_precision: 'day', amount_basis: 'firm', from_party: from, to_party: to, kind, status: 'announced', amount_usd: amount,
    cash_usd: null, credit_usd: null, term_years: 1, start: null, capacity_mw: null, source_url: null, notes: null, ...extra,
  };
}

const book = loadVectors();
const names = (rows: { investor: string }[]) => rows.map((r) => r.investor);

describe('foldExposure', () => {
  const exposure = exposureByInvestor(book.deals);

  it('keeps the top N in exposure order and sums every field of the rest into one bar', () => {
    const bars = foldExposure(exposure, 2);
    expect(names(bars.slice(0, 2))).toEqual(names(exposure.slice(0, 2)));
    const other = bars[2]!;
    expect(bars).toHaveLength(3);
    expect(other.folded).toBe(true);
    expect(other.investor).toBe(`Other (${exposure.length - 2})`);
    expect(other.members).toEqual(names(exposure.slice(2)));
    for (const field of ['invested_cash', 'invested_credit', 'invested_other', 'infrastructure', 'exposure', 'returned', 'net'] as const) {
      const sum = exposure.slice(2).reduce((s, e) => s + e[field], 0);
      expect(close(other[field], sum), field).toBe(true);
    }
  });

  it('folds nothing when every investor fits, and shows at least one', () => {
    expect(foldExposure(exposure, exposure.length).some((b) => b.folded)).toBe(false);
    expect(names(foldExposure(exposure, 0))).toEqual([exposure[0]!.investor, `Other (${exposure.length - 1})`]);
    expect(foldExposure([], 5)).toEqual([]);
  });
});

describe('investorDealIds', () => {
  it('picks the live investment and infrastructure rows and the purchases that come back', () => {
    // Amazon: investment 4 into OpenAI, OpenAI buys back (5); the 0-amount self build-out 16 counts as infrastructure.
    expect(investorDealIds(book.deals, ['Amazon'])).toEqual([4, 5, 16]);
    // Microsoft's cancelled investment 13 is not part of its exposure.
    expect(investorDealIds(book.deals, ['microsoft'])).toEqual([1, 3, 14]);
  });

  it('filtering to those rows leaves the investor\'s exposure bar exactly as it was', () => {
    for (const full of exposureByInvestor(book.deals)) {
      const ids = new Set(investorDealIds(book.deals, [full.investor]));
      const again = exposureByInvestor(book.deals.filter((d) => ids.has(d.id))).find((e) => e.investor === full.investor);
      expect(again, full.investor).toEqual(full);
    }
  });

  it('covers every member of a folded bar', () => {
    const all = investorDealIds(book.deals, ['Amazon', 'AMD']);
    expect(all).toEqual([...new Set([...investorDealIds(book.deals, ['Amazon']), ...investorDealIds(book.deals, ['AMD'])])].sort((a, b) => a - b));
  });
});

describe('disbursementByKind', () => {
  it('splits disbursementByYear by kind without changing its totals', () => {
    const split = disbursementByKind(book.deals);
    expect(split.map((y) => y.year)).toEqual(book.expected.disbursement_by_year.map((y) => y.year));
    split.forEach((y, i) => {
      expect(close(y.total, book.expected.disbursement_by_year[i]!.amount)).toBe(true);
      expect(close(DEAL_KINDS.reduce((s, k) => s + y.byKey[k], 0), y.total)).toBe(true);
    });
    for (const kind of DEAL_KINDS) {
      const own = new Map(disbursementByYear(book.deals.filter((d) => d.kind === kind)).map((y) => [y.year, y.amount]));
      for (const y of split) expect(y.byKey[kind]).toBe(own.get(y.year) ?? 0);
    }
  });

  it('is empty without a live amount', () => {
    expect(disbursementByKind([deal('A', 'B', 'investment', null)])).toEqual([]);
  });
});

describe('flowEdges', () => {
  it('sums parallel deals per direction, case-insensitively, and skips self loops, cancelled and undisclosed deals', () => {
    const deals = [
      deal('A', 'B', 'investment', 5 * B),
      deal(' a ', 'b', 'purchase', 2 * B),
      deal('B', 'A', 'purchase', 1 * B),
      deal('A', 'A', 'infrastructure', 9 * B),
      deal('A', 'C', 'investment', 4 * B, { status: 'cancelled' }),
      deal('A', 'C', 'investment', null),
      deal('C', 'A', 'investment', 0),
    ];
    const edges = flowEdges(deals);
    expect(edges.map((e) => [e.from, e.to, e.amount, e.dealIds.length])).toEqual([
      ['A', 'B', 7 * B, 2],
      ['B', 'A', 1 * B, 1],
    ]);
  });

  it('is the graph the cycle search walks: each cycle\'s value is its lightest edge here', () => {
    const edges = new Map(flowEdges(book.deals).map((e) => [pairKey(e.from, e.to), e]));
    const cycles = findCycles(book.deals, { minLength: 3, maxLength: 5 });
    expect(cycles.length).toBeGreaterThan(0);
    for (const c of cycles) {
      const loop = c.parties.map((p, i) => edges.get(pairKey(p, c.parties[(i + 1) % c.parties.length]!))!);
      expect(loop.every(Boolean)).toBe(true);
      expect(c.value).toBe(Math.min(...loop.map((e) => e.amount)));
      expect([...c.dealIds].sort()).toEqual(loop.flatMap((e) => e.dealIds).sort());
    }
    expect([...cycleEdgeKeys(cycles)].every((k) => edges.has(k))).toBe(true);
  });
});

describe('cycleEdgeKeys', () => {
  it('closes each loop back to its first party', () => {
    const keys = cycleEdgeKeys([{ parties: ['A', 'B', 'C'], value: 1, dealIds: [], undisclosed: [0, 0, 0] }]);
    expect([...keys]).toEqual([pairKey('A', 'B'), pairKey('B', 'C'), pairKey('C', 'A')]);
  });
});

describe('trimNetwork', () => {
  it('keeps the parties with the most flow and the heaviest edges among them', () => {
    const deals = [deal('A', 'B', 'investment', 10 * B), deal('B', 'C', 'purchase', 5 * B), deal('C', 'D', 'purchase', 1 * B), deal('A', 'C', 'investment', 3 * B)];
    const edges = flowEdges(deals);
    const trimmed = trimNetwork(edges, 3, 10);
    expect(trimmed.parties).toBe(4);
    expect(trimmed.edges.map((e) => `${e.from}>${e.to}`)).toEqual(['A>B', 'B>C', 'A>C']);
    expect(trimNetwork(edges, 10, 1).edges.map((e) => `${e.from}>${e.to}`)).toEqual(['A>B']);
  });
});

describe('networkLayout', () => {
  const edges = flowEdges(book.deals);
  const exposure = exposureByInvestor(book.deals);
  const size = { width: 600, height: 400, minRadius: 4, maxRadius: 20 };

  it('places every party once, inside the box, the same way every time', () => {
    const nodes = networkLayout(edges, exposure, size);
    const parties = new Set(edges.flatMap((e) => [e.from.toLowerCase(), e.to.toLowerCase()]));
    expect(new Set(nodes.map((n) => n.key))).toEqual(parties);
    expect(nodes).toHaveLength(parties.size);
    for (const n of nodes) {
      expect(n.x - n.r).toBeGreaterThanOrEqual(0);
      expect(n.x + n.r).toBeLessThanOrEqual(size.width);
      expect(n.y - n.r).toBeGreaterThanOrEqual(0);
      expect(n.y + n.r).toBeLessThanOrEqual(size.height);
    }
    expect(networkLayout(edges, exposure, size)).toEqual(nodes);
  });

  it('sizes nodes by exposure (area), starting from the largest investor', () => {
    const nodes = networkLayout(edges, exposure, size);
    expect(nodes[0]!.name).toBe(exposure[0]!.investor);
    expect(nodes[0]!.r).toBe(size.maxRadius);
    const byName = new Map(nodes.map((n) => [n.name, n]));
    const top = exposure[0]!;
    for (const e of exposure) {
      const r = byName.get(e.investor)?.r;
      if (r === undefined) continue;
      expect(close(r, size.minRadius + (size.maxRadius - size.minRadius) * Math.sqrt(e.exposure / top.exposure))).toBe(true);
    }
    expect(byName.get('Oracle')!.r).toBe(size.minRadius);
  });

  it('puts a party next to the one it is most connected to', () => {
    const nodes = networkLayout(flowEdges([deal('Big', 'X', 'investment', 50 * B), deal('Y', 'Z', 'purchase', 1 * B), deal('Big', 'Y', 'investment', 2 * B)]), [], size);
    expect(nodes.map((n) => n.name)).toEqual(['Big', 'X', 'Y', 'Z']);
  });
});

describe('formatUsdExact', () => {
  it('writes whole dollars with separators', () => {
    expect(formatUsdExact(763_000_000_000)).toBe('$763,000,000,000');
    expect(formatUsdExact(141_428_571_428.5714)).toBe('$141,428,571,429');
    expect(formatUsdExact(-28 * B)).toBe('-$28,000,000,000');
    expect(formatUsdExact(0)).toBe('$0');
    expect(formatUsdExact(Number.NaN)).toBe('');
  });
});

describe('niceTicks', () => {
  const top = (max: number) => niceTicks(max).at(-1);
  it('leaves headroom and lands on round steps', () => {
    expect(niceTicks(400 * B)).toEqual([0, 100, 200, 300, 400, 500].map((x) => x * B));
    expect(top(380 * B)).toBe(400 * B);
    expect(niceTicks(815 * B)).toEqual([0, 200, 400, 600, 800, 1000].map((x) => x * B));
    expect(top(1.3e12)).toBe(1.5e12);
    expect(niceTicks(7)).toEqual([0, 2, 4, 6, 8]);
    expect(niceTicks(0)).toEqual([0, 1]);
    expect(niceTicks(Number.NaN)).toEqual([0, 1]);
  });

  it('always covers the data in at most six even steps, each readable as an axis label', () => {
    for (let x = 1; x < 1e13; x *= 1.37) {
      const ticks = niceTicks(x);
      // Every tick prints exactly: the label reads back to the tick's value.
      for (const t of ticks) expect(parseMoney(formatMoneyAxis(t))).toEqual({ ok: true, value: t });
      expect(ticks.at(-1)!).toBeGreaterThan(x);
      expect(ticks.length).toBeLessThanOrEqual(7);
      expect(ticks.length).toBeGreaterThanOrEqual(3);
    }
  });
});
