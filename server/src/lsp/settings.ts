/**
 * Settings: the editor's `slant.*` settings, asked per resource and validated (whatever the
 * editor sends, the server never crashes on it), merged with the workspace's
 * `.slant/config.json`. Never kept in globals: `EditorSettings` caches them per URI until the
 * editor says they changed.
 */
import type { Settings } from '../engine/index.js';
import { CATEGORIES, SEVERITIES, DEFAULT_SETTINGS } from '../engine/index.js';
import { DEFAULT_SLANT_SETTINGS, type CategoryName, type SeverityName, type SlantSettings } from '../protocol/index.js';

const ANALYSE = ['auto', 'all', 'off'] as const;
const SEVERITY_NAMES: readonly string[] = [...SEVERITIES, 'off'];
const isStringList = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');

/** Checks the `slant` section as the editor sent it. Invalid fields take their defaults and are named in `problems`. */
export function validateEditorSettings(raw: unknown): { settings: SlantSettings; problems: string[] } {
  const settings: SlantSettings = {
    ...DEFAULT_SLANT_SETTINGS,
    categories: [...DEFAULT_SLANT_SETTINGS.categories],
    severity: {},
    ignoreTerms: [],
    languages: [...DEFAULT_SLANT_SETTINGS.languages],
  };
  const problems: string[] = [];
  if (raw === undefined || raw === null) return { settings, problems };
  if (typeof raw !== 'object' || Array.isArray(raw)) return { settings, problems: ['"slant" must be an object'] };
  const input = raw as Record<string, unknown>;
  if (input.analyse !== undefined) {
    if (typeof input.analyse === 'string' && (ANALYSE as readonly string[]).includes(input.analyse)) settings.analyse = input.analyse as SlantSettings['analyse'];
    else problems.push(`slant.analyse must be one of ${ANALYSE.join(', ')}`);
  }
  if (input.categories !== undefined) {
    if (isStringList(input.categories) && input.categories.every((c) => (CATEGORIES as readonly string[]).includes(c))) settings.categories = [...input.categories] as CategoryName[];
    else problems.push(`slant.categories must list categories among ${CATEGORIES.join(', ')}`);
  }
  if (input.severity !== undefined) {
    const sev = input.severity;
    if (sev !== null && typeof sev === 'object' && !Array.isArray(sev)) {
      for (const [category, value] of Object.entries(sev as Record<string, unknown>)) {
        if ((CATEGORIES as readonly string[]).includes(category) && typeof value === 'string' && SEVERITY_NAMES.includes(value)) {
          settings.severity[category as CategoryName] = value as SeverityName;
        } else problems.push(`slant.severity.${category} must be one of ${SEVERITY_NAMES.join(', ')}`);
      }
    } else problems.push('slant.severity must map categories to severities');
  }
  if (input.flagQuotedSpeech !== undefined) {
    if (typeof input.flagQuotedSpeech === 'boolean') settings.flagQuotedSpeech = input.flagQuotedSpeech;
    else problems.push('slant.flagQuotedSpeech must be true or false');
  }
  if (input.maxDataFileMB !== undefined) {
    const v = input.maxDataFileMB;
    if (typeof v === 'number' && v > 0 && v <= 1024) settings.maxDataFileMB = v;
    else problems.push('slant.maxDataFileMB must be a number of megabytes above 0 and at most 1024');
  }
  if (input.timeBudgetMs !== undefined) {
    const v = input.timeBudgetMs;
    if (typeof v === 'number' && Number.isInteger(v) && v >= 1) settings.timeBudgetMs = v;
    else problems.push('slant.timeBudgetMs must be a whole number of milliseconds, at least 1');
  }
  for (const key of ['ignoreTerms', 'languages'] as const) {
    const v = input[key];
    if (v === undefined) continue;
    if (isStringList(v)) settings[key] = [...v];
    else problems.push(`slant.${key} must be a list of strings`);
  }
  return { settings, problems };
}

/** A workspace's `.slant/config.json`: its settings and which keys the file sets. */
export interface WorkspaceSettings {
  settings: Settings;
  keys: ReadonlySet<string>;
}

/** What one document is analysed with. */
export interface EffectiveSettings {
  analyse: SlantSettings['analyse'];
  languages: string[];
  engine: Pick<Settings, 'categories' | 'severity' | 'flagQuotedSpeech' | 'ignoreTerms' | 'maxLength' | 'timeBudgetMs'>;
}

/**
 * The editor's settings with the workspace file on top: a key the file sets wins (it is the
 * project's shared configuration, read by the CLI too; severities merge per category), and
 * ignored terms add up.
 */
export function effectiveSettings(editor: SlantSettings, workspace: WorkspaceSettings | null): EffectiveSettings {
  const file = workspace?.settings;
  const has = (key: string): boolean => workspace?.keys.has(key) === true;
  return {
    analyse: editor.analyse,
    languages: editor.languages,
    engine: {
      categories: file && has('categories') ? [...file.categories] : [...editor.categories],
      severity: { ...editor.severity, ...(file && has('severity') ? file.severity : {}) },
      flagQuotedSpeech: file && has('flagQuotedSpeech') ? file.flagQuotedSpeech : editor.flagQuotedSpeech,
      ignoreTerms: [...new Set([...editor.ignoreTerms, ...(file?.ignoreTerms ?? [])])],
      maxLength: file && has('maxLength') ? file.maxLength : DEFAULT_SETTINGS.maxLength,
      timeBudgetMs: file && has('timeBudgetMs') ? file.timeBudgetMs : editor.timeBudgetMs,
    },
  };
}

/**
 * The editor's settings per resource: asked once per URI, cached until `clear()` (on
 * `workspace/didChangeConfiguration`). Invalid settings are reported once per distinct problem.
 */
export class EditorSettings {
  private readonly cache = new Map<string, Promise<SlantSettings>>();
  private readonly warned = new Set<string>();

  constructor(
    /** Asks the editor for the `slant` section of a resource; undefined when the editor cannot. */
    private readonly fetch: (uri: string) => Promise<unknown>,
    private readonly warn: (message: string) => void,
  ) {}

  get(uri: string): Promise<SlantSettings> {
    let settings = this.cache.get(uri);
    if (!settings) {
      settings = this.fetch(uri).then(
        (raw) => this.check(raw),
        () => this.check(undefined),
      );
      this.cache.set(uri, settings);
    }
    return settings;
  }

  /** Forgets every cached answer (and which problems were reported). */
  clear(): void {
    this.cache.clear();
    this.warned.clear();
  }

  /** Forgets one resource (a closed document). */
  forget(uri: string): void {
    this.cache.delete(uri);
  }

  private check(raw: unknown): SlantSettings {
    const { settings, problems } = validateEditorSettings(raw);
    const fresh = problems.filter((p) => !this.warned.has(p));
    for (const p of fresh) this.warned.add(p);
    if (fresh.length > 0) this.warn(fresh.join('; '));
    return settings;
  }
}
