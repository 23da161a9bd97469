/**
 * `slant compare`: read the config, lexicons and gazetteer files, collect the documents, profile
 * each, compare them, and print or write the comparison as text, JSON or a self-contained HTML
 * report. Inputs are found and read as `slant check` reads them, with the same messages.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { builtinGazetteer, compareProfiles, profileDocument } from '../engine/index.js';
import type { Comparison, DocumentProfile } from '../engine/index.js';
import { renderComparisonHtml } from '../present/compare-html.js';
import { formatComparisonText } from '../present/compare-text.js';
import { flagOption, listOption, stringOption, UsageError, type OptionSpec, type ParsedArgs } from './args.js';
import { CHECK_OPTIONS, maxDataFileOption } from './check.js';
import { useColor } from './color.js';
import { loadConfig } from './config.js';
import { collectInputs, describeError, readInput, type Input } from './files.js';
import { EXIT_OK, EXIT_TROUBLE, report, type Io } from './io.js';
import type { Problem } from './report.js';

export const COMPARE_FORMATS = ['text', 'json', 'html'] as const;
export type CompareFormat = (typeof COMPARE_FORMATS)[number];

/** Options read the same way as check's. */
const SHARED_WITH_CHECK = new Set(['config', 'no-config', 'lexicon', 'max-data-file-mb', 'color', 'help']);

export const COMPARE_OPTIONS: readonly OptionSpec[] = [
  { name: 'format', short: 'f', type: 'value', choices: COMPARE_FORMATS },
  { name: 'output', short: 'o', type: 'value' },
  { name: 'outlet', type: 'value', multiple: true },
  { name: 'entities', type: 'value', multiple: true },
  ...CHECK_OPTIONS.filter((o) => SHARED_WITH_CHECK.has(o.name)),
];

export interface CompareOptions {
  paths: string[];
  format: CompareFormat;
  /** Where to write the report; undefined for standard output. */
  output: string | undefined;
  /** `--outlet PATH=NAME`, in the order given. */
  outlets: { path: string; name: string }[];
  configPath: string | undefined;
  noConfig: boolean;
  lexiconPaths: string[];
  entityPaths: string[];
  /** `--max-data-file-mb`, in bytes; undefined for the default. */
  maxDataFileBytes: number | undefined;
  color: boolean | undefined;
}

/** Turns parsed arguments into compare options; throws UsageError for a bad value or combination. */
export function compareOptions(args: ParsedArgs): CompareOptions {
  if (args.positionals.length === 0) throw new UsageError('no files given to compare (give two or more files, or a folder)');
  const outlets = listOption(args, 'outlet').map((value) => {
    const eq = value.indexOf('=');
    const name = eq >= 0 ? value.slice(eq + 1).trim() : '';
    if (eq <= 0 || name === '') throw new UsageError(`--outlet needs PATH=NAME, got ${JSON.stringify(value)}`);
    return { path: value.slice(0, eq), name };
  });
  const configPath = stringOption(args, 'config');
  const noConfig = flagOption(args, 'no-config') === true;
  if (configPath !== undefined && noConfig) throw new UsageError('--config and --no-config cannot be used together');
  return {
    paths: args.positionals,
    format: (stringOption(args, 'format') ?? 'text') as CompareFormat,
    output: stringOption(args, 'output'),
    outlets,
    configPath,
    noConfig,
    lexiconPaths: listOption(args, 'lexicon'),
    entityPaths: listOption(args, 'entities'),
    maxDataFileBytes: maxDataFileOption(args),
    color: flagOption(args, 'color'),
  };
}

/** The input an `--outlet PATH=NAME` names: the same file, however the path was written. */
function findInput(inputs: readonly Input[], given: string, cwd: string): Input | undefined {
  if (given === '-') return inputs.find((i) => i.absolute === null);
  const absolute = path.resolve(cwd, given);
  return inputs.find((i) => i.absolute !== null && path.resolve(i.absolute) === absolute);
}

function render(comparison: Comparison, options: CompareOptions, links: Record<string, string>, color: boolean): string {
  switch (options.format) {
    case 'text':
      return formatComparisonText(comparison, { color });
    case 'json':
      return JSON.stringify(comparison, null, 2) + '\n';
    case 'html':
      return renderComparisonHtml(comparison, { mode: 'standalone', links });
  }
}

/** Runs the comparison and writes its report; returns the exit status. */
export function runCompare(options: CompareOptions, io: Io): number {
  const problems: Problem[] = [];
  const problem = (p: Problem): void => {
    problems.push(p);
    report(io, p.message);
  };

  // Entity files listed in the config are relative to it, those given with --entities to the current folder.
  const config = loadConfig({
    cwd: io.cwd,
    configPath: options.configPath,
    noConfig: options.noConfig,
    lexiconPaths: options.lexiconPaths,
    entityPaths: options.entityPaths,
    maxDataFileBytes: options.maxDataFileBytes,
  });
  config.problems.forEach(problem);
  const gazetteer = config.gazetteer ?? builtinGazetteer();

  const collected = collectInputs(options.paths, io.cwd);
  collected.problems.forEach(problem);
  const overrides = new Map<Input, string>();
  for (const o of options.outlets) {
    const input = findInput(collected.inputs, o.path, io.cwd);
    if (input === undefined) problem({ message: `--outlet ${o.path}: not one of the documents compared`, path: o.path });
    else overrides.set(input, o.name);
  }

  const profiles: DocumentProfile[] = [];
  const links: Record<string, string> = {};
  for (const input of collected.inputs) {
    const read = readInput(input, io.readStdin);
    if (!read.ok) {
      problem(read.problem);
      continue;
    }
    const outlet = overrides.get(input);
    try {
      profiles.push(
        profileDocument(read.text, {
          path: input.display,
          gazetteer,
          settings: config.settings,
          lexicon: config.lexicon,
          ...(outlet !== undefined ? { outlet } : {}),
        }),
      );
    } catch (error) {
      problem({ message: `cannot analyse ${input.display}: ${error instanceof Error ? error.message : String(error)}`, path: input.display });
      if (io.env.SLANT_DEBUG === '1' && error instanceof Error && error.stack) io.err(error.stack + '\n');
      continue;
    }
    if (input.absolute !== null) links[input.display] = pathToFileURL(input.absolute).href;
  }
  if (profiles.length < 2) {
    throw new UsageError(`compare needs at least two documents it can read; ${profiles.length === 0 ? 'none' : 'only one'} could be read`);
  }

  const color = useColor(options.color, io.stdoutIsTTY && options.output === undefined, io.env);
  const out = render(compareProfiles(profiles, {}, gazetteer), options, links, color);
  if (options.output === undefined) io.out(out);
  else {
    try {
      fs.writeFileSync(path.resolve(io.cwd, options.output), out);
    } catch (error) {
      problem({ message: `cannot write ${options.output}: ${describeError(error)}`, path: options.output });
    }
  }
  return problems.length > 0 ? EXIT_TROUBLE : EXIT_OK;
}
