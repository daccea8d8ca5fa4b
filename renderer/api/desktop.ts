import type { DesktopApi } from '../../shared/protocol/desktop-api';

// The desktop shell's extras (menu, file dialogs, links, theme), typed once in shared/; absent in browser mode.
export type { DesktopApi, MenuCommand, ThemeSource, ThemeState } from '../../shared/protocol/desktop-api';

declare global {
  interface Window {
    /** Set by the Electron preload next to `dealbook`; absent in browser mode. */
    dealbookDesktop?: DesktopApi;
  }
}

export const desktop: DesktopApi | null = window.dealbookDesktop ?? null;
