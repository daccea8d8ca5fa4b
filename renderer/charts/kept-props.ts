import { memo, useMemo } from 'react';
import { CartesianGrid } from 'recharts';
import { niceTicks } from './chart-data';

// Recharts compares most props of its axes, bars and lines before redrawing them (arrays and functions by identity),
// and an axis whose props changed also replaces its settings in the chart's store, which runs every selector of the
// chart again. A scenario switch changes the numbers, rarely the ticks: these keep the props a switch leaves alone.

/** niceTicks(max), the same array while the ticks are the same numbers. */
export function useTicks(max: number): number[] {
  const ticks = niceTicks(max);
  const key = ticks.join(' ');
  // Keyed on the values, not on the new array.
  return useMemo(() => ticks, [key]);
}

/** The grid lines read their positions from the chart's store; their props (colour, which lines) rarely change. */
export const KeptGrid = memo(CartesianGrid);
