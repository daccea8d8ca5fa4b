/** Bytes written one after another into a buffer that grows as needed (a CSV made as bytes, never as a string). */
export class ByteSink {
  buf: Buffer;
  n = 0;

  constructor(size: number) {
    this.buf = Buffer.allocUnsafe(Math.max(size, 1024));
  }

  /** Make room for k more bytes; every writer below but `byte` makes its own. */
  room(k: number): void {
    if (this.n + k <= this.buf.length) return;
    const next = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.n + k));
    this.buf.copy(next, 0, 0, this.n);
    this.buf = next;
  }

  /** One byte, in room made before. */
  byte(b: number): void {
    this.buf[this.n++] = b;
  }

  /** Text of ASCII characters only (numbers, separators, the basis words): no encoder call for a few bytes. */
  ascii(s: string): void {
    this.room(s.length);
    const buf = this.buf;
    let n = this.n;
    for (let i = 0; i < s.length; i++) buf[n++] = s.charCodeAt(i);
    this.n = n;
  }

  /** Any text, as UTF-8 (a lone surrogate as U+FFFD, as every other writer of the export encodes it); room for its bytes only. */
  text(s: string): void {
    const length = Buffer.byteLength(s, 'utf8');
    this.room(length);
    this.n += this.buf.write(s, this.n, length, 'utf8');
  }

  /** Bytes a..b of src; a short run by hand (a call into the runtime costs more than copying a party name). */
  copy(src: Uint8Array, a: number, b: number): void {
    this.room(b - a);
    const buf = this.buf;
    if (b - a < 48) {
      let n = this.n;
      for (let i = a; i < b; i++) buf[n++] = src[i]!;
      this.n = n;
      return;
    }
    buf.set(src.subarray(a, b), this.n);
    this.n += b - a;
  }

  /** What was written. */
  bytes(): Buffer {
    return this.buf.subarray(0, this.n);
  }
}
