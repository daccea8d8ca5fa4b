import { memo, useCallback, useEffect, useMemo, useState } from 'react';
import { Bar, Brush, ComposedChart, Line, Tooltip, XAxis, YAxis } from 'recharts';
import type { TooltipContentProps, XAxisTickContentProps } from 'recharts';
import { commitmentsByAnnouncement, disbursementByYear, type CommitmentPeriod, type CommitmentSplit, type Period } from '../../shared/analytics/aggregates';
import { commitmentSeries, disbursementByKind, formatUsdExact, type DisbursementSplit } from './chart-data';
import { KeptGrid, useLatest, useTicks } from './kept-props';
import { DEAL_KINDS, type Deal } from '../../shared/model/deal';
import { formatMoney, formatMoneyAxis } from '../../shared/model/format';
import { viewBook, type AnalysisContext } from '../../shared/analytics/book-view';
import { ChartFrame } from './chart-frame';
import { commitmentsTable } from './chart-tables';
import { ComparedBar, type BarShapeProps } from './compare-marks';
import { withComparedTotals, type ComparedTotal, type WithCompared } from './compared-series';
import { materialStart } from './time-window';
import { seriesColor, type ChartColors } from './chart-theme';
import { unmeasuredLine } from './line-shape';
import { barShape } from './bar-shape';
import { changeLine, TooltipCard, type TooltipLine } from './chart-tooltip';
import { Segmented } from './segmented';
import { keptSeries } from './kept-series';
import { runWhenIdle } from '../book/idle-work';

type View = 'announced' | 'disbursed';
type Series = { key: string; label: string; color: string };
/**
 * One x position: a period of announcement or a year of disbursement, in the same shape for both views. Series
 * values are also flattened to `s0`, `s1`, ... because Recharts stacks (and sizes the axis to) plain keys only.
 */
type Point = {
  label: string; byKey: Record<string, number>; total: number; count: number; cumulative: number | null;
  /** Deals dated only by a coarser period (a year in a quarter view), placed at its first day (spec v2). */
  approximate: number;
} & Record<`s${number}`, number>;
type Shown = WithCompared<Point>;

// Recharts' Brush reports its size to the chart's store on every render of its own (it resets it, then sets it
// again), which makes the whole chart recompute its layout twice; kept, it renders only when these props change (a
// scenario switch changes the data, which the brush reads from the store, not its props): 6-18 ms of a switch.
const KeptBrush = memo(Brush);
const asIs = (v: string) => v;
const MARGIN = { top: 8, right: 8, bottom: 4, left: 4 };

const KIND_LABEL = { investment: 'Investment', purchase: 'Purchase', infrastructure: 'Infrastructure' } as const;
const TOP_CHOICES = [{ value: '5', label: 'Top 5' }, { value: '8', label: 'Top 8' }, { value: '12', label: 'Top 12' }] as const;

function point(label: string, byKey: Record<string, number>, keys: readonly string[], total: number, count: number, cumulative: number | null, approximate = 0): Point {
  const p: Point = { label, byKey, total, count, cumulative, approximate };
  keys.forEach((k, i) => (p[`s${i}`] = byKey[k] ?? 0));
  return p;
}

function fromAnnouncement(rows: readonly CommitmentPeriod[], keys: readonly string[]): Point[] {
  return rows.map((r) => point(r.period, r.byKey, keys, r.total, r.count, r.cumulative, r.approximate));
}

function fromDisbursement(rows: readonly DisbursementSplit[], keys: readonly string[]): Point[] {
  return rows.map((r) => point(String(r.year), r.byKey, keys, r.total, r.count, null));
}

/** The compared scenario's totals per period (or year): only the total is drawn beside the stack, so split by kind. */
function comparedTotals(deals: readonly Deal[], view: View, period: Period, compare: AnalysisContext): ComparedTotal[] {
  if (view === 'disbursed') return disbursementByYear(deals, compare).map((y) => ({ label: String(y.year), total: y.amount, cumulative: null }));
  return commitmentsByAnnouncement(deals, period, 'kind', 1, compare).map((r) => ({ label: r.period, total: r.total, cumulative: r.cumulative }));
}

function tooltip(view: View, series: readonly Series[], compareName: string | null) {
  return function CommitmentsTooltip({ active, payload }: TooltipContentProps) {
    const point = active ? (payload?.[0]?.payload as Shown | undefined) : undefined;
    if (!point) return null;
    const money = (label: string, n: number, color?: string): TooltipLine => ({ label, value: formatMoney(n), exact: formatUsdExact(n), color });
    const lines = series.filter((s) => point.byKey[s.key]).map((s) => money(s.label, point.byKey[s.key]!, s.color));
    lines.push({ ...money('Total', point.total), strong: true });
    if (point.cumulative !== null) lines.push(money('Cumulative', point.cumulative));
    if (compareName !== null && point.compared_total !== null) {
      lines.push({ ...money(`Total under ${compareName}`, point.compared_total), strong: true });
      if (point.compared_cumulative !== null) lines.push(money(`Cumulative under ${compareName}`, point.compared_cumulative));
      lines.push(changeLine(point.total - point.compared_total));
    }
    const deals = point.count === 1 ? '1 deal' : `${point.count} deals`;
    const approximate = point.approximate > 0
      ? `; ${point.approximate === 1 ? '1 of them is' : `${point.approximate} of them are`} dated only by a longer period (~), placed at its first day`
      : '';
    const footer = view === 'announced' ? `${deals} announced${approximate}` : `${deals} disbursing this year`;
    return <TooltipCard title={point.label} lines={lines} footer={footer} />;
  };
}

/** Commitments over time: by announcement (month / quarter / year, by kind or top investors) or by disbursement. */
const NONE: readonly AnalysisContext[] = [];

/** The announced series as the chart draws them, kept per rows array and scenario. */
function announcedOf(deals: readonly Deal[], period: Period, split: CommitmentSplit, topN: number, context: AnalysisContext): CommitmentPeriod[] {
  return keptSeries(deals, context, `announced|${period}|${split}|${topN}`, () => commitmentsByAnnouncement(deals, period, split, topN, context));
}

/** Counted deals with no amount: they are in no period's sum. */
function undisclosedCount(deals: readonly Deal[], context: AnalysisContext): number {
  const { counted, amount } = viewBook(deals, context);
  let n = 0;
  for (let i = 0; i < counted.length; i++) if (counted[i] === 1 && amount[i] !== amount[i]) n++;
  return n;
}

export function CommitmentsChart({ deals, colors, context = {}, scenarioName = 'Base', scenarioNote, compare = null, compareName = null, ahead = NONE }: {
  deals: readonly Deal[];
  colors: ChartColors;
  /** The scenario in force (effective amounts) and the parents, for roll-up. */
  context?: AnalysisContext;
  /** The scenario in force, named on every row of the CSV export. */
  scenarioName?: string;
  scenarioNote?: string;
  /** Compare mode: the second scenario (with the same parents) and its name; its totals are drawn beside each bar. */
  compare?: AnalysisContext | null;
  compareName?: string | null;
  /** Scenarios the window may switch to next: the series shown are computed ahead for them in idle time. */
  ahead?: readonly AnalysisContext[];
}) {
  const [view, setView] = useState<View>('announced');
  const [period, setPeriod] = useState<Period>('quarter');
  const [split, setSplit] = useState<CommitmentSplit>('kind');
  const [topN, setTopN] = useState<'5' | '8' | '12'>('8');

  const announced = useMemo(
    () => (view === 'announced' ? announcedOf(deals, period, split, Number(topN), context) : []),
    [deals, view, period, split, topN, context],
  );
  useEffect(
    () => runWhenIdle(view === 'announced' ? ahead.map((c) => () => void announcedOf(deals, period, split, Number(topN), c)) : []),
    [deals, view, period, split, topN, ahead],
  );
  const disbursed = useMemo(() => (view === 'disbursed' ? disbursementByKind(deals, context) : []), [deals, view, context]);

  const { keys, points } = useMemo(() => {
    if (view === 'disbursed') return { keys: [...DEAL_KINDS], points: fromDisbursement(disbursed, DEAL_KINDS) };
    const keys = commitmentSeries(announced);
    return { keys, points: fromAnnouncement(announced, keys) };
  }, [view, announced, disbursed]);
  const compared = useMemo(
    () => (compare ? keptSeries(deals, compare, `compared|${view}|${period}`, () => comparedTotals(deals, view, period, compare)) : null),
    [deals, view, period, compare],
  );
  const shown = useMemo(
    () => withComparedTotals(points, compared, (label, cumulative) => point(label, {}, keys, 0, 0, cumulative)),
    [points, compared, keys],
  );
  const comparing = compared !== null && compareName !== null;
  // With nothing to draw, how many counted deals have no amount: said beside the empty state, not drawn as $0.
  const undisclosed = useMemo(() => (shown.length === 0 ? undisclosedCount(deals, context) : 0), [shown.length, deals, context]);
  // A 2019 deal would stretch the axis over years of nothing: the brush starts where the money does.
  const start = useMemo(() => materialStart(shown.map((p) => Math.max(p.total, p.compared_total ?? 0))), [shown]);
  const leftTicks = useTicks(Math.max(0, ...shown.map((p) => Math.max(p.total, p.compared_total ?? 0))));
  const rightTicks = useTicks(Math.max(0, ...shown.map((p) => Math.max(p.cumulative ?? 0, p.compared_cumulative ?? 0))));
  const byInvestor = view === 'announced' && split === 'investor';
  const series: Series[] = keys.map((key, i) => {
    const isOther = byInvestor && i === keys.length - 1 && /^other( parties)?$/i.test(key) && keys.length > Number(topN);
    const color = byInvestor ? seriesColor(colors, i, isOther) : colors.kinds[key as keyof typeof colors.kinds];
    return { key, label: byInvestor ? key : KIND_LABEL[key as keyof typeof KIND_LABEL], color };
  });
  const legend = [
    ...series.map((s) => ({ label: s.label, color: s.color })),
    ...(view === 'announced' ? [{ label: 'Cumulative (right axis)', color: colors.cumulative, shape: 'line' as const }] : []),
    ...(comparing ? [{ label: `Total under ${compareName} (compared)`, color: colors.text, shape: 'outline' as const }] : []),
    ...(comparing && view === 'announced' ? [{ label: `Cumulative under ${compareName}`, color: colors.muted, shape: 'dash' as const }] : []),
  ];
  const title = view === 'announced' ? 'Commitments by announcement' : 'Commitments by disbursement year';
  const note =
    view === 'announced'
      ? `${scenarioNote ? `${scenarioNote}. ` : ''}Sum of amount_usd per ${period} of announcement, counted deals; line: running total (right axis); ~: some deals dated only by a longer period.`
      : `${scenarioNote ? `${scenarioNote}. ` : ''}Each counted deal spreads amount_usd / term_years over its years, from start (or announced).`;
  const axis = { stroke: colors.axis, tick: { fill: colors.muted, fontSize: 11 } };
  // A period holding deals dated only by a longer one (a year-only deal in a quarter view) reads `~2025-Q1`.
  // Kept while the colours are: the axis then redraws its labels only when its ticks do (see useLatest).
  const approximateOf = useLatest(useMemo(() => new Map(shown.map((p) => [p.label, p.approximate])), [shown]));
  const periodTick = useCallback(({ x, y, payload }: XAxisTickContentProps) => {
    const label = String(payload.value);
    const approximate = approximateOf.current.get(label) ?? 0;
    return (
      <text x={Number(x)} y={Number(y)} dy={12} textAnchor="middle" fill={colors.muted} fontSize={11} data-period={label}
        className="recharts-cartesian-axis-tick-value"
        data-approximate={approximate || undefined}>
        {approximate > 0 && <title>{`${approximate} deal${approximate === 1 ? '' : 's'} dated only by a longer period, placed at its first day`}</title>}
        {approximate > 0 ? `~${label}` : label}
      </text>
    );
  }, [approximateOf, colors.muted]);

  const controls = (
    <>
      <Segmented label="View" testId="commitments-view" value={view} onChange={setView}
        options={[{ value: 'announced', label: 'Announced' }, { value: 'disbursed', label: 'Disbursed' }]} />
      {view === 'announced' && (
        <>
          <Segmented label="Period" testId="commitments-period" value={period} onChange={setPeriod}
            options={[{ value: 'month', label: 'Month' }, { value: 'quarter', label: 'Quarter' }, { value: 'year', label: 'Year' }]} />
          <Segmented label="Stack by" testId="commitments-split" value={split} onChange={setSplit}
            options={[{ value: 'kind', label: 'Kind' }, { value: 'investor', label: 'Investor' }]} />
          {split === 'investor' && <Segmented label="Investors shown" value={topN} onChange={setTopN} options={TOP_CHOICES} />}
        </>
      )}
    </>
  );

  return (
    <ChartFrame testId="chart-commitments" title="Commitments" note={note} controls={controls}
      look={{ title: scenarioNote ? `${title} (${scenarioNote})` : title, background: colors.background, text: colors.text, legend }} fileName={`commitments-${view}`}
      table={() => commitmentsTable(shown, keys, view === 'announced' ? 'period' : 'year', { scenario: scenarioName, compare: comparing ? compareName : null })}>
      {shown.length === 0 ? (
        <p className="charts-empty" data-testid="chart-commitments-empty">
          No live deals with an amount among the rows shown.
          {undisclosed > 0 && ` ${undisclosed === 1 ? '1 deal has' : `${undisclosed} deals have`} no disclosed amount (not counted as $0).`}
        </p>
      ) : (
        <ComposedChart key={`${view}-${period}-${shown.length}-${start}`} data={shown} responsive style={{ width: '100%', height: 300 }}
          margin={MARGIN}>
          <KeptGrid stroke={colors.grid} vertical={false} />
          <XAxis dataKey="label" {...axis} tick={periodTick} />
          <YAxis yAxisId="left" tickFormatter={formatMoneyAxis} width={60} ticks={leftTicks} domain={[0, leftTicks.at(-1)!]} {...axis} />
          {view === 'announced' && <YAxis yAxisId="right" orientation="right" tickFormatter={formatMoneyAxis} width={60} ticks={rightTicks}
            domain={[0, rightTicks.at(-1)!]} {...axis} />}
          <Tooltip content={tooltip(view, series, comparing ? compareName : null)} cursor={{ fill: colors.grid, fillOpacity: 0.5 }} isAnimationActive={false} />
          {series.map((s, i) => (
            <Bar shape={barShape(shown, `s${i}`)} key={s.key} yAxisId="left" stackId="amount" name={s.label} dataKey={`s${i}`}
              fill={s.color} isAnimationActive={false} maxBarSize={64} />
          ))}
          {comparing && (
            <Bar yAxisId="left" name={`Total under ${compareName}`} dataKey="compared_total" isAnimationActive={false} maxBarSize={64}
              fill="none" shape={(p: BarShapeProps) => <ComparedBar {...p} color={colors.text} />} />
          )}
          {view === 'announced' && (
            <Line shape={unmeasuredLine} yAxisId="right" type="monotone" name="Cumulative (right axis)" dataKey="cumulative" stroke={colors.cumulative}
              strokeWidth={2} dot={{ r: 2.5, fill: colors.cumulative }} isAnimationActive={false} />
          )}
          {comparing && view === 'announced' && (
            <Line shape={unmeasuredLine} yAxisId="right" type="monotone" name={`Cumulative under ${compareName}`} dataKey="compared_cumulative" stroke={colors.muted}
              strokeWidth={2} strokeDasharray="6 4" dot={false} isAnimationActive={false} className="charts-compared-cumulative" />
          )}
          {shown.length > 2 && (
            <KeptBrush dataKey="label" height={22} stroke={colors.axis} fill={colors.brushFill} travellerWidth={8}
              startIndex={start} endIndex={shown.length - 1} tickFormatter={asIs} />
          )}
        </ComposedChart>
      )}
    </ChartFrame>
  );
}
