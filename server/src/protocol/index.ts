/* eslint-disable @typescript-eslint/no-namespace -- custom messages are declared as namespaces, as vscode-languageserver does */
/**
 * What the client and the server share: the settings schema and the custom messages. Declared
 * once here; both sides import these types (the client imports nothing else from the server).
 * No engine imports: this module must stay cheap for the client bundle.
 */
import { NotificationType, RequestType } from 'vscode-languageserver-protocol';
import type { Range } from 'vscode-languageserver-protocol';
import type { Comparison } from '../engine/compare/types.js';

export type { Comparison };

export type CategoryName = 'loaded' | 'partisan' | 'unsupported' | 'attribution' | 'speculation' | 'boilerplate';
export type SeverityName = 'error' | 'warning' | 'info' | 'hint' | 'off';

/**
 * The `slant.*` settings, asked per resource through `workspace/configuration` (section "slant").
 * Every field may be missing or malformed in what the editor sends: the server validates it.
 */
export interface SlantSettings {
  /**
   * Which documents are analysed without asking: "auto" (documents with `outlet:` front matter,
   * documents in a workspace with a `.slant/` folder, and any document the user ran *Analyse
   * Document* on), "all" (every Markdown and plain-text document), "off" (only on command).
   */
  analyse: 'auto' | 'all' | 'off';
  /** Categories reported. */
  categories: CategoryName[];
  /** Severity per category; "off" hides it. */
  severity: Partial<Record<CategoryName, SeverityName>>;
  /** Report loaded wording inside quotations (as the speaker's, at lower severity). */
  flagQuotedSpeech: boolean;
  /** Lexicon entry ids or words never reported (the workspace's `.slant/config.json` adds more). */
  ignoreTerms: string[];
  /** Milliseconds one document's analysis may take; past it, what is done is shown with a notice. */
  timeBudgetMs: number;
  /** Language ids analysed. */
  languages: string[];
  /** The largest workspace data file read (config, lexicon, entities), in megabytes. */
  maxDataFileMB: number;
}

export const DEFAULT_SLANT_SETTINGS: SlantSettings = {
  analyse: 'auto',
  categories: ['loaded', 'partisan', 'unsupported', 'attribution', 'speculation', 'boilerplate'],
  severity: {},
  flagQuotedSpeech: true,
  ignoreTerms: [],
  timeBudgetMs: 10_000,
  languages: ['markdown', 'plaintext'],
  maxDataFileMB: 4,
};

/** Counts of the findings of one document, for the status bar. */
export interface DocumentSummaryParams {
  uri: string;
}
export interface DocumentSummary {
  uri: string;
  /** False when the document is not analysed (see the `slant.analyse` setting). */
  analysed: boolean;
  total: number;
  byCategory: Record<CategoryName, number>;
  /** How the document's claims are sourced (analysed documents; missing when it could not be computed). */
  sourcing?: SourcingSummary;
}

/** What kind of source an attribution names (the engine's `AttributionKind`). */
export type AttributionKindName = 'named' | 'institutional' | 'anonymous' | 'vague' | 'self';
/** What an author-voice sentence claims (the engine's `ClaimKind`). */
export type ClaimKindName = 'fact' | 'intent' | 'cause' | 'certainty' | 'opinion' | 'statement';

/** A document's sourcing profile (the engine's `SourcingProfile`). */
export interface SourcingSummary {
  /** Author-voice claims (declarative sentences, not marked as opinion). */
  claims: number;
  /** Claims by the kind of attribution covering them; `none` for unsourced. */
  byKind: Record<AttributionKindName | 'none', number>;
  /** Share of claims with no attribution, 0–1. */
  unsourcedShare: number;
  /** Distinct named and anonymous sources. */
  namedSources: number;
  anonymousSources: number;
  /** Sentences in quoted voice. */
  quotedSentences: number;
}

/** The server tells the client a document's counts changed (after each analysis). */
export namespace DocumentSummaryNotification {
  export const method = 'slant/documentSummary' as const;
  export const type = new NotificationType<DocumentSummary>(method);
}

/** Ask for analysis of a document that the `auto` rule would not analyse (the *Analyse Document* command). */
export interface AnalyseDocumentParams {
  uri: string;
}
export namespace AnalyseDocumentRequest {
  export const method = 'slant/analyseDocument' as const;
  export const type = new RequestType<AnalyseDocumentParams, DocumentSummary, void>(method);
}

/** Where the built-in lexicon files are, for *Open Lexicon*. */
export interface LexiconLocations {
  builtin: string[];
  workspace: string[];
}
export namespace LexiconLocationsRequest {
  export const method = 'slant/lexiconLocations' as const;
  export const type = new RequestType<{ uri?: string }, LexiconLocations, void>(method);
}

/** A sentence a source covers, or an unsourced claim. */
export interface SourceClaim {
  range: Range;
  /** The sentence as it stands in the document, whitespace collapsed. */
  text: string;
  /** What it claims; null for sentences that are not claims (quotations, questions, headings). */
  claim: ClaimKindName | null;
}

/** One source the document cites. */
export interface SourceEntry {
  /** The fullest name the text gives ("Foreign Minister Ayla Demir", "sources familiar with the talks"). */
  name: string;
  kind: AttributionKindName;
  /** Where the text names it, in document order. */
  mentions: Range[];
  /** The sentences its attribution covers, in document order. */
  claims: SourceClaim[];
}

/** Every source of a document with the claims it covers (*Slant: Show Sources*). */
export interface SourcesResult {
  uri: string;
  /** The document version the ranges are for. */
  version: number;
  profile: SourcingSummary;
  /** In the order the text first names them. */
  sources: SourceEntry[];
  /** Author-voice claims no attribution covers. */
  unsourced: SourceClaim[];
}

/** Null when the document is not analysed (or not open). */
export namespace SourcesRequest {
  export const method = 'slant/sources' as const;
  export const type = new RequestType<{ uri: string }, SourcesResult | null, void>(method);
}

/** The documents to compare: open documents (their current text) or files on disk, by URI. */
export interface CompareParams {
  /** Two or more URIs. */
  uris: string[];
  /** Outlet names that replace the detected ones, by URI. */
  outlets?: Record<string, string>;
}

/** The comparison, and the URI of each compared document (to open a passage). */
export interface CompareResult {
  comparison: Comparison;
  /**
   * Document path as the comparison names it → URI. The path is the file system path of a
   * `file:` URI, and the URI itself for an unsaved document.
   */
  uris: Record<string, string>;
}

/**
 * `slant/compare`: stance, sourcing, naming and aligned passages of several documents. An input
 * that cannot be compared (not a file or an open document, unreadable, binary, too long) fails
 * the request with a message naming it.
 */
export namespace CompareRequest {
  export const method = 'slant/compare' as const;
  export const type = new RequestType<CompareParams, CompareResult, void>(method);
}

/**
 * Command ids the client implements that others call: the server (the sourcing code lens runs
 * `showSources` with the document URI as `arguments[0]`) and the editor tests (`compareStance`
 * takes `CompareParams` as `arguments[0]` instead of asking).
 */
export const ClientCommands = {
  showSources: 'slant.showSources',
  compareStance: 'slant.compareStance',
  refreshComparison: 'slant.refreshComparison',
} as const;

/** Command ids the server executes through `workspace/executeCommand`. */
export const Commands = {
  annotateAll: 'slant.server.annotateAll',
  ignoreTermInWorkspace: 'slant.server.ignoreTermInWorkspace',
} as const;

/** `arguments[0]` of `Commands.annotateAll`: the document, and the version the edit is for (when known). */
export interface AnnotateAllArgs {
  uri: string;
  version?: number;
}

/**
 * `arguments[0]` of `Commands.ignoreTermInWorkspace`: the term (a lexicon entry id, or the
 * flagged words) is added to `ignoreTerms` in the `.slant/config.json` of the workspace folder
 * holding `uri` (the file is created when missing).
 */
export interface IgnoreTermArgs {
  uri: string;
  term: string;
}

/** What the client passes as `initializationOptions`. */
export interface SlantInitializationOptions {
  /** False in an untrusted (restricted) workspace: the server then ignores workspace lexicon files. */
  workspaceTrusted?: boolean;
}
