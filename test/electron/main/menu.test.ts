import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { buildMenuTemplate, type MenuActions, type MenuState } from '../../../electron/main/menu';
import { MENU_COMMANDS, type MenuCommand } from '../../../shared/protocol/desktop-api';

const base: MenuState = {
  platform: 'linux',
  appName: 'Deal book',
  recent: ['/books/a.dealbook', '/books/R&D.dealbook'],
  hasBook: true,
  undoLabel: 'Edit amount_usd',
  redoLabel: null,
  themeSource: 'system',
  isDev: false,
};

function recorder() {
  const calls: string[] = [];
  const actions: MenuActions = {
    newBook: (sample) => calls.push(`newBook:${sample}`),
    openBook: () => calls.push('openBook'),
    connectTeam: () => calls.push('connectTeam'),
    newWindow: () => calls.push('newWindow'),
    openRecent: (p) => calls.push(`openRecent:${p}`),
    clearRecent: () => calls.push('clearRecent'),
    saveCopy: () => calls.push('saveCopy'),
    command: (c) => calls.push(`command:${c}`),
    setTheme: (s) => calls.push(`theme:${s}`),
    showFormulas: () => calls.push('formulas'),
    showBookFolder: () => calls.push('folder'),
    about: () => calls.push('about'),
  };
  return { calls, actions };
}

type Item = MenuItemConstructorOptions;
const items = (menu: Item): Item[] => (menu.submenu as Item[]) ?? [];
const top = (template: Item[], label: string) => template.find((m) => m.label?.replace('&', '') === label)!;
const byLabel = (menu: Item, label: string) => items(menu).find((i) => i.label === label)!;
const click = (item: Item) => (item.click as () => void)();

describe('the application menu', () => {
  it('has File, Edit, View and Help on Windows and Linux, with Quit under File', () => {
    const { actions } = recorder();
    for (const platform of ['linux', 'win32'] as const) {
      const template = buildMenuTemplate({ ...base, platform }, actions);
      expect(template.map((m) => m.label)).toEqual(['&File', '&Edit', '&View', '&Help']);
      expect(items(top(template, 'File')).some((i) => i.role === 'quit')).toBe(true);
      expect(items(top(template, 'Help')).some((i) => i.label === 'About Deal book')).toBe(true);
    }
  });

  it('follows macOS conventions: an app menu first, a Window menu, Cmd shortcuts', () => {
    const { actions } = recorder();
    const template = buildMenuTemplate({ ...base, platform: 'darwin' }, actions);
    expect(template[0]!.label).toBe('Deal book');
    expect(items(template[0]!).map((i) => i.role ?? i.label)).toEqual(
      expect.arrayContaining(['About Deal book', 'services', 'hide', 'hideOthers', 'unhide', 'quit']),
    );
    expect(template.some((m) => m.role === 'windowMenu')).toBe(true);
    expect(items(top(template, 'File')).some((i) => i.role === 'quit')).toBe(false);
    const edit = top(template, 'Edit');
    expect(byLabel(edit, 'Redo').accelerator).toBe('Shift+Cmd+Z');
    expect(byLabel(edit, 'Delete Deals').accelerator).toBe('Cmd+Backspace');
  });

  it('offers every item of the issue, with the usual accelerators', () => {
    const { actions } = recorder();
    const template = buildMenuTemplate(base, actions);
    const labels = (name: string) => items(top(template, name)).map((i) => i.label ?? i.role);
    expect(labels('File')).toEqual(
      expect.arrayContaining(['New Book...', 'Open Book...', 'New Window', 'Open Recent', 'Connect to Team Book...', 'Save a Copy As...', 'Import CSV...', 'Export CSV...', 'Close']),
    );
    expect(labels('Edit')).toEqual(expect.arrayContaining(['Undo Edit amount_usd', 'Redo', 'cut', 'copy', 'paste', 'selectAll', 'Add Deal', 'Delete Deals']));
    expect(labels('View')).toEqual(expect.arrayContaining(['Theme', 'resetZoom', 'zoomIn', 'zoomOut', 'Reset Column Layout', 'Show or Hide Charts']));
    expect(labels('Help')).toEqual(expect.arrayContaining(['The Formulas Explained', "Open the Book's Folder"]));
    const file = top(template, 'File');
    expect(byLabel(file, 'New Book...').accelerator).toBe('CmdOrCtrl+N');
    expect(byLabel(file, 'Open Book...').accelerator).toBe('CmdOrCtrl+O');
    expect(byLabel(file, 'New Window').accelerator).toBe('CmdOrCtrl+Shift+N');
    expect(byLabel(file, 'Close').role).toBe('close');
    expect(byLabel(top(template, 'Edit'), 'Undo Edit amount_usd').accelerator).toBe('CmdOrCtrl+Z');
    expect(byLabel(top(buildMenuTemplate({ ...base, platform: 'win32' }, actions), 'Edit'), 'Redo').accelerator).toBe('Ctrl+Y');
    // No plain Delete or Backspace: those keys belong to the cell editor.
    const accelerators = template.flatMap((m) => items(m)).map((i) => i.accelerator).filter(Boolean);
    expect(accelerators).not.toContain('Delete');
    expect(accelerators).not.toContain('Backspace');
    expect(new Set(accelerators).size).toBe(accelerators.length);
  });

  it('routes each item to its action; UI items become menu commands', () => {
    const { calls, actions } = recorder();
    const template = buildMenuTemplate(base, actions);
    const file = top(template, 'File');
    const edit = top(template, 'Edit');
    const view = top(template, 'View');
    click(byLabel(file, 'New Book...'));
    click(byLabel(file, 'New Book with Sample Deals...'));
    click(byLabel(file, 'Open Book...'));
    click(byLabel(file, 'New Window'));
    click(items(byLabel(file, 'Open Recent'))[0]!);
    click(byLabel(file, 'Connect to Team Book...'));
    click(byLabel(file, 'Save a Copy As...'));
    click(byLabel(file, 'Import CSV...'));
    click(byLabel(file, 'Export CSV...'));
    click(byLabel(edit, 'Undo Edit amount_usd'));
    click(byLabel(edit, 'Redo'));
    click(byLabel(edit, 'Add Deal'));
    click(byLabel(edit, 'Delete Deals'));
    click(byLabel(edit, 'Find Deals'));
    click(byLabel(view, 'Show or Hide Charts'));
    click(byLabel(view, 'Reset Column Layout'));
    click(items(byLabel(view, 'Theme')).find((i) => i.label === 'Dark')!);
    click(byLabel(top(template, 'Help'), 'Keyboard Shortcuts'));
    click(byLabel(top(template, 'Help'), 'The Formulas Explained'));
    click(byLabel(top(template, 'Help'), "Open the Book's Folder"));
    expect(calls).toEqual([
      'newBook:false', 'newBook:true', 'openBook', 'newWindow', 'openRecent:/books/a.dealbook', 'connectTeam', 'saveCopy',
      'command:import-csv', 'command:export-csv', 'command:undo', 'command:redo', 'command:add-deal',
      'command:delete-deals', 'command:find', 'command:toggle-charts', 'command:reset-columns', 'theme:dark',
      'command:show-shortcuts', 'formulas', 'folder',
    ]);
    // Every command the preload lets through is reachable from the menu.
    const sent = new Set(calls.filter((c) => c.startsWith('command:')).map((c) => c.slice(8) as MenuCommand));
    expect([...MENU_COMMANDS].filter((c) => !sent.has(c))).toEqual([]);
  });

  it('lists recent books, escapes & in labels, and marks the theme in use', () => {
    const { actions } = recorder();
    const template = buildMenuTemplate({ ...base, themeSource: 'light' }, actions);
    const recent = items(byLabel(top(template, 'File'), 'Open Recent'));
    expect(recent.map((i) => i.label)).toEqual(['a.dealbook — /books', 'R&&D.dealbook — /books', undefined, 'Clear Recent']);
    const theme = items(byLabel(top(template, 'View'), 'Theme'));
    expect(theme.map((i) => [i.label, i.type, i.checked])).toEqual([
      ['Follow System', 'radio', false],
      ['Light', 'radio', true],
      ['Dark', 'radio', false],
    ]);
    const empty = items(byLabel(top(buildMenuTemplate({ ...base, recent: [] }, actions), 'File'), 'Open Recent'));
    expect(empty).toEqual([{ label: 'No Recent Books', enabled: false }]);
  });

  it('disables book items without a book and hides developer tools in a packaged app', () => {
    const { actions } = recorder();
    const none = buildMenuTemplate({ ...base, hasBook: false }, actions);
    expect(byLabel(top(none, 'Edit'), 'Add Deal').enabled).toBe(false);
    expect(byLabel(top(none, 'File'), 'Export CSV...').enabled).toBe(false);
    expect(byLabel(top(none, 'File'), 'New Window').enabled).toBe(false);
    expect(byLabel(top(none, 'File'), 'Open Book...').enabled).toBeUndefined();
    const roles = (t: Item[]) => items(top(t, 'View')).map((i) => i.role);
    expect(roles(none)).not.toContain('toggleDevTools');
    expect(roles(buildMenuTemplate({ ...base, isDev: true }, actions))).toContain('toggleDevTools');
  });
});
