import { useEffect, useMemo } from 'react';
import { runWhenIdle } from '../book/idle-work';
import { aggregateParts, type AggregateParts, type Aggregates } from '../../shared/analytics/aggregates';
import type { AnalysisContext } from '../../shared/analytics/book-view';
import { searchCycles, type CycleSearch } from '../../shared/analytics/cycles';
import type { DealRow } from '../../shared/model/deal';
import type { PartyParent } from '../../shared/model/parties';
import type { Scenario } from '../../shared/model/scenario';
import { flowEdges, type FlowEdge } from './chart-data';

const CYCLES_SHOWN = 20;

// A window flips between a few scenarios (and compares two): keep what those cost, not every scenario ever shown.
const SCENARIOS_KEPT = 4;

/** `compute` once per scenario (told apart by object: the session hands out the same one until the list changes). */
function perScenario<T>(compute: (scenario: Scenario) => T): (scenario: Scenario) => T {
  const kept = new Map<Scenario, T>();
  return (scenario) => {
    if (kept.has(scenario)) {
      const value = kept.get(scenario)!;
      // Most recently used last, so the oldest goes first.
      kept.delete(scenario);
      kept.set(scenario, value);
      return value;
    }
    const value = compute(scenario);
    if (kept.size >= SCENARIOS_KEPT) kept.delete(kept.keys().next().value!);
    kept.set(scenario, value);
    return value;
  };
}

/** The network's look at a compared scenario: its flows and exposure. */
export type ComparedFlows = { name: string; edges: FlowEdge[]; exposure: Aggregates['exposure'] };

export type ChartAnalysis = {
  /** The scenario and the parents, as the chart functions take them (the same object each time). */
  context: (scenario: Scenario) => AnalysisContext;
  /** computeAggregates' values, each part computed when a card first reads it. */
  aggregates: (scenario: Scenario) => AggregateParts;
  cycles: (scenario: Scenario) => CycleSearch;
  edges: (scenario: Scenario) => FlowEdge[];
  flows: (scenario: Scenario) => ComparedFlows;
};

/**
 * What the charts show, computed once per version of the rows and scenario and shared by every card: exposure,
 * recipients, pairs and the network read one set of aggregates, each part computed when a card first reads it (the
 * pairs wait for the circularity card, the time series are the commitments chart's own); a compared scenario is not computed again when
 * only the other one changes, nor a scenario shown a moment ago. Each value comes from the same shared function
 * with the same inputs as before (aggregates over every row with the shown ids; cycles and flows over the shown
 * rows), so the numbers are the same.
 */
export function useChartAnalysis(all: DealRow[], rows: DealRow[], parties: readonly PartyParent[]): ChartAnalysis {
  const shown = useMemo(() => (rows.length === all.length ? undefined : new Set(rows.map((r) => r.id))), [rows, all]);
  const context = useMemo(() => perScenario((scenario): AnalysisContext => ({ scenario, parties })), [parties]);
  const aggregates = useMemo(() => perScenario((scenario) => aggregateParts(all, { scenario, parties, shown })), [all, parties, shown]);
  const cycles = useMemo(
    () => perScenario((scenario) => searchCycles(rows, { minLength: 3, maxLength: 5, limit: CYCLES_SHOWN, context: context(scenario) })),
    [rows, context],
  );
  const edges = useMemo(() => perScenario((scenario) => flowEdges(rows, context(scenario))), [rows, context]);
  const flows = useMemo(
    () => perScenario((scenario): ComparedFlows => ({ name: scenario.name, edges: edges(scenario), exposure: aggregates(scenario).exposure })),
    [edges, aggregates],
  );
  return { context, aggregates, cycles, edges, flows };
}

/**
 * What the cards on screen need first from a switch to a scenario the window may show next (`ahead`: not the shown
 * or compared ones): the exposure and recipients, computed in idle time after a quiet second into the same
 * per-scenario caches the cards read, started again for each rows version. Only that: each step must stay short
 * (an input arriving during one waits for it), and the pairs, cycles and flows are for cards that follow the frame.
 */
export function useComputeAhead(analysis: ChartAnalysis, ahead: readonly Scenario[]): void {
  const { aggregates } = analysis;
  useEffect(() => runWhenIdle(ahead.map((s) => () => void aggregates(s).exposure)), [aggregates, ahead]);
}
