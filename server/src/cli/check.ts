/**
 * `slant check`: read the config and lexicons, collect the files, analyse each, print the
 * results in the format asked, and decide the exit status.
 */
import { analyse, CATEGORIES, DEFAULT_SETTINGS, SEVERITIES } from '../engine/index.js';
import type { Category, Format, Severity } from '../engine/index.js';
import { flagOption, listOption, stringOption, UsageError, type OptionSpec, type ParsedArgs } from './args.js';
import { useColor } from './color.js';
import { loadConfig } from './config.js';
import { collectInputs, readInput } from './files.js';
import { batched } from './format/chunks.js';
import { formatJsonChunks } from './format/json.js';
import { formatSarifChunks } from './format/sarif.js';
import { formatTextFile, formatTextSummary, noticeLines } from './format/text.js';
import { EXIT_FINDINGS, EXIT_OK, EXIT_TROUBLE, report, type Io } from './io.js';
import { reachesThreshold, toFileReport, type FileReport, type Problem } from './report.js';

export const OUTPUT_FORMATS = ['text', 'json', 'sarif'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

export const CHECK_OPTIONS: readonly OptionSpec[] = [
  { name: 'format', short: 'f', type: 'value', choices: OUTPUT_FORMATS },
  { name: 'fail-on', type: 'value', choices: [...SEVERITIES, 'none'] },
  { name: 'category', short: 'c', type: 'value', multiple: true },
  { name: 'config', type: 'value' },
  { name: 'no-config', type: 'flag' },
  { name: 'lexicon', type: 'value', multiple: true },
  { name: 'max-data-file-mb', type: 'value' },
  { name: 'stdin-format', type: 'value', choices: ['text', 'markdown'] },
  { name: 'time-budget', type: 'value' },
  { name: 'color', type: 'flag', negatable: true },
  { name: 'quiet', short: 'q', type: 'flag' },
  { name: 'help', short: 'h', type: 'flag' },
];

export interface CheckOptions {
  paths: string[];
  format: OutputFormat;
  failOn: Severity | null;
  categories: Category[] | null;
  configPath: string | undefined;
  noConfig: boolean;
  lexiconPaths: string[];
  /** `--max-data-file-mb`, in bytes; undefined for the default. */
  maxDataFileBytes: number | undefined;
  stdinFormat: Format;
  /** Milliseconds per document (`--time-budget`); null: the config's or the default. */
  timeBudgetMs: number | null;
  color: boolean | undefined;
  quiet: boolean;
}

/** `--max-data-file-mb N`: the cap on each config, lexicon and entity file, in bytes. */
export function maxDataFileOption(args: ParsedArgs): number | undefined {
  const value = stringOption(args, 'max-data-file-mb');
  if (value === undefined) return undefined;
  const mb = Number(value);
  if (!/^\d+(\.\d+)?$/.test(value.trim()) || !(mb > 0) || mb > 1024) throw new UsageError(`--max-data-file-mb needs a number of megabytes above 0 and at most 1024, got ${JSON.stringify(value)}`);
  return Math.floor(mb * 1024 * 1024);
}

/** Turns parsed arguments into check options; throws UsageError for a bad combination. */
export function checkOptions(args: ParsedArgs): CheckOptions {
  if (args.positionals.length === 0) throw new UsageError('no files given to check');
  let categories: Category[] | null = null;
  const given = listOption(args, 'category');
  if (given.length > 0) {
    const names = given.flatMap((v) => v.split(',')).map((s) => s.trim()).filter(Boolean);
    for (const n of names) {
      if (!(CATEGORIES as readonly string[]).includes(n)) {
        throw new UsageError(`unknown category ${JSON.stringify(n)} (expected ${CATEGORIES.join(', ')})`);
      }
    }
    if (names.length === 0) throw new UsageError('--category needs at least one category');
    categories = [...new Set(names as Category[])];
  }
  const failOn = stringOption(args, 'fail-on');
  const configPath = stringOption(args, 'config');
  const noConfig = flagOption(args, 'no-config') === true;
  if (configPath !== undefined && noConfig) throw new UsageError('--config and --no-config cannot be used together');
  const budget = stringOption(args, 'time-budget');
  if (budget !== undefined && !/^[1-9]\d{0,8}$/.test(budget)) throw new UsageError(`--time-budget takes a whole number of milliseconds of at least 1, not ${JSON.stringify(budget)}`);
  return {
    paths: args.positionals,
    format: (stringOption(args, 'format') ?? 'text') as OutputFormat,
    failOn: failOn === undefined || failOn === 'none' ? null : (failOn as Severity),
    categories,
    configPath,
    noConfig,
    lexiconPaths: listOption(args, 'lexicon'),
    maxDataFileBytes: maxDataFileOption(args),
    stdinFormat: (stringOption(args, 'stdin-format') ?? 'text') as Format,
    timeBudgetMs: budget === undefined ? null : Number(budget),
    color: flagOption(args, 'color'),
    quiet: flagOption(args, 'quiet') === true,
  };
}

export interface CheckRun {
  files: FileReport[];
  problems: Problem[];
  exitCode: number;
}

/** Runs the check and writes its output; returns the exit status. */
export function runCheck(options: CheckOptions, io: Io, version: string): CheckRun {
  const problems: Problem[] = [];
  const problem = (p: Problem): void => {
    problems.push(p);
    report(io, p.message);
  };

  const config = loadConfig({
    cwd: io.cwd,
    ...(options.configPath !== undefined ? { configPath: options.configPath } : {}),
    noConfig: options.noConfig,
    lexiconPaths: options.lexiconPaths,
    maxDataFileBytes: options.maxDataFileBytes,
  });
  config.problems.forEach(problem);
  const settings = {
    ...config.settings,
    ...(options.categories !== null ? { categories: options.categories } : {}),
    ...(options.timeBudgetMs !== null ? { timeBudgetMs: options.timeBudgetMs } : {}),
  };

  const collected = collectInputs(options.paths, io.cwd);
  collected.problems.forEach(problem);

  const color = useColor(options.color, io.stdoutIsTTY, io.env);
  const files: FileReport[] = [];
  for (const input of collected.inputs) {
    const read = readInput(input, io.readStdin, settings.maxLength ?? DEFAULT_SETTINGS.maxLength);
    if (!read.ok) {
      problem(read.problem);
      continue;
    }
    let file: FileReport;
    try {
      const result = analyse(read.text, {
        ...(input.absolute !== null ? { path: input.display } : { format: options.stdinFormat }),
        lexicon: config.lexicon,
        settings,
        ...(read.length !== undefined ? { sourceLength: read.length } : {}),
      });
      file = toFileReport(input.display, read.text, result);
    } catch (error) {
      problem({ message: `cannot analyse ${input.display}: ${error instanceof Error ? error.message : String(error)}`, path: input.display });
      if (io.env.SLANT_DEBUG === '1' && error instanceof Error && error.stack) io.err(error.stack + '\n');
      continue;
    }
    files.push(file);
    if (options.format === 'text') {
      // Text output goes out file by file, so a long run shows progress.
      io.out(formatTextFile(file, { color }));
      if (!options.quiet) for (const line of noticeLines([file])) report(io, line);
    }
  }

  switch (options.format) {
    case 'text':
      if (!options.quiet) io.out(formatTextSummary(files, { color, skipped: problems.length - config.problems.length }));
      break;
    case 'json':
      for (const chunk of batched(formatJsonChunks(files))) io.out(chunk);
      break;
    case 'sarif':
      for (const chunk of batched(formatSarifChunks(files, { version, problems }))) io.out(chunk);
      break;
  }

  const exitCode = problems.length > 0 ? EXIT_TROUBLE : options.failOn !== null && reachesThreshold(files, options.failOn) ? EXIT_FINDINGS : EXIT_OK;
  return { files, problems, exitCode };
}
