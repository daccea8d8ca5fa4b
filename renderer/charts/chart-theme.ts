import type { DealKind } from '../../shared/model/deal';

export type ThemeName = 'light' | 'dark';

/** Every colour a chart draws with, so light and dark differ only here. */
export type ChartColors = {
  background: string;
  surface: string;
  text: string;
  muted: string;
  grid: string;
  axis: string;
  border: string;
  tooltip: string;
  kinds: Record<DealKind, string>;
  /** Stacked series beyond the kinds (top investors); `other` is the folded rest. */
  series: readonly string[];
  other: string;
  cash: string;
  credit: string;
  investedOther: string;
  infrastructure: string;
  returned: string;
  cumulative: string;
  highlight: string;
  selection: string;
  brushFill: string;
};

// Okabe-Ito based hues, which stay distinguishable for the common colour-vision deficiencies; the dark set is
// lifted in lightness so it keeps its contrast on a near-black background.
const LIGHT: ChartColors = {
  background: '#ffffff',
  surface: '#f6f7f9',
  text: '#1f2328',
  muted: '#59636e',
  grid: '#e3e6ea',
  axis: '#8c959f',
  border: '#d0d7de',
  tooltip: '#ffffff',
  kinds: { investment: '#0072b2', purchase: '#e69f00', infrastructure: '#009e73' },
  series: ['#0072b2', '#e69f00', '#009e73', '#cc79a7', '#56b4e9', '#d55e00', '#8a6d00', '#6a3d9a', '#1b9e9e', '#b2182b', '#4d7c0f', '#7c3aed'],
  other: '#9aa3ad',
  cash: '#0072b2',
  credit: '#56b4e9',
  investedOther: '#cc79a7',
  infrastructure: '#009e73',
  returned: '#d55e00',
  cumulative: '#1f2328',
  highlight: '#d55e00',
  selection: '#fff3c4',
  brushFill: '#f0f2f5',
};

const DARK: ChartColors = {
  background: '#16191d',
  surface: '#1e2227',
  text: '#e6e8eb',
  muted: '#a3acb6',
  grid: '#2d333b',
  axis: '#6e7781',
  border: '#3a414a',
  tooltip: '#22272e',
  kinds: { investment: '#4aa8e0', purchase: '#f2b640', infrastructure: '#2fc79a' },
  series: ['#4aa8e0', '#f2b640', '#2fc79a', '#e391c0', '#8fd0f5', '#ff8a4c', '#d9c25a', '#b69cf0', '#4fd1d1', '#f07178', '#9bd46a', '#a78bfa'],
  other: '#7d8792',
  cash: '#4aa8e0',
  credit: '#8fd0f5',
  investedOther: '#e391c0',
  infrastructure: '#2fc79a',
  returned: '#ff8a4c',
  cumulative: '#e6e8eb',
  highlight: '#ff8a4c',
  selection: '#4a3f12',
  brushFill: '#1e2227',
};

export function chartColors(theme: ThemeName): ChartColors {
  return theme === 'dark' ? DARK : LIGHT;
}

/** The colour of the i-th stacked series; the folded rest is always grey. */
export function seriesColor(colors: ChartColors, index: number, isOther: boolean): string {
  return isOther ? colors.other : colors.series[index % colors.series.length]!;
}
