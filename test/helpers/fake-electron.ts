import { EventEmitter as Emitter } from 'node:events';

/**
 * A recording stand-in for the electron module, for tests that start the built main process (out/main/index.js)
 * without the Electron binary this machine cannot download: windows, webContents, ipcMain, menus, dialogs.
 * One per test file (vitest isolates files); a test mocks 'electron' with `fake.electron`.
 */
function createFakeElectron() {
  const calls: string[] = [];
  const paths = new Map<string, string>();
  let nextId = 1;
  const app = Object.assign(new Emitter(), {
    isPackaged: false,
    setName: (n: string) => calls.push(`setName:${n}`),
    setPath: (k: string, v: string) => void paths.set(k, v),
    getPath: (k: string) => paths.get(k) ?? paths.get('userData')!,
    getAppPath: () => process.cwd(),
    getVersion: () => '0.0.0-test',
    requestSingleInstanceLock: () => true,
    whenReady: () => Promise.resolve(),
    addRecentDocument: (p: string) => calls.push(`recent:${p}`),
    clearRecentDocuments: () => calls.push('clearRecent'),
    setAboutPanelOptions: () => undefined,
    showAboutPanel: () => calls.push('about'),
    quit: () => calls.push('quit'),
  });
  class FakeWebContents extends Emitter {
    id = nextId++;
    sent: [string, unknown][] = [];
    openHandler: ((d: { url: string }) => unknown) | null = null;
    destroyed = false;
    isDestroyed = () => this.destroyed;
    send(channel: string, value: unknown) {
      this.sent.push([channel, value]);
    }
    setWindowOpenHandler(h: (d: { url: string }) => unknown) {
      this.openHandler = h;
    }
  }
  class FakeWindow extends Emitter {
    webContents = new FakeWebContents();
    url = '';
    focused = 0;
    constructor(readonly options: Record<string, unknown>) {
      super();
      windows.push(this);
      app.emit('web-contents-created', {}, this.webContents);
    }
    /** The newest window still open stands for the focused one. */
    static getFocusedWindow = () => windows.findLast((w) => !w.webContents.destroyed) ?? null;
    static getAllWindows = () => windows;
    loadURL(url: string) {
      this.url = url;
      return Promise.resolve();
    }
    isMinimized = () => false;
    restore = () => undefined;
    focus = () => void this.focused++;
    show = () => undefined;
    maximize = () => undefined;
    isMaximized = () => false;
    /** Where the window was placed (the next window cascades from it). */
    getBounds = () => ({ x: Number(this.options.x), y: Number(this.options.y), width: Number(this.options.width), height: Number(this.options.height) });
    getNormalBounds = () => ({ x: 10, y: 20, width: 1200, height: 800 });
    setRepresentedFilename = () => undefined;
    /** What Electron does when the user closes the window: 'close', then gone, then 'closed'. */
    close() {
      this.emit('close');
      this.webContents.destroyed = true;
      this.emit('closed');
    }
  }
  const windows: FakeWindow[] = [];
  const session = Object.assign(new Emitter(), {
    handlers: {} as Record<string, unknown>,
    setPermissionRequestHandler(h: unknown) {
      this.handlers.request = h;
    },
    setPermissionCheckHandler(h: unknown) {
      this.handlers.check = h;
    },
    setDevicePermissionHandler(h: unknown) {
      this.handlers.device = h;
    },
  });
  const ipcHandlers = new Map<string, (event: unknown, payload: unknown) => unknown>();
  const menus: unknown[][] = [];
  const schemes: unknown[] = [];
  const protocolHandlers = new Map<string, (r: { url: string; method: string }) => Promise<Response>>();
  const nativeTheme = Object.assign(new Emitter(), { themeSource: 'system' });
  // A getter, as in Electron (Object.assign would copy its value once).
  Object.defineProperty(nativeTheme, 'shouldUseDarkColors', { get: () => nativeTheme.themeSource === 'dark' });
  const electron = {
    app,
    BrowserWindow: FakeWindow,
    ipcMain: { handle: (c: string, l: (e: unknown, p: unknown) => unknown) => void ipcHandlers.set(c, l), removeHandler: (c: string) => void ipcHandlers.delete(c) },
    protocol: {
      registerSchemesAsPrivileged: (s: unknown[]) => void schemes.push(...s),
      handle: (scheme: string, h: (r: { url: string; method: string }) => Promise<Response>) => void protocolHandlers.set(scheme, h),
    },
    session: { defaultSession: session },
    screen: { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }] },
    dialog: {
      showErrorBox: (title: string, message: string) => calls.push(`error:${title}:${message}`),
      showMessageBox: () => Promise.resolve({ response: 0 }),
      showSaveDialog: () => Promise.resolve({ canceled: true }),
      showOpenDialog: () => Promise.resolve({ canceled: true, filePaths: [] }),
    },
    Menu: { buildFromTemplate: (t: unknown[]) => t, setApplicationMenu: (m: unknown[]) => void menus.push(m) },
    nativeTheme,
    shell: { openExternal: (u: string) => Promise.resolve(void calls.push(`external:${u}`)), showItemInFolder: (p: string) => calls.push(`folder:${p}`) },
  };
  return { electron, calls, windows, ipcHandlers, menus, schemes, protocolHandlers, session, nativeTheme, app };
}

export const fake = createFakeElectron();
export type FakeWindow = (typeof fake.windows)[number];
