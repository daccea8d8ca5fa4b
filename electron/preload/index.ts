import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { METHOD_NAMES, type BookEvent, type Client } from '../../shared/protocol/contract';
import { BOOK_EVENT_CHANNEL, DESKTOP_CHANNELS, MENU_COMMANDS, THEME_SOURCES, type DesktopApi, type MenuCommand, type ThemeState } from '../../shared/protocol/desktop-api';

// The preload is bundled (shared/ and zod included), so every list here comes from the contract and
// shared/protocol/desktop-api.ts; at runtime it requires nothing but electron (test/electron/main/security-static.test.ts).

// Named functions only: the page never sees ipcRenderer, an event object or a channel name it can choose.
const client = Object.fromEntries(
  METHOD_NAMES.map((name) => [name, (input: unknown) => ipcRenderer.invoke(`dealbook:${name}`, input)]),
) as Client;

const includes = (list: readonly string[], value: unknown) => typeof value === 'string' && list.includes(value);

function isMenuCommand(value: unknown): value is MenuCommand {
  return includes(MENU_COMMANDS, value);
}

function isThemeState(value: unknown): value is ThemeState {
  const v = value as Partial<ThemeState> | null;
  return typeof v === 'object' && v !== null && includes(THEME_SOURCES, v.source) && typeof v.dark === 'boolean';
}

function isBookEvent(value: unknown): value is BookEvent {
  const v = value as Partial<BookEvent> | null;
  return typeof v === 'object' && v !== null && typeof v.seq === 'number' && typeof v.stream === 'string' && Array.isArray(v.changed);
}

/** Subscribe to one main-to-page channel, passing on only values that pass `accept`, never the event. */
function subscribe<T>(channel: string, accept: (value: unknown) => value is T, listener: (value: T) => void): () => void {
  const relay = (_event: IpcRendererEvent, value: unknown) => {
    if (accept(value)) listener(value);
  };
  ipcRenderer.on(channel, relay);
  return () => void ipcRenderer.removeListener(channel, relay);
}

const desktop: DesktopApi = {
  onMenuCommand: (listener) => subscribe(DESKTOP_CHANNELS.menuCommand, isMenuCommand, listener),
  saveExport: (input) => ipcRenderer.invoke(DESKTOP_CHANNELS.saveExport, input),
  openCsv: () => ipcRenderer.invoke(DESKTOP_CHANNELS.openCsv, {}),
  openExternal: (url) => ipcRenderer.invoke(DESKTOP_CHANNELS.openExternal, { url }),
  getTheme: () => ipcRenderer.invoke(DESKTOP_CHANNELS.getTheme, {}),
  setTheme: (source) => ipcRenderer.invoke(DESKTOP_CHANNELS.setTheme, { source }),
  onThemeChange: (listener) => subscribe(DESKTOP_CHANNELS.themeChanged, isThemeState, listener),
  onBookEvent: (listener) => subscribe(BOOK_EVENT_CHANNEL, isBookEvent, listener),
};

contextBridge.exposeInMainWorld('dealbook', client);
contextBridge.exposeInMainWorld('dealbookDesktop', desktop);
