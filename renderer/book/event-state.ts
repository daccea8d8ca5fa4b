import type { BookEvent } from '../../shared/protocol/contract';
import type { SessionState } from './store';

/** Who made a step, as the status bar says it (nothing for this window's own). */
export function madeBy(event: BookEvent, me: string | undefined): string | null {
  if (event.by === me) return null;
  return event.by === 'another program' ? 'another program' : 'another window';
}

/**
 * What one event changes in the chrome's state: what was saved, by whom, and the undo stack (Undo and Redo act on
 * what this window has been shown). This window's own write also ends its "saving" in the same update.
 */
export function eventPatch(s: SessionState, event: BookEvent, own: boolean): Partial<SessionState> {
  const by = own ? null : madeBy(event, s.info?.caller);
  return {
    // This window's save also takes away the error of an earlier one: it was dealt with or is past.
    ...(own ? { saving: s.saving - 1, notice: null, error: null } : {}),
    savedAt: event.savedAt,
    savedLabel: by ? `${event.label} (${by})` : event.label,
    lastEvent: 'save',
    info: s.info && {
      ...s.info,
      undoLabel: event.undoLabel,
      redoLabel: event.redoLabel,
      canUndo: event.undoLabel !== null,
      canRedo: event.redoLabel !== null,
      seq: event.seq,
    },
  };
}
