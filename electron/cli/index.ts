import { runCli } from './run';
import type { Io } from './commands';

/**
 * A reader that stops early (`dealbook export | head`, `dealbook import ... 2>&1 | head`) closes the pipe: what is
 * left to print is no longer wanted, which is not worth a stack trace, nor a reason to hide the command's own exit
 * code. Later output to that stream is dropped and the command ends as it would have (0 done, 1 invalid data).
 */
function dropOutputOnceClosed(stream: NodeJS.WriteStream): (s: string | Uint8Array) => void {
  let closed = false;
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code !== 'EPIPE' && err.code !== 'ERR_STREAM_DESTROYED') throw err;
    closed = true;
  });
  return (s) => {
    if (!closed && !stream.destroyed) stream.write(s);
  };
}

const stdout = dropOutputOnceClosed(process.stdout);

const io: Io = {
  out: stdout,
  outBytes: stdout,
  err: dropOutputOnceClosed(process.stderr),
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
