import { useXAxisScale } from 'recharts';

// The compared scenario's marks, drawn dashed and hollow beside the solid marks of the scenario in force. Each is
// filled with the card's background, so it stays legible where it crosses a coloured bar, in either theme.

type DotProps = { cx?: number; cy?: number; value: unknown; color: string; background: string };

const placed = (cx: number | undefined, cy: number | undefined): cx is number => cx !== undefined && cy !== undefined && Number.isFinite(cx) && Number.isFinite(cy);

/**
 * A value from one scenario to the other on a category's band: a dashed line from the value in force to a ring at
 * the compared value. `cx` is the compared value's position; the value in force's comes from the chart's own x
 * scale. With a `span`, a solid tick that tall marks the value in force (exposure is invested + infrastructure,
 * which no single bar shows); without, the bar's own end does.
 */
export function ValueShift({ cx, cy, value, from, span = 0, color, background }: DotProps & { from: number; span?: number }) {
  const scale = useXAxisScale();
  if (typeof value !== 'number' || !placed(cx, cy) || !(value > 0 || from > 0)) return <g />;
  const x = scale ? Number(scale(from)) : NaN;
  return (
    <g className="charts-ghost-marker" data-from={from} data-to={value}>
      {Number.isFinite(x) && <line x1={cx} x2={x} y1={cy} y2={cy} stroke={color} strokeWidth={1.5} strokeDasharray="3 2" />}
      {Number.isFinite(x) && span > 0 && from > 0 && <line x1={x} x2={x} y1={cy! - span / 2} y2={cy! + span / 2} stroke={color} strokeWidth={2.5} />}
      <circle cx={cx} cy={cy} r={5} fill={background} stroke={color} strokeWidth={2} strokeDasharray="2 1.5" />
    </g>
  );
}

type BarShapeProps = { x?: number; y?: number; width?: number; height?: number };

/** A period's total under the compared scenario: a hollow, dashed bar beside the stack (paired bars). */
export function ComparedBar({ x, y, width, height, color }: BarShapeProps & { color: string }) {
  if (x === undefined || y === undefined || !width || !height || !Number.isFinite(y) || height <= 0) return <g />;
  return <rect className="charts-compared-bar" x={x + 1} y={y} width={Math.max(0, width - 2)} height={height} fill="none" stroke={color}
    strokeWidth={1.5} strokeDasharray="4 3" />;
}

export type { BarShapeProps };
