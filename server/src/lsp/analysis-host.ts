/**
 * The engine work of the language server, without the connection and without threads: the
 * incremental analysis of each open document (its chunk cache kept here, per document) and the
 * whole-document analysis behind the sourcing views and the stance hover. It runs inside the
 * analysis worker (`analysis-worker.ts`, started by `WorkerEngine`), or on the calling thread
 * (`InlineEngine`, for in-process tests and when no worker file is there). What it returns is
 * plain data, small enough to cross a thread boundary: findings, sentence ranges, notices, the
 * sourcing and the stance; never the document model.
 */
import { analyse, type Finding, type Format, type Lexicon, type Notice, type Range, type Sentence, type Settings, type Sourcing } from '../engine/index.js';
import type { Gazetteer } from '../engine/entities/gazetteer.js';
import { CancelledError } from '../engine/analyse.js';
import { IncrementalAnalyser } from '../engine/incremental.js';
import { analyseStance, type StanceResult } from '../engine/stance/stance.js';
import type { Category } from '../engine/types.js';

/** The settings of one document's analysis that reach the engine. */
export type EngineSettings = Pick<Settings, 'categories' | 'severity' | 'flagQuotedSpeech' | 'ignoreTerms' | 'maxLength' | 'timeBudgetMs'>;

export interface AnalyseRequest {
  uri: string;
  text: string;
  format: Format;
  lexicon: Lexicon;
  flagQuotedSpeech: boolean;
  maxLength: number;
  timeBudgetMs: number;
}

/** The incremental analysis of one version: findings before the settings filter them. */
export interface AnalyseReply {
  findings: Finding[];
  sentences: Range[];
  notices: Notice[];
  chunks: number;
  reused: number;
}

export interface WholeRequest {
  uri: string;
  text: string;
  format: Format;
  lexicon: Lexicon;
  gazetteer: Gazetteer;
  settings: EngineSettings;
}

/** What the document-level views need of the whole-document analysis. */
export interface WholeReply {
  sentences: Sentence[];
  sourcing: Sourcing;
  stance: StanceResult | null;
  /** Why the stance could not be computed (a bug, logged by the caller). */
  stanceError?: string;
}

/**
 * Documents longer than this get no whole-document sourcing (hover section, code lens, symbols,
 * status): reading a million characters in one piece takes about a fifth of a second, and more
 * would keep the analysis worker from every other document for too long. A news article is a
 * few tens of thousands of characters.
 */
export const SOURCING_MAX_LENGTH = 1_000_000;

/**
 * The categories of the whole-document analysis: the sourcing needs no rule, the stance needs
 * loaded and partisan wording and loaded report verbs (attribution). One analysis serves both.
 */
const WHOLE_CATEGORIES: Category[] = ['loaded', 'partisan', 'attribution'];

/**
 * Reads the whole text once for the document-level views (sourcing, stance). Null for a text
 * longer than `SOURCING_MAX_LENGTH`.
 */
export function analyseWhole(
  text: string,
  format: Format,
  lexicon: Lexicon,
  settings: Partial<Settings> & { maxLength: number },
  isCancelled?: () => boolean,
): ReturnType<typeof analyse> | null {
  if (Math.min(text.length, settings.maxLength) > SOURCING_MAX_LENGTH) return null;
  return analyse(text, { format, lexicon, settings: { ...settings, categories: WHOLE_CATEGORIES }, ...(isCancelled ? { isCancelled } : {}) });
}

interface DocAnalyser {
  lexicon: Lexicon;
  flagQuotedSpeech: boolean;
  format: Format;
  maxLength: number;
  analyser: IncrementalAnalyser;
}

export class AnalysisHost {
  private readonly analysers = new Map<string, DocAnalyser>();

  /**
   * The incremental analysis of one version, a step per chunk analysed (see
   * `IncrementalAnalyser.steps`); the document's chunk cache is kept for its next version.
   */
  *analyse(request: AnalyseRequest, isCancelled: () => boolean): Generator<void, AnalyseReply, void> {
    const { uri, lexicon, flagQuotedSpeech, format, maxLength } = request;
    let a = this.analysers.get(uri);
    if (!a || a.lexicon !== lexicon || a.flagQuotedSpeech !== flagQuotedSpeech || a.format !== format || a.maxLength !== maxLength) {
      a = { lexicon, flagQuotedSpeech, format, maxLength, analyser: new IncrementalAnalyser({ format, lexicon, flagQuotedSpeech, maxLength }) };
      this.analysers.set(uri, a);
    }
    try {
      const result = yield* a.analyser.steps(request.text, isCancelled, request.timeBudgetMs);
      return { findings: [...result.findings], sentences: [...result.sentences], notices: result.notices, chunks: result.chunks, reused: result.reused };
    } catch (error) {
      // A failed engine may have left its cache half-made: the next version starts afresh.
      if (!(error instanceof CancelledError)) this.analysers.delete(uri);
      throw error;
    }
  }

  /** The whole-document analysis's sourcing and stance; null when the text is too long for it. Throws CancelledError. */
  whole(request: WholeRequest, isCancelled?: () => boolean): WholeReply | null {
    const result = analyseWhole(request.text, request.format, request.lexicon, request.settings, isCancelled);
    if (result === null) return null;
    let stance: StanceResult | null = null;
    let stanceError: string | undefined;
    try {
      stance = analyseStance(result, request.gazetteer);
    } catch (error) {
      stanceError = error instanceof Error ? (error.stack ?? error.message) : String(error);
    }
    return { sentences: result.document.sentences, sourcing: result.sourcing, stance, ...(stanceError !== undefined ? { stanceError } : {}) };
  }

  /** A document closed: its chunk cache goes. */
  closed(uri: string): void {
    this.analysers.delete(uri);
  }
}
