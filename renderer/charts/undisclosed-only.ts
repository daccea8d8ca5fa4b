const NAMED = 6;

/**
 * The words a chart shows instead of bars when every amount it would draw is undisclosed: an axis from $0 to $1
 * under empty bars says nothing (unknown is never shown as zero). Null when nothing is undisclosed: the chart is
 * drawn as it is (amounts of $0 are known zeros). `rows`: each party with its count of deals of no amount.
 */
export function undisclosedOnlyText(rows: readonly { name: string; undisclosed: number }[], deals: 'deals' | 'investments'): string | null {
  const named = rows.filter((r) => r.undisclosed > 0);
  const count = named.reduce((sum, r) => sum + r.undisclosed, 0);
  if (count === 0) return null;
  const what = count === 1 ? `1 ${deals.slice(0, -1)} has` : `${count} ${deals} have`;
  const list = named.slice(0, NAMED).map((r) => `${r.name} +${r.undisclosed}`).join(', ');
  const more = named.length > NAMED ? `, and ${named.length - NAMED} more` : '';
  return `Every amount here is undisclosed: ${what} no amount (not counted as $0), so there is nothing to draw. ${list}${more}.`;
}
