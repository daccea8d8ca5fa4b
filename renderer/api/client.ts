import type { Client, MethodName } from '../../shared/contract';
import { METHOD_NAMES } from '../../shared/method-names';
import { isWireTable, tableToList } from '../../shared/wire-table';
import type { Result } from '../../shared/result';

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

function httpClient(token: string): Client {
  const call = async (method: MethodName, input: unknown): Promise<Result<unknown>> => {
    let body: unknown;
    try {
      const res = await fetch(`/api/${method}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
        body: JSON.stringify(input ?? {}),
      });
      body = await res.json();
    } catch (err) {
      return { ok: false, error: { code: 'io', message: `Lost the connection to the book service: ${(err as Error).message}` } };
    }
    try {
      // A long list of like objects comes as a table (shared/wire-table.ts).
      return isWireTable(body) ? { ok: true, value: tableToList(body) } : (body as Result<unknown>);
    } catch (err) {
      return { ok: false, error: { code: 'io', message: `The book service sent an answer the window cannot read: ${(err as Error).message}` } };
    }
  };
  return Object.fromEntries(METHOD_NAMES.map((m) => [m, (input: unknown) => call(m, input)])) as Client;
}

/** The one client the UI uses, over whichever transport loaded it. */
export const client: Client = window.dealbook ?? httpClient(browserToken());
export const isDesktop = Boolean(window.dealbook);
