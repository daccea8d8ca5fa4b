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
