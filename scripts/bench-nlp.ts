/**
 * `SLANT_BENCH=nlp npm run bench`: the cost of the linguistic layer (engine/nlp) on its own.
 *
 *  - tagging every sentence of the ~3,000-word article (Markdown and plain text), warm: median
 *    and p95 of 30 runs, next to reading the same article (the layer comes on top of a read);
 *  - plain-text throughput (MB/s) on ~1 MB in ~50 KB documents;
 *  - one incremental chunk (~6,000 characters, the language server's unit of re-analysis);
 *  - loading: a fresh process that loads the layer and tags one sample, against `node -e 0`
 *    and against today's one-file `slant check` (which does not load the layer);
 *  - accuracy on the tagging table (server/test/nlp-cases.ts): the tagger alone and corrected.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { linguistics, readDocument, type Document, type Format } from '../server/src/engine/index.js';
import { tagText } from '../server/src/engine/nlp/tagger.js';
import { TAG_CASES } from '../server/test/nlp-cases.js';
import { articleOfWords, chunk, repeatTo, utf8Bytes, wordCount } from './lib/corpus.js';
import { repoRoot } from './lib/data.js';
import { median, percentile } from './lib/metrics.js';
import { fmt, int, type Table } from './lib/table.js';

const MB = 1_000_000;

/** Tags every sentence of a fresh copy of `doc` (the layer is cached per document object). */
function tagAll(doc: Document): number {
  const l = linguistics({ ...doc });
  let tokens = 0;
  for (let i = 0; i < doc.sentences.length; i++) tokens += l.sentence(i).tokens.length;
  return tokens;
}

/** Wall milliseconds of `node args…`, median of `runs`. */
function wall(args: string[], runs: number): number {
  const ms: number[] = [];
  for (let i = 0; i < runs + 1; i++) {
    const t0 = performance.now();
    const r = spawnSync(process.execPath, args, { cwd: repoRoot, stdio: ['ignore', 'ignore', 'pipe'] });
    if (r.status !== 0 && r.status !== 1) throw new Error(`node ${args.join(' ')}: ${r.stderr.toString()}`);
    if (i > 0) ms.push(performance.now() - t0);
  }
  return median(ms);
}

/** Milliseconds per run of `fn`, `runs` times after `warmup` (bench.ts's timer). */
export type Timer = (fn: () => void, runs: number, warmup: number) => number[];

export async function nlpSection(
  mdPieces: readonly string[],
  plainPieces: readonly string[],
  sampleFile: string,
  time: Timer,
  log: (m: string) => void,
): Promise<{ table: Table; results: Record<string, unknown> }> {
  const rows: string[][] = [];
  const results: Record<string, unknown> = {};
  const row = (what: string, input: string, value: string, note: string): void => {
    rows.push([what, input, value, note]);
  };

  log('Linguistic layer: loading the tagger');
  const t0 = performance.now();
  tagAll(readDocument('The layer loads here.', { format: 'text' }));
  const inProcessLoad = performance.now() - t0;
  row('first sentence (loads the model)', 'this process', `${fmt(inProcessLoad, 0)} ms`, 'wink-nlp + English lite model');
  results.inProcessLoadMs = inProcessLoad;

  log('Linguistic layer: ~3,000-word article');
  for (const [format, pieces] of [['markdown', mdPieces], ['text', plainPieces]] as [Format, readonly string[]][]) {
    const text = articleOfWords(pieces, 3000);
    const doc = readDocument(text, { format });
    let tokens = 0;
    const tag = time(() => (tokens = tagAll(doc)), 30, 10);
    const readMs = time(() => readDocument(text, { format }), 30, 10);
    const prose = doc.sentences.map((x) => doc.prose.slice(x.start, x.end));
    const tagger = time(() => prose.forEach(tagText), 30, 10);
    row('tag every sentence (warm)', `${format}, ${int(wordCount(text))} words, ${int(tokens)} tokens`, `${fmt(median(tag), 2)} ms`, `p95 ${fmt(percentile(tag, 95), 2)} ms; reading it ${fmt(median(readMs), 2)} ms; wink alone ${fmt(median(tagger), 2)} ms`);
    results[`article_${format}`] = { words: wordCount(text), tokens, medianMs: median(tag), p95Ms: percentile(tag, 95), readMedianMs: median(readMs), taggerAloneMedianMs: median(tagger) };
  }

  log('Linguistic layer: throughput');
  const docs = chunk(repeatTo(plainPieces, MB), 50_000).map((t) => readDocument(t, { format: 'text' }));
  const bytes = docs.reduce((s, d) => s + utf8Bytes(d.text), 0);
  const pass = time(() => docs.forEach(tagAll), 5, 1);
  const mbps = bytes / MB / (median(pass) / 1000);
  row('throughput, plain text (warm)', `${docs.length} documents, ${fmt(bytes / MB, 2)} MB`, `${fmt(mbps, 2)} MB/s`, `median ${fmt(median(pass), 0)} ms per pass`);
  results.throughputMBps = mbps;

  const chunkText = articleOfWords(plainPieces, 1000).slice(0, 6_000);
  const chunkDoc = readDocument(chunkText, { format: 'text' });
  const chunkMs = time(() => tagAll(chunkDoc), 30, 10);
  row('one incremental chunk (warm)', `${int(chunkText.length)} characters`, `${fmt(median(chunkMs), 2)} ms`, 'what an edit re-tags');
  results.chunkMedianMs = median(chunkMs);

  log('Linguistic layer: cold start (fresh processes)');
  const entry = path.join(repoRoot, '.bench', 'nlp-load.ts');
  const bundle = path.join(repoRoot, '.bench', 'nlp-load.cjs');
  writeFileSync(
    entry,
    `import { readFileSync } from 'node:fs';\nimport { readDocument, linguistics } from '../server/src/engine/index.js';\n` +
      `const doc = readDocument(readFileSync(process.argv[2], 'utf8'), { format: 'markdown' });\n` +
      `const l = linguistics(doc);\nfor (let i = 0; i < doc.sentences.length; i++) l.sentence(i);\n`,
  );
  await build({ entryPoints: [entry], outfile: bundle, bundle: true, platform: 'node', target: 'node20', format: 'cjs', logLevel: 'error', logOverride: { 'empty-import-meta': 'silent' } });
  const nodeMs = wall(['-e', '0'], 7);
  const checkMs = wall(['dist/cli.cjs', 'check', sampleFile], 7);
  const readOnlyEntry = path.join(repoRoot, '.bench', 'nlp-read.ts');
  const readOnly = path.join(repoRoot, '.bench', 'nlp-read.cjs');
  writeFileSync(readOnlyEntry, `import { readFileSync } from 'node:fs';\nimport { readDocument } from '../server/src/engine/index.js';\nreadDocument(readFileSync(process.argv[2], 'utf8'), { format: 'markdown' });\n`);
  await build({ entryPoints: [readOnlyEntry], outfile: readOnly, bundle: true, platform: 'node', target: 'node20', format: 'cjs', logLevel: 'error' });
  const readMs = wall([readOnly, sampleFile], 7);
  const layerMs = wall([bundle, sampleFile], 7);
  row('node -e 0', '', `${fmt(nodeMs, 0)} ms`, 'process start');
  row('slant check, one file', path.basename(sampleFile), `${fmt(checkMs, 0)} ms`, `+${fmt(checkMs - nodeMs, 0)} ms over node; the layer is not loaded`);
  row('read one file (bundle)', path.basename(sampleFile), `${fmt(readMs, 0)} ms`, 'same read, no layer');
  row('read + tag one file (bundle)', path.basename(sampleFile), `${fmt(layerMs, 0)} ms`, `the layer adds ${fmt(layerMs - readMs, 0)} ms when a rule asks`);
  results.cold = { nodeMs, checkMs, readMs, readAndTagMs: layerMs, layerAddsMs: layerMs - readMs };

  log('Linguistic layer: tagging table');
  let raw = 0;
  let corrected = 0;
  for (const c of TAG_CASES) {
    const doc = readDocument(c.sentence, { format: 'text' });
    const l = linguistics(doc);
    const at = c.sentence.indexOf(c.word);
    const hit = l.tokenAt(at);
    const t = hit?.nlp.tokens[hit.token];
    if (!t) continue;
    if ((t.corrected ?? t.pos) === c.tag) raw++;
    if (t.pos === c.tag) corrected++;
  }
  row('tagging table: tagger alone', `${TAG_CASES.length} cases`, `${raw}/${TAG_CASES.length}`, 'server/test/nlp-cases.ts');
  row('tagging table: with corrections', `${TAG_CASES.length} cases`, `${corrected}/${TAG_CASES.length}`, 'server/data/nlp.json');
  results.table = { cases: TAG_CASES.length, raw, corrected };

  return {
    table: {
      title: 'Linguistic layer (engine/nlp)',
      columns: [{ header: 'measure', align: 'left' }, { header: 'input', align: 'left' }, { header: 'value' }, { header: 'note', align: 'left' }],
      rows,
    },
    results,
  };
}
