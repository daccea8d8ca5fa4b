import { expect, it } from 'vitest';
import { computeAggregates } from '../../../shared/analytics/aggregates';
import type { Deal } from '../../../shared/model/deal';
import { reportText } from '../../../electron/cli/report-command';

// `dealbook report`'s Exposure table: Net (invested - returned) says how sure it is, as the window's tooltip does
// (shared/analytics/pair-text.ts, netText): a ceiling when money back is only partly priced.
const deal = (id: number, from: string, to: string, kind: Deal['kind'], amount: number | null, credit: number | null = null, cash: number | null = null): Deal => ({
  id, announced: '2025-01-15', announced_precision: 'day', from_party: from, to_party: to, kind, status: 'signed', amount_usd: amount,
  amount_basis: 'firm', cash_usd: cash, credit_usd: credit, term_years: 1, start: null, capacity_mw: null, source_url: null, notes: null,
});

it("prints an investor's net as a ceiling when its returned is a floor, and exact when it is exact", () => {
  const row = (text: string, investor: string) => text.split('\n').find((l) => l.startsWith(`  ${investor} `))!;
  const exact = [deal(1, 'Amazon', 'Anthropic', 'investment', 10e9, 4e9, 6e9)];
  const exposure = (deals: Deal[]) => reportText(computeAggregates(deals)).split('\nExposure')[1]!.split('\nMoney received')[0]!;
  // Investor, Cash, Credit, Other, Unsplit, Infrastructure, Exposure, Returned, Net, Undisclosed.
  expect(row(exposure(exact), 'Amazon')).toMatch(/ \$10\.0B +\$4\.0B +\$6\.0B +0$/);
  const floor = exposure([...exact, deal(2, 'Anthropic', 'Amazon', 'purchase', null)]);
  expect(row(floor, 'Amazon')).toMatch(/ \$10\.0B +≥ \$4\.0B +≤ \$6\.0B +0$/);
});
