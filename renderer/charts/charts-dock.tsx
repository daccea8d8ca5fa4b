import { lazy, memo, Suspense, useEffect, useMemo, useRef, useState, type PointerEvent } from 'react';
import type { GridApi } from 'ag-grid-community';
import type { DealRow } from '../../shared/model/deal';
import type { Scenario } from '../../shared/model/scenario';
import type { BookSession } from '../book/session';
import { scenariosAhead } from '../book/scenario-control';
import type { ThemeName } from '../grid/themes';

export type DealFilter = { label: string; ids: number[] };

// Loaded on first open: the charts (and their chart library) stay out of the way of opening the book.
const ChartsPanel = lazy(() => import('./charts-panel').then((m) => ({ default: m.ChartsPanel })));

type Props = {
  /** The grid, only to know when it has drawn its first rows; the rows come from the session. */
  api: GridApi<DealRow> | null;
  session: BookSession;
  /** Changes whenever the rows shown change (edits, filters), so the charts follow the grid. */
  rowsVersion: number;
  theme: ThemeName;
  filterLabel: string | null;
  onFilterDeals: (filter: DealFilter | null) => void;
};

/**
 * The collapsible bottom pane that hosts the charts and circularity panels (renderer/charts, built apart from
 * the grid). It gets exactly the rows the grid shows; the drag handle on top sets its height. Memoized: the
 * window re-renders on every save's status (saving, saved), and redrawing the charts each time would hold up the
 * grid's own update of the edited cell (about 100 ms at 100k deals).
 */
export const ChartsDock = memo(function ChartsDock({ api, session, rowsVersion, theme, filterLabel, onFilterDeals }: Props) {
  const [height, setHeight] = useState(() => Math.round(window.innerHeight * 0.45));
  const drag = useRef<{ y: number; height: number } | null>(null);
  // rowsVersion says when the session's rows changed.
  const rows = useMemo(() => (api ? session.shownRows() : []), [api, session, rowsVersion]);
  // Pair-level values come from every counted row of the pair, shown or not (spec "Aggregates", v2).
  const all = useMemo(() => (api ? session.allRows() : []), [api, session, rowsVersion]);
  // A scenario switch, a compare choice and a parent change each bump rowsVersion (session.scenarioShown).
  const scenario = useMemo(() => session.scenarios.current(), [session, rowsVersion]);
  const compare = useMemo(() => session.scenarios.compared(), [session, rowsVersion]);
  // The same array until the parties change: every chart's scenario context (and what it memoizes) is keyed on it.
  const partyList = useMemo(() => session.store.get().parties, [session, rowsVersion]);
  const parties = useMemo(() => partyList.map((p) => ({ name: p.name, parent: p.parent })), [partyList]);
  const gridShown = useGridShown(api);
  // The same array while the same scenarios are ahead, so the memoized cards given it do not redraw for a new one.
  const aheadBefore = useRef<Scenario[]>([]);
  const ahead = useMemo(() => {
    const { scenarios, scenario: shown, compare: compared } = session.store.get();
    const next = scenariosAhead(scenarios, shown, compared);
    const before = aheadBefore.current;
    return next.length === before.length && next.every((s, i) => s === before[i]) ? before : (aheadBefore.current = next);
  }, [session, rowsVersion]);

  const onPointerDown = (e: PointerEvent<HTMLDivElement>) => {
    drag.current = { y: e.clientY, height };
    e.currentTarget.setPointerCapture(e.pointerId);
  };
  const onPointerMove = (e: PointerEvent<HTMLDivElement>) => {
    if (!drag.current) return;
    const next = drag.current.height + (drag.current.y - e.clientY);
    setHeight(Math.min(Math.max(160, next), window.innerHeight - 200));
  };

  return (
    <section className="charts-pane" data-testid="charts-pane" style={{ height }}>
      <div
        className="splitter"
        role="separator"
        aria-orientation="horizontal"
        aria-label="Resize the charts"
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={() => (drag.current = null)}
      />
      <div className="charts-scroll">
        {gridShown ? (
          <Suspense fallback={<div className="loading">Loading charts...</div>}>
            <ChartsPanel rows={rows} all={all} scenario={scenario} compare={compare} parties={parties} theme={theme} onFilterDeals={onFilterDeals} filterLabel={filterLabel} ahead={ahead} />
          </Suspense>
        ) : (
          <div className="loading">Loading charts...</div>
        )}
      </div>
    </section>
  );
});

// In case the grid's first-rows event never comes: the charts still appear, a second late at most.
const GRID_SHOWN_FALLBACK_MS = 1000;

/**
 * Whether the grid has drawn its first rows. The charts (their code and their numbers) wait for it, so opening a
 * book shows the deals first and the charts a moment later, instead of both competing for the same moment.
 */
function useGridShown(api: GridApi<DealRow> | null): boolean {
  const [shown, setShown] = useState(false);
  useEffect(() => {
    if (!api || shown) return;
    const done = () => setShown(true);
    // No rows to draw first (an empty book, or everything filtered out): nothing to wait for.
    if (api.getDisplayedRowCount() === 0) return done();
    const timer = setTimeout(done, GRID_SHOWN_FALLBACK_MS);
    api.addEventListener('firstDataRendered', done);
    // Rows drawn before this effect ran (a reopened pane) have already fired the event.
    if (api.getRenderedNodes().length > 0) done();
    return () => {
      clearTimeout(timer);
      if (!api.isDestroyed()) api.removeEventListener('firstDataRendered', done);
    };
  }, [api, shown]);
  return shown;
}
