import { useEffect, useRef, useState, type RefObject } from 'react';
import { CELL_MENU, keyText, type Commands } from '../commands/registry';

type Place = { x: number; y: number };

/**
 * The cells' context menu (AG Grid keeps its own in Enterprise): the registry's commands, enabled as the toolbar's
 * are. A right click focuses the cell first, so the commands act on the cell the analyst pointed at.
 */
export function CellMenu({ commands, host }: { commands: Commands; host: RefObject<HTMLDivElement | null> }) {
  const [place, setPlace] = useState<Place | null>(null);
  const menu = useRef<HTMLUListElement>(null);
  const target = useRef<HTMLElement | null>(null);

  useEffect(() => {
    const el = host.current;
    if (!el) return;
    const open = (e: MouseEvent) => {
      const cell = e.target instanceof Element ? e.target.closest('.ag-cell') : null;
      if (!cell) return;
      e.preventDefault();
      target.current = cell as HTMLElement;
      target.current.click();
      setPlace({ x: Math.min(e.clientX, window.innerWidth - 220), y: Math.min(e.clientY, window.innerHeight - 260) });
    };
    el.addEventListener('contextmenu', open);
    return () => el.removeEventListener('contextmenu', open);
  }, [host]);

  useEffect(() => {
    if (!place) return;
    menu.current?.querySelector<HTMLButtonElement>('button:not(:disabled)')?.focus();
    const close = (e: Event) => {
      if (e instanceof KeyboardEvent ? e.key === 'Escape' : !(e.target instanceof Node && menu.current?.contains(e.target))) setPlace(null);
    };
    document.addEventListener('pointerdown', close, true);
    document.addEventListener('keydown', close, true);
    window.addEventListener('blur', close);
    return () => {
      document.removeEventListener('pointerdown', close, true);
      document.removeEventListener('keydown', close, true);
      window.removeEventListener('blur', close);
    };
  }, [place]);

  if (!place) return null;
  return (
    <ul className="cell-menu" role="menu" data-testid="cell-menu" ref={menu} style={{ left: place.x, top: place.y }}>
      {CELL_MENU.map((id, i) => {
        if (id === null) return <li key={`sep-${i}`} role="separator" />;
        const command = commands[id];
        if (command.hidden) return null;
        return (
          <li key={id} role="none">
            <button
              type="button"
              role="menuitem"
              data-command={id}
              disabled={!command.enabled}
              onClick={() => {
                setPlace(null);
                // Back to the cell, so copy and paste act on it as the keys would.
                target.current?.focus();
                command.run();
              }}
            >
              <span>{command.label}</span>
              {command.keys[0] && <span className="menu-key">{keyText(command.keys[0])}</span>}
            </button>
          </li>
        );
      })}
    </ul>
  );
}
