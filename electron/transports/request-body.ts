import type { IncomingMessage } from 'node:http';

/**
 * The largest request: a browser-mode import sends the CSV's text in one call, and a 100,000-deal CSV is about
 * 11 MB as that JSON (the benchmark's synthetic book), so 64 MiB carries about 600,000 deals. Bigger
 * files go through `dealbook import`, which reads the file itself. A body is held in memory whole, so the bound
 * is what one request may cost the process.
 */
export const MAX_BODY = 64 * 1024 * 1024;
export const MAX_BODY_WORDS = `${MAX_BODY / 1024 / 1024} MiB`;
/** A body on loopback arrives in well under a second; one that dribbles in holds its memory for nothing. */
export const BODY_TIMEOUTS = { totalMs: 60_000, idleMs: 10_000 };
export type BodyRefusal = 'too_large' | 'too_slow';

/**
 * The body's bytes, or why it was refused: larger than MAX_BODY (said by Content-Length up front, or counted
 * as it arrives, without keeping more than the bound), or slower than the timeouts allow.
 */
export function readBody(req: IncomingMessage, timeouts: { totalMs: number; idleMs: number }): Promise<{ bytes: Buffer } | { refused: BodyRefusal }> {
  if (Number(req.headers['content-length'] ?? 0) > MAX_BODY) return Promise.resolve({ refused: 'too_large' });
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const finish = (outcome: { bytes: Buffer } | { refused: BodyRefusal }) => {
      clearTimeout(total);
      clearTimeout(idle);
      req.off('data', onData);
      resolve(outcome);
    };
    const total = setTimeout(() => finish({ refused: 'too_slow' }), timeouts.totalMs);
    let idle = setTimeout(() => finish({ refused: 'too_slow' }), timeouts.idleMs);
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) return finish({ refused: 'too_large' });
      chunks.push(chunk);
      clearTimeout(idle);
      idle = setTimeout(() => finish({ refused: 'too_slow' }), timeouts.idleMs);
    };
    req.on('data', onData);
    req.on('end', () => finish({ bytes: Buffer.concat(chunks) }));
    req.on('error', (err) => {
      clearTimeout(total);
      clearTimeout(idle);
      reject(err);
    });
  });
}

