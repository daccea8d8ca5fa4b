import type { SessionState } from './store';

/**
 * What the window offers by the user's role. This only hides what a role cannot do: the server is what refuses it.
 * Until the book says who the window works as, nothing that writes is offered.
 */
export const canWrite = (s: Pick<SessionState, 'me'>): boolean => s.me !== null && s.me.role !== 'viewer';

/** Owners of a team book manage its users (a book file has none). */
export const managesUsers = (s: Pick<SessionState, 'me'>): boolean => Boolean(s.me?.team && s.me.role === 'owner');
