/**
 * The `slant.*` commands. Each speaks to the server only through the shared protocol; all but
 * *Compare Stance* (compareView.ts) work on the active editor's document.
 */
import * as vscode from 'vscode';
import {
  AnalyseDocumentRequest,
  ClientCommands,
  Commands,
  LexiconLocationsRequest,
  SourcesRequest,
  type AnnotateAllArgs,
  type SourcesResult,
} from '../../server/src/protocol/index.js';
import type { SlantClient } from './client.js';
import { ComparisonView } from './compareView.js';
import { IMPORT_WEB_PAGE, importWebPage, NEW_ARTICLE_FROM_CLIPBOARD, newArticleFromClipboard } from './importCommands.js';
import { isSupported } from './languages.js';
import { lexiconItems, type LexiconItem } from './lexiconItems.js';
import { Messages } from './messages.js';
import { profileLine, sourcePicks, type PickRange } from './sourceItems.js';
import { showProblems, SHOW_PROBLEMS_COMMAND, uriKey, type StatusBar } from './status.js';

function reason(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Logs a failure and tells the user, offering the log. */
function fail(client: SlantClient, what: string, message: string, error: unknown): void {
  client.output.error(`${what}: ${reason(error)}`);
  void vscode.window.showErrorMessage(message, Messages.showOutputAction).then((choice) => {
    if (choice) client.output.show();
  });
}

/** The active editor's document if the server sees it; otherwise tells the user why not. */
function activeDocument(client: SlantClient): vscode.TextDocument | undefined {
  const doc = vscode.window.activeTextEditor?.document;
  if (!doc) {
    void vscode.window.showInformationMessage(Messages.noEditor);
    return undefined;
  }
  if (!isSupported(doc.languageId, doc.uri.scheme, client.selectorLanguages)) {
    void vscode.window.showInformationMessage(Messages.unsupportedLanguage(doc.languageId, client.selectorLanguages));
    return undefined;
  }
  return doc;
}

export async function analyseDocument(client: SlantClient, status: StatusBar): Promise<void> {
  const doc = activeDocument(client);
  if (!doc) return;
  try {
    const lc = await client.ready();
    const summary = await lc.sendRequest(AnalyseDocumentRequest.type, { uri: lc.code2ProtocolConverter.asUri(doc.uri) });
    if (summary) status.record(summary);
  } catch (error) {
    fail(client, AnalyseDocumentRequest.method, Messages.analyseFailed(reason(error)), error);
  }
}

export async function annotateAll(client: SlantClient): Promise<void> {
  const doc = activeDocument(client);
  if (!doc) return;
  try {
    const lc = await client.ready();
    const params: AnnotateAllArgs = { uri: lc.code2ProtocolConverter.asUri(doc.uri), version: doc.version };
    // The client library registers every command the server announces and forwards it as
    // `workspace/executeCommand`; the server then applies the edit with `workspace/applyEdit`.
    await vscode.commands.executeCommand(Commands.annotateAll, params);
  } catch (error) {
    fail(client, Commands.annotateAll, Messages.annotateFailed(reason(error)), error);
  }
}

interface SourceQuickPick extends vscode.QuickPickItem {
  range?: PickRange;
}

/** The document a command names (the code lens passes its URI), else the active editor's. */
function documentFor(client: SlantClient, uri: unknown): vscode.TextDocument | undefined {
  if (typeof uri === 'string') {
    const key = uriKey(uri);
    const open = vscode.workspace.textDocuments.find((d) => uriKey(d.uri) === key);
    if (open) return open;
  }
  return activeDocument(client);
}

/** *Slant: Show Sources*: every source with the claims it covers, then the unsourced claims; choosing one reveals it. */
export async function showSources(client: SlantClient, uri?: unknown): Promise<void> {
  const doc = documentFor(client, uri);
  if (!doc) return;
  let result: SourcesResult | null;
  try {
    const lc = await client.ready();
    result = await lc.sendRequest(SourcesRequest.type, { uri: lc.code2ProtocolConverter.asUri(doc.uri) });
  } catch (error) {
    fail(client, SourcesRequest.method, Messages.sourcesFailed(reason(error)), error);
    return;
  }
  if (!result) {
    void vscode.window.showInformationMessage(Messages.sourcesNotAnalysed);
    return;
  }
  const picks: SourceQuickPick[] = sourcePicks(result).map((p) =>
    p.separator
      ? { label: p.label, kind: vscode.QuickPickItemKind.Separator }
      : { label: p.label, ...(p.description !== undefined ? { description: p.description } : {}), ...(p.range ? { range: p.range } : {}) },
  );
  if (picks.length === 0) {
    void vscode.window.showInformationMessage(Messages.sourcesNone);
    return;
  }
  const chosen = await vscode.window.showQuickPick(picks, { placeHolder: Messages.sourcesPlaceholder(profileLine(result.profile)), matchOnDescription: true });
  if (!chosen?.range) return;
  const r = chosen.range;
  // The ranges are for the version the server analysed; a later edit may shift them a little.
  const selection = new vscode.Selection(r.start.line, r.start.character, r.end.line, r.end.character);
  const editor = await vscode.window.showTextDocument(doc, { selection, preserveFocus: false });
  editor.revealRange(selection, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
}

export async function restartServer(client: SlantClient): Promise<void> {
  try {
    await client.restart();
  } catch (error) {
    fail(client, 'restart', Messages.restartFailed(reason(error)), error);
  }
}

interface LexiconPick extends vscode.QuickPickItem {
  item?: LexiconItem;
}

export async function openLexicon(client: SlantClient, context: vscode.ExtensionContext): Promise<void> {
  let items: LexiconItem[];
  try {
    const lc = await client.ready();
    const active = vscode.window.activeTextEditor?.document.uri;
    const locations = await lc.sendRequest(
      LexiconLocationsRequest.type,
      active ? { uri: lc.code2ProtocolConverter.asUri(active) } : {},
    );
    items = lexiconItems(locations, context.asAbsolutePath('server/data/lexicon'));
  } catch (error) {
    fail(client, LexiconLocationsRequest.method, Messages.lexiconFailed(reason(error)), error);
    return;
  }
  if (items.length === 0) {
    void vscode.window.showInformationMessage(Messages.lexiconNone);
    return;
  }
  const picks: LexiconPick[] = [];
  for (const group of ['builtin', 'workspace'] as const) {
    const inGroup = items.filter((i) => i.group === group);
    if (inGroup.length === 0) continue;
    picks.push({
      label: group === 'builtin' ? Messages.lexiconBuiltin : Messages.lexiconWorkspace,
      kind: vscode.QuickPickItemKind.Separator,
    });
    for (const item of inGroup) {
      const uri = toUri(item);
      picks.push({
        label: item.label,
        description: vscode.workspace.asRelativePath(uri, true),
        detail:
          group === 'builtin'
            ? Messages.lexiconBuiltinDetail
            : vscode.workspace.isTrusted
              ? undefined
              : Messages.lexiconWorkspaceUntrusted,
        item,
      });
    }
  }
  const chosen = await vscode.window.showQuickPick(picks, { placeHolder: Messages.lexiconPlaceholder, matchOnDescription: true });
  if (!chosen?.item) return;
  await vscode.window.showTextDocument(toUri(chosen.item), { preview: true });
  if (chosen.item.group === 'builtin' && context.extensionMode === vscode.ExtensionMode.Production) {
    // An installed extension's files are replaced on update; editing them there is never what the
    // user wants. (From a development checkout they are the sources, and stay editable.)
    await Promise.resolve(vscode.commands.executeCommand('workbench.action.files.setActiveEditorReadonlyInSession')).catch(() => undefined);
  }
}

function toUri(item: LexiconItem): vscode.Uri {
  return item.uri !== undefined ? vscode.Uri.parse(item.uri, true) : vscode.Uri.file(item.path ?? '');
}

/** Registers every command; the returned disposables unregister them. */
export function registerCommands(context: vscode.ExtensionContext, client: SlantClient, status: StatusBar): vscode.Disposable[] {
  const comparison = new ComparisonView(client);
  return [
    comparison,
    vscode.commands.registerCommand(ClientCommands.compareStance, (args?: unknown) => comparison.compare(args)),
    vscode.commands.registerCommand(ClientCommands.refreshComparison, () => comparison.refresh()),
    vscode.commands.registerCommand('slant.analyseDocument', () => analyseDocument(client, status)),
    vscode.commands.registerCommand('slant.annotateAll', () => annotateAll(client)),
    vscode.commands.registerCommand('slant.restartServer', () => restartServer(client)),
    vscode.commands.registerCommand('slant.openLexicon', () => openLexicon(client, context)),
    vscode.commands.registerCommand(ClientCommands.showSources, (uri?: unknown) => showSources(client, uri)),
    vscode.commands.registerCommand(SHOW_PROBLEMS_COMMAND, () => showProblems()),
    vscode.commands.registerCommand(IMPORT_WEB_PAGE, (uri?: unknown) => importWebPage(context, client, uri)),
    vscode.commands.registerCommand(NEW_ARTICLE_FROM_CLIPBOARD, () => newArticleFromClipboard()),
  ];
}
