import type { MenuCommand } from '../../shared/protocol/desktop-api';

/** A key and its modifiers; `mod` is Ctrl, or Cmd on a Mac. */
export type Key = { key: string; mod?: boolean; shift?: boolean; alt?: boolean };

export type CommandId =
  | MenuCommand
  | 'discard-draft'
  | 'duplicate-deals'
  | 'copy'
  | 'paste'
  | 'toggle-parties'
  | 'toggle-history'
  | 'deal-history'
  | 'toggle-users'
  | 'toggle-theme'
  | 'show-shortcuts';

/** One command, defined once: the toolbar, the keyboard, the desktop menu and the cells' menu all use it. */
export type Command = {
  id: CommandId;
  label: string;
  /** Keys that run it; the first is the one shown. */
  keys: readonly Key[];
  /** Whether it can run now (a disabled toolbar button, a greyed menu entry). */
  enabled: boolean;
  /** Not offered at all: the user's role cannot do it (a viewer's writes, a non-owner's users). */
  hidden?: boolean;
  run: () => void;
  /** Runs from the keyboard even while a text field has the focus (Find). */
  inText?: boolean;
  /** Shown in the help but run by the grid itself (copy and paste go through the clipboard events). */
  keyHandledElsewhere?: boolean;
};

export type Commands = Record<CommandId, Command>;

export const IS_MAC = typeof navigator !== 'undefined' && navigator.platform.startsWith('Mac');

/** How a key reads in a tooltip or the help: `Ctrl+Shift+Z`, `Cmd+Z` on a Mac. */
export function keyText(k: Key): string {
  const parts = [k.mod ? (IS_MAC ? 'Cmd' : 'Ctrl') : '', k.alt ? (IS_MAC ? 'Option' : 'Alt') : '', k.shift ? 'Shift' : ''];
  const name = k.key.length === 1 ? k.key.toUpperCase() : k.key;
  return [...parts.filter(Boolean), name === '?' ? '?' : name].join('+');
}

/** A label with its key for a tooltip: `Undo (Ctrl+Z)`. */
export function withKey(label: string, command: Command): string {
  const first = command.keys[0];
  return first ? `${label} (${keyText(first)})` : label;
}

type KeyEventLike = Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey'>;

export function matchesKey(e: KeyEventLike, k: Key): boolean {
  const mod = e.ctrlKey || e.metaKey;
  if (Boolean(k.mod) !== mod || Boolean(k.alt) !== e.altKey) return false;
  // `?` is Shift+/ on most layouts: its shift is part of the character.
  if (k.key === '?') return e.key === '?';
  if (Boolean(k.shift) !== e.shiftKey) return false;
  // Option+N on a Mac types a dead key (˜) rather than n.
  if (k.alt && k.key === 'n' && e.key === '\u02DC') return true;
  return e.key.toLowerCase() === k.key.toLowerCase();
}

/** The command a key press runs, if any. */
export function commandForKey(commands: readonly Command[], e: KeyEventLike): Command | null {
  return commands.find((c) => !c.keyHandledElsewhere && c.keys.some((k) => matchesKey(e, k))) ?? null;
}

/** The commands of the cells' context menu, in its order (null is a separator). */
export const CELL_MENU: readonly (CommandId | null)[] = ['copy', 'paste', null, 'add-deal', 'duplicate-deals', 'delete-deals', null, 'undo', 'redo', null, 'deal-history'];

/** The order of the help's list of commands. */
export const HELP_ORDER: readonly CommandId[] = [
  'add-deal', 'discard-draft', 'duplicate-deals', 'delete-deals', 'undo', 'redo', 'copy', 'paste', 'find',
  'import-csv', 'export-csv', 'toggle-charts', 'toggle-parties', 'toggle-history', 'toggle-users', 'toggle-theme', 'reset-columns', 'show-shortcuts',
];

/** Keys of the grid itself, listed in the help after the commands. */
export const GRID_KEYS: readonly [string, string][] = [
  ['Typing', 'Starts editing the focused cell with what is typed'],
  ['Enter or F2', 'Edits the focused cell, keeping its value; Enter again saves and moves down'],
  ['Tab, Shift+Tab', 'Save and move to the next or previous cell, without opening its editor'],
  ['Escape', 'Drops the edit; the cell keeps its saved value'],
  ['Delete, Backspace', 'Clears the focused cell (optional cells only)'],
  ['Arrows, Home, End', 'Move the focus; on the new-deal row they stay on that row'],
  ['Space', 'Ticks or unticks the focused row'],
  ['Shift+click, Shift+arrows', 'Select a block of cells: copy it, clear it with Delete, fill it down with Ctrl+D'],
  ['Ctrl+D', 'Fills the block down from its first row (one undo step)'],
  ['Right click', 'The commands for the cell, in a menu'],
];
