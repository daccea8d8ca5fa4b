import type { ServerResponse } from 'node:http';
import { readFile, realpath, stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';

/**
 * Read a file of the built UI for the loopback server or the app:// protocol, or null. Only a regular file whose
 * real path (every symlink followed) is inside the UI folder's real path: a link planted in the folder cannot
 * reach out of it, and a FIFO or a device, which would hang the read, is never opened. The checks use the calls
 * Electron answers from inside app.asar too (realpath, stat, readFile), so a packaged app serves its UI the same way.
 */
export async function readUiFile(root: string, file: string): Promise<Buffer | null> {
  try {
    const [realRoot, real] = await Promise.all([realpath(root), realpath(file)]);
    if (!real.startsWith(realRoot.endsWith(sep) ? realRoot : realRoot + sep)) return null;
    if (!(await stat(real)).isFile()) return null;
    return await readFile(real);
  } catch {
    return null;
  }
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

/** A URL path decoded, or null when it is not valid percent-encoding. */
export function safeDecode(s: string): string | null {
  try {
    return decodeURIComponent(s);
  } catch {
    return null;
  }
}

/**
 * Answer a GET of the built UI at `pathname` (`/` is index.html) from `root`, with the UI's headers, for the
 * browser-mode and the team server alike; false when there is no such file to serve (the caller answers 404).
 */
export async function serveUiFile(res: ServerResponse, root: string, pathname: string, csp: string): Promise<boolean> {
  const decoded = safeDecode(pathname);
  if (decoded === null || decoded.includes('\0')) return false;
  const dir = normalize(root);
  const file = normalize(join(dir, decoded === '/' ? 'index.html' : decoded));
  const data = file.startsWith(dir + sep) ? await readUiFile(dir, file) : null;
  if (!data) return false;
  res.writeHead(200, {
    'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
    'Content-Security-Policy': csp,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-store',
  });
  res.end(data);
  return true;
}
