import { contract, isMethodName } from '../../shared/contract';
import { fail, ok, type AppError, type Result } from '../../shared/result';
import { toPgFailure } from '../pg/pg-tx';
import { toAppError } from './dispatch';
import type { StoreHandlers } from './store';

/**
 * dispatch() for a store whose answers may come later (a team book): the same door (unknown method and bad
 * payload refused before the store sees them), the same typed errors.
 */
export async function dispatchStore(handlers: StoreHandlers, method: unknown, payload: unknown): Promise<Result<unknown>> {
  if (!isMethodName(method)) return fail('invalid_payload', `Unknown method ${JSON.stringify(String(method)).slice(0, 80)}`);
  const parsed = contract[method].input.safeParse(payload ?? {});
  if (!parsed.success) {
    return fail(
      'invalid_payload',
      `Invalid input for ${method}`,
      parsed.error.issues.slice(0, 20).map((i) => ({ field: i.path.join('.') || '(payload)', message: i.message })),
    );
  }
  try {
    const handler = handlers[method] as (input: unknown) => unknown;
    return ok(await handler(parsed.data));
  } catch (err) {
    const e: AppError = toAppError(toPgFailure(err), method);
    return e.details ? fail(e.code, e.message, e.details) : fail(e.code, e.message);
  }
}
