/** One thing wrong with an inbound payload, where it is (dotted path, as zod's issues name fields). */
export type PayloadProblem = { field: string; message: string };

// A high surrogate not followed by a low one, or a low one not preceded by a high one.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

type WellFormed = { isWellFormed?: () => boolean };

/**
 * Where a string holds a lone UTF-16 surrogate (index of the first), or -1. SQLite stores such a string as
 * invalid UTF-8 that reads back as U+FFFD, so two different names would come back looking the same.
 */
export function loneSurrogateAt(s: string): number {
  // The native check is far faster on a long import text; the regex is only run to place the problem.
  const native = (s as unknown as WellFormed).isWellFormed;
  if (native && native.call(s)) return -1;
  const match = LONE_SURROGATE.exec(s);
  return match ? match.index : -1;
}

/**
 * Problems no schema sees, checked once at the door before the schema: a lone surrogate in any string
 * (values and keys), and a `__proto__` key at any depth, which zod's object parsing drops silently instead of
 * refusing like any other unknown key. Walks with its own stack, so a deeply nested payload cannot overflow.
 */
export function payloadProblems(payload: unknown, limit = 20): PayloadProblem[] {
  const problems: PayloadProblem[] = [];
  const stack: [unknown, string][] = [[payload, '']];
  while (stack.length && problems.length < limit) {
    const [value, path] = stack.pop()!;
    if (typeof value === 'string') {
      const at = loneSurrogateAt(value);
      if (at >= 0) problems.push({ field: path || '(payload)', message: `${where(value, at)} holds a lone UTF-16 surrogate (not valid Unicode text)` });
      continue;
    }
    if (value === null || typeof value !== 'object') continue;
    if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) stack.push([value[i], join(path, String(i))]);
      continue;
    }
    const proto = Object.getPrototypeOf(value) as unknown;
    if (proto !== Object.prototype && proto !== null) continue;
    const keys = Object.keys(value);
    for (const key of keys) {
      if (key === '__proto__') problems.push({ field: path || '(payload)', message: 'Unrecognized key: "__proto__"' });
      else if (loneSurrogateAt(key) >= 0) problems.push({ field: path || '(payload)', message: 'a key holds a lone UTF-16 surrogate (not valid Unicode text)' });
    }
    // Pushed last to first, so problems come out in the payload's own order.
    for (let i = keys.length - 1; i >= 0; i--) stack.push([(value as Record<string, unknown>)[keys[i]!], join(path, keys[i]!)]);
  }
  return problems;
}

function join(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}

/** "character 12", or for text of many lines "line 3, character 4", so a long import text's problem can be found. */
function where(s: string, at: number): string {
  const lineStart = s.lastIndexOf('\n', at - 1) + 1;
  if (lineStart === 0) return `character ${at + 1}`;
  let line = 1;
  for (let i = s.indexOf('\n'); i >= 0 && i < at; i = s.indexOf('\n', i + 1)) line++;
  return `line ${line}, character ${at - lineStart + 1}`;
}
