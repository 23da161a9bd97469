/**
 * The language server's wiring: capabilities, and one line per handler into `Service`.
 * Nothing else lives here (see service.ts for what the handlers do, and the pure converters in
 * diagnostics.ts, hover.ts and code-actions.ts for the LSP shapes).
 */
import {
  CodeActionKind,
  CodeLensRefreshRequest,
  createConnection,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  LSPErrorCodes,
  Message,
  MessageType,
  ProposedFeatures,
  ShowMessageNotification,
  TextDocuments,
  TextDocumentSyncKind,
  type ClientCapabilities,
  type Connection,
  type Disposable,
  type FileSystemWatcher,
  type InitializeResult,
  type ResponseMessage,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import {
  AnalyseDocumentRequest,
  Commands,
  CompareRequest,
  DocumentSummaryNotification,
  LexiconLocationsRequest,
  SourcesRequest,
  type SlantInitializationOptions,
} from '../protocol/index.js';
import { ANNOTATE_ALL_KIND } from './code-actions.js';
import { pathToUri } from './paths.js';
import { WorkerEngine, type AnalysisEngine } from './engines.js';
import { Service, type EditorPort } from './service.js';

/** Milliseconds between the last keystroke and an analysis, for editors without pull diagnostics. */
export const PUSH_DELAY = 200;

/** Watched in every workspace folder: the config, lexicons, and the folder itself (auto mode). */
const WATCHERS: FileSystemWatcher[] = [{ globPattern: '**/.slant/**' }, { globPattern: '**/.slant' }];

/**
 * The analysis worker, from its bundle beside the server's (`dist/analysis-worker.cjs`); without
 * it (the server run from its sources) the analyses run on the main thread, as before.
 */
function analysisEngine(log: (message: string) => void): AnalysisEngine | undefined {
  const file = typeof __dirname === 'string' ? path.join(__dirname, 'analysis-worker.cjs') : null;
  if (file === null || !existsSync(file)) {
    log('analysis worker not found next to the server; analysing on the main thread');
    return undefined;
  }
  return new WorkerEngine({ file, log });
}

/** Requests cancelled before they started are answered at once, not run (vscode-eslint's `cancelUndispatched`). */
function cancelUndispatched(message: Message): ResponseMessage | undefined {
  if (!Message.isRequest(message)) return undefined;
  return { jsonrpc: '2.0', id: message.id, error: { code: LSPErrorCodes.RequestCancelled, message: 'cancelled before it started' } };
}

/** Starts the Slant language server on a connection (by default from the process arguments: --stdio, --node-ipc...). */
export function startServer(connection: Connection = createConnection(ProposedFeatures.all, { cancelUndispatched }) as Connection): Connection {
  const documents = new TextDocuments(TextDocument);
  let client: ClientCapabilities = {};
  let service: Service | undefined;
  /** Settings sent with didChangeConfiguration, for editors that cannot answer workspace/configuration. */
  let pushedSettings: unknown;
  let extraWatch: Promise<Disposable> | undefined;
  const failed = (what: string) => (error: unknown) => connection.console.error(`${what}: ${String(error)}`);
  // A stray rejection is a bug to log, never a reason to take the editor's server down.
  process.on('unhandledRejection', (reason) => connection.console.error(`unhandled rejection: ${reason instanceof Error ? (reason.stack ?? reason.message) : String(reason)}`));
  const the = (): Service => {
    if (!service) throw new Error('the server is not initialised');
    return service;
  };

  const editor: EditorPort = {
    configuration: async (uri) => {
      if (client.workspace?.configuration !== true) return pushedSettings;
      return connection.workspace.getConfiguration({ scopeUri: uri, section: 'slant' });
    },
    // window/showMessage notifications (connection.window.show*Message sends a request that needs an answer).
    showWarning: (m) => void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Warning, message: m }).then(undefined, failed('showMessage')),
    showInformation: (m) => void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Info, message: m }).then(undefined, failed('showMessage')),
    log: (m) => connection.console.log(m),
    refreshDiagnostics: () => {
      if (client.workspace?.diagnostics?.refreshSupport === true) void connection.languages.diagnostics.refresh().then(undefined, failed('refresh'));
    },
    refreshCodeLenses: () => {
      if (client.workspace?.codeLens?.refreshSupport === true) void connection.sendRequest(CodeLensRefreshRequest.type).then(undefined, failed('refresh'));
    },
    publishDiagnostics: (uri, version, diagnostics) => void connection.sendDiagnostics({ uri, version, diagnostics }).then(undefined, failed('publish')),
    summary: (s) => void connection.sendNotification(DocumentSummaryNotification.type, s).then(undefined, failed('summary')),
    applyEdit: async (label, edit) => (await connection.workspace.applyEdit({ label, edit })).applied,
    watchFiles: (paths) => {
      if (client.workspace?.didChangeWatchedFiles?.dynamicRegistration !== true) return;
      const relative = client.workspace.didChangeWatchedFiles.relativePatternSupport === true;
      const watchers: FileSystemWatcher[] = paths.map((p) => ({ globPattern: relative ? { baseUri: pathToUri(path.dirname(p)), pattern: path.basename(p) } : p }));
      const previous = extraWatch;
      extraWatch = watchers.length > 0 ? connection.client.register(DidChangeWatchedFilesNotification.type, { watchers }) : undefined;
      void previous?.then((d) => d.dispose(), failed('unwatch'));
      void extraWatch?.then(undefined, failed('watch'));
    },
  };

  connection.onInitialize((params): InitializeResult => {
    client = params.capabilities;
    const pull = client.textDocument?.diagnostic !== undefined;
    const init = (params.initializationOptions ?? {}) as SlantInitializationOptions;
    const engine = analysisEngine(editor.log);
    if (engine) connection.onShutdown(() => engine.dispose());
    service = new Service(documents, editor, {
      ...(engine ? { engine } : {}),
      pull,
      documentChanges: client.workspace?.workspaceEdit?.documentChanges === true,
      trusted: init.workspaceTrusted !== false,
      pushDelay: PUSH_DELAY,
    });
    service.workspace.setFolders(params.workspaceFolders ?? (params.rootUri ? [{ uri: params.rootUri }] : []));
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        ...(pull ? { diagnosticProvider: { identifier: 'slant', interFileDependencies: false, workspaceDiagnostics: false } } : {}),
        hoverProvider: true,
        codeLensProvider: { resolveProvider: false },
        documentSymbolProvider: { label: 'Slant sources' },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, ANNOTATE_ALL_KIND] },
        executeCommandProvider: { commands: [Commands.annotateAll, Commands.ignoreTermInWorkspace] },
        ...(client.workspace?.workspaceFolders === true ? { workspace: { workspaceFolders: { supported: true, changeNotifications: true } } } : {}),
      },
      serverInfo: { name: 'slant' },
    };
  });

  connection.onInitialized(() => {
    if (client.workspace?.didChangeConfiguration?.dynamicRegistration === true) {
      void connection.client.register(DidChangeConfigurationNotification.type, { section: 'slant' }).then(undefined, failed('register'));
    }
    if (client.workspace?.didChangeWatchedFiles?.dynamicRegistration === true) {
      void connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: WATCHERS }).then(undefined, failed('register'));
    }
    if (client.workspace?.workspaceFolders === true) {
      connection.workspace.onDidChangeWorkspaceFolders((e) => the().foldersChanged(e.added, e.removed));
    }
  });

  connection.onDidChangeConfiguration((params) => {
    pushedSettings = (params.settings as { slant?: unknown } | null | undefined)?.slant;
    the().configurationChanged();
  });
  connection.onDidChangeWatchedFiles((params) => the().filesChanged(params.changes.map((c) => c.uri)));
  connection.languages.diagnostics.on((params, token) => the().diagnostics(params.textDocument.uri, params.previousResultId, token));
  connection.onHover((params, token) => the().hover(params.textDocument.uri, params.position, token));
  connection.onCodeLens((params, token) => the().codeLenses(params.textDocument.uri, token));
  connection.onDocumentSymbol((params, token) => the().documentSymbols(params.textDocument.uri, token));
  connection.onCodeAction((params, token) =>
    the().codeActions({ uri: params.textDocument.uri, diagnostics: params.context.diagnostics, ...(params.context.only ? { only: params.context.only } : {}) }, token),
  );
  connection.onExecuteCommand((params) => the().executeCommand(params.command, params.arguments));
  connection.onRequest(AnalyseDocumentRequest.type, (params) => the().analyseDocument(params.uri));
  connection.onRequest(LexiconLocationsRequest.type, (params) => the().lexiconLocations(params.uri));
  connection.onRequest(SourcesRequest.type, (params, token) => the().sources(params.uri, token));
  connection.onRequest(CompareRequest.type, (params, token) => the().compare(params, token));

  documents.onDidOpen((e) => the().opened(e.document.uri));
  documents.onDidChangeContent((e) => the().changed(e.document.uri));
  documents.onDidClose((e) => the().closed(e.document.uri));

  documents.listen(connection);
  connection.listen();
  return connection;
}
