/**
 * A small LSP client for a language server bundle spawned over stdio (`dist/server.cjs`), shared
 * by the benchmark's language-server section and the worker's protocol tests: pull diagnostics,
 * `workspace/configuration` answered with `settings`, log lines and document summaries kept.
 */
import { spawn } from 'node:child_process';
import {
  ConfigurationRequest,
  createProtocolConnection,
  DiagnosticRefreshRequest,
  DidOpenTextDocumentNotification,
  DocumentDiagnosticRequest,
  HoverRequest,
  InitializedNotification,
  InitializeRequest,
  LogMessageNotification,
  RegistrationRequest,
  StreamMessageReader,
  StreamMessageWriter,
  type Diagnostic,
  type Hover,
  type ProtocolConnection,
} from 'vscode-languageserver-protocol/node';

export interface StdioServer {
  connection: ProtocolConnection;
  /** `window/logMessage` lines, in order. */
  logs: string[];
  /** URIs of the `slant/documentSummary` notifications that carried a sourcing profile. */
  summarised: string[];
  /** What `workspace/configuration` answers for each item, by its resource; change it, then notify. */
  settings: Record<string, unknown> | ((uri: string | undefined) => Record<string, unknown>);
  open(uri: string, text: string, languageId?: string): Promise<void>;
  /** Pulls a document's diagnostics (a full report expected). */
  pull(uri: string): Promise<Diagnostic[]>;
  hover(uri: string, line: number, character: number): Promise<Hover | null>;
  stop(): Promise<void>;
}

export async function startStdioServer(serverPath: string, settings: StdioServer['settings'] = { analyse: 'all' }): Promise<StdioServer> {
  const child = spawn(process.execPath, [serverPath, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  const server: StdioServer = {
    connection,
    logs: [],
    summarised: [],
    settings,
    open: (uri, text, languageId = 'markdown') => connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version: 1, text } }),
    async pull(uri) {
      const report = await connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri } });
      if (report.kind !== 'full') throw new Error(`expected a full diagnostic report for ${uri}`);
      return report.items;
    },
    hover: (uri, line, character) => connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line, character } }),
    /** Shuts the server down; one that does not answer within 5 s (a stuck main thread) is killed. */
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
        const timer = setTimeout(() => child.kill(), 5000);
        await Promise.race([exited, connection.sendRequest('shutdown').then(() => connection.sendNotification('exit'))]);
        await exited;
        clearTimeout(timer);
      }
      connection.dispose();
    },
  };
  connection.onRequest(ConfigurationRequest.type, (params) => params.items.map((item) => (typeof server.settings === 'function' ? server.settings(item.scopeUri) : server.settings)));
  connection.onRequest(RegistrationRequest.type, () => undefined);
  connection.onRequest(DiagnosticRefreshRequest.type, () => undefined);
  connection.onNotification(LogMessageNotification.type, (p) => {
    server.logs.push(p.message);
  });
  // `slant/documentSummary`, by name (this client does not import the server's sources).
  connection.onNotification('slant/documentSummary', (s: { uri: string; sourcing?: unknown }) => {
    if (s.sourcing !== undefined) server.summarised.push(s.uri);
  });
  connection.onUnhandledNotification(() => undefined);
  connection.listen();
  await connection.sendRequest(InitializeRequest.type, {
    processId: process.pid,
    rootUri: null,
    workspaceFolders: null,
    capabilities: { textDocument: { diagnostic: {}, hover: { contentFormat: ['markdown'] } }, workspace: { configuration: true, diagnostics: { refreshSupport: true } } },
  });
  await connection.sendNotification(InitializedNotification.type, {});
  return server;
}
