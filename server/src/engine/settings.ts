/**
 * Analysis settings: the same shape for the CLI's config file (`.slant/config.json`) and the
 * editor's settings. Parsing is strict about types and names every problem with its place.
 */
import { CATEGORIES, SEVERITIES, type Category, type Severity } from './types.js';
import { DataFileError, lineOfKey, parseJson, unknownKey } from './json.js';

export interface Settings {
  /** Categories analysed; the others are skipped. */
  categories: Category[];
  /** Severity per category ('off' silences it). Lexicon entries keep their own severity when unset. */
  severity: Partial<Record<Category, Severity | 'off'>>;
  /** Report loaded wording inside quotations (at lower severity, attributed to the speaker). */
  flagQuotedSpeech: boolean;
  /** Lexicon entry ids or words never to report. */
  ignoreTerms: string[];
  /** Extra lexicon files, relative to the config file. */
  lexicons: string[];
  /** Extra gazetteer files (entities and aliases for stance), relative to the config file. */
  entities: string[];
  /** Characters analysed at most; a longer document is analysed up to a paragraph break before it, with a notice. */
  maxLength: number;
  /**
   * Milliseconds one document's analysis may take. Checked between stages, rules and (in the
   * editor's incremental analysis) chunks of paragraphs: what is done by then is kept and a
   * notice says what was left out.
   */
  timeBudgetMs: number;
}

export const DEFAULT_SETTINGS: Readonly<Settings> = Object.freeze({
  categories: [...CATEGORIES],
  severity: {},
  flagQuotedSpeech: true,
  ignoreTerms: [],
  lexicons: [],
  entities: [],
  maxLength: 5_000_000,
  timeBudgetMs: 10_000,
});

export class SettingsError extends DataFileError {}

const KEYS = new Set(['$schema', 'categories', 'severity', 'flagQuotedSpeech', 'ignoreTerms', 'lexicons', 'entities', 'maxLength', 'timeBudgetMs']);

/**
 * Checks an already-parsed settings object (from an editor or a file) and fills defaults.
 * `text`, when given, is the file's text, used to point at the line of a bad key.
 */
export function validateSettings(value: unknown, source: string, text?: string): Settings {
  const fail = (key: string | null, reason: string): never => {
    const line = key !== null && text !== undefined ? lineOfKey(text, key) : null;
    throw new SettingsError(source, line, null, reason);
  };
  if (value === null || typeof value !== 'object' || Array.isArray(value)) fail(null, 'settings must be a JSON object');
  const input = value as Record<string, unknown>;
  const extra = unknownKey(input, [...KEYS], 'setting');
  if (extra !== null) fail(extra.key, extra.reason);
  const settings: Settings = { ...DEFAULT_SETTINGS, categories: [...DEFAULT_SETTINGS.categories], severity: {} };
  if (input.categories !== undefined) {
    if (!Array.isArray(input.categories)) fail('categories', '"categories" must be a list of category names');
    const list = input.categories as unknown[];
    for (const c of list) {
      if (typeof c !== 'string' || !(CATEGORIES as readonly string[]).includes(c)) {
        fail('categories', `unknown category ${JSON.stringify(c)} (known: ${CATEGORIES.join(', ')})`);
      }
    }
    settings.categories = list as Category[];
  }
  if (input.severity !== undefined) {
    if (input.severity === null || typeof input.severity !== 'object' || Array.isArray(input.severity)) {
      fail('severity', '"severity" must map categories to error, warning, info, hint or off');
    }
    for (const [category, sev] of Object.entries(input.severity as Record<string, unknown>)) {
      if (!(CATEGORIES as readonly string[]).includes(category)) fail(category, `unknown category "${category}" in "severity"`);
      if (typeof sev !== 'string' || !([...SEVERITIES, 'off'] as string[]).includes(sev)) {
        fail(category, `severity for "${category}" must be one of ${[...SEVERITIES, 'off'].join(', ')}`);
      }
      settings.severity[category as Category] = sev as Severity | 'off';
    }
  }
  if (input.flagQuotedSpeech !== undefined) {
    if (typeof input.flagQuotedSpeech !== 'boolean') fail('flagQuotedSpeech', '"flagQuotedSpeech" must be true or false');
    settings.flagQuotedSpeech = input.flagQuotedSpeech as boolean;
  }
  for (const key of ['ignoreTerms', 'lexicons', 'entities'] as const) {
    const v = input[key];
    if (v === undefined) continue;
    if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) fail(key, `"${key}" must be a list of strings`);
    settings[key] = [...(v as string[])];
  }
  for (const key of ['maxLength', 'timeBudgetMs'] as const) {
    const v = input[key];
    if (v === undefined) continue;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 1) fail(key, `"${key}" must be a positive whole number`);
    settings[key] = v as number;
  }
  return settings;
}

/** Parses a settings file's text. Throws SettingsError (or DataFileError for bad JSON) naming file and line. */
export function parseSettings(text: string, source: string): Settings {
  let value: unknown;
  try {
    value = parseJson(text, source, 'a settings file: a JSON object such as {"ignoreTerms": []}');
  } catch (error) {
    if (error instanceof DataFileError) throw new SettingsError(source, error.line, error.column, error.reason);
    throw error;
  }
  return validateSettings(value, source, text);
}
