/**
 * The status bar item: the active document's findings by category, from the server's
 * `slant/documentSummary` notifications. Hidden for documents the server does not see.
 */
import * as vscode from 'vscode';
import type { DocumentSummary } from '../../server/src/protocol/index.js';
import { isSupported } from './languages.js';
import { statusView, type StatusAction } from './summary.js';
import type { SlantClient } from './client.js';
import { Messages } from './messages.js';

/** The context key that enables the document commands in the Command Palette. */
export const SUPPORTED_EDITOR_CONTEXT = 'slant.supportedEditor';

/** Internal command behind a click on the item when it shows counts. */
export const SHOW_PROBLEMS_COMMAND = 'slant.showProblems';

const ACTION_COMMANDS: Record<Exclude<StatusAction, 'none'>, string> = {
  showProblems: SHOW_PROBLEMS_COMMAND,
  analyseDocument: 'slant.analyseDocument',
  restartServer: 'slant.restartServer',
};

/** The key summaries are stored under: the URI as VS Code prints it, whatever encoding the server used. */
export function uriKey(uri: string | vscode.Uri): string {
  try {
    return (typeof uri === 'string' ? vscode.Uri.parse(uri, true) : uri).toString();
  } catch {
    return String(uri);
  }
}

export class StatusBar implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;
  private readonly summaries = new Map<string, DocumentSummary>();
  private readonly disposables: vscode.Disposable[] = [];
  private supported: boolean | undefined;

  constructor(private readonly client: SlantClient) {
    this.item = vscode.window.createStatusBarItem('slant.status', vscode.StatusBarAlignment.Right, 100);
    this.item.name = Messages.statusName;
    this.disposables.push(
      this.item,
      client.onDidReceiveSummary((summary) => this.record(summary)),
      client.onDidChangeState(() => this.update()),
      vscode.window.onDidChangeActiveTextEditor(() => this.update()),
      vscode.workspace.onDidCloseTextDocument((doc) => this.summaries.delete(uriKey(doc.uri))),
      // Changing a document's language closes and reopens it.
      vscode.workspace.onDidOpenTextDocument((doc) => {
        const active = vscode.window.activeTextEditor?.document;
        if (active && uriKey(active.uri) === uriKey(doc.uri)) this.update();
      }),
    );
    this.update();
  }

  /** Stores a summary (from the notification or from *Analyse Document*) and refreshes. */
  record(summary: DocumentSummary): void {
    if (!summary || typeof summary.uri !== 'string') return;
    this.summaries.set(uriKey(summary.uri), summary);
    const active = vscode.window.activeTextEditor?.document;
    if (active && uriKey(active.uri) === uriKey(summary.uri)) this.update();
  }

  /** Re-reads the active editor and the client state. */
  update(): void {
    const doc = vscode.window.activeTextEditor?.document;
    const supported = !!doc && isSupported(doc.languageId, doc.uri.scheme, this.client.selectorLanguages);
    if (supported !== this.supported) {
      this.supported = supported;
      void vscode.commands.executeCommand('setContext', SUPPORTED_EDITOR_CONTEXT, supported);
    }
    if (!doc || !supported) {
      this.item.hide();
      return;
    }
    const view = statusView(this.summaries.get(uriKey(doc.uri)), this.client.state);
    this.item.text = view.text;
    const tooltip = new vscode.MarkdownString(view.tooltip);
    tooltip.supportThemeIcons = true;
    this.item.tooltip = tooltip;
    this.item.accessibilityInformation = { label: view.ariaLabel };
    this.item.command = view.action === 'none' ? undefined : ACTION_COMMANDS[view.action];
    this.item.show();
  }

  dispose(): void {
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}

/**
 * Opens and focuses the Problems view. VS Code (1.91 and later) has no API or command that sets the
 * Problems filter text, so the item's tooltip tells the user to type `slant` there (the filter
 * matches a diagnostic's source as well as its message).
 */
export async function showProblems(): Promise<void> {
  for (const command of ['workbench.action.problems.focus', 'workbench.actions.view.problems']) {
    try {
      await vscode.commands.executeCommand(command);
      return;
    } catch {
      // Try the next one.
    }
  }
}
