import { connect } from 'node:net';

/** What came back on one raw connection: the status, the body (unchunked), and whether the server closed it. */
export type RawReply = { status: number; body: string; closed: boolean };

/**
 * One request on a raw socket, for the doors a client library would smooth over (a body's size, pace and bytes):
 * write the head, then body parts with pauses (numbers, in ms), and read until the server closes the connection or
 * has answered in full (chunked or with a Content-Length).
 */
export function rawExchange(port: number, head: string, parts: (string | Buffer | number)[] = []): Promise<RawReply> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let data = Buffer.alloc(0);
    let done = false;
    const finish = (closed: boolean) => {
      if (done) return;
      done = true;
      const text = data.toString('utf8');
      const body = text.slice(text.indexOf('\r\n\r\n') + 4);
      resolve({ status: Number(/^HTTP\/1\.1 (\d+)/.exec(text)?.[1] ?? 0), body: /\r\ntransfer-encoding: chunked/i.test(text) ? unchunk(body) : body, closed });
      socket.destroy();
    };
    socket.on('data', (d: Buffer) => {
      // Bytes are kept until the end, so a character split across two packets is decoded whole.
      data = Buffer.concat([data, d]);
      const text = data.toString('utf8');
      const length = Number(/\r\ncontent-length: (\d+)/i.exec(text)?.[1] ?? -1);
      const start = text.indexOf('\r\n\r\n');
      const whole = text.endsWith('\r\n0\r\n\r\n') || (length >= 0 && start >= 0 && data.length - Buffer.byteLength(text.slice(0, start + 4)) >= length);
      // A whole answer on a connection the server may keep open: wait a moment to see whether it closes it anyway.
      if (whole) setTimeout(() => finish(socket.destroyed || socket.readableEnded), 100);
    });
    socket.on('close', () => finish(true));
    socket.on('error', (err) => (data.length ? finish(true) : reject(err)));
    socket.write(head);
    void (async () => {
      for (const part of parts) {
        if (socket.destroyed) return;
        if (typeof part === 'number') await new Promise((r) => setTimeout(r, part));
        else socket.write(part);
      }
    })();
  });
}

/** The body of a chunked answer. */
export function unchunk(raw: string): string {
  let out = '';
  let rest = raw;
  for (;;) {
    const eol = rest.indexOf('\r\n');
    const size = parseInt(rest.slice(0, eol), 16);
    if (eol < 0 || !size) return out;
    out += rest.slice(eol + 2, eol + 2 + size);
    rest = rest.slice(eol + 2 + size + 2);
  }
}
