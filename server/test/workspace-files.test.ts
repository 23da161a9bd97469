/**
 * Workspace data files in the language server, over the protocol: the real bundles
 * (`dist/server.cjs` and `dist/cli.cjs`, run `npm run build` first), a small LSP client, no
 * fixed sleeps (every wait is on a response or a message, with a time limit). One workspace
 * gives the same findings in the CLI and the editor; hostile files in `.slant/` are named and
 * the server keeps answering; an untrusted workspace reads and writes nothing in `.slant/`.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  ApplyWorkspaceEditRequest,
  CodeActionRequest,
  ConfigurationRequest,
  createProtocolConnection,
  DiagnosticRefreshRequest,
  DidOpenTextDocumentNotification,
  DocumentDiagnosticRequest,
  ExecuteCommandRequest,
  HoverRequest,
  InitializedNotification,
  InitializeRequest,
  RegistrationRequest,
  ShowMessageNotification,
  StreamMessageReader,
  StreamMessageWriter,
  type CodeAction,
  type Diagnostic,
  type ProtocolConnection,
} from 'vscode-languageserver-protocol/node';
import { Commands, CompareRequest } from '../src/protocol/index.js';
import { workspace } from './helpers.js';

const SERVER = fileURLToPath(new URL('../../dist/server.cjs', import.meta.url));
const CLI = fileURLToPath(new URL('../../dist/cli.cjs', import.meta.url));
const TIMEOUT = 20_000;
const LIMIT = { timeout: 60_000 };
const uriOf = (p: string): string => pathToFileURL(p).href;

/** A minimal editor: answers the server's requests, keeps its messages. */
class Editor {
  readonly messages: string[] = [];
  stderr = '';
  private constructor(
    readonly connection: ProtocolConnection,
    private readonly stop: () => void,
  ) {}

  static async start(folder: string, trusted: boolean, settings: unknown = {}): Promise<Editor> {
    const child = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    const editor = new Editor(connection, () => {
      connection.dispose();
      child.kill();
    });
    child.stderr.on('data', (d: Buffer) => (editor.stderr += d.toString()));
    connection.onRequest(ConfigurationRequest.type, (params) => params.items.map(() => settings));
    connection.onRequest(RegistrationRequest.type, () => undefined);
    connection.onRequest(DiagnosticRefreshRequest.type, () => undefined);
    connection.onRequest(ApplyWorkspaceEditRequest.type, () => ({ applied: false }));
    connection.onNotification(ShowMessageNotification.type, (p) => {
      editor.messages.push(p.message);
    });
    connection.listen();
    await connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: null,
      capabilities: {
        textDocument: { diagnostic: {}, codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix'] } } } },
        workspace: { configuration: true, workspaceFolders: true, workspaceEdit: { documentChanges: true }, applyEdit: true },
      },
      workspaceFolders: [{ uri: uriOf(folder), name: path.basename(folder) }],
      initializationOptions: { workspaceTrusted: trusted },
    });
    await connection.sendNotification(InitializedNotification.type, {});
    return editor;
  }

  async open(file: string, text: string): Promise<string> {
    const uri = uriOf(file);
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'markdown', version: 1, text } });
    return uri;
  }

  async pull(uri: string): Promise<Diagnostic[]> {
    const report = await within(this.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri } }), 'diagnostics');
    return report.kind === 'full' ? report.items : [];
  }

  close(): void {
    this.stop();
  }
}

function within<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer to ${what} within ${TIMEOUT} ms`)), TIMEOUT);
    }),
  ]);
}

const editors: Editor[] = [];
after(() => editors.forEach((e) => e.close()));
async function editor(folder: string, trusted = true, settings: unknown = {}): Promise<Editor> {
  const e = await Editor.start(folder, trusted, settings);
  editors.push(e);
  return e;
}

const SEVERITY = ['', 'error', 'warning', 'info', 'hint'];

/** "rule line:col-line:col severity" (0-based, as LSP counts), sorted. */
function editorFindings(diagnostics: readonly Diagnostic[]): string[] {
  return diagnostics.map((d) => `${String(d.code)} ${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ${SEVERITY[d.severity ?? 0]}`).sort();
}

interface CliFinding {
  ruleId: string;
  severity: string;
  start: { line: number; column: number };
  end: { line: number; column: number };
}
function cliFindings(dir: string, file: string): { findings: string[]; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, 'check', '-f', 'json', file], { cwd: dir, encoding: 'utf8', timeout: 15_000 });
  const findings = (JSON.parse(r.stdout) as { files: { findings: CliFinding[] }[] }).files.flatMap((f) => f.findings);
  return { findings: findings.map((f) => `${f.ruleId} ${f.start.line - 1}:${f.start.column - 1}-${f.end.line - 1}:${f.end.column - 1} ${f.severity}`).sort(), stderr: r.stderr };
}

const lexicon = (id: string, kind: string): string => JSON.stringify({ entries: [{ id, patterns: [id], kind, note: 'An invented word for the tests.' }] }, null, 2);

const STORY = '# Harbour levy\n\nThe regime raised the florbish levy, and the grobble council cheered the juggernaut plan.\n\nThe mayor called it an extremist scheme.\n';

test('one workspace, two faces: slant check and the language server report the same findings', LIMIT, async () => {
  const dir = workspace({
    '.slant/config.json': JSON.stringify({ categories: ['loaded', 'partisan'], severity: { partisan: 'info' }, ignoreTerms: ['extremist'], lexicons: ['../words/grobble.json'] }, null, 2),
    '.slant/team.lexicon.json': lexicon('florbish', 'partisan'),
    'words/grobble.json': lexicon('grobble', 'emotive'),
    'story.md': STORY,
  });
  const cli = cliFindings(dir, 'story.md');
  assert.equal(cli.stderr, '');
  const e = await editor(dir);
  const lsp = editorFindings(await e.pull(await e.open(path.join(dir, 'story.md'), STORY)));
  assert.deepEqual(lsp, cli.findings);
  // Every data file counted: the folder lexicon, the listed one, the config's ignored term and severity.
  const florbish = STORY.indexOf('florbish');
  const grobble = STORY.indexOf('grobble') - STORY.indexOf('The regime');
  assert.ok(cli.findings.includes(`partisan-term 2:${florbish - STORY.indexOf('The regime')}-2:${florbish - STORY.indexOf('The regime') + 'florbish'.length} info`), cli.findings.join('\n'));
  assert.ok(cli.findings.includes(`loaded-language 2:${grobble}-2:${grobble + 'grobble'.length} warning`), cli.findings.join('\n'));
  assert.ok(!cli.findings.some((f) => f.startsWith('name-calling')), 'extremist is ignored by the config');
  assert.deepEqual(e.messages, []);
});

test('hostile files in .slant/: each is named once, the built-in lexicon works and the server keeps answering', LIMIT, async (t) => {
  const dir = workspace({ 'story.md': STORY });
  const slant = path.join(dir, '.slant');
  fs.mkdirSync(slant);
  if (spawnSync('mkfifo', [path.join(slant, 'config.json')]).status !== 0) return t.skip('no mkfifo here');
  fs.symlinkSync('/dev/zero', path.join(slant, 'zero.lexicon.json'));
  fs.mkdirSync(path.join(slant, 'folder.lexicon.json'));
  const fd = fs.openSync(path.join(slant, 'huge.lexicon.json'), 'w');
  fs.ftruncateSync(fd, 6 * 1024 * 1024);
  fs.closeSync(fd);
  fs.writeFileSync(path.join(slant, 'typo.lexicon.json'), JSON.stringify({ entries: [{ id: 'florbish', patterns: ['florbish'], kind: 'partisan', note: 'Invented.', sevrity: 'info' }] }));

  const e = await editor(dir);
  const uri = await e.open(path.join(dir, 'story.md'), STORY);
  const diagnostics = await e.pull(uri);
  assert.ok(diagnostics.some((d) => d.code === 'contested-label'), 'the built-in lexicon still works');
  assert.ok(!diagnostics.some((d) => d.code === 'partisan-term'), 'the lexicon with a misspelt key is left out');
  const hover = await within(e.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 2, character: STORY.split('\n')[2]!.indexOf('regime') + 1 } }), 'hover');
  assert.ok(hover !== null, 'the server keeps answering');
  assert.deepEqual(e.messages.sort(), [
    `Slant: cannot read config ${path.join('.slant', 'config.json')}: is not a regular file (a named pipe) — using the default settings.`,
    `Slant: cannot read lexicon ${path.join('.slant', 'folder.lexicon.json')}: is a folder, not a file — the built-in lexicon keeps working.`,
    `Slant: cannot read lexicon ${path.join('.slant', 'huge.lexicon.json')}: is larger than 4 MB — the built-in lexicon keeps working.`,
    `Slant: cannot read lexicon ${path.join('.slant', 'zero.lexicon.json')}: is not a regular file (a device) — the built-in lexicon keeps working.`,
    `Slant: lexicon ${path.join('.slant', 'typo.lexicon.json')}:1: entry "florbish": unknown key "sevrity" (did you mean "severity"?) — the built-in lexicon keeps working.`,
  ]);
  // The CLI says the same of the same files.
  const cli = spawnSync(process.execPath, [CLI, 'check', 'story.md'], { cwd: dir, encoding: 'utf8', timeout: 15_000 });
  assert.deepEqual(
    cli.stderr.split('\n').filter(Boolean).sort(),
    e.messages.map((m) => `slant: ${m.replace(/^Slant: /, '').replace(/ — [^—]+\.$/, '')}`).sort(),
  );
});

test('an untrusted workspace: nothing in .slant/ is read, "Ignore in workspace" is not offered and writes nothing', LIMIT, async () => {
  const outside = workspace({ 'target.json': 'precious\n' });
  const dir = workspace({ '.slant/team.lexicon.json': lexicon('florbish', 'partisan'), 'story.md': STORY });
  // A config that would silence "regime" and is, besides, a link out of the workspace.
  fs.writeFileSync(path.join(outside, 'target.json'), JSON.stringify({ ignoreTerms: ['regime'] }));
  fs.symlinkSync(path.join(outside, 'target.json'), path.join(dir, '.slant', 'config.json'));
  const before = fs.readFileSync(path.join(outside, 'target.json'), 'utf8');

  const e = await editor(dir, false);
  const uri = await e.open(path.join(dir, 'story.md'), STORY);
  const diagnostics = await e.pull(uri);
  const regime = diagnostics.find((d) => d.code === 'contested-label');
  assert.ok(regime, 'the config was not read: "regime" is still reported');
  assert.ok(!diagnostics.some((d) => d.code === 'partisan-term'), 'the folder lexicon was not read');
  const actions = await within(e.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: regime.range, context: { diagnostics: [regime], only: ['quickfix'] } }), 'code actions');
  const titles = (actions ?? []).map((a) => (a as CodeAction).title);
  assert.ok(titles.length > 0 && !titles.some((t) => /in this workspace/.test(t)), titles.join('\n'));
  const done = await within(e.connection.sendRequest(ExecuteCommandRequest.type, { command: Commands.ignoreTermInWorkspace, arguments: [{ uri, term: 'regime' }] }), 'command');
  assert.equal(done, false);
  assert.deepEqual(e.messages, ['Slant: could not update .slant/config.json: this workspace is not trusted, so Slant writes nothing in it']);
  assert.equal(fs.readFileSync(path.join(outside, 'target.json'), 'utf8'), before);
  assert.ok(fs.lstatSync(path.join(dir, '.slant', 'config.json')).isSymbolicLink());
});

test('a trusted workspace whose .slant/config.json is a link: "Ignore in workspace" refuses to write through it', LIMIT, async () => {
  const outside = workspace({ 'target.json': '{ "flagQuotedSpeech": true }\n' });
  const dir = workspace({ 'story.md': STORY });
  fs.mkdirSync(path.join(dir, '.slant'));
  fs.symlinkSync(path.join(outside, 'target.json'), path.join(dir, '.slant', 'config.json'));
  const e = await editor(dir);
  const uri = await e.open(path.join(dir, 'story.md'), STORY);
  await e.pull(uri);
  const done = await within(e.connection.sendRequest(ExecuteCommandRequest.type, { command: Commands.ignoreTermInWorkspace, arguments: [{ uri, term: 'regime' }] }), 'command');
  assert.equal(done, false);
  assert.equal(e.messages.length, 1);
  assert.match(e.messages[0]!, /^Slant: could not update \.slant\/config\.json: .*symbolic link/);
  assert.equal(fs.readFileSync(path.join(outside, 'target.json'), 'utf8'), '{ "flagQuotedSpeech": true }\n');
});

test('a document opened with a URI that is not a string does not break slant/compare', LIMIT, async () => {
  const dir = workspace({ 'a.md': 'The regime raised the levy.\n', 'b.md': 'The government raised the levy.\n' });
  const e = await editor(dir);
  await e.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: 42 as unknown as string, languageId: 'markdown', version: 1, text: 'Odd.\n' } });
  const result = await within(e.connection.sendRequest(CompareRequest.type, { uris: [uriOf(path.join(dir, 'a.md')), uriOf(path.join(dir, 'b.md'))] }), 'compare');
  assert.equal(result.comparison.documents.length, 2);
});

test('slant.maxDataFileMB sets the cap in the editor; a bad value is named and the default kept', LIMIT, async () => {
  const dir = workspace({ 'story.md': STORY, '.slant/config.json': '{}' });
  const fd = fs.openSync(path.join(dir, '.slant', 'big.lexicon.json'), 'w');
  fs.ftruncateSync(fd, 5 * 1024 * 1024);
  fs.closeSync(fd);
  const shown = path.join('.slant', 'big.lexicon.json');
  const raised = await editor(dir, true, { maxDataFileMB: 6 });
  await raised.pull(await raised.open(path.join(dir, 'story.md'), STORY));
  assert.deepEqual(raised.messages, [`Slant: cannot read lexicon ${shown}: binary file (contains NUL bytes) — the built-in lexicon keeps working.`]);
  const bad = await editor(dir, true, { maxDataFileMB: 'lots' });
  await bad.pull(await bad.open(path.join(dir, 'story.md'), STORY));
  assert.deepEqual(bad.messages.sort(), [
    `Slant: cannot read lexicon ${shown}: is larger than 4 MB — the built-in lexicon keeps working.`,
    'Slant: ignoring invalid settings (slant.maxDataFileMB must be a number of megabytes above 0 and at most 1024); using the defaults for them.',
  ]);
});
