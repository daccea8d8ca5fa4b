import type { IncomingMessage, ServerResponse } from 'node:http';
import { firstInvalidUtf8 } from '../../shared/csv/csv-decode';
import { fail, type Result } from '../../shared/protocol/result';

/**
 * The largest request: a browser-mode import sends the CSV's text in one call, and a 100,000-deal CSV is about
 * 20 MB as that JSON (the benchmark's realistic synthetic book), so 64 MiB carries about 300,000 deals. Bigger
 * files go through `dealbook import`, which reads the file itself. A body is held in memory whole, so the bound
 * is what one request may cost the process.
 */
export const MAX_BODY = 64 * 1024 * 1024;
export const MAX_BODY_WORDS = `${MAX_BODY / 1024 / 1024} MiB`;
/** A body on loopback arrives in well under a second; one that dribbles in holds its memory for nothing. */
export const BODY_TIMEOUTS = { totalMs: 60_000, idleMs: 10_000 };
export type BodyTimeouts = { totalMs: number; idleMs: number };
export type BodyRefusal = 'too_large' | 'too_slow';

/**
 * The body's bytes, or why it was refused: larger than MAX_BODY (said by Content-Length up front, or counted
 * as it arrives, without keeping more than the bound), or slower than the timeouts allow.
 */
export function readBody(req: IncomingMessage, timeouts: BodyTimeouts, max = MAX_BODY): Promise<{ bytes: Buffer } | { refused: BodyRefusal }> {
  if (Number(req.headers['content-length'] ?? 0) > max) return Promise.resolve({ refused: 'too_large' });
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
      if (size > max) return finish({ refused: 'too_large' });
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


// Beyond this much of a refused body, the connection is cut rather than read to its end.
const DISCARD_LIMIT = 4 * MAX_BODY;

/** How a server answers: a status and a typed result, as JSON. */
export type JsonAnswer = (res: ServerResponse, status: number, body: Result<unknown>) => void;

/**
 * The one reader of an API call's JSON body, for every HTTP server (browser mode's loopback server and the team
 * server): bounded in size and pace (readBody), decoded strictly as UTF-8 (a replacing decoder would store
 * "Caf\uFFFD", as every import door refuses to: shared/csv/csv-decode), parsed. The payload, or null once the
 * refusal has been answered in words. `tooLarge` is that server's sentence for a body over the bound.
 */
export async function readJsonBody(req: IncomingMessage, res: ServerResponse, options: { timeouts: BodyTimeouts; tooLarge: string; answer: JsonAnswer }): Promise<{ payload: unknown } | null> {
  const read = await readBody(req, options.timeouts);
  if ('refused' in read) {
    refuseBody(req, res, read.refused, options);
    return null;
  }
  const body = read.bytes;
  let text: string;
  try {
    text = UTF8.decode(body);
  } catch {
    const at = firstInvalidUtf8(body);
    options.answer(res, 400, fail('invalid_payload', `Body is not valid UTF-8 text (byte 0x${body[at]!.toString(16).toUpperCase().padStart(2, '0')} at offset ${at}); send UTF-8 JSON`));
    return null;
  }
  try {
    return { payload: text.length ? JSON.parse(text) : {} };
  } catch {
    options.answer(res, 400, fail('invalid_payload', 'Body is not valid JSON'));
    return null;
  }
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Answer a refused body in words, then close the connection. A too-large body's rest is read and thrown away
 * (never kept), up to a few times the bound, because a browser reads the answer only once its upload is sent:
 * cut off at once, it would show a reset connection instead of the message. A stalled body is cut off at once.
 */
function refuseBody(req: IncomingMessage, res: ServerResponse, why: BodyRefusal, options: { timeouts: BodyTimeouts; tooLarge: string; answer: JsonAnswer }): void {
  res.shouldKeepAlive = false;
  if (why === 'too_slow') {
    res.once('finish', () => req.destroy());
    return options.answer(res, 408, fail('invalid_payload', 'Request body too slow: it did not arrive in time, so it was dropped. Nothing was saved.'));
  }
  let discarded = 0;
  const cut = () => req.destroy();
  const idle = setTimeout(cut, options.timeouts.idleMs);
  req.on('data', (chunk: Buffer) => {
    discarded += chunk.length;
    if (discarded > DISCARD_LIMIT) cut();
    else idle.refresh();
  });
  req.once('close', () => clearTimeout(idle));
  if (Number(req.headers['content-length'] ?? 0) > DISCARD_LIMIT || req.readableEnded) res.once('finish', cut);
  req.resume();
  return options.answer(res, 413, fail('invalid_payload', options.tooLarge));
}
