import { resolve } from 'node:path';
import { mixedEncodingWarning } from '../../shared/csv/csv-decode';
import { csvCell } from '../../shared/csv/csv-write';
import { binaryCell, isCellValue } from '../../shared/csv/csv-odd-cell';
import { DEAL_STATUSES } from '../../shared/model/deal';
import { describeProblem, describeProblems, type CellProblem } from '../../shared/protocol/result';
import { partyFileRows } from '../../shared/csv/csv-party-columns';
import type { ScenarioPatch } from '../../shared/model/scenario';
import { dispatchStore } from '../service/store-dispatch';
import { openStore } from '../service/open-store';
import { isPgBook } from '../pg/book-url';
import { cliUser } from './cli-user';
import { requireFlag, unitValue, UsageError, type Args } from './args';
import type { ExitCode, Io } from './commands';
import { readCsvFile } from './read-csv';

/** `dealbook parties`: the parties as CSV `name,kind,parent`, or `--import FILE` of the same (one undo step). */
/** A `--book` value as a store opens it: a team book's URL as it is, a file's path resolved. */
function bookOf(args: Args): string {
  const book = requireFlag(args, 'book');
  return isPgBook(book) ? book : resolve(book);
}

export async function cmdParties(args: Args, io: Io): Promise<ExitCode> {
  const path = bookOf(args);
  const file = args.flags.get('import');
  if (file === true || file === '') throw new UsageError('--import needs a CSV file name');
  const source = typeof file === 'string' ? { name: file, decoded: await readCsvFile(file) } : null;
  const store = await openStore(path);
  try {
    const h = store.handlersFor(cliUser());
    if (!source) {
      const parties = await h.listParties({});
      // A name another program wrote as a BLOB: named, not written as whatever its bytes make.
      for (const p of parties) for (const field of ['name', 'parent'] as const) if (!isCellValue(p[field])) throw binaryCell('party', p.id, field);
      const lines = [['name', 'kind', 'parent'], ...parties.map((p) => [p.name, p.kind, p.parent ?? ''])];
      io.out(lines.map((cells) => cells.map((c) => csvCell(c === '' ? null : c)).join(',')).join('\r\n') + '\r\n');
      return 0;
    }
    const { name, decoded } = source;
    if (!decoded.ok) return refused(io, name, [decoded.problem]);
    // A UTF-8 file with a stray byte was read as Windows-1252: its UTF-8 names would be set wrongly, so say so.
    const mixed = decoded.encoding === 'windows-1252' ? mixedEncodingWarning(decoded.text) : null;
    if (mixed) io.err(`warning: ${describeProblem(mixed)}\n`);
    const read = partyFileRows(decoded.text);
    if (!read.ok) return refused(io, name, read.problems);
    const { rows } = read;
    // A header and nothing under it: no step is made, so none is claimed.
    if (rows.length === 0) {
      io.out(`${name} has no rows under its header; no party was changed\n`);
      return 0;
    }
    const result = await dispatchStore(h, 'importParties', { rows });
    if (!result.ok) {
      const invalid = result.error.code === 'validation' || result.error.code === 'invalid_payload';
      if (invalid && result.error.details?.length) return refused(io, name, result.error.details);
      io.err(`dealbook: ${result.error.message}\n`);
      return invalid ? 1 : 2;
    }
    io.out(`set kind and parent of ${rows.length} ${rows.length === 1 ? 'party' : 'parties'} from ${name} as one undo step\n`);
    return 0;
  } finally {
    await store.close();
  }
}

/**
 * A parties file refused: each problem once, on its own line (`line 3, column kind: ...`), then what became of the
 * book. The service's message restates the first problem for callers that show only it; here it would say it twice.
 */
function refused(io: Io, file: string, problems: readonly CellProblem[]): ExitCode {
  const n = problems.length;
  io.err(`${describeProblems([...problems])}\ndealbook: ${file} refused (${n === 1 ? '1 problem' : `${n} problems`}); no party was changed\n`);
  return 1;
}

/** `--weight STATUS=W`, repeatable: each status once, known, with a weight from 0 to 1. */
function weights(values: readonly string[]): Partial<Record<(typeof DEAL_STATUSES)[number], number>> {
  const out: Partial<Record<(typeof DEAL_STATUSES)[number], number>> = {};
  for (const value of values) {
    const at = value.indexOf('=');
    const status = value.slice(0, at).trim().toLowerCase();
    if (at < 1) throw new UsageError(`--weight ${value}: write STATUS=W, e.g. --weight announced=0.5`);
    if (!(DEAL_STATUSES as readonly string[]).includes(status)) {
      throw new UsageError(`--weight ${value}: unknown status "${status}"; expected one of ${DEAL_STATUSES.join(', ')}`);
    }
    if (Object.hasOwn(out, status)) throw new UsageError(`--weight ${status} is given twice; give each status once`);
    out[status as (typeof DEAL_STATUSES)[number]] = unitValue(`--weight ${status}`, value.slice(at + 1), '=');
  }
  return out;
}

/** `dealbook scenario`: list as JSON, `--set NAME` with parameters, or `--delete NAME`. Bad values change nothing. */
export async function cmdScenario(args: Args, io: Io): Promise<ExitCode> {
  const path = bookOf(args);
  const set = args.flags.get('set');
  const del = args.flags.get('delete');
  const params = ['weight', 'up-to', 'credit-drawdown', 'roll-up', 'no-roll-up'].filter((p) => args.flags.has(p));
  if (set !== undefined && del !== undefined) throw new UsageError('--set and --delete cannot be used together');
  if (set === undefined && params.length) throw new UsageError(`--${params[0]} needs --set NAME (the scenario to change)`);
  if (args.flags.has('roll-up') && args.flags.has('no-roll-up')) throw new UsageError('--roll-up and --no-roll-up cannot be used together');
  // Every value is checked before the book is opened: a bad one changes nothing.
  let patch: ScenarioPatch | null = null;
  if (typeof set === 'string') {
    const w = weights(args.repeated.get('weight') ?? []);
    const upTo = args.flags.get('up-to');
    const drawdown = args.flags.get('credit-drawdown');
    patch = {
      name: set,
      ...(Object.keys(w).length ? { status_weight: w } : {}),
      ...(typeof upTo === 'string' ? { up_to_factor: unitValue('--up-to', upTo) } : {}),
      ...(typeof drawdown === 'string' ? { credit_drawdown: unitValue('--credit-drawdown', drawdown) } : {}),
      ...(args.flags.has('roll-up') ? { roll_up: true } : args.flags.has('no-roll-up') ? { roll_up: false } : {}),
    };
  }
  const store = await openStore(path);
  try {
    const h = store.handlersFor(cliUser());
    const result = patch ? await dispatchStore(h, 'setScenario', patch) : typeof del === 'string' ? await dispatchStore(h, 'deleteScenario', { name: del }) : null;
    if (result && !result.ok) {
      const option = patch ? '--set' : '--delete';
      // One line: the message says it all (its details restate it), but for a payload the contract refused, whose
      // message is generic ("Invalid input for setScenario") and whose details say what is wrong with the name.
      const { code, message, details } = result.error;
      const why = code === 'invalid_payload' && details?.length ? details.map((d) => d.message).join('; ') : message;
      const name = patch?.name ?? (typeof del === 'string' ? del : '');
      io.err(`dealbook: ${option} ${name.trim() === '' ? `"${name}"` : name}: ${why}\n`);
      // Invalid data is 1 (Base cannot be deleted); a missing scenario, a bad name, and I/O (a read-only or busy
      // book) are 2.
      return result.error.code === 'validation' || result.error.code === 'conflict' ? 1 : 2;
    }
    io.out(`${JSON.stringify(await h.listScenarios({}), null, 2)}\n`);
    return 0;
  } finally {
    await store.close();
  }
}
