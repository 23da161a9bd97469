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
export type * from './compare/types.js';
export { ALIAS_KINDS } from './compare/types.js';
export { builtinGazetteer, compileGazetteer, parseGazetteerFile, findMentions, isAlias, GazetteerError } from './entities/gazetteer.js';
export type { Gazetteer } from './entities/gazetteer.js';
export type { GazetteerFile, EntityEntry, AliasEntry } from './entities/schema.js';
export { analyseStance } from './stance/stance.js';
export type { StanceResult } from './stance/stance.js';
export { detectOutlet } from './stance/outlet.js';
export { profileDocument, profileOf } from './compare/profile.js';
export type { ProfileOptions } from './compare/profile.js';
export { compareProfiles, compareTexts } from './compare/compare.js';
export type { CompareOptions, CompareInput } from './compare/compare.js';
export { alignDocuments, ALIGN_DEFAULTS } from './compare/align.js';
export type { AlignDoc } from './compare/align.js';
export { buildPassages, termCounts } from './compare/passages.js';
export { distinctiveTerms } from './compare/terms.js';
export { lineStartsOf, toLineColumn } from './position.js';
export { linguistics, warmTagger, taggerLoaded } from './nlp/index.js';
export type { Linguistics, SentenceNlp, NlpToken, Phrase, Clause, ClauseKind, NameSpan, NameKind, UPos } from './nlp/index.js';
