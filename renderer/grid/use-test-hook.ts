import { useEffect, type RefObject } from 'react';
import type { GridApi } from 'ag-grid-community';
import type { DealRow } from '../../shared/model/deal';

/**
 * Columns are drawn only while in view (column virtualisation: opening a big book draws far fewer cells). A
 * browser test brings one into view the way the app itself does, by asking the grid: it dispatches
 * `dealbook:show-column` (detail: the column id) on the grid's element. Nothing else listens for it.
 */
export function useTestHook(api: GridApi<DealRow> | null, root: RefObject<HTMLDivElement | null>): void {
  useEffect(() => {
    const host = root.current;
    if (!api || !host) return;
    const show = (e: Event) => {
      const colId = (e as CustomEvent<unknown>).detail;
      if (typeof colId === 'string' && api.getColumn(colId)) api.ensureColumnVisible(colId);
    };
    host.addEventListener('dealbook:show-column', show);
    return () => host.removeEventListener('dealbook:show-column', show);
  }, [api, root]);
}
