import { useEffect, type RefObject } from 'react';
import type { RangeSelection } from './range-selection';

/** Whether the key or click that is about to move the grid's focus holds Shift (so it stretches the range). */
export function useRangeKeys(range: RangeSelection, root: RefObject<HTMLDivElement | null>): void {
  useEffect(() => {
    const host = root.current;
    if (!host) return;
    // Shift+Tab moves the focus with Shift held too, but only arrows and clicks stretch a range.
    const onKey = (e: KeyboardEvent) => void (range.extending = e.shiftKey && e.key.startsWith('Arrow'));
    const onMouse = (e: MouseEvent) => void (range.extending = e.shiftKey);
    host.addEventListener('keydown', onKey, true);
    host.addEventListener('mousedown', onMouse, true);
    return () => {
      host.removeEventListener('keydown', onKey, true);
      host.removeEventListener('mousedown', onMouse, true);
    };
  }, [range, root]);
}
