/**
 * `slant`: the command-line entry point (bundled to dist/cli.cjs). Wires the process to the
 * dispatcher; an unexpected error prints one line (a stack trace only with SLANT_DEBUG=1)
 * and exits with 2.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import pkg from '../../../package.json' with { type: 'json' };
import { EXIT_TROUBLE, type Io } from './io.js';
import { run } from './run.js';

const TRANSPORTS = ['--stdio', '--node-ipc'];

/**
 * `slant lsp --stdio`: the language server that the editor extension runs, over stdio for any
 * LSP editor. It is its own bundle beside this one (dist/server.cjs), loaded only here, so
 * `slant check` does not pay for it at start-up.
 */
function lsp(args: string[]): void {
  if (args.length !== 1 || !TRANSPORTS.includes(args[0] as string)) {
    process.stderr.write(`slant: usage: slant lsp --stdio (or --node-ipc)\n`);
    process.exitCode = EXIT_TROUBLE;
    return;
  }
  const server = join(dirname(process.argv[1] ?? '.'), 'server.cjs');
  if (!existsSync(server)) {
    process.stderr.write(`slant: the language server bundle is missing (${server}); run npm run build\n`);
    process.exitCode = EXIT_TROUBLE;
    return;
  }
  createRequire(server)(server);
}

/** One line for an unexpected error (a stack trace only with SLANT_DEBUG=1); exit status 2. */
function internalError(error: unknown, debug: boolean): void {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`slant: internal error: ${message.split('\n')[0]}${debug ? '' : ' (set SLANT_DEBUG=1 for details)'}\n`);
  if (debug && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
  process.exitCode = EXIT_TROUBLE;
}

function main(): void {
  const debug = process.env.SLANT_DEBUG === '1';
  if (process.argv[2] === 'lsp') {
    lsp(process.argv.slice(3));
    return;
  }
  // Output piped into `head` and closed early is not an error worth a message.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      process.exit(error.code === 'EPIPE' ? (process.exitCode ?? 0) : EXIT_TROUBLE);
    });
  }
  try {
    const io: Io = {
      cwd: process.cwd(),
      env: process.env,
      out: (text) => {
        if (text !== '') process.stdout.write(text);
      },
      err: (text) => {
        if (text !== '') process.stderr.write(text);
      },
      stdoutIsTTY: process.stdout.isTTY === true,
      readStdin: () => readFileSync(0),
    };
    const status = run(process.argv.slice(2), io, pkg.version);
    if (typeof status === 'number') process.exitCode = status;
    else status.then((code) => (process.exitCode = code), (error: unknown) => internalError(error, debug));
  } catch (error) {
    internalError(error, debug);
  }
}

main();
