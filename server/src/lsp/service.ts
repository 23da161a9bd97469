/**
 * What the language server does, without the connection: every handler in `server.ts` calls
 * one method here, and everything this needs from the editor goes through `EditorPort`. The
 * LSP shapes themselves come from the pure converters (diagnostics, hover, code actions).
 */
import { DocumentDiagnosticReportKind, LSPErrorCodes, ResponseError } from 'vscode-languageserver';
import type { CancellationToken, CodeAction, CodeLens, Diagnostic, DocumentDiagnosticReport, DocumentSymbol, Hover, Position, WorkspaceEdit } from 'vscode-languageserver';
import { builtinGazetteer, builtinLexicon } from '../engine/index.js';
import { Commands, type CompareResult, type DocumentSummary, type LexiconLocations, type SourcesResult } from '../protocol/index.js';
import { Analyses, CancelledError, StaleError, type Analysis, type AnalysisContext, type OpenDocument } from './analyses.js';
import { ANNOTATE_ALL_KIND, annotateAllAction, annotateAllArgs, annotateAllEdit, ignoreTermArgs, quickFixes, wants } from './code-actions.js';
import { toRange } from './diagnostics.js';
import { compareDocuments, compareParams } from './compare.js';
import { findingsAt, findingsToHover, withSection } from './hover.js';
import { ui } from './messages.js';
import { builtinLexiconPaths } from './paths.js';
import { EditorSettings, effectiveSettings } from './settings.js';
import { profileSummary, sourceSymbols, sourcesResult, sourcingLenses, sourcingSection } from './sourcing.js';
import { stanceSection } from './stance.js';
import type { AnalysisEngine } from './engines.js';
import { Workspace } from './workspace.js';

/** What the service asks of the editor. */
export interface EditorPort {
  /** The `slant` section of the settings for a resource (`workspace/configuration`). */
  configuration(uri: string): Promise<unknown>;
  showWarning(message: string): void;
  showInformation(message: string): void;
  log(message: string): void;
  /** Pull model: ask the editor to pull diagnostics again (`workspace/diagnostic/refresh`). */
  refreshDiagnostics(): void;
  /** Ask the editor for the code lenses again (`workspace/codeLens/refresh`), when it can. */
  refreshCodeLenses?(): void;
  /** Push model: publish a document's diagnostics. */
  publishDiagnostics(uri: string, version: number, diagnostics: Diagnostic[]): void;
  summary(summary: DocumentSummary): void;
  applyEdit(label: string, edit: WorkspaceEdit): Promise<boolean>;
  /** Watch these files too (lexicons outside `.slant/` listed by a config). */
  watchFiles(paths: string[]): void;
}

export interface ServiceOptions {
  /** The editor pulls diagnostics (`textDocument/diagnostic`); otherwise the server pushes them. */
  pull: boolean;
  /** The editor applies versioned `documentChanges`. */
  documentChanges: boolean;
  /** False in an untrusted workspace. */
  trusted: boolean;
  /** Milliseconds between the last change and a pushed analysis (push model only). */
  pushDelay: number;
  /**
   * Milliseconds between an analysis and its `slant/documentSummary` (which carries the
   * whole-document sourcing profile, so it waits for typing to pause); `pushDelay` by default.
   */
  summaryDelay?: number;
  /** Where the analyses run (the server's: a worker thread); on this thread by default. */
  engine?: AnalysisEngine;
}

export interface CodeActionRequest {
  uri: string;
  diagnostics: Diagnostic[];
  only?: string[];
}

export class Service {
  readonly workspace: Workspace;
  readonly analyses: Analyses;
  private readonly settings: EditorSettings;
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly summaryTimers = new Map<string, NodeJS.Timeout>();
  private watchedOutside = '';
  private readonly justOpened = new Set<string>();

  constructor(
    private readonly documents: { get(uri: string): OpenDocument | undefined; all(): OpenDocument[] },
    private readonly editor: EditorPort,
    private readonly options: ServiceOptions,
  ) {
    this.workspace = new Workspace({ trusted: options.trusted, report: (m) => editor.showWarning(m) });
    this.settings = new EditorSettings(
      (uri) => editor.configuration(uri),
      (problems) => editor.showWarning(ui.badSettings([problems])),
    );
    this.analyses = new Analyses({
      documents,
      context: (uri) => this.context(uri),
      analysed: (a) => this.summarise(a),
      failed: (uri, error) => editor.log(`analysis of ${uri} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`),
      ...(options.engine ? { engine: options.engine } : {}),
    });
  }

  private async context(uri: string): Promise<AnalysisContext> {
    const editor = await this.settings.get(uri);
    this.workspace.setMaxDataFileBytes(Math.floor(editor.maxDataFileMB * 1024 * 1024));
    const state = this.workspace.stateFor(uri);
    const outside = this.workspace.listedOutside();
    if (outside.join('\n') !== this.watchedOutside) {
      this.watchedOutside = outside.join('\n');
      this.editor.watchFiles(outside);
    }
    return {
      settings: effectiveSettings(editor, state?.config ?? null),
      lexicon: state?.lexicon ?? builtinLexicon(),
      gazetteer: state?.gazetteer ?? builtinGazetteer(),
      inSlantWorkspace: state?.hasSlantFolder ?? false,
    };
  }

  /**
   * Sends a document's summary once typing pauses, with the sourcing profile (computed from the
   * whole text) when the analysis is still the current one; a newer analysis sends its own.
   */
  private summarise(analysis: Analysis): void {
    const { uri } = analysis;
    const previous = this.summaryTimers.get(uri);
    if (previous) clearTimeout(previous);
    this.summaryTimers.set(
      uri,
      setTimeout(() => {
        this.summaryTimers.delete(uri);
        if (this.analyses.current(uri) !== analysis) return;
        void this.summaryOf(analysis).then((summary) => {
          if (this.analyses.current(uri) === analysis) this.editor.summary(summary);
        });
      }, this.options.summaryDelay ?? this.options.pushDelay),
    );
  }

  /** The analysis's summary with its sourcing profile, when there is one. */
  private async summaryOf(analysis: Analysis): Promise<DocumentSummary> {
    const sourcing = await this.analyses.sourcing(analysis);
    return sourcing === null ? analysis.summary : { ...analysis.summary, sourcing: profileSummary(sourcing.sourcing) };
  }

  // Events.

  opened(uri: string): void {
    this.justOpened.add(uri);
    this.schedule(uri, 0);
  }

  changed(uri: string): void {
    // The change event that follows every open is not an edit.
    if (!this.justOpened.delete(uri)) this.schedule(uri, this.options.pushDelay);
  }

  closed(uri: string): void {
    for (const timers of [this.timers, this.summaryTimers]) {
      const timer = timers.get(uri);
      if (timer) clearTimeout(timer);
      timers.delete(uri);
    }
    this.justOpened.delete(uri);
    this.analyses.closed(uri);
    this.settings.forget(uri);
    if (!this.options.pull) this.editor.publishDiagnostics(uri, 0, []);
  }

  /** The editor's settings changed (every cached answer is dropped). */
  configurationChanged(): void {
    this.settings.clear();
    this.refresh();
  }

  /** Watched files changed on disk: reload the workspace configuration they concern. */
  filesChanged(uris: readonly string[]): void {
    if (this.workspace.filesChanged(uris)) this.refresh();
  }

  foldersChanged(added: readonly { uri: string }[], removed: readonly { uri: string }[]): void {
    this.workspace.removeFolders(removed);
    this.workspace.addFolders(added);
    this.refresh();
  }

  /** Every analysis is out of date (unless `invalidate` is false): pull again, or push again. */
  refresh(invalidate = true): void {
    if (invalidate) this.analyses.invalidate();
    if (this.options.pull) this.editor.refreshDiagnostics();
    else for (const doc of this.documents.all()) this.schedule(doc.uri, 0);
    this.editor.refreshCodeLenses?.();
  }

  /** Push model: analyse a document after a quiet moment (a closed document's pending push does nothing). */
  private schedule(uri: string, delay: number): void {
    if (this.options.pull) return;
    const timer = this.timers.get(uri);
    if (timer) clearTimeout(timer);
    this.timers.set(
      uri,
      setTimeout(() => {
        this.timers.delete(uri);
        this.analyses.get(uri).then(
          (a) => {
            if (a && this.documents.get(uri)?.version === a.version) this.editor.publishDiagnostics(uri, a.version, a.diagnostics);
          },
          (error: unknown) => {
            // A newer change or a close took over; anything else is a bug worth a log line.
            if (!(error instanceof CancelledError)) this.editor.log(`publishing diagnostics for ${uri} failed: ${String(error)}`);
          },
        );
      }, delay),
    );
  }

  // Requests.

  async diagnostics(uri: string, previousResultId: string | undefined, token: CancellationToken): Promise<DocumentDiagnosticReport> {
    let analysis: Analysis | null;
    try {
      analysis = await this.analyses.get(uri, token);
    } catch (error) {
      throw cancellation(error);
    }
    if (analysis === null) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
    if (previousResultId === analysis.key) return { kind: DocumentDiagnosticReportKind.Unchanged, resultId: analysis.key };
    return { kind: DocumentDiagnosticReportKind.Full, resultId: analysis.key, items: analysis.diagnostics };
  }

  async hover(uri: string, position: Position, token: CancellationToken): Promise<Hover | null> {
    const analysis = await this.quietly(uri, token);
    if (!analysis?.analysed) return null;
    const offset = analysis.positions.offset(position.line, position.character);
    const findings = findingsToHover(findingsAt(analysis.findings, offset), analysis.positions);
    const [stance, sourcing] = await Promise.all([this.analyses.stance(analysis), this.analyses.sourcing(analysis)]);
    const section = (s: { markdown: string; start: number; end: number } | null) => s && { markdown: s.markdown, range: toRange(analysis.positions, s.start, s.end) };
    return withSection(
      withSection(findings, section(stance && stanceSection(stance, offset))),
      section(sourcing && sourcingSection(sourcing, offset)),
    );
  }

  /** `textDocument/codeLens`: the sourcing profile on the first line of an analysed document. */
  async codeLenses(uri: string, token: CancellationToken): Promise<CodeLens[]> {
    const analysis = await this.quietly(uri, token);
    const sourcing = analysis ? await this.analyses.sourcing(analysis) : null;
    return sourcing === null ? [] : sourcingLenses(sourcing, uri);
  }

  /** `textDocument/documentSymbol`: the sources of an analysed document, their claims as children. */
  async documentSymbols(uri: string, token: CancellationToken): Promise<DocumentSymbol[]> {
    const analysis = await this.quietly(uri, token);
    const sourcing = analysis ? await this.analyses.sourcing(analysis) : null;
    return sourcing === null || analysis === null ? [] : sourceSymbols(sourcing, analysis.positions);
  }

  /** `slant/sources`: every source with the claims it covers; null when the document is not analysed. */
  async sources(uri: string, token?: CancellationToken): Promise<SourcesResult | null> {
    const analysis = await this.quietly(uri, token);
    const sourcing = analysis ? await this.analyses.sourcing(analysis) : null;
    return sourcing === null || analysis === null ? null : sourcesResult(sourcing, analysis.positions, uri, analysis.version);
  }

  async codeActions(request: CodeActionRequest, token: CancellationToken): Promise<CodeAction[]> {
    const doc = this.documents.get(request.uri);
    if (!doc) return [];
    const actions: CodeAction[] = quickFixes({
      uri: request.uri,
      version: doc.version,
      diagnostics: request.diagnostics,
      ...(request.only ? { only: request.only } : {}),
      canIgnoreInWorkspace: this.workspace.canWrite(request.uri),
      documentChanges: this.options.documentChanges,
    });
    if (!wants(request.only, ANNOTATE_ALL_KIND)) return actions;
    const analysis = await this.quietly(request.uri, token);
    if (analysis?.analysed) {
      const all = annotateAllAction({ ...analysis, ...(request.only ? { only: request.only } : {}), documentChanges: this.options.documentChanges });
      if (all) actions.push(all);
    }
    return actions;
  }

  /** `workspace/executeCommand`: the result is true when the command did what it says. */
  async executeCommand(command: string, args: readonly unknown[] | undefined): Promise<boolean> {
    if (command === Commands.annotateAll) {
      const a = annotateAllArgs(args?.[0]);
      if (a === null) throw new ResponseError(LSPErrorCodes.RequestFailed, `${command}: expected { uri, version? }`);
      const analysis = await this.quietly(a.uri);
      if (!analysis?.analysed) return false;
      if (a.version !== undefined && a.version !== analysis.version) {
        this.editor.showWarning(ui.annotateRefused);
        return false;
      }
      const edit = annotateAllEdit({ ...analysis, documentChanges: this.options.documentChanges });
      return edit !== null && (await this.editor.applyEdit(ui.annotateAll, edit));
    }
    if (command === Commands.ignoreTermInWorkspace) {
      const a = ignoreTermArgs(args?.[0]);
      if (a === null) throw new ResponseError(LSPErrorCodes.RequestFailed, `${command}: expected { uri, term }`);
      if (this.workspace.folderFor(a.uri) === null) {
        this.editor.showWarning(ui.noWorkspaceFolder);
        return false;
      }
      let file: string;
      try {
        file = this.workspace.ignoreTerm(a.uri, a.term);
      } catch (error) {
        this.editor.showWarning(ui.configNotWritten('.slant/config.json', error instanceof Error ? error.message : String(error)));
        return false;
      }
      // Same lexicon, same chunks: the refresh filters cached findings, it does not re-analyse.
      this.refresh();
      this.editor.showInformation(ui.termIgnored(a.term, file));
      return true;
    }
    throw new ResponseError(LSPErrorCodes.RequestFailed, `unknown command ${command}`);
  }

  /** `slant/analyseDocument`: analyse this document from now on, and say what was found. */
  async analyseDocument(uri: string): Promise<DocumentSummary> {
    this.analyses.request(uri);
    const analysis = await this.quietly(uri);
    this.refresh(false);
    return analysis ? await this.summaryOf(analysis) : { uri, analysed: false, total: 0, byCategory: { loaded: 0, partisan: 0, unsupported: 0, attribution: 0, speculation: 0, boilerplate: 0 } };
  }

  /**
   * `slant/compare`: the documents compared with the settings, lexicon and entities of the
   * workspace folder holding the first one.
   */
  async compare(params: unknown, token?: CancellationToken): Promise<CompareResult> {
    const request = compareParams(params);
    const first = request.uris[0] ?? '';
    const { settings, lexicon } = await this.context(first);
    try {
      return await compareDocuments(request, {
        documents: this.documents,
        lexicon,
        gazetteer: this.workspace.stateFor(first)?.gazetteer ?? builtinGazetteer(),
        settings: settings.engine,
        isCancelled: () => token?.isCancellationRequested === true,
      });
    } catch (error) {
      throw cancellation(error);
    }
  }

  lexiconLocations(uri: string | undefined): LexiconLocations {
    return { builtin: builtinLexiconPaths(), workspace: this.workspace.trusted ? this.workspace.lexiconFiles(uri) : [] };
  }

  /** The current analysis, or null when it was cancelled or overtaken by a newer version. */
  private async quietly(uri: string, token?: CancellationToken): Promise<Analysis | null> {
    try {
      return await this.analyses.get(uri, token);
    } catch (error) {
      if (error instanceof CancelledError) return null;
      throw error;
    }
  }
}

/** The error a cancelled analysis answers a request with. */
function cancellation(error: unknown): unknown {
  if (error instanceof StaleError) return new ResponseError(LSPErrorCodes.ServerCancelled, 'the document or the settings changed', { retriggerRequest: true });
  if (error instanceof CancelledError) return new ResponseError(LSPErrorCodes.RequestCancelled, 'cancelled');
  return error;
}
