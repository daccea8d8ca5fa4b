import { useMemo } from 'react';
import { computeAggregates, type Aggregates } from '../../shared/analytics/aggregates';
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
  aggregates: (scenario: Scenario) => Aggregates;
  cycles: (scenario: Scenario) => CycleSearch;
  edges: (scenario: Scenario) => FlowEdge[];
  flows: (scenario: Scenario) => ComparedFlows;
};

/**
 * What the charts show, computed once per version of the rows and scenario and shared by every card: exposure,
 * recipients, pairs and the network read one computeAggregates; a compared scenario is not computed again when
 * only the other one changes, nor a scenario shown a moment ago. Each value comes from the same shared function
 * with the same inputs as before (aggregates over every row with the shown ids; cycles and flows over the shown
 * rows), so the numbers are the same.
 */
export function useChartAnalysis(all: DealRow[], rows: DealRow[], parties: readonly PartyParent[]): ChartAnalysis {
  const shown = useMemo(() => (rows.length === all.length ? undefined : new Set(rows.map((r) => r.id))), [rows, all]);
  const context = useMemo(() => perScenario((scenario): AnalysisContext => ({ scenario, parties })), [parties]);
  const aggregates = useMemo(() => perScenario((scenario) => computeAggregates(all, { scenario, parties, shown })), [all, parties, shown]);
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
