import type { BarShapeProps } from 'recharts';

// Recharts' own rounding of a rectangle's coordinates (4 decimals, no -0), so the drawn path is the same text.
const round = (n: number): number => {
  const r = Math.round(n * 1e4) / 1e4;
  return Object.is(r, -0) ? 0 : r;
};

/**
 * One bar as Recharts' <Rectangle> draws it without corners or animation: the same <path> with the same attributes
 * and `d`, drawn by a plain function instead of the component. Recharts keys each bar by its value and position, so
 * a scenario switch mounts every bar whose value changed anew (hundreds in view at 100k deals), and each
 * <Rectangle> mounted runs its hooks (state, refs, an effect, an animation id) for an animation our bars never run.
 */
function plainBar({ x, y, width, height, name, fill, stroke, strokeWidth, className }: BarShapeProps) {
  // As <Rectangle>: nothing for a zero or unplaced size.
  if (x !== +x || y !== +y || width !== +width || height !== +height || width === 0 || height === 0) return null;
  const [rx, ry, rw, rh] = [round(x), round(y), round(width), round(height)];
  return (
    <path name={name} fill={fill} stroke={stroke} strokeWidth={strokeWidth} x={rx} y={ry} width={rw} height={rh} radius={0}
      className={className ? `recharts-rectangle ${className}` : 'recharts-rectangle'} d={`M ${rx},${ry} h ${rw} v ${rh} h ${round(-width)} Z`} />
  );
}

/**
 * The shape for the bars of `dataKey`: the plain one where no value is 0, else Recharts' own. With a shape of its
 * own, a <Bar> keeps its zero-size bars as empty groups (Recharts drops them only for its default shape), which
 * would add nodes to the chart (and a hidden "first bar"); a series without zeros draws exactly the same nodes.
 */
export function barShape<T extends object>(data: readonly T[], dataKey: keyof T & string): typeof plainBar | undefined {
  return data.every((d) => d[dataKey] !== 0) ? plainBar : undefined;
}
