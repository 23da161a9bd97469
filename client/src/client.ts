/**
 * The language client: starts the bundled server (`dist/server.cjs`) over IPC, restarts it when it
 * dies (a few times, then tells the user), and is rebuilt when `slant.languages` changes, since the
 * document selector is fixed per client.
 */
import * as vscode from 'vscode';
import {
  CloseAction,
  ErrorAction,
  LanguageClient,
  RevealOutputChannelOn,
  State,
  TransportKind,
  type CloseHandlerResult,
  type ErrorHandler,
  type ErrorHandlerResult,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import {
  DocumentSummaryNotification,
  type DocumentSummary,
  type SlantInitializationOptions,
} from '../../server/src/protocol/index.js';
import { documentSelectorFor, languagesFrom } from './languages.js';
import { Messages } from './messages.js';
import { CrashWindow } from './restart.js';
import type { ServerState } from './summary.js';

/** The configuration section the server reads, and the client id (`slant.trace.server`). */
export const SECTION = 'slant';

/** The `slant.languages` setting as the workspace sees it. */
export function configuredLanguages(): string[] {
  return languagesFrom(vscode.workspace.getConfiguration(SECTION).get<unknown>('languages'));
}

export class SlantClient implements vscode.Disposable {
  private client: LanguageClient | undefined;
  private clientDisposables: vscode.Disposable[] = [];
  private readonly crashes = new CrashWindow();
  private readonly summaryEmitter = new vscode.EventEmitter<DocumentSummary>();
  private readonly stateEmitter = new vscode.EventEmitter<void>();
  private languages: string[] = [];
  /** Serialises start, stop and restart. */
  private queue: Promise<unknown> = Promise.resolve();

  /** Each `slant/documentSummary` the server sends. */
  readonly onDidReceiveSummary = this.summaryEmitter.event;
  /** Fires when the server starts, stops or is being restarted (read `state`). */
  readonly onDidChangeState = this.stateEmitter.event;

  constructor(
    private readonly context: vscode.ExtensionContext,
    readonly output: vscode.LogOutputChannel,
  ) {}

  /** Before the first start and during a restart the server counts as starting. */
  get state(): ServerState {
    const state = this.client?.state;
    if (state === undefined || state === State.Starting) return 'starting';
    return state === State.Running ? 'running' : 'stopped';
  }

  /** The languages of the current client's document selector. */
  get selectorLanguages(): readonly string[] {
    return this.languages;
  }

  /** Starts the server if it is not running. */
  start(): Promise<void> {
    return this.enqueue(async () => {
      if (this.client?.state === State.Running) return;
      if (!this.client) this.client = this.create();
      await this.client.start();
    });
  }

  /** Stops the server and builds a new client (picking up `slant.languages` and workspace trust). */
  restart(): Promise<void> {
    return this.enqueue(async () => {
      this.crashes.reset();
      await this.disposeClient();
      this.client = this.create();
      await this.client.start();
    });
  }

  stop(): Promise<void> {
    return this.enqueue(() => this.disposeClient());
  }

  /** The running client, started first when needed. */
  async ready(): Promise<LanguageClient> {
    await this.start();
    if (!this.client) throw new Error('the language client did not start');
    return this.client;
  }

  dispose(): void {
    void this.stop();
    this.summaryEmitter.dispose();
    this.stateEmitter.dispose();
  }

  private enqueue<T>(step: () => Promise<T>): Promise<T> {
    const next = this.queue.then(step, step);
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async disposeClient(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    for (const d of this.clientDisposables.splice(0)) d.dispose();
    if (!client) return;
    try {
      if (client.needsStop()) await client.stop(2000);
    } catch (error) {
      this.output.warn(`Stopping the server: ${String(error)}`);
    }
    await client.dispose().catch(() => undefined);
    this.stateEmitter.fire();
  }

  private create(): LanguageClient {
    const module = this.context.asAbsolutePath('dist/server.cjs');
    const serverOptions: ServerOptions = {
      run: { module, transport: TransportKind.ipc },
      debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
    };
    this.languages = configuredLanguages();
    const clientOptions: LanguageClientOptions = {
      documentSelector: documentSelectorFor(this.languages),
      synchronize: { configurationSection: SECTION },
      // A function, so that a restart after the user trusts the workspace sends the new value.
      initializationOptions: (): SlantInitializationOptions => ({ workspaceTrusted: vscode.workspace.isTrusted }),
      outputChannel: this.output,
      // Failed requests are logged, not shown: the commands explain their own failures, and a
      // failing hover or code action should not interrupt reading.
      revealOutputChannelOn: RevealOutputChannelOn.Never,
      errorHandler: this.errorHandler(),
    };
    const client = new LanguageClient(SECTION, Messages.clientName, serverOptions, clientOptions);
    this.clientDisposables.push(
      client.onNotification(DocumentSummaryNotification.type, (summary) => this.summaryEmitter.fire(summary)),
      client.onDidChangeState(() => this.stateEmitter.fire()),
    );
    return client;
  }

  private errorHandler(): ErrorHandler {
    return {
      error: (_error, _message, count): ErrorHandlerResult =>
        count !== undefined && count <= 3 ? { action: ErrorAction.Continue } : { action: ErrorAction.Shutdown },
      closed: (): CloseHandlerResult => {
        // The client library writes `message` to the output channel; `handled` keeps it from
        // showing its own notification.
        if (this.crashes.crashed()) return { action: CloseAction.Restart, message: Messages.restarting, handled: true };
        const message = Messages.crashed(this.crashes.count, Math.round(this.crashes.windowMs / 60000));
        void vscode.window.showErrorMessage(message, Messages.restartAction, Messages.showOutputAction).then((choice) => {
          if (choice === Messages.restartAction) void vscode.commands.executeCommand('slant.restartServer');
          else if (choice === Messages.showOutputAction) this.output.show();
        });
        return { action: CloseAction.DoNotRestart, message, handled: true };
      },
    };
  }
}
