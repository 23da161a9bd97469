/**
 * The shapes of stance and cross-outlet comparison: entities and their mentions, a document's
 * stance toward each entity with its evidence, a document's profile (what comparison needs,
 * so comparison never re-reads text) and the comparison itself. The comparison is plain JSON:
 * the CLI prints it as is (`slant compare --format json`), the server sends it to the client.
 */
import type { LineColumn } from '../position.js';
import type { Category, Range, SourcingProfile } from '../types.js';

/** How a mention names its entity: the name, another spelling, a capital or seat of power used as the actor, ... */
export const ALIAS_KINDS = ['name', 'spelling', 'demonym', 'capital', 'seat', 'leader', 'organisation', 'abbreviation'] as const;
export type AliasKind = (typeof ALIAS_KINDS)[number];

/** One entity of the gazetteer, compiled. */
export interface Entity {
  /** Stable id, lower case ("turkey"). */
  id: string;
  /** Canonical English name, used in all output ("Turkey"). */
  name: string;
  /** What it is. */
  type: 'country' | 'organisation' | 'group' | 'person' | 'region';
  /** Where the entity came from: the built-in gazetteer or a workspace file. */
  origin: string;
}

/** A place in a document where an entity is named. */
export interface EntityMention extends Range {
  /** Entity id. */
  entity: string;
  /** The alias as it stands in the text ("Ankara", "Türkiye", "Turkish"). */
  text: string;
  /** The alias's canonical form in the gazetteer ("Türkiye"), for naming comparisons. */
  alias: string;
  aliasKind: AliasKind;
  /** Index of the sentence. */
  sentence: number;
  /** Inside a quotation (the speaker's words). */
  quoted: boolean;
}

/** One sentence's contribution to a stance, with the reasons in plain words. */
export interface StanceEvidence extends Range {
  sentence: number;
  /** The sentence text (whitespace collapsed). */
  text: string;
  /** Signed contribution to the score, before normalisation (negative = hostile). */
  contribution: number;
  /** 'author' for the outlet's own words, 'quoted' for a quoted speaker's. */
  voice: 'author' | 'quoted';
  speaker: string | null;
  /** Plain-language reasons, e.g. `agent of "invaded" (hostile action)`, `"brutal" near the mention (sentiment −3.1)`. */
  reasons: string[];
}

/** A document's stance toward one entity. */
export interface EntityStance {
  entity: string;
  /** Canonical name. */
  name: string;
  /** −1 (hostile) … +1 (sympathetic). */
  score: number;
  /** 0 … 1: grows with evidence and its agreement. */
  confidence: number;
  /** Mentions of the entity in the document (author's and quoted). */
  mentions: number;
  /** The sentences that drove the score, strongest first (at most a handful). */
  evidence: StanceEvidence[];
}

/** Where a document's outlet name came from. */
export type OutletSource = 'override' | 'front-matter' | 'text' | 'file-name' | 'unknown';

export interface OutletInfo {
  name: string;
  source: OutletSource;
  /** The cue in the text (for 'front-matter' and 'text'), else null. */
  range: Range | null;
}

/** A highlighted span inside a passage: loaded or partisan wording, or an attribution cue. */
export interface PassageHighlight extends Range {
  kind: Category;
  ruleId: string;
  text: string;
}

/** A sentence as comparison sees it: the features alignment needs, and its highlights. */
export interface Passage extends Range {
  sentence: number;
  text: string;
  /** Stemmed content words (stop words removed), each once. */
  words: string[];
  /** Entity ids mentioned. */
  entities: string[];
  /** Numbers and dates, normalised ("1,200" → "1200", "March" → "march"). */
  numbers: string[];
  /** Normalised texts of quotations in the passage (for shared-quote detection). */
  quotes: string[];
  highlights: PassageHighlight[];
}

/** A naming form a document uses for an entity or its government ("Türkiye", "Tel Aviv", "regime"). */
export interface NamingUse {
  entity: string;
  /** 'alias' for how the entity is named; 'label' for the noun attached to it ("regime", "government"). */
  kind: 'alias' | 'label';
  form: string;
  count: number;
}

/** Everything comparison needs from one document. Built once per document (`profileDocument`). */
export interface DocumentProfile {
  path: string;
  outlet: OutletInfo;
  words: number;
  stance: EntityStance[];
  sourcing: SourcingProfile;
  loadedTerms: number;
  loadedPer1000Words: number;
  naming: NamingUse[];
  /** Term counts for distinctive vocabulary: lower-cased content-word unigrams and bigrams. */
  terms: Record<string, number>;
  passages: Passage[];
  /** Line starts for positions in output. */
  lineStarts: number[];
}

/** A passage in output: path, positions, text, highlights (offsets in the document). */
export interface PassageRef {
  path: string;
  outlet: string;
  start: LineColumn;
  end: LineColumn;
  text: string;
  highlights: PassageHighlight[];
}

/** Two passages of different documents reporting the same fact. */
export interface Alignment {
  a: PassageRef;
  b: PassageRef;
  /** 0 … 1. */
  similarity: number;
  /** What the two share, for the explanation. */
  shared: { words: string[]; entities: string[]; numbers: string[]; quotes: string[] };
}

/** A term distinctive of one document (or outlet) against the others. */
export interface DistinctiveTerm {
  term: string;
  /** Weighted log-odds z-score (Monroe et al. 2008); positive = used more by this outlet. */
  z: number;
  /** Count in this outlet's text and in the others'. */
  count: number;
  otherCount: number;
}

/** Documents differing in how they name one entity. */
export interface NamingChoice {
  entity: string;
  kind: 'alias' | 'label';
  /** path → form → count. */
  byDocument: Record<string, Record<string, number>>;
}

/** A stance in output: the entity keyed by canonical name; evidence with positions. */
export interface StanceOut {
  score: number;
  confidence: number;
  mentions: number;
  evidence: (Omit<StanceEvidence, 'start' | 'end'> & { start: LineColumn; end: LineColumn })[];
}

export interface ComparedDocument {
  path: string;
  outlet: string;
  outletSource: OutletSource;
  words: number;
  stance: Record<string, StanceOut>;
  sourcing: SourcingProfile;
  loadedTerms: number;
  loadedPer1000Words: number;
}

/** The comparison of two or more documents: `slant compare --format json` prints exactly this. */
export interface Comparison {
  version: 1;
  documents: ComparedDocument[];
  /** Entities mentioned by at least one document, most mentioned first (canonical names). */
  entities: string[];
  alignments: Alignment[];
  /** Keyed by outlet name (documents of one outlet are pooled). */
  distinctiveTerms: Record<string, DistinctiveTerm[]>;
  namingChoices: NamingChoice[];
}
