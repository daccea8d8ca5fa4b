import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CsvColumn } from '../../../shared/csv/csv-write';
import { startHttpServer, type RunningServer } from '../../../electron/transports/http-server';
import type { Result } from '../../../shared/protocol/result';
import type { ImportReport } from '../../../shared/protocol/contract';
import { bookRowsHash } from '../../helpers/book-rows';
import { tempBook } from '../../helpers/temp-book';

let book: Awaited<ReturnType<typeof tempBook>>;
let server: RunningServer;

beforeAll(async () => {
  book = await tempBook({ sample: true });
  server = await startHttpServer({ handlers: book.service });
});
afterAll(async () => {
  await server.close();
  book.cleanup();
});

async function post(method: string, body: Buffer | string): Promise<{ status: number; body: Result<unknown> }> {
  const res = await fetch(`http://127.0.0.1:${server.port}/api/${method}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${server.token}` },
    body: typeof body === 'string' ? body : new Blob([new Uint8Array(body)]),
  });
  return { status: res.status, body: (await res.json()) as Result<unknown> };
}

describe('CSV import over HTTP', () => {
  it('a header of 130,000 columns is a problem on line 1 in the report, not an internal error', async () => {
    const before = bookRowsHash(book.service);
    const text = `announced,from_party,to_party,kind,${Array.from({ length: 130_000 }, (_, i) => `c${i}`).join(',')}\r\n2025-01-01,A,B,investment\r\n`;
    const r = await post('importCsv', JSON.stringify({ text }));
    expect(r.status).toBe(200);
    const report = (r.body as { ok: true; value: ImportReport }).value;
    expect(report.problems).toEqual([{ line: 1, message: 'header has 130,004 columns; a deal file has at most 1,000' }]);
    expect(bookRowsHash(book.service)).toBe(before);
  });

  it('decodes the body strictly: a raw 0xE9 is refused, never stored as "Caf\uFFFD"', async () => {
    const before = bookRowsHash(book.service);
    const json = Buffer.from(JSON.stringify({ text: 'announced,from_party,to_party,kind\r\n2025-01-01,CafX,B,investment\r\n' }));
    json[json.indexOf('CafX') + 3] = 0xe9;
    const r = await post('importCsv', json);
    expect(r.status).toBe(400);
    expect(r.body).toMatchObject({ ok: false, error: { code: 'invalid_payload', message: expect.stringContaining('not valid UTF-8') } });
    expect(bookRowsHash(book.service)).toBe(before);
    expect(book.service.listParties({}).some((p) => p.name.startsWith('Caf'))).toBe(false);
  });

  it('a 10 MB header comes back as a short excerpt', async () => {
    const text = `announced,from_party,to_party,${'K'.repeat(10_000_000)}\r\n2025-01-01,A,B,x\r\n`;
    const r = await post('importCsv', JSON.stringify({ text, dryRun: true }));
    expect(r.status).toBe(200);
    expect(JSON.stringify(r.body).length).toBeLessThan(2000);
  });
});

describe('CSV export over HTTP', () => {
  const ask = (body: object, accept?: string) =>
    fetch(`http://127.0.0.1:${server.port}/api/exportCsv`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${server.token}`, ...(accept ? { Accept: accept } : {}) },
      body: JSON.stringify(body),
    });

  it("sends a window's Export CSV (Accept: text/csv) as the file's bytes: those ids and columns, in that order", async () => {
    const ids = book.service.listDeals({}).map((r) => r.id).slice(0, 5).reverse();
    const request = { ids, columns: ['id', 'to_party', 'amount_usd', 'amount_basis', 'notes'] as CsvColumn[], scenario: 'Base' };
    const res = await ask(request, 'text/csv');
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    const text = new TextDecoder('utf-8', { fatal: true }).decode(await res.arrayBuffer());
    expect(text).toBe(book.service.exportCsv(request));
    const lines = text.split('\r\n');
    expect(lines[0]).toBe('id,to_party,amount_usd,amount_basis,notes');
    expect(lines.slice(1, 6).map((line) => Number(line.split(',')[0]))).toEqual(ids);
    // Any other caller gets the usual JSON answer with the same text.
    expect(await (await ask(request)).json()).toEqual({ ok: true, value: text });
  });

  it('answers a refusal as JSON, file or not', async () => {
    const res = await ask({ scenario: 'No such scenario' }, 'text/csv');
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await res.json()).toMatchObject({ ok: false, error: { code: 'not_found' } });
    const bad = await ask({ columns: ['id', 'password'] }, 'text/csv');
    expect(await bad.json()).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
  });
});
