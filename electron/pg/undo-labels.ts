import type { BookEvent } from '../../shared/protocol/contract';
import type { BookEvents } from '../service/events';
import type { PgRepos } from './pg-repos';

type Stack = { undoLabel: string | null; redoLabel: string | null };

/** The user an event's `by` names: "eve in tab:..." (a window of eve's) or "eve" (a script). */
export const authorOf = (by: string): string => by.split(' in ')[0]!;

/**
 * Undo is personal on a team book, so an event's Undo and Redo labels are its author's. Each window must see its own
 * user's: the labels of every user with a window here are kept (from each of their events), and an event by
 * someone else is handed to a window with that window's user's labels, which another's step does not change.
 */
export function createUndoLabels(read: <T>(fn: (repos: PgRepos) => Promise<T>) => Promise<T>) {
  const byUser = new Map<string, Stack>();

  async function readStack(repos: PgRepos, user: string): Promise<Stack> {
    const { undo_label, redo_label } = await repos.edits.stack(user);
    return { undoLabel: undo_label, redoLabel: redo_label };
  }

  function relabel(user: string, event: BookEvent): BookEvent {
    if (authorOf(event.by) === user) return event;
    const mine = byUser.get(user);
    return mine ? { ...event, ...mine } : event;
  }

  return {
    read: readStack,
    remember: (user: string, stack: Stack) => void byUser.set(user, { undoLabel: stack.undoLabel, redoLabel: stack.redoLabel }),
    load: async (user: string) => {
      byUser.set(user, await read((repos) => readStack(repos, user)));
    },
    forUser: (user: string, events: BookEvents): BookEvents => ({
      head: events.head,
      subscribe: (listener) => events.subscribe((event) => listener(relabel(user, event))),
      since: (stream, after) => {
        const missed = events.since(stream, after);
        return missed.reset ? missed : { reset: false, events: missed.events.map((e) => relabel(user, e)) };
      },
    }),
  };
}

export type UndoLabels = ReturnType<typeof createUndoLabels>;
