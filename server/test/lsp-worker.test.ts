/**
 * The analysis worker (server/src/lsp/engines.ts, analysis-worker.ts) with the real bundle
 * `dist/analysis-worker.cjs` (run `npm run build` first): the same answers as on the main
 * thread; workspace lexicons and gazetteers cross as data; a request no longer wanted stops; a
 * worker past its budget and margin, or slow to stop, is replaced and the next request works.
 * No timing is asserted: the margins are made so small (or so large) that the outcome is fixed.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DidChangeTextDocumentNotification, LSPErrorCodes, type MarkupContent } from 'vscode-languageserver-protocol/node';
import { startStdioServer } from '../../scripts/lib/lsp-client.js';
import { builtinGazetteer, builtinLexicon, compileGazetteer, compileLexicon, DEFAULT_SETTINGS, type LexiconFile } from '../src/engine/index.js';
import { CancelledError } from '../src/engine/analyse.js';
import { AnalysisHost, type AnalyseRequest, type WholeRequest } from '../src/lsp/analysis-host.js';
import { WorkerEngine, type EngineJob, type WorkerEngineOptions } from '../src/lsp/engines.js';
import { hostilePattern } from './hostile-inputs.js';

const WORKER = path.resolve('dist/analysis-worker.cjs');

/** Runs `body` with a worker engine on the real bundle (and its log lines), disposed after. */
async function withEngine(options: Partial<WorkerEngineOptions>, body: (engine: WorkerEngine, logs: string[]) => Promise<void>): Promise<void> {
  assert.ok(fs.existsSync(WORKER), `${WORKER} is missing: run npm run build first`);
  const logs: string[] = [];
  const engine = new WorkerEngine({ file: WORKER, log: (m) => logs.push(m), ...options });
  try {
    await body(engine, logs);
  } finally {
    engine.dispose();
  }
}

const wanted = (label = 'test'): EngineJob => ({ label, isCancelled: () => false });

/** Paragraphs of original text with loaded wording and a quotation, enough for many chunks. */
function article(paragraphs: number): string {
  const out: string[] = [];
  for (let i = 0; i < paragraphs; i++) {
    out.push(`On day ${i + 1} the harbour board met again. Its chair called the toll plan a disaster. “The regime of fees must end,” said Mayor Ines Calder.`);
  }
  return `${out.join('\n\n')}\n`;
}

const request = (text: string, extra: Partial<AnalyseRequest> = {}): AnalyseRequest => ({
  uri: 'file:///news/harbour.txt',
  text,
  format: 'text',
  lexicon: builtinLexicon(),
  flagQuotedSpeech: true,
  maxLength: DEFAULT_SETTINGS.maxLength,
  timeBudgetMs: 60_000,
  ...extra,
});

test('the worker answers what the host answers on this thread, and keeps the chunk cache for the next version', async () => {
  await withEngine({}, async (e) => {
    const text = article(60);
    const outcome = await e.analyse(request(text), wanted());
    assert.equal(outcome.kind, 'done');
    const run = new AnalysisHost().analyse(request(text), () => false);
    let step = run.next();
    while (!step.done) step = run.next();
    assert.deepEqual(outcome.kind === 'done' && outcome.value, step.value);
    assert.ok(step.value.findings.length > 60);
    // One paragraph changes: the other chunks come from the worker's cache.
    const edited = text.replace('On day 30 the harbour board', 'On day 30 the brutal harbour board');
    const again = await e.analyse(request(edited), wanted());
    assert.ok(again.kind === 'done' && again.value.reused > 0 && again.value.reused === again.value.chunks - 1, JSON.stringify(again.kind === 'done' && [again.value.chunks, again.value.reused]));
    assert.equal(e.started, 1);
  });
});

test('a workspace lexicon and gazetteer reach the worker as data, and the whole-document analysis uses them', async () => {
  await withEngine({ workers: 1 }, async (e) => {
    const file: LexiconFile = { entries: [{ id: 'test-tollgrab', patterns: ['tollgrab'], kind: 'emotive', note: 'A coined slur for a fee.', alternatives: ['toll increase'] }] } as unknown as LexiconFile;
    const lexicon = compileLexicon([{ source: 'newsroom.lexicon.json', file }], builtinLexicon());
    const gazetteer = compileGazetteer([{ source: 'places.json', text: JSON.stringify({ entities: [{ id: 'port-velde', name: 'Port Velde', type: 'region', aliases: [{ text: 'Port Velde', kind: 'name' }] }] }) }], builtinGazetteer());
    const text = 'Port Velde officials defended the tollgrab on Monday.\n\nCritics say Port Velde will suffer.\n';
    const analysed = await e.analyse(request(text, { lexicon }), wanted());
    assert.ok(analysed.kind === 'done');
    assert.deepEqual(
      analysed.value.findings.filter((f) => f.entryId === 'test-tollgrab').map((f) => f.start),
      [text.indexOf('tollgrab')],
    );
    // The same lexicon again: sent once, found again.
    const again = await e.analyse(request(text, { lexicon, uri: 'file:///news/other.txt' }), wanted());
    assert.ok(again.kind === 'done' && again.value.findings.some((f) => f.entryId === 'test-tollgrab'));
    const whole: WholeRequest = { uri: 'file:///news/harbour.txt', text, format: 'text', lexicon, gazetteer, settings: { ...DEFAULT_SETTINGS } };
    const outcome = await e.whole(whole, wanted());
    assert.ok(outcome.kind === 'done' && outcome.value !== null);
    assert.deepEqual(outcome.value, new AnalysisHost().whole(whole));
    assert.ok(outcome.value.stance?.stance.some((s) => s.entity === 'port-velde'), 'the workspace entity has a stance');
    assert.ok(outcome.value.sourcing.sentences.length >= 2);
  });
});

test('a request no longer wanted is stopped between chunks: CancelledError, and the same worker goes on', async () => {
  await withEngine({ workers: 1 }, async (e, logs) => {
    await e.analyse(request('A warm-up.\n'), wanted());
    let cancelled = false;
    const run = e.analyse(request(article(3000)), { label: 'big (version 1)', isCancelled: () => cancelled });
    setTimeout(() => (cancelled = true), 30);
    await assert.rejects(run, CancelledError);
    assert.ok(logs.some((l) => /stopping big \(version 1\) after \d+ ms/.test(l)), logs.join('\n'));
    const next = await e.analyse(request('The regime met.\n'), wanted());
    assert.ok(next.kind === 'done' && next.value.findings.length === 1);
    assert.equal(e.started, 1, 'no restart');
    // A request cancelled before it starts never reaches the worker.
    await assert.rejects(e.analyse(request('The regime met.\n'), { label: 'gone', isCancelled: () => true }), CancelledError);
  });
});

test('a worker that does not answer within the budget and margin is replaced: the request times out, the next one works', async () => {
  // A fresh worker takes longer than 1 ms to load, so it cannot answer within 1 ms + 0.
  await withEngine({ workers: 1, marginMs: 0 }, async (e, logs) => {
    const outcome = await e.analyse(request(article(20), { timeBudgetMs: 1 }), wanted('slow (version 1)'));
    assert.deepEqual(outcome, { kind: 'timeout', ms: 1 });
    assert.ok(logs.some((l) => l.startsWith('analysis worker: slow (version 1) took longer than 1 ms')), logs.join('\n'));
  });
  await withEngine({ workers: 1, marginMs: 0 }, async (roomy) => {
    // The same engine after a restart: a new worker, which gets the lexicon data again.
    const lexicon = compileLexicon([{ source: 'x.lexicon.json', file: { entries: [{ id: 'test-fogbank', patterns: ['fogbank'], kind: 'emotive', note: 'Test entry.' }] } as unknown as LexiconFile }], builtinLexicon());
    assert.equal((await roomy.analyse(request('x', { timeBudgetMs: 1, lexicon }), wanted())).kind, 'timeout');
    const done = await roomy.analyse(request('The fogbank rolled in.\n', { timeBudgetMs: 60_000, lexicon }), wanted());
    assert.ok(done.kind === 'done' && done.value.findings.some((f) => f.entryId === 'test-fogbank'));
    assert.equal(roomy.started, 2);
  });
});

test('a cancelled request is stopped as soon as the worker takes it up; one that does not stop within the grace period gets its worker replaced', async () => {
  await withEngine({ workers: 1, graceMs: 0, pollMs: 1 }, async (e, logs) => {
    // Cancelled while the fresh worker is still loading: it reads the flag when it takes the request up.
    let early = false;
    const first = e.analyse(request(article(200)), { label: 'early (version 1)', isCancelled: () => early });
    early = true;
    await assert.rejects(first, CancelledError);
    assert.equal(e.started, 1);
    assert.ok(!logs.some((l) => l.includes('restarting')), logs.join('\n'));
    // One paragraph of about 2 MB is one chunk, read in one stage that no flag interrupts.
    let late = false;
    const stuck = e.analyse(request('The council met again on Tuesday. '.repeat(60_000)), { label: 'stuck (version 2)', isCancelled: () => late });
    setTimeout(() => (late = true), 100);
    await assert.rejects(stuck, CancelledError);
    assert.ok(logs.includes('analysis worker: stuck (version 2) did not stop within 0 ms; restarting the worker'), logs.join('\n'));
    const next = await e.analyse(request('The regime met.\n'), wanted());
    assert.ok(next.kind === 'done' && next.value.findings.length === 1);
    assert.equal(e.started, 2);
  });
});

test('two workers: a long analysis of one document leaves the other worker to the next document', async () => {
  await withEngine({ workers: 2 }, async (e) => {
    const order: string[] = [];
    const long = e.analyse(request(article(4000), { uri: 'file:///news/long.txt' }), wanted()).then(() => order.push('long'));
    const short = e.analyse(request('The regime met.\n', { uri: 'file:///news/short.txt' }), wanted()).then(() => order.push('short'));
    await Promise.all([long, short]);
    assert.deepEqual(order, ['short', 'long']);
  });
});

// ── Over the protocol: the real server (dist/server.cjs) over stdio ─────────────────────────

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits (polling, up to 20 s) until `ready` holds. */
async function until(what: string, ready: () => boolean): Promise<void> {
  for (let waited = 0; !ready(); waited += 20) {
    if (waited > 20_000) assert.fail(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

const SERVER = path.resolve('dist/server.cjs');

test('over the protocol: while a hostile 400 KB document is analysed, hovers on another are answered within 200 ms; it ends with a notice', async () => {
  const hostile = 'file:///news/hostile.txt';
  // A small budget for the hostile document only: the small one is analysed as usual.
  const server = await startStdioServer(SERVER, (uri) => (uri === hostile ? { analyse: 'all', timeBudgetMs: 50 } : { analyse: 'all' }));
  try {
    const small = 'file:///news/small.md';
    const smallText = 'Officials of the regime met on Monday, the council said.\n';
    await server.open(small, smallText);
    assert.ok((await server.pull(small)).some((d) => d.code === 'contested-label'));
    await until('the small document summary', () => server.summarised.includes(small));

    await server.open(hostile, hostilePattern('said-long-word-slash').make(400 * 1024), 'plaintext');
    let done = false;
    const hostilePull = server.pull(hostile).finally(() => (done = true));
    const latencies: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t0 = performance.now();
      const hover = await server.hover(small, 0, smallText.indexOf('regime'));
      latencies.push(performance.now() - t0);
      assert.match((hover?.contents as MarkupContent | undefined)?.value ?? '', /regime/);
      await sleep(20);
    }
    assert.ok(latencies.every((ms) => ms < 200), `hover latencies ${latencies.map((ms) => ms.toFixed(0)).join(', ')} ms (hostile analysis ${done ? 'finished' : 'still running'})`);
    const first = (await hostilePull)[0];
    assert.equal(first?.code, 'notice');
    assert.equal(first?.range.start.line, 0);
    // Out of time between chunks, or stuck inside one and replaced: either way a notice, never a hang.
    assert.match(typeof first?.message === 'string' ? first.message : '', /in the time allowed \(50 ms\)|time budget \(slant\.timeBudgetMs, 50 ms\)/);
  } finally {
    await server.stop();
  }
});

test('over the protocol: an edit stops the analysis of the old version; only the new version gets diagnostics', async () => {
  const server = await startStdioServer(SERVER);
  try {
    const uri = 'file:///news/long.txt';
    // About 4.5 MB: more than a second of analysis, so the edit lands while version 1 runs.
    await server.open(uri, article(30_000), 'plaintext');
    const first = server.pull(uri).then(
      () => 'answered',
      (error: { code?: number }) => error.code,
    );
    await sleep(300);
    const inserted = 'The regime spoke on Sunday.\n\n';
    await server.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version: 2 },
      contentChanges: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: inserted }],
    });
    const second = await server.pull(uri);
    assert.equal(await first, LSPErrorCodes.ServerCancelled, 'version 1 is never answered with diagnostics');
    assert.ok(second.some((d) => d.code === 'contested-label' && d.range.start.line === 0 && d.range.start.character === inserted.indexOf('regime')));
    assert.ok(server.logs.some((l) => l.startsWith(`analysis worker: stopping ${uri} (version 1) after `)), server.logs.join('\n'));
  } finally {
    await server.stop();
  }
});

test('a whole-document analysis runs on the other worker, so the same document’s next diagnostics do not wait for it; it stops when no longer wanted', async () => {
  await withEngine({ workers: 2 }, async (e) => {
    const uri = 'file:///news/harbour.txt';
    const text = article(5000);
    assert.equal((await e.analyse(request('The regime met.\n', { uri }), wanted())).kind, 'done');
    const whole: WholeRequest = { uri, text, format: 'text', lexicon: builtinLexicon(), gazetteer: builtinGazetteer(), settings: { ...DEFAULT_SETTINGS } };
    const order: string[] = [];
    const document = e.whole(whole, wanted()).then((o) => order.push(`whole ${o.kind}`));
    const next = e.analyse(request('The regime met again.\n', { uri }), wanted()).then((o) => order.push(`analyse ${o.kind}`));
    await Promise.all([document, next]);
    assert.deepEqual(order, ['analyse done', 'whole done']);
    let cancelled = false;
    const stopped = e.whole(whole, { label: 'whole', isCancelled: () => cancelled });
    setTimeout(() => (cancelled = true), 30);
    await assert.rejects(stopped, CancelledError);
  });
});
