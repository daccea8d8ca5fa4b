import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { Client, MethodName } from '../../shared/contract';
import type { DESKTOP_CHANNELS, DesktopApi, MenuCommand, ThemeSource, ThemeState } from '../../shared/desktop-api';

// Spelled out rather than imported: the preload may only import electron at runtime.
// `satisfies` makes a contract method, channel, command or theme missing or misspelled here a compile error.
const METHODS = {
  bookInfo: true, listDeals: true, listParties: true, addDeal: true, updateDeal: true, updateCells: true,
  deleteDeals: true, duplicateDeals: true, undo: true, redo: true, renameParty: true, mergeParties: true,
  setPartyKind: true, aggregates: true, importCsv: true, exportCsv: true, getSetting: true, setSetting: true,
  roundTripDetail: true, setPartyParent: true, listScenarios: true, setScenario: true, renameScenario: true,
  deleteScenario: true, setDateOrder: true,
} as const satisfies Record<MethodName, true>;

// Named functions only: the page never sees ipcRenderer, an event object or a channel name it can choose.
const client = Object.fromEntries(
  Object.keys(METHODS).map((name) => [name, (input: unknown) => ipcRenderer.invoke(`dealbook:${name}`, input)]),
) as Client;

const CHANNELS = {
  menuCommand: 'dealbook-desktop:menu-command',
  themeChanged: 'dealbook-desktop:theme-changed',
  saveCsv: 'dealbook-desktop:save-csv',
  openCsv: 'dealbook-desktop:open-csv',
  openExternal: 'dealbook-desktop:open-external',
  getTheme: 'dealbook-desktop:get-theme',
  setTheme: 'dealbook-desktop:set-theme',
} as const satisfies typeof DESKTOP_CHANNELS;

const COMMANDS = {
  'add-deal': true, 'delete-deals': true, undo: true, redo: true, 'import-csv': true, 'export-csv': true,
  find: true, 'toggle-charts': true, 'reset-columns': true,
} as const satisfies Record<MenuCommand, true>;

const THEMES = { system: true, light: true, dark: true } as const satisfies Record<ThemeSource, true>;

const has = (table: object, key: unknown) => typeof key === 'string' && Object.prototype.hasOwnProperty.call(table, key);

function isMenuCommand(value: unknown): value is MenuCommand {
  return has(COMMANDS, value);
}

function isThemeState(value: unknown): value is ThemeState {
  const v = value as Partial<ThemeState> | null;
  return typeof v === 'object' && v !== null && has(THEMES, v.source) && typeof v.dark === 'boolean';
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
  onMenuCommand: (listener) => subscribe(CHANNELS.menuCommand, isMenuCommand, listener),
  saveCsv: (input) => ipcRenderer.invoke(CHANNELS.saveCsv, input),
  openCsv: () => ipcRenderer.invoke(CHANNELS.openCsv, {}),
  openExternal: (url) => ipcRenderer.invoke(CHANNELS.openExternal, { url }),
  getTheme: () => ipcRenderer.invoke(CHANNELS.getTheme, {}),
  setTheme: (source) => ipcRenderer.invoke(CHANNELS.setTheme, { source }),
  onThemeChange: (listener) => subscribe(CHANNELS.themeChanged, isThemeState, listener),
};

contextBridge.exposeInMainWorld('dealbook', client);
contextBridge.exposeInMainWorld('dealbookDesktop', desktop);
