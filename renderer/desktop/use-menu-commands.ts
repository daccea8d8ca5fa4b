import { useEffect, useRef } from 'react';
import { desktop, isEditingText, type MenuCommand } from './bridge';

/** A handler for every menu command: a command added to the menu without one fails to compile. */
export type MenuHandlers = Record<MenuCommand, () => void>;

/**
 * Carry out the desktop menu's commands (nothing happens in browser mode). While a text field has the focus,
 * Undo and Redo act on its text, as every desktop app does, and Delete Deals does nothing; the menu's
 * accelerators reach the page as these commands, so don't bind the same keys again in desktop mode.
 */
export function useMenuCommands(handlers: MenuHandlers): void {
  const latest = useRef(handlers);
  useEffect(() => {
    latest.current = handlers;
  });
  useEffect(() => {
    if (!desktop) return undefined;
    return desktop.onMenuCommand((command) => {
      if (isEditingText()) {
        if (command === 'undo' || command === 'redo') {
          document.execCommand(command);
          return;
        }
        if (command === 'delete-deals') return;
      }
      latest.current[command]();
    });
  }, []);
}
