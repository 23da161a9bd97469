/**
 * Workspace folders and what each one configures: `.slant/config.json`, extra lexicons
 * (`.slant/*.lexicon.json` and the files the config lists in `lexicons`) and extra entities (the
 * files it lists in `entities`), read by the loader the CLI uses too (`data-files/load.ts`: same
 * discovery, checks and messages). Loaded lazily, kept until a watched file changes. A file that
 * cannot be used is reported (file and line) and left out: the defaults and the built-in data
 * keep working. In an untrusted workspace nothing in `.slant/` is read and nothing is written.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { builtinLexicon, type Lexicon } from '../engine/index.js';
import { builtinGazetteer, type Gazetteer } from '../engine/entities/gazetteer.js';
import { CompileCache, CONFIG_FILE, CONFIG_FOLDER, loadDataFiles, type DataKind } from '../data-files/load.js';
import { DEFAULT_MAX_DATA_FILE_BYTES, readTextFile, writeFileInside } from '../data-files/read.js';
import { withIgnoredTerm } from './config-edit.js';
import { ui } from './messages.js';
import { isInside, uriToPath } from './paths.js';
import type { WorkspaceSettings } from './settings.js';

export { CONFIG_FILE, CONFIG_FOLDER };

export interface Folder {
  uri: string;
  path: string;
}

export interface FolderState {
  folder: Folder;
  /** The folder has a `.slant/` folder (so "auto" analyses its documents). */
  hasSlantFolder: boolean;
  config: WorkspaceSettings | null;
  /** The built-in lexicon plus the folder's lexicon files that could be used. */
  lexicon: Lexicon;
  /** Absolute paths of the lexicon files in use. */
  lexiconFiles: string[];
  /** The built-in gazetteer plus the folder's gazetteer files that could be used. */
  gazetteer: Gazetteer;
  /** Absolute paths of the gazetteer files in use. */
  gazetteerFiles: string[];
  /** Absolute paths of every data file this state was read from or looked for (to match file events). */
  watched: string[];
}

export interface WorkspaceOptions {
  /** False in an untrusted workspace: nothing in `.slant/` is read, nothing is written. */
  trusted: boolean;
  /** Shows a warning to the user (a file that cannot be used). */
  report(message: string): void;
}

export class Workspace {
  private folders: Folder[] = [];
  private readonly states = new Map<string, FolderState>();
  /**
   * The last compiled lexicon and gazetteer per folder and the texts they came from: unchanged
   * files keep the same object (so analyses keep their caches).
   */
  private readonly compiled = new Map<string, CompileCache>();
  private maxBytes = DEFAULT_MAX_DATA_FILE_BYTES;

  constructor(private readonly options: WorkspaceOptions) {}

  get trusted(): boolean {
    return this.options.trusted;
  }

  /** Sets the cap on each data file's size (`slant.maxDataFileMB`); a new cap reloads every folder. */
  setMaxDataFileBytes(bytes: number): void {
    if (bytes === this.maxBytes) return;
    this.maxBytes = bytes;
    this.states.clear();
  }

  /** True when "ignore in workspace" may write the `.slant/config.json` of the folder holding `uri`. */
  canWrite(uri: string): boolean {
    return this.options.trusted && this.folderFor(uri) !== null;
  }

  setFolders(folders: readonly { uri: string }[]): void {
    this.folders = [];
    this.states.clear();
    this.addFolders(folders);
  }

  addFolders(folders: readonly { uri: string }[]): void {
    for (const f of folders) {
      const p = uriToPath(f.uri);
      if (p !== null && !this.folders.some((x) => x.path === p)) this.folders.push({ uri: f.uri, path: p });
    }
  }

  removeFolders(folders: readonly { uri: string }[]): void {
    const gone = new Set(folders.map((f) => uriToPath(f.uri)));
    this.folders = this.folders.filter((f) => !gone.has(f.path));
    for (const key of [...this.states.keys()]) if (gone.has(key)) this.states.delete(key);
  }

  /** The innermost workspace folder holding a document, or null. */
  folderFor(uri: string): Folder | null {
    const p = uriToPath(uri);
    if (p === null) return null;
    let best: Folder | null = null;
    for (const f of this.folders) if (isInside(f.path, p) && (best === null || f.path.length > best.path.length)) best = f;
    return best;
  }

  /** The configuration of the folder holding a document (null outside every folder). */
  stateFor(uri: string): FolderState | null {
    const folder = this.folderFor(uri);
    return folder === null ? null : this.state(folder);
  }

  state(folder: Folder): FolderState {
    let state = this.states.get(folder.path);
    if (!state) {
      state = this.load(folder);
      this.states.set(folder.path, state);
    }
    return state;
  }

  /** Every lexicon file in use in the folder holding `uri`, or in every folder. */
  lexiconFiles(uri?: string): string[] {
    const folders = uri !== undefined ? [this.folderFor(uri)].filter((f): f is Folder => f !== null) : this.folders;
    return [...new Set(folders.flatMap((f) => this.state(f).lexiconFiles))];
  }

  /** Lexicon and gazetteer files outside every `.slant/` folder that the configs list (to watch them too). */
  listedOutside(): string[] {
    const out = new Set<string>();
    for (const s of this.states.values()) {
      for (const file of s.watched) if (!isInside(path.join(s.folder.path, CONFIG_FOLDER), file)) out.add(file);
    }
    return [...out].sort();
  }

  /**
   * Files changed on disk: forgets the configuration of every folder they concern. True when
   * any did (diagnostics must be refreshed).
   */
  filesChanged(uris: readonly string[]): boolean {
    let changed = false;
    for (const uri of uris) {
      const p = uriToPath(uri);
      if (p === null) continue;
      for (const folder of this.folders) {
        const state = this.states.get(folder.path);
        const slant = path.join(folder.path, CONFIG_FOLDER);
        if (isInside(slant, p) || isInside(p, slant) || state?.watched.includes(p)) {
          if (this.states.delete(folder.path) || !state) changed = true;
        }
      }
    }
    return changed;
  }

  /**
   * Adds a term to `ignoreTerms` in the `.slant/config.json` of the folder holding `uri`
   * (creating it), and forgets the folder's configuration. Returns the file written.
   * Throws (ConfigEditError or a file system error) when it cannot.
   */
  ignoreTerm(uri: string, term: string): string {
    if (!this.options.trusted) throw new Error(ui.untrustedNoWrite);
    const folder = this.folderFor(uri);
    if (folder === null) throw new Error(ui.noWorkspaceFolder);
    const file = path.join(folder.path, CONFIG_FOLDER, CONFIG_FILE);
    // The file as it is (never through a link); a missing one is made.
    const read = readTextFile(file, { maxBytes: this.maxBytes, noFollow: true });
    if (!read.ok && read.reason !== 'no such file') throw new Error(`${path.join(CONFIG_FOLDER, CONFIG_FILE)} ${read.reason}`);
    const before = read.ok ? read.text : null;
    const after = withIgnoredTerm(before, term);
    if (after !== before) writeFileInside(folder.path, file, after);
    this.states.delete(folder.path);
    return file;
  }

  private load(folder: Folder): FolderState {
    const slant = path.join(folder.path, CONFIG_FOLDER);
    let hasSlantFolder = false;
    try {
      hasSlantFolder = fs.statSync(slant).isDirectory();
    } catch {
      // No .slant/ folder.
    }
    if (!this.options.trusted || !hasSlantFolder) {
      return { folder, hasSlantFolder, config: null, lexicon: builtinLexicon(), lexiconFiles: [], gazetteer: builtinGazetteer(), gazetteerFiles: [], watched: [path.join(slant, CONFIG_FILE)] };
    }
    let cache = this.compiled.get(folder.path);
    if (!cache) this.compiled.set(folder.path, (cache = new CompileCache()));
    const loaded = loadDataFiles({ slantDir: slant, maxBytes: this.maxBytes, shown: (file) => path.relative(folder.path, file) || file, cache });
    const fallback: Record<DataKind, string> = { config: ui.defaultSettings, lexicon: ui.builtinOnly, entities: ui.builtinEntitiesOnly };
    for (const p of loaded.problems) this.options.report(ui.badDataFile(p.message, fallback[p.kind]));
    return {
      folder,
      hasSlantFolder,
      config: loaded.configFile !== null ? { settings: loaded.settings, keys: loaded.configKeys } : null,
      lexicon: loaded.lexicon,
      lexiconFiles: loaded.lexiconFiles,
      gazetteer: loaded.gazetteer ?? builtinGazetteer(),
      gazetteerFiles: loaded.gazetteerFiles,
      watched: loaded.watched,
    };
  }
}
