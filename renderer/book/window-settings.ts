import { LAYOUT_KEY } from '../grid/grid-layout';

/** The book setting that remembers whether the charts pane is open. Unset (a new book): open. */
export const CHARTS_KEY = 'view.charts.v1';

/** The settings a window starts from, asked for together with the deals (see initial-load.ts). */
export const WINDOW_SETTING_KEYS = [LAYOUT_KEY, CHARTS_KEY] as const;

export function chartsOpenFrom(value: string | null): boolean {
  return value !== 'closed';
}

export function chartsSetting(open: boolean): string {
  return open ? 'open' : 'closed';
}
