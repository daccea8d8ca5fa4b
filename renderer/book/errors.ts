import type { AppError, CellProblem } from '../../shared/result';
import type { ErrorView } from './store';

/** One bad cell in words: `deal 12, amount_usd: must be ... (abc)` or `line 4, column kind: ...`. */
export function problemLine(p: CellProblem): string {
  const where = [
    p.line !== undefined ? `line ${p.line}` : p.row !== undefined ? `deal ${p.row}` : '',
    p.field ? (p.line !== undefined ? `column ${p.field}` : p.field) : '',
  ]
    .filter(Boolean)
    .join(', ');
  const value = p.value !== undefined && p.value !== '' ? ` (${p.value.length > 40 ? `${p.value.slice(0, 40)}...` : p.value})` : '';
  return `${where ? `${where}: ` : ''}${p.message}${value}`;
}

/** A typed error from the service as the error element shows it. */
export function errorView(error: AppError): ErrorView {
  const details = error.details ?? [];
  // One problem: say it once, as a line that names the deal, the field and the value typed.
  if (details.length === 1) return { message: problemLine(details[0]!).replace(/^deal (\d+)/, 'Deal $1'), lines: [] };
  return { message: error.message, lines: details.map(problemLine) };
}

/** A value the grid refused before asking the service, naming the deal and the field. */
export function cellError(id: number | null, field: string, message: string, raw: unknown): ErrorView {
  const who = id === null || id < 0 ? 'New deal' : `Deal ${id}`;
  const value = raw === null || raw === undefined || raw === '' ? '' : ` (${String(raw).slice(0, 40)})`;
  return { message: `${who}, ${field}: ${message}${value}`, lines: [] };
}
