/**
 * `slant import FILE.html [-o FILE.md]`: a page the reader saved, as a Markdown article with
 * front matter. Nothing is fetched: a URL is refused. The page is read through the safe reader
 * (a regular file under a cap); the importer (Readability, linkedom, turndown) is loaded only
 * when this command runs, so `slant check` does not pay for it at start-up.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describeError, formatSize, readBytes } from '../data-files/read.js';
import { decodePage } from '../import/decode.js';
import { MAX_PAGE_BYTES } from '../import/limits.js';
import { loadImporter } from '../import/load.js';
import { flagOption, stringOption, UsageError, type OptionSpec, type ParsedArgs } from './args.js';
import { EXIT_OK, EXIT_TROUBLE, report, type Io } from './io.js';


export const IMPORT_OPTIONS: readonly OptionSpec[] = [
  { name: 'output', short: 'o', type: 'value' },
  { name: 'force', type: 'flag' },
  { name: 'help', short: 'h', type: 'flag' },
];

export interface ImportOptions {
  file: string;
  output: string | undefined;
  force: boolean;
}

/** A web address rather than a file. */
export function isUrl(arg: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(arg) || /^www\./i.test(arg);
}

export function importOptions(args: ParsedArgs): ImportOptions {
  const [file, ...more] = args.positionals;
  if (file === undefined) throw new UsageError('no page given to import (give a saved .html file)');
  if (more.length > 0) throw new UsageError(`import takes one page, got ${args.positionals.length}`);
  return { file, output: stringOption(args, 'output'), force: flagOption(args, 'force') === true };
}

/**
 * Writes `text` to a new file, or over an existing regular file when `force` is set; never
 * through a symbolic link (the text goes to a temporary file renamed into place).
 */
function writeOutput(file: string, text: string, force: boolean): string | null {
  let st: fs.Stats | null = null;
  try {
    st = fs.lstatSync(file);
  } catch (error) {
    if ((error as { code?: unknown }).code !== 'ENOENT') return describeError(error);
  }
  if (st !== null) {
    if (st.isSymbolicLink()) return 'is a symbolic link; nothing was written';
    if (!st.isFile()) return 'is not a regular file; nothing was written';
    if (!force) return 'already exists; nothing was written (add --force to replace it)';
  }
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  try {
    // 'wx': a new file, never one planted under the temporary name.
    fs.writeFileSync(temp, text, { flag: 'wx' });
    fs.renameSync(temp, file);
  } catch (error) {
    fs.rmSync(temp, { force: true });
    return describeError(error);
  }
  return null;
}

/** The one line for a URL given instead of a file. */
export const URL_REFUSED = 'slant import reads a page you saved, not a URL: nothing is fetched. Save the page first (File › Save Page As… › HTML) and give that file';

export async function runImport(options: ImportOptions, io: Io): Promise<number> {
  if (isUrl(options.file)) {
    report(io, URL_REFUSED);
    return EXIT_TROUBLE;
  }
  const file = path.resolve(io.cwd, options.file);
  const read = readBytes(file, { maxBytes: MAX_PAGE_BYTES });
  if (!read.ok) {
    report(io, `cannot import ${options.file}: ${read.reason}${read.size !== undefined ? ` (${formatSize(read.size)}; a saved page is read up to ${formatSize(MAX_PAGE_BYTES)})` : ''}`);
    return EXIT_TROUBLE;
  }
  const decoded = decodePage(read.bytes);
  if (!decoded.ok) {
    report(io, `cannot import ${options.file}: ${decoded.reason}, not a saved web page`);
    return EXIT_TROUBLE;
  }
  // The CLI bundle's folder (dist/) holds the importer bundle.
  const { importHtml, ImportError } = await loadImporter(path.dirname(process.argv[1] ?? '.'));
  let markdown: string;
  try {
    markdown = importHtml(decoded.text).markdown;
  } catch (error) {
    if (!(error instanceof ImportError)) throw error;
    report(io, `cannot import ${options.file}: ${error.message}`);
    return EXIT_TROUBLE;
  }
  if (options.output === undefined) {
    io.out(markdown);
    return EXIT_OK;
  }
  const problem = writeOutput(path.resolve(io.cwd, options.output), markdown, options.force);
  if (problem !== null) {
    report(io, `cannot write ${options.output}: ${problem}`);
    return EXIT_TROUBLE;
  }
  return EXIT_OK;
}
