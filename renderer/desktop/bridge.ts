// The desktop shell's extras for the UI; the types live once in shared/protocol/desktop-api.ts.
export { desktop, type DesktopApi, type MenuCommand, type ThemeSource, type ThemeState } from '../api/desktop';
import { desktop } from '../api/desktop';

/**
 * Whether the keyboard focus is in a text field (a cell editor, the quick filter). Menu Undo/Redo/Delete then
 * belong to the text: run `document.execCommand('undo')` instead of undoing a change to the book.
 */
export function isEditingText(): boolean {
  const el = typeof document !== 'undefined' ? document.activeElement : null;
  if (!el) return false;
  if (el instanceof HTMLTextAreaElement) return !el.readOnly;
  if (el instanceof HTMLInputElement) return !el.readOnly && !['checkbox', 'radio', 'button', 'submit', 'reset', 'file', 'range', 'color'].includes(el.type);
  return el instanceof HTMLElement && el.isContentEditable;
}
