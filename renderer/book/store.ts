import { useSyncExternalStore } from 'react';
import type { BookInfo } from '../../shared/protocol/contract';
import type { Me } from '../../shared/protocol/team-users';
import type { Party } from '../../shared/model/deal';
import { BASE_NAME, type Scenario } from '../../shared/model/scenario';

/** An error as the `error` element shows it: one line, then the bad cells or lines. */
export type ErrorView = { message: string; lines: string[] };

/** `amount` sums the shown rows' known amounts; `undisclosed` counts the shown rows with none (never counted as 0). */
/** `uncounted`: shown deals the scenario in force leaves out (weight 0); neither summed nor undisclosed. */
export type Counts = { shown: number; total: number; amount: number; undisclosed: number; uncounted?: number };

/** What the chrome around the grid shows; the grid's rows themselves never pass through React state. */
export type SessionState = {
  savedAt: string | null;
  /** Writes sent and not answered yet. */
  saving: number;
  error: ErrorView | null;
  /** Whether the status bar should show the last save or the last error. */
  lastEvent: 'save' | 'error' | null;
  /** What the last save was (Edit amount_usd, Undo Paste 3x4 cells, Import 20 deals). */
  savedLabel: string | null;
  /** A passing hint or result that is not a save (what a new deal still needs, an export). */
  notice: string | null;
  info: BookInfo | null;
  parties: Party[];
  counts: Counts;
  selected: number;
  draft: 'none' | 'typing' | 'saved';
  /** Bumped whenever the shown rows change, so panels that read them (charts) refresh. */
  rowsVersion: number;
  /** The book's scenarios, Base first (v2). */
  scenarios: Scenario[];
  /** The scenario this window shows: the grid's ƒ columns, the status bar's sums and every chart. */
  scenario: string;
  /** A second scenario the charts and pairs show beside the first (compare mode), or null. */
  compare: string | null;
  /** Who this window works as and their role (null until the book is open). */
  me: Me | null;
  /** Shown once the event stream came back and the window caught up on what it missed. */
  reconnected: string | null;
};

export const initialState: SessionState = {
  savedAt: null,
  saving: 0,
  error: null,
  lastEvent: null,
  savedLabel: null,
  notice: null,
  info: null,
  parties: [],
  counts: { shown: 0, total: 0, amount: 0, undisclosed: 0 },
  selected: 0,
  draft: 'none',
  rowsVersion: 0,
  scenarios: [],
  scenario: BASE_NAME,
  compare: null,
  me: null,
  reconnected: null,
};

export type Store<T> = {
  get: () => T;
  set: (patch: Partial<T> | ((s: T) => Partial<T>)) => void;
  subscribe: (listener: () => void) => () => void;
};

export function createStore<T extends object>(initial: T): Store<T> {
  let state = initial;
  const listeners = new Set<() => void>();
  return {
    get: () => state,
    set: (patch) => {
      const next = typeof patch === 'function' ? patch(state) : patch;
      state = { ...state, ...next };
      for (const l of listeners) l();
    },
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

export function useStore<T extends object>(store: Store<T>): T {
  return useSyncExternalStore(store.subscribe, store.get, store.get);
}
