/**
 * Input files: expanding the paths given on the command line (folders recursively) and reading
 * each file as text, with one clear message for everything that can go wrong.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { decodeBytes, describeError, formatSize, readBytes } from '../data-files/read.js';
import type { Problem } from './report.js';

export { describeError };

/** Extensions collected from folders (files named on the command line are read whatever they are called). */
export const TEXT_EXTENSIONS = ['.md', '.markdown', '.txt'] as const;

/** Folders never entered while walking (besides folders whose name starts with a dot). */
const SKIPPED_FOLDERS = new Set(['node_modules']);

/** Larger files are not read at all (the engine analyses at most `maxLength` characters anyway). */
export const MAX_FILE_BYTES = 256 * 1024 * 1024;

/** The display name of standard input. */
export const STDIN_NAME = '<stdin>';

export interface Input {
  /** The path as shown to the user: as given, or joined onto the folder given. `<stdin>` for standard input. */
  display: string;
  /** Absolute path; null for standard input. */
  absolute: string | null;
}

export interface CollectResult {
  inputs: Input[];
  /** One per path that could not be used. */
  problems: Problem[];
}

/** Normalises a path for display, keeping it relative if it was given relative. */
function normaliseDisplay(p: string): string {
  const n = path.normalize(p);
  return n.length > 1 && (n.endsWith('/') || n.endsWith(path.sep)) ? n.slice(0, -1) : n;
}

function compareNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function hasTextExtension(name: string): boolean {
  const lower = name.toLowerCase();
  return TEXT_EXTENSIONS.some((ext) => lower.endsWith(ext));
}

/**
 * Expands the paths given into input files, in the order given, each folder's files sorted by
 * name. A file reached twice is read once.
 */
export function collectInputs(paths: readonly string[], cwd: string): CollectResult {
  const inputs: Input[] = [];
  const problems: Problem[] = [];
  const seen = new Set<string>();
  const add = (display: string, absolute: string | null): void => {
    const key = absolute ?? STDIN_NAME;
    if (seen.has(key)) return;
    seen.add(key);
    inputs.push({ display, absolute });
  };

  const walk = (dir: string, display: string, visited: Set<string>): number => {
    let count = 0;
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch (error) {
      problems.push({ message: `cannot read ${display}: ${describeError(error)}`, path: display });
      return 0;
    }
    entries.sort((a, b) => compareNames(a.name, b.name));
    for (const entry of entries) {
      const abs = path.join(dir, entry.name);
      const shown = path.join(display, entry.name);
      let isDir = entry.isDirectory();
      let isFile = entry.isFile();
      if (entry.isSymbolicLink()) {
        try {
          const st = fs.statSync(abs);
          isDir = st.isDirectory();
          isFile = st.isFile();
        } catch {
          continue; // A dangling link inside a folder is not worth a message.
        }
      }
      if (isDir) {
        if (entry.name.startsWith('.') || SKIPPED_FOLDERS.has(entry.name)) continue;
        let real: string;
        try {
          real = fs.realpathSync(abs);
        } catch {
          continue;
        }
        if (visited.has(real)) continue; // A link back up the tree.
        visited.add(real);
        count += walk(abs, shown, visited);
        visited.delete(real);
      } else if (isFile && hasTextExtension(entry.name)) {
        add(shown, abs);
        count++;
      }
    }
    return count;
  };

  for (const given of paths) {
    if (given === '-') {
      add(STDIN_NAME, null);
      continue;
    }
    const display = normaliseDisplay(given);
    const abs = path.resolve(cwd, given);
    let st: fs.Stats;
    try {
      st = fs.statSync(abs);
    } catch (error) {
      problems.push({ message: `cannot read ${display}: ${describeError(error)}`, path: display });
      continue;
    }
    if (st.isDirectory()) {
      let real = abs;
      try {
        real = fs.realpathSync(abs);
      } catch {
        // Keep the resolved path.
      }
      const found = walk(abs, display, new Set([real]));
      if (found === 0) problems.push({ message: `no ${TEXT_EXTENSIONS.join(', ')} files in ${display}`, path: display });
    } else if (st.isFile()) {
      add(display, abs);
    } else {
      problems.push({ message: `skipped ${display}: not a regular file`, path: display });
    }
  }
  return { inputs, problems };
}

export type ReadResult = { ok: true; text: string } | { ok: false; problem: Problem };

/** Reads one input as text, safely (see data-files/read.ts). `readStdin` supplies standard input's bytes. */
export function readInput(input: Input, readStdin: () => Buffer): ReadResult {
  let bytes: Buffer;
  if (input.absolute === null) {
    try {
      bytes = readStdin();
    } catch (error) {
      return { ok: false, problem: { message: `cannot read ${input.display}: ${describeError(error)}`, path: input.display } };
    }
  } else {
    const read = readBytes(input.absolute, { maxBytes: MAX_FILE_BYTES });
    if (!read.ok) {
      const message =
        read.size !== undefined
          ? `skipped ${input.display}: file too large (${formatSize(read.size)}; the limit is ${formatSize(MAX_FILE_BYTES)})`
          : `cannot read ${input.display}: ${read.reason}`;
      return { ok: false, problem: { message, path: input.display } };
    }
    bytes = read.bytes;
  }
  const decoded = decodeBytes(bytes);
  return decoded.ok ? decoded : { ok: false, problem: { message: `skipped ${input.display}: ${decoded.reason}`, path: input.display } };
}

/** A path for messages about data files: relative to the current folder when under it. */
export function displayPath(absolute: string, cwd: string): string {
  const rel = path.relative(cwd, absolute);
  return rel === '' ? '.' : path.isAbsolute(rel) ? absolute : rel;
}
