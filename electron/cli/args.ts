/** Parsed command line: the command word, its flags and positional arguments; a repeatable flag's every value. */
export type Args = { command: string | undefined; flags: Map<string, string | true>; positional: string[]; repeated: Map<string, string[]> };

/** Flags that take a value; every other flag is a switch. */
const VALUE_FLAGS = new Set(['book', 'port', 'out', 'filtered-by', 'date-order', 'role', 'host', 'tls-cert', 'tls-key']);
/** Flags that take a value and may be given more than once. */
const REPEATED_FLAGS = new Set(['map']);

export class UsageError extends Error {}

export function parseArgs(argv: string[]): Args {
  const [command, ...rest] = argv;
  const flags = new Map<string, string | true>();
  const positional: string[] = [];
  const repeated = new Map<string, string[]>();
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]!;
    if (!arg.startsWith('--')) {
      positional.push(arg);
      continue;
    }
    const [name, inline] = arg.slice(2).split(/=(.*)/s, 2) as [string, string | undefined];
    if (REPEATED_FLAGS.has(name)) {
      const value = inline ?? rest[++i];
      if (value === undefined) throw new UsageError(`--${name} needs a value`);
      flags.set(name, value);
      repeated.set(name, [...(repeated.get(name) ?? []), value]);
    } else if (VALUE_FLAGS.has(name)) {
      const value = inline ?? rest[++i];
      if (value === undefined) throw new UsageError(`--${name} needs a value`);
      flags.set(name, value);
    } else {
      flags.set(name, true);
    }
  }
  return { command, flags, positional, repeated };
}

export function requireFlag(args: Args, name: string): string {
  const value = args.flags.get(name);
  if (typeof value !== 'string' || !value) throw new UsageError(`--${name} is required`);
  return value;
}

export function allowOnly(args: Args, names: string[], positional = 0): void {
  for (const name of args.flags.keys()) if (!names.includes(name)) throw new UsageError(`Unknown option --${name}`);
  if (args.positional.length > positional) throw new UsageError(`Unexpected argument ${args.positional[positional]}`);
}
