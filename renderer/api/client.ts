import type { Client, MethodName } from '../../shared/protocol/contract';
import { isWireTable, tableToList } from '../../shared/protocol/wire-table';
import type { Result } from '../../shared/protocol/result';
import type { ExportRequest } from '../../shared/protocol/desktop-api';
import { desktop } from './desktop';
import { sseFeed, type EventFeed } from './event-feed';

declare global {
  interface Window {
    /** Set by the Electron preload; absent in browser mode. */
    dealbook?: Client;
  }
}

const TOKEN_KEY = 'dealbook-token';

/** Browser mode: take the token from the URL once, keep it for this tab, and drop it from the address bar. */
function browserToken(): string {
  const url = new URL(window.location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    sessionStorage.setItem(TOKEN_KEY, fromUrl);
    url.searchParams.delete('token');
    window.history.replaceState(null, '', url.pathname + url.search + url.hash);
    return fromUrl;
  }
  return sessionStorage.getItem(TOKEN_KEY) ?? '';
}

/** This tab's name in the book's events (`tab:<id>`), so it tells its own steps from other tabs'. */
function newTabId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

function httpClient(headers: Record<string, string>): Client {
  const call = async (method: MethodName, input: unknown): Promise<Result<unknown>> => {
    let body: unknown;
    try {
      const res = await fetch(`/api/${method}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', ...headers },
        body: JSON.stringify(input ?? {}),
      });
      body = await res.json();
    } catch (err) {
      return { ok: false, error: { code: 'io', message: `Lost the connection to the book service: ${(err as Error).message}` } };
    }
    try {
      // A long list of like objects comes as a table (shared/protocol/wire-table.ts).
      return isWireTable(body) ? { ok: true, value: tableToList(body) } : (body as Result<unknown>);
    } catch (err) {
      return { ok: false, error: { code: 'io', message: `The book service sent an answer the window cannot read: ${(err as Error).message}` } };
    }
  };
  // Any method of the contract, by its name: the list lives in the contract alone, and this, the window's first
  // code, does not load the contract's schemas (zod) to learn it. The service refuses a name it does not know.
  return new Proxy({} as Client, {
    get: (_target, name) => (typeof name === 'string' && name !== 'then' ? (input: unknown) => call(name as MethodName, input) : undefined),
  });
}

/**
 * Browser mode's Export CSV: the service's CSV as the bytes of a file (asked with `Accept: text/csv`), handed to the
 * download as they came, with no JSON to parse and no text to encode again. A refusal comes as the usual JSON.
 */
async function fetchCsvFile(headers: Record<string, string>, request: ExportRequest): Promise<Result<Blob>> {
  try {
    const res = await fetch('/api/exportCsv', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'text/csv', ...headers },
      body: JSON.stringify(request),
    });
    if ((res.headers.get('content-type') ?? '').startsWith('text/csv')) return { ok: true, value: await res.blob() };
    return (await res.json()) as Result<Blob>;
  } catch (err) {
    return { ok: false, error: { code: 'io', message: `Lost the connection to the book service: ${(err as Error).message}` } };
  }
}

function connect(): { client: Client; feed: EventFeed; csvFile: (request: ExportRequest) => Promise<Result<Blob>> } {
  if (window.dealbook && desktop) {
    const api = desktop;
    const unused = async () => ({ ok: false as const, error: { code: 'io' as const, message: 'The desktop app saves exports through its own dialog' } });
    return { client: window.dealbook, feed: (on) => api.onBookEvent(on.event), csvFile: unused };
  }
  const headers = { Authorization: `Bearer ${browserToken()}`, 'X-Dealbook-Tab': newTabId() };
  return { client: httpClient(headers), feed: sseFeed(headers), csvFile: (request) => fetchCsvFile(headers, request) };
}

const connection = connect();

/** The one client the UI uses, over whichever transport loaded it. */
export const client: Client = connection.client;
/** The book's change events, over the same transport. */
export const bookEvents: EventFeed = connection.feed;
/** The book's CSV as a file, over the loopback or team server (browser mode). */
export const exportCsvFile = connection.csvFile;
export const isDesktop = Boolean(window.dealbook);
