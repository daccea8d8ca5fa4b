import { contextBridge, ipcRenderer } from 'electron';
import type { Client, MethodName } from '../../shared/contract';

// Spelled out rather than imported: the preload may only import electron at runtime.
// `satisfies` makes a contract method missing here a compile error.
const METHODS = {
  bookInfo: true, listDeals: true, listParties: true, addDeal: true, updateDeal: true, updateCells: true,
  deleteDeals: true, duplicateDeals: true, undo: true, redo: true, renameParty: true, mergeParties: true,
  setPartyKind: true, aggregates: true, importCsv: true, exportCsv: true, getSetting: true, setSetting: true,
} as const satisfies Record<MethodName, true>;

const api = Object.fromEntries(
  Object.keys(METHODS).map((name) => [name, (input: unknown) => ipcRenderer.invoke(`dealbook:${name}`, input)]),
) as Client;

contextBridge.exposeInMainWorld('dealbook', api);
