import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeCsvBytes, firstInvalidUtf8, mixedEncodingWarning } from '../../../shared/csv/csv-decode';
import { mapCsv } from '../../../shared/csv/csv-map';
import { expectedValid, materialiseMalformed, VALID_DIR } from '../../fixtures/csv/corpus';

const bytes = (...parts: (string | number[])[]) =>
  new Uint8Array(parts.flatMap((p) => (typeof p === 'string' ? [...new TextEncoder().encode(p)] : p)));

const problemOf = (b: Uint8Array) => {
  const decoded = decodeCsvBytes(b);
  if (decoded.ok) throw new Error('expected a problem');
  return decoded.problem;
};

const dir = mkdtempSync(join(tmpdir(), 'dealbook-csv-decode-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('decoding import files: UTF-8, UTF-16 with a BOM, else Windows-1252', () => {
  it('decodes UTF-8 as is and drops a BOM', () => {
    expect(decodeCsvBytes(bytes('a,b\r\nSociété, 日本 ✓\r\n'))).toEqual({ ok: true, text: 'a,b\r\nSociété, 日本 ✓\r\n', encoding: 'utf-8' });
    expect(decodeCsvBytes(bytes([0xef, 0xbb, 0xbf], 'a,b\n'))).toEqual({ ok: true, text: 'a,b\n', encoding: 'utf-8' });
    expect(decodeCsvBytes(new Uint8Array())).toEqual({ ok: true, text: '', encoding: 'utf-8' });
  });

  it('keeps a U+FFFD the file really contains (it is valid UTF-8)', () => {
    expect(decodeCsvBytes(bytes('a\n\uFFFD\n'))).toEqual({ ok: true, text: 'a\n\uFFFD\n', encoding: 'utf-8' });
  });

  it('reads a file that is not UTF-8 as Windows-1252, the 0x80-0x9F range included', () => {
    const d = decodeCsvBytes(bytes('announced,notes\r\n2025-01-02,Soci', [0xe9], 't', [0x80, 0x93], 'x', [0x94, 0x85], '\r\n'));
    expect(d).toEqual({ ok: true, text: 'announced,notes\r\n2025-01-02,Sociét€“x”…\r\n', encoding: 'windows-1252' });
  });

  it('refuses a byte Windows-1252 leaves undefined, or a control byte, with its line', () => {
    for (const b of [0x81, 0x8d, 0x8f, 0x90, 0x9d, 0x01, 0x1b]) {
      const p = problemOf(bytes('a\rb\nc\r\nd', [0xe9, b], '\n'));
      expect(p, b.toString(16)).toMatchObject({ line: 4, message: expect.stringContaining('neither UTF-8 nor Windows-1252') });
    }
  });

  it('decodes UTF-16 with a BOM, both byte orders', () => {
    const le = [...'a,é\n'].flatMap((c) => [c.charCodeAt(0), 0]);
    const be = [...'a,é\n'].flatMap((c) => [0, c.charCodeAt(0)]);
    expect(decodeCsvBytes(new Uint8Array([0xff, 0xfe, ...le]))).toEqual({ ok: true, text: 'a,é\n', encoding: 'utf-16le' });
    expect(decodeCsvBytes(new Uint8Array([0xfe, 0xff, ...be]))).toEqual({ ok: true, text: 'a,é\n', encoding: 'utf-16be' });
  });

  it('refuses UTF-16 that does not decode or holds NUL characters, with the line', () => {
    const le = (s: string) => [...s].flatMap((c) => [c.charCodeAt(0), 0]);
    expect(problemOf(new Uint8Array([0xff, 0xfe, ...le('a\nb\n'), 0x00, 0xd8, ...le('x')]))).toMatchObject({ line: 3, message: expect.stringContaining('UTF-16') });
    expect(problemOf(new Uint8Array([0xff, 0xfe, ...le('a\nb\n\u0000')]))).toMatchObject({ line: 3, message: expect.stringContaining('NUL') });
  });

  it('refuses UTF-16 without a BOM (every other byte NUL)', () => {
    const le = new Uint8Array([...'a,b\n'].flatMap((c) => [c.charCodeAt(0), 0]));
    const be = new Uint8Array([...'a,b\n'].flatMap((c) => [0, c.charCodeAt(0)]));
    for (const b of [le, be]) expect(problemOf(b)).toMatchObject({ line: 1, message: expect.stringContaining('UTF-16 without a byte-order mark') });
  });

  it('calls NUL bytes binary data, at the first NUL', () => {
    expect(problemOf(bytes('a,b\nc,d\n', [0x1f, 0x8b, 0x08, 0x00]))).toMatchObject({ line: 3, message: expect.stringContaining('binary data') });
  });

  it('finds the first invalid byte exactly where TextDecoder would fail', () => {
    // A seeded walk over random byte strings biased towards multi-byte lead and continuation bytes.
    let seed = 7;
    const next = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const pool = [0x41, 0x0a, 0x80, 0x9f, 0xa0, 0xbf, 0xc2, 0xdf, 0xe0, 0xed, 0xef, 0xf0, 0xf4, 0xf5, 0xff];
    const strict = new TextDecoder('utf-8', { fatal: true });
    for (let n = 0; n < 5000; n++) {
      const b = new Uint8Array(Array.from({ length: 1 + Math.floor(next() * 8) }, () => pool[Math.floor(next() * pool.length)]!));
      let valid = true;
      try {
        strict.decode(b);
      } catch {
        valid = false;
      }
      const at = firstInvalidUtf8(b);
      expect(at === -1, Array.from(b).join(' ')).toBe(valid);
      if (!valid) {
        // Everything before the reported byte decodes; the reported byte starts the bad sequence.
        expect(() => strict.decode(b.subarray(0, at))).not.toThrow();
      }
    }
  });

  it('gives the malformed corpus files that are not text their expected line and message', () => {
    const encodingFiles = materialiseMalformed(dir).filter((f) => /binary|encoding/.test(f.name));
    expect(encodingFiles.length).toBe(3);
    for (const file of encodingFiles) {
      const p = problemOf(readFileSync(file.path));
      expect(p.line, file.name).toBe(file.expected.line);
      expect(p.message, file.name).toContain(file.expected.message);
    }
  });

  it('decodes every valid corpus file', () => {
    for (const name of Object.keys(expectedValid())) expect(decodeCsvBytes(readFileSync(join(VALID_DIR, name))).ok, name).toBe(true);
  });
});

describe('a UTF-8 file with a stray Windows-1252 byte (a mixed file)', () => {
  const HEAD = 'announced,from_party,to_party,kind\r\n';
  const mixed = bytes(HEAD, '2025-01-02,Zoë,B,investment\r\n2025-01-03,Caf', [0xe9], ',B,investment\r\n');

  it('is still read as Windows-1252 (the spec rule), and the warning names the line of the first byte that is not UTF-8', () => {
    const d = decodeCsvBytes(mixed);
    expect(d).toMatchObject({ ok: true, encoding: 'windows-1252', text: expect.stringContaining('ZoÃ«') });
    const warning = mixedEncodingWarning((d as { text: string }).text);
    expect(warning).toEqual({ line: 3, value: 'byte 0xE9', message: expect.stringContaining('holds UTF-8 text too (from line 2)') });
    expect(warning!.message).toContain('Zoë as ZoÃ«');
  });

  it('names the first invalid byte even when it comes before the UTF-8 text', () => {
    const d = decodeCsvBytes(bytes(HEAD, 'x,Caf', [0xe9], ',B,investment\r\n\r\n2025,Zoë,B,investment\r\n'));
    expect(mixedEncodingWarning((d as { text: string }).text)).toMatchObject({ line: 2, message: expect.stringContaining('(from line 4)') });
  });

  it('drops a UTF-8 byte-order mark there too, so the first header still reads', () => {
    const d = decodeCsvBytes(bytes([0xef, 0xbb, 0xbf], HEAD, '2025-01-02,Zoë,B,investment\r\n2025-01-03,Caf', [0xe9], ',B,investment\r\n'));
    expect(d).toMatchObject({ ok: true, encoding: 'windows-1252', text: expect.stringMatching(/^announced,/) });
    const text = (d as { text: string }).text;
    expect(mixedEncodingWarning(text)).toMatchObject({ line: 3, message: expect.stringContaining('(from line 2)') });
    expect(mapCsv(text, { encoding: 'windows-1252' }).problems).toEqual([]);
    // With nothing else of UTF-8 in it, the mark says nothing of the text: no warning.
    expect(mixedEncodingWarning((decodeCsvBytes(bytes([0xef, 0xbb, 0xbf], HEAD, 'x,Caf', [0xe9], '\r\n')) as { text: string }).text)).toBeNull();
  });

  it('says nothing of a file that is Windows-1252 throughout, or of UTF-8 text', () => {
    const cp1252 = decodeCsvBytes(bytes(HEAD, '2025-01-02,Soci', [0xe9], 't', [0xe9], ' G', [0xe9, 0x6e, 0xe9], 'rale,', [0x93], 'B', [0x94], ',investment\r\n'));
    expect(cp1252).toMatchObject({ ok: true, encoding: 'windows-1252' });
    expect(mixedEncodingWarning((cp1252 as { text: string }).text)).toBeNull();
    expect(mixedEncodingWarning('a,b\r\nZoë,日本\r\n')).toBeNull();
  });

  it('puts the warning in the import report only for text read as Windows-1252', () => {
    const text = (decodeCsvBytes(mixed) as { text: string }).text;
    expect(mapCsv(text, { encoding: 'windows-1252' }).warnings).toEqual([mixedEncodingWarning(text)]);
    expect(mapCsv(text).warnings).toEqual([]);
    expect(mapCsv(text, { encoding: 'utf-8' }).warnings).toEqual([]);
  });
});
