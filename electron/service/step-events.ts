import type { Caller, Change } from '../../shared/protocol/contract';
import type { AnalysisContext } from '../../shared/analytics/metrics';
import type { EventLog } from './events';
import { diffRows } from './external-change';
import { changeFromLog } from './external-steps';
import type { RowsChange } from './refresh';
import type { Repos } from './repos';
import type { RowCache } from './row-cache';

/** Who made a step the service did not make itself. */
export const ANOTHER_PROGRAM = 'another program';
/** Who made a step through a direct call (the CLI, a test), not through a transport. */
export const THIS_PROGRAM = 'this program';

/**
 * Turns the SQLite book's committed steps into events: this service's own (from its writes) and other programs'
 * (noticed through `data_version` by the row cache), each with the undo stack as it now stands.
 */
export function createStepEvents(repos: Repos, log: EventLog, now: () => Date, cache: () => RowCache, context: () => AnalysisContext) {
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

  /**
   * Another program committed: what it changed, read from the edit log (the rows it touched and the rest of their
   * pairs), else by comparing the whole book, else (too much) a reload; the cached rows follow.
   */
  function external(): void {
    const rows = cache();
    let change: RowsChange | null = changeFromLog(repos, lastUndo, rows.cached(), context());
    if (change) rows.apply(change);
    else {
      const { before, after } = rows.reloadDiff();
      const diff = diffRows(before, after);
      change = diff ? { ...diff, reload: false } : { changed: [], deleted: [], reload: true };
    }
    const { undo, redo, undoLabel, redoLabel } = stack();
    const stackMoved = (undo?.id ?? 0) !== lastUndo || (redo?.id ?? 0) !== lastRedo;
    // A commit that changed no deal and no step (a window setting, say) is no event.
    if (!stackMoved && !change.reload && !change.changed.length && !change.deleted.length) return;
    let label = 'Changed by another program';
    if (undo && undo.id > lastUndo) label = undo.label;
    else if (redo && redo.id === lastUndo) label = `Undo ${redo.label}`;
    else if (undo && undo.id === lastRedo) label = `Redo ${undo.label}`;
    lastUndo = undo?.id ?? 0;
    lastRedo = redo?.id ?? 0;
    log.emit({
      ...change,
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
