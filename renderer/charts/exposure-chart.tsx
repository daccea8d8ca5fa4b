import { useCallback, useMemo, useState } from 'react';
import { Bar, ComposedChart, Line, Tooltip, XAxis, YAxis } from 'recharts';
import type { DotItemDotProps, TooltipContentProps, YAxisTickContentProps } from 'recharts';
import type { Exposure } from '../../shared/analytics/aggregates';
import { netText } from '../../shared/analytics/pair-text';
import { foldExposure, formatUsdExact, investorDealIds, type ExposureBar } from './chart-data';
import { KeptGrid, useLatest, useTicks } from './kept-props';
import type { Deal } from '../../shared/model/deal';
import { formatMoney, formatMoneyAxis, formatMoneyWithBasis } from '../../shared/model/format';
import { ChartFrame } from './chart-frame';
import { ValueShift } from './compare-marks';
import { exposureTable } from './chart-tables';
import type { ChartColors } from './chart-theme';
import { unmeasuredLine } from './line-shape';
import { barShape } from './bar-shape';
import { changeLine, TooltipCard, type TooltipLine } from './chart-tooltip';
import type { Selection } from './selection';
import { Segmented } from './segmented';
import { undisclosedOnlyText } from './undisclosed-only';


type Props = {
  deals: readonly Deal[];
  /** exposureByInvestor(deals), shared with the network view. */
  exposure: readonly Exposure[];
  /** The same under the compared scenario (compare mode), or null. */
  compared: readonly Exposure[] | null;
  /** The compared scenario's name (compare mode), for the legend and tooltip. */
  compareName: string | null;
  /** The scenario in force, named on every row of the CSV export. */
  scenarioName: string;
  /** Which scenario the numbers are under ("Scenario Base"); shown and written into exports. */
  scenarioNote: string;
  colors: ChartColors;
  /** Key of the selected bar (ExposureBar.key) when the grid is filtered to it. */
  selectedKey: string | null;
  onSelect: (selection: Selection) => void;
};

const BAR = 12;
const GAP = 2;
// With two bars per investor (invested stack, infrastructure), the invested bar's centre sits this far above
// the band's centre; the `returned` marker is drawn across that bar so the two compare directly.
const INVESTED_OFFSET = (BAR + GAP) / 2;
const TOP_CHOICES = [{ value: '8', label: 'Top 8' }, { value: '12', label: 'Top 12' }, { value: '20', label: 'Top 20' }] as const;
const MAX_LABEL = 21;
const MARGIN = { top: 8, right: 28, bottom: 4, left: 4 };

function ReturnedMarker({ cx, cy, value, color }: { cx?: number; cy?: number; value: unknown; color: string }) {
  // Nothing returned is the absence of a marker, not a marker at zero.
  if (!(typeof value === 'number' && value > 0) || cx === undefined || cy === undefined || !Number.isFinite(cx) || !Number.isFinite(cy)) {
    return <g />;
  }
  const y = cy - INVESTED_OFFSET;
  return (
    <g className="charts-returned-marker">
      <line x1={cx} x2={cx} y1={y - BAR / 2 - 3} y2={y + BAR / 2 + 3} stroke={color} strokeWidth={3} />
      <path d={`M${cx},${y - 5} L${cx + 5},${y} L${cx},${y + 5} L${cx - 5},${y} Z`} fill={color} />
    </g>
  );
}

const HATCH_ID = 'charts-unsplit-hatch';

type Bar = ExposureBar & { compared_exposure: number | null };

/** The compared scenario's exposure beside each bar (by investor; the folded rest sums its members). */
function withCompared(bars: ExposureBar[], compared: readonly Exposure[] | null): Bar[] {
  if (!compared) return bars.map((b) => ({ ...b, compared_exposure: null }));
  const by = new Map(compared.map((e) => [e.investor.toLowerCase(), e.exposure]));
  return bars.map((b) => ({ ...b, compared_exposure: b.members.reduce((sum, m) => sum + (by.get(m.toLowerCase()) ?? 0), 0) }));
}



/** Exposure per investor: invested cash / credits / other stacked, infrastructure beside, `returned` marked. */
export function ExposureChart({ deals, exposure, compared, compareName, scenarioName, scenarioNote, colors, selectedKey, onSelect }: Props) {
  const [topN, setTopN] = useState<'8' | '12' | '20'>('12');
  const bars = useMemo(() => withCompared(foldExposure(exposure, Number(topN)), compared), [exposure, compared, topN]);
  // Deal ids per bar are needed only on hover and click, so they are worked out then and kept per rows.
  const idsCache = useMemo(() => new Map<string, number[]>(), [deals]);
  const idsOf = (bar: ExposureBar): number[] => {
    let ids = idsCache.get(bar.key);
    if (!ids) idsCache.set(bar.key, (ids = investorDealIds(deals, bar.members)));
    return ids;
  };

  const select = (index: unknown) => {
    const bar = typeof index === 'number' ? bars[index] : typeof index === 'string' ? bars[Number(index)] : undefined;
    if (bar) onSelect({ key: bar.key, label: bar.folded ? `${bar.members.length} smaller investors` : bar.investor, ids: idsOf(bar) });
  };

  const legend = [
    { label: 'Invested: cash', color: colors.cash },
    { label: 'Invested: credits', color: colors.credit },
    { label: 'Invested: other', color: colors.investedOther },
    { label: 'Invested: split not known', color: colors.axis, shape: 'hatch' as const },
    { label: 'Infrastructure', color: colors.infrastructure },
    { label: 'Returned (round trip; ≥ where a floor)', color: colors.returned, shape: 'diamond' as const },
    ...(compared ? [
      { label: 'Exposure (scenario in force)', color: colors.text, shape: 'tick' as const },
      { label: `Exposure under ${compareName ?? 'the compared scenario'} (compared)`, color: colors.text, shape: 'ring' as const },
    ] : []),
  ];
  const title = 'Exposure per investor';
  const top = Math.max(0, ...bars.map((b) =>
    Math.max(b.invested_cash + b.invested_credit + b.invested_other + b.invested_unsplit, b.infrastructure, b.returned, b.compared_exposure ?? 0)));
  const ticks = useTicks(top);
  const undisclosedOnly = top === 0 ? undisclosedOnlyText(bars.map((b) => ({ name: b.investor, undisclosed: b.undisclosed })), 'deals') : null;
  const height = Math.max(200, bars.length * (2 * BAR + GAP + 10) + 60);

  const renderTooltip = ({ active, payload }: TooltipContentProps) => {
    const bar = active ? (payload?.[0]?.payload as Bar | undefined) : undefined;
    if (!bar) return null;
    const money = (label: string, n: number, color?: string, strong?: boolean): TooltipLine =>
      ({ label, value: formatMoney(n), exact: formatUsdExact(n), color, strong });
    const lines = [
      money('Cash', bar.invested_cash, colors.cash),
      money('Credits', bar.invested_credit, colors.credit),
      money('Other', bar.invested_other, colors.investedOther),
      money('Split not known', bar.invested_unsplit, colors.axis),
      money('Infrastructure', bar.infrastructure, colors.infrastructure),
      money('Exposure', bar.exposure, undefined, true),
      { ...money('Returned', bar.returned, colors.returned), value: formatMoneyWithBasis(bar.returned, bar.returned_basis) },
      { ...money('Net (invested - returned)', bar.net, undefined, true), value: netText(bar) },
      ...(bar.undisclosed > 0 ? [{ label: 'Undisclosed deals', value: `+${bar.undisclosed}`, exact: 'amount not known, not counted as 0' }] : []),
      ...(bar.compared_exposure !== null ? [
        { ...money(`Exposure under ${compareName ?? 'the compared scenario'}`, bar.compared_exposure), strong: true },
        changeLine(bar.exposure - bar.compared_exposure),
      ] : []),
    ];
    const n = idsOf(bar).length;
    const who = bar.folded ? `${bar.members.length} investors: ${bar.members.slice(0, 6).join(', ')}${bar.members.length > 6 ? ', ...' : ''}. ` : '';
    return <TooltipCard title={bar.investor} lines={lines} footer={`${who}${n === 1 ? '1 deal' : `${n} deals`}; click to filter the grid`} />;
  };

  // Kept while the selection and colours are: the axis then redraws its labels only when its ticks do (see useLatest).
  const latest = useLatest({ bars, select });
  const tick = useCallback(({ x, y, payload, index }: YAxisTickContentProps) => {
    const { bars, select } = latest.current;
    const bar = bars[index];
    const name = String(payload.value);
    const short = name.length > MAX_LABEL ? `${name.slice(0, MAX_LABEL - 1)}…` : name;
    const selected = bar !== undefined && bar.key === selectedKey;
    return (
      <text x={Number(x) - 6} y={Number(y)} dy={4} textAnchor="end" data-name={name} data-selected={selected || undefined} fontSize={12} fill={selected ? colors.highlight : colors.text}
        fontWeight={selected ? 700 : 400} style={{ cursor: 'pointer' }} onClick={(e) => {
          // The chart's own click handler would see this click too and toggle the selection back.
          e.stopPropagation();
          select(index);
        }}>
        <title>{bar && bar.undisclosed > 0 ? `${name}: +${bar.undisclosed} undisclosed (deals with no amount, not counted as 0)` : name}</title>
        {short}
        {bar && bar.undisclosed > 0 && <tspan fill={colors.muted} fontSize={10} data-undisclosed={bar.undisclosed}>{` +${bar.undisclosed}`}</tspan>}
      </text>
    );
  }, [latest, selectedKey, colors]);

  // The same functions while the colours are, so the <Line>s (which compare their props) keep still through a switch.
  const returnedDot = useCallback(
    (p: DotItemDotProps) => <ReturnedMarker key={p.index} cx={p.cx} cy={p.cy} value={p.value} color={colors.returned} />,
    [colors.returned],
  );
  const comparedDot = useCallback(
    (p: DotItemDotProps) => <ValueShift key={`g${p.index}`} cx={p.cx} cy={p.cy} value={p.value} from={(p.payload as Bar).exposure}
      span={2 * BAR + GAP + 4} color={colors.text} background={colors.background} />,
    [colors.text, colors.background],
  );

  const controls = <Segmented label="Investors shown" value={topN} onChange={setTopN} options={TOP_CHOICES} />;
  const axis = { stroke: colors.axis, tick: { fill: colors.muted, fontSize: 11 } };
  const note = `${scenarioNote}. Counted investment and infrastructure per from_party; +N = deals with no disclosed amount. Click an investor to filter the grid.`;

  return (
    <ChartFrame testId="chart-exposure" title={title} note={note} controls={controls}
      look={{ title: `${title} (${scenarioNote})`, background: colors.background, text: colors.text, legend }} fileName="exposure"
      table={() => exposureTable(exposure, compared, { scenario: scenarioName, compare: compared ? compareName : null })}>
      {bars.length === 0 ? (
        <p className="charts-empty">No live investment or infrastructure deals among the rows shown.</p>
      ) : undisclosedOnly ? (
        <p className="charts-empty" data-testid="chart-exposure-undisclosed">{undisclosedOnly}</p>
      ) : (
        <ComposedChart data={bars} layout="vertical" responsive style={{ width: '100%', height }} barGap={GAP}
          margin={MARGIN} onClick={(state) => state.isTooltipActive && select(state.activeTooltipIndex)}
          cursor="pointer">
          <KeptGrid stroke={colors.grid} horizontal={false} />
          <XAxis type="number" tickFormatter={formatMoneyAxis} ticks={ticks} domain={[0, ticks.at(-1)!]} {...axis} />
          <YAxis type="category" dataKey="investor" width={172} interval={0} stroke={colors.axis} tick={tick} />
          <Tooltip content={renderTooltip} cursor={{ fill: colors.selection, fillOpacity: 0.35 }} isAnimationActive={false} />
          <Bar shape={barShape(bars, 'invested_cash')} dataKey="invested_cash" name="Invested: cash" stackId="invested" fill={colors.cash} barSize={BAR} isAnimationActive={false} />
          <Bar shape={barShape(bars, 'invested_credit')} dataKey="invested_credit" name="Invested: credits" stackId="invested" fill={colors.credit} barSize={BAR} isAnimationActive={false} />
          <Bar shape={barShape(bars, 'invested_other')} dataKey="invested_other" name="Invested: other" stackId="invested" fill={colors.investedOther} barSize={BAR} isAnimationActive={false} />
          <defs>
            <pattern id={HATCH_ID} width={6} height={6} patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
              <rect width={6} height={6} fill={colors.background} />
              <line x1={0} y1={0} x2={0} y2={6} stroke={colors.axis} strokeWidth={3} />
            </pattern>
          </defs>
          <Bar shape={barShape(bars, 'invested_unsplit')} dataKey="invested_unsplit" name="Invested: split not known" stackId="invested" fill={`url(#${HATCH_ID})`} stroke={colors.axis}
            strokeWidth={0.5} barSize={BAR} isAnimationActive={false} className="charts-unsplit" />
          <Bar shape={barShape(bars, 'infrastructure')} dataKey="infrastructure" name="Infrastructure" fill={colors.infrastructure} barSize={BAR} isAnimationActive={false} />
          <Line shape={unmeasuredLine} dataKey="returned" name="Returned (round trip)" stroke={colors.returned} strokeWidth={0} legendType="diamond" isAnimationActive={false}
            dot={returnedDot}
            activeDot={false} />
          {compared && (
            <Line shape={unmeasuredLine} dataKey="compared_exposure" name="Compared scenario" stroke={colors.text} strokeWidth={0} isAnimationActive={false} activeDot={false}
              dot={comparedDot} />
          )}
        </ComposedChart>
      )}
    </ChartFrame>
  );
}
