/**
 * Settings and lexicons for a run: the config file (given, or the nearest `.slant/config.json`
 * above the current folder), its extra lexicons and those given with `--lexicon`. A file that
 * cannot be used is reported and left out; the run goes on with the defaults.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { builtinLexicon, compileLexicon, DEFAULT_SETTINGS, parseLexiconFile, parseSettings } from '../engine/index.js';
import type { Lexicon, LexiconSource, Settings } from '../engine/index.js';
import { decodeText, describeError, displayPath } from './files.js';
import type { Problem } from './report.js';

export const CONFIG_FOLDER = '.slant';
export const CONFIG_FILE = 'config.json';

export interface ConfigOptions {
  cwd: string;
  /** `--config FILE`, relative to cwd. */
  configPath?: string;
  /** `--no-config`: do not look for a config file. */
  noConfig?: boolean;
  /** `--lexicon FILE`..., relative to cwd. */
  lexiconPaths: readonly string[];
}

export interface LoadedConfig {
  settings: Settings;
  /** The compiled lexicon, or undefined for the built-in one alone. */
  lexicon: Lexicon | undefined;
  /** The config file used, as displayed; null if none. */
  configFile: string | null;
  /** One per data file that could not be used. */
  problems: Problem[];
}

/** The nearest `.slant/config.json` in `from` or a folder above it, or null. */
export function findConfig(from: string): string | null {
  let dir = path.resolve(from);
  for (;;) {
    const candidate = path.join(dir, CONFIG_FOLDER, CONFIG_FILE);
    try {
      if (fs.statSync(candidate).isFile()) return candidate;
    } catch {
      // Not here; go up.
    }
    const parent = path.dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}

type TextResult = { ok: true; text: string } | { ok: false; problem: Problem };

export function readDataFile(absolute: string, shown: string, what: string): TextResult {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(absolute);
  } catch (error) {
    return { ok: false, problem: { message: `cannot read ${what} ${shown}: ${describeError(error)}`, path: shown } };
  }
  const decoded = decodeText(bytes, shown);
  if (!decoded.ok) return { ok: false, problem: { message: `${what} ${shown}: binary file (contains NUL bytes)`, path: shown } };
  return decoded;
}

/** "what file:line:col: reason", making sure the file is named even if the error does not. */
export function dataFileProblem(what: string, shown: string, error: unknown): Problem {
  const message = error instanceof Error ? error.message : String(error);
  return { message: `${what} ${message.startsWith(shown) ? message : `${shown}: ${message}`}`, path: shown };
}

export function loadConfig(options: ConfigOptions): LoadedConfig {
  const { cwd } = options;
  const problems: Problem[] = [];
  let settings: Settings = { ...DEFAULT_SETTINGS, categories: [...DEFAULT_SETTINGS.categories], severity: {} };
  let configFile: string | null = null;
  const lexiconFiles: { absolute: string; shown: string }[] = [];

  const configAbs = options.configPath !== undefined ? path.resolve(cwd, options.configPath) : options.noConfig ? null : findConfig(cwd);
  if (configAbs !== null) {
    const shown = options.configPath !== undefined ? path.normalize(options.configPath) : displayPath(configAbs, cwd);
    const read = readDataFile(configAbs, shown, 'config');
    if (!read.ok) problems.push(read.problem);
    else {
      try {
        settings = parseSettings(read.text, shown);
        configFile = shown;
        const base = path.dirname(configAbs);
        for (const entry of settings.lexicons) {
          const absolute = path.resolve(base, entry);
          lexiconFiles.push({ absolute, shown: displayPath(absolute, cwd) });
        }
      } catch (error) {
        problems.push(dataFileProblem('config', shown, error));
      }
    }
  }
  for (const p of options.lexiconPaths) lexiconFiles.push({ absolute: path.resolve(cwd, p), shown: path.normalize(p) });

  const sources: LexiconSource[] = [];
  for (const { absolute, shown } of lexiconFiles) {
    const read = readDataFile(absolute, shown, 'lexicon');
    if (!read.ok) {
      problems.push(read.problem);
      continue;
    }
    try {
      sources.push({ source: shown, file: parseLexiconFile(read.text, shown) });
    } catch (error) {
      problems.push(dataFileProblem('lexicon', shown, error));
    }
  }
  let lexicon: Lexicon | undefined;
  if (sources.length > 0) {
    try {
      lexicon = compileLexicon(sources, builtinLexicon());
    } catch (error) {
      problems.push({ message: `lexicon ${error instanceof Error ? error.message : String(error)} (using the built-in lexicon only)` });
    }
  }
  return { settings, lexicon, configFile, problems };
}
