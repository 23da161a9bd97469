/**
 * Stance and comparison in the language server: `slant/compare` and the stance section of the
 * hover, over the protocol with the real bundle (`dist/server.cjs`, run `npm run build` first),
 * on the bundled same-story samples and on texts and workspace files written here. Cancellation
 * is checked on the service itself, where it can be made to happen at a known point.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { CancellationTokenSource, ErrorCodes, LSPErrorCodes, ResponseError } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  ConfigurationRequest,
  createProtocolConnection,
  DidOpenTextDocumentNotification,
  HoverRequest,
  InitializedNotification,
  InitializeRequest,
  ShowMessageNotification,
  StreamMessageReader,
  StreamMessageWriter,
  type Hover,
  type MarkupContent,
  type ProtocolConnection,
  type ShowMessageParams,
} from 'vscode-languageserver-protocol/node';
import { Service } from '../src/lsp/service.js';
import { stanceWord } from '../src/present/compare-view.js';
import { CompareRequest, type CompareParams, type CompareResult } from '../src/protocol/index.js';
import { rangeOf } from './helpers.js';

const SERVER = path.resolve('dist/server.cjs');
const SAMPLES = path.resolve('samples');
const HERALD = path.join(SAMPLES, 'bosphorus-herald-bases.md');
const LEDGER = path.join(SAMPLES, 'levant-ledger-bases.md');
const TIMEOUT = 20_000;

const uriOf = (file: string): string => pathToFileURL(file).href;
const hoverText = (h: Hover | null): string => (h === null ? '' : (h.contents as MarkupContent).value);

/** The position of the n-th occurrence of `needle` (0-based line and UTF-16 character). */
function positionOf(text: string, needle: string, occurrence = 0): { line: number; character: number } {
  const { start } = rangeOf(text, needle, occurrence);
  const before = text.slice(0, start);
  return { line: before.split('\n').length - 1, character: start - (before.lastIndexOf('\n') + 1) };
}

/** A language client with what these tests need: open, hover, compare, and the messages it is shown. */
class Client {
  readonly messages: ShowMessageParams[] = [];
  private readonly waiters: { test: (m: ShowMessageParams) => boolean; resolve: (m: ShowMessageParams) => void }[] = [];
  readonly texts = new Map<string, string>();

  private constructor(readonly connection: ProtocolConnection, readonly alive: () => boolean, readonly stop: () => Promise<void>) {
    connection.onNotification(ShowMessageNotification.type, (m) => {
      this.messages.push(m);
      for (const w of this.waiters.filter((x) => x.test(m))) {
        this.waiters.splice(this.waiters.indexOf(w), 1);
        w.resolve(m);
      }
    });
  }

  static async start(folders: string[], initializationOptions?: unknown): Promise<Client> {
    assert.ok(fs.existsSync(SERVER), `${SERVER} is missing: run npm run build first`);
    const child = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
    const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    connection.onRequest(ConfigurationRequest.type, (params) => params.items.map(() => ({ analyse: 'all' })));
    const stop = async (): Promise<void> => {
      await connection.sendRequest('shutdown');
      await connection.sendNotification('exit');
      await new Promise<void>((resolve) => (child.exitCode !== null ? resolve() : child.once('exit', () => resolve())));
      connection.dispose();
    };
    const client = new Client(connection, () => child.exitCode === null && child.signalCode === null, stop);
    connection.listen();
    await connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: null,
      capabilities: { textDocument: { hover: { contentFormat: ['markdown'] } }, workspace: { configuration: true, workspaceFolders: true } },
      workspaceFolders: folders.map((f) => ({ uri: uriOf(f), name: path.basename(f) })),
      initializationOptions,
    });
    await connection.sendNotification(InitializedNotification.type, {});
    return client;
  }

  /** The next message shown that passes `test`. Create it before causing the message. */
  nextMessage(test: (m: ShowMessageParams) => boolean): Promise<ShowMessageParams> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no such message within ${TIMEOUT} ms; shown: ${JSON.stringify(this.messages)}`)), TIMEOUT);
      this.waiters.push({
        test,
        resolve: (m) => {
          clearTimeout(timer);
          resolve(m);
        },
      });
    });
  }

  async open(uri: string, text: string, languageId = 'markdown'): Promise<void> {
    this.texts.set(uri, text);
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version: 1, text } });
  }

  async hover(uri: string, needle: string, occurrence = 0): Promise<string> {
    const position = positionOf(this.texts.get(uri) ?? '', needle, occurrence);
    return hoverText(await this.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position }));
  }

  compare(params: CompareParams): Promise<CompareResult> {
    return this.connection.sendRequest(CompareRequest.type, params);
  }

  /** The error a compare request fails with (fails the test when it succeeds). */
  async compareError(params: unknown): Promise<ResponseError<unknown>> {
    try {
      await this.connection.sendRequest(CompareRequest.method, params);
    } catch (error) {
      assert.ok(error instanceof ResponseError, String(error));
      return error;
    }
    assert.fail(`slant/compare succeeded on ${JSON.stringify(params)}`);
  }
}

let root: string;
let newsroom: string; // .slant/config.json lists a gazetteer file with an entity of its own
let broken: string; // .slant/config.json lists a malformed gazetteer file
let client: Client;

describe('slant/compare and the stance hover over stdio', () => {
  before(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'slant-lsp-compare-'));
    newsroom = path.join(root, 'newsroom');
    broken = path.join(root, 'broken');
    for (const f of [newsroom, broken]) fs.mkdirSync(path.join(f, '.slant'), { recursive: true });
    fs.writeFileSync(path.join(newsroom, '.slant', 'config.json'), JSON.stringify({ entities: ['../data/desk.entities.json'] }));
    fs.mkdirSync(path.join(newsroom, 'data'));
    fs.writeFileSync(
      path.join(newsroom, 'data', 'desk.entities.json'),
      JSON.stringify({ entities: [{ id: 'harbour-board', name: 'Harbour Board', type: 'organisation', aliases: [{ text: 'Harbour Board', kind: 'name' }, { text: 'HB', kind: 'abbreviation', caseSensitive: true }] }] }, null, 2),
    );
    fs.writeFileSync(path.join(broken, '.slant', 'config.json'), JSON.stringify({ entities: ['bad.entities.json'] }));
    fs.writeFileSync(path.join(broken, '.slant', 'bad.entities.json'), '{\n  "entities": [\n    { "id": "x", }\n  ]\n}\n');
    client = await Client.start([newsroom, broken, SAMPLES]);
  });

  after(async () => {
    await client.stop();
    fs.rmSync(root, { recursive: true, force: true });
  });

  test('the two same-story samples, read from disk: both documents, outlets from the front matter, aligned passages', async () => {
    const result = await client.compare({ uris: [uriOf(HERALD), uriOf(LEDGER)] });
    const { comparison } = result;
    assert.deepEqual(
      comparison.documents.map((d) => [d.path, d.outlet, d.outletSource]),
      [
        [HERALD, 'The Bosphorus Herald', 'front-matter'],
        [LEDGER, 'The Levant Ledger', 'front-matter'],
      ],
    );
    assert.deepEqual(result.uris, { [HERALD]: uriOf(HERALD), [LEDGER]: uriOf(LEDGER) });
    assert.ok(comparison.alignments.length >= 1, 'at least one aligned pair');
    const pair = comparison.alignments[0];
    assert.ok(pair);
    assert.notEqual(pair.a.path, pair.b.path, 'an alignment pairs passages of different documents');
    // Offsets point at the passage's text in the file, so the client can select it.
    for (const side of [pair.a, pair.b]) {
      const text = fs.readFileSync(side.path, 'utf8');
      assert.equal(text.slice(side.start.offset, side.end.offset).replace(/\s+/g, ' ').trim(), side.text);
    }
    assert.ok(comparison.entities.includes('Turkey'), `Turkey among ${comparison.entities.join(', ')}`);
    for (const d of comparison.documents) assert.ok(d.stance.Turkey, `${d.outlet} has a stance toward Turkey`);
  });

  test('an open document is compared as it stands in the editor, an unsaved one under its URI', async () => {
    const ledger = fs.readFileSync(LEDGER, 'utf8');
    const ledgerUri = uriOf(LEDGER);
    await client.open(ledgerUri, ledger.replace('outlet: The Levant Ledger', 'outlet: The Edited Ledger'));
    const draft = 'untitled:Untitled-7';
    // Read as Markdown because the editor says so: its front matter names the outlet.
    await client.open(draft, '---\noutlet: The Draft Desk\n---\n\nAnkara condemned the strikes. Israel denied any role.\n');
    const { comparison, uris } = await client.compare({ uris: [ledgerUri, draft] });
    assert.deepEqual(
      comparison.documents.map((d) => [d.path, d.outlet]),
      [
        [LEDGER, 'The Edited Ledger'],
        [draft, 'The Draft Desk'],
      ],
    );
    assert.equal(uris[draft], draft);
  });

  test('outlet names given with the request replace the detected ones', async () => {
    const { comparison } = await client.compare({ uris: [uriOf(HERALD), uriOf(LEDGER)], outlets: { [uriOf(HERALD)]: ' Herald (edited) ' } });
    assert.deepEqual(
      comparison.documents.map((d) => [d.path, d.outlet === 'Herald (edited)', d.outletSource]),
      [
        [HERALD, true, 'override'],
        [LEDGER, false, 'front-matter'],
      ],
    );
    assert.deepEqual(Object.keys(comparison.distinctiveTerms).sort(), [comparison.documents[0]?.outlet, comparison.documents[1]?.outlet].sort(), 'terms are keyed by the new name');
  });

  test('inputs that cannot be compared fail the request with one message naming each; the server carries on', async () => {
    const missing = path.join(root, 'missing.md');
    const binary = path.join(root, 'binary.md');
    fs.writeFileSync(binary, 'Ankara\u0000said\n');
    const error = await client.compareError({ uris: [uriOf(HERALD), uriOf(missing), uriOf(root), 'https://example.com/story.md', uriOf(binary)] });
    assert.equal(error.code, LSPErrorCodes.RequestFailed);
    assert.equal(
      error.message,
      `Slant cannot compare these documents: ${missing} cannot be read (ENOENT); ${root} is not a file; ` +
        `https://example.com/story.md is neither an open document nor a file on disk; ${binary} looks binary (it contains NUL characters).`,
    );
    const long = path.join(root, 'long.md');
    fs.writeFileSync(long, 'Ankara spoke. '.repeat(80_000));
    assert.match((await client.compareError({ uris: [uriOf(HERALD), uriOf(long)] })).message, /long\.md is longer than 1,000,000 characters/);
    assert.equal((await client.compareError({ uris: [uriOf(HERALD), uriOf(HERALD)] })).message, 'Slant needs at least two different documents to compare; it got 1.');
    const malformed = await client.compareError({ uris: 'file:///a.md' });
    assert.equal(malformed.code, ErrorCodes.InvalidParams);
    assert.equal((await client.compareError({ uris: [uriOf(HERALD), uriOf(LEDGER)], outlets: { x: 3 } })).code, ErrorCodes.InvalidParams);
    assert.ok(client.alive());
    assert.equal((await client.compare({ uris: [uriOf(HERALD), uriOf(LEDGER)] })).comparison.documents.length, 2);
  });

  test('hover on an alias shows the stance toward the entity it names, with the alias kind and evidence', async () => {
    const uri = uriOf(HERALD);
    await client.open(uri, fs.readFileSync(HERALD, 'utf8'));
    const [compared] = (await client.compare({ uris: [uri, uriOf(LEDGER)] })).comparison.documents;
    const turkey = compared?.stance.Turkey;
    assert.ok(turkey);
    const hover = await client.hover(uri, 'Ankara, which has become');
    const section = hover.split('\n\n---\n\n').find((s) => s.startsWith('**Stance toward Turkey:**'));
    assert.ok(section, `a stance section in: ${hover}`);
    // The same figures as the comparison's for this document.
    assert.ok(section.startsWith(`**Stance toward Turkey:** ${stanceWord(turkey.score)} (`), section);
    assert.ok(section.includes(`confidence ${turkey.confidence.toFixed(2)} · ${turkey.mentions} mentions`), section);
    assert.ok(section.includes('“Ankara” — used for Turkey (capital).'), section);
    // The strongest evidence first, each sentence with its reasons.
    const bullets = section.split('\n').filter((l) => l.startsWith('- “'));
    assert.equal(bullets.length, Math.min(3, turkey.evidence.length));
    assert.ok(bullets[0]?.startsWith(`- “${turkey.evidence[0]?.text.split(' ').slice(0, 3).join(' ')}`), bullets[0]);
    for (const b of bullets) assert.match(b, /^- “.+”( \(quoted[^)]*\))? — \S/);
    // The canonical name needs no alias line; a word that names no entity gets no stance section.
    const named = await client.hover(uri, 'Turkish border');
    assert.match(named, /\*\*Stance toward Turkey:\*\*/);
    assert.match(named, /“Turkish” — used for Turkey \(adjective\)\./);
    assert.doesNotMatch(await client.hover(uri, 'counterweight'), /Stance toward/);
  });

  test('a finding inside an entity mention ("the Assad regime"): the hover explains both, finding first', async () => {
    const uri = uriOf(LEDGER);
    await client.open(uri, fs.readFileSync(LEDGER, 'utf8'));
    const hover = await client.hover(uri, 'regime in December');
    const sections = hover.split('\n\n---\n\n');
    const stance = sections.findIndex((s) => s.startsWith('**Stance toward Syria:**'));
    assert.ok(stance > 0, `a stance section after the finding in: ${hover}`);
    assert.match(sections.slice(0, stance).join('\n'), /regime/i);
    assert.ok(sections[stance]?.includes('“Assad regime” — used for Syria'), sections[stance]);
  });

  test('a stance hover on texts written for it: a hostile action, and a place with no role', async () => {
    const uri = uriOf(path.join(SAMPLES, 'not-on-disk.md'));
    const text = 'Russia invaded the valley on Monday.\n';
    await client.open(uri, text);
    const hover = await client.hover(uri, 'Russia');
    assert.match(hover, /^\*\*Stance toward Russia:\*\* (hostile|critical) \(−/);
    assert.match(hover, /- “Russia invaded the valley on Monday\.” — agent of "invaded" \\\(hostile action\\\)/);
    assert.doesNotMatch(hover, /used for/, 'the name itself');
    // A capital named as a place is a mention with no role: no evidence, said so.
    const place = uriOf(path.join(SAMPLES, 'place.md'));
    await client.open(place, 'The envoys met in Ankara on Monday.\n');
    const placeHover = await client.hover(place, 'Ankara');
    assert.match(placeHover, /^\*\*Stance toward Turkey:\*\* neutral \(0\.00\) · confidence \d\.\d\d · 1 mention\n/);
    assert.ok(placeHover.includes('No sentence gives it a stance: neutral for want of evidence.'), placeHover);
  });

  test('entities from the workspace gazetteer get a stance; a malformed gazetteer is reported with file and line', async () => {
    const uri = uriOf(path.join(newsroom, 'port.md'));
    const text = 'The Harbour Board praised the dockers. Later the HB thanked the crews.\n';
    await client.open(uri, text);
    assert.match(await client.hover(uri, 'Harbour Board'), /^\*\*Stance toward Harbour Board:\*\* /);
    assert.match(await client.hover(uri, 'HB'), /“HB” — used for Harbour Board \(abbreviation\)\./);
    const warned = client.nextMessage((m) => m.message.includes('bad.entities.json'));
    const other = uriOf(path.join(broken, 'port.md'));
    await client.open(other, text);
    assert.doesNotMatch(await client.hover(other, 'Harbour Board'), /Stance/);
    assert.match((await warned).message, /\.slant\/bad\.entities\.json:3(:\d+)?: .*the built-in entities keep working/);
    // The comparison uses the workspace's entities too.
    const { comparison } = await client.compare({ uris: [uri, uriOf(HERALD)] });
    assert.ok(comparison.documents[0]?.stance['Harbour Board']);
  });

  test('in an untrusted workspace no gazetteer file is read', async () => {
    const untrusted = await Client.start([newsroom], { workspaceTrusted: false });
    try {
      const uri = uriOf(path.join(newsroom, 'port.md'));
      await untrusted.open(uri, 'The Harbour Board praised the dockers. Russia invaded the valley.\n');
      assert.doesNotMatch(await untrusted.hover(uri, 'Harbour Board'), /Stance/);
      assert.match(await untrusted.hover(uri, 'Russia'), /^\*\*Stance toward Russia:\*\*/, 'the built-in entities still work');
      const { comparison } = await untrusted.compare({ uris: [uri, uriOf(HERALD)] });
      assert.equal(comparison.documents[0]?.stance['Harbour Board'], undefined);
    } finally {
      await untrusted.stop();
    }
  });
});

test('a score reads as hostile, critical, neutral or sympathetic', () => {
  const words = [-1, -0.5, -0.49, -0.15, -0.14, 0, 0.14, 0.15, 1].map(stanceWord);
  assert.deepEqual(words, ['hostile', 'hostile', 'critical', 'critical', 'neutral', 'neutral', 'neutral', 'sympathetic', 'sympathetic']);
});

describe('slant/compare cancellation', () => {
  test('a cancelled request stops and answers RequestCancelled', async () => {
    const docs = new Map<string, TextDocument>();
    const service = new Service(
      { get: (uri) => docs.get(uri), all: () => [...docs.values()] },
      {
        configuration: async () => ({ analyse: 'all' }),
        showWarning: () => undefined,
        showInformation: () => undefined,
        log: () => undefined,
        refreshDiagnostics: () => undefined,
        publishDiagnostics: () => undefined,
        summary: () => undefined,
        applyEdit: async () => false,
        watchFiles: () => undefined,
      },
      { pull: true, documentChanges: true, trusted: true, pushDelay: 0 },
    );
    const source = new CancellationTokenSource();
    source.cancel();
    await assert.rejects(service.compare({ uris: [uriOf(HERALD), uriOf(LEDGER)] }, source.token), (error: unknown) => {
      assert.ok(error instanceof ResponseError);
      assert.equal(error.code, LSPErrorCodes.RequestCancelled);
      return true;
    });
    const done = await service.compare({ uris: [uriOf(HERALD), uriOf(LEDGER)] }, new CancellationTokenSource().token);
    assert.equal(done.comparison.documents.length, 2);
  });
});
