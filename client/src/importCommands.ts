/**
 * *Slant: Import Web Page…* and *Slant: New Article from Clipboard*: each opens a new untitled
 * Markdown document, so nothing on disk is written or replaced until the reader saves it where
 * they choose. The page importer (dist/import.cjs) runs in a worker thread, only when a page is imported.
 */
import * as vscode from 'vscode';
import { formatSize, readBytes } from '../../server/src/data-files/read.js';
import { decodePage } from '../../server/src/import/decode.js';
import { articleFromClipboard } from '../../server/src/import/clipboard.js';
import { MAX_PAGE_BYTES } from '../../server/src/import/limits.js';
import { ImportFailed, importInWorker } from '../../server/src/import/load.js';
import type { SlantClient } from './client.js';
import { Messages } from './messages.js';

export const IMPORT_WEB_PAGE = 'slant.importWebPage';
export const NEW_ARTICLE_FROM_CLIPBOARD = 'slant.newArticleFromClipboard';
/** A 20 MB page takes about 20 s on a slow machine; past this the import is stopped. */
const IMPORT_TIMEOUT_MS = 120_000;

async function openMarkdown(content: string): Promise<void> {
  const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content });
  await vscode.window.showTextDocument(doc, { preview: false });
}

/** The page's text, or why it cannot be read (a file under the cap, not binary). */
async function readPage(uri: vscode.Uri): Promise<{ ok: true; text: string } | { ok: false; reason: string }> {
  if (uri.scheme === 'file') {
    const read = readBytes(uri.fsPath, { maxBytes: MAX_PAGE_BYTES });
    return read.ok ? decodePage(read.bytes) : { ok: false, reason: read.reason };
  }
  const st = await vscode.workspace.fs.stat(uri);
  if (st.size > MAX_PAGE_BYTES) return { ok: false, reason: `is larger than ${formatSize(MAX_PAGE_BYTES)}` };
  return decodePage(Buffer.from(await vscode.workspace.fs.readFile(uri)));
}

/** Imports the page `arg` names (a URI, when run programmatically), else the one the reader picks. */
export async function importWebPage(context: vscode.ExtensionContext, client: SlantClient, arg?: unknown): Promise<void> {
  let uri = arg instanceof vscode.Uri ? arg : typeof arg === 'string' && arg !== '' ? vscode.Uri.file(arg) : undefined;
  if (uri === undefined) {
    const picked = await vscode.window.showOpenDialog({
      canSelectMany: false,
      openLabel: Messages.importOpenLabel,
      filters: { [Messages.importFileFilter]: ['html', 'htm', 'xhtml'] },
    });
    uri = picked?.[0];
    if (uri === undefined) return;
  }
  const name = uri.path.split('/').pop() ?? uri.toString();
  try {
    const page = await readPage(uri);
    if (!page.ok) {
      void vscode.window.showErrorMessage(Messages.importFailed(name, page.reason));
      return;
    }
    let markdown: string;
    try {
      // In a worker thread: a large page does not hold up the editor's extensions.
      markdown = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: Messages.importProgress(name) }, () =>
        importInWorker(context.asAbsolutePath('dist'), page.text, IMPORT_TIMEOUT_MS),
      );
    } catch (error) {
      if (!(error instanceof ImportFailed && error.importError)) throw error;
      void vscode.window.showErrorMessage(Messages.importFailed(name, error.message));
      return;
    }
    await openMarkdown(markdown);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    client.output.error(`${IMPORT_WEB_PAGE}: ${reason}`);
    void vscode.window.showErrorMessage(Messages.importFailed(name, reason));
  }
}

/** A new article from the clipboard's text: furniture in a comment at the end, front matter guessed. */
export async function newArticleFromClipboard(): Promise<void> {
  const text = await vscode.env.clipboard.readText();
  if (text.trim() === '') {
    void vscode.window.showInformationMessage(Messages.clipboardEmpty);
    return;
  }
  const article = articleFromClipboard(text);
  await openMarkdown(article.markdown);
  void vscode.window.showInformationMessage(Messages.clipboardDone(article.boilerplateLines));
}
