import type { Session, WebContents } from 'electron';
import { isAppUrl } from './app-protocol';

/** Where a webContents may navigate: by default nowhere. */
export type NavigationRule = (contents: WebContents, url: string) => boolean;
const NOWHERE: NavigationRule = () => false;

/**
 * Every webContents the app creates: no navigation away from the page, no redirects, no new windows, no
 * <webview>. Links the analyst clicks go through the openExternal channel, which checks the URL first. The one
 * exception is a team window's main frame, which `mayNavigate` lets move within its own server's origin (its
 * sign-in page and the redirects after it: team-connect.ts).
 */
export function hardenWebContents(contents: WebContents, mayNavigate: NavigationRule = NOWHERE): void {
  const allowed = (event: { url?: string; isMainFrame?: boolean }, url: unknown) =>
    event.isMainFrame !== false && mayNavigate(contents, typeof event.url === 'string' ? event.url : String(url));
  contents.on('will-navigate', (event, url) => void (allowed(event, url) || event.preventDefault()));
  // will-navigate is only the main frame's: a subframe (an iframe an injected page made) navigates through this.
  contents.on('will-frame-navigate', (event) => void (allowed(event, event.url) || event.preventDefault()));
  contents.on('will-redirect', (event, url) => void (allowed(event, url) || event.preventDefault()));
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

/** Permissions the page may use: writing to the clipboard (copying cells), from our own page only. */
const ALLOWED_PERMISSIONS: ReadonlySet<string> = new Set(['clipboard-sanitized-write']);

export function permissionAllowed(permission: string, origin: string | undefined, isOwn: (url: string) => boolean = isAppUrl): boolean {
  return ALLOWED_PERMISSIONS.has(permission) && origin !== undefined && isOwn(origin);
}

/**
 * Deny by default: camera, location, notifications, HID, serial, fullscreen, opening external apps... `isOwn` says
 * which pages are the app's: our app:// pages, or in the team windows' session, the team servers they opened.
 */
export function hardenSession(session: Session, isOwn: (url: string) => boolean = isAppUrl): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    callback(permissionAllowed(permission, details.requestingUrl, isOwn));
  });
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin) => permissionAllowed(permission, requestingOrigin, isOwn));
  session.setDevicePermissionHandler(() => false);
  // A file the page built itself (a CSV blob) may be saved through the usual Save dialog; nothing else.
  session.on('will-download', (event, item) => {
    if (!isOwnBlobUrl(item.getURL(), isOwn)) event.preventDefault();
  });
}

export function isOwnBlobUrl(url: string, isOwn: (url: string) => boolean = isAppUrl): boolean {
  return url.startsWith('blob:') && isOwn(url.slice('blob:'.length));
}

const MAX_URL = 2048;

/**
 * A link is opened outside the app only when it is plain http(s) to a named host, with no credentials in it
 * (`https://bank.example@evil.example` style) and no control characters a shell or browser might misread.
 */
export function isSafeExternalUrl(value: unknown): value is string {
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_URL) return false;
  if (/[\u0000-\u001f\u007f\s]/.test(value)) return false;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname.length > 0 && !url.username && !url.password;
}

const LOOPBACK_HOSTS: ReadonlySet<string> = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * The origin of electron-vite's dev server, trusted for IPC like our own app:// pages, or null. Only in an
 * unpackaged run, and only for an http(s) URL on this machine's loopback: an ELECTRON_RENDERER_URL set in the
 * environment cannot make a remote site (or a packaged app's windows) a trusted caller.
 */
export function trustedDevOrigin(rendererUrl: string | undefined, isPackaged: boolean): string | null {
  if (isPackaged || !rendererUrl) return null;
  let url: URL;
  try {
    url = new URL(rendererUrl);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  if (url.username || url.password || !LOOPBACK_HOSTS.has(url.hostname)) return null;
  return url.origin;
}
