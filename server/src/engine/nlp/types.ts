/**
 * The linguistic layer's vocabulary: per sentence, tokens with part of speech and lemma, noun
 * chunks and verb groups, clauses with their subject and main verb, and proper-name spans.
 * Offsets are UTF-16 source offsets, like everything in the engine.
 */
import type { Notice, Range } from '../types.js';

/** Universal Dependencies part-of-speech tags (the set the tagger emits). */
export const UPOS = [
  'ADJ', 'ADP', 'ADV', 'AUX', 'CCONJ', 'DET', 'INTJ', 'NOUN', 'NUM', 'PART', 'PRON', 'PROPN', 'PUNCT',
  'SCONJ', 'SYM', 'VERB', 'X', 'SPACE',
] as const;
export type UPos = (typeof UPOS)[number];

export interface NlpToken extends Range {
  /** The token as it stands in the text (a slice of the prose). */
  text: string;
  pos: UPos;
  /** Dictionary form, lower case ("drew" → "draw"); a proper name keeps its spelling. */
  lemma: string;
  /** Where the correction table changed the tagger's tag: the tag it gave. */
  corrected?: UPos;
}

/** A noun chunk ("the minister's photo shoot") or a verb group ("would not pass"). */
export interface Phrase extends Range {
  kind: 'noun' | 'verb';
  /** Indices into the sentence's `tokens`, `end` exclusive. */
  first: number;
  last: number;
  /** Index (into `tokens`) of the head: the last noun of a noun chunk, the main verb of a group. */
  head: number;
}

export type ClauseKind = 'main' | 'relative' | 'subordinate' | 'coordinated';

export interface Clause extends Range {
  kind: ClauseKind;
  /** Index (into the sentence's `clauses`) of the clause it sits in; null for a main clause. */
  parent: number | null;
  /** First and last+1 token indices. */
  first: number;
  last: number;
  /** Index into `tokens` of the word that opens it ("who", "because", "but"), if any. */
  marker: number | null;
  /** Index into `tokens` of the subject's head, where found (a relative pronoun's antecedent). */
  subject: number | null;
  /** Index into `tokens` of the clause's main verb, where found. */
  verb: number | null;
}

export type NameKind = 'person' | 'organisation' | 'place' | 'other';

export interface NameSpan extends Range {
  text: string;
  kind: NameKind;
  /** Index into `tokens` of the name's head ("Lindqvist", "Council" in "Council of Europe"). */
  head: number;
  first: number;
  last: number;
}

/** The layer's reading of one sentence. */
export interface SentenceNlp {
  sentence: number;
  /** False when the sentence was not tagged (too long, unreadable): everything below is empty. */
  tagged: boolean;
  /** Why it was not tagged. */
  skipped: string | null;
  tokens: NlpToken[];
  phrases: Phrase[];
  clauses: Clause[];
  names: NameSpan[];
}

/** The layer for one document: computed per sentence on first ask, then cached. */
export interface Linguistics {
  /** The reading of sentence `index` (of `doc.sentences`). */
  sentence(index: number): SentenceNlp;
  /** The tagged token covering `offset`, with its sentence's reading, or null. */
  tokenAt(offset: number): { nlp: SentenceNlp; token: number } | null;
  /** The innermost clause containing token `token` of sentence `nlp`. */
  clauseOf(nlp: SentenceNlp, token: number): Clause | null;
  /** The subject head of the clause whose main verb is token `verb`, or null. */
  subjectOf(nlp: SentenceNlp, verb: number): number | null;
  /** The proper-name span covering `range`, if `range` lies inside one. */
  nameAt(range: Range): NameSpan | null;
  /** One notice per sentence the layer skipped (bounded). */
  readonly notices: readonly Notice[];
  /** How many sentences have been tagged so far (for tests of laziness and incrementality). */
  readonly taggedCount: number;
}
