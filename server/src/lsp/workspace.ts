/**
 * Workspace folders and what each one configures: `.slant/config.json` (settings, read with the
 * engine's `parseSettings`), extra lexicons (`.slant/*.lexicon.json` and the files the config
 * lists in `lexicons`) and extra entities (the gazetteer files the config lists in `entities`),
 * listed files relative to the config file. Loaded lazily, kept until a watched file changes. A
 * file that cannot be used is reported (file and line) and left out: the defaults and the
 * built-in data keep working. In an untrusted workspace no lexicon or gazetteer file is read.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { builtinLexicon, compileLexicon, parseLexiconFile, parseSettings } from '../engine/index.js';
import type { Lexicon } from '../engine/index.js';
import { builtinGazetteer, compileGazetteer, parseGazetteerFile, type Gazetteer } from '../engine/entities/gazetteer.js';
import { withIgnoredTerm } from './config-edit.js';
import { ui } from './messages.js';
import { isInside, uriToPath } from './paths.js';
import type { WorkspaceSettings } from './settings.js';

export const CONFIG_FOLDER = '.slant';
export const CONFIG_FILE = 'config.json';
const LEXICON_SUFFIX = '.lexicon.json';

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
  /** False in an untrusted workspace: lexicon and gazetteer files are not read. */
  trusted: boolean;
  /** Shows a warning to the user (a file that cannot be used). */
  report(message: string): void;
}

function readText(file: string): string | null {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return null;
  }
}

export class Workspace {
  private folders: Folder[] = [];
  private readonly states = new Map<string, FolderState>();
  /**
   * The last compiled lexicon and gazetteer per folder and the texts they came from: unchanged
   * files keep the same object (so analyses keep their caches).
   */
  private readonly compiled = new Map<string, { key: string; data: unknown }>();

  constructor(private readonly options: WorkspaceOptions) {}

  get trusted(): boolean {
    return this.options.trusted;
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
    const folder = this.folderFor(uri);
    if (folder === null) throw new Error(ui.noWorkspaceFolder);
    const dir = path.join(folder.path, CONFIG_FOLDER);
    const file = path.join(dir, CONFIG_FILE);
    const before = readText(file);
    const after = withIgnoredTerm(before, term);
    if (after !== before) {
      fs.mkdirSync(dir, { recursive: true });
      fs.writeFileSync(file, after, 'utf8');
    }
    this.states.delete(folder.path);
    return file;
  }

  private load(folder: Folder): FolderState {
    const slant = path.join(folder.path, CONFIG_FOLDER);
    const configPath = path.join(slant, CONFIG_FILE);
    const shown = (file: string): string => path.relative(folder.path, file) || file;
    const watched = [configPath];
    let hasSlantFolder = false;
    try {
      hasSlantFolder = fs.statSync(slant).isDirectory();
    } catch {
      // No .slant/ folder.
    }
    let config: WorkspaceSettings | null = null;
    let listedLexicons: string[] = [];
    let listedEntities: string[] = [];
    const configText = hasSlantFolder ? readText(configPath) : null;
    if (configText !== null) {
      try {
        const settings = parseSettings(configText, shown(configPath));
        const raw = JSON.parse(configText.replace(/^\ufeff/, '')) as Record<string, unknown>;
        config = { settings, keys: new Set(Object.keys(raw)) };
        listedLexicons = settings.lexicons.map((l) => path.resolve(slant, l));
        listedEntities = settings.entities.map((l) => path.resolve(slant, l));
      } catch (error) {
        this.options.report(ui.badDataFile(error instanceof Error ? error.message : String(error), ui.defaultSettings));
      }
    }
    const lexiconFiles: string[] = [];
    const gazetteerFiles: string[] = [];
    if (this.options.trusted) {
      if (hasSlantFolder) {
        let names: string[] = [];
        try {
          names = fs.readdirSync(slant).filter((n) => n.endsWith(LEXICON_SUFFIX)).sort();
        } catch {
          // Unreadable folder: no lexicons from it.
        }
        lexiconFiles.push(...names.map((n) => path.join(slant, n)));
      }
      for (const l of listedLexicons) if (!lexiconFiles.includes(l)) lexiconFiles.push(l);
      for (const l of listedEntities) if (!gazetteerFiles.includes(l)) gazetteerFiles.push(l);
    }
    watched.push(...lexiconFiles, ...gazetteerFiles);
    const lexicon = this.compile(`${folder.path}\u0000lexicon`, lexiconFiles, shown, {
      what: 'lexicon',
      parse: parseLexiconFile,
      compile: (sources) => compileLexicon(sources, builtinLexicon()),
      builtin: builtinLexicon(),
      fallback: ui.builtinOnly,
    });
    const gazetteer = this.compile(`${folder.path}\u0000gazetteer`, gazetteerFiles, shown, {
      what: 'gazetteer',
      parse: parseGazetteerFile,
      compile: (sources) => compileGazetteer(sources, builtinGazetteer()),
      builtin: builtinGazetteer(),
      fallback: ui.builtinEntitiesOnly,
    });
    return { folder, hasSlantFolder, config, lexicon: lexicon.data, lexiconFiles: lexicon.used, gazetteer: gazetteer.data, gazetteerFiles: gazetteer.used, watched };
  }

  /**
   * Reads and parses data files and compiles them onto the built-in data: a file that cannot be
   * read or parsed is reported and left out; if compiling them fails (an entity added without a
   * name, say), the built-in data alone is used.
   */
  private compile<F, T>(
    cacheKey: string,
    files: readonly string[],
    shown: (file: string) => string,
    kind: { what: string; parse(text: string, source: string): F; compile(sources: { source: string; text: string; file: F }[]): T; builtin: T; fallback: string },
  ): { data: T; used: string[] } {
    const sources: { source: string; text: string; file: F }[] = [];
    const used: string[] = [];
    const keyParts: string[] = [];
    for (const file of files) {
      const text = readText(file);
      if (text === null) {
        this.options.report(ui.badDataFile(ui.unreadableDataFile(shown(file), kind.what), kind.fallback));
        continue;
      }
      try {
        sources.push({ source: shown(file), text, file: kind.parse(text, shown(file)) });
        used.push(file);
        keyParts.push(file, text);
      } catch (error) {
        this.options.report(ui.badDataFile(error instanceof Error ? error.message : String(error), kind.fallback));
      }
    }
    if (sources.length === 0) return { data: kind.builtin, used };
    const key = keyParts.join('\u0000');
    const previous = this.compiled.get(cacheKey);
    if (previous?.key === key) return { data: previous.data as T, used };
    try {
      const data = kind.compile(sources);
      this.compiled.set(cacheKey, { key, data });
      return { data, used };
    } catch (error) {
      this.options.report(ui.badDataFile(error instanceof Error ? error.message : String(error), kind.fallback));
      return { data: kind.builtin, used: [] };
    }
  }
}
