import { useCallback, useMemo } from 'react';
import { Bar, ComposedChart, Line, Tooltip, XAxis, YAxis } from 'recharts';
import type { DotItemDotProps, TooltipContentProps, YAxisTickContentProps } from 'recharts';
import type { Recipient } from '../../shared/analytics/aggregates';
import { formatUsdExact } from './chart-data';
import { KeptGrid, useLatest, useTicks } from './kept-props';
import { partyKey, type Deal, type RoundTripBasis } from '../../shared/model/deal';
import { formatMoney, formatMoneyAxis, formatShare } from '../../shared/model/format';
import { ChartFrame } from './chart-frame';
import { ValueShift } from './compare-marks';
import { recipientsTable } from './chart-tables';
import type { ChartColors } from './chart-theme';
import { unmeasuredLine } from './line-shape';
import { barShape } from './bar-shape';
import { changeLine, TooltipCard, type TooltipLine } from './chart-tooltip';
import type { Selection } from './selection';
import { undisclosedOnlyText } from './undisclosed-only';

type Props = {
  deals: readonly Deal[];
  recipients: readonly Recipient[];
  /** The same under the compared scenario (compare mode), or null. */
  compared: readonly Recipient[] | null;
  /** The compared scenario's name (compare mode), for the legend and tooltip. */
  compareName: string | null;
  /** The scenario in force, named on every row of the CSV export. */
  scenarioName: string;
  scenarioNote: string;
  colors: ChartColors;
  selectedKey: string | null;
  onSelect: (selection: Selection) => void;
};

const BAR = 14;
const SHOWN = 12;
const MAX_LABEL = 21;
const MARGIN = { top: 8, right: 28, bottom: 4, left: 4 };
const HATCH_ID = 'charts-recipients-hatch';

type Row = Recipient & { key: string; compared_received: number | null; compared_paid_back_share: number | null };

/** A value with its basis: `≥` where it is a floor, `?` where nothing bounds it. */
function basisText(text: string, basis: RoundTripBasis | null): string {
  if (!text) return '';
  return basis === 'at_least' ? `≥ ${text}` : basis === 'unknown' ? `? ${text}` : text;
}

export const recipientKey = (name: string): string => `recipient:${partyKey(name)}`;

/** The deals behind a recipient: the investments it received and its purchases (the money that may flow back). */
function recipientDealIds(deals: readonly Deal[], name: string): number[] {
  const key = partyKey(name);
  return deals
    .filter((d) => (d.kind === 'investment' && partyKey(d.to_party) === key) || (d.kind === 'purchase' && partyKey(d.from_party) === key))
    .map((d) => d.id);
}

/** Money received per recipient, split like exposure, with how much of it flows back to its investors. */
export function RecipientsChart({ deals, recipients, compared, compareName, scenarioName, scenarioNote, colors, selectedKey, onSelect }: Props) {
  const rows = useMemo<Row[]>(() => {
    const before = new Map((compared ?? []).map((r) => [partyKey(r.recipient), r]));
    return recipients.slice(0, SHOWN).map((r) => {
      const other = before.get(partyKey(r.recipient));
      // A recipient that receives nothing counted under the compared scenario received 0 there, not "unknown".
      return { ...r, key: recipientKey(r.recipient), compared_received: compared ? (other?.received ?? 0) : null, compared_paid_back_share: other?.paid_back_share ?? null };
    });
  }, [recipients, compared]);
  const select = (index: unknown) => {
    const r = rows[Number(index)];
    if (r) onSelect({ key: r.key, label: `${r.recipient} (received)`, ids: recipientDealIds(deals, r.recipient) });
  };
  const title = 'Money received per recipient';
  const legend = [
    { label: 'Received: cash', color: colors.cash },
    { label: 'Received: credits', color: colors.credit },
    { label: 'Received: other', color: colors.investedOther },
    { label: 'Received: split not known', color: colors.axis, shape: 'hatch' as const },
    { label: 'Paid back to its investors', color: colors.returned, shape: 'diamond' as const },
    ...(compared ? [{ label: `Received under ${compareName ?? 'the compared scenario'} (compared)`, color: colors.text, shape: 'ring' as const }] : []),
  ];
  const top = Math.max(0, ...rows.map((r) => Math.max(r.received, r.paid_back, r.compared_received ?? 0)));
  const ticks = useTicks(top);
  // The recipients past the ones shown received no more than they did: nothing to draw there either.
  const undisclosedOnly = top === 0 ? undisclosedOnlyText(recipients.map((r) => ({ name: r.recipient, undisclosed: r.undisclosed })), 'investments') : null;
  const height = Math.max(180, rows.length * (BAR + 16) + 60);

  const renderTooltip = ({ active, payload }: TooltipContentProps) => {
    const r = active ? (payload?.[0]?.payload as Row | undefined) : undefined;
    if (!r) return null;
    const money = (label: string, n: number, color?: string): TooltipLine => ({ label, value: formatMoney(n), exact: formatUsdExact(n), color });
    const lines: TooltipLine[] = [
      money('Cash', r.received_cash, colors.cash),
      money('Credits', r.received_credit, colors.credit),
      money('Other', r.received_other, colors.investedOther),
      money('Split not known', r.received_unsplit, colors.axis),
      { ...money('Received', r.received), strong: true },
      { ...money('Paid back', r.paid_back, colors.returned), value: basisText(formatMoney(r.paid_back), r.basis) },
      { label: 'Share paid back', value: basisText(formatShare(r.paid_back_share), r.basis) || 'n/a', strong: true },
      ...(r.undisclosed > 0 ? [{ label: 'Undisclosed deals', value: `+${r.undisclosed}`, exact: 'amount not known, not counted as 0' }] : []),
      ...(r.compared_received !== null ? [
        { ...money(`Received under ${compareName ?? 'the compared scenario'}`, r.compared_received), strong: true },
        changeLine(r.received - r.compared_received),
        { label: `Share paid back under ${compareName ?? 'the compared scenario'}`, value: formatShare(r.compared_paid_back_share) || 'n/a' },
      ] : []),
    ];
    return <TooltipCard title={r.recipient} lines={lines} footer={`${r.investors} investor${r.investors === 1 ? '' : 's'}; click to filter the grid`} />;
  };

  // Kept while the selection and colours are: the axis then redraws its labels only when its ticks do (see useLatest).
  const latest = useLatest({ rows, select });
  const tick = useCallback(({ x, y, payload, index }: YAxisTickContentProps) => {
    const { rows, select } = latest.current;
    const r = rows[index];
    const name = String(payload.value);
    const short = name.length > MAX_LABEL ? `${name.slice(0, MAX_LABEL - 1)}…` : name;
    const selected = r !== undefined && r.key === selectedKey;
    const share = r ? basisText(formatShare(r.paid_back_share), r.basis) : '';
    return (
      <text x={Number(x) - 6} y={Number(y)} dy={4} textAnchor="end" data-name={name} data-share={share} fontSize={12} style={{ cursor: 'pointer' }}
        fill={selected ? colors.highlight : colors.text} fontWeight={selected ? 700 : 400}
        onClick={(e) => {
          e.stopPropagation();
          select(index);
        }}>
        <title>{r && r.undisclosed > 0 ? `${name}: +${r.undisclosed} undisclosed (deals with no amount, not counted as 0)` : name}</title>
        {short}
        {share && <tspan fill={colors.returned} fontSize={10}>{` ${share} back`}</tspan>}
        {r && r.undisclosed > 0 && <tspan fill={colors.muted} fontSize={10} data-undisclosed={r.undisclosed}>{` +${r.undisclosed}`}</tspan>}
      </text>
    );
  }, [latest, selectedKey, colors]);
  // The same functions while the colours are, so the <Line>s (which compare their props) keep still through a switch.
  const paidBackDot = useCallback(
    (p: DotItemDotProps) => <PaidBack key={p.index} cx={p.cx} cy={p.cy} value={p.value} color={colors.returned} />,
    [colors.returned],
  );
  const comparedDot = useCallback(
    (p: DotItemDotProps) => <ValueShift key={`g${p.index}`} cx={p.cx} cy={p.cy} value={p.value}
      from={(p.payload as Row).received} color={colors.text} background={colors.background} />,
    [colors.text, colors.background],
  );
  const axis = { stroke: colors.axis, tick: { fill: colors.muted, fontSize: 11 } };
  const note = `${scenarioNote}. Investments received, and the share its purchases pay back to those investors (≥ where a floor); +N = investments with no disclosed amount. Click a recipient to filter the grid.`;

  return (
    <ChartFrame testId="chart-recipients" title={title} note={note} fileName="recipients"
      table={() => recipientsTable(recipients, compared, { scenario: scenarioName, compare: compared ? compareName : null })}
      look={{ title: `${title} (${scenarioNote})`, background: colors.background, text: colors.text, legend }}>
      {rows.length === 0 ? (
        <p className="charts-empty">No counted investments among the rows shown.</p>
      ) : undisclosedOnly ? (
        <p className="charts-empty" data-testid="chart-recipients-undisclosed">{undisclosedOnly}</p>
      ) : (
        <ComposedChart data={rows} layout="vertical" responsive style={{ width: '100%', height }} cursor="pointer"
          margin={MARGIN} onClick={(state) => state.isTooltipActive && select(state.activeTooltipIndex)}>
          <defs>
            <pattern id={HATCH_ID} width={6} height={6} patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
              <rect width={6} height={6} fill={colors.background} />
              <line x1={0} y1={0} x2={0} y2={6} stroke={colors.axis} strokeWidth={3} />
            </pattern>
          </defs>
          <KeptGrid stroke={colors.grid} horizontal={false} />
          <XAxis type="number" tickFormatter={formatMoneyAxis} ticks={ticks} domain={[0, ticks.at(-1)!]} {...axis} />
          <YAxis type="category" dataKey="recipient" width={230} interval={0} stroke={colors.axis} tick={tick} />
          <Tooltip content={renderTooltip} cursor={{ fill: colors.selection, fillOpacity: 0.35 }} isAnimationActive={false} />
          <Bar shape={barShape(rows, 'received_cash')} dataKey="received_cash" stackId="r" fill={colors.cash} barSize={BAR} isAnimationActive={false} />
          <Bar shape={barShape(rows, 'received_credit')} dataKey="received_credit" stackId="r" fill={colors.credit} barSize={BAR} isAnimationActive={false} />
          <Bar shape={barShape(rows, 'received_other')} dataKey="received_other" stackId="r" fill={colors.investedOther} barSize={BAR} isAnimationActive={false} />
          <Bar shape={barShape(rows, 'received_unsplit')} dataKey="received_unsplit" stackId="r" fill={`url(#${HATCH_ID})`} stroke={colors.axis} strokeWidth={0.5} barSize={BAR} isAnimationActive={false} />
          <Line shape={unmeasuredLine} dataKey="paid_back" stroke={colors.returned} strokeWidth={0} isAnimationActive={false} activeDot={false}
            dot={paidBackDot} />
          {compared && (
            <Line shape={unmeasuredLine} dataKey="compared_received" stroke={colors.text} strokeWidth={0} isAnimationActive={false} activeDot={false}
              dot={comparedDot} />
          )}
        </ComposedChart>
      )}
    </ChartFrame>
  );
}

function PaidBack({ cx, cy, value, color }: { cx?: number; cy?: number; value: unknown; color: string }) {
  if (!(typeof value === 'number' && value > 0) || cx === undefined || cy === undefined || !Number.isFinite(cx) || !Number.isFinite(cy)) return <g />;
  return <path className="charts-paid-back" d={`M${cx},${cy - 6} L${cx + 6},${cy} L${cx},${cy + 6} L${cx - 6},${cy} Z`} fill={color} />;
}

