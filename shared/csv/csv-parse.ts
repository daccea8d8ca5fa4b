import type { CellProblem } from '../protocol/result';
import { detectSeparator, type CsvSeparator } from './csv-separator';

export { detectSeparator, type CsvSeparator } from './csv-separator';

/** One data record: the physical line it starts on (1-based) and its cells. */
export type CsvRecord = { line: number; cells: string[] };

export type CsvParseResult = {
  header: string[];
  /** Physical line of the header (1 unless blank lines precede it). */
  headerLine: number;
  separator: CsvSeparator;
  /** Well-formed data records; records with a structural problem are left out and reported. */
  rows: CsvRecord[];
  /** Every non-blank data record seen, well-formed or not. */
  recordCount: number;
  problems: CellProblem[];
  /** Title lines above the header (Numbers' `Table 1`, a sheet's heading in A1): one cell each, not read. */
  titles: { line: number; text: string }[];
};

/** At most this many one-cell lines above the header are titles; a file with more has no usable header anyway. */
const MAX_TITLES = 5;

const QUOTE = 34;
const LF = 10;
const CR = 13;

/**
 * Parse CSV text (RFC 4180 plus what spreadsheets really write): a UTF-8 BOM, `,` `;` or tab separators
 * detected from the header line, CRLF/LF/CR line ends, quoted fields with `""` and embedded line breaks, and a
 * quote inside an unquoted field kept as text (Excel, LibreOffice, Python's csv and papaparse all do).
 * Blank lines are skipped. Structural problems carry the 1-based physical line they start on.
 */
export function parseCsv(text: string, separator?: CsvSeparator): CsvParseResult {
  let body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  // Excel's `sep=;` first line names the separator; it is emptied, not removed, so every line keeps its number.
  const named = /^sep=([,;\t])(?=\r|\n|$)/i.exec(body);
  if (named) body = body.slice(named[0].length);
  const sep = separator ?? (named ? (named[1] as CsvSeparator) : detectSeparator(body));
  const result: CsvParseResult = { header: [], headerLine: 1, separator: sep, rows: [], recordCount: 0, problems: [], titles: [] };

  const encoding = encodingProblem(body);
  if (encoding) {
    result.problems.push(encoding);
    return result;
  }

  let haveHeader = false;
  const titleCells: string[][] = [];
  // No header of several cells came after the one-cell lines: they are the file's header and rows after all.
  const settleTitles = (): void => {
    const [first, ...rest] = result.titles;
    result.header = titleCells[0]!;
    result.headerLine = first!.line;
    for (let k = 0; k < rest.length; k++) {
      result.recordCount++;
      const cells = titleCells[k + 1]!;
      if (cells.length === result.header.length) result.rows.push({ line: rest[k]!.line, cells });
      else result.problems.push({ line: rest[k]!.line, message: `row has ${cells.length} ${cells.length === 1 ? 'field' : 'fields'} but the header has ${result.header.length}` });
    }
    result.titles = [];
    haveHeader = true;
  };
  scanCsv(body, sep, (cells, line, broken) => {
    if (!haveHeader) {
      // A line of one cell above a header of several is a title. Kept aside, not dropped: if no header of several
      // cells follows soon, the first of them is the header after all, as before.
      if (!broken && filledCells(cells) === 1 && (cells.length === 1 || cells[0]!.trim() !== '')) {
        if (result.titles.length < MAX_TITLES) {
          result.titles.push({ line, text: cells.join('').trim() });
          titleCells.push(cells);
          return;
        }
        settleTitles();
      }
    }
    if (!haveHeader) {
      haveHeader = true;
      result.header = cells;
      result.headerLine = line;
      return;
    }
    result.recordCount++;
    if (broken) return;
    if (cells.length !== result.header.length) {
      const extra = cells.length > result.header.length && cells.slice(result.header.length).every((c) => c.trim() === '');
      if (!extra) {
        result.problems.push({
          line,
          message: `row has ${cells.length} ${cells.length === 1 ? 'field' : 'fields'} but the header has ${result.header.length}`,
        });
        return;
      }
      cells.length = result.header.length;
    }
    result.rows.push({ line, cells });
  }, result.problems);

  if (!haveHeader && result.titles.length > 0) settleTitles();
  if (!haveHeader) result.problems.push({ line: 1, message: 'file is empty: expected a header line' });
  return result;
}

function filledCells(cells: readonly string[]): number {
  let n = 0;
  for (const cell of cells) if (cell.trim() !== '') n++;
  return n;
}

/**
 * The tokenizer: calls onRecord for every non-blank record, in order, without holding them, so callers can
 * stream rows into a database. `broken` records had a problem that was pushed to `problems`.
 */
export function scanCsv(
  text: string,
  sep: CsvSeparator,
  onRecord: (cells: string[], line: number, broken: boolean) => void,
  problems: CellProblem[],
): void {
  const n = text.length;
  const sepCode = sep.charCodeAt(0);
  let i = 0;
  let line = 1;
  // Next position of each special character at or after i (n when there is none): native indexOf does the
  // scanning, and each is searched again only once the cursor has passed it.
  let nextSep = -1;
  let nextLf = -1;
  let nextCr = -1;

  while (i < n) {
    const recordLine = line;
    const cells: string[] = [];
    let broken = false;
    let endOfRecord = false;

    while (!endOfRecord) {
      let value: string;
      if (text.charCodeAt(i) === QUOTE) {
        const openLine = line;
        i++;
        value = '';
        for (;;) {
          const close = text.indexOf('"', i);
          if (close === -1) {
            value += text.slice(i);
            problems.push({ line: openLine, message: 'quoted field opened on this line is never closed (missing ")' });
            broken = true;
            i = n;
            break;
          }
          line += countLineBreaks(text, i, close);
          value += text.slice(i, close);
          if (text.charCodeAt(close + 1) === QUOTE) {
            value += '"';
            i = close + 2;
            continue;
          }
          i = close + 1;
          break;
        }
        // Spaces after the closing quote (`"a" ,b`) are harmless padding, not content.
        while (i < n && text.charCodeAt(i) === 32) i++;
        const after = i < n ? text.charCodeAt(i) : -1;
        if (after !== -1 && after !== sepCode && after !== LF && after !== CR) {
          const end = fieldEnd(text, i, sepCode);
          problems.push({ line, value: text.slice(i, Math.min(end, i + 40)), message: 'unexpected text after a closing quote' });
          broken = true;
          value += text.slice(i, end);
          i = end;
        }
      } else {
        if (nextSep < i) nextSep = indexOrEnd(text, sep, i);
        if (nextLf < i) nextLf = indexOrEnd(text, '\n', i);
        if (nextCr < i) nextCr = indexOrEnd(text, '\r', i);
        let end = nextSep < nextLf ? nextSep : nextLf;
        if (nextCr < end) end = nextCr;
        // A quote inside an unquoted field is a literal character (`Deal "Stargate" II`), as every spreadsheet reads it.
        value = text.slice(i, end);
        i = end;
      }
      cells.push(value);

      if (i >= n) break;
      const c = text.charCodeAt(i);
      if (c === sepCode) {
        i++;
        // A separator at the very end still opens one last, empty field.
        if (i >= n) {
          cells.push('');
          break;
        }
      } else {
        i += c === CR && text.charCodeAt(i + 1) === LF ? 2 : 1;
        line++;
        endOfRecord = true;
      }
    }

    if (!isBlank(cells)) onRecord(cells, recordLine, broken);
  }
}

/**
 * Text that cannot be CSV: NUL characters mean binary data, or UTF-16 read as if it were UTF-8. (Every importer
 * decodes files strictly, so a U+FFFD in the text is a real character and is kept.)
 */
function encodingProblem(text: string): CellProblem | null {
  const nul = text.indexOf('\u0000');
  if (nul === -1) return null;
  const looksUtf16 = /^(\uFFFD\uFFFD|\uFEFF)?(?:[^\u0000]\u0000[^\u0000]\u0000|\u0000[^\u0000]\u0000[^\u0000])/.test(text);
  if (looksUtf16) {
    return { line: 1, message: 'file is not valid UTF-8 text (it looks like UTF-16); save it as UTF-8 CSV' };
  }
  return { line: lineOf(text, nul), message: 'file contains binary data (NUL bytes), not CSV text' };
}

function indexOrEnd(text: string, ch: string, from: number): number {
  const at = text.indexOf(ch, from);
  return at === -1 ? text.length : at;
}

function fieldEnd(text: string, from: number, sepCode: number): number {
  let i = from;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === sepCode || c === LF || c === CR) break;
    i++;
  }
  return i;
}

/** Physical line breaks in text[from, to): CRLF, LF and a lone CR each count once. */
function countLineBreaks(text: string, from: number, to: number): number {
  let breaks = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === LF) breaks++;
    else if (c === CR && text.charCodeAt(i + 1) !== LF) breaks++;
  }
  return breaks;
}

function lineOf(text: string, offset: number): number {
  return 1 + countLineBreaks(text, 0, offset);
}

function isBlank(cells: string[]): boolean {
  for (const cell of cells) if (cell.trim() !== '') return false;
  return true;
}
