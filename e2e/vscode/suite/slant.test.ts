/**
 * The core editor checks through VS Code's own API: diagnostics, hover, a quick fix, an ignore
 * comment, edits, the stance hover and *Compare Stance*, on a copy of the bundled samples. Expected findings come from `slant check` on
 * the same text. Every wait is on an event or a condition, with a timeout.
 */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { suite, suiteSetup, test } from 'mocha';
import * as vscode from 'vscode';
import { ClientCommands, type CompareResult } from '../../../server/src/protocol/index.js';
import { ADDED, cliReport, findingAt, FLAGGED, IGNORED, locate, OTHER_SAMPLE, place, SAMPLE, type CliReport, type Phrase } from '../../lib/sample.js';

const TIMEOUT_MS = 30_000;
/** The repository: the suite is bundled into out/e2e-vscode/ (CommonJS, so `__dirname` is that folder). */
const root = path.resolve(__dirname, '../..');
const SEVERITY: Record<string, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
};

let doc: vscode.TextDocument;

const slantDiagnostics = () => vscode.languages.getDiagnostics(doc.uri).filter((d) => d.source === 'slant');

/** Resolves with Slant's diagnostics once `test` accepts them (checked now and on every change). */
function diagnosticsWhere(what: string, accept: (diagnostics: vscode.Diagnostic[]) => boolean): Promise<vscode.Diagnostic[]> {
  return new Promise((resolve, reject) => {
    const check = () => {
      const current = slantDiagnostics();
      if (!accept(current)) return false;
      listener.dispose();
      clearTimeout(timer);
      resolve(current);
      return true;
    };
    const listener = vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((u) => u.toString() === doc.uri.toString())) check();
    });
    const timer = setTimeout(() => {
      listener.dispose();
      reject(new Error(`timed out after ${TIMEOUT_MS} ms waiting for ${what} (${slantDiagnostics().length} diagnostics)`));
    }, TIMEOUT_MS);
    check();
  });
}

/** Resolves with the active tab once `accept` takes it (checked now and on every change of the tabs). */
function activeTabWhere(what: string, accept: (tab: vscode.Tab) => boolean): Promise<vscode.Tab> {
  return new Promise((resolve, reject) => {
    const check = () => {
      const tab = vscode.window.tabGroups.activeTabGroup.activeTab;
      if (!tab || !accept(tab)) return;
      listener.dispose();
      clearTimeout(timer);
      resolve(tab);
    };
    const listener = vscode.window.tabGroups.onDidChangeTabs(check);
    const timer = setTimeout(() => {
      listener.dispose();
      reject(new Error(`timed out after ${TIMEOUT_MS} ms waiting for ${what} (active tab: ${vscode.window.tabGroups.activeTabGroup.activeTab?.label})`));
    }, TIMEOUT_MS);
    check();
  });
}

/** The range of a phrase's flagged word in the document as it is now. */
function rangeOf(phrase: Phrase): vscode.Range {
  const start = doc.positionAt(place(doc.getText(), phrase).offset);
  return new vscode.Range(start, start.translate(0, phrase.text.length));
}

const on = (range: vscode.Range) => (d: vscode.Diagnostic) => d.range.isEqual(range);

/** `slant check` on the document's current text (saved first). */
async function report(): Promise<CliReport> {
  if (doc.isDirty) assert.ok(await doc.save(), 'could not save the document');
  return cliReport(root, doc.uri.fsPath);
}

suite('Slant in VS Code', () => {
  suiteSetup(async () => {
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'the test workspace is not open');
    doc = await vscode.workspace.openTextDocument(vscode.Uri.file(path.join(folder.uri.fsPath, SAMPLE)));
    await vscode.window.showTextDocument(doc);
  });

  test('diagnostics on a loaded phrase, one per finding of slant check', async () => {
    const expected = await report();
    const finding = findingAt(expected, place(doc.getText(), FLAGGED).offset);
    const diagnostics = await diagnosticsWhere(`a diagnostic on "${FLAGGED.text}"`, (ds) => ds.some(on(rangeOf(FLAGGED))));
    assert.equal(diagnostics.length, expected.findings.length);
    const diagnostic = diagnostics.find(on(rangeOf(FLAGGED)));
    assert.ok(diagnostic);
    assert.equal(diagnostic.message, finding.message);
    assert.equal(diagnostic.severity, SEVERITY[finding.severity]);
    assert.equal(typeof diagnostic.code === 'object' ? diagnostic.code.value : diagnostic.code, finding.ruleId);
  });

  test('the hover shows the note, the rule and the alternatives', async () => {
    const finding = findingAt(await report(), place(doc.getText(), FLAGGED).offset);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, rangeOf(FLAGGED).start);
    const text = hovers
      .flatMap((h) => h.contents)
      .map((c) => (typeof c === 'string' ? c : c.value))
      .join('\n')
      .replace(/\\/g, '');
    for (const part of [finding.note.slice(0, 80), finding.ruleId, finding.expected[0] ?? '']) assert.ok(text.includes(part), `the hover lacks "${part}": ${text}`);
  });

  test('the quick fix annotates the word as reviewed and its finding goes', async () => {
    const before = slantDiagnostics().length;
    const range = rangeOf(FLAGGED);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, range, vscode.CodeActionKind.QuickFix.value);
    const annotate = actions.find((a) => a.title.startsWith(`Annotate “${FLAGGED.text}” as reviewed`));
    assert.ok(annotate?.edit, `no annotate quick fix among: ${actions.map((a) => a.title).join(' | ')}`);
    assert.ok(await vscode.workspace.applyEdit(annotate.edit));
    const marked = FLAGGED.context.replace(FLAGGED.text, `{==${FLAGGED.text}==}{>>slant loaded:`);
    assert.ok(doc.getText().includes(marked), `the text lacks "${marked}"`);
    const moved = locate(doc.getText(), FLAGGED.text, marked);
    const movedRange = new vscode.Range(doc.positionAt(moved.offset), doc.positionAt(moved.offset + FLAGGED.text.length));
    await diagnosticsWhere('one diagnostic fewer', (ds) => ds.length === before - 1 && !ds.some(on(movedRange)));
    assert.equal(slantDiagnostics().length, (await report()).findings.length);
  });

  test('an ignore comment silences its rule in the sentence', async () => {
    const finding = findingAt(await report(), place(doc.getText(), IGNORED).offset);
    const range = rangeOf(IGNORED);
    await diagnosticsWhere(`a diagnostic on "${IGNORED.text}"`, (ds) => ds.some(on(range)));
    const end = doc.positionAt(locate(doc.getText(), IGNORED.sentence).offset + IGNORED.sentence.length);
    const edit = new vscode.WorkspaceEdit();
    edit.insert(doc.uri, end, `{>>slant-ignore ${finding.ruleId}<<}`);
    assert.ok(await vscode.workspace.applyEdit(edit));
    await diagnosticsWhere(`no diagnostic on "${IGNORED.text}"`, (ds) => !ds.some(on(range)));
    assert.equal(slantDiagnostics().length, (await report()).findings.length);
  });

  test('typing a paragraph adds its finding; deleting it removes it', async () => {
    const before = slantDiagnostics().length;
    const end = doc.positionAt(doc.getText().length);
    const edit = new vscode.WorkspaceEdit();
    edit.insert(doc.uri, end, `\n${ADDED.context}\n`);
    assert.ok(await vscode.workspace.applyEdit(edit));
    await diagnosticsWhere(`a diagnostic on the typed "${ADDED.text}"`, (ds) => ds.length === before + 1 && ds.some(on(rangeOf(ADDED))));
    const added = rangeOf(ADDED);
    const remove = new vscode.WorkspaceEdit();
    remove.delete(doc.uri, new vscode.Range(end, doc.positionAt(doc.getText().length)));
    assert.ok(await vscode.workspace.applyEdit(remove));
    await diagnosticsWhere('the typed finding to go', (ds) => ds.length === before && !ds.some(on(added)));
  });

  test('the hover on an entity shows the document’s stance toward it', async () => {
    const at = doc.positionAt(locate(doc.getText(), 'Ankara', IGNORED.sentence).offset);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, at);
    const text = hovers.flatMap((h) => h.contents).map((c) => (typeof c === 'string' ? c : c.value)).join('\n');
    assert.match(text, /\*\*Stance toward Turkey:\*\* (hostile|critical|neutral|sympathetic) \([−+]?\d\.\d\d\) · confidence \d\.\d\d · \d+ mentions/);
    assert.ok(text.includes('“Ankara” — used for Turkey (capital).'), text);
  });

  test('Compare Stance, given the documents, compares them under the outlet names given and shows the view', async () => {
    const other = vscode.Uri.file(path.join(path.dirname(doc.uri.fsPath), OTHER_SAMPLE));
    const result = await vscode.commands.executeCommand<CompareResult | undefined>(ClientCommands.compareStance, {
      uris: [doc.uri.toString(), other.toString()],
      outlets: { [other.toString()]: 'The Herald, renamed' },
    });
    assert.ok(result, 'the command gave no comparison');
    assert.deepEqual(
      result.comparison.documents.map((d) => [path.basename(d.path), d.outletSource]),
      [
        [SAMPLE, 'front-matter'],
        [OTHER_SAMPLE, 'override'],
      ],
    );
    assert.equal(result.comparison.documents[1]?.outlet, 'The Herald, renamed');
    assert.ok(result.comparison.alignments.length > 0);
    const tab = await activeTabWhere('the comparison view', (t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('slant.comparison'));
    assert.equal(tab.label, 'Slant: Stance comparison');
  });
});
