import { sanitise } from './color.js';

/** What the CLI needs from its surroundings, passed in so the commands stay testable. */
export interface Io {
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  /** Writes to standard output. */
  out(text: string): void;
  /** Writes to standard error. */
  err(text: string): void;
  /** True when standard output is a terminal. */
  stdoutIsTTY: boolean;
  /** Reads all of standard input. */
  readStdin(): Buffer;
}

/** Exit statuses. */
export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_TROUBLE = 2;

/**
 * Prints one `slant: ...` line per message to standard error. Control characters (escape
 * sequences in a file name or a library's message) are replaced, as on standard output.
 */
export function report(io: Io, message: string): void {
  io.err(`slant: ${sanitise(message)}\n`);
}
