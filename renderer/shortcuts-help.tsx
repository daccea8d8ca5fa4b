import { useEffect, useRef } from 'react';
import { GRID_KEYS, HELP_ORDER, keyText, type Commands } from './commands/registry';

/** The keyboard shortcuts, read from the command registry (and the grid's own keys), in a dialog. */
export function ShortcutsHelp({ commands, onClose }: { commands: Commands; onClose: () => void }) {
  const close = useRef<HTMLButtonElement>(null);
  useEffect(() => close.current?.focus(), []);
  const rows = HELP_ORDER.map((id) => commands[id]).filter((c) => c.keys.length > 0);
  return (
    <div className="modal-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div
        className="modal shortcuts-help"
        role="dialog"
        aria-modal="true"
        aria-label="Keyboard shortcuts"
        data-testid="shortcuts-help"
        onKeyDown={(e) => {
          if (e.key === 'Escape' || e.key === '?') {
            e.preventDefault();
            e.stopPropagation();
            onClose();
          }
        }}
      >
        <h2>Keyboard shortcuts</h2>
        <table>
          <tbody>
            {rows.map((c) => (
              <tr key={c.id} data-command={c.id}>
                <td>{c.keys.map((k) => <kbd key={keyText(k)}>{keyText(k)}</kbd>)}</td>
                <td>{c.label}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <h3>In the grid</h3>
        <table>
          <tbody>
            {GRID_KEYS.map(([keys, what]) => (
              <tr key={keys}>
                <td><kbd>{keys}</kbd></td>
                <td>{what}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <div className="modal-actions">
          <button type="button" ref={close} onClick={onClose}>Close</button>
        </div>
      </div>
    </div>
  );
}
