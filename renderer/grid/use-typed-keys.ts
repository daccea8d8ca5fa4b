import { useEffect, useMemo, useRef, type RefObject } from 'react';
import type { GridApi } from 'ag-grid-community';
import type { DealRow } from '../../shared/deal';
import { COMMIT_KEYS } from './start-text';

const OUR_EDITORS = new Set(['partyEditor', 'textEditor']);

/**
 * Between the key that opens one of our (React) editors and that editor taking focus, further keys land on the
 * cell and would be lost, or move focus away. Keep them, in order, for the editor to take
 * (GridContext.takeTypedKeys): up to and including the first key that ends the edit.
 */
export function useTypedKeys(api: GridApi<DealRow> | null, root: RefObject<HTMLDivElement | null>): () => string[] {
  const keys = useRef<string[]>([]);

  useEffect(() => {
    const host = root.current;
    if (!api || !host) return;
    const editorPending = () => {
      const editing = api.getEditingCells()[0];
      const active = document.activeElement;
      if (!editing || !(active instanceof HTMLElement) || !active.classList.contains('ag-cell')) return false;
      return OUR_EDITORS.has(String(api.getColumn(editing.colId)?.getColDef().cellEditor));
    };
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || !editorPending()) return;
      const key = e.key === 'Tab' && e.shiftKey ? 'Shift+Tab' : e.key;
      if (key.length !== 1 && key !== 'Backspace' && !COMMIT_KEYS.has(key)) return;
      keys.current.push(key);
      e.preventDefault();
      e.stopPropagation();
    };
    // A click starts something new: keys from before it no longer belong to any editor.
    const forget = () => void keys.current.splice(0);
    host.addEventListener('keydown', onKeyDown, true);
    host.addEventListener('pointerdown', forget, true);
    return () => {
      host.removeEventListener('keydown', onKeyDown, true);
      host.removeEventListener('pointerdown', forget, true);
    };
  }, [api, root]);

  return useMemo(
    () => () => {
      const end = keys.current.findIndex((k) => COMMIT_KEYS.has(k));
      return keys.current.splice(0, end === -1 ? keys.current.length : end + 1);
    },
    [],
  );
}
