/**
 * The one loader of a project's data files, for the CLI and the language server alike: the
 * config (`.slant/config.json`, or a file given), the extra lexicons (`.slant/*.lexicon.json` and
 * the files the config lists in `lexicons`, then any given), and the extra entities (the files
 * the config lists in `entities`, then any given). Same discovery, same checks (read safely:
 * a regular file under the size cap, see read.ts), same messages. A file that cannot be used is
 * reported and left out; the defaults and the built-in data keep working.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { builtinLexicon, compileLexicon, DataFileError, DEFAULT_SETTINGS, parseLexiconFile, parseSettings } from '../engine/index.js';
import type { Lexicon, LexiconFile, Settings } from '../engine/index.js';
import { builtinGazetteer, compileGazetteer, parseGazetteerFile, type Gazetteer } from '../engine/entities/gazetteer.js';
import type { GazetteerFile } from '../engine/entities/schema.js';
import { decodeBytes, formatSize, readBytes } from './read.js';

export const CONFIG_FOLDER = '.slant';
export const CONFIG_FILE = 'config.json';
export const LEXICON_SUFFIX = '.lexicon.json';
/** The data files of one load may add up to this many times the cap on one file. */
export const TOTAL_CAP_FACTOR = 4;

/** What a data file is, in messages ("cannot read lexicon …"). */
export type DataKind = 'config' | 'lexicon' | 'entities';

export interface DataProblem {
  /** One line naming the file (and line): "lexicon words.json:3: …", "cannot read config …: …". */
  message: string;
  /** The file as shown. */
  path: string;
  kind: DataKind;
}

export interface LoadOptions {
  /** The `.slant` folder whose `config.json` and `*.lexicon.json` are read; null for none. */
  slantDir: string | null;
  /** A config file to read instead of the `.slant` folder's (the CLI's `--config`). */
  configFile?: string;
  /** More lexicon files (absolute), after those of the folder and the config. */
  lexicons?: readonly string[];
  /** More entity (gazetteer) files (absolute), after those the config lists. */
  entities?: readonly string[];
  /** Read entity files at all (the CLI's check has no use for them). Default true. */
  loadEntities?: boolean;
  /** The cap on each file's size, in bytes. */
  maxBytes: number;
  /** How a file is named in messages. */
  shown(absolute: string): string;
  /** Keeps the last compiled lexicon and gazetteer: unchanged files give the same object. */
  cache?: CompileCache;
}

export interface LoadedData {
  settings: Settings;
  /** The keys the config file sets (empty without one). */
  configKeys: ReadonlySet<string>;
  /** The config file used (absolute), or null. */
  configFile: string | null;
  /** The built-in lexicon plus the extra files that could be used. */
  lexicon: Lexicon;
  /** The lexicon files in use (absolute). */
  lexiconFiles: string[];
  /** The built-in gazetteer plus the extra files that could be used; null for the built-in one alone (not compiled until asked for). */
  gazetteer: Gazetteer | null;
  /** The entity files in use (absolute). */
  gazetteerFiles: string[];
  /** Every file read or looked for (absolute), to match file-change events. */
  watched: string[];
  problems: DataProblem[];
}

/** The last compiled lexicon and gazetteer, and the texts they came from. */
export class CompileCache {
  private readonly entries = new Map<string, { key: string; data: unknown }>();
  get<T>(name: string, key: string, make: () => T): T {
    const previous = this.entries.get(name);
    if (previous?.key === key) return previous.data as T;
    const data = make();
    this.entries.set(name, { key, data });
    return data;
  }
}

/** The nearest `.slant` folder in `from` or a folder above it, or null. */
export function findSlantFolder(from: string): string | null {
  let dir = path.resolve(from);
  for (;;) {
    const candidate = path.join(dir, CONFIG_FOLDER);
    try {
      if (fs.statSync(candidate).isDirectory()) return candidate;
    } catch {
      // Not here; go up.
    }
    const parent = path.dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}

/** `*.lexicon.json` in a `.slant` folder, by name. */
function folderLexicons(slantDir: string): string[] {
  try {
    return fs
      .readdirSync(slantDir)
      .filter((n) => n.endsWith(LEXICON_SUFFIX))
      .sort()
      .map((n) => path.join(slantDir, n));
  } catch {
    return [];
  }
}

/** "what file:line:col: reason", making sure the file is named even if the error does not. */
export function dataFileProblem(kind: DataKind, shown: string, error: unknown): DataProblem {
  const message = error instanceof Error ? error.message : String(error);
  return { message: `${kind} ${message.startsWith(shown) ? message : `${shown}: ${message}`}`, path: shown, kind };
}

/** A fresh copy of the default settings. */
export function defaultSettings(): Settings {
  return { ...DEFAULT_SETTINGS, categories: [...DEFAULT_SETTINGS.categories], severity: {}, ignoreTerms: [], lexicons: [], entities: [] };
}

/** Reads, checks and compiles a project's data files (see the module comment). */
export function loadDataFiles(options: LoadOptions): LoadedData {
  const problems: DataProblem[] = [];
  const watched: string[] = [];
  // All the files of one load together get a few times the cap (a folder of many large
  // lexicons must not fill memory either); each file gets at most the cap.
  const total = options.maxBytes * TOTAL_CAP_FACTOR;
  let left = total;
  const read = (file: string, kind: DataKind, quietIfMissing = false): string | null => {
    watched.push(file);
    const r = readBytes(file, { maxBytes: Math.min(options.maxBytes, left) });
    const decoded = r.ok ? decodeBytes(r.bytes) : r;
    if (decoded.ok) {
      left -= (r as { bytes: Buffer }).bytes.length;
      return decoded.text;
    }
    if (!(quietIfMissing && decoded.reason === 'no such file')) {
      const shown = options.shown(file);
      const reason = !r.ok && r.size !== undefined && left < options.maxBytes ? `would take the data files read past ${formatSize(total)} together` : decoded.reason;
      problems.push({ message: `cannot read ${kind} ${shown}: ${reason}`, path: shown, kind });
    }
    return null;
  };

  let settings = defaultSettings();
  let configKeys: ReadonlySet<string> = new Set();
  let configFile: string | null = null;
  const explicit = options.configFile !== undefined;
  const configPath = options.configFile ?? (options.slantDir !== null ? path.join(options.slantDir, CONFIG_FILE) : null);
  if (configPath !== null) {
    const text = read(configPath, 'config', !explicit);
    if (text !== null) {
      try {
        settings = parseSettings(text, options.shown(configPath));
        configKeys = new Set(Object.keys(JSON.parse(text.replace(/^\ufeff/, '')) as object));
        configFile = configPath;
      } catch (error) {
        problems.push(dataFileProblem('config', options.shown(configPath), error));
      }
    }
  }
  const base = configFile !== null ? path.dirname(configFile) : null;
  const unique = (files: string[]): string[] => [...new Set(files)];

  const lexiconFiles = unique([
    ...(options.slantDir !== null ? folderLexicons(options.slantDir) : []),
    ...(base !== null ? settings.lexicons.map((l) => path.resolve(base, l)) : []),
    ...(options.lexicons ?? []),
  ]);
  const lexicon = compileFiles(lexiconFiles, 'lexicon', read, problems, options, {
    parse: parseLexiconFile,
    compile: (sources: { source: string; file: LexiconFile }[]) => compileLexicon(sources, builtinLexicon()),
    fallback: 'using the built-in lexicon only',
  });

  const gazetteerFiles =
    options.loadEntities === false ? [] : unique([...(base !== null ? settings.entities.map((l) => path.resolve(base, l)) : []), ...(options.entities ?? [])]);
  const gazetteer = compileFiles(gazetteerFiles, 'entities', read, problems, options, {
    parse: parseGazetteerFile,
    compile: (sources: { source: string; text: string; file: GazetteerFile }[]) => compileGazetteer(sources, builtinGazetteer()),
    fallback: 'using the built-in entities only',
  });

  return { settings, configKeys, configFile, lexicon: lexicon.data ?? builtinLexicon(), lexiconFiles: lexicon.used, gazetteer: gazetteer.data, gazetteerFiles: gazetteer.used, watched, problems };
}

/**
 * Reads and parses data files and compiles them onto the built-in data: a file that cannot be
 * read or parsed is reported and left out; if compiling them fails (an entity added without a
 * name, say), the built-in data alone is used. `data` is null for the built-in data alone.
 */
function compileFiles<F, T>(
  files: readonly string[],
  kind: DataKind,
  read: (file: string, kind: DataKind) => string | null,
  problems: DataProblem[],
  options: LoadOptions,
  how: { parse(text: string, source: string): F; compile(sources: { source: string; text: string; file: F }[]): T; fallback: string },
): { data: T | null; used: string[] } {
  const sources: { source: string; text: string; file: F }[] = [];
  const used: string[] = [];
  for (const file of files) {
    const text = read(file, kind);
    if (text === null) continue;
    const shown = options.shown(file);
    try {
      sources.push({ source: shown, text, file: how.parse(text, shown) });
      used.push(file);
    } catch (error) {
      problems.push(dataFileProblem(kind, shown, error));
    }
  }
  // A file that cannot be compiled with the others (a new entity without a name, say) is
  // named and left out, and the rest compiled again; an error naming no file drops them all.
  for (;;) {
    if (sources.length === 0) return { data: null, used };
    const compile = (): T => how.compile(sources);
    try {
      const key = sources.map((s) => `${s.source}\u0000${s.text}`).join('\u0000');
      return { data: options.cache ? options.cache.get(kind, key, compile) : compile(), used };
    } catch (error) {
      const at = sources.findIndex((s) => error instanceof DataFileError && s.source === error.source);
      if (at < 0) {
        const message = error instanceof Error ? error.message : String(error);
        problems.push({ message: `${kind} ${message} (${how.fallback})`, path: sources[0]?.source ?? '', kind });
        return { data: null, used: [] };
      }
      problems.push(dataFileProblem(kind, sources[at]!.source, error));
      sources.splice(at, 1);
      used.splice(at, 1);
    }
  }
}
