import type { Result } from '../../shared/result';

// The desktop shell's extras (menu, file dialogs, links, theme). The renderer may not import from electron/, so
// this mirrors the part of the preload's DesktopApi the UI uses; in browser mode it is absent.

export type MenuCommand = 'add-deal' | 'delete-deals' | 'undo' | 'redo' | 'import-csv' | 'export-csv' | 'find' | 'toggle-charts' | 'reset-columns';
export type ThemeSource = 'system' | 'light' | 'dark';
export type ThemeState = { source: ThemeSource; dark: boolean };

export type DesktopApi = {
  onMenuCommand: (listener: (command: MenuCommand) => void) => () => void;
  saveCsv: (input: { text: string; suggestedName: string }) => Promise<Result<{ path: string; name: string } | null>>;
  openCsv: () => Promise<Result<{ path: string; name: string; text: string } | null>>;
  openExternal: (url: string) => Promise<Result<null>>;
  getTheme: () => Promise<Result<ThemeState>>;
  setTheme: (source: ThemeSource) => Promise<Result<ThemeState>>;
  onThemeChange: (listener: (state: ThemeState) => void) => () => void;
};

declare global {
  interface Window {
    /** Set by the Electron preload next to `dealbook`; absent in browser mode. */
    dealbookDesktop?: DesktopApi;
  }
}

export const desktop: DesktopApi | null = window.dealbookDesktop ?? null;
