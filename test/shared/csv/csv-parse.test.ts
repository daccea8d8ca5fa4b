import { describe, expect, it } from 'vitest';
import { detectSeparator, parseCsv, scanCsv } from '../../../shared/csv/csv-parse';

const cellsOf = (text: string) => parseCsv(text).rows.map((r) => r.cells);
const linesOf = (text: string) => parseCsv(text).rows.map((r) => r.line);

describe('parseCsv: RFC 4180', () => {
  it('reads a header and records with CRLF line ends', () => {
    const r = parseCsv('a,b,c\r\n1,2,3\r\n4,5,6\r\n');
    expect(r.header).toEqual(['a', 'b', 'c']);
    expect(r.rows).toEqual([
      { line: 2, cells: ['1', '2', '3'] },
      { line: 3, cells: ['4', '5', '6'] },
    ]);
    expect(r.problems).toEqual([]);
    expect(r.separator).toBe(',');
  });

  it('accepts LF, lone CR and a missing final line end', () => {
    expect(cellsOf('a,b\n1,2\n3,4')).toEqual([['1', '2'], ['3', '4']]);
    expect(cellsOf('a,b\r1,2\r3,4\r')).toEqual([['1', '2'], ['3', '4']]);
    expect(linesOf('a,b\r1,2\r3,4\r')).toEqual([2, 3]);
  });

  it('keeps empty fields, including a trailing one', () => {
    expect(cellsOf('a,b,c\r\n,,x\r\nx,,\r\n')).toEqual([['', '', 'x'], ['x', '', '']]);
    expect(cellsOf('a,b\r\n1,')).toEqual([['1', '']]);
  });

  it('unquotes fields and turns "" into one quote', () => {
    expect(cellsOf('a,b\r\n"x, y","say ""hi"""\r\n"",""""\r\n')).toEqual([
      ['x, y', 'say "hi"'],
      ['', '"'],
    ]);
  });

  it('keeps line breaks inside quotes and counts physical lines after them', () => {
    const r = parseCsv('a,notes\r\n1,"one\r\ntwo\nthree\rfour"\r\n2,x\r\n');
    expect(r.rows).toEqual([
      { line: 2, cells: ['1', 'one\r\ntwo\nthree\rfour'] },
      { line: 6, cells: ['2', 'x'] },
    ]);
  });

  it('tolerates spaces between a closing quote and the separator', () => {
    expect(cellsOf('a,b\r\n"x" ,"y"  \r\n')).toEqual([['x', 'y']]);
  });

  it('keeps spaces inside unquoted fields as written', () => {
    expect(cellsOf('a,b\r\n x , y\r\n')).toEqual([[' x ', ' y']]);
  });
});

describe('parseCsv: what spreadsheets write', () => {
  it('strips a UTF-8 BOM', () => {
    const r = parseCsv('\uFEFFannounced,kind\r\n2025-01-01,investment\r\n');
    expect(r.header).toEqual(['announced', 'kind']);
  });

  it('detects ; and tab separators from the header line', () => {
    expect(parseCsv('a;b;c\r\n1,5;2;3\r\n').rows[0].cells).toEqual(['1,5', '2', '3']);
    expect(parseCsv('a\tb\r\n"x\ty"\tz\r\n').rows[0].cells).toEqual(['x\ty', 'z']);
    expect(parseCsv('a;b\r\n1;2', ',').rows[0].cells).toEqual(['1;2']);
  });

  it('counts separators outside quotes only, on the first non-blank line', () => {
    expect(detectSeparator('"a,b,c";d;e\r\n1,2,3,4,5,6')).toBe(';');
    expect(detectSeparator('\r\n\r\na\tb\r\n1,2,3')).toBe('\t');
    expect(detectSeparator('a,b;c\r\n')).toBe(',');
    expect(detectSeparator('single\r\n')).toBe(',');
  });

  it('skips blank lines, whitespace-only lines and separator-only lines but keeps line numbers', () => {
    const r = parseCsv('\r\n\r\na,b\r\n\r\n1,2\r\n   \r\n,\r\n3,4\r\n\r\n');
    expect(r.headerLine).toBe(3);
    expect(r.rows).toEqual([
      { line: 5, cells: ['1', '2'] },
      { line: 8, cells: ['3', '4'] },
    ]);
    expect(r.recordCount).toBe(2);
    expect(r.problems).toEqual([]);
  });

  it('accepts extra trailing empty cells (Excel pads rows) but not extra values', () => {
    const r = parseCsv('a,b\r\n1,2,,\r\n1,2,3\r\n');
    expect(r.rows).toEqual([{ line: 2, cells: ['1', '2'] }]);
    expect(r.problems).toEqual([{ line: 3, message: 'row has 3 fields but the header has 2' }]);
  });
});

describe('parseCsv: problems carry the physical line', () => {
  it('reports a ragged row and leaves it out', () => {
    const r = parseCsv('a,b,c\r\n1,2,3\r\n"multi\r\nline",2,3\r\n1,2\r\n');
    expect(r.rows.map((x) => x.line)).toEqual([2, 3]);
    expect(r.problems).toEqual([{ line: 5, message: 'row has 2 fields but the header has 3' }]);
    expect(r.recordCount).toBe(3);
  });

  it('reports an unclosed quote on the line where it opened', () => {
    const r = parseCsv('a,b\r\n1,2\r\n3,"open\r\n5,6\r\n7,8\r\n');
    expect(r.rows.map((x) => x.line)).toEqual([2]);
    expect(r.problems).toEqual([{ line: 3, message: 'quoted field opened on this line is never closed (missing ")' }]);
  });

  it('reads a quote inside an unquoted field as a literal character, as spreadsheets do', () => {
    const r = parseCsv('a,b\r\n1,2\r\n12" screen,Deal "Stargate" II\r\n=HYPERLINK("x"),4\r\n');
    expect(r.problems).toEqual([]);
    expect(r.rows.map((x) => [x.line, x.cells])).toEqual([
      [2, ['1', '2']],
      [3, ['12" screen', 'Deal "Stargate" II']],
      [4, ['=HYPERLINK("x")', '4']],
    ]);
  });

  it('reports a quoted field that never closes on the line where it opened, even after stray quotes', () => {
    const r = parseCsv('a,b\r\n1,x"y\r\n2,"open\r\nstill\r\n');
    expect(r.rows.map((x) => x.line)).toEqual([2]);
    expect(r.problems).toEqual([{ line: 3, message: 'quoted field opened on this line is never closed (missing ")' }]);
  });

  it('reports text after a closing quote, on the line of the closing quote', () => {
    const r = parseCsv('a,b\r\n"multi\r\nline"x,1\r\n');
    expect(r.rows).toEqual([]);
    expect(r.problems).toEqual([{ line: 3, value: 'x', message: 'unexpected text after a closing quote' }]);
  });

  it('rejects binary data (NUL bytes) at the line where it starts', () => {
    const r = parseCsv('a,b\r\n1,2\r\n\u0000\u0001\u0002,x\r\n');
    expect(r.rows).toEqual([]);
    expect(r.problems).toEqual([{ line: 3, message: 'file contains binary data (NUL bytes), not CSV text' }]);
  });

  it('keeps a U+FFFD as text: importers decode strictly, so it is a real character', () => {
    const r = parseCsv('a,b\r\n1,2\r\nSoci\uFFFDt\u00e9,x\r\n');
    expect(r.problems).toEqual([]);
    expect(r.rows.map((row) => row.cells)).toEqual([['1', '2'], ['Soci\uFFFDt\u00e9', 'x']]);
  });

  it('names UTF-16 when the text looks like it, with or without a byte order mark', () => {
    for (const bytes of [Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('a,b\r\n1,2\r\n', 'utf16le')]), Buffer.from('a,b\r\n', 'utf16le')]) {
      const r = parseCsv(new TextDecoder().decode(bytes));
      expect(r.problems).toHaveLength(1);
      expect(r.problems[0]).toMatchObject({ line: 1 });
      expect(r.problems[0].message).toContain('UTF-16');
    }
  });

  it('reports an empty file', () => {
    expect(parseCsv('').problems).toEqual([{ line: 1, message: 'file is empty: expected a header line' }]);
    expect(parseCsv('\uFEFF\r\n\r\n').problems).toEqual([{ line: 1, message: 'file is empty: expected a header line' }]);
  });

  it('keeps a problem value short even when the field is huge', () => {
    const r = parseCsv(`a\r\n"x"${'y'.repeat(100_000)}\r\n`);
    expect(r.problems[0]!.value!.length).toBeLessThanOrEqual(200);
  });
});

describe('parseCsv: size', () => {
  it('parses a 10 MB quoted field and a 10 MB unquoted field whole', () => {
    const big = 'z'.repeat(10 * 1024 * 1024);
    expect(parseCsv(`a,notes\r\n1,"${big}"\r\n2,x\r\n`).rows.map((r) => [r.line, r.cells[1].length])).toEqual([
      [2, big.length],
      [3, 1],
    ]);
    expect(parseCsv(`a,notes\r\n1,${big}\r\n`).rows[0].cells[1]).toHaveLength(big.length);
  });

  it('streams records to a callback in order without collecting them', () => {
    const seen: [number, string[], boolean][] = [];
    const problems: { line?: number; message: string }[] = [];
    scanCsv('h\r\n1\r\n\r\n"2\r\n2"\r\n"3"x\r\n', ',', (cells, line, broken) => seen.push([line, cells, broken]), problems);
    expect(seen).toEqual([
      [1, ['h'], false],
      [2, ['1'], false],
      [4, ['2\r\n2'], false],
      [6, ['3x'], true],
    ]);
    expect(problems.map((p) => p.line)).toEqual([6]);
  });
});

describe('detectSeparator with quotes', () => {
  it('counts separators inside a quoted header cell as text, and a quote inside an unquoted cell as text', () => {
    expect(detectSeparator('"a,b";c;d\n1;2;3\n')).toBe(';');
    expect(detectSeparator('12" rack;amount;other,x\n')).toBe(';');
    expect(detectSeparator('"say ""a;b""",c\n')).toBe(',');
  });
});

describe("Excel's sep= line", () => {
  it('takes the separator it names, reads the header after it, and keeps physical line numbers', () => {
    const r = parseCsv('sep=;\r\nfrom_party;to_party;notes\r\nA;B;"x, y"\r\nA;B\r\n');
    expect(r.separator).toBe(';');
    expect(r.header).toEqual(['from_party', 'to_party', 'notes']);
    expect(r.headerLine).toBe(2);
    expect(r.rows).toEqual([{ line: 3, cells: ['A', 'B', 'x, y'] }]);
    expect(r.problems).toEqual([{ line: 4, message: 'row has 2 fields but the header has 3' }]);
  });

  it('after a BOM, in any case, and for a comma or a tab too; a header that only starts with sep= is a header', () => {
    expect(parseCsv('\uFEFFSEP=,\nannounced,notes\n2025,a;b\n')).toMatchObject({ separator: ',', header: ['announced', 'notes'], rows: [{ line: 3, cells: ['2025', 'a;b'] }] });
    expect(parseCsv('sep=\t\na\tb\n1\t2\n')).toMatchObject({ separator: '\t', header: ['a', 'b'] });
    expect(parseCsv('sep=;x,notes\n1,2\n').header).toEqual(['sep=;x', 'notes']);
  });
});

describe('parseCsv: title lines above the header', () => {
  it('sets aside one-cell lines above a header of several cells (Numbers\' "Table 1", a heading in A1), separator detected past them', () => {
    const r = parseCsv('Table 1\n"Deals; 2025";;\n\na;b;c\n1;2;3\n');
    expect(r.separator).toBe(';');
    expect(r.titles).toEqual([{ line: 1, text: 'Table 1' }, { line: 2, text: 'Deals; 2025' }]);
    expect([r.header, r.headerLine]).toEqual([['a', 'b', 'c'], 4]);
    expect(r.rows).toEqual([{ line: 5, cells: ['1', '2', '3'] }]);
  });

  it('reads a one-column file as before: its first line is the header, however long it is', () => {
    for (const n of [2, 5, 8]) {
      const text = ['name', ...Array.from({ length: n }, (_, i) => `p${i}`)].join('\n') + '\n';
      const r = parseCsv(text);
      expect(r.titles).toEqual([]);
      expect([r.header, r.headerLine, r.recordCount]).toEqual([['name'], 1, n]);
      expect(r.rows.map((row) => row.cells[0])).toEqual(Array.from({ length: n }, (_, i) => `p${i}`));
    }
  });
});
