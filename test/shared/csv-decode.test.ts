import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeCsvBytes, firstInvalidUtf8 } from '../../shared/csv-decode';
import { expectedValid, materialiseMalformed, VALID_DIR } from '../fixtures/csv/corpus';

const bytes = (...parts: (string | number[])[]) =>
  new Uint8Array(parts.flatMap((p) => (typeof p === 'string' ? [...new TextEncoder().encode(p)] : p)));

const problemOf = (b: Uint8Array) => {
  const decoded = decodeCsvBytes(b);
  if (decoded.ok) throw new Error('expected a problem');
  return decoded.problem;
};

const dir = mkdtempSync(join(tmpdir(), 'dealbook-csv-decode-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('strict decoding of import files', () => {
  it('decodes UTF-8 as is and drops a BOM', () => {
    expect(decodeCsvBytes(bytes('a,b\r\nSociété, 日本 ✓\r\n'))).toEqual({ ok: true, text: 'a,b\r\nSociété, 日本 ✓\r\n' });
    expect(decodeCsvBytes(bytes([0xef, 0xbb, 0xbf], 'a,b\n'))).toEqual({ ok: true, text: 'a,b\n' });
    expect(decodeCsvBytes(new Uint8Array())).toEqual({ ok: true, text: '' });
  });

  it('keeps a U+FFFD the file really contains (it is valid UTF-8)', () => {
    expect(decodeCsvBytes(bytes('a\n\uFFFD\n'))).toEqual({ ok: true, text: 'a\n\uFFFD\n' });
  });

  it('refuses Latin-1 with the line of the first bad byte and the bytes themselves', () => {
    const p = problemOf(bytes('announced,notes\r\n2025-01-01,ok\r\n2025-01-02,Soci', [0xe9], 't\r\n'));
    expect(p).toEqual({ line: 3, value: 'bytes 0xE9 0x74', message: expect.stringContaining('not valid UTF-8') });
  });

  it('counts lines the way the parser does: CRLF, LF and a lone CR', () => {
    expect(problemOf(bytes('a\rb\nc\r\nd', [0xff])).line).toBe(4);
  });

  it('refuses overlong forms, surrogates, code points above U+10FFFF and cut-off sequences', () => {
    for (const bad of [[0xc0, 0x80], [0xe0, 0x80, 0x80], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xe2, 0x82], [0x80]]) {
      const p = problemOf(bytes('ok\n', bad, '\n'));
      expect(p.line, bad.join(' ')).toBe(2);
    }
  });

  it('says UTF-16 for UTF-16 with or without a BOM', () => {
    const le = new Uint8Array([...'a,b\n'].flatMap((c) => [c.charCodeAt(0), 0]));
    const be = new Uint8Array([...'a,b\n'].flatMap((c) => [0, c.charCodeAt(0)]));
    for (const b of [new Uint8Array([0xff, 0xfe, ...le]), new Uint8Array([0xfe, 0xff, ...be]), le, be]) {
      expect(problemOf(b)).toMatchObject({ line: 1, message: expect.stringContaining('UTF-16') });
    }
  });

  it('calls NUL bytes binary data, at the first bad byte', () => {
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

  it('gives the malformed corpus files that are not UTF-8 text their expected line and message', () => {
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
