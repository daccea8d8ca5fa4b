import { runCli } from './run';
import type { Io } from './commands';

const io: Io = {
  out: (s) => void process.stdout.write(s),
  outBytes: (bytes) => void process.stdout.write(bytes),
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

runCli(process.argv.slice(2), io).then((code) => {
  process.exitCode = code;
});
