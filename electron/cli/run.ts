import { AppFailure } from '../../shared/result';
import { toAppError } from '../service/dispatch';
import { parseArgs, UsageError } from './args';
import { cmdCheck, cmdExport, cmdImport, cmdNew, cmdServe, type ExitCode, type Io } from './commands';
import { cmdUser } from './user-commands';

const USAGE = `Usage: dealbook <command> [options]
  new    --book PATH [--sample]                      create a book (with the sample deals)
  serve  --book PATH [--port N]                      serve the book in browser mode on 127.0.0.1
  check  --book PATH                                 integrity check, schema version, counts
  import --book PATH FILE [--dry-run] [--skip-invalid]
  export --book PATH [--out FILE] [--filtered-by TEXT]
  serve  --book URL --team [--host H] [--port N] [--tls-cert F --tls-key F]   a team server (sign-in, roles)
  user   add --book URL NAME --role owner|editor|viewer   (password from stdin, or a generated one printed)
  user   list --book URL | remove --book URL NAME | set-role --book URL NAME ROLE
--book takes a file path or a team book's URL: postgres://USER[:PASS]@HOST[:PORT]/DB?schema=NAME
Exit codes: 0 done, 1 invalid data, 2 usage or I/O error.
`;

const COMMANDS: Record<string, (args: ReturnType<typeof parseArgs>, io: Io) => Promise<ExitCode>> = {
  new: cmdNew,
  check: cmdCheck,
  serve: cmdServe,
  import: cmdImport,
  export: cmdExport,
  user: cmdUser,
};

const args0 = (argv: string[]) => argv[0] ?? 'dealbook';

export async function runCli(argv: string[], io: Io): Promise<ExitCode> {
  try {
    const args = parseArgs(argv);
    if (!args.command || args.command === 'help' || args.flags.has('help')) {
      io.out(USAGE);
      return args.command ? 0 : 2;
    }
    const command = COMMANDS[args.command];
    if (!command) throw new UsageError(`Unknown command "${args.command}"`);
    return await command(args, io);
  } catch (err) {
    if (err instanceof UsageError) {
      io.err(`dealbook: ${err.message}\n\n${USAGE}`);
      return 2;
    }
    if (err instanceof AppFailure) {
      io.err(`dealbook: ${err.message}\n`);
      return err.error.code === 'validation' ? 1 : 2;
    }
    // SQLite's own errors (busy, full, damaged) get the same plain messages as in the app.
    io.err(`dealbook: ${toAppError(err, args0(argv)).message}\n`);
    return 2;
  }
}
