import { extname, join, normalize, sep } from 'node:path';
import { CONTENT_SECURITY_POLICY } from '../transports/csp';
import { readUiFile } from '../transports/ui-files';

/**
 * The window loads the built renderer from app://dealbook/, a scheme only this app answers: pages get a real
 * origin (so the CSP's 'self' means exactly our files) and cannot read arbitrary local files the way a
 * file:// page can. Nothing remote is ever loaded.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'dealbook';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_INDEX_URL = `${APP_ORIGIN}/index.html`;

/** Privileges for protocol.registerSchemesAsPrivileged: a standard, secure origin that can fetch its own files. */
export const APP_SCHEME_PRIVILEGES = { standard: true, secure: true, supportFetchAPI: true, codeCache: true } as const;

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
};

/** True only for our own pages: exact scheme and host, whatever the path. */
export function isAppUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === `${APP_SCHEME}:` && u.host === APP_HOST && !u.username && !u.password;
  } catch {
    return false;
  }
}

/** The file under root that an app:// URL names, or null (other host, traversal, bad escapes). */
export function resolveAppFile(url: string, root: string): string | null {
  if (!isAppUrl(url)) return null;
  let pathname: string;
  try {
    pathname = decodeURIComponent(new URL(url).pathname);
  } catch {
    return null;
  }
  if (pathname.includes('\0')) return null;
  const base = normalize(root);
  const file = normalize(join(base, pathname === '/' || pathname === '' ? 'index.html' : pathname));
  return file.startsWith(base.endsWith(sep) ? base : base + sep) ? file : null;
}

/** A page main makes itself (the connect dialog: team-connect.ts), with its own policy; null for anything else. */
export type GeneratedPage = (url: string) => { html: string; csp: string } | null;

/** The protocol.handle handler: our files with the CSP header, 404 for anything else, GET/HEAD only. */
export function createAppProtocolHandler(root: string, generated: GeneratedPage = () => null): (request: { url: string; method: string }) => Promise<Response> {
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return new Response('Method not allowed', { status: 405 });
    const page = isAppUrl(request.url) ? generated(request.url) : null;
    if (page) {
      return new Response(request.method === 'HEAD' ? null : page.html, {
        status: 200,
        headers: { 'Content-Type': 'text/html; charset=utf-8', 'Content-Security-Policy': page.csp, 'X-Content-Type-Options': 'nosniff', 'Referrer-Policy': 'no-referrer', 'Cache-Control': 'no-store' },
      });
    }
    const file = resolveAppFile(request.url, root);
    if (!file) return notFound();
    const data = await readUiFile(root, file);
    if (!data) return notFound();
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(data), {
      status: 200,
      headers: {
        'Content-Type': TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
        'Content-Security-Policy': CONTENT_SECURITY_POLICY,
        'X-Content-Type-Options': 'nosniff',
        'Referrer-Policy': 'no-referrer',
        'Cache-Control': 'no-store',
      },
    });
  };
}

function notFound(): Response {
  return new Response('Not found', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
}
