import type { Caller, MethodInput, MethodName, MethodResult } from '../../shared/protocol/contract';
import type { BookEvents } from './events';

/**
 * The contract as a store answers it: a file book's service answers at once (better-sqlite3 is synchronous, and
 * its callers keep that fast path), a team book's after a round trip to PostgreSQL. Transports await either.
 */
export type StoreHandlers = { [M in MethodName]: (input: MethodInput<M>, caller?: Caller) => MethodResult<M> | Promise<MethodResult<M>> };

/** One open book, whichever store holds it. */
export type Store = {
  kind: 'file' | 'team';
  /** The book as it may be shown (a path, or a URL without its password). */
  where: string;
  /** The contract, acting as the given user (a team book records who; a file book has one analyst). */
  handlersFor: (user: string) => StoreHandlers;
  /** Every committed step, numbered, as this process tells its windows (a team book: whichever process made it). */
  events: BookEvents;
  close: () => Promise<void>;
};
