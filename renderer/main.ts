// The window's first code: start loading the book, then load the UI. The UI is a separate chunk so the rows are
// on their way while its code downloads and compiles (see book/initial-load.ts).
import { client } from './api/client';
import { startInitialLoad } from './book/initial-load';
import { LAYOUT_KEY } from './grid/grid-layout';

startInitialLoad(client, LAYOUT_KEY);
void import('./mount');
