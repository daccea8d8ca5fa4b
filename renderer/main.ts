// The window's first code, kept small (no zod, no UI): import the UI, then ask for the book and the window's
// settings. The page names the UI's chunk for preloading (electron.vite.config.ts), so its code is fetched and
// compiled while this runs, and it runs while a big book's rows are on their way (see book/initial-load.ts).
import { client } from './api/client';
import { startInitialLoad } from './book/initial-load';
import { WINDOW_SETTING_KEYS } from './book/window-settings';

import('./mount').catch((err: unknown) => {
  // Without its code the window has nothing to show but why.
  document.getElementById('root')!.textContent = `Deal book could not load its window: ${(err as Error).message}`;
});
startInitialLoad(client, WINDOW_SETTING_KEYS);
