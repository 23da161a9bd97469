/**
 * The language server over the protocol: the real bundle (`dist/server.cjs`, run `npm run build`
 * first) spawned over stdio and driven by a small LSP client. No fixed sleeps: every wait is on
 * a message or a response (with a timeout that fails the test). Ranges are found by substring.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  ApplyWorkspaceEditRequest,
  CodeActionRequest,
  CodeLensRefreshRequest,
  CodeLensRequest,
  ConfigurationRequest,
  createProtocolConnection,
  DiagnosticRefreshRequest,
  DidChangeConfigurationNotification,
  DidChangeTextDocumentNotification,
  DidChangeWatchedFilesNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  DocumentDiagnosticRequest,
  DocumentSymbolRequest,
  ExecuteCommandRequest,
  FileChangeType,
  HoverRequest,
  InitializedNotification,
  InitializeRequest,
  LogMessageNotification,
  PublishDiagnosticsNotification,
  RegistrationRequest,
  ShowMessageNotification,
  StreamMessageReader,
  StreamMessageWriter,
  UnregistrationRequest,
  type ApplyWorkspaceEditParams,
  type ClientCapabilities,
  type CodeAction,
  type Diagnostic,
  type DocumentSymbol,
  type Hover,
  type InitializeResult,
  type MarkupContent,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type Range,
  type Registration,
  type ShowMessageParams,
  type TextDocumentEdit,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver-protocol/node';
import {
  AnalyseDocumentRequest,
  ClientCommands,
  Commands,
  DocumentSummaryNotification,
  LexiconLocationsRequest,
  SourcesRequest,
  type DocumentSummary,
} from '../src/protocol/index.js';

const SERVER = path.resolve('dist/server.cjs');
const TIMEOUT = 20_000;

// ── Text helpers: positions from substrings, edits applied like an editor does ──────────────

function positionAt(text: string, offset: number): { line: number; character: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  return { line, character: offset - (before.lastIndexOf('\n') + 1) };
}

function offsetAt(text: string, p: { line: number; character: number }): number {
  let offset = 0;
  for (let l = 0; l < p.line; l++) offset = text.indexOf('\n', offset) + 1;
  return offset + p.character;
}

/** The range of the n-th (0-based) occurrence of `needle`. */
function rangeOf(text: string, needle: string, occurrence = 0): Range {
  let at = -1;
  for (let i = 0, from = 0; i <= occurrence; i++) {
    at = text.indexOf(needle, from);
    if (at < 0) throw new Error(`"${needle}" (occurrence ${occurrence}) not in the test text`);
    from = at + 1;
  }
  return { start: positionAt(text, at), end: positionAt(text, at + needle.length) };
}

/** Applies LSP text edits (all relative to the original text) back to front; they must not overlap. */
function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const spans = edits.map((e, i) => ({ start: offsetAt(text, e.range.start), end: offsetAt(text, e.range.end), newText: e.newText, i }));
  spans.sort((a, b) => b.start - a.start || b.i - a.i);
  for (let k = 1; k < spans.length; k++) {
    const later = spans[k - 1] as (typeof spans)[number];
    const earlier = spans[k] as (typeof spans)[number];
    assert.ok(earlier.end <= later.start, `edits overlap: [${earlier.start},${earlier.end}) and [${later.start},${later.end})`);
  }
  let out = text;
  for (const s of spans) out = out.slice(0, s.start) + s.newText + out.slice(s.end);
  return out;
}

/** Applies a one-document versioned WorkspaceEdit, checking it names the document and version. */
function applyWorkspaceEdit(text: string, edit: WorkspaceEdit | undefined, uri: string, version: number): string {
  assert.ok(edit?.documentChanges, 'a versioned edit (documentChanges)');
  assert.equal(edit.documentChanges.length, 1);
  const change = edit.documentChanges[0] as TextDocumentEdit;
  assert.deepEqual(change.textDocument, { uri, version });
  return applyEdits(text, change.edits as TextEdit[]);
}

const messageOf = (d: Diagnostic | undefined): string => (d === undefined ? '' : typeof d.message === 'string' ? d.message : d.message.value);
const hoverText = (h: Hover | null): string => (h === null ? "" : (h.contents as MarkupContent).value);

// ── A small LSP client ──────────────────────────────────────────────────────────────────────

interface Events {
  message: ShowMessageParams;
  refresh: null;
  lensRefresh: null;
  summary: DocumentSummary;
  registration: Registration;
  applyEdit: ApplyWorkspaceEditParams;
  publish: PublishDiagnosticsParams;
}

interface ClientOptions {
  folders: string[];
  /** The `slant` settings the client answers `workspace/configuration` with. */
  settings?: () => unknown;
  initializationOptions?: unknown;
  /** False: a client without pull diagnostics (the server pushes). */
  pull?: boolean;
}

class Client {
  settings: () => unknown;
  readonly events: { [K in keyof Events]: Events[K][] } = { message: [], refresh: [], lensRefresh: [], summary: [], registration: [], applyEdit: [], publish: [] };
  private readonly waiters: { kind: keyof Events; test: (v: never) => boolean; resolve: (v: never) => void }[] = [];
  private readonly docs = new Map<string, { text: string; version: number }>();
  stderr = '';
  initializeResult!: InitializeResult;

  private constructor(
    readonly process: ChildProcessWithoutNullStreams,
    readonly connection: ProtocolConnection,
    options: ClientOptions,
  ) {
    this.settings = options.settings ?? (() => ({ analyse: 'all' }));
  }

  static async start(options: ClientOptions): Promise<Client> {
    assert.ok(fs.existsSync(SERVER), `${SERVER} is missing: run npm run build first`);
    const child = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    const client = new Client(child, connection, options);
    child.stderr.on('data', (d: Buffer) => (client.stderr += d.toString()));
    connection.onRequest(ConfigurationRequest.type, (params) => params.items.map(() => client.settings()));
    connection.onRequest(RegistrationRequest.type, (params) => {
      for (const r of params.registrations) client.emit('registration', r);
    });
    connection.onRequest(UnregistrationRequest.type, () => undefined);
    connection.onRequest(DiagnosticRefreshRequest.type, () => client.emit('refresh', null));
    connection.onRequest(CodeLensRefreshRequest.type, () => client.emit('lensRefresh', null));
    connection.onRequest(ApplyWorkspaceEditRequest.type, (params) => {
      client.emit('applyEdit', params);
      return { applied: true };
    });
    connection.onNotification(ShowMessageNotification.type, (params) => client.emit('message', params));
    connection.onNotification(LogMessageNotification.type, () => undefined);
    connection.onNotification(PublishDiagnosticsNotification.type, (params) => client.emit('publish', params));
    connection.onNotification(DocumentSummaryNotification.type, (params) => client.emit('summary', params));
    connection.listen();
    const pull = options.pull ?? true;
    const capabilities: ClientCapabilities = {
      textDocument: {
        ...(pull ? { diagnostic: { dynamicRegistration: false, relatedDocumentSupport: false } } : {}),
        publishDiagnostics: { relatedInformation: true, tagSupport: { valueSet: [1, 2] }, codeDescriptionSupport: true, dataSupport: true, versionSupport: true },
        hover: { contentFormat: ['markdown', 'plaintext'] },
        codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source'] } }, isPreferredSupport: true },
      },
      workspace: {
        configuration: true,
        workspaceFolders: true,
        applyEdit: true,
        workspaceEdit: { documentChanges: true },
        didChangeConfiguration: { dynamicRegistration: true },
        didChangeWatchedFiles: { dynamicRegistration: true, relativePatternSupport: true },
        diagnostics: { refreshSupport: true },
        codeLens: { refreshSupport: true },
      },
    };
    client.initializeResult = await connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: null,
      capabilities,
      workspaceFolders: options.folders.map((f) => ({ uri: pathToFileURL(f).href, name: path.basename(f) })),
      initializationOptions: options.initializationOptions,
    });
    await connection.sendNotification(InitializedNotification.type, {});
    return client;
  }

  private emit<K extends keyof Events>(kind: K, value: Events[K]): void {
    (this.events[kind] as Events[K][]).push(value);
    for (const w of [...this.waiters]) {
      if (w.kind === kind && w.test(value as never)) {
        this.waiters.splice(this.waiters.indexOf(w), 1);
        w.resolve(value as never);
      }
    }
  }

  /** The next event of a kind (after this call) that passes `test`. Create it before causing the event. */
  next<K extends keyof Events>(kind: K, test: (v: Events[K]) => boolean = () => true): Promise<Events[K]> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ${kind} event within ${TIMEOUT} ms; server stderr: ${this.stderr}`)), TIMEOUT);
      this.waiters.push({
        kind,
        test: test as (v: never) => boolean,
        resolve: ((v: Events[K]) => {
          clearTimeout(timer);
          resolve(v);
        }) as (v: never) => void,
      });
    });
  }

  text(uri: string): string {
    return (this.docs.get(uri) as { text: string }).text;
  }

  version(uri: string): number {
    return (this.docs.get(uri) as { version: number }).version;
  }

  async open(uri: string, text: string, languageId = 'markdown'): Promise<void> {
    this.docs.set(uri, { text, version: 1 });
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version: 1, text } });
  }

  /** An incremental change: replaces `range` with `newText`. */
  async edit(uri: string, range: Range, newText: string): Promise<void> {
    const doc = this.docs.get(uri) as { text: string; version: number };
    doc.text = doc.text.slice(0, offsetAt(doc.text, range.start)) + newText + doc.text.slice(offsetAt(doc.text, range.end));
    doc.version++;
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version: doc.version }, contentChanges: [{ range, text: newText }] });
  }

  /** Replaces the whole text (as after applying a workspace edit). */
  async replace(uri: string, text: string): Promise<void> {
    const doc = this.docs.get(uri) as { text: string; version: number };
    doc.text = text;
    doc.version++;
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version: doc.version }, contentChanges: [{ text }] });
  }

  async close(uri: string): Promise<void> {
    this.docs.delete(uri);
    await this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  }

  async pull(uri: string): Promise<Diagnostic[]> {
    const report = await this.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri } });
    assert.equal(report.kind, 'full');
    return report.kind === 'full' ? report.items : [];
  }

  async hover(uri: string, needle: string, occurrence = 0): Promise<Hover | null> {
    const r = rangeOf(this.text(uri), needle, occurrence);
    return this.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: r.start });
  }

  async actions(uri: string, range: Range, diagnostics: Diagnostic[], only?: string[]): Promise<CodeAction[]> {
    const result = await this.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri },
      range,
      context: { diagnostics, ...(only ? { only } : {}) },
    });
    return (result ?? []) as CodeAction[];
  }

  async configurationChanged(): Promise<void> {
    const refreshed = this.next('refresh');
    await this.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
    await refreshed;
  }

  alive(): boolean {
    return this.process.exitCode === null && this.process.signalCode === null;
  }

  async stop(): Promise<void> {
    await this.connection.sendRequest('shutdown');
    await this.connection.sendNotification('exit');
    await new Promise<void>((resolve) => (this.process.exitCode !== null ? resolve() : this.process.once('exit', () => resolve())));
    this.connection.dispose();
  }
}

const uriOf = (file: string): string => pathToFileURL(file).href;
const byCode = (diagnostics: Diagnostic[], code: string): Diagnostic[] => diagnostics.filter((d) => d.code === code);
const only = (diagnostics: Diagnostic[], code: string): Diagnostic => {
  const found = byCode(diagnostics, code);
  assert.equal(found.length, 1, `one ${code} diagnostic in ${JSON.stringify(diagnostics.map((d) => d.code))}`);
  return found[0] as Diagnostic;
};

// ── Fixtures: workspace folders written for these tests ─────────────────────────────────────

const TEST_LEXICON = {
  description: 'Entries for the language server tests.',
  entries: [
    {
      id: 'test-juggernaut',
      patterns: ['juggernaut'],
      kind: 'emotive',
      note: 'Calls a rival unstoppable and menacing. It decides the contest before the reporting does.',
      alternatives: ['front-runner', 'leading campaign'],
      url: 'https://example.org/style/juggernaut',
    },
  ],
};

let root: string;
let newsroom: string; // has .slant/ with a config and a lexicon
let broken: string; // has .slant/bad.lexicon.json, malformed on line 3
let plain: string; // no .slant/

function makeFolders(): void {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'slant-lsp-'));
  newsroom = path.join(root, 'newsroom');
  broken = path.join(root, 'broken');
  plain = path.join(root, 'plain');
  fs.mkdirSync(path.join(newsroom, '.slant'), { recursive: true });
  fs.mkdirSync(path.join(broken, '.slant'), { recursive: true });
  fs.mkdirSync(plain, { recursive: true });
  fs.writeFileSync(path.join(newsroom, '.slant', 'config.json'), JSON.stringify({ flagQuotedSpeech: true }, null, 2) + '\n');
  fs.writeFileSync(path.join(newsroom, '.slant', 'test.lexicon.json'), JSON.stringify(TEST_LEXICON, null, 2));
  fs.writeFileSync(path.join(broken, '.slant', 'bad.lexicon.json'), '{\n  "entries": [\n    { "id": "oops", }\n  ]\n}\n');
}

// ── The tests ───────────────────────────────────────────────────────────────────────────────

describe('language server over stdio', () => {
  let client: Client;
  let settings: Record<string, unknown> = { analyse: 'all' };

  before(async () => {
    makeFolders();
    client = await Client.start({ folders: [newsroom, broken, plain], settings: () => settings });
  });

  after(async () => {
    await client.stop();
    fs.rmSync(root, { recursive: true, force: true });
  });

  test('initialize advertises what the server implements, and it watches .slant/', async () => {
    const watching = client.next('registration', (r) => r.method === DidChangeWatchedFilesNotification.method);
    // The registration may already have arrived.
    const registration = client.events.registration.find((r) => r.method === DidChangeWatchedFilesNotification.method) ?? (await watching);
    assert.deepEqual(client.initializeResult.capabilities, {
      textDocumentSync: { openClose: true, change: 2 },
      diagnosticProvider: { identifier: 'slant', interFileDependencies: false, workspaceDiagnostics: false },
      hoverProvider: true,
      codeLensProvider: { resolveProvider: false },
      documentSymbolProvider: { label: 'Slant sources' },
      codeActionProvider: { codeActionKinds: ['quickfix', 'source.slant.annotateAll'] },
      executeCommandProvider: { commands: [Commands.annotateAll, Commands.ignoreTermInWorkspace] },
      workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
    });
    assert.deepEqual(registration.registerOptions, { watchers: [{ globPattern: '**/.slant/**' }, { globPattern: '**/.slant' }] });
  });

  test('a diagnostic carries code, source, reference, severity, message and the data fixes need', async () => {
    const uri = uriOf(path.join(plain, 'budget.md'));
    const text = '# Budget talks\n\nOfficials of the regime met on Monday.\n';
    const summarised = client.next('summary', (s) => s.uri === uri);
    await client.open(uri, text);
    const d = only(await client.pull(uri), 'contested-label');
    assert.deepEqual(d.range, rangeOf(text, 'regime'));
    assert.equal(d.source, 'slant');
    assert.equal(d.severity, 2);
    assert.deepEqual(d.codeDescription, { href: 'https://en.wikipedia.org/wiki/Regime' });
    assert.match(messageOf(d), /^“regime” is a contested label; consider “government”/);
    assert.equal(d.tags, undefined);
    assert.equal(d.relatedInformation, undefined);
    const data = d.data as Record<string, unknown>;
    assert.equal(data.version, 1);
    assert.equal(data.text, 'regime');
    assert.equal(data.ruleId, 'contested-label');
    assert.equal(data.entryId, 'regime');
    assert.equal(data.category, 'loaded');
    assert.deepEqual((data.expected as string[]).slice(0, 2), ['government', 'administration']);
    assert.match(data.note as string, /^Calling a government a regime .*\.$/);
    assert.deepEqual(data.sentenceEnd, rangeOf(text, 'Monday.').end);
    const summary = await summarised;
    assert.equal(summary.analysed, true);
    assert.equal(summary.total, 1);
    assert.equal(summary.byCategory.loaded, 1);
    await client.close(uri);
  });

  test('a quoted finding is the speaker’s, at lower severity, and points at the speaker’s name', async () => {
    const uri = uriOf(path.join(plain, 'quote.md'));
    const text = '“The regime will fall,” said Foreign Minister Ana Lopez.\n';
    await client.open(uri, text);
    const d = only(await client.pull(uri), 'contested-label');
    assert.equal(d.severity, 3);
    assert.deepEqual(d.relatedInformation, [{ location: { uri, range: rangeOf(text, 'Foreign Minister Ana Lopez') }, message: 'Quoted from Foreign Minister Ana Lopez' }]);
    const hover = hoverText(await client.hover(uri, 'regime'));
    assert.match(hover, /\*\*Voice:\*\* quoted — the words of \*\*Foreign Minister Ana Lopez\*\*/);
    await client.close(uri);
  });

  test('boilerplate is a hint marked unnecessary', async () => {
    const uri = uriOf(path.join(plain, 'paywall.md'));
    const text = 'Subscribe now\nAlready a subscriber? Log in\n\nThe talks went on.\n';
    await client.open(uri, text);
    const d = only(await client.pull(uri), 'boilerplate');
    assert.equal(d.severity, 4);
    assert.deepEqual(d.tags, [1]);
    assert.deepEqual(d.range, rangeOf(text, 'Subscribe now\nAlready a subscriber? Log in'));
    const actions = await client.actions(uri, d.range, [d], ['quickfix']);
    assert.deepEqual(actions, []);
    await client.close(uri);
  });

  test('hover shows the note (not the message), alternatives, voice and link; every finding on the span', async () => {
    const uri = uriOf(path.join(plain, 'hover.md'));
    const text = 'Officials of the regime met.\n\nOfficials of the “regime” met again.\n';
    await client.open(uri, text);
    await client.pull(uri);
    const one = hoverText(await client.hover(uri, 'regime'));
    assert.match(one, /Calling a government a regime marks it as illegitimate/);
    assert.doesNotMatch(one, /is a contested label/);
    assert.match(one, /\*\*Neutral alternatives:\*\* “government”, “administration”/);
    assert.match(one, /\*\*Voice:\*\* the author’s own wording\./);
    assert.match(one, /\[Reference\]\(https:\/\/en\.wikipedia\.org\/wiki\/Regime\)/);
    const both = hoverText(await client.hover(uri, 'regime', 1));
    const sections = both.split('\n\n---\n\n');
    assert.equal(sections.length, 3);
    assert.match(sections[0] as string, /`scare-quote`/);
    assert.match(sections[1] as string, /`contested-label`/);
    assert.match(sections[1] as string, /the text does not say whose words these are/);
    // Then the sentence's sourcing; away from a finding, only that.
    assert.match(sections[2] as string, /^\*\*Sourcing:\*\* no attribution covers this sentence/);
    const plainHover = await client.hover(uri, 'Officials');
    assert.match(hoverText(plainHover), /^\*\*Sourcing:\*\* no attribution covers this sentence \(a statement\)\. No source is named before it\.$/);
    assert.deepEqual(plainHover?.range, rangeOf(text, 'Officials of the regime met.'));
    assert.equal(await client.hover(uri, '\n\nOfficials'), null, 'between sentences');
    await client.close(uri);
  });

  test('every quick fix, applied, gives the expected text; the CriticMarkup ones silence the finding', async () => {
    const uri = uriOf(path.join(newsroom, 'fixes.md'));
    const text = 'The Juggernaut rolled on. Voters shrugged.\n';
    await client.open(uri, text);
    const d = only(await client.pull(uri), 'loaded-language');
    const actions = await client.actions(uri, d.range, [d]);
    const titled = (title: string): CodeAction => {
      const a = actions.find((x) => x.title === title);
      assert.ok(a, `an action "${title}" in ${JSON.stringify(actions.map((x) => x.title))}`);
      return a;
    };
    assert.deepEqual(
      actions.map((a) => [a.title, a.kind, a.isPreferred ?? false]),
      [
        ['Suggest “Front-runner” (CriticMarkup substitution)', 'quickfix', true],
        ['Suggest “Leading campaign” (CriticMarkup substitution)', 'quickfix', false],
        ['Annotate “Juggernaut” as reviewed (CriticMarkup comment)', 'quickfix', false],
        ['Ignore loaded-language in this sentence', 'quickfix', false],
        ['Replace with “Front-runner”', 'quickfix', false],
        ['Replace with “Leading campaign”', 'quickfix', false],
        ['Ignore “Juggernaut” in this workspace', 'quickfix', false],
        ['Annotate all findings in this document', 'source.slant.annotateAll', false],
      ],
    );
    const apply = (title: string): string => applyWorkspaceEdit(text, titled(title).edit, uri, 1);
    const expected: [string, string][] = [
      ['Suggest “Front-runner” (CriticMarkup substitution)', 'The {~~Juggernaut~>Front-runner~~} rolled on. Voters shrugged.\n'],
      ['Suggest “Leading campaign” (CriticMarkup substitution)', 'The {~~Juggernaut~>Leading campaign~~} rolled on. Voters shrugged.\n'],
      ['Annotate “Juggernaut” as reviewed (CriticMarkup comment)', 'The {==Juggernaut==}{>>slant loaded: Calls a rival unstoppable and menacing.<<} rolled on. Voters shrugged.\n'],
      ['Ignore loaded-language in this sentence', 'The Juggernaut rolled on.{>>slant-ignore loaded-language<<} Voters shrugged.\n'],
      ['Replace with “Front-runner”', 'The Front-runner rolled on. Voters shrugged.\n'],
      ['Replace with “Leading campaign”', 'The Leading campaign rolled on. Voters shrugged.\n'],
    ];
    for (const [title, result] of expected) assert.equal(apply(title), result, title);
    // Each fix, applied in the editor, leaves nothing to report.
    for (const [title, result] of expected) {
      await client.replace(uri, result);
      assert.deepEqual(byCode(await client.pull(uri), 'loaded-language'), [], title);
    }
    await client.close(uri);
  });

  test('an ignore comment silences the finding in its sentence only', async () => {
    const uri = uriOf(path.join(plain, 'ignore.md'));
    const text = 'The regime fell.{>>slant-ignore contested-label<<} The regime rose.\n';
    await client.open(uri, text);
    const d = only(await client.pull(uri), 'contested-label');
    assert.deepEqual(d.range, rangeOf(text, 'regime', 1));
    await client.close(uri);
  });

  test('quick fixes refuse diagnostics computed for an older version', async () => {
    const uri = uriOf(path.join(plain, 'stale.md'));
    const text = 'Officials of the regime met.\n';
    await client.open(uri, text);
    const d = only(await client.pull(uri), 'contested-label');
    await client.edit(uri, rangeOf(text, 'met'), 'gathered');
    const actions = await client.actions(uri, d.range, [d], ['quickfix']);
    assert.deepEqual(actions, []);
    await client.close(uri);
  });

  test('an incremental edit updates the diagnostics', async () => {
    const uri = uriOf(path.join(plain, 'edit.md'));
    const text = 'Officials of the regime met.\n\nTalks resumed later.\n';
    await client.open(uri, text);
    assert.equal(byCode(await client.pull(uri), 'contested-label').length, 1);
    await client.edit(uri, rangeOf(text, 'regime'), 'government');
    assert.deepEqual(byCode(await client.pull(uri), 'contested-label'), []);
    const now = client.text(uri);
    await client.edit(uri, rangeOf(now, 'Talks'), 'The regime says talks');
    const after = client.text(uri);
    const d = only(await client.pull(uri), 'contested-label');
    assert.deepEqual(d.range, rangeOf(after, 'regime'));
    assert.equal((d.data as { version: number }).version, 3);
    await client.close(uri);
  });

  test('the source action annotates every finding in one edit; the command applies the same edit', async () => {
    const uri = uriOf(path.join(newsroom, 'all.md'));
    const text = '# The juggernaut\n\nOfficials of the “regime” met the juggernaut.\n\nThe regime answered.\n';
    await client.open(uri, text);
    const diagnostics = await client.pull(uri);
    assert.equal(diagnostics.length, 5);
    const actions = await client.actions(uri, rangeOf(text, 'Officials'), [], ['source.slant.annotateAll']);
    assert.equal(actions.length, 1);
    const action = actions[0] as CodeAction;
    assert.equal(action.kind, 'source.slant.annotateAll');
    const annotated = applyWorkspaceEdit(text, action.edit, uri, 1);
    assert.equal(
      annotated,
      '# The {==juggernaut==}{>>slant loaded: Calls a rival unstoppable and menacing.<<}\n\n' +
        'Officials of the {==“regime”==}{>>slant loaded: Putting a word or two in quotation marks with no one named as saying them distances the writer from the words and invites the reader to doubt them, without evidence. | ' +
        'slant loaded: Calling a government a regime marks it as illegitimate or authoritarian, and outlets tend to reserve the word for governments they or their readers oppose.<<} ' +
        'met the {==juggernaut==}{>>slant loaded: Calls a rival unstoppable and menacing.<<}.\n\n' +
        'The {==regime==}{>>slant loaded: Calling a government a regime marks it as illegitimate or authoritarian, and outlets tend to reserve the word for governments they or their readers oppose.<<} answered.\n',
    );
    const applied = client.next('applyEdit');
    const ok = await client.connection.sendRequest(ExecuteCommandRequest.type, { command: Commands.annotateAll, arguments: [{ uri, version: 1 }] });
    assert.equal(ok, true);
    assert.deepEqual((await applied).edit, action.edit);
    await client.replace(uri, annotated);
    assert.deepEqual(await client.pull(uri), []);
    await client.close(uri);
  });

  test('a settings change takes effect after a refresh', async () => {
    const uri = uriOf(path.join(plain, 'settings.md'));
    const text = 'Officials of the regime met.\n';
    await client.open(uri, text);
    assert.equal(only(await client.pull(uri), 'contested-label').severity, 2);
    settings = { analyse: 'all', severity: { loaded: 'error' } };
    await client.configurationChanged();
    assert.equal(only(await client.pull(uri), 'contested-label').severity, 1);
    settings = { analyse: 'all', categories: ['partisan'] };
    await client.configurationChanged();
    assert.deepEqual(await client.pull(uri), []);
    settings = { analyse: 'all' };
    await client.configurationChanged();
    await client.close(uri);
  });

  test('invalid settings: one warning, the defaults for what is wrong, and the server goes on', async () => {
    const uri = uriOf(path.join(newsroom, 'bad-settings.md'));
    await client.open(uri, 'Officials of the regime met.\n');
    settings = { analyse: 'sometimes', categories: 'loaded', severity: { loaded: 'loud' }, languages: [1] };
    const warned = client.next('message', (m) => m.message.includes('invalid settings'));
    await client.configurationChanged();
    const diagnostics = await client.pull(uri);
    const message = await warned;
    assert.equal(message.type, 2);
    assert.match(message.message, /slant\.analyse must be one of auto, all, off/);
    assert.match(message.message, /slant\.severity\.loaded must be one of/);
    // "auto" (the default) analyses a document in a folder with .slant/.
    assert.equal(only(diagnostics, 'contested-label').severity, 2);
    settings = { analyse: 'all' };
    await client.configurationChanged();
    await client.close(uri);
  });

  test('a malformed workspace lexicon is reported with file and line; the built-in lexicon keeps working', async () => {
    const uri = uriOf(path.join(broken, 'story.md'));
    const warned = client.next('message', (m) => m.message.includes('bad.lexicon.json'));
    await client.open(uri, 'Officials of the regime met.\n');
    const diagnostics = await client.pull(uri);
    const message = await warned;
    assert.equal(message.type, 2);
    assert.match(message.message, /\.slant\/bad\.lexicon\.json:3(:\d+)?: invalid JSON/);
    assert.match(message.message, /the built-in lexicon keeps working/);
    assert.equal(byCode(diagnostics, 'contested-label').length, 1);
    await client.close(uri);
  });

  test('a workspace lexicon adds a term, and a change to it is picked up through the file watcher', async () => {
    const uri = uriOf(path.join(newsroom, 'lexicon.md'));
    await client.open(uri, 'A juggernaut of a campaign.\n');
    const d = only(await client.pull(uri), 'loaded-language');
    assert.equal((d.data as { entryId: string }).entryId, 'test-juggernaut');
    assert.deepEqual((d.data as { expected: string[] }).expected, ['front-runner', 'leading campaign']);
    assert.deepEqual(d.codeDescription, { href: 'https://example.org/style/juggernaut' });
    const file = path.join(newsroom, '.slant', 'test.lexicon.json');
    const entry = { ...TEST_LEXICON.entries[0], alternatives: ['favourite'] };
    fs.writeFileSync(file, JSON.stringify({ entries: [entry] }));
    const refreshed = client.next('refresh');
    await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: uriOf(file), type: FileChangeType.Changed }] });
    await refreshed;
    assert.deepEqual((only(await client.pull(uri), 'loaded-language').data as { expected: string[] }).expected, ['favourite']);
    fs.writeFileSync(file, JSON.stringify(TEST_LEXICON));
    const restored = client.next('refresh');
    await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: uriOf(file), type: FileChangeType.Changed }] });
    await restored;
    await client.close(uri);
  });

  test('lexicon locations: the built-in files and the workspace ones', async () => {
    const locations = await client.connection.sendRequest(LexiconLocationsRequest.type, { uri: uriOf(path.join(newsroom, 'x.md')) });
    assert.deepEqual(
      locations.builtin.map((p) => path.basename(p)),
      ['conflict.json', 'general.json', 'us-politics.json'],
    );
    for (const p of locations.builtin) {
      assert.ok(path.isAbsolute(p) && fs.existsSync(p), p);
      assert.equal(path.dirname(p), path.resolve('server/data/lexicon'));
    }
    assert.deepEqual(locations.workspace, [path.join(newsroom, '.slant', 'test.lexicon.json')]);
  });

  test('ignore this term in the workspace: writes .slant/config.json, keeps its content, updates diagnostics', async () => {
    const uri = uriOf(path.join(newsroom, 'ignore-term.md'));
    const text = 'Officials of the regime met the juggernaut.\n';
    await client.open(uri, text);
    const d = only(await client.pull(uri), 'contested-label');
    const actions = await client.actions(uri, d.range, [d], ['quickfix']);
    const action = actions.find((a) => a.title === 'Ignore “regime” in this workspace');
    assert.ok(action?.command);
    assert.deepEqual(action.command.arguments, [{ uri, term: 'regime' }]);
    const refreshed = client.next('refresh');
    const ok = await client.connection.sendRequest(ExecuteCommandRequest.type, { command: action.command.command, arguments: action.command.arguments });
    assert.equal(ok, true);
    await refreshed;
    const config = JSON.parse(fs.readFileSync(path.join(newsroom, '.slant', 'config.json'), 'utf8')) as unknown;
    assert.deepEqual(config, { flagQuotedSpeech: true, ignoreTerms: ['regime'] });
    const after = await client.pull(uri);
    assert.deepEqual(byCode(after, 'contested-label'), []);
    assert.equal(byCode(after, 'loaded-language').length, 1);
    await client.close(uri);
  });

  test('a binary document gets one notice; a 20 MB document is bounded and the server keeps answering', async () => {
    const binary = uriOf(path.join(plain, 'image.txt'));
    await client.open(binary, 'GIF89a\u0000\u0001\u0002 regime \u0000\u0000', 'plaintext');
    const notice = await client.pull(binary);
    assert.equal(notice.length, 1);
    assert.equal(notice[0]?.code, 'notice');
    assert.match(messageOf(notice[0]), /NUL characters/);

    const huge = uriOf(path.join(plain, 'huge.md'));
    // This test is about the length limit: a time budget long enough for 5 MB (timeBudgetMs is tested below).
    settings = { analyse: 'all', timeBudgetMs: 600_000 };
    await client.configurationChanged();
    // Every paragraph differs, so nothing is shared: several seconds of analysis.
    const parts: string[] = [];
    let size = 0;
    for (let i = 0; size < 20 * 1024 * 1024; i++) {
      const paragraph = `Paragraph ${i}: officials of the regime met again on the question of the budget, the roads and ${i % 97} schools. `.repeat(4) + '\n\n';
      parts.push(paragraph);
      size += paragraph.length;
    }
    const text = parts.join('');
    await client.open(huge, text);
    const order: string[] = [];
    const hugePull = client.pull(huge).then((d) => {
      order.push('huge');
      return d;
    });
    // Another document is answered while the huge one is being analysed.
    const small = uriOf(path.join(plain, 'small.md'));
    await client.open(small, 'Officials of the regime met.\n');
    assert.equal(byCode(await client.pull(small), 'contested-label').length, 1);
    order.push('small');
    const diagnostics = await hugePull;
    assert.deepEqual(order, ['small', 'huge']);
    assert.match(messageOf(diagnostics[0]), /^document is 20,97\d,\d{3} characters; analysed the first 4,99\d,\d{3} \(limit 5,000,000\)$/);
    assert.match(messageOf(diagnostics[1]), /^Slant shows the first 5,000 of [\d,]+ findings in this document\.$/);
    assert.equal(diagnostics.length, 5002);
    await client.close(huge);
    await client.close(binary);
    assert.equal(byCode(await client.pull(small), 'contested-label').length, 1);
    await client.close(small);
    assert.ok(client.alive());
    settings = { analyse: 'all' };
    await client.configurationChanged();
  });
});

describe('"auto" mode analyses news, not every Markdown file', () => {
  let client: Client;
  before(async () => {
    makeFolders();
    client = await Client.start({ folders: [plain, newsroom], settings: () => ({ analyse: 'auto' }) });
  });
  after(async () => {
    await client.stop();
    fs.rmSync(root, { recursive: true, force: true });
  });

  test('a README without front matter is left alone; an article with outlet: is analysed', async () => {
    const readme = uriOf(path.join(plain, 'README.md'));
    const summarised = client.next('summary', (s) => s.uri === readme);
    await client.open(readme, '# Notes\n\nThe regime of this build is strict.\n');
    assert.deepEqual(await client.pull(readme), []);
    assert.equal((await summarised).analysed, false);
    const article = uriOf(path.join(plain, 'article.md'));
    await client.open(article, '---\noutlet: Harbour Gazette\n---\n\nOfficials of the regime met.\n');
    assert.equal(byCode(await client.pull(article), 'contested-label').length, 1);
  });

  test('a document in a folder with .slant/ is analysed', async () => {
    const uri = uriOf(path.join(newsroom, 'notes.md'));
    await client.open(uri, 'Officials of the regime met.\n');
    assert.equal(byCode(await client.pull(uri), 'contested-label').length, 1);
  });

  test('Analyse Document turns analysis on for that document', async () => {
    const readme = uriOf(path.join(plain, 'README.md'));
    const refreshed = client.next('refresh');
    const summary = await client.connection.sendRequest(AnalyseDocumentRequest.type, { uri: readme });
    assert.equal(summary.analysed, true);
    assert.equal(summary.total, 1);
    await refreshed;
    assert.equal(byCode(await client.pull(readme), 'contested-label').length, 1);
  });
});

describe('an untrusted workspace', () => {
  let client: Client;
  before(async () => {
    makeFolders();
    client = await Client.start({ folders: [newsroom], initializationOptions: { workspaceTrusted: false } });
  });
  after(async () => {
    await client.stop();
    fs.rmSync(root, { recursive: true, force: true });
  });

  test('ignores workspace lexicon files but keeps the built-in lexicon', async () => {
    const uri = uriOf(path.join(newsroom, 'story.md'));
    await client.open(uri, 'The juggernaut met the regime.\n');
    const diagnostics = await client.pull(uri);
    assert.deepEqual(byCode(diagnostics, 'loaded-language'), []);
    assert.equal(byCode(diagnostics, 'contested-label').length, 1);
    const locations = await client.connection.sendRequest(LexiconLocationsRequest.type, { uri });
    assert.deepEqual(locations.workspace, []);
  });
});

describe('an editor without pull diagnostics', () => {
  let client: Client;
  before(async () => {
    makeFolders();
    client = await Client.start({ folders: [plain], pull: false });
  });
  after(async () => {
    await client.stop();
    fs.rmSync(root, { recursive: true, force: true });
  });

  test('gets diagnostics pushed after open and after an edit (debounced), and cleared on close', async () => {
    assert.equal(client.initializeResult.capabilities.diagnosticProvider, undefined);
    const uri = uriOf(path.join(plain, 'push.md'));
    const text = 'Officials of the regime met.\n';
    const first = client.next('publish', (p) => p.uri === uri);
    await client.open(uri, text);
    const opened = await first;
    assert.equal(opened.version, 1);
    assert.deepEqual(byCode(opened.diagnostics, 'contested-label')[0]?.range, rangeOf(text, 'regime'));
    const second = client.next('publish', (p) => p.uri === uri && p.version === 3);
    await client.edit(uri, rangeOf(text, 'met'), 'gathered');
    await client.edit(uri, rangeOf(client.text(uri), 'regime'), 'government');
    assert.deepEqual(byCode((await second).diagnostics, 'contested-label'), []);
    // Only the last version was published.
    assert.deepEqual(
      client.events.publish.filter((p) => p.uri === uri).map((p) => p.version),
      [1, 3],
    );
    const cleared = client.next('publish', (p) => p.uri === uri);
    await client.close(uri);
    assert.deepEqual((await cleared).diagnostics, []);
  });
});

describe('sourcing in the editor: hover, code lens, sources, symbols and quick fixes', () => {
  let client: Client;
  let settings: Record<string, unknown> = { analyse: 'all' };
  before(async () => {
    makeFolders();
    client = await Client.start({ folders: [plain], settings: () => settings });
  });
  after(async () => {
    await client.stop();
    fs.rmSync(root, { recursive: true, force: true });
  });

  const ARTICLE =
    '# Border talks\n\n' +
    'Foreign Minister Ayla Demir said on Tuesday that the border would reopen. The crossing will open at dawn.\n\n' +
    'The council clearly wants to raise taxes.\n\n' +
    'Critics say the plan is rushed.\n\n' +
    'Sources familiar with the talks said 500 troops moved.\n\n' +
    '“We will not wait,” said Mayor Lina Ortiz. The harbour authority confirmed the plan.\n';

  const lenses = (uri: string) => client.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri } });
  const symbols = async (uri: string): Promise<DocumentSymbol[]> =>
    ((await client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } })) ?? []) as DocumentSymbol[];
  const sources = (uri: string) => client.connection.sendRequest(SourcesRequest.type, { uri });

  test('hover names the sentence’s source, its kind and verb, and how it reaches the sentence', async () => {
    const uri = uriOf(path.join(plain, 'sourced.md'));
    await client.open(uri, ARTICLE);
    const own = await client.hover(uri, 'border would');
    assert.equal(hoverText(own), '**Sourcing:** named source **Foreign Minister Ayla Demir** (“said”).');
    assert.deepEqual(own?.range, rangeOf(ARTICLE, 'Foreign Minister Ayla Demir said on Tuesday that the border would reopen.'));
    assert.equal(hoverText(await client.hover(uri, 'crossing')), '**Sourcing:** named source **Foreign Minister Ayla Demir** (“said”), carried from an earlier sentence.');
    assert.equal(hoverText(await client.hover(uri, 'wait')), '**Sourcing:** named source **Mayor Lina Ortiz**, the speaker of the quotation.');
    assert.equal(hoverText(await client.hover(uri, 'harbour')), '**Sourcing:** institutional source **The harbour authority** (“confirmed”).');
    assert.equal(await client.hover(uri, 'Border talks'), null, 'a heading claims nothing');
    await client.close(uri);
  });

  test('hover says when no attribution covers a sentence: the claim kind and the nearest source before it', async () => {
    const uri = uriOf(path.join(plain, 'unsourced.md'));
    await client.open(uri, ARTICLE);
    assert.equal(
      hoverText(await client.hover(uri, 'council')),
      '**Sourcing:** no attribution covers this sentence (a claim stated as certain). Nearest source before it: **Foreign Minister Ayla Demir** (named, 1 sentence back).',
    );
    // On a finding: its notes first, then the sourcing section.
    const sections = hoverText(await client.hover(uri, 'clearly')).split('\n\n---\n\n');
    assert.deepEqual(
      sections.map((s) => (/`([a-z-]+)`/.exec(s) ?? /^\*\*(Sourcing):/.exec(s))?.[1]),
      ['unsupported-claim', 'exaggeration', 'Sourcing'],
    );
    const first = uriOf(path.join(plain, 'first.md'));
    await client.open(first, 'The council clearly wants to raise taxes.\n');
    assert.equal(hoverText(await client.hover(first, 'council')), '**Sourcing:** no attribution covers this sentence (a claim stated as certain). No source is named before it.');
    await client.close(first);
    await client.close(uri);
  });

  test('the code lens on the first line shows the sourcing profile and runs Show Sources', async () => {
    const uri = uriOf(path.join(plain, 'lens.md'));
    await client.open(uri, ARTICLE);
    assert.deepEqual(await lenses(uri), [
      {
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        command: {
          title: 'Sourcing: 7 claims · 14% unsourced · 3 named · 1 institutional · 1 anonymous · 1 vague',
          command: ClientCommands.showSources,
          arguments: [uri],
        },
      },
    ]);
    // An edit that sources the council's claim changes the profile.
    await client.edit(uri, rangeOf(ARTICLE, 'The council clearly'), 'The mayor said the council clearly');
    assert.match((await lenses(uri))?.[0]?.command?.title ?? '', /^Sourcing: 7 claims · 0% unsourced · 4 named · /);
    const none = uriOf(path.join(plain, 'no-claims.md'));
    await client.open(none, '# Just a heading\n');
    assert.deepEqual(await lenses(none), []);
    await client.close(none);
    await client.close(uri);
  });

  test('the summary for the status bar carries the sourcing profile', async () => {
    const uri = uriOf(path.join(plain, 'status.md'));
    const summarised = client.next('summary', (s) => s.uri === uri);
    await client.open(uri, ARTICLE);
    await client.pull(uri);
    const summary = await summarised;
    assert.deepEqual(summary.sourcing, {
      claims: 7,
      byKind: { named: 3, institutional: 1, anonymous: 1, vague: 1, self: 0, none: 1 },
      unsourcedShare: 1 / 7,
      namedSources: 2,
      anonymousSources: 1,
      quotedSentences: 0,
    });
    await client.close(uri);
  });

  test('slant/sources lists every source with its kind, mentions and claims, then the unsourced claims', async () => {
    const uri = uriOf(path.join(plain, 'sources.md'));
    await client.open(uri, ARTICLE);
    const result = await sources(uri);
    assert.ok(result);
    assert.equal(result.uri, uri);
    assert.equal(result.version, 1);
    assert.equal(result.profile.claims, 7);
    const claim = (sentence: string, kind: string | null) => ({ range: rangeOf(ARTICLE, sentence), text: sentence, claim: kind });
    assert.deepEqual(result.sources, [
      {
        name: 'Foreign Minister Ayla Demir',
        kind: 'named',
        mentions: [rangeOf(ARTICLE, 'Foreign Minister Ayla Demir said')],
        claims: [claim('Foreign Minister Ayla Demir said on Tuesday that the border would reopen.', 'statement'), claim('The crossing will open at dawn.', 'statement')],
      },
      { name: 'Critics say', kind: 'vague', mentions: [rangeOf(ARTICLE, 'Critics say')], claims: [claim('Critics say the plan is rushed.', 'statement')] },
      {
        name: 'Sources familiar with the talks',
        kind: 'anonymous',
        mentions: [rangeOf(ARTICLE, 'Sources familiar with the talks said')],
        claims: [claim('Sources familiar with the talks said 500 troops moved.', 'fact')],
      },
      { name: 'Mayor Lina Ortiz', kind: 'named', mentions: [rangeOf(ARTICLE, 'Mayor Lina Ortiz')], claims: [claim('“We will not wait,” said Mayor Lina Ortiz.', 'statement')] },
      {
        name: 'The harbour authority',
        kind: 'institutional',
        mentions: [rangeOf(ARTICLE, 'The harbour authority confirmed')],
        claims: [claim('The harbour authority confirmed the plan.', 'statement')],
      },
    ]);
    assert.deepEqual(result.unsourced, [claim('The council clearly wants to raise taxes.', 'certainty')]);
    await client.close(uri);
  });

  test('document symbols: one per source, kind by source kind, its claims as children', async () => {
    const uri = uriOf(path.join(plain, 'symbols.md'));
    await client.open(uri, ARTICLE);
    const found = await symbols(uri);
    assert.deepEqual(
      found.map((s) => [s.name, s.kind, s.detail, s.children?.map((c) => c.name)]),
      [
        ['Foreign Minister Ayla Demir', 14, 'named · 2 claims', ['Foreign Minister Ayla Demir said on Tuesday that the border would reopen.', 'The crossing will open at dawn.']],
        ['Critics say', 21, 'vague · 1 claim', ['Critics say the plan is rushed.']],
        ['Sources familiar with the talks', 13, 'anonymous · 1 claim', ['Sources familiar with the talks said 500 troops moved.']],
        ['Mayor Lina Ortiz', 14, 'named · 1 claim', ['“We will not wait,” said Mayor Lina Ortiz.']],
        ['The harbour authority', 2, 'institutional · 1 claim', ['The harbour authority confirmed the plan.']],
      ],
    );
    const demir = found[0] as DocumentSymbol;
    assert.deepEqual(demir.selectionRange, rangeOf(ARTICLE, 'Foreign Minister Ayla Demir said'));
    assert.deepEqual(demir.range, rangeOf(ARTICLE, 'Foreign Minister Ayla Demir said on Tuesday that the border would reopen. The crossing will open at dawn.'));
    assert.deepEqual(demir.children?.[1]?.range, rangeOf(ARTICLE, 'The crossing will open at dawn.'));
    await client.close(uri);
  });

  test('“Annotate: needs a source” and “Mark as reviewed” highlight the claim’s sentence; its findings go', async () => {
    const uri = uriOf(path.join(plain, 'claim-fixes.md'));
    await client.open(uri, ARTICLE);
    const d = byCode(await client.pull(uri), 'unsupported-claim').find((x) => x.range.start.line === rangeOf(ARTICLE, 'clearly').start.line && messageOf(x).includes('clearly'));
    assert.ok(d);
    assert.deepEqual(d.range, rangeOf(ARTICLE, 'clearly'));
    assert.deepEqual((d.data as { claimRange: Range }).claimRange, rangeOf(ARTICLE, 'The council clearly wants to raise taxes.'));
    const actions = await client.actions(uri, d.range, [d], ['quickfix']);
    assert.deepEqual(actions.slice(0, 2).map((a) => a.title), ['Annotate: needs a source', 'Mark as reviewed']);
    const expected: [string, string][] = [
      ['Annotate: needs a source', '{==The council clearly wants to raise taxes.==}{>>slant unsupported: no source given<<}'],
      ['Mark as reviewed', '{==The council clearly wants to raise taxes.==}'],
    ];
    for (const [title, replacement] of expected) {
      const action = actions.find((a) => a.title === title);
      const fixed = applyWorkspaceEdit(ARTICLE, action?.edit, uri, 1);
      assert.equal(fixed, ARTICLE.replace('The council clearly wants to raise taxes.', replacement), title);
      await client.replace(uri, fixed);
      const after = await client.pull(uri);
      assert.deepEqual(after.filter((x) => x.range.start.line === d.range.start.line), [], `${title}: nothing left in the sentence`);
      assert.equal(byCode(after, 'anonymous-source').length, 1, `${title}: the rest stays`);
      await client.replace(uri, ARTICLE);
    }
    await client.close(uri);
  });

  test('a claim whose sentence already holds CriticMarkup is highlighted on its own', async () => {
    const uri = uriOf(path.join(plain, 'claim-markup.md'));
    const text = 'The council{>>check the minutes<<} clearly wants to raise taxes.\n';
    await client.open(uri, text);
    const d = byCode(await client.pull(uri), 'unsupported-claim').find((x) => messageOf(x).includes('clearly'));
    assert.ok(d);
    const action = (await client.actions(uri, d.range, [d], ['quickfix'])).find((a) => a.title === 'Annotate: needs a source');
    const fixed = applyWorkspaceEdit(text, action?.edit, uri, 1);
    assert.equal(fixed, 'The council{>>check the minutes<<} {==clearly==}{>>slant unsupported: no source given<<} wants to raise taxes.\n');
    await client.replace(uri, fixed);
    assert.deepEqual(
      (await client.pull(uri)).filter((x) => messageOf(x).includes('clearly')),
      [],
    );
    await client.close(uri);
  });

  test('“Annotate: which source?” notes what a vague or anonymous attribution leaves out; the finding goes', async () => {
    const uri = uriOf(path.join(plain, 'attribution-fixes.md'));
    await client.open(uri, ARTICLE);
    const cases: [string, string, string][] = [
      ['vague-attribution', 'Critics say', '{==Critics say==}{>>slant attribution: vague — who exactly?<<}'],
      ['anonymous-source', 'Sources familiar with the talks said', '{==Sources familiar with the talks said==}{>>slant attribution: anonymous — who exactly?<<}'],
    ];
    for (const [code, cue, replacement] of cases) {
      const d = only(await client.pull(uri), code);
      assert.deepEqual(d.range, rangeOf(ARTICLE, cue));
      const actions = await client.actions(uri, d.range, [d], ['quickfix']);
      assert.equal(actions[0]?.title, 'Annotate: which source?');
      const fixed = applyWorkspaceEdit(ARTICLE, actions[0]?.edit, uri, client.version(uri));
      assert.equal(fixed, ARTICLE.replace(cue, replacement));
      await client.replace(uri, fixed);
      const after = await client.pull(uri);
      assert.deepEqual(byCode(after, code), [], code);
      // The attribution itself still stands: the claim it covers is not reported as unsourced.
      assert.deepEqual(after.filter((x) => x.range.start.line === d.range.start.line), [], `${code}: nothing left in the sentence`);
      const lens = (await lenses(uri))?.[0]?.command?.title;
      assert.match(lens ?? '', /^Sourcing: 7 claims · 14% unsourced/);
      await client.replace(uri, ARTICLE);
    }
    await client.close(uri);
  });

  test('documents Slant does not analyse get no sourcing; a settings change refreshes the code lenses', async () => {
    const uri = uriOf(path.join(plain, 'README.md'));
    await client.open(uri, ARTICLE);
    assert.equal((await lenses(uri))?.length, 1);
    settings = { analyse: 'auto' };
    const refreshed = client.next('lensRefresh');
    await client.configurationChanged();
    await refreshed;
    assert.deepEqual(await lenses(uri), []);
    assert.deepEqual(await symbols(uri), []);
    assert.equal(await sources(uri), null);
    assert.equal(await client.hover(uri, 'crossing'), null);
    settings = { analyse: 'all' };
    await client.configurationChanged();
    await client.close(uri);
  });
});
