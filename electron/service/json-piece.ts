import type { ByteSink } from './byte-sink';

/**
 * Met in the bytes where a book this app wrote never has it (a party that is gone, ids out of order, something not
 * JSON's): the export reads the book the usual way instead, which says what is wrong as it always has.
 */
export class Unusual extends Error {}

export const QUOTE = 0x22;
export const BACKSLASH = 0x5c;
export const COMMA = 0x2c;
export const CLOSE = 0x5d;

/**
 * A JSON piece read in place at the end of a sink's buffer while what is made of it is written before it, into the
 * same buffer: a run of bytes moves with copyWithin, the cheapest copy there is (a copy between two buffers costs
 * several times more per call), and long texts are searched with a latin1 view's indexOf (a builtin, no call into
 * the runtime). JsonCells reads the values.
 */
export class JsonPiece {
  buf: Buffer;
  p = 0;
  end = 0;
  protected str = '';
  protected strAt = 0;
  // The first backslash at or after slashFrom (the piece's end when none).
  private slashAt = 0;
  private slashFrom = 0;

  /** `room`: the most one row's cells can need beyond its JSON bytes (see csv-export-bytes). */
  constructor(
    protected readonly out: ByteSink,
    private readonly room: number,
  ) {
    this.buf = out.buf;
  }

  /** Put a piece after the cells written so far, with room for them to grow, and read from its start. */
  start(src: Uint8Array, rows: number): void {
    const gap = this.room + rows * 64;
    this.out.room(gap + src.length);
    const at = this.out.n + gap;
    this.buf = this.out.buf;
    this.buf.set(src, at);
    this.p = at;
    this.end = at + src.length;
    this.view(at);
  }

  /**
   * Before each row: when the cells have come within `room` of the bytes still to read, move those further on. The
   * sink's buffer is never grown under a piece (that would leave the bytes still to read behind): checked here.
   */
  make(): void {
    this.check();
    if (this.p - this.out.n >= this.room) return;
    const left = this.end - this.p;
    const out = this.out;
    const gap = this.room * 2 + 65536;
    if (out.n + gap + left > out.buf.length) {
      const bigger = Buffer.allocUnsafe(Math.max(out.buf.length * 2, out.n + gap + left));
      out.buf.copy(bigger, 0, 0, out.n);
      out.buf.copy(bigger, out.n + gap, this.p, this.end);
      out.buf = bigger;
    } else out.buf.copyWithin(out.n + gap, this.p, this.end);
    this.buf = out.buf;
    this.p = out.n + gap;
    this.end = this.p + left;
    this.view(this.p);
  }

  /** The cells were all written where they belong (the sink's buffer did not move under the piece). */
  check(): void {
    if (this.out.buf !== this.buf) throw new Unusual('the buffer moved');
  }

  private view(at: number): void {
    this.str = this.buf.toString('latin1', at, this.end);
    this.strAt = at;
    this.slashFrom = this.end + 1;
  }

  expect(c: number): void {
    if (this.buf[this.p] !== c) throw new Unusual(`expected ${String.fromCharCode(c)}`);
    this.p++;
  }

  /** The separator between two values: `,` read, `,` written. */
  next(): void {
    this.expect(COMMA);
    this.out.buf[this.out.n++] = COMMA;
  }

  /** The next backslash at or after `from` (the piece's end when none): one search per backslash in the piece. */
  protected slash(from: number): number {
    if (from < this.slashFrom || this.slashAt < from) {
      const at = this.str.indexOf('\\', from - this.strAt);
      this.slashAt = at < 0 ? this.end : at + this.strAt;
      this.slashFrom = from;
    }
    return this.slashAt;
  }

  protected find(text: string, from: number): number {
    const at = this.str.indexOf(text, from - this.strAt);
    return at < 0 ? this.end : at + this.strAt;
  }

  /** Bytes a..b of the piece to the cells' end: short runs by hand, longer ones with copyWithin. */
  protected copy(a: number, b: number): void {
    const out = this.out;
    const buf = this.buf;
    if (b - a < 24) {
      let n = out.n;
      for (let i = a; i < b; i++) buf[n++] = buf[i]!;
      out.n = n;
      return;
    }
    buf.copyWithin(out.n, a, b);
    out.n += b - a;
  }

  protected nul(): null {
    this.p += 4;
    return null;
  }
}
