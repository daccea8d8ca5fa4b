import { AppFailure } from '../protocol/result';

/**
 * Binary data (a BLOB) where a deal, a party or a scenario has text or a number, named: only another program can
 * put one in a book (SQLite keeps a BLOB as it is in any column whose CHECK lets it in). The book still opens and
 * shows it where it can; what cannot use it refuses as invalid data, naming the row and the field, writing nothing.
 */
export function binaryCell(what: string, row: number, field: string, cannot = 'be exported'): AppFailure {
  const message = `${what[0]!.toUpperCase()}${what.slice(1)} ${row}'s ${field} holds binary data (a BLOB another program wrote), not text or a number, so it cannot ${cannot}. Nothing was written; change that value and try again.`;
  return new AppFailure({ code: 'validation', message, details: [{ row, field, message: 'binary data (a BLOB), not text or a number' }] });
}

/** True for what a cell may hold: text, a number, or nothing. */
export const isCellValue = (v: unknown): boolean => v == null || typeof v === 'string' || typeof v === 'number';

/**
 * Said after a writer failed on a row: the failure naming the row's first field (in `columns`' order) that is not
 * a cell value, or `err` as it was when every field is one.
 */
export function oddCellOr(err: unknown, row: Readonly<Record<string, unknown>> | undefined, columns: readonly string[]): unknown {
  if (row) for (const column of columns) if (!isCellValue(row[column])) return binaryCell('deal', row.id as number, column);
  return err;
}
