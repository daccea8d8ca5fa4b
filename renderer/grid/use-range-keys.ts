import { useEffect, type RefObject } from 'react';
import type { RangeSelection } from './range-selection';

const MODIFIERS = new Set(['Shift', 'Control', 'Alt', 'Meta', 'AltGraph', 'CapsLock']);

/**
 * Whether a key press makes the next focus move stretch the range, or `undefined` to leave that as it is.
 * A modifier pressed alone says nothing: the grid may move its focus for the previous arrow after the next key's
 * Shift goes down, and that move must still stretch (or not) as its own arrow said.
 */
export function keyExtendsRange(e: Pick<KeyboardEvent, 'key' | 'shiftKey'>): boolean | undefined {
  if (MODIFIERS.has(e.key)) return undefined;
  // Shift+Tab moves the focus with Shift held too, but only arrows and clicks stretch a range.
  return e.shiftKey && e.key.startsWith('Arrow');
}

/** Whether the key or click that is about to move the grid's focus holds Shift (so it stretches the range). */
export function useRangeKeys(range: RangeSelection, root: RefObject<HTMLDivElement | null>): void {
  useEffect(() => {
    const host = root.current;
    if (!host) return;
    const onKey = (e: KeyboardEvent) => {
      const extends_ = keyExtendsRange(e);
      if (extends_ !== undefined) range.extending = extends_;
    };
    const onMouse = (e: MouseEvent) => void (range.extending = e.shiftKey);
    host.addEventListener('keydown', onKey, true);
    host.addEventListener('mousedown', onMouse, true);
    return () => {
      host.removeEventListener('keydown', onKey, true);
      host.removeEventListener('mousedown', onMouse, true);
    };
  }, [range, root]);
}
