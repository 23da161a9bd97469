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
 *     documents in 10 outlets.
 *
 * Prints a table and writes `.bench/results.json` (the folder is git-ignored).
 * `SLANT_BENCH=comparison npm run bench` runs only the comparison section; `SLANT_BENCH=nlp` only
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
import { articleOfWords, chunk, loadSamples, repeatTo, stripFrontMatter, syntheticArticles, utf8Bytes, wordCount, type Article } from './lib/corpus.js';
import { repoRoot } from './lib/data.js';
import { nlpSection } from './bench-nlp.js';
import { median, percentile } from './lib/metrics.js';
import { fmt, int, renderTable, type Table } from './lib/table.js';

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

function main(): void {
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

  if (process.env.SLANT_BENCH === 'comparison') {
    console.log(renderTable(comparisonSection(articles, mdPieces).table));
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

main();
