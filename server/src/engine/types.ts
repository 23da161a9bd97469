/**
 * The engine's shared vocabulary. Everything here is plain data: no LSP, no I/O.
 *
 * Offsets are UTF-16 code units from the start of the source text, `end` exclusive,
 * everywhere (as editors and JavaScript strings count).
 */

/** The fixed set of finding categories shared by the CLI, the server and every rule. */
export const CATEGORIES = ['loaded', 'partisan', 'unsupported', 'attribution', 'speculation', 'boilerplate'] as const;
export type Category = (typeof CATEGORIES)[number];

/** Severities, most severe first. */
export const SEVERITIES = ['error', 'warning', 'info', 'hint'] as const;
export type Severity = (typeof SEVERITIES)[number];

export interface Range {
  start: number;
  end: number;
}

export type Format = 'markdown' | 'text';

/** Document metadata, from Markdown front matter (or nothing for plain text). */
export interface Metadata {
  outlet?: string;
  author?: string;
  date?: string;
  url?: string;
  title?: string;
  /** Any other scalar front matter keys, as strings. */
  [key: string]: string | undefined;
}

export type BlockKind = 'paragraph' | 'heading' | 'tableCell' | 'listItem';

/** A block of prose: a paragraph, a heading, a table cell. */
export interface Block extends Range {
  kind: BlockKind;
  /** True when the block sits inside a Markdown blockquote (quoted voice). */
  blockquote: boolean;
  /** True when the block was recognised as boilerplate (excluded from analysis). */
  boilerplate: boolean;
  /** What kind of boilerplate ("subscription prompt", "image credit"...), or null. */
  boilerplateLabel: string | null;
  /** Index of the block in `doc.blocks`. */
  index: number;
}

export interface Sentence extends Range {
  /** Index of the block the sentence belongs to. */
  block: number;
  /** Index of the sentence in `doc.sentences`. */
  index: number;
}

export interface Token extends Range {
  /** The token as it stands in the text (a slice of `doc.text`). */
  text: string;
  /**
   * Normalised form used for matching: lower case, diacritics folded, curly apostrophes
   * straightened, a trailing possessive 's removed.
   */
  norm: string;
  /** Index of the sentence the token belongs to. */
  sentence: number;
  /** 'word' for letters/digits (with inner hyphens and apostrophes), 'punct' otherwise. */
  kind: 'word' | 'number' | 'punct';
}

/** A quotation: text in quotation marks, or a blockquote. */
export interface Quote extends Range {
  /** Range of the quoted text without its quotation marks. */
  inner: Range;
  /** 'marks' for quotation marks in running text, 'blockquote' for a Markdown blockquote. */
  kind: 'marks' | 'blockquote';
  /** The speaker as the text names them, if found ("Foreign Minister Hakan Fidan"). */
  speaker: string | null;
  /** Where the speaker's name stands in the text, if found. */
  speakerRange: Range | null;
  /** A short quotation (one to three words) with no speaker: a possible scare quote. */
  scare: boolean;
}

/** The kind of a CriticMarkup span. */
export type AnnotationKind = 'comment' | 'highlight' | 'substitution' | 'addition' | 'deletion';

/** A CriticMarkup annotation found in the source. */
export interface Annotation extends Range {
  kind: AnnotationKind;
  /** The content (comment text, highlighted text, or "old~>new"). */
  content: string;
  /** The range of text that counts as reviewed (highlighted text, substituted text), if any. */
  reviewed: Range | null;
}

/** A `{>>slant-ignore RULE ...<<}` directive, scoped to the sentence it stands in. */
export interface IgnoreDirective extends Range {
  /** Rule ids or lexicon entry ids to silence; empty means every rule. */
  rules: string[];
  /** The range it silences (the sentence it stands in or follows). */
  scope: Range;
}

/** A notice about the document as a whole (truncation, parse trouble). */
export interface Notice {
  level: 'info' | 'warning' | 'error';
  message: string;
  /** Where in the text the notice is about, when it is about one place (its message names the line). */
  start?: number;
}

/**
 * The document model: decided once by the reader, used by every rule.
 *
 * `prose` has the same length as `text`. It keeps prose characters where they are and blanks
 * everything that is not prose (Markdown syntax, code, URLs, HTML, front matter, CriticMarkup
 * comments and markers) to spaces, keeping line breaks. So every offset into `prose` is an
 * offset into `text`.
 */
export interface Document {
  path?: string;
  format: Format;
  text: string;
  prose: string;
  metadata: Metadata;
  blocks: Block[];
  sentences: Sentence[];
  tokens: Token[];
  quotes: Quote[];
  annotations: Annotation[];
  ignores: IgnoreDirective[];
  notices: Notice[];
  /** Characters analysed: the length of `text`, which is the source's analysed part (all of it unless bounded by maxLength). */
  analysedLength: number;
}

/** One explained finding. */
export interface Finding extends Range {
  ruleId: string;
  category: Category;
  severity: Severity;
  /** One line, for lists and diagnostics. */
  message: string;
  /** Why a careful reader should look twice, in plain language. */
  note: string;
  /** The matched text, as it stands in the document. */
  text: string;
  /**
   * The loaded term itself, inside `start..end`: what a replacement replaces. Narrower than the
   * finding when the match includes context ("Tel Aviv" in "Tel Aviv lobbies", "regime" in
   * "regime’s"); the whole finding otherwise.
   */
  term: Range;
  /**
   * Only when Markdown or CriticMarkup syntax stands inside the finding (a link's bracket and URL,
   * emphasis marks, a blockquote's `>`): the runs of plain text in it, which is all a highlight
   * may wrap without breaking the syntax. Empty when nothing may be wrapped (inside a CriticMarkup
   * addition).
   */
  parts?: Range[];
  /** Neutral alternatives, case matched to the term. */
  expected: string[];
  /** A reference to public guidance, if there is one. */
  url: string | null;
  /** True when the text is inside a quotation (the speaker's words, not the outlet's). */
  quoted: boolean;
  /** The quoted speaker, when known. */
  speaker: string | null;
  /** Where the speaker is named in the text, when known. */
  speakerRange: Range | null;
  /** Weight in scores: 1 for the author's voice, lower for quoted speech. */
  weight: number;
  /** The lexicon entry that matched, if the rule is lexicon-driven. */
  entryId: string | null;
  /** The sentence the finding stands in, if any. */
  sentence: number | null;
  /** Extra, rule-specific facts (e.g. which side uses a partisan term and the other's term). */
  details?: Record<string, string | string[] | number | boolean | null>;
}

/** What kind of source an attribution names. */
export const ATTRIBUTION_KINDS = ['named', 'institutional', 'anonymous', 'vague', 'self'] as const;
export type AttributionKind = (typeof ATTRIBUTION_KINDS)[number];

/** The attribution that covers a sentence: who the text says the claim comes from. */
export interface Attribution {
  kind: AttributionKind;
  /** The source as the text names it ("Foreign Minister Hakan Fidan", "four sources familiar with the talks", "reportedly"). */
  source: string;
  /** Key of the source in `Sourcing.sources` (the same person or body named again shares it). */
  sourceKey: string;
  /** The reporting verb, if there is one ("confirmed", "said"). */
  verb: string | null;
  /** Where the attribution stands: the cue phrase ("according to Reuters", "officials said"). */
  cue: Range;
  /** The sentence the cue stands in. */
  sentence: number;
  /**
   * How it reaches the sentence: its own cue, the speaker of a quotation in it, or carried from
   * an earlier sentence the way reporting carries it (the same paragraph, or "he added").
   */
  via: 'cue' | 'quote' | 'carried';
}

/** What an author-voice sentence claims, as far as the rules can tell. */
export const CLAIM_KINDS = ['fact', 'intent', 'cause', 'certainty', 'opinion', 'statement'] as const;
export type ClaimKind = (typeof CLAIM_KINDS)[number];

/** One sentence's sourcing. */
export interface SentenceSourcing {
  sentence: number;
  /** Whose voice: the author's, a quotation's, or both (a quotation inside reported text). */
  voice: 'author' | 'quoted' | 'mixed';
  /** The attribution covering the sentence, if any. */
  attribution: Attribution | null;
  /** The kind of claim, for author-voice declarative sentences; null for questions, headings, quotations. */
  claim: ClaimKind | null;
  /** The sentence asserts something checkable (a figure, a record, a quantity). */
  checkable: boolean;
  /** Where each claim cue stands (certainty word, intent phrase, figure), `claim`'s first. */
  claimCues: ClaimCue[];
}

export interface ClaimCue extends Range {
  kind: ClaimKind;
}

/** A source the text cites, with every sentence its attribution covers. */
export interface Source {
  key: string;
  /** The fullest name the text gives. */
  name: string;
  kind: AttributionKind;
  /** Where the text names it (cue ranges). */
  mentions: Range[];
  /** Sentences covered by it. */
  sentences: number[];
}

/** A document's sourcing profile: how its author-voice claims are sourced. */
export interface SourcingProfile {
  /** Author-voice claims (declarative sentences in paragraphs and list items, not marked as opinion). */
  claims: number;
  /** Claims by the kind of attribution covering them; `none` for unsourced. */
  byKind: Record<AttributionKind | 'none', number>;
  /** Share of claims with no attribution (0–1; 0 when there are no claims). */
  unsourcedShare: number;
  /** Distinct named and anonymous sources. */
  namedSources: number;
  anonymousSources: number;
  /** Sentences in quoted voice. */
  quotedSentences: number;
}

export interface Sourcing {
  sentences: SentenceSourcing[];
  sources: Source[];
  profile: SourcingProfile;
}

export interface Summary {
  total: number;
  byCategory: Record<Category, number>;
  bySeverity: Record<Severity, number>;
  words: number;
  sentences: number;
  /** Findings dropped because they fell in an annotated (reviewed) span. */
  reviewed: number;
  /** Findings silenced by slant-ignore comments. */
  ignored: number;
}

export interface AnalysisResult {
  document: Document;
  findings: Finding[];
  summary: Summary;
  /** Attribution per sentence, the sources cited and the document's sourcing profile. */
  sourcing: Sourcing;
}
