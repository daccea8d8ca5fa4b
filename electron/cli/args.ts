import { parseArgs as parseNodeArgs } from 'node:util';

/** One option of a command, as node:util's parseArgs takes it, plus what `--help` says about it. */
export type OptionSpec = { type: 'string' | 'boolean'; multiple?: boolean; short?: string; value?: string; help: string };
export type Options = Readonly<Record<string, OptionSpec>>;

/** Parsed command line: the command word, its options and positional arguments; a repeatable option's every value. */
export type Args = { command: string | undefined; flags: Map<string, string | true>; positional: string[]; repeated: Map<string, string[]> };

export class UsageError extends Error {}

/** Asked for help (`-h`, `--help`): the caller prints usage and exits 0. */
export class HelpRequest extends Error {}

/**
 * One command's arguments by node:util's parseArgs, strictly: an unknown option, an option without its value
 * (`new --book --sample` does not name a book `--sample`) and a value that looks like an option are refused;
 * `--` ends the options, so a file may start with a dash. `-h`/`--help` anywhere asks for the command's help.
 */
export function parseCommandArgs(command: string, argv: readonly string[], options: Options): Args {
  const config = Object.fromEntries(
    Object.entries(options).map(([name, o]) => [name, { type: o.type, ...(o.multiple ? { multiple: true } : {}), ...(o.short ? { short: o.short } : {}) }]),
  );
  let parsed: { values: Record<string, string | boolean | (string | boolean)[] | undefined>; positionals: string[] };
  try {
    parsed = parseNodeArgs({ args: [...argv], options: { ...config, help: { type: 'boolean', short: 'h' } }, allowPositionals: true, strict: true });
  } catch (err) {
    const code = String((err as { code?: unknown }).code ?? '');
    if (!code.startsWith('ERR_PARSE_ARGS')) throw err;
    const message = (err as Error).message;
    const option = /'(-[^' ]*)/.exec(message)?.[1];
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && option) {
      throw new UsageError(`Unknown option ${option} for ${command} (a file name starting with "-" goes after "--")`);
    }
    // Node's own words ("Option '--book <value>' argument missing") said in the usage's terms.
    const spec = option?.startsWith('--') ? options[option.slice(2)] : undefined;
    if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && option && spec) {
      const next = argv[argv.indexOf(option) + 1];
      if (next === undefined) throw new UsageError(`${option} needs a value: ${option} ${spec.value ?? 'VALUE'}`);
      if (next.startsWith('-')) {
        throw new UsageError(`${option} ${next}: ${option} needs a value, and "${next}" looks like an option (write ${option}=${next} if it is the value)`);
      }
    }
    throw new UsageError(`${command}: ${message.split('\n').join(' ')}`);
  }
  if (parsed.values.help) throw new HelpRequest(command);
  const flags = new Map<string, string | true>();
  const repeated = new Map<string, string[]>();
  for (const [name, value] of Object.entries(parsed.values)) {
    if (value === undefined || value === false) continue;
    if (Array.isArray(value)) {
      const strings = value.map(String);
      repeated.set(name, strings);
      if (strings.length) flags.set(name, strings[strings.length - 1]!);
    } else flags.set(name, value === true ? true : value);
  }
  return { command, flags, positional: parsed.positionals, repeated };
}

export function requireFlag(args: Args, name: string): string {
  const value = args.flags.get(name);
  if (typeof value !== 'string' || !value) throw new UsageError(`--${name} is required`);
  return value;
}

/** Options other than `names` are refused, and more than `positional` positional arguments. */
export function allowOnly(args: Args, names: string[], positional = 0): void {
  for (const name of args.flags.keys()) if (!names.includes(name)) throw new UsageError(`Unknown option --${name}`);
  const extra = args.positional[positional];
  if (extra === undefined) return;
  // A book named without --book is the likeliest slip: say how it is written.
  const hint = names.includes('book') && !args.flags.has('book') ? ` (a book is given as --book ${extra})` : '';
  throw new UsageError(`Unexpected argument ${extra}${hint}`);
}

/** A number from 0 to 1 given to an option; anything else is a usage error naming the option. */
export function unitValue(option: string, text: string, separator = ' '): number {
  // Decimal notation only: Number() alone would also take `0x1`, `0b1` and `0o1`.
  const n = /^\s*\+?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?\s*$/i.test(text) ? Number(text) : NaN;
  if (!Number.isFinite(n) || n < 0 || n > 1) throw new UsageError(`${option}${separator}${text}: must be a number from 0 to 1`);
  return n;
}
