import type { CellProblem } from '../protocol/result';

/** How a file's bytes were read; the import report names it. */
export type CsvEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

export const CSV_ENCODINGS = ['utf-8', 'utf-16le', 'utf-16be', 'windows-1252'] as const satisfies readonly CsvEncoding[];

/** A file's bytes as CSV text and the encoding it was read in, or the one reason they are not text (with its line). */
export type DecodedCsv = { ok: true; text: string; encoding: CsvEncoding } | { ok: false; problem: CellProblem };

const LF = 10;
const CR = 13;

/**
 * The one decoding rule for every door (CLI, desktop dialog, browser, HTTP): what spreadsheets save.
 * Valid UTF-8 (a BOM dropped) is UTF-8; a UTF-16 BOM means UTF-16; anything else is Windows-1252, which is what
 * Excel for Windows writes as "CSV". Never a replacing decoder: NUL bytes, a byte Windows-1252 leaves undefined,
 * control bytes, or UTF-16 that does not decode are refused with the line of the first bad byte.
 */
export function decodeCsvBytes(bytes: Uint8Array): DecodedCsv {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return decodeUtf16(bytes, 'utf-16le');
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return decodeUtf16(bytes, 'utf-16be');
  const nul = bytes.indexOf(0);
  if (nul !== -1) {
    if (looksUtf16WithoutBom(bytes)) return fail(1, 'file looks like UTF-16 without a byte-order mark; save it as UTF-8 CSV');
    return fail(lineAt(bytes, nul), 'file contains binary data (NUL bytes), not CSV text');
  }
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return decodeWindows1252(bytes);
  }
}

/** Windows-1252 code points of bytes 0x80-0x9F; 0 marks the five bytes the code page leaves undefined. */
const CP1252_HIGH = [
  0x20ac, 0, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017d, 0,
  0, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0, 0x017e, 0x0178,
];

const isControl = (b: number): boolean => b < 0x20 && b !== 9 && b !== LF && b !== CR && b !== 12;

function decodeWindows1252(bytes: Uint8Array): DecodedCsv {
  const parts: string[] = [];
  const chunk: number[] = [];
  // A UTF-8 byte-order mark is dropped as for UTF-8 (as Windows-1252 it would be `ï»¿` before the first header).
  const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  for (let i = start; i < bytes.length; i++) {
    const b = bytes[i]!;
    let code = b;
    if (b >= 0x80 && b <= 0x9f) code = CP1252_HIGH[b - 0x80]!;
    if (code === 0 || isControl(b)) {
      return fail(lineAt(bytes, i), 'file is neither UTF-8 nor Windows-1252 text; save it as UTF-8 CSV', `byte ${hex(b)}`);
    }
    chunk.push(code);
    if (chunk.length === 8192) {
      parts.push(String.fromCharCode(...chunk));
      chunk.length = 0;
    }
  }
  parts.push(String.fromCharCode(...chunk));
  return { ok: true, text: parts.join(''), encoding: 'windows-1252' };
}

function decodeUtf16(bytes: Uint8Array, encoding: 'utf-16le' | 'utf-16be'): DecodedCsv {
  let text: string;
  try {
    text = new TextDecoder(encoding, { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    const loose = new TextDecoder(encoding).decode(bytes);
    const at = loose.indexOf('\uFFFD');
    return fail(lineOfText(loose, at === -1 ? loose.length : at), 'file starts as UTF-16 but does not decode as UTF-16 text');
  }
  const nul = text.indexOf('\u0000');
  if (nul !== -1) return fail(lineOfText(text, nul), 'file contains binary data (NUL characters), not CSV text');
  return { ok: true, text, encoding };
}

/** ASCII text with every other byte NUL: UTF-16 saved without its BOM. */
function looksUtf16WithoutBom(b: Uint8Array): boolean {
  if (b.length < 4) return false;
  const le = b[0] !== 0 && b[1] === 0 && b[2] !== 0 && b[3] === 0;
  const be = b[0] === 0 && b[1] !== 0 && b[2] === 0 && b[3] !== 0;
  return le || be;
}

function fail(line: number, message: string, value?: string): DecodedCsv {
  return { ok: false, problem: value === undefined ? { line, message } : { line, value, message } };
}

const hex = (b: number): string => `0x${b.toString(16).toUpperCase().padStart(2, '0')}`;

/** Offset of the first byte that does not start or continue a well-formed UTF-8 sequence, or -1. */
export function firstInvalidUtf8(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const length = b[i]! < 0x80 ? 1 : utf8SequenceLength(b, i);
    if (length === 0) return i;
    i += length;
  }
  return -1;
}

/** Bytes in the well-formed multi-byte UTF-8 sequence that starts at b[i], or 0 when none does. */
function utf8SequenceLength(b: Uint8Array, i: number): number {
  const c = b[i]!;
  let need: number;
  let lo = 0x80;
  let hi = 0xbf;
  if (c >= 0xc2 && c <= 0xdf) need = 1;
  else if (c >= 0xe0 && c <= 0xef) {
    need = 2;
    if (c === 0xe0) lo = 0xa0;
    if (c === 0xed) hi = 0x9f; // no UTF-16 surrogates
  } else if (c >= 0xf0 && c <= 0xf4) {
    need = 3;
    if (c === 0xf0) lo = 0x90;
    if (c === 0xf4) hi = 0x8f; // nothing above U+10FFFF
  } else return 0;
  if (i + need >= b.length) return 0;
  const second = b[i + 1]!;
  if (second < lo || second > hi) return 0;
  for (let k = 2; k <= need; k++) {
    const cont = b[i + k]!;
    if (cont < 0x80 || cont > 0xbf) return 0;
  }
  return need + 1;
}

/**
 * A file read as Windows-1252 (it is not valid UTF-8) that also holds well-formed UTF-8 sequences: most likely a
 * UTF-8 file with a stray byte, whose UTF-8 text (`Zoë`) now reads as `ZoÃ«`. The warning names the line of the
 * first byte that is not UTF-8 (and the first line with UTF-8 text); null for text that mixes nothing. Every door
 * says it: the import report carries it whichever way the file came (CLI, desktop dialog, browser, HTTP).
 */
export function mixedEncodingWarning(text: string): CellProblem | null {
  const bytes = windows1252Bytes(text);
  if (!bytes) return null;
  const bad = firstInvalidUtf8(bytes);
  if (bad === -1) return null;
  let utf8 = -1;
  for (let i = 0; i < bytes.length && utf8 === -1; i++) if (bytes[i]! >= 0x80 && utf8SequenceLength(bytes, i) > 0) utf8 = i;
  if (utf8 === -1) return null;
  return {
    line: lineAt(bytes, bad),
    value: `byte ${hex(bytes[bad]!)}`,
    message: `this byte is not UTF-8, so the file was read as Windows-1252, but it holds UTF-8 text too (from line ${lineAt(bytes, utf8)}), which reads wrongly that way (Zoë as ZoÃ«); fix this line or save the file as UTF-8, and check the names`,
  };
}

/** Windows-1252 text back to its bytes (the decoding is one to one), or null for text that is not such. */
function windows1252Bytes(text: string): Uint8Array | null {
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const b = c < 0x80 || (c >= 0xa0 && c <= 0xff) ? c : CP1252_HIGH.indexOf(c) + 0x80;
    if (b < 0x80 && c >= 0x80) return null;
    bytes[i] = b;
  }
  return bytes;
}

/** 1-based physical line of a byte offset: CRLF, LF and a lone CR each end a line, as in parseCsv. */
function lineAt(b: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) {
    const c = b[i];
    if (c === LF || (c === CR && b[i + 1] !== LF)) line++;
  }
  return line;
}

function lineOfText(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) {
    const c = text.charCodeAt(i);
    if (c === LF || (c === CR && text.charCodeAt(i + 1) !== LF)) line++;
  }
  return line;
}
