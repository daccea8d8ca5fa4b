import type { Caller, Change } from '../../shared/contract';
import type { DealRow } from '../../shared/deal';
import type { EventLog } from './events';
import { diffRows } from './external-change';
import type { RowsChange } from './refresh';
import type { Repos } from './repos';

/** Who made a step the service did not make itself. */
export const ANOTHER_PROGRAM = 'another program';
/** Who made a step through a direct call (the CLI, a test), not through a transport. */
export const THIS_PROGRAM = 'this program';

/**
 * Turns the SQLite book's committed steps into events: this service's own (from its writes) and other programs'
 * (noticed through `data_version` by the row cache), each with the undo stack as it now stands.
 */
export function createStepEvents(repos: Repos, log: EventLog, now: () => Date) {
  // The undo stack's ends at the last event, to name what another program did.
  let lastUndo = repos.edits.lastDone()?.id ?? 0;
  let lastRedo = repos.edits.firstUndone()?.id ?? 0;

  function stack() {
    const undo = repos.edits.lastDone();
    const redo = repos.edits.firstUndone();
    return { undo, redo, undoLabel: undo?.label ?? null, redoLabel: redo?.label ?? null };
  }

  function own(rows: RowsChange, label: string, savedAt: string, parties: boolean, scenarios: boolean, caller: Caller | undefined): Change {
    const { undo, redo, undoLabel, redoLabel } = stack();
    lastUndo = undo?.id ?? 0;
    lastRedo = redo?.id ?? 0;
    return log.emit({ ...rows, savedAt, label, undoLabel, redoLabel, parties, scenarios, by: caller?.by ?? THIS_PROGRAM });
  }

  /** Another program committed: what it changed, row by row when that is few enough rows, else a reload. */
  function external(before: ReadonlyMap<number, DealRow> | null, after: ReadonlyMap<number, DealRow> | null): void {
    const diff = diffRows(before, after);
    const { undo, redo, undoLabel, redoLabel } = stack();
    let label = 'Changed by another program';
    if (undo && undo.id > lastUndo) label = undo.label;
    else if (redo && redo.id === lastUndo) label = `Undo ${redo.label}`;
    else if (undo && undo.id === lastRedo) label = `Redo ${undo.label}`;
    lastUndo = undo?.id ?? 0;
    lastRedo = redo?.id ?? 0;
    log.emit({
      changed: diff?.changed ?? [],
      deleted: diff?.deleted ?? [],
      reload: !diff,
      savedAt: now().toISOString(),
      label,
      undoLabel,
      redoLabel,
      // Not worth telling apart: the windows read the parties list again.
      parties: true,
      scenarios: true,
      by: ANOTHER_PROGRAM,
    });
  }

  return { own, external };
}
