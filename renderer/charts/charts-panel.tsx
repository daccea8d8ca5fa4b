import { useDeferredValue, useEffect, useLayoutEffect, useMemo, useRef, useState, type JSX } from 'react';
import { computeAggregates } from '../../shared/analytics/aggregates';
import type { PartyParent } from '../../shared/model/parties';
import type { Scenario } from '../../shared/model/scenario';
import { RecipientsChart } from './recipients-chart';
import { flowEdges } from './chart-data';
import { searchCycles } from '../../shared/analytics/cycles';
import type { DealRow } from '../../shared/model/deal';
import { CircularityPanel } from '../analysis/circularity-panel';
import { NetworkView } from '../analysis/network-view';
import { ChartFrame } from './chart-frame';
import { chartColors, type ThemeName } from './chart-theme';
import { CommitmentsChart } from './commitments-chart';
import { ExposureChart } from './exposure-chart';
import type { Selection } from './selection';
import './charts.css';

export type DealFilter = { label: string; ids: number[] };

type Props = {
  /** Exactly the rows the grid shows after its quick filter and column filters. */
  rows: DealRow[];
  /** Every row of the book: pair-level values (round trips, bases) come from all of a pair's rows, shown or not. */
  all: DealRow[];
  /** The scenario in force, and a second one to show beside it (compare mode) or null. */
  scenario: Scenario;
  compare: Scenario | null;
  /** Parents, for a scenario that rolls parties up into their groups. */
  parties: readonly PartyParent[];
  theme: ThemeName;
  /** Filter the grid to these deals (an investor, pair, cycle or flow), or clear that filter with null. */
  onFilterDeals: (filter: DealFilter | null) => void;
  /**
   * Optional: the label of the panel's filter the grid currently applies, or null once the grid dropped it (say,
   * the analyst cleared it there). When given, the panel forgets its selection as soon as it is null.
   */
  filterLabel?: string | null;
};

const CYCLES_SHOWN = 20;

/**
 * Commitments, exposure, circularity and the network for the rows the grid shows. Everything is derived from
 * `rows` with the shared aggregate functions, memoized on the rows array, so re-sending rows after an edit or
 * filter recomputes once and nothing else is stored here but the analyst's selection.
 */
export function ChartsPanel({ rows: latestRows, all, scenario, compare, parties, theme, onFilterDeals, filterLabel }: Props): JSX.Element {
  // On a big book the aggregates take a moment; deferring lets the grid paint an edit first, charts right after.
  const rows = useDeferredValue(latestRows);
  const colors = chartColors(theme);
  const [selection, setSelection] = useState<{ key: string; label: string } | null>(null);

  const shown = useMemo(() => (rows.length === all.length ? undefined : new Set(rows.map((r) => r.id))), [rows, all]);
  const aggregates = useMemo(() => computeAggregates(all, { scenario, parties, shown }), [all, scenario, parties, shown]);
  const compared = useMemo(() => (compare ? computeAggregates(all, { scenario: compare, parties, shown }) : null), [all, compare, parties, shown]);
  const exposure = aggregates.exposure;
  const pairs = aggregates.pairs;
  const context = useMemo(() => ({ scenario, parties }), [scenario, parties]);
  const compareContext = useMemo(() => (compare ? { scenario: compare, parties } : null), [compare, parties]);
  const search = useMemo(() => searchCycles(rows, { minLength: 3, maxLength: 5, limit: CYCLES_SHOWN, context }), [rows, context]);
  const edges = useMemo(() => flowEdges(rows, context), [rows, context]);
  // Compare mode runs the same functions under the second scenario; nothing of it is computed without one.
  const comparedSearch = useMemo(
    () => (compareContext ? searchCycles(rows, { minLength: 3, maxLength: 5, limit: CYCLES_SHOWN, context: compareContext }) : null),
    [rows, compareContext],
  );
  const comparedFlows = useMemo(
    () => (compare && compareContext && compared ? { name: compare.name, edges: flowEdges(rows, compareContext), exposure: compared.exposure } : null),
    [rows, compare, compareContext, compared],
  );

  useEffect(() => {
    if (filterLabel === null) setSelection(null);
  }, [filterLabel]);

  // The HTML parts (cards, tables, tooltips) read the theme's colours as CSS variables, from the same source as the SVG.
  const root = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    const style = root.current?.style;
    if (!style) return;
    const vars: Record<string, string> = {
      bg: colors.background, surface: colors.surface, text: colors.text, muted: colors.muted, border: colors.border,
      grid: colors.grid, tooltip: colors.tooltip, selection: colors.selection, highlight: colors.highlight,
    };
    for (const [name, value] of Object.entries(vars)) style.setProperty(`--charts-${name}`, value);
  }, [colors]);

  const select = (s: Selection) => {
    if (selection?.key === s.key) {
      setSelection(null);
      onFilterDeals(null);
    } else {
      setSelection({ key: s.key, label: s.label });
      onFilterDeals({ label: s.label, ids: s.ids });
    }
  };
  const clear = () => {
    setSelection(null);
    onFilterDeals(null);
  };

  const selectedKey = selection?.key ?? null;
  // Every number below depends on the scenario: the window (and each export) says which.
  const inForce = compare ? `Scenario ${scenario.name}, compared with ${compare.name}` : `Scenario ${scenario.name}`;
  const networkLegend = [
    { label: 'Investor (area = exposure)', color: colors.cash, shape: 'circle' as const },
    { label: 'Other party', color: colors.other, shape: 'circle' as const },
    { label: 'Flow on a listed cycle', color: colors.highlight, shape: 'line' as const },
    { label: 'Other flow (width = amount)', color: colors.axis, shape: 'line' as const },
    ...(compare ? [
      { label: `Exposure under ${compare.name} (compared)`, color: colors.text, shape: 'ring' as const },
      { label: `Flow only under ${compare.name}`, color: colors.muted, shape: 'dash' as const },
    ] : []),
  ];

  return (
    <div ref={root} className={`charts-panel charts-${theme}`} data-testid="charts-panel">
      <div className="charts-filter-bar" data-testid="charts-filter" aria-live="polite">
        <strong className="charts-scenario" data-testid="charts-scenario">{inForce}</strong>
        {selection ? (
          <>
            <span>Grid filtered to <strong>{selection.label}</strong></span>
            <button type="button" onClick={clear} data-testid="charts-clear-filter">Show all rows</button>
          </>
        ) : (
          <span>Charts follow the grid's filters. Click an investor, pair, cycle or flow to filter the grid to its deals.</span>
        )}
      </div>
      <div className="charts-grid">
        <CommitmentsChart deals={rows} colors={colors} context={context} scenarioName={scenario.name} scenarioNote={inForce} compare={compareContext} compareName={compare?.name ?? null} />
        <ExposureChart deals={rows} exposure={exposure} compared={compared?.exposure ?? null} compareName={compare?.name ?? null} scenarioName={scenario.name}
          scenarioNote={inForce} colors={colors} selectedKey={selectedKey} onSelect={select} />
        <RecipientsChart deals={rows} recipients={aggregates.recipients} compared={compared?.recipients ?? null} compareName={compare?.name ?? null}
          scenarioName={scenario.name} scenarioNote={inForce} colors={colors} selectedKey={selectedKey} onSelect={select} />
        <section className="charts-card" data-testid="circularity" aria-label="Circularity">
          <header className="charts-card-head">
            <h3>Circularity</h3>
          </header>
          <p className="charts-card-note" data-testid="circularity-scenario" title={`${inForce}. Where invested money comes back to the investor.`}>
            {inForce}. Where invested money comes back to the investor.
          </p>
          <div className="charts-card-body">
            <CircularityPanel pairs={pairs} compared={compared?.pairs ?? null} scenario={scenario.name} compareName={compare?.name ?? null} cycles={search.cycles}
              comparedCycles={comparedSearch?.cycles ?? null} complete={search.complete} selectedKey={selectedKey} onSelect={select} />
          </div>
        </section>
        <ChartFrame testId="chart-network" title="Money-flow network" fileName="network"
          note={`${inForce}. Parties sized by exposure, arrows by amount, flows on listed cycles highlighted. Click an arrow to filter.`}
          look={{ title: `Money-flow network (${inForce})`, background: colors.background, text: colors.text, legend: networkLegend }}>
          <NetworkView edges={edges} exposure={exposure} cycles={search.cycles} compared={comparedFlows} colors={colors} selectedKey={selectedKey} onSelect={select} />
        </ChartFrame>
      </div>
    </div>
  );
}
