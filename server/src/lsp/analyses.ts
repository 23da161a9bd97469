/**
 * One analysis per document version: started on demand (a diagnostics pull, a hover, a code
 * action, or a debounced push), shared by every request for the same version, incremental
 * (unchanged paragraphs reuse their results), run by an `AnalysisEngine` (in the server, a
 * worker thread: see engines.ts), and stopped (CancelledError) as soon as the document changes
 * or closes, the settings change, or every request waiting on it was cancelled.
 */
import type { CancellationToken, Diagnostic } from 'vscode-languageserver';
import { builtinGazetteer, CATEGORIES, LineIndex, type Finding, type Format, type Gazetteer, type Lexicon } from '../engine/index.js';
import { CancelledError } from '../engine/analyse.js';
import { applyFindingSettings } from '../engine/incremental.js';
import type { StanceResult } from '../engine/stance/stance.js';
import type { CategoryName, DocumentSummary } from '../protocol/index.js';
import type { AnalyseReply, WholeReply } from './analysis-host.js';
import { findingToDiagnostic, noticeDiagnostic, type PositionMap } from './diagnostics.js';
import { InlineEngine, turn, type AnalysisEngine, type EngineJob } from './engines.js';
import { formatOf, languageOf, shouldAnalyse } from './policy.js';
import type { EffectiveSettings } from './settings.js';
import { ui } from './messages.js';
import type { DocumentSourcing } from './sourcing.js';

export { CancelledError };

/** What the analyses need of an open document (a vscode-languageserver-textdocument TextDocument fits). */
export interface OpenDocument {
  readonly uri: string;
  readonly version: number;
  readonly languageId: string;
  getText(): string;
}

/** What a document is analysed with, resolved per resource. */
export interface AnalysisContext {
  settings: EffectiveSettings;
  lexicon: Lexicon;
  /** Entities for the stance; the built-in gazetteer when not given. */
  gazetteer?: Gazetteer;
  inSlantWorkspace: boolean;
}

export interface Analysis {
  uri: string;
  version: number;
  /** Identifies the inputs (version, settings generation, request): the pull's resultId. */
  key: string;
  /** The order analyses started in: a later one is never replaced by an earlier one. */
  seq: number;
  analysed: boolean;
  text: string;
  /** Findings after the settings (categories, ignored terms, severities). */
  findings: Finding[];
  /** Sentences of the analysed text, for where ignore comments go. */
  sentences: readonly { start: number; end: number }[];
  positions: PositionMap;
  diagnostics: Diagnostic[];
  summary: DocumentSummary;
  /** Chunks in the text and how many came from the cache (for measurements). */
  chunks: number;
  reused: number;
  /** What the text was read as and with (the whole-document analysis reads it the same way). */
  format: Format;
  lexicon: Lexicon;
  gazetteer: Gazetteer;
  settings: EffectiveSettings['engine'];
  /** The whole-document analysis, once asked for (`Analyses.whole`); null when it cannot be. */
  whole?: Promise<WholeReply | null>;
}

export interface AnalysesOptions {
  documents: { get(uri: string): OpenDocument | undefined };
  context(uri: string): Promise<AnalysisContext>;
  /** Called once per completed analysis of the current version (status bar counts). */
  analysed(analysis: Analysis): void;
  /** Called when the engine fails on a document (a bug: logged, shown as a notice, never fatal). */
  failed(uri: string, error: unknown): void;
  /** Where the engine work runs; on this thread by default. */
  engine?: AnalysisEngine;
}

interface Pending {
  key: string;
  tokens: CancellationToken[];
  promise?: Promise<Analysis>;
}

interface DocState {
  last?: Analysis;
  pending?: Pending;
}

/**
 * Diagnostics sent for one document at most (the summary still counts every finding): past a
 * few thousand, more squiggles help nobody and the payload slows every editor down.
 */
export const MAX_DIAGNOSTICS = 5000;

/** Findings converted to diagnostics between two turns of the event loop. */
const DIAGNOSTICS_SLICE = 500;

const zeroCounts = (): Record<CategoryName, number> => Object.fromEntries(CATEGORIES.map((c) => [c, 0])) as Record<CategoryName, number>;

/** Whether the request that started an analysis still wants it: a cancelled token, a newer version... */
export class StaleError extends CancelledError {}

export class Analyses {
  private readonly states = new Map<string, DocState>();
  private readonly requested = new Set<string>();
  private generation = 0;
  private seq = 0;
  readonly engine: AnalysisEngine;

  constructor(private readonly options: AnalysesOptions) {
    this.engine = options.engine ?? new InlineEngine();
  }

  /** Settings, workspace configuration or lexicons changed: every analysis is out of date. */
  invalidate(): void {
    this.generation++;
  }

  /** The user asked for this document (analysed from now on, whatever `slant.analyse` says). */
  request(uri: string): void {
    if (!this.requested.has(uri)) {
      this.requested.add(uri);
      this.generation++;
    }
  }

  isRequested(uri: string): boolean {
    return this.requested.has(uri);
  }

  /** A document closed: its pending work stops (its analysis sees the document gone) and its cache goes. */
  closed(uri: string): void {
    this.states.delete(uri);
    this.engine.closed(uri);
  }

  /** The last completed analysis of a document's current version, if any. */
  current(uri: string): Analysis | undefined {
    const doc = this.options.documents.get(uri);
    const last = this.states.get(uri)?.last;
    return doc && last && last.version === doc.version && last.key === this.keyOf(doc) ? last : undefined;
  }

  private keyOf(doc: OpenDocument): string {
    return `${this.generation}.${doc.version}`;
  }

  /**
   * The analysis of the document's current version: the cached one, the one under way, or a
   * new one. Null when the document is not open. Throws CancelledError (StaleError when the
   * document or settings changed meanwhile).
   */
  async get(uri: string, token?: CancellationToken): Promise<Analysis | null> {
    const doc = this.options.documents.get(uri);
    if (!doc) return null;
    let state = this.states.get(uri);
    if (!state) {
      state = {};
      this.states.set(uri, state);
    }
    const key = this.keyOf(doc);
    if (state.last?.key === key) return state.last;
    if (state.pending?.promise && state.pending.key === key) {
      if (token) state.pending.tokens.push(token);
      return state.pending.promise;
    }
    const pending: Pending = { key, tokens: token ? [token] : [] };
    const promise = this.run(doc, state, pending);
    pending.promise = promise;
    state.pending = pending;
    const clear = (): void => {
      if (state.pending === pending) delete state.pending;
    };
    promise.then(clear, clear);
    return promise;
  }

  private async run(doc: OpenDocument, state: DocState, pending: Pending): Promise<Analysis> {
    // Text and version are read together, before any await.
    const { uri, version } = doc;
    const languageId = languageOf(doc.languageId, uri);
    const text = doc.getText();
    const seq = ++this.seq;
    const generation = this.generation;
    const stale = (): boolean => this.states.get(uri) !== state || this.options.documents.get(uri)?.version !== version || this.generation !== generation;
    const isCancelled = (): boolean => stale() || (pending.tokens.length > 0 && pending.tokens.every((t) => t.isCancellationRequested));
    const check = (): void => {
      if (stale()) throw new StaleError();
      if (isCancelled()) throw new CancelledError();
    };

    const context = await this.options.context(uri);
    check();
    const { settings } = context;
    const analysis: Analysis = {
      uri,
      version,
      key: pending.key,
      seq,
      analysed: shouldAnalyse({
        mode: settings.analyse,
        languages: settings.languages,
        languageId,
        text,
        inSlantWorkspace: context.inSlantWorkspace,
        requested: this.requested.has(uri),
      }),
      text,
      findings: [],
      sentences: [],
      positions: { position: () => ({ line: 0, character: 0 }), offset: () => 0 },
      diagnostics: [],
      summary: { uri, analysed: false, total: 0, byCategory: zeroCounts() },
      chunks: 0,
      reused: 0,
      format: formatOf(languageId),
      lexicon: context.lexicon,
      gazetteer: context.gazetteer ?? builtinGazetteer(),
      settings: settings.engine,
    };
    if (analysis.analysed) {
      const positions = new LineIndex(text);
      analysis.positions = positions;
      const lineBreak = text.slice(0, 1000).search(/[\r\n]/);
      const firstLine = lineBreak < 0 ? Math.min(text.length, 1000) : lineBreak;
      let result: AnalyseReply | null = null;
      if (text.includes('\u0000')) {
        analysis.diagnostics = [noticeDiagnostic({ level: 'info', message: ui.binary }, firstLine)];
      } else {
        const { engine } = settings;
        try {
          const outcome = await this.engine.analyse(
            { uri, text, format: analysis.format, lexicon: context.lexicon, flagQuotedSpeech: engine.flagQuotedSpeech, maxLength: engine.maxLength, timeBudgetMs: engine.timeBudgetMs },
            { label: `${uri} (version ${version})`, isCancelled },
          );
          if (outcome.kind === 'done') result = outcome.value;
          else analysis.diagnostics = [noticeDiagnostic({ level: 'warning', message: ui.timedOut(outcome.ms) }, firstLine)];
        } catch (error) {
          if (error instanceof CancelledError) check();
          if (error instanceof CancelledError) throw error;
          this.options.failed(uri, error);
          analysis.diagnostics = [noticeDiagnostic({ level: 'error', message: ui.failed(error instanceof Error ? error.message : String(error)) }, firstLine)];
        }
        check();
      }
      if (result !== null) {
        analysis.findings = applyFindingSettings(result.findings, settings.engine);
        analysis.sentences = result.sentences;
        analysis.chunks = result.chunks;
        analysis.reused = result.reused;
        const { sentences } = result;
        const sentenceEnd = (f: Finding): number => sentenceEndOf(sentences, f);
        const sentenceStart = (f: Finding): number => sentenceStartOf(sentences, f);
        const shown = analysis.findings.length > MAX_DIAGNOSTICS ? analysis.findings.slice(0, MAX_DIAGNOSTICS) : analysis.findings;
        const notices = [...result.notices];
        if (shown.length < analysis.findings.length) notices.push({ level: 'info', message: ui.tooMany(shown.length, analysis.findings.length) });
        const diagnostics = notices.map((n) => noticeDiagnostic(n, firstLine));
        // Many findings are converted a slice at a time, so requests waiting meanwhile (a hover
        // on another document) are answered between slices, not after all of them.
        for (let i = 0; i < shown.length; i += DIAGNOSTICS_SLICE) {
          if (shown.length > DIAGNOSTICS_SLICE) {
            await turn();
            check();
          }
          for (const f of shown.slice(i, i + DIAGNOSTICS_SLICE)) diagnostics.push(findingToDiagnostic(f, { uri, version, positions, sentenceEnd, sentenceStart, text }));
        }
        analysis.diagnostics = diagnostics;
      }
      const byCategory = zeroCounts();
      for (const f of analysis.findings) byCategory[f.category]++;
      analysis.summary = { uri, analysed: true, total: analysis.findings.length, byCategory };
    }
    // A newer analysis (or a newer version's) is never replaced by this one.
    if (this.states.get(uri) === state && (state.last === undefined || state.last.seq < seq)) state.last = analysis;
    if (!stale()) this.options.analysed(analysis);
    return analysis;
  }

  /**
   * The whole-document analysis of an analysis (asked for once, on first use, for the sourcing
   * views and the stance): null when the document is not analysed, looks binary, is too long,
   * ran past its time budget, or the engine failed on it (logged). Never throws.
   */
  whole(analysis: Analysis): Promise<WholeReply | null> {
    analysis.whole ??= this.computeWhole(analysis);
    return analysis.whole;
  }

  private async computeWhole(analysis: Analysis): Promise<WholeReply | null> {
    if (!analysis.analysed || analysis.text.includes('\u0000')) return null;
    const { uri, version, text, format, lexicon, gazetteer, settings } = analysis;
    try {
      // Wanted while it is the document's current analysis (a newer version asks for its own).
      const job: EngineJob = {
        label: `${uri} (version ${version}, whole document)`,
        isCancelled: () => this.states.get(uri)?.last !== analysis || this.options.documents.get(uri)?.version !== version,
      };
      const outcome = await this.engine.whole({ uri, text, format, lexicon, gazetteer, settings }, job);
      if (outcome.kind === 'timeout') return null;
      if (outcome.value?.stanceError !== undefined) this.options.failed(uri, new Error(`stance: ${outcome.value.stanceError}`));
      return outcome.value;
    } catch (error) {
      if (!(error instanceof CancelledError)) this.options.failed(uri, error);
      // A cancelled request may be asked again by a later caller.
      if (error instanceof CancelledError) delete analysis.whole;
      return null;
    }
  }

  /** The whole-document sourcing of an analysis, or null (see `whole`). */
  async sourcing(analysis: Analysis): Promise<DocumentSourcing | null> {
    const whole = await this.whole(analysis);
    return whole && { text: analysis.text, sentences: whole.sentences, sourcing: whole.sourcing };
  }

  /** The stance of an analysis's document toward the entities it names, or null (see `whole`). */
  async stance(analysis: Analysis): Promise<StanceResult | null> {
    return (await this.whole(analysis))?.stance ?? null;
  }
}

/** The sentence holding a finding (its global index, or by position), or undefined. */
function sentenceOf(sentences: readonly { start: number; end: number }[], f: Finding): { start: number; end: number } | undefined {
  if (f.sentence !== null) {
    const s = sentences[f.sentence];
    if (s && s.start <= f.start && f.start <= s.end) return s;
  }
  let lo = 0;
  let hi = sentences.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = sentences[mid] as { start: number; end: number };
    if (f.start < s.start) hi = mid - 1;
    else if (f.start >= s.end) lo = mid + 1;
    else return s;
  }
  return undefined;
}

/** Start offset of the sentence holding a finding, else the finding's start. */
export function sentenceStartOf(sentences: readonly { start: number; end: number }[], f: Finding): number {
  const s = sentenceOf(sentences, f);
  return s ? Math.min(s.start, f.start) : f.start;
}

/** End offset of the sentence holding a finding (its global index, or by position), else the finding's end. */
export function sentenceEndOf(sentences: readonly { start: number; end: number }[], f: Finding): number {
  const s = sentenceOf(sentences, f);
  return s ? Math.max(s.end, f.end) : f.end;
}
