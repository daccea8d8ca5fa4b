import { useEffect, useRef } from 'react';

export type ShortcutActions = { undo: () => void; redo: () => void; find: () => void; addDeal: () => void };

/** Typing in a text field keeps the field's own undo and keys. */
export function isTextEntry(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  return target instanceof HTMLInputElement && !['checkbox', 'radio', 'button', 'submit', 'file'].includes(target.type);
}

/** The key, if any, that a keydown means: undo (Ctrl+Z), redo (Ctrl+Shift+Z, Ctrl+Y), find (Ctrl+F), add (Alt+N). */
export function shortcutOf(e: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey'>): keyof ShortcutActions | null {
  const key = e.key.toLowerCase();
  if (e.altKey && !e.ctrlKey && !e.metaKey) return key === 'n' || e.key === '\u02DC' ? 'addDeal' : null;
  if (!(e.ctrlKey || e.metaKey) || e.altKey) return null;
  if (key === 'z') return e.shiftKey ? 'redo' : 'undo';
  if (key === 'y' && !e.shiftKey) return 'redo';
  if (key === 'f' && !e.shiftKey) return 'find';
  return null;
}

/** Window-wide keys of the app; the latest actions are always used without re-subscribing. */
export function useShortcuts(actions: ShortcutActions): void {
  const latest = useRef(actions);
  latest.current = actions;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const action = shortcutOf(e);
      if (!action) return;
      if (action !== 'find' && isTextEntry(e.target)) return;
      e.preventDefault();
      latest.current[action]();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
