import { runCli } from './run';
import type { Io } from './commands';

const io: Io = {
  out: (s) => void process.stdout.write(s),
  err: (s) => void process.stderr.write(s),
  errIsTty: Boolean(process.stderr.isTTY),
};

runCli(process.argv.slice(2), io).then((code) => {
  process.exitCode = code;
});
