import type { MethodName } from '../../shared/protocol/contract';

/**
 * What the edit child (crash-editor.ts) does to a book, in a form both the child and the test understand:
 * the child prints each op as it tries it and again once the service has answered that it is saved; the
 * test replays the confirmed ops over the book as it was and compares.
 */
export type EditOp =
  /** One deal (updateDeal) or several at once (updateCells, a paste): notes and term of each. */
  | { kind: 'set'; cells: { id: number; notes: string; term: number }[] }
  /** addDeal; id is known only once saved. */
  | { kind: 'add'; notes: string; term: number; id?: number }
  | { kind: 'delete'; ids: number[] };

/** The line protocol of the child, one JSON object per line on stdout. */
export type EditorLine =
  | { ready: number }
  | { try: EditOp }
  /** ms: how long the service took, waiting for the book included. */
  | { ok: EditOp; ms: number }
  | { fail: { code: string; message: string } }
  | { done: number };

/** The part of a book the edit child changes: deal id -> notes and term. */
export type Snapshot = Map<number, { notes: string | null; term: number }>;

export function applyOp(before: Snapshot, op: EditOp): Snapshot {
  const next: Snapshot = new Map(before);
  if (op.kind === 'set') for (const c of op.cells) next.set(c.id, { notes: c.notes, term: c.term });
  if (op.kind === 'add') {
    if (op.id === undefined) throw new Error('an add is applied once its id is known');
    next.set(op.id, { notes: op.notes, term: op.term });
  }
  if (op.kind === 'delete') for (const id of op.ids) next.delete(id);
  return next;
}

/** Where two snapshots differ (at most a few rows), or null when they are equal. */
export function difference(actual: Snapshot, expected: Snapshot): string | null {
  const lines: string[] = [];
  for (const [id, want] of expected) {
    const got = actual.get(id);
    if (!got) lines.push(`deal ${id} is missing (expected notes ${JSON.stringify(want.notes)})`);
    else if (got.notes !== want.notes || got.term !== want.term) {
      lines.push(`deal ${id}: ${JSON.stringify(got)} instead of ${JSON.stringify(want)}`);
    }
  }
  for (const [id, got] of actual) if (!expected.has(id)) lines.push(`deal ${id} should not exist (${JSON.stringify(got)})`);
  return lines.length ? lines.slice(0, 5).join('\n') + (lines.length > 5 ? `\n... ${lines.length - 5} more` : '') : null;
}

/**
 * Check a book after the child died: every confirmed op is in it, and the op in flight at the kill (if any)
 * is either wholly in it or wholly absent. Returns null when that holds, else what is wrong.
 */
export function checkAfterKill(book: Snapshot, before: Snapshot, confirmed: EditOp[], pending: EditOp | null): string | null {
  const expected = confirmed.reduce(applyOp, before);
  const without = difference(book, expected);
  if (without === null || !pending) return without;
  let landed = pending;
  if (pending.kind === 'add') {
    // The id of an add that committed but was never confirmed: the one new row carrying its notes.
    const fresh = [...book].filter(([id, v]) => !expected.has(id) && v.notes === pending.notes);
    if (fresh.length !== 1) return `${without}\n(and the add in flight is not there exactly once either)`;
    landed = { ...pending, id: fresh[0]![0] };
  }
  const withPending = difference(book, applyOp(expected, landed));
  return withPending === null ? null : `without the op in flight:\n${without}\nwith it:\n${withPending}`;
}

/** The service method and payload for one op. */
export function toCall(op: EditOp): { method: MethodName; payload: unknown } {
  if (op.kind === 'delete') return { method: 'deleteDeals', payload: { ids: op.ids } };
  if (op.kind === 'add') {
    return {
      method: 'addDeal',
      payload: { values: { announced: '2025-03-01', from_party: 'Crash Fund', to_party: `Crash Lab ${op.term % 7}`, kind: 'investment', amount_usd: '1.5B', notes: op.notes, term_years: op.term } },
    };
  }
  const [only] = op.cells;
  if (op.cells.length === 1 && only) return { method: 'updateDeal', payload: { id: only.id, changes: { notes: only.notes, term_years: only.term } } };
  return {
    method: 'updateCells',
    payload: {
      cells: op.cells.flatMap((c) => [
        { id: c.id, field: 'notes', value: c.notes },
        { id: c.id, field: 'term_years', value: c.term },
      ]),
      label: `Paste ${op.cells.length} rows`,
    },
  };
}
