/**
 * The lexicon file format. Lexicons are data: JSON files under `server/data/lexicon/`
 * (built in) or in a workspace's `.slant/` folder (extra), each shaped like `LexiconFile`.
 */
import type { Severity } from '../types.js';

/** What kind of wording an entry is; decides its rule id and default category. */
export const ENTRY_KINDS = [
  'emotive', // loaded or emotive words ("slaughter", "horrific")
  'label', // name-calling and labels ("thug", "extremist")
  'contested', // contested labels ("regime", "terrorist", "militant", "occupation", "so-called")
  'intensifier', // exaggeration and intensifiers ("very", "massive", "unprecedented")
  'euphemism', // euphemisms ("collateral damage", "neutralised")
  'report-verb', // loaded report verbs ("claimed", "admitted", "insisted")
  'partisan', // vocabulary marking one side's framing ("death tax" vs "estate tax")
] as const;
export type EntryKind = (typeof ENTRY_KINDS)[number];

export interface LexiconEntry {
  /** Stable id, unique across all lexicons: lower case, words joined by hyphens ("so-called"). */
  id: string;
  /**
   * Phrases to match, as plain words separated by spaces (case and diacritics do not matter).
   * A word ending in `*` matches any word starting so (`slaughter*`). Inflections are generated
   * unless `inflect` is false: plural of nouns and -s/-ed/-ing of verbs for the last word.
   * Square brackets around whole words mark the term when the other words are context
   * (`"[tel aviv] lobbies"`): a replacement replaces only the term. No brackets: all of it.
   */
  patterns: string[];
  kind: EntryKind;
  /** Default 'warning' for contested/label/partisan/emotive, 'info' for the others. */
  severity?: Severity;
  /** Why a careful reader should look twice: the project's own words, one to three sentences. */
  note: string;
  /** Neutral alternatives, in lower case unless a proper noun. */
  alternatives?: string[];
  /** A public reference (style guide, Wikipedia's words to watch...). */
  url?: string;
  /**
   * Phrases in which a match is fine ("dietary regime", "regime change" is not an exception...).
   * If a match lies inside an occurrence of one of these phrases, it is not reported.
   */
  exceptions?: string[];
  /** For partisan vocabulary: whose framing the term marks ("US right", "Israeli government"). */
  side?: string;
  /** For partisan vocabulary: the other side's term or the neutral term. */
  counterpart?: string;
  /** Generate inflections of the last word (default true). */
  inflect?: boolean;
  /** Match only with this exact capitalisation (for words that are also names). */
  caseSensitive?: boolean;
}

export interface LexiconFile {
  /** Optional description of the file. */
  description?: string;
  entries: LexiconEntry[];
}

/** Every key a lexicon entry may have: any other is refused as a misspelling (with the nearest of these). */
export const ENTRY_KEYS = [
  'id',
  'patterns',
  'kind',
  'severity',
  'note',
  'alternatives',
  'url',
  'exceptions',
  'side',
  'counterpart',
  'inflect',
  'caseSensitive',
] as const satisfies readonly (keyof LexiconEntry)[];

/** A field added to LexiconEntry must be added to ENTRY_KEYS too (this fails to compile until it is). */
export const ENTRY_KEYS_COMPLETE: Exclude<keyof LexiconEntry, (typeof ENTRY_KEYS)[number]> extends never ? true : 'add the new field to ENTRY_KEYS' = true;

/** Every key a lexicon file's top level may have. */
export const FILE_KEYS = ['$schema', '$comment', 'description', 'entries'] as const;
