/**
 * Reading and writing files that come from a workspace or the command line, safely: a file is
 * opened once, checked on its descriptor (a regular file, not too large) and read at most up to
 * its cap, so a link to /dev/zero, a FIFO, a folder or a huge file gives a clear message at once
 * instead of filling memory or hanging. Writes never follow a symbolic link and never leave the
 * folder they belong to. Used by the CLI and the language server alike.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

/** The default cap for a data file (config, lexicon, entities): far above any real one. */
export const DEFAULT_MAX_DATA_FILE_BYTES = 4 * 1024 * 1024;

/** "4 MB", "512 KB": a size for messages. */
export function formatSize(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  if (mb >= 1) return `${Number.isInteger(mb) ? mb : mb.toFixed(1)} MB`;
  return `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

/** A plain-language reason for a file system error. */
export function describeError(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  switch (code) {
    case 'ENOENT':
      return 'no such file';
    case 'ENOTDIR':
      return 'no such file (a parent is not a folder)';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a folder';
    case 'ELOOP':
      return 'is a symbolic link (or too many of them)';
    case 'EMFILE':
    case 'ENFILE':
      return 'too many open files';
    case 'EAGAIN':
      return 'not ready for reading';
    default:
      return error instanceof Error ? error.message : String(error);
  }
}

export type BytesRead =
  | { ok: true; bytes: Buffer }
  /** `size` is set when the file was too large: its size as far as it was seen. */
  | { ok: false; reason: string; size?: number };

export interface ReadOptions {
  /** The most bytes read; a larger file is refused unread. */
  maxBytes: number;
  /** Refuse a symbolic link instead of following it. */
  noFollow?: boolean;
}

const { O_RDONLY, O_NONBLOCK, O_NOFOLLOW } = fs.constants;

/** What a file is, when it is not a regular file. */
function kindOf(st: fs.Stats): string {
  if (st.isDirectory()) return 'is a folder, not a file';
  if (st.isFIFO()) return 'is not a regular file (a named pipe)';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'is not a regular file (a device)';
  if (st.isSocket()) return 'is not a regular file (a socket)';
  return 'is not a regular file';
}

export type OpenedFile = { ok: true; fd: number; size: number } | { ok: false; reason: string; size?: number };

/**
 * Opens a regular file for reading: without blocking (a FIFO with no writer does not hang the
 * open), checked with fstat on that same descriptor (no race between a check and the read), and
 * refused when its size is over `maxBytes`. The caller closes `fd`.
 */
export function openRegularFile(file: string, options: ReadOptions): OpenedFile {
  let fd: number;
  try {
    // O_NONBLOCK and O_NOFOLLOW are undefined on Windows, where neither case arises this way.
    fd = fs.openSync(file, O_RDONLY | (O_NONBLOCK ?? 0) | (options.noFollow === true ? (O_NOFOLLOW ?? 0) : 0));
  } catch (error) {
    return { ok: false, reason: describeError(error) };
  }
  try {
    const st = fs.fstatSync(fd);
    const refused: OpenedFile | null = !st.isFile() ? { ok: false, reason: kindOf(st) } : st.size > options.maxBytes ? tooLarge(options.maxBytes, st.size) : null;
    if (refused === null) return { ok: true, fd, size: st.size };
    fs.closeSync(fd);
    return refused;
  } catch (error) {
    fs.closeSync(fd);
    return { ok: false, reason: describeError(error) };
  }
}

function tooLarge(maxBytes: number, size: number): { ok: false; reason: string; size: number } {
  return { ok: false, reason: `is larger than ${formatSize(maxBytes)}`, size };
}

/**
 * Reads a regular file of at most `maxBytes` bytes (opened as openRegularFile does), up to
 * `maxBytes + 1` bytes whatever its size claims to be (a file that grows while read is still
 * refused).
 */
export function readBytes(file: string, options: ReadOptions): BytesRead {
  const opened = openRegularFile(file, options);
  if (!opened.ok) return opened;
  const { fd } = opened;
  try {
    let buffer = Buffer.allocUnsafe(opened.size + 1);
    let length = 0;
    for (;;) {
      if (length === buffer.length) {
        if (length > options.maxBytes) return tooLarge(options.maxBytes, length);
        const bigger = Buffer.allocUnsafe(Math.min(options.maxBytes + 1, length * 2 + 1024));
        buffer.copy(bigger, 0, 0, length);
        buffer = bigger;
      }
      const n = fs.readSync(fd, buffer, length, buffer.length - length, null);
      if (n === 0) break;
      length += n;
    }
    return { ok: true, bytes: buffer.subarray(0, length) };
  } catch (error) {
    return { ok: false, reason: describeError(error) };
  } finally {
    fs.closeSync(fd);
  }
}

export type TextDecoded = { ok: true; text: string } | { ok: false; reason: string };

/**
 * Decodes a file's bytes: UTF-8 (a leading byte order mark is dropped, as editors do), or
 * UTF-16 when it starts with a UTF-16 byte order mark. A NUL byte elsewhere means binary.
 */
export function decodeBytes(bytes: Buffer): TextDecoded {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { ok: true, text: bytes.subarray(2).toString('utf16le') };
  }
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    const swapped = Buffer.from(bytes.subarray(2, bytes.length - (bytes.length % 2)));
    swapped.swap16();
    return { ok: true, text: swapped.toString('utf16le') };
  }
  if (bytes.indexOf(0) >= 0) return { ok: false, reason: 'binary file (contains NUL bytes)' };
  const text = bytes.toString('utf8');
  return { ok: true, text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text };
}

/** Reads a regular file as text (see readBytes and decodeBytes); `reason` says why not. */
export function readTextFile(file: string, options: ReadOptions): TextDecoded {
  const read = readBytes(file, options);
  return read.ok ? decodeBytes(read.bytes) : read;
}

/** True when `child` is `parent` or lies inside it (by path, not following links). */
export function isInside(parent: string, child: string): boolean {
  const rel = path.relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/** Why a write was refused (a message for the user). */
export class UnsafeWriteError extends Error {}

/**
 * Writes `text` to `file`, which must lie inside `root` (a workspace folder), creating its
 * folder (one level) if needed. Never follows a symbolic link: the file's folder must really be
 * inside `root` (not reached through a link), an existing file must be a regular file (not a
 * link), and the text goes to a new temporary file in the same folder that then replaces the
 * file (rename), so a reader never sees half a file and a link planted meanwhile is replaced,
 * not written through. Throws UnsafeWriteError (or a file system error) when it cannot.
 */
export function writeFileInside(root: string, file: string, text: string): void {
  const dir = path.dirname(file);
  if (!isInside(root, file) || file === root) throw new UnsafeWriteError(`${file} is not inside ${root}`);
  let realRoot: string;
  try {
    realRoot = fs.realpathSync(root);
  } catch (error) {
    throw new UnsafeWriteError(`the workspace folder cannot be read (${describeError(error)})`);
  }
  let dirStat: fs.Stats | null = null;
  try {
    dirStat = fs.lstatSync(dir);
  } catch {
    // Missing: made below.
  }
  if (dirStat === null) fs.mkdirSync(dir);
  else if (!dirStat.isDirectory()) throw new UnsafeWriteError(`${path.basename(dir)} is ${dirStat.isSymbolicLink() ? 'a symbolic link' : 'not a folder'}; nothing was written`);
  const realDir = fs.realpathSync(dir);
  if (!isInside(realRoot, realDir)) throw new UnsafeWriteError(`${path.basename(dir)} leads outside the workspace folder; nothing was written`);
  let mode = 0o644;
  try {
    const st = fs.lstatSync(file);
    if (st.isSymbolicLink()) throw new UnsafeWriteError(`${path.basename(file)} is a symbolic link; nothing was written`);
    if (!st.isFile()) throw new UnsafeWriteError(`${path.basename(file)} is not a regular file; nothing was written`);
    mode = st.mode & 0o777;
  } catch (error) {
    if (error instanceof UnsafeWriteError) throw error;
    if ((error as { code?: unknown }).code !== 'ENOENT') throw error;
  }
  const temp = path.join(realDir, `.${path.basename(file)}.${process.pid}.${Date.now().toString(36)}.tmp`);
  // 'wx': created here, never an existing file or a link planted under the temporary name.
  const fd = fs.openSync(temp, 'wx', mode);
  try {
    try {
      fs.writeSync(fd, text);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(temp, path.join(realDir, path.basename(file)));
  } catch (error) {
    fs.rmSync(temp, { force: true });
    throw error;
  }
}
