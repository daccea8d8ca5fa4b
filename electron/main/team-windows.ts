import { BrowserWindow, dialog, session } from 'electron';
import { hardenSession } from './security';
import { CONNECT_URL, connectUrl, parseTeamServerUrl, readConnectSubmit, TEAM_PARTITION, type TeamOrigins, type TeamServer } from './team-connect';

export type TeamWindowsOptions = {
  origins: TeamOrigins;
  icon: string | undefined;
  background: () => string;
};


/**
 * File > Connect to Team Book...: a small window of ours asks for the server's address (team-connect.ts), then a
 * window opens on that server's sign-in page, in a session partition of its own, allowed to navigate within that
 * origin only. One window per server: connecting again focuses it.
 */
export function createTeamWindows(options: TeamWindowsOptions) {
  const { origins } = options;
  const byOrigin = new Map<string, BrowserWindow>();
  let asking: BrowserWindow | null = null;
  let hardened = false;

  function teamSession() {
    const s = session.fromPartition(TEAM_PARTITION);
    if (!hardened) {
      hardenSession(s, origins.owns);
      hardened = true;
    }
    return s;
  }

  function askForServer(): void {
    if (asking) return asking.focus();
    const win = new BrowserWindow({
      width: 520,
      height: 290,
      resizable: false,
      minimizable: false,
      title: 'Connect to Team Book',
      backgroundColor: options.background(),
      ...(options.icon ? { icon: options.icon } : {}),
      // The security checklist, spelled out so Electronegativity and the static tests can read it; no preload.
      webPreferences: {
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        nodeIntegrationInWorker: false,
        nodeIntegrationInSubFrames: false,
        webSecurity: true,
        allowRunningInsecureContent: false,
        webviewTag: false,
        experimentalFeatures: false,
        navigateOnDragDrop: false,
        disableBlinkFeatures: 'Auxclick',
        spellcheck: false,
      },
    });
    asking = win;
    win.setMenuBarVisibility(false);
    // The form's submission is read here and cancelled (hardenWebContents refuses every navigation of this window).
    win.webContents.on('will-navigate', (event) => {
      const typed = readConnectSubmit(event.url);
      if (typed === null) return;
      const parsed = parseTeamServerUrl(typed);
      if (!parsed.ok) return void win.loadURL(connectUrl({ error: parsed.message, server: typed }));
      openTeamWindow(parsed.server);
      win.close();
    });
    win.on('closed', () => (asking = null));
    void win.loadURL(CONNECT_URL);
  }

  function openTeamWindow(server: TeamServer): BrowserWindow {
    const open = byOrigin.get(server.origin);
    if (open && !open.isDestroyed()) {
      open.focus();
      return open;
    }
    const win = new BrowserWindow({
      width: 1280,
      height: 800,
      minWidth: 640,
      minHeight: 420,
      title: `Deal book: ${server.origin}`,
      backgroundColor: options.background(),
      ...(options.icon ? { icon: options.icon } : {}),
      // No preload: a team window talks to its server over HTTP, as a browser tab does, and has no IPC at all.
      webPreferences: {
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        nodeIntegrationInWorker: false,
        nodeIntegrationInSubFrames: false,
        webSecurity: true,
        allowRunningInsecureContent: false,
        webviewTag: false,
        experimentalFeatures: false,
        navigateOnDragDrop: false,
        disableBlinkFeatures: 'Auxclick',
        spellcheck: false,
        session: teamSession(),
      },
    });
    const id = win.webContents.id;
    origins.allow(id, server.origin);
    byOrigin.set(server.origin, win);
    win.on('closed', () => {
      origins.forget(id);
      byOrigin.delete(server.origin);
    });
    // An unreachable server or a certificate the system does not trust: say so, rather than a blank window.
    win.webContents.on('did-fail-load', (_event, code, description, url, isMainFrame) => {
      if (!isMainFrame || code === -3) return;
      dialog.showErrorBox('Cannot reach the team server', `${url}\n${description} (${code}). Check the address, that the server runs, and that its certificate is trusted.`);
    });
    void win.loadURL(server.url);
    return win;
  }

  return { askForServer, openTeamWindow };
}
