import { fastCell } from '../../shared/csv/csv-escape';
import { formatPlainNumber } from '../../shared/model/format';
import type { ByteSink } from './byte-sink';
import { BACKSLASH, CLOSE, COMMA, JsonPiece, QUOTE, Unusual } from './json-piece';

export { Unusual } from './json-piece';

const POW10 = Array.from({ length: 16 }, (_, k) => 10 ** k);

/**
 * One JSON piece of deal rows made into CSV in place, each value's cell written as the export writes the value
 * JSON.parse gives (fastCell: text quoted when it holds `"` `,` CR or LF, `"` doubled; numbers as formatPlainNumber),
 * with no string made for a cell (the piece is read in place: see JsonPiece). What could be formula-like text (its
 * first character one of fastCell's), a `\u` escape, or a number other than a plain one of at most 15 digits goes
 * the exact way: JSON.parse of that one value, then fastCell. The caller checks the bytes are UTF-8 first.
 */
export class JsonCells extends JsonPiece {
  /** The last short text read the fast way: its bytes a..b (between the quotes), and whether they hold an escape. */
  a = 0;
  b = 0;
  esc = false;

  /**
   * A number (or null) as its cell; its value. An integer of at most 15 digits, or a decimal of at most 15 digits
   * not ending in 0 (SQLite writes a REAL's 15-digit form only when it reads back to the same double, and that is
   * then the shortest form, String()'s), is copied as it is, its value exact (m / 10^k rounds once).
   */
  num(): unknown {
    const buf = this.buf;
    const a = this.p;
    let i = a;
    let c = buf[i]!;
    if (c === 0x6e) return this.nul();
    const neg = c === 0x2d;
    if (neg) c = buf[++i]!;
    const d0 = i;
    let m = 0;
    while (c >= 0x30 && c <= 0x39) {
      m = m * 10 + (c - 0x30);
      c = buf[++i]!;
    }
    let digits = i - d0;
    let k = 0;
    if (c === 0x2e && digits > 0) {
      const f0 = ++i;
      c = buf[i]!;
      while (c >= 0x30 && c <= 0x39) {
        m = m * 10 + (c - 0x30);
        c = buf[++i]!;
      }
      k = i - f0;
      digits += k;
      if (k === 0 || buf[i - 1] === 0x30) return this.exact(a);
    }
    if ((c === COMMA || c === CLOSE) && digits > 0 && digits <= 15 && (buf[d0] !== 0x30 || i - d0 === 1 || buf[d0 + 1] === 0x2e) && !(neg && m === 0)) {
      this.copy(a, i);
      this.p = i;
      const v = k === 0 ? m : m / POW10[k]!;
      return neg ? -v : v;
    }
    return this.exact(a);
  }

  /** A plain integer (a party's id), not written: anything else is Unusual. */
  int(): number {
    const buf = this.buf;
    const d0 = this.p;
    let i = d0;
    let c = buf[i]!;
    let v = 0;
    while (c >= 0x30 && c <= 0x39) {
      v = v * 10 + (c - 0x30);
      c = buf[++i]!;
    }
    if (i === d0 || i - d0 > 15 || (c !== COMMA && c !== CLOSE)) throw new Unusual('an id that is not a plain integer');
    this.p = i;
    return v;
  }

  /**
   * A short text (or null: `dflt` written, null returned) as its cell, read byte by byte. Returns undefined when
   * read the fast way (its bytes are a..b, see word), else the value JSON.parse gives.
   */
  text(dflt: string | null = null): unknown {
    const buf = this.buf;
    const p = this.p;
    const c0 = buf[p];
    if (c0 === 0x6e) {
      if (dflt !== null) this.out.ascii(dflt);
      return this.nul();
    }
    if (c0 !== QUOTE || this.formulaStart(p + 1)) return this.exact(p);
    const a = p + 1;
    const end = this.end;
    let esc = false;
    let quote = false;
    let i = a;
    for (;;) {
      if (i >= end) throw new Unusual('text without its end');
      const c = buf[i]!;
      if (c === QUOTE) break;
      if (c === BACKSLASH) {
        const e = buf[i + 1];
        if (e === 0x75) return this.exact(p);
        if (e === QUOTE || e === 0x6e || e === 0x72) quote = true;
        esc = true;
        i += 2;
        continue;
      }
      if (c === COMMA) quote = true;
      i++;
    }
    this.a = a;
    this.b = i;
    this.esc = esc;
    this.p = i + 1;
    if (!esc && !quote) this.copy(a, i);
    else this.unescaped(a, i, quote);
    return undefined;
  }

  /** A long text (a URL, notes) as its cell, searched natively: its runs between escapes moved with copyWithin. */
  long(): void {
    const buf = this.buf;
    const p = this.p;
    const c0 = buf[p];
    if (c0 === 0x6e) {
      this.nul();
      return;
    }
    if (c0 !== QUOTE || this.formulaStart(p + 1)) {
      this.exact(p);
      return;
    }
    const a = p + 1;
    // The closing quote: the first `"` that no backslash escapes, found between the escapes.
    let from = a;
    let quote = false;
    let end: number;
    for (;;) {
      const q = this.find(QUOTE_TEXT, from);
      const e = this.slash(from);
      if (q < e) {
        end = q;
        break;
      }
      const x = buf[e + 1];
      if (x === 0x75) {
        this.exact(p);
        return;
      }
      if (x === QUOTE || x === 0x6e || x === 0x72) quote = true;
      from = e + 2;
    }
    if (!quote) quote = this.find(',', a) < end;
    this.p = end + 1;
    const out = this.out;
    if (quote) out.buf[out.n++] = QUOTE;
    if (from === a) this.copy(a, end);
    else this.unescaped(a, end, false);
    if (quote) out.buf[out.n++] = QUOTE;
  }

  /** The short text just read the fast way as one of `words` (the same string), or its value decoded. */
  word(words: readonly string[]): string {
    if (!this.esc) {
      const buf = this.buf;
      const a = this.a;
      const n = this.b - a;
      for (const w of words) {
        if (w.length !== n) continue;
        let k = 0;
        while (k < n && buf[a + k] === w.charCodeAt(k)) k++;
        if (k === n) return w;
      }
    }
    return this.decoded();
  }

  /** The short text just read the fast way, as JSON.parse gives it. */
  decoded(): string {
    return JSON.parse(this.buf.toString('utf8', this.a - 1, this.b + 1)) as string;
  }

  /** fastCell's formula starts at a text's first byte (' = + - @, an escaped tab CR LF, full-width = + - @ as EF BC xx). */
  private formulaStart(a: number): boolean {
    const buf = this.buf;
    const f = buf[a];
    if (f === 0x27 || f === 0x3d || f === 0x2b || f === 0x2d || f === 0x40) return true;
    if (f === BACKSLASH) {
      const e = buf[a + 1];
      return e === 0x74 || e === 0x72 || e === 0x6e || e === 0x75;
    }
    return f === 0xef && buf[a + 1] === 0xbc && (buf[a + 2] === 0x9d || buf[a + 2] === 0x8b || buf[a + 2] === 0x8d || buf[a + 2] === 0xa0);
  }

  /** Bytes a..b (no `\u` among them) unescaped, quoted when `quote` (an escaped `"` is doubled either way). */
  private unescaped(a: number, b: number, quote: boolean): void {
    const buf = this.buf;
    const out = this.out;
    if (quote) out.buf[out.n++] = QUOTE;
    let run = a;
    for (let e = this.slash(a); e < b; e = this.slash(e + 2)) {
      this.copy(run, e);
      const x = buf[e + 1]!;
      if (x === QUOTE) {
        out.buf[out.n++] = QUOTE;
        out.buf[out.n++] = QUOTE;
      } else out.buf[out.n++] = UNESCAPE[x] ?? badEscape();
      run = e + 2;
    }
    this.copy(run, b);
    if (quote) out.buf[out.n++] = QUOTE;
  }

  /** The value starting at a, as JSON.parse reads it, and its cell as the export writes that value. */
  private exact(a: number): unknown {
    const buf = this.buf;
    let i = a;
    if (buf[a] === QUOTE) {
      for (i = a + 1; i < this.end && buf[i] !== QUOTE; i++) if (buf[i] === BACKSLASH) i++;
      i++;
    } else {
      while (i < this.end && buf[i] !== COMMA && buf[i] !== CLOSE) i++;
    }
    const value: unknown = JSON.parse(buf.toString('utf8', a, i));
    if (value !== null && typeof value !== 'string' && typeof value !== 'number') throw new Unusual(`a ${typeof value} in a cell`);
    this.p = i;
    // At most the value's bytes and one more for text (`"'` and `"` for its JSON quotes; `\"` is two bytes for `""`),
    // at most a few hundred digits for a number: within the room kept ahead.
    if (value !== null) this.out.text(fastCell(value));
    return value;
  }
}

const QUOTE_TEXT = '"';

/** A number cell (or another cell value) as csv-rows' num writes it. */
export function writeCell(out: ByteSink, v: unknown): void {
  if (v == null) return;
  if (typeof v === 'number') out.ascii(formatPlainNumber(v));
  else out.text(fastCell(v as string));
}

// The byte each one-character JSON escape stands for (`\"` is handled where quotes are doubled; `\u` goes the exact way).
const UNESCAPE: Record<number, number> = { 0x5c: 0x5c, 0x2f: 0x2f, 0x62: 0x08, 0x66: 0x0c, 0x6e: 0x0a, 0x72: 0x0d, 0x74: 0x09 };

function badEscape(): never {
  throw new Unusual('not a JSON escape');
}
