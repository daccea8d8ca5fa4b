import { runCli } from './run';
import type { Io } from './commands';

const io: Io = {
  out: (s) => void process.stdout.write(s),
  err: (s) => void process.stderr.write(s),
  errIsTty: Boolean(process.stderr.isTTY),
  readStdin: async () => {
    if (process.stdin.isTTY) return null;
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    // One line: the password, without the newline a shell's echo or a here-string adds.
    return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
  },
};

// A reader that stops early (`dealbook export | head`) closes the pipe: the output is no longer wanted, which is
// not a failure worth a stack trace. Exit quietly as done (0), as tools such as ripgrep do; any other error on the
// stream still throws.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code !== 'EPIPE') throw err;
  process.exit(0);
});

runCli(process.argv.slice(2), io).then((code) => {
  process.exitCode = code;
});
