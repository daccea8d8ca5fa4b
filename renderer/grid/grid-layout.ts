import type { GridState } from 'ag-grid-community';
import { COLUMN_SPECS } from './columns';

export { LAYOUT_KEY } from '../book/window-settings';

/** The parts of the grid state worth keeping: widths, order, visibility, pinning, sort and filters. */
export type GridLayout = Pick<GridState, 'columnSizing' | 'columnOrder' | 'columnVisibility' | 'columnPinning' | 'sort' | 'filter'>;

/** No grid sort until the analyst picks one: rows come newest first (see row-order.ts). */
export const DEFAULT_LAYOUT: GridLayout = {};

/** Whether the grid will sort the rows itself (a stored sort), so ordering them beforehand is wasted. */
export function sortsRows(layout: GridLayout): boolean {
  return (layout.sort?.sortModel.length ?? 0) > 0;
}

export function pickLayout(state: GridState): GridLayout {
  const { columnSizing, columnOrder, columnVisibility, columnPinning, sort, filter } = state;
  return {
    ...(columnSizing ? { columnSizing } : {}),
    ...(columnOrder ? { columnOrder } : {}),
    ...(columnVisibility ? { columnVisibility } : {}),
    ...(columnPinning ? { columnPinning } : {}),
    ...(sort ? { sort } : {}),
    ...(filter ? { filter } : {}),
  };
}

const KNOWN = new Set<string>(COLUMN_SPECS.map((c) => c.colId));

/**
 * A stored layout, or the default when there is none or it cannot be read. Column ids the grid no longer has are
 * dropped so an old layout never hides a new column.
 */
export function readLayout(text: string | null): GridLayout {
  if (!text) return DEFAULT_LAYOUT;
  try {
    const parsed: unknown = JSON.parse(text);
    if (!parsed || typeof parsed !== 'object') return DEFAULT_LAYOUT;
    const layout = pickLayout(parsed as GridState);
    if (layout.columnOrder) {
      const order = layout.columnOrder.orderedColIds.filter((id) => KNOWN.has(id) || id.startsWith('ag-Grid-'));
      const missing = [...KNOWN].filter((id) => !order.includes(id));
      layout.columnOrder = { orderedColIds: [...order, ...missing] };
    }
    return layout;
  } catch {
    return DEFAULT_LAYOUT;
  }
}

/** Calls save with the latest value once things have been quiet for `ms`; flush() saves a pending value now. */
export function debounce<T>(save: (value: T) => void, ms: number): { push: (value: T) => void; flush: () => void } {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let pending: { value: T } | null = null;
  const flush = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    if (pending) save(pending.value);
    pending = null;
  };
  return {
    push: (value) => {
      pending = { value };
      if (timer) clearTimeout(timer);
      timer = setTimeout(flush, ms);
    },
    flush,
  };
}
