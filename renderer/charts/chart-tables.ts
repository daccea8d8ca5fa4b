import type { Exposure, Recipient } from '../../shared/analytics/aggregates';
import type { CsvCell } from '../../shared/csv/csv-write';
import { partyKey } from '../../shared/model/deal';

/** The numbers behind a chart, for its CSV export: one row per bar or period, with the scenario named on each. */
export type ChartTable = { header: string[]; rows: CsvCell[][] };

/** Which scenario is in force and which is compared (null: compare off); every table names them in its columns. */
export type ScenarioNames = { scenario: string; compare: string | null };

// A column per scenario name would change the header with the book; a `scenario` column (and in compare mode a
// `compared_scenario` one) keeps the header fixed and still says on every row what the numbers are under.
const COMPARE = ['compared_scenario'] as const;

/** Every investor (not only the top N the chart draws), in the chart's order. */
export function exposureTable(exposure: readonly Exposure[], compared: readonly Exposure[] | null, names: ScenarioNames): ChartTable {
  const header = ['scenario', 'investor', 'invested_cash', 'invested_credit', 'invested_other', 'invested_unsplit', 'infrastructure', 'exposure',
    'returned', 'returned_basis', 'net', 'undisclosed'];
  const other = compared && names.compare !== null ? new Map(compared.map((e) => [partyKey(e.investor), e.exposure])) : null;
  return {
    header: other ? [...header, ...COMPARE, 'compared_exposure', 'change'] : header,
    rows: exposure.map((e) => {
      const row: CsvCell[] = [names.scenario, e.investor, e.invested_cash, e.invested_credit, e.invested_other, e.invested_unsplit, e.infrastructure,
        e.exposure, e.returned, e.returned_basis, e.net, e.undisclosed];
      if (!other) return row;
      const then = other.get(partyKey(e.investor)) ?? 0;
      return [...row, names.compare, then, e.exposure - then];
    }),
  };
}

export function recipientsTable(recipients: readonly Recipient[], compared: readonly Recipient[] | null, names: ScenarioNames): ChartTable {
  const header = ['scenario', 'recipient', 'received_cash', 'received_credit', 'received_other', 'received_unsplit', 'received', 'paid_back',
    'paid_back_share', 'basis', 'investors', 'undisclosed'];
  const other = compared && names.compare !== null ? new Map(compared.map((r) => [partyKey(r.recipient), r])) : null;
  return {
    header: other ? [...header, ...COMPARE, 'compared_received', 'compared_paid_back_share', 'change'] : header,
    rows: recipients.map((r) => {
      const row: CsvCell[] = [names.scenario, r.recipient, r.received_cash, r.received_credit, r.received_other, r.received_unsplit, r.received,
        r.paid_back, r.paid_back_share, r.basis, r.investors, r.undisclosed];
      if (!other) return row;
      const then = other.get(partyKey(r.recipient));
      return [...row, names.compare, then?.received ?? 0, then?.paid_back_share ?? null, r.received - (then?.received ?? 0)];
    }),
  };
}

type Period = { label: string; byKey: Record<string, number>; total: number; cumulative: number | null; compared_total: number | null; compared_cumulative: number | null };

/** One row per period (or year) on the chart's axis, a column per series, as the chart stacks them. */
export function commitmentsTable(points: readonly Period[], keys: readonly string[], axis: 'period' | 'year', names: ScenarioNames): ChartTable {
  const running = points.some((p) => p.cumulative !== null);
  const comparing = names.compare !== null && points.some((p) => p.compared_total !== null);
  const header = ['scenario', axis, ...keys, 'total', ...(running ? ['cumulative'] : [])];
  return {
    header: comparing ? [...header, ...COMPARE, 'compared_total', ...(running ? ['compared_cumulative'] : []), 'change'] : header,
    rows: points.map((p) => {
      const row: CsvCell[] = [names.scenario, p.label, ...keys.map((k) => p.byKey[k] ?? 0), p.total, ...(running ? [p.cumulative] : [])];
      if (!comparing) return row;
      const then = p.compared_total ?? 0;
      return [...row, names.compare, then, ...(running ? [p.compared_cumulative] : []), p.total - then];
    }),
  };
}
