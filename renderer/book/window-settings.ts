// Kept free of the grid's code: the window's first code reads these keys before the UI has loaded.

/** The book setting holding the grid layout; stored in the book so each book keeps its own. */
export const LAYOUT_KEY = 'grid.layout.v1';

/** The book setting that remembers whether the charts pane is open. Unset (a new book): open. */
export const CHARTS_KEY = 'view.charts.v1';

/** The settings a window starts from, asked for together with the deals (see initial-load.ts). */
/** The book setting naming the scenario the window shows (unset: Base). */
export const SCENARIO_KEY = 'view.scenario.v1';

export const WINDOW_SETTING_KEYS = [LAYOUT_KEY, CHARTS_KEY, SCENARIO_KEY] as const;

export function chartsOpenFrom(value: string | null): boolean {
  return value !== 'closed';
}

export function chartsSetting(open: boolean): string {
  return open ? 'open' : 'closed';
}
