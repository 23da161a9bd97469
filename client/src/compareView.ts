/**
 * *Slant: Compare Stance*: choose two or more documents (open ones, or files), ask the server for
 * `slant/compare`, and show the comparison in one webview panel, reused by every later run. The
 * page is the shared HTML renderer's, in webview mode: a strict Content Security Policy with a
 * fresh nonce per render, no local resources, and one script whose only job is to post a click
 * on a passage back here, where it is checked before anything is opened.
 */
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { CompareRequest, type CompareParams, type CompareResult } from '../../server/src/protocol/index.js';
import { renderComparisonHtml } from '../../server/src/present/compare-html.js';
import type { SlantClient } from './client.js';
import { changedOutlets, compareArgs, frontMatterOutlet, openTarget, preselected, type OpenTarget } from './compareItems.js';
import { isSupported } from './languages.js';
import { Messages } from './messages.js';
import { uriKey } from './status.js';

/** The webview panel's type (also in the `activeWebviewPanelId` context key). */
export const COMPARISON_VIEW = 'slant.comparison';

interface DocumentPick extends vscode.QuickPickItem {
  uri?: vscode.Uri;
  action?: 'files' | 'outlets';
}

const reason = (error: unknown): string => (error instanceof Error ? error.message : String(error));

export class ComparisonView implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private params: CompareParams | undefined;
  private result: CompareResult | undefined;

  constructor(private readonly client: SlantClient) {}

  /**
   * The command. With `{ uris, outlets? }` as its argument it compares those without asking
   * (for tests and key bindings); otherwise it asks. Resolves with what it showed, if anything.
   */
  async compare(args?: unknown): Promise<CompareResult | undefined> {
    const given = compareArgs(args);
    if (given) return this.run(given, false);
    const chosen = await this.choose();
    return chosen ? this.run(chosen.params, chosen.editOutlets) : undefined;
  }

  /** Runs the last comparison again (the documents may have changed). */
  async refresh(): Promise<CompareResult | undefined> {
    return this.params ? this.run(this.params, false) : undefined;
  }

  dispose(): void {
    this.panel?.dispose();
  }

  /** The picker: open Markdown and plain-text documents, "Choose files…", "Edit outlet names…". */
  private async choose(): Promise<{ params: CompareParams; editOutlets: boolean } | undefined> {
    const open = vscode.workspace.textDocuments.filter((d) => isSupported(d.languageId, d.uri.scheme, this.client.selectorLanguages));
    const selected = preselected(open.map((d) => ({ uri: d.uri.toString(), text: d.getText() })));
    const documents: DocumentPick[] = open.map((d) => {
      const outlet = frontMatterOutlet(d.getText());
      return {
        label: d.isUntitled ? d.uri.path : vscode.workspace.asRelativePath(d.uri, false),
        ...(outlet !== null ? { description: outlet } : {}),
        uri: d.uri,
        picked: selected.has(d.uri.toString()),
      };
    });
    const picks: DocumentPick[] = [
      ...documents,
      { label: '', kind: vscode.QuickPickItemKind.Separator },
      { label: `$(folder-opened) ${Messages.compareChooseFiles}`, action: 'files', alwaysShow: true },
      { label: `$(edit) ${Messages.compareEditOutlets}`, action: 'outlets', alwaysShow: true },
    ];
    const chosen = await vscode.window.showQuickPick(picks, { canPickMany: true, placeHolder: Messages.comparePlaceholder, matchOnDescription: true });
    if (!chosen) return undefined;
    const uris = chosen.flatMap((p) => (p.uri ? [p.uri] : []));
    if (chosen.some((p) => p.action === 'files')) {
      const files = await vscode.window.showOpenDialog({
        canSelectMany: true,
        openLabel: Messages.compareOpenLabel,
        filters: { [Messages.compareFileFilter]: ['md', 'markdown', 'txt'] },
      });
      for (const f of files ?? []) if (!uris.some((u) => uriKey(u) === uriKey(f))) uris.push(f);
    }
    if (uris.length < 2) {
      void vscode.window.showInformationMessage(Messages.compareTooFew);
      return undefined;
    }
    const lc = await this.client.ready();
    return { params: { uris: uris.map((u) => lc.code2ProtocolConverter.asUri(u)) }, editOutlets: chosen.some((p) => p.action === 'outlets') };
  }

  private async run(params: CompareParams, editOutlets: boolean): Promise<CompareResult | undefined> {
    let result: CompareResult;
    try {
      result = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: Messages.compareProgress }, async (_, token) => {
        const lc = await this.client.ready();
        return lc.sendRequest(CompareRequest.type, params, token);
      });
    } catch (error) {
      this.client.output.error(`${CompareRequest.method}: ${reason(error)}`);
      void vscode.window.showErrorMessage(Messages.compareFailed(reason(error)));
      return undefined;
    }
    if (editOutlets) {
      const outlets = await this.askOutlets(result);
      if (outlets === undefined) return undefined;
      if (Object.keys(outlets).length > 0) return this.run({ ...params, outlets: { ...params.outlets, ...outlets } }, false);
    }
    this.params = params;
    this.result = result;
    this.show(result);
    return result;
  }

  /** One input box per document, filled with the outlet the server found; undefined when the user gives up. */
  private async askOutlets(result: CompareResult): Promise<Record<string, string> | undefined> {
    const edited: Record<string, string> = {};
    for (const d of result.comparison.documents) {
      const uri = result.uris[d.path];
      if (uri === undefined) continue;
      const name = await vscode.window.showInputBox({
        title: Messages.compareOutletTitle,
        prompt: Messages.compareOutletPrompt(d.path, d.outletSource),
        value: d.outlet,
        validateInput: (v) => (v.trim() === '' ? Messages.compareOutletEmpty : undefined),
      });
      if (name === undefined) return undefined;
      edited[uri] = name;
    }
    return changedOutlets(result, edited);
  }

  private show(result: CompareResult): void {
    if (!this.panel) {
      this.panel = vscode.window.createWebviewPanel(COMPARISON_VIEW, Messages.compareTitle, vscode.ViewColumn.Active, {
        // The script only posts clicks back; the page loads nothing, from anywhere.
        enableScripts: true,
        localResourceRoots: [],
        enableFindWidget: true,
      });
      this.panel.onDidDispose(() => {
        this.panel = undefined;
        this.result = undefined;
      });
      this.panel.webview.onDidReceiveMessage((message: unknown) => void this.received(message));
    }
    const nonce = randomBytes(18).toString('base64');
    // Workspace-relative names read better than absolute paths.
    const displayPaths = Object.fromEntries(Object.entries(result.uris).map(([path, uri]) => [path, vscode.workspace.asRelativePath(vscode.Uri.parse(uri), false)]));
    this.panel.webview.html = renderComparisonHtml(result.comparison, { mode: 'webview', nonce, cspSource: this.panel.webview.cspSource, title: Messages.compareTitle, displayPaths });
    this.panel.reveal(undefined, false);
  }

  private async received(message: unknown): Promise<void> {
    const target = openTarget(message, this.result);
    if (target !== null) await this.open(target).catch((error: unknown) => void vscode.window.showErrorMessage(Messages.compareOpenFailed(reason(error))));
  }

  /** Opens the passage's document beside the comparison (or where it is already shown) and selects the passage. */
  private async open(target: OpenTarget): Promise<void> {
    const uri = vscode.Uri.parse(target.uri, true);
    const doc = await vscode.workspace.openTextDocument(uri);
    const selection = new vscode.Selection(doc.positionAt(target.start), doc.positionAt(target.end));
    const shown = vscode.window.visibleTextEditors.find((e) => uriKey(e.document.uri) === uriKey(uri));
    const editor = await vscode.window.showTextDocument(doc, { selection, viewColumn: shown?.viewColumn ?? vscode.ViewColumn.Beside, preview: true });
    editor.revealRange(selection, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }
}
