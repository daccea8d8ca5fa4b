import type { SessionState } from '../book/store';
import { canWrite, managesUsers } from '../book/role';
import { IS_MAC, type CommandId, type Commands, type Key } from './registry';

/** What the commands do, supplied by the window (they reach the grid, the session and the panels). */
export type CommandActions = Record<CommandId, () => void>;

type Spec = {
  label: string;
  keys?: Key[];
  inText?: boolean;
  keyHandledElsewhere?: boolean;
  enabled?: (s: SessionState) => boolean;
  /** Changes the book: not offered to a viewer. */
  writes?: true;
  /** Offered only where the role allows (the users panel: owners of a team book). */
  offered?: (s: SessionState) => boolean;
};

/**
 * Every command of the window in one table: its label, its keys and when it can run. The desktop menu's
 * accelerators (electron/main/menu.ts) are the same keys.
 */
const SPECS: Record<CommandId, Spec> = {
  'add-deal': { label: 'Add deal', keys: [{ key: 'n', alt: true }], writes: true },
  'discard-draft': { label: 'Discard the new deal', enabled: (s) => s.draft === 'typing', writes: true },
  'duplicate-deals': { label: 'Duplicate the ticked deals (or the focused one)', writes: true },
  'delete-deals': {
    label: 'Delete the ticked deals',
    keys: IS_MAC ? [{ key: 'Backspace', mod: true }] : [{ key: 'Delete', mod: true }],
    enabled: (s) => s.selected > 0,
    writes: true,
  },
  undo: { label: 'Undo', keys: [{ key: 'z', mod: true }], enabled: (s) => Boolean(s.info?.canUndo), writes: true },
  redo: { label: 'Redo', keys: [{ key: 'z', mod: true, shift: true }, { key: 'y', mod: true }], enabled: (s) => Boolean(s.info?.canRedo), writes: true },
  copy: { label: 'Copy', keys: [{ key: 'c', mod: true }], keyHandledElsewhere: true },
  paste: { label: 'Paste', keys: [{ key: 'v', mod: true }], keyHandledElsewhere: true, writes: true },
  find: { label: 'Find deals', keys: [{ key: 'f', mod: true }], inText: true },
  'import-csv': { label: 'Import CSV...', writes: true },
  'export-csv': { label: 'Export the shown deals as CSV', keys: [{ key: 'e', mod: true }] },
  'toggle-charts': { label: 'Show or hide the charts', keys: [{ key: 'g', mod: true, shift: true }] },
  'toggle-parties': { label: 'Show or hide the parties' },
  'toggle-history': { label: 'Show or hide the history (who changed what, when)' },
  'deal-history': { label: "Show this deal's history" },
  'toggle-users': { label: "Manage the book's users", offered: managesUsers },
  'toggle-theme': { label: 'Switch between light and dark' },
  'reset-columns': { label: 'Reset the column layout' },
  'show-shortcuts': { label: 'Keyboard shortcuts', keys: [{ key: '?' }] },
};

/** The window's commands as they stand now (enabled or not), each running its action. */
export function buildCommands(state: SessionState, actions: CommandActions): Commands {
  const out = {} as Commands;
  for (const id of Object.keys(SPECS) as CommandId[]) {
    const spec = SPECS[id];
    const hidden = (spec.writes && !canWrite(state)) || (spec.offered && !spec.offered(state));
    out[id] = {
      id,
      label: spec.label,
      keys: spec.keys ?? [],
      enabled: !hidden && (spec.enabled ? spec.enabled(state) : true),
      ...(hidden ? { hidden: true } : {}),
      run: actions[id],
      ...(spec.inText ? { inText: true } : {}),
      ...(spec.keyHandledElsewhere ? { keyHandledElsewhere: true } : {}),
    };
  }
  return out;
}
