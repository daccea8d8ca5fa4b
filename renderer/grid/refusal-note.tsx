import { useLayoutEffect, useRef, useState } from 'react';
import type { Refusal } from './grid-context';

/**
 * Why the text in the editor was refused (or kept through a reload), beside the editor until the analyst fixes it
 * or gives up (Escape). Below the cell, or above it when the grid's body would cut it off there (a cell near the
 * bottom of a short grid, e.g. a small window with the charts pane open) and there is more room above.
 */
export function RefusalNote({ refusal }: { refusal: Refusal | null }) {
  const note = useRef<HTMLDivElement>(null);
  const [above, setAbove] = useState(false);
  useLayoutEffect(() => {
    const el = note.current;
    const body = el?.closest('.ag-grid-viewport') ?? el?.closest('.ag-root-wrapper');
    const cell = el?.closest('.ag-cell');
    // Only the note that hangs below its cell (in the party and choice editors it sits inside their popup).
    if (!el || !body || !cell || getComputedStyle(el).position !== 'absolute') return;
    const [box, at, own] = [body.getBoundingClientRect(), cell.getBoundingClientRect(), el.getBoundingClientRect()];
    setAbove(at.bottom + own.height > box.bottom && at.top - box.top > box.bottom - at.bottom);
  }, [refusal]);
  if (!refusal) return null;
  return (
    <div ref={note} className={above ? 'cell-refusal above' : 'cell-refusal'} role="alert" data-testid="cell-refusal">
      {refusal.reason}
    </div>
  );
}
