import type { Caller } from '../../shared/protocol/contract';
import { fail, ok, type AppError, type Result } from '../../shared/protocol/result';
import { toPgFailure } from '../pg/pg-tx';
import { admit, toAppError } from './dispatch';
import type { StoreHandlers } from './store';

/**
 * dispatch() for a store whose answers may come later (a team book): the same door (unknown method, unsafe or
 * invalid payload refused before the store sees it), the same typed errors.
 */
export async function dispatchStore(handlers: StoreHandlers, method: unknown, payload: unknown, caller?: Caller): Promise<Result<unknown>> {
  const door = admit(method, payload);
  if (!door.ok) return door.refused;
  try {
    const handler = handlers[door.method] as (input: unknown, caller?: Caller) => unknown;
    return ok(await handler(door.input, caller));
  } catch (err) {
    const e: AppError = toAppError(toPgFailure(err), door.method);
    return e.details ? fail(e.code, e.message, e.details) : fail(e.code, e.message);
  }
}
