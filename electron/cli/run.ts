import { AppFailure } from '../../shared/protocol/result';
import { allowOnly, HelpRequest, parseCommandArgs, UsageError, type Args, type Options } from './args';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ExitCode, Io } from './commands';

// Each command's code is loaded when it runs: `dealbook export` starts without the HTTP server, the UI's files,
// the importer or the report (loading and compiling them was a third of its start-up).
const commands = () => import('./commands');

/** A command: its synopsis and what it does (for --help), its options, how many positionals, and its code. */
type Command = { synopsis: string; about: string; options: Options; positionals: number; run: (args: Args, io: Io) => Promise<ExitCode> };

const BOOK = { type: 'string', value: 'PATH', help: 'the book file (created by `new`), or a team book: postgres://USER[:PASS]@HOST[:PORT]/DB?schema=NAME' } as const;
const TEAM_BOOK = { type: 'string', value: 'URL', help: 'the team book: postgres://USER[:PASS]@HOST[:PORT]/DB?schema=NAME' } as const;
const SCENARIO = { type: 'string', value: 'NAME', help: 'compute under this scenario of the book (default Base)' } as const;

/** Every command and its options: parsing, `--help` and the usage text all come from here. */
export const COMMANDS: Readonly<Record<string, Command>> = {
  new: {
    synopsis: 'new --book PATH [--sample]',
    about: 'Create a book, empty or with the sample deals (publicly reported deals, each with its source).',
    options: { book: BOOK, sample: { type: 'boolean', help: 'fill it with the sample deals' } },
    positionals: 0,
    run: async (args, io) => (await commands()).cmdNew(args, io),
  },
  serve: {
    synopsis: 'serve --book PATH [--port N] | --book URL --team [--host H] [--port N] [--tls-cert F --tls-key F]',
    about: 'Serve the book (a file, or a team book for one person) in browser mode on 127.0.0.1 (prints the URL with its token); with --team, a team book to signed-in users.',
    options: {
      book: BOOK,
      port: { type: 'string', value: 'N', help: 'port to listen on (default: any free port)' },
      team: { type: 'boolean', help: 'serve a team book to its users (sign-in, roles, live)' },
      host: { type: 'string', value: 'H', help: 'with --team: address to listen on (default 127.0.0.1)' },
      'tls-cert': { type: 'string', value: 'FILE', help: 'with --team: TLS certificate (PEM); needs --tls-key' },
      'tls-key': { type: 'string', value: 'FILE', help: 'with --team: TLS private key (PEM)' },
    },
    positionals: 0,
    run: async (args, io) => (await commands()).cmdServe(args, io),
  },
  check: {
    synopsis: 'check --book PATH',
    about: 'Integrity check, schema version, the book\'s invariants (every deal\'s parties exist, no parent loop, name keys) and counts.',
    options: { book: BOOK },
    positionals: 0,
    run: async (args, io) => (await commands()).cmdCheck(args, io),
  },
  import: {
    synopsis: 'import --book PATH FILE [--dry-run] [--skip-invalid] [--update] [--map "HEADER=field"]... [--date-order DMY|MDY]',
    about: 'Import deals from a CSV file: all or nothing unless --skip-invalid, as one undo step.',
    options: {
      book: BOOK,
      'dry-run': { type: 'boolean', help: 'report what would happen, write nothing' },
      'skip-invalid': { type: 'boolean', help: 'import the valid rows, report the rest' },
      update: { type: 'boolean', help: 'a row whose id names a deal updates it (only the cells that differ)' },
      map: { type: 'string', multiple: true, value: '"HEADER=field"', help: 'which field a column holds (field may be id or ignore; a unit in HEADER applies); repeatable' },
      'date-order': { type: 'string', value: 'DMY|MDY', help: 'how to read numeric dates both orders allow (default: the book\'s setting)' },
    },
    positionals: 1,
    run: async (args, io) => (await import('./import-command')).cmdImport(args, io),
  },
  export: {
    synopsis: 'export --book PATH [--out FILE] [--filtered-by TEXT] [--scenario NAME]',
    about: 'Export the deals as CSV (derived columns under the scenario), to stdout or a file.',
    options: {
      book: BOOK,
      out: { type: 'string', value: 'FILE', help: 'write to this file instead of stdout' },
      'filtered-by': { type: 'string', value: 'TEXT', help: 'only the rows the grid\'s quick filter shows for TEXT' },
      scenario: SCENARIO,
    },
    positionals: 0,
    run: async (args, io) => (await import('./export-command')).cmdExport(args, io),
  },
  user: {
    synopsis: 'user add --book URL NAME --role owner|editor|viewer | list --book URL | remove --book URL NAME | set-role --book URL NAME ROLE',
    about: 'The users of a team book. add reads the password from standard input, or prints a generated one-time password.',
    options: { book: TEAM_BOOK, role: { type: 'string', value: 'ROLE', help: 'owner, editor or viewer' } },
    positionals: 3,
    // Team books only: loaded when asked for (see commands.ts).
    run: async (args, io) => (await import('./user-commands')).cmdUser(args, io),
  },
  report: {
    synopsis: 'report --book PATH [--scenario NAME] [--json]',
    about: 'Pairs, exposure, money received, commitments and disbursement by year, as tables or JSON.',
    options: { book: BOOK, scenario: SCENARIO, json: { type: 'boolean', help: 'print one JSON object (fixed shape) instead of tables' } },
    positionals: 0,
    run: async (args, io) => (await import('./report-command')).cmdReport(args, io),
  },
  parties: {
    synopsis: 'parties --book PATH [--import FILE]',
    about: 'Print the parties as CSV name,kind,parent, or set kind and parent from such a file (one undo step).',
    options: { book: BOOK, import: { type: 'string', value: 'FILE', help: 'a name,kind,parent CSV file (Party, Type, Parent company and the like are read too); missing parties are created' } },
    positionals: 0,
    run: async (args, io) => (await import('./book-commands')).cmdParties(args, io),
  },
  scenario: {
    synopsis: 'scenario --book PATH [--set NAME [--weight STATUS=W]... [--up-to F] [--credit-drawdown F] [--roll-up|--no-roll-up]] [--delete NAME]',
    about: 'List the book\'s scenarios as JSON, create or update one (unset parameters keep their value, or Base\'s), or delete one.',
    options: {
      book: BOOK,
      set: { type: 'string', value: 'NAME', help: 'create or update this scenario' },
      weight: { type: 'string', multiple: true, value: 'STATUS=W', help: 'weight 0..1 of a status (rumored, announced, signed, closed, cancelled); repeatable' },
      'up-to': { type: 'string', value: 'F', help: 'factor 0..1 on the weight of "up to" amounts' },
      'credit-drawdown': { type: 'string', value: 'F', help: 'share 0..1 of compute credits actually drawn' },
      'roll-up': { type: 'boolean', help: 'count every party as its group (top parent)' },
      'no-roll-up': { type: 'boolean', help: 'count every party as itself' },
      delete: { type: 'string', value: 'NAME', help: 'delete this scenario (not Base)' },
    },
    positionals: 0,
    run: async (args, io) => (await import('./book-commands')).cmdScenario(args, io),
  },
  pull: {
    synopsis: 'pull --book URL --out FILE',
    about: 'Copy a team book (deals, parties, scenarios, settings, history) into a new book file to work on offline; the file remembers the team book and the step it was copied at.',
    options: { book: TEAM_BOOK, out: { type: 'string', value: 'FILE', help: 'the new book file (an existing file is refused)' } },
    positionals: 0,
    run: async (args, io) => (await import('./offline-commands')).cmdPull(args, io),
  },
  push: {
    synopsis: 'push --book FILE [--dry-run] [--password-stdin] | --book FILE --to URL',
    about: 'Send an offline copy\'s steps since the pull to its team book, one step each, by the no-lost-update rule: a change to a field changed on the server since is listed as a conflict and not applied (exit 1). With --to, create a new team book from the file.',
    options: {
      book: { type: 'string', value: 'FILE', help: 'the book file (made by pull, or pushed with --to before)' },
      'dry-run': { type: 'boolean', help: 'list what would be applied and the conflicts, write nothing' },
      'password-stdin': { type: 'boolean', help: 'read the team book\'s password from standard input (the file keeps none; else PGPASSWORD, the one pull kept, or ~/.pgpass)' },
      to: { type: 'string', value: 'URL', help: 'create this new team book from the file (the schema must hold no book)' },
    },
    positionals: 0,
    run: async (args, io) => (await import('./offline-commands')).cmdPush(args, io),
  },
};

export const USAGE = `Usage: dealbook <command> [options]     (dealbook <command> --help for its options)
${Object.values(COMMANDS).map((c) => `  ${c.synopsis}`).join('\n')}
Exit codes: 0 done, 1 invalid data (push: conflicts listed, the rest applied), 2 usage or I/O error.
`;

/** `dealbook COMMAND --help`: the synopsis, what it does, and each option. */
export function commandHelp(name: string): string {
  const c = COMMANDS[name]!;
  const opts = Object.entries(c.options).map(([flag, o]) => {
    const left = `--${flag}${o.value ? ` ${o.value}` : ''}`;
    return `  ${left.padEnd(28)} ${o.help}`;
  });
  return `Usage: dealbook ${c.synopsis}\n${c.about}\n\nOptions:\n${opts.join('\n')}\n  ${'-h, --help'.padEnd(28)} print this help\n`;
}

const args0 = (argv: string[]) => argv[0] ?? 'dealbook';

export async function runCli(argv: string[], io: Io): Promise<ExitCode> {
  const [word, ...rest] = argv;
  try {
    if (word === undefined) {
      io.err(USAGE);
      return 2;
    }
    if (word === '-h' || word === '--help' || word === 'help') {
      const topic = word === 'help' ? rest[0] : undefined;
      // `help nope` is a typo to point out (exit 2, like `dealbook nope`), not a request for the general usage.
      if (topic !== undefined && !Object.hasOwn(COMMANDS, topic)) throw new UsageError(`No help for "${topic}": it is not a command`);
      io.out(topic ? commandHelp(topic) : USAGE);
      return 0;
    }
    if (!Object.hasOwn(COMMANDS, word)) throw new UsageError(`Unknown command "${word}"`);
    const command = COMMANDS[word]!;
    const args = parseCommandArgs(word, rest, command.options);
    if (args.positional.length > command.positionals) allowOnly(args, Object.keys(command.options), command.positionals);
    return await command.run(args, io);
  } catch (err) {
    if (err instanceof HelpRequest) {
      io.out(commandHelp(err.message));
      return 0;
    }
    if (err instanceof UsageError) {
      const help = word !== undefined && Object.hasOwn(COMMANDS, word) ? commandHelp(word) : USAGE;
      io.err(`dealbook: ${err.message}\n\n${help}`);
      return 2;
    }
    if (err instanceof AppFailure) {
      io.err(`dealbook: ${err.message}\n`);
      return err.error.code === 'validation' ? 1 : 2;
    }
    // SQLite's own errors (busy, full, damaged) get the same plain messages as in the app (dispatch's words; it is
    // loaded only then: it carries the whole contract).
    const { toAppError } = await import('../service/dispatch');
    io.err(`dealbook: ${toAppError(err, args0(argv)).message}\n`);
    return 2;
  }
}

/**
 * The built renderer sits beside the built CLI (out/renderer next to out/main). Defined here, in the CLI's entry
 * file: the commands' code is in chunks one folder further down.
 */
export function rendererDir(): string {
  return resolve(dirname(fileURLToPath(import.meta.url)), '../renderer');
}
