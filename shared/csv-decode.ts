import type { CellProblem } from './result';

/** A file's bytes as CSV text, or the one reason they are not UTF-8 text (with the physical line it starts on). */
export type DecodedCsv = { ok: true; text: string } | { ok: false; problem: CellProblem };

const LF = 10;
const CR = 13;

/**
 * Decode an import file strictly as UTF-8 (a leading BOM is dropped). A replacing decoder would turn Latin-1
 * or UTF-16 into U+FFFD and import mangled names; here such a file is refused with the line of the first bad
 * byte, and a file with NUL bytes is reported as binary. TextDecoder is a web standard, so the desktop app, the
 * browser and the CLI all read files the same way.
 */
export function decodeCsvBytes(bytes: Uint8Array): DecodedCsv {
  if (looksUtf16(bytes)) {
    return fail(1, 'file is not valid UTF-8 text (it looks like UTF-16); save it as UTF-8 CSV');
  }
  let text: string | null = null;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    text = null;
  }
  const nul = bytes.indexOf(0);
  const invalid = text === null ? firstInvalidUtf8(bytes) : -1;
  if (nul !== -1) {
    const at = invalid !== -1 && invalid < nul ? invalid : nul;
    return fail(lineAt(bytes, at), 'file contains binary data (NUL bytes), not CSV text');
  }
  if (text === null) {
    const at = invalid === -1 ? 0 : invalid;
    const shown = Array.from(bytes.subarray(at, at + 2), (b) => `0x${b.toString(16).toUpperCase().padStart(2, '0')}`);
    return fail(lineAt(bytes, at), 'file is not valid UTF-8 text (perhaps Latin-1 or Windows-1252); save it as UTF-8 CSV', `bytes ${shown.join(' ')}`);
  }
  return { ok: true, text };
}

function fail(line: number, message: string, value?: string): DecodedCsv {
  return { ok: false, problem: value === undefined ? { line, message } : { line, value, message } };
}

/** A UTF-16 BOM, or ASCII text with every other byte NUL (UTF-16 without a BOM). */
function looksUtf16(b: Uint8Array): boolean {
  if (b.length >= 2 && ((b[0] === 0xff && b[1] === 0xfe) || (b[0] === 0xfe && b[1] === 0xff))) return true;
  if (b.length < 4) return false;
  const le = b[0] !== 0 && b[1] === 0 && b[2] !== 0 && b[3] === 0;
  const be = b[0] === 0 && b[1] !== 0 && b[2] === 0 && b[3] !== 0;
  return le || be;
}

/** Offset of the first byte that does not start or continue a well-formed UTF-8 sequence, or -1. */
export function firstInvalidUtf8(b: Uint8Array): number {
  const n = b.length;
  let i = 0;
  while (i < n) {
    const c = b[i]!;
    if (c < 0x80) {
      i++;
      continue;
    }
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
    } else return i;
    if (i + need >= n) return i;
    const second = b[i + 1]!;
    if (second < lo || second > hi) return i;
    for (let k = 2; k <= need; k++) {
      const cont = b[i + k]!;
      if (cont < 0x80 || cont > 0xbf) return i;
    }
    i += need + 1;
  }
  return -1;
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
