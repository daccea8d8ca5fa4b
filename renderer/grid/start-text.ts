/**
 * The text an editor opens with. A printable key that started the edit replaces the value (as in a
 * spreadsheet); Backspace or Delete starts empty; Enter, F2 or a double click keep the value to amend it.
 */
export function startText(eventKey: string | null, current: string): EditorStart {
  if (eventKey === 'Backspace' || eventKey === 'Delete') return { text: '', replaced: true };
  if (eventKey !== null && eventKey.length === 1) return { text: eventKey, replaced: true };
  return { text: current, replaced: false };
}

export type EditorStart = { text: string; replaced: boolean };

/** Keys that end an edit: they are replayed once the typed text is in place. */
export const COMMIT_KEYS: ReadonlySet<string> = new Set(['Tab', 'Shift+Tab', 'Enter', 'Escape']);

/**
 * Keys typed before the editor had focus, applied as the input would have: characters replace a selected value
 * or follow the key that opened the editor, Backspace removes one, and a commit key (Tab, Enter, Escape) ends
 * the run and is handed back to be replayed.
 */
export function applyTypedKeys(start: EditorStart, keys: readonly string[]): EditorStart & { commit: string | null } {
  // null while the opening value is still selected, so the first character replaces it.
  let text: string | null = start.replaced ? start.text : null;
  for (const key of keys) {
    if (COMMIT_KEYS.has(key)) return { text: text ?? start.text, replaced: text !== null, commit: key };
    text = key === 'Backspace' ? (text ?? '').slice(0, -1) : (text ?? '') + key;
  }
  return { text: text ?? start.text, replaced: text !== null, commit: null };
}

/** Party names for the autocomplete: names starting with the text first, then names containing it. */
export function suggestParties(names: readonly string[], text: string, limit = 8): string[] {
  const q = text.trim().toLowerCase();
  if (!q) return names.slice(0, limit);
  const starts: string[] = [];
  const contains: string[] = [];
  for (const name of names) {
    const lower = name.toLowerCase();
    if (lower.startsWith(q)) starts.push(name);
    else if (lower.includes(q)) contains.push(name);
  }
  return [...starts, ...contains].slice(0, limit);
}
