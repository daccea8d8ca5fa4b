/** Below this share of the total, the early periods are a long flat tail (one 2019 deal stretching the axis). */
const MATERIAL_SHARE = 0.02;

/**
 * Where the time axis starts by default: the first period by which the running total reaches 2% of the whole.
 * Earlier periods stay one drag of the brush away, so nothing is hidden, only the default view is tightened.
 */
export function materialStart(totals: readonly number[]): number {
  const whole = totals.reduce((sum, t) => sum + Math.max(0, t), 0);
  if (!(whole > 0)) return 0;
  let running = 0;
  for (let i = 0; i < totals.length; i++) {
    running += Math.max(0, totals[i]!);
    // Keep one period before the material start, so the first bar has a neighbour on its left.
    if (running >= whole * MATERIAL_SHARE) return Math.max(0, i - 1);
  }
  return 0;
}
