import { describeProblem, type AppError, type CellProblem } from '../../shared/protocol/result';
import { COLUMN_SPECS } from '../grid/columns';
import type { ErrorView } from './store';

const HEADERS = new Map<string, string>(COLUMN_SPECS.map((c) => [c.colId, c.header]));

/** A field as the grid's header names it (`Amount`, not `amount_usd`). */
export function headerOf(field: string): string {
  return HEADERS.get(field) ?? field;
}

// Rules across fields, said the way an analyst reads the grid.
const RULES: [RegExp, string][] = [
  [/^(to_party: )?must differ from from_party unless kind is infrastructure$/, 'From and To must differ (unless the kind is infrastructure)'],
];
const KEY = /\b[a-z]+(?:_[a-z]+)+\b/g;

/** A message from the model, with its internal keys (`cash_usd`) replaced by the grid's headers (`Cash`). */
export function withHeaders(message: string): string {
  for (const [rule, text] of RULES) if (rule.test(message)) return text;
  return message.replace(KEY, (key) => HEADERS.get(key) ?? key);
}

/** One problem in grid words: `Deal 4, Amount: not a number (abc)`; a pasted new deal is `New deal 2`. */
function gridProblem(p: CellProblem): string {
  const where = [p.row !== undefined ? `Deal ${p.row}` : p.line !== undefined ? `New deal ${p.line}` : '', p.field ? headerOf(p.field) : '']
    .filter(Boolean)
    .join(', ');
  const value = p.value !== undefined && p.value !== '' ? ` (${p.value.length > 40 ? `${p.value.slice(0, 40)}...` : p.value})` : '';
  return `${where ? `${where}: ` : ''}${withHeaders(p.message)}${value}`;
}

/**
 * A typed error from the service as the error element shows it. Grid writes (`grid`) name columns by their
 * headers; an import names the CSV's own columns, which are the spec's keys.
 */
export function errorView(error: AppError, words: 'grid' | 'csv' = 'grid'): ErrorView {
  const details = error.details ?? [];
  if (words === 'csv') {
    if (details.length === 1) return { message: describeProblem(details[0]!).replace(/^deal (\d+)/, 'Deal $1'), lines: [] };
    return { message: error.message, lines: details.map(describeProblem) };
  }
  // One problem: say it once, as a line that names the deal, the column and the value typed.
  if (details.length === 1) return { message: gridProblem(details[0]!), lines: [] };
  return { message: withHeaders(error.message), lines: details.map(gridProblem) };
}

/** A value the grid refused before asking the service, naming the deal and the column. */
export function cellError(id: number | null, field: string, message: string, raw: unknown): ErrorView {
  const who = id === null || id < 0 ? 'New deal' : `Deal ${id}`;
  const value = raw === null || raw === undefined || raw === '' ? '' : ` (${String(raw).slice(0, 40)})`;
  return { message: `${who}, ${headerOf(field)}: ${withHeaders(message)}${value}`, lines: [] };
}
