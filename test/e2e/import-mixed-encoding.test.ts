import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator } from 'playwright-core';
import { decodeCsvBytes } from '../../shared/csv/csv-decode';
import type { App } from './harness';
import { PAIR_BOOK, launchWith } from './grid-helpers';

// A UTF-8 file with one stray Windows-1252 byte (0xE9 on line 3): read as Windows-1252, as the rule says, and the
// import dialog warns, whichever door the file came through.
const MIXED = Buffer.concat([
  Buffer.from('announced,from_party,to_party,kind\r\n2025-09-22,Zoë Capital,Lab Nine,investment\r\n2025-09-23,Caf', 'utf8'),
  Buffer.from([0xe9]),
  Buffer.from(',Lab Nine,investment\r\n', 'utf8'),
]);
const decoded = decodeCsvBytes(MIXED);
if (!decoded.ok) throw new Error('the mixed file must decode');

// The desktop preload stood in for: its Import CSV dialog "opens" the mixed file, decoded as the main process does.
const FAKE_DESKTOP = `
  window.dealbookDesktop = {
    onMenuCommand: (listener) => { window.__menu = listener; return () => {}; },
    saveCsv: async () => ({ ok: true, value: null }),
    openCsv: async () => ({ ok: true, value: { path: '/tmp/mixed.csv', name: 'mixed.csv', text: ${JSON.stringify(decoded.text)}, encoding: ${JSON.stringify(decoded.encoding)} } }),
    openExternal: async () => ({ ok: true, value: null }),
    getTheme: async () => ({ ok: true, value: { source: 'light', dark: false } }),
    setTheme: async (source) => ({ ok: true, value: { source, dark: false } }),
    onThemeChange: () => () => {},
  };
`;

describe('the import dialog with a UTF-8 file holding one stray Windows-1252 byte', () => {
  let app: App;
  beforeAll(async () => {
    ({ app } = await launchWith(PAIR_BOOK, { initScript: FAKE_DESKTOP }));
  });
  afterAll(async () => app?.close());

  const testId = (id: string): Locator => app.page.locator(`[data-testid="${id}"]`);

  async function expectWarned(): Promise<void> {
    await expect.poll(() => testId('import-summary').count()).toBe(1);
    expect(await testId('import-encoding').innerText()).toBe('Read as Windows-1252.');
    const warnings = await testId('import-warnings').innerText();
    expect(warnings).toContain('line 3: this byte is not UTF-8, so the file was read as Windows-1252, but it holds UTF-8 text too (from line 2)');
    await testId('import-cancel').click();
    await expect.poll(() => testId('import-dialog').count()).toBe(0);
  }

  it('warns when the file is chosen in the page (browser mode)', async () => {
    await testId('import-csv').locator('input[type=file]').setInputFiles({ name: 'mixed.csv', mimeType: 'text/csv', buffer: MIXED });
    await expectWarned();
  });

  it('warns when the desktop menu opens it (the encoding the main process read it in reaches the report)', async () => {
    await app.page.evaluate(() => (window as unknown as { __menu: (c: string) => void }).__menu('import-csv'));
    await expectWarned();
  });
});
