import { useEffect, useRef } from 'react';
import { MENU_COMMANDS } from '../shared/protocol/desktop-api';
import { commandForKey, type Commands } from './commands/registry';
import { useMenuCommands, type MenuHandlers } from './desktop/use-menu-commands';

/** Typing in a text field keeps the field's own undo and keys. */
export function isTextEntry(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  return target instanceof HTMLInputElement && !['checkbox', 'radio', 'button', 'submit', 'file'].includes(target.type);
}

/**
 * The window's keys and the desktop menu, both from the command registry; the latest commands are always used
 * without re-subscribing. Keys are caught before the grid sees them, so `?` on a cell opens the help instead of
 * starting an edit with a question mark.
 */
export function useShortcuts(commands: Commands): void {
  const latest = useRef(commands);
  latest.current = commands;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const command = commandForKey(Object.values(latest.current), e);
      if (!command) return;
      if (!command.inText && isTextEntry(e.target)) return;
      e.preventDefault();
      e.stopPropagation();
      if (command.enabled) command.run();
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, []);

  const handlers = Object.fromEntries(MENU_COMMANDS.map((id) => [id, () => latest.current[id].run()])) as MenuHandlers;
  useMenuCommands(handlers);
}
