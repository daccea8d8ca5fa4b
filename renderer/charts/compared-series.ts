/** One x position of a time series under the compared scenario: its total and, by announcement, the running total. */
export type ComparedTotal = { label: string; total: number; cumulative: number | null };

export type WithCompared<P> = P & { compared_total: number | null; compared_cumulative: number | null };

/**
 * Both scenarios on one time axis. The labels ("2025-Q1", "2025-03", "2025") sort as text; a period only one
 * scenario has (a quarter of nothing but rumours under "Firm only") gets a blank point on the other side, whose
 * running total carries on from the period before: nothing was added there, the sum so far still stands.
 * Without a comparison the points are returned with null compared values.
 */
export function withComparedTotals<P extends { label: string; cumulative: number | null }>(
  points: readonly P[],
  compared: readonly ComparedTotal[] | null,
  blank: (label: string, cumulative: number | null) => P,
): WithCompared<P>[] {
  if (!compared) return points.map((p) => ({ ...p, compared_total: null, compared_cumulative: null }));
  const mine = new Map(points.map((p) => [p.label, p]));
  const theirs = new Map(compared.map((c) => [c.label, c]));
  const labels = [...new Set([...mine.keys(), ...theirs.keys()])].sort();
  const running = points.some((p) => p.cumulative !== null) || compared.some((c) => c.cumulative !== null);
  let own = 0;
  let other = 0;
  return labels.map((label) => {
    const p = mine.get(label) ?? blank(label, running ? own : null);
    if (p.cumulative !== null) own = p.cumulative;
    const c = theirs.get(label);
    if (c && c.cumulative !== null) other = c.cumulative;
    return { ...p, compared_total: c?.total ?? 0, compared_cumulative: running ? other : null };
  });
}
