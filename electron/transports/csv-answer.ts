import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Result } from '../../shared/protocol/result';
import { CONTENT_SECURITY_POLICY } from './csp';

/**
 * A window's Export CSV asks for the file itself (`Accept: text/csv`): the service's text is sent as the bytes of
 * a CSV file, which the page hands to the browser as a download with no JSON to parse and no 20 MB string to encode
 * again. Any other caller, and any refusal, gets the usual JSON answer.
 */
export function wantsCsvFile(req: IncomingMessage, method: string): boolean {
  return method === 'exportCsv' && (req.headers.accept ?? '').split(',').some((type) => type.trim().startsWith('text/csv'));
}

/** Send an exportCsv answer as a file when it succeeded; false (nothing sent) for a refusal, sent as JSON by the caller. */
export function sendCsvFile(res: ServerResponse, result: Result<unknown>): boolean {
  if (!result.ok || typeof result.value !== 'string') return false;
  res.writeHead(200, {
    'Content-Type': 'text/csv; charset=utf-8',
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'no-store',
  });
  res.end(result.value);
  return true;
}
