/** A stored value as a message shows it: empty for null, text as it is, numbers plainly. */
export function formatForMessage(value: unknown): string {
  if (value === null || value === undefined) return '(empty)';
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(12)));
  const text = String(value);
  return text.length > 80 ? `"${text.slice(0, 77)}..."` : `"${text}"`;
}
