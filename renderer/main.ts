// The window's first code: start loading the book, then load the UI. The UI is a separate chunk so the rows are
// on their way while its code downloads and compiles (see book/initial-load.ts).
import { client } from './api/client';
import { startInitialLoad } from './book/initial-load';
import { WINDOW_SETTING_KEYS } from './book/window-settings';

startInitialLoad(client, WINDOW_SETTING_KEYS);
import('./mount').catch((err: unknown) => {
  // Without its code the window has nothing to show but why.
  document.getElementById('root')!.textContent = `Deal book could not load its window: ${(err as Error).message}`;
});
