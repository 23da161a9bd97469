/* eslint-disable @typescript-eslint/no-namespace -- custom messages are declared as namespaces, as vscode-languageserver does */
/**
 * What the client and the server share: the settings schema and the custom messages. Declared
 * once here; both sides import these types (the client imports nothing else from the server).
 * No engine imports: this module must stay cheap for the client bundle.
 */
import { NotificationType, RequestType } from 'vscode-languageserver-protocol';

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
  /** Language ids analysed. */
  languages: string[];
}

export const DEFAULT_SLANT_SETTINGS: SlantSettings = {
  analyse: 'auto',
  categories: ['loaded', 'partisan', 'unsupported', 'attribution', 'speculation', 'boilerplate'],
  severity: {},
  flagQuotedSpeech: true,
  ignoreTerms: [],
  languages: ['markdown', 'plaintext'],
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
