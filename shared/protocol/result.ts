/** Error codes that travel across every transport. */
export type ErrorCode =
  | 'invalid_payload'
  | 'validation'
  | 'not_found'
  | 'conflict'
  | 'nothing_to_undo'
  | 'nothing_to_redo'
  | 'book_newer'
  | 'book_corrupt'
  | 'book_busy'
  | 'io'
  | 'forbidden'
  | 'internal';

/** One problem with one cell: which row (deal id or input line), which field, what is wrong. */
export type CellProblem = { row?: number; line?: number; field?: string; value?: string; message: string };

/** A typed error value: never a stack trace. */
export type AppError = { code: ErrorCode; message: string; details?: CellProblem[] };

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (code: ErrorCode, message: string, details?: CellProblem[]): Result<never> => ({
  ok: false,
  error: details ? { code, message, details } : { code, message },
});

/** Thrown inside the service to abort a transaction with a typed error. */
export class AppFailure extends Error {
  constructor(readonly error: AppError) {
    super(error.message);
  }
}

/**
 * One problem in words, the same in the grid, the import report and the CLI:
 * `line 4, column kind: ... (value)` for a file, `deal 12, amount_usd: ... (abc)` for a row of the book.
 */
export function describeProblem(p: CellProblem): string {
  const where = [
    p.line !== undefined ? `line ${p.line}` : p.row !== undefined ? `deal ${p.row}` : '',
    p.field ? (p.line !== undefined ? `column ${p.field}` : p.field) : '',
  ]
    .filter(Boolean)
    .join(', ');
  const value = p.value !== undefined && p.value !== '' ? ` (${p.value.length > 40 ? `${p.value.slice(0, 40)}...` : p.value})` : '';
  return `${where ? `${where}: ` : ''}${p.message}${value}`;
}

export function describeProblems(problems: CellProblem[]): string {
  return problems.map(describeProblem).join('\n');
}
