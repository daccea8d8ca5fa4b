import { headerOf } from './book/errors';

// Steps are stored and listed by the CLI with the fields' keys ("Edit amount_usd"): tests and team history read
// them so. The window names a field as its grid header does ("Edit Amount"), wherever it shows a label.

/** A field's grid header, or the key itself for a field the grid has no column for. */
export const fieldHeader = headerOf;

// "Edit amount_usd", "Undo Edit cash_usd", "Edit notes (another window)": the one label form that holds a key.
const EDIT_OF_FIELD = /^((?:(?:Undo|Redo) )*Edit )([a-z_]+)(?=$| \()/;

/** A step's label as the window shows it: a field key in an edit's label replaced by its column header. */
export function windowLabel(label: string): string;
export function windowLabel(label: string | null | undefined): string | null;
export function windowLabel(label: string | null | undefined): string | null {
  if (!label) return label ?? null;
  return label.replace(EDIT_OF_FIELD, (_whole, head: string, key: string) => `${head}${headerOf(key)}`);
}
