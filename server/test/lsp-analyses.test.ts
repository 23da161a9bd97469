/**
 * Scheduling without a connection: one analysis per document version, shared by concurrent
 * requests; stale or cancelled work stops; cancellation maps to the LSP error codes; the push
 * model publishes the last version once after a quiet moment; an engine failure is a notice.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CancellationTokenSource, LSPErrorCodes, ResponseError, type Diagnostic, type WorkspaceEdit } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { builtinLexicon, type Lexicon } from '../src/engine/index.js';
import { Analyses, CancelledError, StaleError, type AnalysisContext } from '../src/lsp/analyses.js';
import { Service, type EditorPort } from '../src/lsp/service.js';
import { effectiveSettings, validateEditorSettings } from '../src/lsp/settings.js';
import type { DocumentSummary } from '../src/protocol/index.js';

class Documents {
  readonly map = new Map<string, TextDocument>();
  get(uri: string): TextDocument | undefined {
    return this.map.get(uri);
  }
  all(): TextDocument[] {
    return [...this.map.values()];
  }
  open(uri: string, text: string): TextDocument {
    const doc = TextDocument.create(uri, 'markdown', 1, text);
    this.map.set(uri, doc);
    return doc;
  }
  change(uri: string, text: string): void {
    const doc = this.map.get(uri) as TextDocument;
    this.map.set(uri, TextDocument.update(doc, [{ text }], doc.version + 1));
  }
}

function deferred<T>(): { promise: Promise<T>; resolve: (v: T) => void } {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

const context = (lexicon: Lexicon = builtinLexicon()): AnalysisContext => ({
  settings: effectiveSettings(validateEditorSettings({ analyse: 'all' }).settings, null),
  lexicon,
  inSlantWorkspace: false,
});

const URI = 'file:///news/story.md';

test('concurrent requests for one version share one analysis', async () => {
  const docs = new Documents();
  docs.open(URI, 'Officials of the regime met.\n');
  let asked = 0;
  const summaries: DocumentSummary[] = [];
  const analyses = new Analyses({
    documents: docs,
    context: async () => {
      asked++;
      return context();
    },
    analysed: (a) => summaries.push(a.summary),
    failed: () => assert.fail('no failure expected'),
  });
  const [a, b] = await Promise.all([analyses.get(URI), analyses.get(URI)]);
  assert.equal(a, b);
  assert.equal(asked, 1);
  assert.equal(await analyses.get(URI), a);
  assert.equal(summaries.length, 1);
  assert.equal(summaries[0]?.total, 1);
  assert.equal(summaries[0]?.byCategory.loaded, 1);
  assert.equal(analyses.current(URI), a);
  analyses.invalidate();
  assert.equal(analyses.current(URI), undefined);
});

test('a newer version, a closed document or new settings make an analysis under way stale', async () => {
  for (const interrupt of ['change', 'close', 'settings'] as const) {
    const docs = new Documents();
    docs.open(URI, 'Officials of the regime met.\n');
    const gate = deferred<AnalysisContext>();
    const analyses = new Analyses({ documents: docs, context: () => gate.promise, analysed: () => undefined, failed: () => undefined });
    const pending = analyses.get(URI);
    if (interrupt === 'change') docs.change(URI, 'The government met.\n');
    if (interrupt === 'close') {
      docs.map.delete(URI);
      analyses.closed(URI);
    }
    if (interrupt === 'settings') analyses.invalidate();
    gate.resolve(context());
    await assert.rejects(pending, StaleError, interrupt);
  }
  const docs = new Documents();
  const analyses = new Analyses({ documents: docs, context: async () => context(), analysed: () => undefined, failed: () => undefined });
  assert.equal(await analyses.get(URI), null);
});

test('an analysis stops when every request waiting on it was cancelled', async () => {
  const docs = new Documents();
  docs.open(URI, 'Officials of the regime met.\n');
  const gate = deferred<AnalysisContext>();
  const analyses = new Analyses({ documents: docs, context: () => gate.promise, analysed: () => undefined, failed: () => undefined });
  const one = new CancellationTokenSource();
  const two = new CancellationTokenSource();
  const first = analyses.get(URI, one.token);
  const second = analyses.get(URI, two.token);
  one.cancel();
  gate.resolve(context());
  assert.equal((await first)?.findings.length, 1);
  assert.equal(await second, await first);

  docs.change(URI, 'The regime fell.\n');
  const gate2 = deferred<AnalysisContext>();
  const analyses2 = new Analyses({ documents: docs, context: () => gate2.promise, analysed: () => undefined, failed: () => undefined });
  const source = new CancellationTokenSource();
  const cancelled = analyses2.get(URI, source.token);
  source.cancel();
  gate2.resolve(context());
  await assert.rejects(cancelled, (e: unknown) => e instanceof CancelledError && !(e instanceof StaleError));
});

function port(): EditorPort & { published: { uri: string; version: number; diagnostics: Diagnostic[] }[]; logs: string[]; waitPublish(n: number): Promise<void> } {
  const published: { uri: string; version: number; diagnostics: Diagnostic[] }[] = [];
  const waiters: { n: number; resolve: () => void }[] = [];
  return {
    published,
    logs: [],
    configuration: async () => ({ analyse: 'all' }),
    showWarning: () => undefined,
    showInformation: () => undefined,
    log(m) {
      this.logs.push(m);
    },
    refreshDiagnostics: () => undefined,
    publishDiagnostics(uri, version, diagnostics) {
      published.push({ uri, version, diagnostics });
      for (const w of [...waiters]) if (published.length >= w.n) w.resolve();
    },
    summary: () => undefined,
    applyEdit: async (_label: string, _edit: WorkspaceEdit) => true,
    watchFiles: () => undefined,
    waitPublish(n) {
      return published.length >= n ? Promise.resolve() : new Promise((resolve) => waiters.push({ n, resolve }));
    },
  };
}

test('pull: unchanged when nothing changed; cancellation answers ServerCancelled (retrigger) or RequestCancelled', async () => {
  const docs = new Documents();
  docs.open(URI, 'Officials of the regime met.\n');
  const editor = port();
  const service = new Service(docs, editor, { pull: true, documentChanges: true, trusted: true, pushDelay: 0 });
  const none = new CancellationTokenSource().token;
  const full = await service.diagnostics(URI, undefined, none);
  assert.equal(full.kind, 'full');
  assert.equal(full.kind === 'full' ? full.items.length : -1, 1);
  const again = await service.diagnostics(URI, full.resultId, none);
  assert.deepEqual(again, { kind: 'unchanged', resultId: full.resultId });

  docs.change(URI, 'The regime met again.\n');
  const pending = service.diagnostics(URI, full.resultId, none);
  docs.change(URI, 'The government met again.\n');
  await assert.rejects(pending, (e: unknown) => e instanceof ResponseError && e.code === LSPErrorCodes.ServerCancelled && (e.data as { retriggerRequest: boolean }).retriggerRequest);

  const source = new CancellationTokenSource();
  const cancelled = service.diagnostics(URI, undefined, source.token);
  source.cancel();
  await assert.rejects(cancelled, (e: unknown) => e instanceof ResponseError && e.code === LSPErrorCodes.RequestCancelled);
  const after = await service.diagnostics(URI, undefined, none);
  assert.equal(after.kind === 'full' ? after.items.length : -1, 0);
});

test('push: several quick edits publish the last version once; a closed document publishes nothing more', async () => {
  const docs = new Documents();
  const editor = port();
  const service = new Service(docs, editor, { pull: false, documentChanges: true, trusted: true, pushDelay: 30 });
  docs.open(URI, 'Officials of the regime met.\n');
  service.opened(URI);
  service.changed(URI); // the change event that follows an open
  await editor.waitPublish(1);
  for (const text of ['The regime met.\n', 'The regime met again.\n', 'The government met again.\n']) {
    docs.change(URI, text);
    service.changed(URI);
  }
  await editor.waitPublish(2);
  assert.deepEqual(
    editor.published.map((p) => [p.version, p.diagnostics.length]),
    [
      [1, 1],
      [4, 0],
    ],
  );
  docs.change(URI, 'The regime is back.\n');
  service.changed(URI);
  docs.map.delete(URI);
  service.closed(URI);
  await editor.waitPublish(3);
  assert.deepEqual(editor.published.at(-1), { uri: URI, version: 0, diagnostics: [] });
  const more = deferred<void>();
  setTimeout(() => more.resolve(), 60);
  await more.promise;
  assert.equal(editor.published.length, 3);
});

test('an engine failure is logged and shown as a notice, never thrown at the editor', async () => {
  const docs = new Documents();
  docs.open(URI, 'Officials of the regime met.\n');
  const broken = Object.create(builtinLexicon()) as Lexicon;
  broken.match = () => {
    throw new Error('boom');
  };
  const failures: string[] = [];
  const analyses = new Analyses({ documents: docs, context: async () => context(broken), analysed: () => undefined, failed: (_uri, e) => failures.push(String(e)) });
  const analysis = await analyses.get(URI);
  assert.deepEqual(failures, ['Error: boom']);
  assert.equal(analysis?.diagnostics.length, 1);
  assert.equal(analysis?.diagnostics[0]?.code, 'notice');
  assert.equal(analysis?.diagnostics[0]?.message, 'Slant could not analyse this document (boom); please report it.');
});

test('summaries wait for a pause and carry the sourcing profile of the version analysed last', async () => {
  const docs = new Documents();
  const summaries: DocumentSummary[] = [];
  const sent = deferred<void>();
  const editor: EditorPort = {
    ...port(),
    summary: (s) => {
      summaries.push(s);
      sent.resolve();
    },
  };
  const service = new Service(docs, editor, { pull: true, documentChanges: true, trusted: true, pushDelay: 0, summaryDelay: 30 });
  const none = new CancellationTokenSource().token;
  docs.open(URI, 'The council clearly wants to raise taxes.\n');
  await service.diagnostics(URI, undefined, none);
  docs.change(URI, 'Mayor Lina Ortiz said the council wants to raise taxes. It meets on Monday.\n');
  await service.diagnostics(URI, undefined, none);
  await sent.promise;
  const more = deferred<void>();
  setTimeout(() => more.resolve(), 60);
  await more.promise;
  assert.equal(summaries.length, 1);
  assert.equal(summaries[0]?.sourcing?.claims, 2);
  assert.equal(summaries[0]?.sourcing?.byKind.named, 2);
  assert.equal(summaries[0]?.sourcing?.unsourcedShare, 0);
});
