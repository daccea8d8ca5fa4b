import { LineDrawShape, type LineDrawShapeProps } from 'recharts';

/**
 * Recharts' own line shape, drawn with a ref of its own instead of the <Line>'s. With the <Line>'s ref on the path,
 * every render of the <Line> asks the path for getTotalLength() (for its entrance animation, which our lines never
 * run), and that read makes the browser lay the page out in the middle of a render: 10-50 ms of a scenario switch
 * at 100k deals. Left unattached, the <Line> reads 0 and the shape draws the same path: the length is used only
 * while animating. (Recharts types the ref as never empty; it is empty until React attaches the path.)
 */
export function unmeasuredLine(props: LineDrawShapeProps) {
  const own = { current: null } as unknown as LineDrawShapeProps['pathRef'];
  return <LineDrawShape {...props} pathRef={own} />;
}
