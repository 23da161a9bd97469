/**
 * Settings and data files for a run, through the loader the language server uses too
 * (`data-files/load.ts`): the config file (given, or the one in the nearest `.slant` folder
 * above the current folder), the lexicons of that folder and those the config lists, those
 * given with `--lexicon`, and (for compare) the entity files. A file that cannot be used is
 * reported and left out; the run goes on with the defaults.
 */
import * as path from 'node:path';
import { CONFIG_FOLDER, findSlantFolder, loadDataFiles, type LoadedData } from '../data-files/load.js';
import { DEFAULT_MAX_DATA_FILE_BYTES } from '../data-files/read.js';
import { displayPath } from './files.js';
import type { Problem } from './report.js';

export interface ConfigOptions {
  cwd: string;
  /** `--config FILE`, relative to cwd. */
  configPath?: string | undefined;
  /** `--no-config`: do not look for a `.slant` folder. */
  noConfig?: boolean;
  /** `--lexicon FILE`..., relative to cwd. */
  lexiconPaths: readonly string[];
  /** `--entities FILE`..., relative to cwd; entity files are read only when this is given (compare). */
  entityPaths?: readonly string[];
  /** `--max-data-file-mb`: the cap on each data file, in bytes. */
  maxDataFileBytes?: number | undefined;
}

export interface LoadedConfig extends Omit<LoadedData, 'problems' | 'configFile'> {
  /** The config file used, as displayed; null if none. */
  configFile: string | null;
  /** One per data file that could not be used. */
  problems: Problem[];
}

export function loadConfig(options: ConfigOptions): LoadedConfig {
  const { cwd } = options;
  const given = new Map<string, string>();
  const resolve = (p: string): string => {
    const absolute = path.resolve(cwd, p);
    given.set(absolute, path.normalize(p));
    return absolute;
  };
  const configFile = options.configPath !== undefined ? resolve(options.configPath) : undefined;
  const loaded = loadDataFiles({
    // A config given inside a .slant folder brings that folder's lexicons, as one found would.
    slantDir: configFile !== undefined ? (path.basename(path.dirname(configFile)) === CONFIG_FOLDER ? path.dirname(configFile) : null) : options.noConfig === true ? null : findSlantFolder(cwd),
    ...(configFile !== undefined ? { configFile } : {}),
    lexicons: options.lexiconPaths.map(resolve),
    ...(options.entityPaths !== undefined ? { entities: options.entityPaths.map(resolve) } : { loadEntities: false }),
    maxBytes: options.maxDataFileBytes ?? DEFAULT_MAX_DATA_FILE_BYTES,
    shown: (absolute) => given.get(absolute) ?? displayPath(absolute, cwd),
  });
  return {
    ...loaded,
    configFile: loaded.configFile === null ? null : (given.get(loaded.configFile) ?? displayPath(loaded.configFile, cwd)),
    problems: loaded.problems.map((p) => ({ message: p.message, path: p.path })),
  };
}
