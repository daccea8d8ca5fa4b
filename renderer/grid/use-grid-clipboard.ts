import { useEffect, type RefObject } from 'react';
import type { GridApi } from 'ag-grid-community';
import type { DealRow } from '../../shared/model/deal';
import type { BookSession } from '../book/session';
import { copySelection, pasteBlock } from './clipboard-actions';
import type { GridEditing } from './grid-editing';
import type { RangeSelection } from './range-selection';

/**
 * Copy and paste for the grid (AG Grid keeps its clipboard in Enterprise). With no text selected, the events
 * reach the document, not the grid: listen there and act only when focus is in the grid and no cell editor is
 * open (an editor handles its own clipboard).
 */
export function useGridClipboard(
  api: GridApi<DealRow> | null,
  session: BookSession,
  editing: GridEditing,
  range: RangeSelection,
  root: RefObject<HTMLDivElement | null>,
): void {
  useEffect(() => {
    if (!api) return;
    const inGrid = () => {
      const active = document.activeElement;
      return Boolean(root.current && active && root.current.contains(active)) && api.getEditingCells().length === 0;
    };
    const onPaste = (e: ClipboardEvent) => {
      if (!inGrid() || e.target instanceof HTMLInputElement || e.target instanceof HTMLTextAreaElement) return;
      e.preventDefault();
      void pasteBlock(session, api, e.clipboardData?.getData('text/plain') ?? '', {
        today: editing.today(),
        onAddedFromDraft: () => editing.discardDraft(),
      });
    };
    const onCopy = (e: ClipboardEvent) => {
      if (!inGrid() || !e.clipboardData) return;
      const text = copySelection(api, range);
      if (text === null) return;
      e.preventDefault();
      e.clipboardData.setData('text/plain', text);
    };
    document.addEventListener('paste', onPaste);
    document.addEventListener('copy', onCopy);
    return () => {
      document.removeEventListener('paste', onPaste);
      document.removeEventListener('copy', onCopy);
    };
  }, [api, session, editing, range, root]);
}
