import type { AnalysisContext } from '../../shared/analytics/book-view';
import type { Deal } from '../../shared/model/deal';

// Per rows array and scenario context (the same object per scenario, from chart-analysis), held weakly: a switch
// back to a scenario, or to one computed ahead in idle time, finds a chart's series made.
const kept = new WeakMap<readonly Deal[], WeakMap<AnalysisContext, Map<string, unknown>>>();

/** `compute()` once per rows array, context and key (what else the series depends on: period, split, ...). */
export function keptSeries<T>(deals: readonly Deal[], context: AnalysisContext, key: string, compute: () => T): T {
  let byContext = kept.get(deals);
  if (!byContext) kept.set(deals, (byContext = new WeakMap()));
  let byKey = byContext.get(context);
  if (!byKey) byContext.set(context, (byKey = new Map()));
  if (byKey.has(key)) return byKey.get(key) as T;
  const value = compute();
  byKey.set(key, value);
  return value;
}
