import { resolve } from 'node:path';
import type { Aggregates } from '../../shared/analytics/aggregates';
import { netText, pairCells } from '../../shared/analytics/pair-text';
import { formatMoney, formatMoneyWithBasis, formatShare } from '../../shared/model/format';
import { isPgBook } from '../pg/book-url';
import { openStore } from '../service/open-store';
import type { StoreHandlers } from '../service/store';
import { cliUser } from './cli-user';
import { requireFlag, UsageError, type Args } from './args';
import type { ExitCode, Io } from './commands';

import { scenarioOption } from './scenario-option';

export { knownScenario, scenarioOption } from './scenario-option';

/** `dealbook report --json`: the spec's fixed shape, exactly its field names and nothing else. */
export function reportJson(agg: Aggregates): unknown {
  const s = agg.scenario;
  return {
    scenario: { name: s.name, status_weight: { ...s.status_weight }, up_to_factor: s.up_to_factor, credit_drawdown: s.credit_drawdown, roll_up: s.roll_up },
    pairs: agg.pairs.map((p) => ({
      investor: p.investor, investee: p.investee, invested: p.invested, credits: p.credits, bought_back: p.bought_back,
      round_trip_usd: p.round_trip_usd, ratio: p.ratio, basis: p.basis, undisclosed_legs: p.undisclosed_legs,
    })),
    exposure: agg.exposure.map((e) => ({
      investor: e.investor, invested_cash: e.invested_cash, invested_credit: e.invested_credit, invested_other: e.invested_other,
      invested_unsplit: e.invested_unsplit, infrastructure: e.infrastructure, undisclosed: e.undisclosed, exposure: e.exposure,
      returned: e.returned, returned_basis: e.returned_basis, net: e.net,
    })),
    recipients: agg.recipients.map((r) => ({
      recipient: r.recipient, received_cash: r.received_cash, received_credit: r.received_credit, received_other: r.received_other,
      received_unsplit: r.received_unsplit, received: r.received, undisclosed: r.undisclosed, investors: r.investors,
      paid_back: r.paid_back, paid_back_share: r.paid_back_share, basis: r.basis,
    })),
    commitments_by_year: agg.byYear.map((y) => ({
      year: Number(y.period), investment: y.byKey.investment ?? 0, purchase: y.byKey.purchase ?? 0,
      infrastructure: y.byKey.infrastructure ?? 0, total: y.total, cumulative: y.cumulative,
    })),
    disbursement_by_year: agg.disbursement.map((d) => ({ year: d.year, amount: d.amount })),
  };
}

const withBasis = formatMoneyWithBasis;

function table(title: string, header: string[], rows: string[][]): string {
  if (!rows.length) return `${title}\n  (none)\n`;
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  // Text columns (the first ones) left-aligned, numbers right-aligned.
  const line = (cells: string[]) => '  ' + cells.map((c, i) => (i < textColumns(header) ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ').trimEnd();
  return [title, line(header), ...rows.map(line)].join('\n') + '\n';
}

const textColumns = (header: string[]) => (header[1] === 'Investee' ? 2 : 1);

/** The report as readable tables: the same numbers as --json, formatted as the app shows them. */
export function reportText(agg: Aggregates): string {
  const s = agg.scenario;
  const w = s.status_weight;
  const about = `Scenario: ${s.name} (weights rumored ${w.rumored}, announced ${w.announced}, signed ${w.signed}, closed ${w.closed}, `
    + `cancelled ${w.cancelled}; up-to factor ${s.up_to_factor}; credit drawdown ${s.credit_drawdown}; roll-up ${s.roll_up ? 'on' : 'off'})\n`
    + 'Bases: "≥" = at least (some money back is not priced), "?" = unknown (an amount invested is not disclosed).\n'
    + 'A sum is "≥" its known part when some of its parts are not disclosed, "?" when none is; never $0 for what is not known.\n\n';
  return about + [
    table('Pairs', ['Investor', 'Investee', 'Invested', 'Credits', 'Bought back', 'Round trip', 'Ratio', 'Undisclosed legs'],
      agg.pairs.map((p) => [p.investor, p.investee, ...pairCells(p), String(p.undisclosed_legs)])),
    table('Exposure', ['Investor', 'Cash', 'Credit', 'Other', 'Unsplit', 'Infrastructure', 'Exposure', 'Returned', 'Net', 'Undisclosed'],
      agg.exposure.map((e) => [e.investor, formatMoney(e.invested_cash), formatMoney(e.invested_credit), formatMoney(e.invested_other),
        formatMoney(e.invested_unsplit), formatMoney(e.infrastructure), formatMoney(e.exposure), withBasis(e.returned, e.returned_basis),
        netText(e), String(e.undisclosed)])),
    table('Money received', ['Recipient', 'Cash', 'Credit', 'Other', 'Unsplit', 'Received', 'Investors', 'Paid back', 'Share', 'Undisclosed'],
      agg.recipients.map((r) => [r.recipient, formatMoney(r.received_cash), formatMoney(r.received_credit), formatMoney(r.received_other),
        formatMoney(r.received_unsplit), formatMoney(r.received), String(r.investors), withBasis(r.paid_back, r.basis),
        r.paid_back_share === null ? '' : `${r.basis === 'at_least' ? '≥ ' : r.basis === 'unknown' ? '? ' : ''}${formatShare(r.paid_back_share)}`,
        String(r.undisclosed)])),
    table('Commitments by year', ['Year', 'Investment', 'Purchase', 'Infrastructure', 'Total', 'Cumulative'],
      agg.byYear.map((y) => [y.period, formatMoney(y.byKey.investment ?? 0), formatMoney(y.byKey.purchase ?? 0),
        formatMoney(y.byKey.infrastructure ?? 0), formatMoney(y.total), formatMoney(y.cumulative)])),
    table('Disbursement by year', ['Year', 'Amount'], agg.disbursement.map((d) => [String(d.year), formatMoney(d.amount)])),
  ].join('\n');
}

export async function cmdReport(args: Args, io: Io): Promise<ExitCode> {
  const book = requireFlag(args, 'book');
  const store = await openStore(isPgBook(book) ? book : resolve(book));
  try {
    const h = store.handlersFor(cliUser());
    const scenario = await scenarioOption(h, args);
    const agg = await h.aggregates(scenario ? { scenario } : {});
    io.out(args.flags.has('json') ? `${JSON.stringify(reportJson(agg), null, 2)}\n` : reportText(agg));
    return 0;
  } finally {
    await store.close();
  }
}
