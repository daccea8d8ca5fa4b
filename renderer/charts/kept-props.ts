import { memo, useLayoutEffect, useMemo, useRef } from 'react';
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

/**
 * `value` as of the last render, for a callback kept the same across renders (an axis's tick renderer): a switch
 * hands Recharts new data, the axis redraws its ticks from the chart's store after that render, and the ticks read
 * the new rows here. Set in a layout effect, before the chart's store takes the new data (a passive effect).
 */
export function useLatest<T>(value: T): { readonly current: T } {
  const ref = useRef(value);
  useLayoutEffect(() => {
    ref.current = value;
  });
  return ref;
}
