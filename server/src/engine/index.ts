/**
 * Slant's analysis engine: text in, explained findings out. Pure: no I/O, no LSP.
 *
 *   read (Markdown | text) ──▶ Document ──rules──▶ Finding[] ──▶ AnalysisResult
 */
export * from './types.js';
export type { LexiconEntry, LexiconFile, EntryKind } from './lexicon/schema.js';
export { analyse, formatFromPath } from './analyse.js';
export type { AnalyseOptions } from './analyse.js';
export { readDocument } from './read/read.js';
export type { ReadOptions } from './read/read.js';
export { builtinLexicon, compileLexicon, parseLexiconFile, LexiconError, KIND_RULES, BUILTIN_LEXICON_FILES } from './lexicon/lexicon.js';
export { DataFileError } from './json.js';
export { RULES } from './rules/index.js';
export type { Rule } from './rules/index.js';
export { CancelledError } from './analyse.js';
export type { Lexicon, LexiconSource } from './lexicon/lexicon.js';
export { parseSettings, SettingsError, DEFAULT_SETTINGS } from './settings.js';
export type { Settings } from './settings.js';
export { lineColumn, LineIndex } from './position.js';
