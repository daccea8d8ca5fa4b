import { memo, useCallback, useDeferredValue, useEffect, useLayoutEffect, useMemo, useRef, useState, type JSX } from 'react';
import type { PartyParent } from '../../shared/model/parties';
import type { Scenario } from '../../shared/model/scenario';
import { RecipientsChart as RecipientsCard } from './recipients-chart';
import type { DealRow } from '../../shared/model/deal';
import { CircularityPanel as CircularityCard } from '../analysis/circularity-panel';
import { NetworkView as NetworkCard } from '../analysis/network-view';
import { ChartFrame } from './chart-frame';
import { chartColors, type ThemeName } from './chart-theme';
import { CommitmentsChart as CommitmentsCard } from './commitments-chart';
import { ExposureChart as ExposureCard } from './exposure-chart';
import type { Selection } from './selection';
import { useChartAnalysis, useComputeAhead } from './chart-analysis';
import { useCardsInView, useFrameLate } from './use-cards-in-view';
import './charts.css';

export type DealFilter = { label: string; ids: number[] };

// Each card redraws only when its props change (Recharts' work per redraw is most of a scenario switch's).
const CommitmentsChart = memo(CommitmentsCard);
const ExposureChart = memo(ExposureCard);
const RecipientsChart = memo(RecipientsCard);
const CircularityPanel = memo(CircularityCard);
const NetworkView = memo(NetworkCard);

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
  /** Scenarios the window may switch to next, whose numbers are computed ahead in idle time (default none). */
  ahead?: readonly Scenario[];
};

const NONE: readonly Scenario[] = [];

/**
 * Commitments, exposure, circularity and the network for the rows the grid shows. Everything is derived from
 * `rows` with the shared aggregate functions, kept per rows array and scenario, so re-sending rows after an edit or
 * filter recomputes once and nothing else is stored here but the analyst's selection. A scenario switch updates
 * the cards on screen in the frame that shows it, and the cards scrolled out of view right after that frame.
 */
export function ChartsPanel({ rows: latestRows, all, scenario, compare, parties, theme, onFilterDeals, filterLabel, ahead = NONE }: Props): JSX.Element {
  // On a big book the aggregates take a moment; deferring lets the grid paint an edit first, charts right after.
  const rows = useDeferredValue(latestRows);
  const colors = chartColors(theme);
  const [selection, setSelection] = useState<{ key: string; label: string } | null>(null);

  // Once per rows version and scenario, whichever cards ask.
  const analysis = useChartAnalysis(all, rows, parties);
  useComputeAhead(analysis, ahead);
  const aheadContexts = useMemo(() => ahead.map((s) => analysis.context(s)), [ahead, analysis.context]);
  const cards = useRef<HTMLDivElement>(null);
  const inView = useCardsInView(cards);
  const now = useMemo(() => ({ scenario, compare }), [scenario, compare]);
  // Cards off screen follow a switch right after the frame that shows it on the cards in view.
  const late = useFrameLate(now);
  const shownIn = (card: string) => (inView(card) ? now : late);
  const views = {
    commitments: shownIn('chart-commitments'),
    exposure: shownIn('chart-exposure'),
    recipients: shownIn('chart-recipients'),
    circularity: shownIn('circularity'),
    network: shownIn('chart-network'),
  };
  const exposure = analysis.aggregates(views.exposure.scenario).exposure;
  const comparedExposure = views.exposure.compare ? analysis.aggregates(views.exposure.compare).exposure : null;
  const recipients = analysis.aggregates(views.recipients.scenario).recipients;
  const comparedRecipients = views.recipients.compare ? analysis.aggregates(views.recipients.compare).recipients : null;
  const pairs = analysis.aggregates(views.circularity.scenario).pairs;
  const comparedPairs = views.circularity.compare ? analysis.aggregates(views.circularity.compare).pairs : null;
  const search = analysis.cycles(views.circularity.scenario);
  const comparedCycles = views.circularity.compare ? analysis.cycles(views.circularity.compare).cycles : null;
  const net = views.network;
  const netCycles = analysis.cycles(net.scenario).cycles;

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

  // One function for the panel's life (it reads the selection at the click), so the memoized cards below re-render
  // only when their own numbers change: a scenario switch redraws the cards on screen, not every card.
  const selectionNow = useRef(selection);
  selectionNow.current = selection;
  const select = useCallback((s: Selection) => {
    if (selectionNow.current?.key === s.key) {
      setSelection(null);
      onFilterDeals(null);
    } else {
      setSelection({ key: s.key, label: s.label });
      onFilterDeals({ label: s.label, ids: s.ids });
    }
  }, [onFilterDeals]);
  const clear = () => {
    setSelection(null);
    onFilterDeals(null);
  };

  const selectedKey = selection?.key ?? null;
  // Every number below depends on the scenario: the window (and each export) says which.
  const inForceOf = (v: typeof now) => (v.compare ? `Scenario ${v.scenario.name}, compared with ${v.compare.name}` : `Scenario ${v.scenario.name}`);
  const inForce = inForceOf(now);
  const notes = {
    commitments: inForceOf(views.commitments),
    exposure: inForceOf(views.exposure),
    recipients: inForceOf(views.recipients),
    circularity: inForceOf(views.circularity),
    network: inForceOf(net),
  };
  const networkLegend = [
    { label: 'Investor (area = exposure)', color: colors.cash, shape: 'circle' as const },
    { label: 'Other party', color: colors.other, shape: 'circle' as const },
    { label: 'Flow on a listed cycle', color: colors.highlight, shape: 'line' as const },
    { label: 'Other flow (width = amount)', color: colors.axis, shape: 'line' as const },
    ...(net.compare ? [
      { label: `Exposure under ${net.compare.name} (compared)`, color: colors.text, shape: 'ring' as const },
      { label: `Flow only under ${net.compare.name}`, color: colors.muted, shape: 'dash' as const },
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
      <div ref={cards} className="charts-grid">
        <CommitmentsChart deals={rows} colors={colors} context={analysis.context(views.commitments.scenario)} scenarioName={views.commitments.scenario.name}
          scenarioNote={notes.commitments} compare={views.commitments.compare ? analysis.context(views.commitments.compare) : null}
          compareName={views.commitments.compare?.name ?? null} ahead={aheadContexts} />
        <ExposureChart deals={rows} exposure={exposure} compared={comparedExposure} compareName={views.exposure.compare?.name ?? null}
          scenarioName={views.exposure.scenario.name} scenarioNote={notes.exposure} colors={colors} selectedKey={selectedKey} onSelect={select} />
        <RecipientsChart deals={rows} recipients={recipients} compared={comparedRecipients} compareName={views.recipients.compare?.name ?? null}
          scenarioName={views.recipients.scenario.name} scenarioNote={notes.recipients} colors={colors} selectedKey={selectedKey} onSelect={select} />
        <section className="charts-card" data-testid="circularity" aria-label="Circularity">
          <header className="charts-card-head">
            <h3>Circularity</h3>
          </header>
          <p className="charts-card-note" data-testid="circularity-scenario" title={`${notes.circularity}. Where invested money comes back to the investor.`}>
            {notes.circularity}. Where invested money comes back to the investor.
          </p>
          <div className="charts-card-body">
            <CircularityPanel pairs={pairs} compared={comparedPairs} scenario={views.circularity.scenario.name} compareName={views.circularity.compare?.name ?? null}
              cycles={search.cycles} comparedCycles={comparedCycles} complete={search.complete} selectedKey={selectedKey} onSelect={select} />
          </div>
        </section>
        <ChartFrame testId="chart-network" title="Money-flow network" fileName="network"
          note={`${notes.network}. Parties sized by exposure, arrows by amount, flows on listed cycles highlighted. Click an arrow to filter.`}
          look={{ title: `Money-flow network (${notes.network})`, background: colors.background, text: colors.text, legend: networkLegend }}>
          <NetworkView edges={analysis.edges(net.scenario)} exposure={analysis.aggregates(net.scenario).exposure} cycles={netCycles}
            compared={net.compare ? analysis.flows(net.compare) : null} colors={colors} selectedKey={selectedKey} onSelect={select} />
        </ChartFrame>
      </div>
    </div>
  );
}
