import { describeProblem, type AppError } from '../../shared/result';
import type { ErrorView } from './store';

/** A typed error from the service as the error element shows it. */
export function errorView(error: AppError): ErrorView {
  const details = error.details ?? [];
  // One problem: say it once, as a line that names the deal, the field and the value typed.
  if (details.length === 1) return { message: describeProblem(details[0]!).replace(/^deal (\d+)/, 'Deal $1'), lines: [] };
  return { message: error.message, lines: details.map(describeProblem) };
}

/** A value the grid refused before asking the service, naming the deal and the field. */
export function cellError(id: number | null, field: string, message: string, raw: unknown): ErrorView {
  const who = id === null || id < 0 ? 'New deal' : `Deal ${id}`;
  const value = raw === null || raw === undefined || raw === '' ? '' : ` (${String(raw).slice(0, 40)})`;
  return { message: `${who}, ${field}: ${message}${value}`, lines: [] };
}
