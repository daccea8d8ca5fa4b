import type { MethodName } from './contract';

// The method names without the contract's schemas, so the window's first code (which asks for the deals before
// the UI has loaded) does not load zod. `satisfies` makes a method missing or misspelled here a compile error.
const METHODS = {
  bookInfo: true, listDeals: true, listParties: true, addDeal: true, updateDeal: true, updateCells: true,
  deleteDeals: true, duplicateDeals: true, undo: true, redo: true, renameParty: true, mergeParties: true,
  setPartyKind: true, aggregates: true, importCsv: true, exportCsv: true, getSetting: true, setSetting: true,
  roundTripDetail: true, setPartyParent: true, listScenarios: true, setScenario: true, renameScenario: true,
  deleteScenario: true, setDateOrder: true,
} as const satisfies Record<MethodName, true>;

export const METHOD_NAMES = Object.keys(METHODS) as MethodName[];
