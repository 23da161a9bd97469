/**
 * Performance figures for Slant; asserts nothing. `npm run bench` builds the CLI first, then:
 *
 *  1. engine throughput (MB/s) on ~1.5 MB of articles, Markdown and plain text, analysed as
 *     documents of ~50 KB, and on one ~1 MB plain-text document (median of several runs);
 *  2. milliseconds for one ~3,000-word article (median and p95 of 30 warm runs);
 *  3. whole-process `slant check` on ~1 MB of article files, next to write-good and alex on
 *     the same files;
 *  4. comparison (issue 5): building passages and term counts from analyses, same-story
 *     alignment of two ~3,000-word articles and of 200 documents, distinctive terms of 200
 *     documents in 10 outlets;
 *  5. hostile inputs (issue 19): every pattern of server/test/hostile-inputs.ts analysed at 50,
 *     100, 200 and 400 KB, each pattern in a child process with a time limit, with the growth
 *     of the time per doubling of the input (near 2 is linear);
 *  6. the language server over stdio (`languageServerSection`, scripts/lib/lsp-bench.ts):
 *     keystroke → diagnostics on 3,000 and 50,000 words, hovers during a long analysis.
 *
 * Prints a table and writes `.bench/results.json` (the folder is git-ignored).
 * `SLANT_BENCH=comparison npm run bench` runs only the comparison section,
 * `SLANT_BENCH=hostile npm run bench` only the hostile inputs (`SLANT_BENCH_LIMIT_S`: seconds
 * allowed per pattern, 60 by default; `SLANT_BENCH_PATTERNS`: a comma-separated list of the
 * patterns to run, all by default), `SLANT_BENCH=lsp` only the language server's (written to
 * `.bench/lsp.json`), `SLANT_BENCH=memory` only time and peak memory of `slant check` on 20,
 * 60 and 240 MB files (scripts/bench-memory.ts, written to `.bench/memory.json`), `SLANT_BENCH=nlp` only
 * the linguistic layer's (scripts/bench-nlp.ts, results in `.bench/nlp.json`).
 */
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  alignDocuments,
  analyse,
  buildPassages,
  builtinGazetteer,
  compareTexts,
  distinctiveTerms,
  findMentions,
  lineStartsOf,
  termCounts,
  type AlignDoc,
  type AnalysisResult,
  type EntityMention,
  type Format,
} from '../server/src/engine/index.js';
import { HOSTILE_PATTERNS, hostilePattern } from '../server/test/hostile-inputs.js';
import { articleOfWords, chunk, loadSamples, repeatTo, stripFrontMatter, syntheticArticles, utf8Bytes, wordCount, type Article } from './lib/corpus.js';
import { repoRoot } from './lib/data.js';
import { memorySection } from './bench-memory.js';
import { nlpSection } from './bench-nlp.js';
import { median, percentile } from './lib/metrics.js';
import { fmt, int, renderTable, type Table } from './lib/table.js';
import { lspBench, lspTables } from './lib/lsp-bench.js';

const MB = 1_000_000;
const benchDir = path.join(repoRoot, '.bench');
const samplesDir = path.join(repoRoot, 'samples');

const log = (message: string): void => {
  process.stderr.write(`${message}\n`);
};

/** Times `fn` `runs` times after `warmup` untimed runs; milliseconds per run. */
function time(fn: () => void, runs: number, warmup: number): number[] {
  for (let i = 0; i < warmup; i++) fn();
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    fn();
    out.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return out;
}

interface Throughput {
  name: string;
  format: Format;
  documents: number;
  bytes: number;
  runs: number;
  medianMs: number;
  minMs: number;
  maxMs: number;
  mbPerSecond: number;
  findings: number;
}

function throughput(name: string, docs: string[], format: Format, runs: number, warmup: number): Throughput {
  const bytes = docs.reduce((s, d) => s + utf8Bytes(d), 0);
  let findings = 0;
  const pass = (): void => {
    findings = 0;
    for (const d of docs) findings += analyse(d, { format }).findings.length;
  };
  log(`  ${name}: ${docs.length} document(s), ${(bytes / MB).toFixed(2)} MB, ${warmup} warm-up + ${runs} runs`);
  const ms = time(pass, runs, warmup);
  const med = median(ms);
  return { name, format, documents: docs.length, bytes, runs, medianMs: med, minMs: Math.min(...ms), maxMs: Math.max(...ms), mbPerSecond: bytes / MB / (med / 1000), findings };
}

interface Latency {
  name: string;
  format: Format;
  words: number;
  bytes: number;
  runs: number;
  medianMs: number;
  p95Ms: number;
  findings: number;
}

function latency(name: string, doc: string, format: Format): Latency {
  const runs = 30;
  let findings = 0;
  const ms = time(
    () => {
      findings = analyse(doc, { format }).findings.length;
    },
    runs,
    10,
  );
  return { name, format, words: wordCount(doc), bytes: utf8Bytes(doc), runs, medianMs: median(ms), p95Ms: percentile(ms, 95), findings };
}

interface ToolRun {
  tool: string;
  command: string;
  runs: number;
  medianS: number | null;
  timesS: number[];
  exitCode: number | null;
  findings: number | null;
  error?: string;
  /** Wall time relative to slant's (tool / slant). */
  ratioToSlant?: number | null;
}

interface ToolSpec {
  tool: string;
  /** Script to run with this Node (relative to the repo root). */
  script: string;
  args: string[];
  /** Findings reported, from the output of the last run. */
  count: (stdout: string, stderr: string) => number | null;
}

const lastNumber = (re: RegExp, s: string): number | null => {
  const all = [...s.matchAll(re)];
  const m = all[all.length - 1];
  return m?.[1] !== undefined ? Number(m[1].replace(/,/g, '')) : null;
};

/** Runs a CLI `runs` times on the files, output to files under .bench, wall time by hrtime. */
function runTool(spec: ToolSpec, files: string[], runs: number): ToolRun {
  const script = path.join(repoRoot, spec.script);
  const shown = `${spec.script} ${spec.args.join(' ')} <${files.length} files>`.replace(/\s+/g, ' ');
  if (!existsSync(script)) return { tool: spec.tool, command: shown, runs: 0, medianS: null, timesS: [], exitCode: null, findings: null, error: `${spec.script} not found` };
  const outFile = path.join(benchDir, `${spec.tool}.stdout.txt`);
  const errFile = path.join(benchDir, `${spec.tool}.stderr.txt`);
  const times: number[] = [];
  let exitCode: number | null = null;
  let error: string | undefined;
  for (let i = 0; i < runs; i++) {
    const out = openSync(outFile, 'w');
    const err = openSync(errFile, 'w');
    const t0 = process.hrtime.bigint();
    const r = spawnSync(process.execPath, [script, ...spec.args, ...files], {
      cwd: repoRoot,
      stdio: ['ignore', out, err],
      env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
    });
    times.push(Number(process.hrtime.bigint() - t0) / 1e9);
    closeSync(out);
    closeSync(err);
    exitCode = r.status;
    if (r.error) error = r.error.message;
  }
  const stdout = readFileSync(outFile, 'utf8');
  const stderr = readFileSync(errFile, 'utf8');
  if (exitCode !== null && exitCode !== 0 && stdout.trim() === '' && stderr.trim() !== '' && spec.count(stdout, stderr) === null) {
    error ??= stderr.trim().split('\n').slice(0, 3).join(' | ');
  }
  return { tool: spec.tool, command: shown, runs, medianS: median(times), timesS: times, exitCode, findings: spec.count(stdout, stderr), ...(error !== undefined ? { error } : {}) };
}

/** Writes ~`targetBytes` of article files (samples repeated) into a fresh folder; returns their paths. */
function writeArticleFiles(articles: Article[], dir: string, targetBytes: number): { files: string[]; bytes: number } {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const files: string[] = [];
  let bytes = 0;
  for (let i = 0; bytes < targetBytes; i++) {
    const a = articles[i % articles.length] as Article;
    const file = path.join(dir, `${String(i + 1).padStart(4, '0')}-${a.name}`);
    writeFileSync(file, a.source);
    files.push(file);
    bytes += utf8Bytes(a.source);
  }
  return { files, bytes };
}

// ---------------------------------------------------------------------------------------------
// Comparison (issue 5)
// ---------------------------------------------------------------------------------------------

interface CompareTiming {
  step: string;
  input: string;
  runs: number;
  medianMs: number;
  p95Ms: number;
  /** What the step produced, so a fast but empty result shows. */
  output: string;
}

interface CompareDoc {
  path: string;
  outlet: string;
  text: string;
}

const paragraphsOf = (texts: readonly string[]): string[] => texts.flatMap((t) => t.split(/\n{2,}/)).filter((p) => p.trim() !== '');

/**
 * Two ~3,000-word articles on one story: the Bosphorus Herald sample's paragraphs (with the
 * other non-story samples) against the Levant Ledger's and the wire report's; synthetic articles
 * when the samples are missing. `pieces` are the articles' Markdown bodies.
 */
function articlePair(articles: readonly Article[], pieces: readonly string[]): CompareDoc[] {
  const pick = (names: string[]): string[] => articles.flatMap((a, i) => (names.some((n) => a.name.startsWith(n)) ? [pieces[i] as string] : []));
  let a = pick(['bosphorus-herald', 'civic-pulse', 'op-ed']);
  let b = pick(['levant-ledger', 'meridian-wire']);
  if (a.length === 0 || b.length === 0) [a, b] = syntheticArticles(2, 7).map((x) => [x.plain]) as [string[], string[]];
  return [
    { path: 'a.md', outlet: 'A', text: articleOfWords(a, 3000) },
    { path: 'b.md', outlet: 'B', text: articleOfWords(b, 3000) },
  ];
}

/**
 * `count` documents of ~`words` words in 10 outlets: each interleaves its own synthetic paragraphs
 * with a different two-fifths of the samples' paragraphs (the shared story, as wire copy is
 * reused), starting at a different place, so documents share some passages word for word, some
 * in part, and most not at all.
 */
function documentSet(pieces: readonly string[], count: number, words: number): CompareDoc[] {
  const story = paragraphsOf(pieces);
  const own = syntheticArticles(count, 11).map((a) => paragraphsOf([a.plain]));
  return Array.from({ length: count }, (_, i) => {
    const shared = story.filter((_, j) => (j * 7 + i * 3) % 5 < 2);
    const rotated = [...shared.slice(i % shared.length), ...shared.slice(0, i % shared.length)];
    const mine = own[i] as string[];
    const mixed = Array.from({ length: Math.max(rotated.length, mine.length) }, (_, k) => [rotated[k], mine[k]]).flat().filter((p): p is string => p !== undefined);
    return { path: `doc-${String(i + 1).padStart(3, '0')}.md`, outlet: `Outlet ${(i % 10) + 1}`, text: articleOfWords(mixed, words) };
  });
}

interface Prepared {
  results: AnalysisResult[];
  mentions: EntityMention[][];
}

/** Analyses and entity mentions, made once: they belong to the profile, not to the steps timed here. */
function prepare(docs: readonly CompareDoc[]): Prepared {
  const gazetteer = builtinGazetteer();
  const results = docs.map((d) => analyse(d.text, { path: d.path }));
  return { results, mentions: results.map((r) => findMentions(r.document, gazetteer)) };
}

function alignInputs(docs: readonly CompareDoc[], prepared: Prepared): AlignDoc[] {
  return docs.map((d, i) => ({
    path: d.path,
    outlet: d.outlet,
    text: d.text,
    lineStarts: lineStartsOf(d.text),
    passages: buildPassages(prepared.results[i] as AnalysisResult, prepared.mentions[i] ?? []),
  }));
}

function timed(step: string, input: string, runs: number, warmup: number, fn: () => string): CompareTiming {
  let output = '';
  const ms = time(
    () => {
      output = fn();
    },
    runs,
    warmup,
  );
  return { step, input, runs, medianMs: median(ms), p95Ms: percentile(ms, 95), output };
}

/** Passages, alignment and terms on one set of documents. */
function compareSteps(name: string, docs: readonly CompareDoc[], runs: number, warmup: number): CompareTiming[] {
  const words = docs.reduce((s, d) => s + wordCount(d.text), 0);
  const input = `${name}: ${int(docs.length)} docs, ${int(words)} words`;
  log(`  ${input}`);
  const prepared = prepare(docs);
  let inputs: AlignDoc[] = [];
  const passages = timed('passages + term counts', input, runs, warmup, () => {
    inputs = alignInputs(docs, prepared);
    for (const r of prepared.results) termCounts(r);
    return `${int(inputs.reduce((s, d) => s + d.passages.length, 0))} passages`;
  });
  const align = timed('align', input, runs, warmup, () => `${int(alignDocuments(inputs).length)} pairs`);
  const outlets = new Map<string, Record<string, number>>();
  docs.forEach((d, i) => {
    const pooled = outlets.get(d.outlet) ?? (Object.create(null) as Record<string, number>);
    for (const [t, n] of Object.entries(termCounts(prepared.results[i] as AnalysisResult))) pooled[t] = (pooled[t] ?? 0) + n;
    outlets.set(d.outlet, pooled);
  });
  const groups = [...outlets].map(([outlet, terms]) => ({ name: outlet, terms }));
  const terms = timed(`distinctive terms (${groups.length} outlets)`, input, runs, warmup, () => {
    const found = distinctiveTerms(groups);
    return `${int(Object.values(found).reduce((s, t) => s + t.length, 0))} terms`;
  });
  return [passages, align, terms];
}

/**
 * The whole comparison (`compareTexts`: analysis, entity mentions, stance, profiles, alignment,
 * terms, naming) on the same document sets, warm: what `slant compare` and the editor's view cost.
 */
function wholeComparison(sets: readonly { name: string; docs: readonly CompareDoc[]; runs: number; warmup: number }[]): CompareTiming[] {
  return sets.map((set) => {
    const words = set.docs.reduce((s, d) => s + wordCount(d.text), 0);
    const input = `${set.name}: ${int(set.docs.length)} docs, ${int(words)} words`;
    const runs = Math.max(3, Math.ceil(set.runs / 3));
    return timed('whole compare (compareTexts)', input, runs, 1, () => {
      const c = compareTexts(set.docs);
      return `${int(c.entities.length)} entities, ${int(c.alignments.length)} pairs kept`;
    });
  });
}

function comparisonSection(articles: readonly Article[], mdPieces: readonly string[]): { timings: CompareTiming[]; table: Table } {
  log('Comparison');
  const sets = [
    { name: 'two ~3,000-word articles', docs: articlePair(articles, mdPieces), runs: 30, warmup: 10 },
    { name: '200 documents', docs: documentSet(mdPieces, 200, 2000), runs: 5, warmup: 1 },
  ];
  const timings = [...sets.flatMap((s) => compareSteps(s.name, s.docs, s.runs, s.warmup)), ...wholeComparison(sets)];
  return {
    timings,
    table: {
      title: 'Comparison, warm (analysis and entity mentions made beforehand; median and p95 of the runs)',
      columns: [{ header: 'input', align: 'left' }, { header: 'step', align: 'left' }, { header: 'runs' }, { header: 'median ms' }, { header: 'p95 ms' }, { header: 'output', align: 'left' }],
      rows: timings.map((t) => [t.input, t.step, String(t.runs), fmt(t.medianMs, 2), fmt(t.p95Ms, 2), t.output]),
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Hostile inputs (issue 19)
// ---------------------------------------------------------------------------------------------

const HOSTILE_SIZES = [50_000, 100_000, 200_000, 400_000];

/** One size of one pattern, as the child process reports it. */
interface HostileStep {
  bytes: number;
  runs: number;
  bestMs: number;
  findings: number;
}

interface HostileRow {
  pattern: string;
  format: Format;
  steps: HostileStep[];
  /** The first size that did not finish within the limit, and the seconds it had. */
  over: { bytes: number; seconds: number } | null;
  /** Time ratio per doubling (100/50, 200/100, 400/200 KB), for the sizes that finished. */
  growth: number[];
  error?: string;
}

/**
 * In the child process: analyses one pattern at each size (after a small untimed run), printing
 * one JSON line per size as soon as it is done, so the parent keeps what finished before a kill.
 * Up to 5 runs per size while they stay under 2 s in all; the best is kept (the machine's noise
 * only ever adds time, and it would hide the growth of the small sizes).
 */
function hostileChild(name: string): void {
  const p = hostilePattern(name);
  analyse(p.make(5_000), { format: p.format });
  for (const bytes of HOSTILE_SIZES) {
    const text = p.make(bytes);
    const ms: number[] = [];
    let findings = 0;
    let spent = 0;
    while (ms.length < 5 && (ms.length === 0 || spent < 2000)) {
      const t0 = process.hrtime.bigint();
      findings = analyse(text, { format: p.format }).findings.length;
      const t = Number(process.hrtime.bigint() - t0) / 1e6;
      ms.push(t);
      spent += t;
    }
    const step: HostileStep = { bytes: text.length, runs: ms.length, bestMs: Math.min(...ms), findings };
    process.stdout.write(`${JSON.stringify(step)}\n`);
  }
}

/** Every hostile pattern in its own child process, killed after `limitS` seconds. */
function hostileSection(limitS: number): { rows: HostileRow[]; table: Table } {
  log(`Hostile inputs (${HOSTILE_SIZES.map((b) => `${b / 1000}`).join('/')} KB, at most ${limitS} s per pattern)`);
  const only = process.env.SLANT_BENCH_PATTERNS?.split(',').filter(Boolean);
  const rows: HostileRow[] = HOSTILE_PATTERNS.filter((p) => !only || only.includes(p.name)).map((p) => {
    log(`  ${p.name}…`);
    const t0 = performance.now();
    const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'scripts', 'bench.ts')], {
      cwd: repoRoot,
      env: { ...process.env, SLANT_BENCH_CHILD: p.name },
      encoding: 'utf8',
      timeout: limitS * 1000,
      killSignal: 'SIGKILL',
      maxBuffer: 1 << 20,
    });
    const elapsedS = (performance.now() - t0) / 1000;
    const steps = r.stdout
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as HostileStep);
    const missing = HOSTILE_SIZES[steps.length];
    const killed = r.signal !== null || (r.error as NodeJS.ErrnoException | undefined)?.code === 'ETIMEDOUT';
    const spentS = steps.reduce((s, x) => s + (x.bestMs * x.runs) / 1000, 0);
    const over = missing !== undefined && killed ? { bytes: missing, seconds: Math.max(0, Math.round(elapsedS - spentS)) } : null;
    const growth = steps.slice(1).map((x, i) => x.bestMs / Math.max(0.001, (steps[i] as HostileStep).bestMs));
    const failed = missing !== undefined && !killed ? (r.stderr.trim().split('\n').slice(-3).join(' | ') || `exit ${r.status}`) : undefined;
    return { pattern: p.name, format: p.format, steps, over, growth, ...(failed !== undefined ? { error: failed } : {}) };
  });
  const cell = (row: HostileRow, bytes: number): string => {
    const step = row.steps.find((_, i) => HOSTILE_SIZES[i] === bytes);
    if (step) return fmt(step.bestMs, step.bestMs < 100 ? 1 : 0);
    if (row.over?.bytes === bytes) return `over ${row.over.seconds} s`;
    return row.error !== undefined && HOSTILE_SIZES[row.steps.length] === bytes ? 'error' : '-';
  };
  const worst = (row: HostileRow): number => (row.growth.length > 0 ? Math.max(...row.growth) : Number.NaN);
  // Slowest: the one that got least far, then the slowest at the last size it finished.
  const last = (row: HostileRow): number => row.steps[row.steps.length - 1]?.bestMs ?? Number.POSITIVE_INFINITY;
  const slowest = rows.filter((r) => r.error === undefined).sort((a, b) => a.steps.length - b.steps.length || last(b) - last(a))[0];
  const slowestCell = (row: HostileRow): string => {
    const bytes = HOSTILE_SIZES[Math.min(row.steps.length, HOSTILE_SIZES.length - 1)] as number;
    const c = cell(row, bytes);
    return row.steps.length === HOSTILE_SIZES.length || c === '-' ? `${c} ms at ${bytes / 1000} KB` : `${c} at ${bytes / 1000} KB`;
  };
  const steepest = [...rows].filter((r) => r.growth.length > 0).sort((a, b) => worst(b) - worst(a))[0];
  const title = [
    `Hostile inputs: analyse() in ms per size (best of up to 5 runs), growth per doubling (goal ≤ 2.3), at most ${limitS} s per pattern`,
    slowest ? `slowest: ${slowest.pattern} (${slowestCell(slowest)})` : '',
    steepest ? `steepest growth: ${steepest.pattern} (${fmt(worst(steepest), 2)}×)` : '',
  ]
    .filter(Boolean)
    .join('; ');
  return {
    rows,
    table: {
      title,
      columns: [
        { header: 'pattern', align: 'left' },
        { header: 'format', align: 'left' },
        ...HOSTILE_SIZES.map((b) => ({ header: `${b / 1000} KB` })),
        { header: 'growth per doubling', align: 'left' },
        { header: 'max' },
        { header: 'findings' },
        { header: 'error', align: 'left' },
      ],
      rows: rows.map((r) => [
        r.pattern,
        r.format,
        ...HOSTILE_SIZES.map((b) => cell(r, b)),
        r.growth.map((g) => fmt(g, 2)).join(' '),
        fmt(worst(r), 2),
        r.steps.length > 0 ? int((r.steps[r.steps.length - 1] as HostileStep).findings) : '-',
        r.error?.slice(0, 80) ?? '',
      ]),
    },
  };
}

function hostileLimitS(): number {
  const n = Number(process.env.SLANT_BENCH_LIMIT_S ?? 60);
  return Number.isFinite(n) && n > 0 ? n : 60;
}

function main(): void {
  const child = process.env.SLANT_BENCH_CHILD;
  if (child !== undefined) {
    hostileChild(child);
    return;
  }
  const started = performance.now();
  mkdirSync(benchDir, { recursive: true });
  let articles = loadSamples(samplesDir);
  const corpusSource = articles.length > 0 ? `samples/ (${articles.length} articles: ${articles.map((a) => a.name).join(', ')})` : 'synthetic (no samples found)';
  if (articles.length === 0) articles = syntheticArticles(8);
  log(`Corpus: ${corpusSource}`);

  // Markdown pieces: each article's Markdown body (front matter kept only at the start of a chunk
  // would be odd after concatenation, so it is dropped); plain pieces: the text versions.
  const mdPieces = articles.map((a) => (a.format === 'markdown' ? stripFrontMatter(a.source).trim() : a.source.trim()));
  const plainPieces = articles.map((a) => a.plain);

  if (process.env.SLANT_BENCH === 'memory') {
    const memory = memorySection(benchDir);
    writeFileSync(path.join(benchDir, 'memory.json'), JSON.stringify({ date: new Date().toISOString(), node: process.version, runs: memory.runs }, null, 2) + '\n');
    console.log(renderTable(memory.table));
    return;
  }
  if (process.env.SLANT_BENCH === 'comparison') {
    console.log(renderTable(comparisonSection(articles, mdPieces).table));
    return;
  }
  if (process.env.SLANT_BENCH === 'hostile') {
    const hostile = hostileSection(hostileLimitS());
    writeFileSync(path.join(benchDir, 'hostile.json'), JSON.stringify({ date: new Date().toISOString(), node: process.version, rows: hostile.rows }, null, 2) + '\n');
    console.log(renderTable(hostile.table));
    return;
  }
  if (process.env.SLANT_BENCH === 'nlp') {
    void nlpSection(mdPieces, plainPieces, path.join(samplesDir, 'meridian-wire-bases.md'), time, log).then(({ table, results }) => {
      console.log(renderTable(table));
      writeFileSync(path.join(benchDir, 'nlp.json'), JSON.stringify(results, null, 2) + '\n');
    });
    return;
  }

  log('Engine throughput');
  const chunkBytes = 50_000;
  const corpusBytes = 1_500_000;
  const mdDocs = chunk(repeatTo(mdPieces, corpusBytes), chunkBytes);
  const textDocs = chunk(repeatTo(plainPieces, corpusBytes), chunkBytes);
  const bigText = repeatTo(plainPieces, MB).join('\n\n');
  const throughputs = [
    throughput('plain text, ~50 KB documents', textDocs, 'text', 7, 2),
    throughput('Markdown, ~50 KB documents', mdDocs, 'markdown', 7, 2),
    throughput('plain text, one ~1 MB document', [bigText], 'text', 5, 1),
  ];

  log('Single article');
  const mdArticle = articleOfWords(mdPieces, 3000);
  const textArticle = articleOfWords(plainPieces, 3000);
  const latencies = [latency('~3,000-word article', mdArticle, 'markdown'), latency('~3,000-word article', textArticle, 'text')];

  log('Whole-process check on ~1 MB of article files');
  const articleDir = path.join(benchDir, 'articles');
  const { files, bytes: filesBytes } = writeArticleFiles(articles, articleDir, MB);
  const relFiles = files.map((f) => path.relative(repoRoot, f));
  const hyperfine = spawnSync('which', ['hyperfine'], { encoding: 'utf8' }).stdout.trim();
  const specs: ToolSpec[] = [
    {
      tool: 'slant',
      script: 'dist/cli.cjs',
      args: ['check', '--no-config', '--no-color'],
      count: (stdout) => lastNumber(/(\d[\d,]*)\s+findings?\b/gi, stdout) ?? (/no findings/i.test(stdout) ? 0 : null),
    },
    {
      tool: 'write-good',
      script: 'node_modules/.bin/write-good',
      args: ['--parse'],
      count: (stdout) => stdout.split('\n').filter((l) => l.trim() !== '').length,
    },
    {
      tool: 'alex',
      script: 'node_modules/.bin/alex',
      args: [],
      count: (stdout, stderr) => {
        const s = `${stdout}\n${stderr}`;
        const warnings = lastNumber(/(\d[\d,]*)\s+warnings?\b/gi, s);
        const errors = lastNumber(/(\d[\d,]*)\s+errors?\b/gi, s);
        return warnings === null && errors === null ? (/no issues found/i.test(s) ? 0 : null) : (warnings ?? 0) + (errors ?? 0);
      },
    },
  ];
  let tools: ToolRun[];
  let timing: string;
  if (hyperfine !== '') {
    timing = 'hyperfine';
    tools = runWithHyperfine(hyperfine, specs, relFiles);
  } else {
    timing = 'process.hrtime, median of 3 runs each (hyperfine not installed)';
    tools = specs.map((s) => {
      log(`  ${s.tool}…`);
      return runTool(s, relFiles, 3);
    });
  }
  const slantS = tools.find((t) => t.tool === 'slant')?.medianS ?? null;
  for (const t of tools) t.ratioToSlant = t.medianS !== null && slantS !== null && slantS > 0 ? t.medianS / slantS : null;

  const comparison = comparisonSection(articles, mdPieces);
  const hostile = hostileSection(hostileLimitS());

  const tables: Table[] = [
    {
      title: `Engine throughput (MB = 10^6 bytes of UTF-8; median of the runs)`,
      columns: [{ header: 'input', align: 'left' }, { header: 'docs' }, { header: 'MB' }, { header: 'runs' }, { header: 'median ms' }, { header: 'min–max ms' }, { header: 'MB/s' }, { header: 'findings' }],
      rows: throughputs.map((t) => [t.name, int(t.documents), fmt(t.bytes / MB, 2), String(t.runs), fmt(t.medianMs, 1), `${fmt(t.minMs, 0)}–${fmt(t.maxMs, 0)}`, fmt(t.mbPerSecond, 2), int(t.findings)]),
    },
    {
      title: 'One article, warm (30 runs after 10 warm-up runs)',
      columns: [{ header: 'input', align: 'left' }, { header: 'format', align: 'left' }, { header: 'words' }, { header: 'KB' }, { header: 'median ms' }, { header: 'p95 ms' }, { header: 'findings' }],
      rows: latencies.map((l) => [l.name, l.format, int(l.words), fmt(l.bytes / 1000, 1), fmt(l.medianMs, 2), fmt(l.p95Ms, 2), int(l.findings)]),
    },
    {
      title: `Whole process on ${int(files.length)} files, ${fmt(filesBytes / MB, 2)} MB (${timing})`,
      columns: [{ header: 'tool', align: 'left' }, { header: 'median s' }, { header: 'runs (s)', align: 'left' }, { header: 'vs slant' }, { header: 'exit' }, { header: 'findings' }, { header: 'command', align: 'left' }],
      rows: tools.map((t) => [
        t.tool,
        fmt(t.medianS, 2),
        t.timesS.map((s) => s.toFixed(2)).join(' '),
        t.ratioToSlant === null || t.ratioToSlant === undefined ? '-' : `${t.ratioToSlant.toFixed(2)}×`,
        t.exitCode === null ? '-' : String(t.exitCode),
        t.findings === null ? '-' : int(t.findings),
        t.error !== undefined ? `${t.command} (error: ${t.error})` : t.command,
      ]),
    },
    comparison.table,
    hostile.table,
  ];

  const totalS = (performance.now() - started) / 1000;
  const results = {
    date: new Date().toISOString(),
    environment: { node: process.version, platform: `${os.platform()} ${os.arch()}`, cpu: os.cpus()[0]?.model ?? 'unknown', cpus: os.cpus().length },
    corpus: { source: corpusSource, chunkBytes, markdownBytes: mdDocs.reduce((s, d) => s + utf8Bytes(d), 0), textBytes: textDocs.reduce((s, d) => s + utf8Bytes(d), 0) },
    throughput: throughputs,
    article: latencies,
    cli: { timing, files: files.length, bytes: filesBytes, tools },
    comparison: comparison.timings,
    hostile: hostile.rows,
    totalSeconds: totalS,
  };
  writeFileSync(path.join(benchDir, 'results.json'), JSON.stringify(results, null, 2) + '\n');

  const out = [`Slant benchmark — Node ${process.version}, ${results.environment.cpu} (${results.environment.cpus} CPUs)`, `Corpus: ${corpusSource}`];
  for (const t of tables) out.push('', renderTable(t));
  out.push('', 'Ratios > 1 mean the other tool took longer than slant. The tools check different things; this compares cost only.');
  out.push(`Results written to ${path.relative(repoRoot, path.join(benchDir, 'results.json'))}; run time ${totalS.toFixed(1)} s`);
  console.log(out.join('\n'));
}

/** Times every tool with hyperfine (3 runs each, after a warm-up), counting findings from one extra run. */
function runWithHyperfine(hyperfine: string, specs: ToolSpec[], files: string[]): ToolRun[] {
  const exportFile = path.join(benchDir, 'hyperfine.json');
  const quote = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;
  const commands = specs.map((s) => [process.execPath, path.join(repoRoot, s.script), ...s.args, ...files].map(quote).join(' '));
  const args = ['--warmup', '1', '--runs', '3', '--ignore-failure', '--style', 'basic', '--export-json', exportFile];
  specs.forEach((s, i) => args.push('-n', s.tool, commands[i] as string));
  const r = spawnSync(hyperfine, args, { cwd: repoRoot, stdio: ['ignore', 'inherit', 'inherit'] });
  const counted = specs.map((s) => runTool(s, files, 1));
  if (r.status !== 0 || !existsSync(exportFile)) return counted;
  const exported = JSON.parse(readFileSync(exportFile, 'utf8')) as { results: { command: string; median: number; times: number[] }[] };
  return counted.map((c, i) => {
    const h = exported.results[i];
    return h ? { ...c, runs: h.times.length, medianS: h.median, timesS: h.times } : c;
  });
}

/** The language server's latency (its own table and `.bench/lsp.json`); `SLANT_BENCH_SERVER` may name another build's server. */
async function languageServerSection(): Promise<void> {
  log('Language server over stdio');
  mkdirSync(benchDir, { recursive: true });
  const results = await lspBench(path.resolve(process.env.SLANT_BENCH_SERVER ?? path.join(repoRoot, 'dist', 'server.cjs')), { log });
  writeFileSync(path.join(benchDir, 'lsp.json'), JSON.stringify({ date: new Date().toISOString(), ...results }, null, 2) + '\n');
  console.log(['', ...lspTables(results).map((t) => renderTable(t))].join('\n\n'));
}

const section = process.env.SLANT_BENCH;
if (section !== 'lsp') main();
// The language server's section runs in the full bench and alone, never in a hostile-input child.
if ((section === undefined || section === 'lsp') && process.env.SLANT_BENCH_CHILD === undefined) await languageServerSection();
