import { useEffect, useRef, useState } from 'react';
import type { GridApi } from 'ag-grid-community';
import type { DealRow } from '../shared/model/deal';
import { COLUMN_SPECS } from './grid/columns';

/** About the menu's width (its ids column included): an anchor closer than this to the left edge opens it rightwards. */
const MENU_WIDTH = 360;

type Props = { api: GridApi<DealRow> | null; onReset: () => void };

/**
 * Show or hide columns (AG Grid's column chooser is Enterprise). Order and widths change by dragging headers;
 * all of it is kept in the book with the rest of the layout.
 */
export function ColumnsMenu({ api, onReset }: Props) {
  const [open, setOpen] = useState(false);
  // Opened near the window's left edge (the toolbar wrapped it onto a line start), the menu opens rightwards.
  const [openRight, setOpenRight] = useState(false);
  const [visible, setVisible] = useState<Record<string, boolean>>({});
  const root = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open || !api) return;
    setVisible(Object.fromEntries(COLUMN_SPECS.map((c) => [c.colId, api.getColumn(c.colId)?.isVisible() ?? true])));
    const close = (e: Event) => {
      const outside = e.target instanceof Node && !root.current?.contains(e.target);
      if (e instanceof KeyboardEvent ? e.key === 'Escape' : outside) setOpen(false);
    };
    document.addEventListener('pointerdown', close);
    document.addEventListener('keydown', close);
    return () => {
      document.removeEventListener('pointerdown', close);
      document.removeEventListener('keydown', close);
    };
  }, [open, api]);

  const toggle = (colId: string, show: boolean) => {
    api?.setColumnsVisible([colId], show);
    setVisible((v) => ({ ...v, [colId]: show }));
  };

  return (
    <div className="menu-anchor" ref={root}>
      <button type="button" data-testid="columns-menu" aria-expanded={open} onClick={() => {
          setOpenRight((root.current?.getBoundingClientRect().right ?? Infinity) < MENU_WIDTH);
          setOpen((o) => !o);
        }} disabled={!api}>
        Columns
      </button>
      {open && (
        <div className={openRight ? 'menu menu-rightwards' : 'menu'} role="menu" aria-label="Columns">
          {COLUMN_SPECS.map((c) => (
            <label key={c.colId} className="menu-item" data-col={c.colId}>
              <input type="checkbox" checked={visible[c.colId] ?? true} onChange={(e) => toggle(c.colId, e.target.checked)} />
              {c.header}
              <span className="muted menu-key">{c.colId}</span>
            </label>
          ))}
          <div className="menu-sep" />
          <button
            type="button"
            className="menu-item"
            data-testid="reset-columns"
            onClick={() => {
              onReset();
              setOpen(false);
            }}
          >
            Reset columns, sort and filters
          </button>
        </div>
      )}
    </div>
  );
}
