import { describe, expect, it } from 'vitest';
import { aggregateParts, computeAggregates } from '../../../shared/analytics/aggregates';
import { partyKey, type Deal } from '../../../shared/model/deal';
import { groupResolver, type PartyParent } from '../../../shared/model/parties';
import { BASE_SCENARIO, dealWeight, type Scenario } from '../../../shared/model/scenario';
import { seededRandom } from '../../helpers/crash-rng';
import { ANY, DYADIC, randomBook, randomParents, randomScenario, type Money } from '../../helpers/random-book';

type Sums = { cash: number; credit: number; other: number; unsplit: number; infrastructure: number; undisclosed: number; investors: Set<string> };

/**
 * The spec's rules row by row, in book order: each shown, counted row that is not internal to a group adds its
 * effective values to its investor (and, for an investment, its recipient). Keyed by the (group) name's key.
 */
function reference(deals: readonly Deal[], scenario: Scenario, parents: readonly PartyParent[], shown?: ReadonlySet<number>) {
  const group = scenario.roll_up ? groupResolver(parents) : (name: string) => name;
  const investors = new Map<string, Sums>();
  const recipients = new Map<string, Sums>();
  const of = (map: Map<string, Sums>, name: string) => {
    let s = map.get(partyKey(name));
    if (!s) map.set(partyKey(name), (s = { cash: 0, credit: 0, other: 0, unsplit: 0, infrastructure: 0, undisclosed: 0, investors: new Set() }));
    return s;
  };
  const d = scenario.credit_drawdown;
  for (const deal of deals) {
    const w = dealWeight(scenario, deal);
    if (!(w > 0) || deal.kind === 'purchase' || (shown && !shown.has(deal.id))) continue;
    const from = group(deal.from_party);
    const to = group(deal.to_party);
    if (deal.kind === 'infrastructure') {
      const e = of(investors, from);
      if (deal.amount_usd === null) e.undisclosed++;
      else e.infrastructure += deal.amount_usd * w;
      continue;
    }
    if (scenario.roll_up && partyKey(from) === partyKey(to)) continue;
    const cash = deal.cash_usd === null ? null : deal.cash_usd * w;
    const credit = deal.credit_usd === null ? null : deal.credit_usd * d * w;
    for (const s of [of(investors, from), of(recipients, to)]) {
      s.cash += cash ?? 0;
      s.credit += credit ?? 0;
      if (deal.amount_usd === null) s.undisclosed++;
      else {
        const rest = (deal.amount_usd - (deal.credit_usd ?? 0) * (1 - d)) * w - (cash ?? 0) - (credit ?? 0);
        if (cash !== null && credit !== null) s.other += rest;
        else s.unsplit += rest;
      }
    }
    of(recipients, to).investors.add(partyKey(from));
  }
  return { investors, recipients };
}

function check(seed: number, money: Money, weights: readonly number[]): void {
  const rand = seededRandom(seed);
  const deals = randomBook(rand, 20 + Math.floor(rand() * 250), money);
  const parents = randomParents(rand);
  const scenario = randomScenario(rand, weights);
  const shown = rand() < 0.5 ? undefined : new Set(deals.filter(() => rand() < 0.6).map((d) => d.id));
  const want = reference(deals, scenario, parents, shown);
  const got = aggregateParts(deals, { scenario, parties: parents, shown });
  const at = `seed ${seed}`;
  // Bit for bit: toBe compares numbers with Object.is.
  expect(got.exposure.map((e) => partyKey(e.investor)).sort(), at).toEqual([...want.investors.keys()].sort());
  for (const e of got.exposure) {
    const s = want.investors.get(partyKey(e.investor))!;
    expect([e.invested_cash, e.invested_credit, e.invested_other, e.invested_unsplit, e.infrastructure, e.undisclosed], `${at} ${e.investor}`)
      .toEqual([s.cash, s.credit, s.other, s.unsplit, s.infrastructure, s.undisclosed]);
    expect(e.exposure, at).toBe(s.cash + s.credit + s.other + s.unsplit + s.infrastructure);
  }
  expect(got.recipients.map((r) => partyKey(r.recipient)).sort(), at).toEqual([...want.recipients.keys()].sort());
  for (const r of got.recipients) {
    const s = want.recipients.get(partyKey(r.recipient))!;
    expect([r.received_cash, r.received_credit, r.received_other, r.received_unsplit, r.undisclosed, r.investors], `${at} ${r.recipient}`)
      .toEqual([s.cash, s.credit, s.other, s.unsplit, s.undisclosed, s.investors.size]);
  }
  // Largest first (ties by name): the lists' order follows the values.
  for (let k = 1; k < got.exposure.length; k++) expect(got.exposure[k - 1]!.exposure >= got.exposure[k]!.exposure, at).toBe(true);
  for (let k = 1; k < got.recipients.length; k++) expect(got.recipients[k - 1]!.received >= got.recipients[k]!.received, at).toBe(true);
}

describe('exposure and recipients, against the rules applied row by row', () => {
  it('on random books, scenarios (roll-up too) and shown rows, with parameters like 0.5', () => {
    for (let seed = 1; seed <= 80; seed++) check(seed, 'whole', DYADIC);
  });

  it('with any parameters, cents and sums past 2^53', () => {
    for (let seed = 100; seed <= 140; seed++) check(seed, 'whole', ANY);
    for (let seed = 200; seed <= 220; seed++) check(seed, 'cents', DYADIC);
    for (let seed = 300; seed <= 320; seed++) check(seed, 'huge', DYADIC);
  });

  it('computeAggregates gives the same values for the same rows asked again after another scenario', () => {
    const deals = randomBook(seededRandom(9), 300, 'whole');
    const half: Scenario = { ...BASE_SCENARIO, name: 'Half', credit_drawdown: 0.5 };
    const first = computeAggregates(deals, { scenario: half });
    computeAggregates(deals);
    expect(computeAggregates(deals, { scenario: half })).toEqual(first);
  });
});
