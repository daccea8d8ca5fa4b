import { contract, isMethodName, type Caller, type Handlers, type MethodName } from '../../shared/protocol/contract';
import { AppFailure, fail, ok, type AppError, type Result } from '../../shared/protocol/result';
import { payloadProblems } from '../../shared/protocol/payload-guard';

/**
 * The door every transport goes through: an unknown method or a payload that fails its schema is refused
 * before the service sees it (so is a lone surrogate in any string, or a `__proto__` key at any depth: see
 * payload-guard.ts), and whatever goes wrong comes back as a typed error, never a stack trace.
 */
export function dispatch(handlers: Handlers, method: unknown, payload: unknown, caller?: Caller): Result<unknown> {
  const door = admit(method, payload);
  if (!door.ok) return door.refused;
  try {
    const handler = handlers[door.method] as (input: unknown, caller?: Caller) => unknown;
    return ok(handler(door.input, caller));
  } catch (err) {
    return fail(...errorParts(toAppError(err, door.method)));
  }
}

/** The door's checks alone (a store that answers later awaits its handler after them: see store-dispatch.ts). */
export function admit(method: unknown, payload: unknown): { ok: true; method: MethodName; input: unknown } | { ok: false; refused: Result<never> } {
  if (!isMethodName(method)) return { ok: false, refused: fail('invalid_payload', `Unknown method ${JSON.stringify(String(method)).slice(0, 80)}`) };
  const unsafe = payloadProblems(payload);
  if (unsafe.length) return { ok: false, refused: fail('invalid_payload', `Invalid input for ${method}`, unsafe) };
  const parsed = contract[method].input.safeParse(payload ?? {});
  if (!parsed.success) {
    return {
      ok: false,
      refused: fail(
        'invalid_payload',
        `Invalid input for ${method}`,
        parsed.error.issues.slice(0, 20).map((i) => ({ field: i.path.join('.') || '(payload)', message: i.message })),
      ),
    };
  }
  return { ok: true, method, input: parsed.data };
}

function errorParts(e: AppError): [AppError['code'], string, AppError['details']?] {
  return e.details ? [e.code, e.message, e.details] : [e.code, e.message];
}

/** Map anything thrown to a typed error; SQLite's own codes become messages an analyst can act on. */
export function toAppError(err: unknown, method: MethodName | string): AppError {
  if (err instanceof AppFailure) return err.error;
  const code = (err as { code?: unknown })?.code;
  if (typeof code === 'string' && code.startsWith('SQLITE_')) {
    if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
      return { code: 'book_busy', message: 'The book is busy in another program; nothing was saved. Try again.' };
    }
    if (code === 'SQLITE_FULL') return { code: 'io', message: 'The disk is full; nothing was saved. Free some space and try again.' };
    if (code.startsWith('SQLITE_READONLY')) return { code: 'io', message: 'The book is read-only; nothing was saved.' };
    if (code.startsWith('SQLITE_IOERR')) return { code: 'io', message: `Could not write the book (${code}); nothing was saved.` };
    if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB') return { code: 'book_corrupt', message: 'The book file is damaged.' };
    if (code.startsWith('SQLITE_CONSTRAINT')) return { code: 'validation', message: `Rejected by the book's rules: ${(err as Error).message}` };
  }
  console.error(`[dealbook] ${method} failed:`, err);
  return { code: 'internal', message: `${method} failed unexpectedly; nothing was saved.` };
}
