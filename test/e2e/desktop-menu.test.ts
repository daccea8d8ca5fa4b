import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from './harness';
import { PAIR_BOOK, cell, launchWith, stored, typeInto } from './grid-helpers';

// The desktop preload's menu bridge, stood in for in browser mode: the page gets window.dealbookDesktop as the
// preload would give it, and the test sends menu commands as the main process would (menu item or accelerator).
const FAKE_DESKTOP = `
  window.dealbookDesktop = {
    onMenuCommand: (listener) => { window.__menu = listener; return () => {}; },
    saveExport: async () => ({ ok: true, value: null }),
    openCsv: async () => ({ ok: true, value: null }),
    openExternal: async () => ({ ok: true, value: null }),
    getTheme: async () => ({ ok: true, value: { source: 'light', dark: false } }),
    setTheme: async (source) => ({ ok: true, value: { source, dark: false } }),
    onThemeChange: () => () => {},
  };
`;

describe('desktop menu commands (the preload stood in for)', () => {
  let app: App;
  let ids: number[];

  beforeAll(async () => {
    ({ app, ids } = await launchWith(PAIR_BOOK, { initScript: FAKE_DESKTOP }));
  });
  afterAll(async () => app?.close());

  const menu = (command: string) => app.page.evaluate((c) => (window as unknown as { __menu: (c: string) => void }).__menu(c), command);

  it('undoes the last change from the menu, but not while a cell is being typed in', async () => {
    const { page } = app;
    const id = ids[3]!;
    await typeInto(page, cell(page, id, 'amount_usd'), '12B');
    await expect.poll(() => stored(app, id)!.amount_usd).toBe(12e9);

    // A ticked row, then typing in another cell: Undo and Delete Deals (Cmd/Ctrl+Z and the Delete key reach the
    // page as the menu's commands) belong to the text.
    await page.locator(`.ag-row[row-id="${ids[0]}"] .ag-selection-checkbox input`).first().check();
    await cell(page, ids[2]!, 'amount_usd').click();
    await page.keyboard.type('99');
    await expect.poll(() => page.locator('.text-editor').count()).toBe(1);
    await menu('undo');
    await menu('delete-deals');
    expect(await page.locator('.text-editor').count()).toBe(1);
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('.text-editor').count()).toBe(0);

    // Out of the editor, the same command undoes the book's last change: the 12B edit. Had the Undo typed into the
    // editor reached the book, this one would undo the deal's own add, and a Delete that got through would show too.
    await menu('undo');
    await expect.poll(() => stored(app, id)?.amount_usd).toBe(10e9);
    expect(app.service.listDeals({})).toHaveLength(4);
    await expect.poll(() => cell(page, id, 'amount_usd').innerText()).toBe('$10.0B');
    await menu('redo');
    await expect.poll(() => stored(app, id)!.amount_usd).toBe(12e9);
  });

  it('opens and closes the charts pane from the View menu', async () => {
    const { page } = app;
    await menu('toggle-charts');
    await page.locator('[data-testid="chart-exposure"]').waitFor();
    await menu('toggle-charts');
    await expect.poll(() => page.locator('[data-testid="chart-exposure"]').count()).toBe(0);
  });
});
