import type { CellProblem } from '../protocol/result';
import type { CsvParseResult } from './csv-parse';
import { excerpt, type ColumnTarget } from './csv-columns';
import { DecimalCommaCells, dotReadsBothWays, NUMBER_FIELDS, showsDecimalComma } from './csv-decimal-comma';

/**
 * A file's number cells (money, term, capacity) made the decimal-point form every parser reads, in place, in a pass
 * of their own, so reading the rows after costs files of plain numbers nothing more. A `;` file writes its numbers
 * with the decimal comma; a file separated by tab or `,` does when a cell of its own shows it (`1,3` can be nothing
 * else: a tab-separated export from a European Excel, a Google Sheets download in a European locale). Otherwise a
 * dot that may separate thousands (`10.000`) is said when nothing in the file shows the decimal point.
 * Returns the cells to finish (csv-decimal-comma's problems and warnings) and, by line and column, each cell as the
 * file writes it where it was changed, for problems to echo (`1,3 Md$`, not `1.3 Md$`).
 */
export function readNumberCells(
  parsed: CsvParseResult,
  columns: readonly ColumnTarget[],
  warnings: CellProblem[],
): { comma: DecimalCommaCells | null; written: Map<number, Map<number, string>> } {
  const numeric = columns.flatMap((c, i) => (c !== null && c.field !== 'id' && NUMBER_FIELDS.has(c.field) ? [i] : []));
  const header = (i: number): string => columns[i]!.header;
  const written = new Map<number, Map<number, string>>();
  const shownBy = parsed.separator === ';' ? null : showsDecimalComma(parsed.rows, numeric);
  if (parsed.separator !== ';' && shownBy === null) {
    const dotted = dotReadsBothWays(parsed.rows, numeric.map((i) => ({ index: i, header: header(i) })));
    if (dotted) {
      const more = dotted.count - 1;
      warnings.push({
        line: dotted.line, field: dotted.header, value: excerpt(dotted.cell),
        message: `read as ${dotted.point}, not ${dotted.thousands}: nothing else in the file shows whether its dot is a decimal point or separates thousands${more > 0 ? `; ${more.toLocaleString('en-US')} more ${more === 1 ? 'cell reads' : 'cells read'} so` : ''}`,
      });
    }
    return { comma: null, written };
  }
  const comma = new DecimalCommaCells(shownBy);
  for (const row of parsed.rows) {
    for (const i of numeric) {
      const cell = row.cells[i]!;
      row.cells[i] = comma.read(cell, row.line, header(i));
      if (row.cells[i] !== cell) (written.get(row.line) ?? written.set(row.line, new Map()).get(row.line)!).set(i, cell);
    }
  }
  return { comma, written };
}
