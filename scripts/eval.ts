/**
 * Scores Slant's loaded-wording and claims-and-attribution rules against annotated research data
 * kept outside the repo (`../shared/eval/`, see its README). Usage:
 *
 *   npm run eval -- [FILE.jsonl ...] [--json] [--min-severity hint|info|warning|error] [--errors N] [--held-out show|hide]
 *
 * With no file, every supported file in the eval folder is scored. The careful-reader score comes
 * first: every rule's findings against what a careful reader wants flagged (careful-reader-*.jsonl),
 * with a held-out quarter of the articles reported apart. Loaded wording means findings
 * in the 'loaded' and 'partisan' categories; claims and attribution, findings in 'unsupported',
 * 'attribution' and 'speculation' (SemEval Doubt / Obfuscation spans, CheckThat claim detection).
 * Nothing from the data is written anywhere.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { SEVERITIES, builtinLexicon, type Severity } from '../server/src/engine/index.js';
import { evalDir, resolveDataFile } from './lib/data.js';
import { Diagnostics, type EntrySummary } from './lib/diagnostics.js';
import { SCORERS, scorerFor, scorersFor, type DatasetReport } from './lib/scorers/index.js';
import { LOADED_CATEGORIES, SOURCING_CATEGORIES } from './lib/predict.js';
import { fmt, int, pct, renderTable, type Table } from './lib/table.js';

const USAGE = `Usage: npm run eval -- [FILE.jsonl ...] [--json] [--min-severity SEVERITY] [--errors N] [--held-out show|hide]

Scores every finding against what a careful reader wants flagged (careful-reader*), loaded/partisan findings and claims-and-attribution findings (unsupported, attribution,
speculation) against the annotated data in ${evalDir}.
  FILE               A data file (path, or name inside the eval folder); default: all supported
  --json             Print one JSON object with every figure instead of tables
  --min-severity S   Count only findings at S or above: ${[...SEVERITIES].reverse().join(', ')} (default: all)
  --errors N         Rows in each diagnostics table and listing (default 15)
  --held-out H       show (default) or hide the careful-reader figures of the held-out articles;
                     their false positives and misses are never listed
Supported files: ${supportedFiles()}`;

/** The data file name prefixes the scorers take, for messages. */
function supportedFiles(): string {
  return [...new Set(SCORERS.map((s) => `${s.id.split('-')[0] ?? s.id}*`))].join(', ');
}

interface Options {
  files: string[];
  json: boolean;
  minSeverity: Severity | null;
  errors: number;
  heldOut: 'show' | 'hide';
}

function parseOptions(argv: string[]): Options | null {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      json: { type: 'boolean', default: false },
      'min-severity': { type: 'string' },
      errors: { type: 'string', default: '15' },
      'held-out': { type: 'string', default: 'show' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return null;
  }
  const sev = values['min-severity'];
  if (sev !== undefined && !(SEVERITIES as readonly string[]).includes(sev)) {
    throw new Error(`--min-severity must be one of ${SEVERITIES.join(', ')}`);
  }
  const errors = Number(values.errors);
  if (!Number.isInteger(errors) || errors < 0) throw new Error('--errors must be a whole number ≥ 0');
  const heldOut = values['held-out'];
  if (heldOut !== 'show' && heldOut !== 'hide') throw new Error('--held-out must be show or hide');
  return { files: positionals, json: values.json, minSeverity: (sev as Severity | undefined) ?? null, errors, heldOut };
}

/** The data files to score, in report order (careful-reader first): those named, or every supported file in the eval folder. */
function dataFiles(args: string[]): string[] {
  if (args.length > 0) {
    return args
      .map((arg) => {
        const file = resolveDataFile(arg);
        if (file === null) throw new Error(`no such data file: ${arg} (looked here and in ${evalDir})`);
        if (!scorerFor(path.basename(file))) throw new Error(`no scorer for ${path.basename(file)} (supported: ${supportedFiles()})`);
        return file;
      })
      .sort((a, b) => scorerOrder(path.basename(a)) - scorerOrder(path.basename(b)));
  }
  let names: string[];
  try {
    names = readdirSync(evalDir);
  } catch {
    throw new Error(`the eval data folder ${evalDir} cannot be read`);
  }
  const files = names
    .filter((n) => n.endsWith('.jsonl') && scorerFor(n) !== undefined)
    .sort((a, b) => scorerOrder(a) - scorerOrder(b) || a.localeCompare(b))
    .map((n) => path.join(evalDir, n));
  if (files.length === 0) throw new Error(`no supported data files in ${evalDir}`);
  return files;
}

function scorerOrder(fileName: string): number {
  return SCORERS.findIndex((s) => s.matches(fileName));
}

function entryTable(title: string, entries: EntrySummary[], datasets: string[], lexiconIds: Set<string>): Table {
  return {
    title,
    columns: [
      { header: 'entry', align: 'left' },
      { header: 'rule', align: 'left' },
      { header: 'TP' },
      { header: 'FP' },
      { header: 'precision' },
      ...datasets.map((d) => ({ header: `${d} tp/fp` })),
      { header: 'matched as', align: 'left' },
    ],
    rows: entries.map((e) => [
      lexiconIds.has(e.entry) || e.entry.startsWith('rule:') ? e.entry : `${e.entry} (?)`,
      e.ruleId,
      int(e.tp),
      int(e.fp),
      fmt(e.precision),
      ...datasets.map((d) => {
        const c = e.byDataset[d];
        return c ? `${c.tp}/${c.fp}` : '-';
      }),
      e.forms
        .slice(0, 3)
        .map((f) => `${f.form}×${f.n}`)
        .join(', '),
    ]),
  };
}

function main(): number {
  const t0 = performance.now();
  let options: Options | null;
  let files: string[];
  try {
    options = parseOptions(process.argv.slice(2));
    if (options === null) return 0;
    files = dataFiles(options.files);
  } catch (error) {
    console.error(`eval: ${(error as Error).message}`);
    console.error(USAGE);
    return 2;
  }
  const diagnostics = new Diagnostics();
  const context = {
    minSeverity: options.minSeverity,
    diagnostics,
    progress: (message: string): void => {
      if (!options?.json) process.stderr.write(`${message}…\n`);
    },
    listRows: options.errors,
    heldOut: options.heldOut,
  };
  const lexicon = builtinLexicon();
  const lexiconIds = new Set(lexicon.entries.map((e) => e.id));
  const reports: DatasetReport[] = [];
  try {
    for (const file of files) {
      for (const scorer of scorersFor(path.basename(file))) reports.push(scorer.score(file, context));
    }
  } catch (error) {
    console.error(`eval: ${(error as Error).message}`);
    return 1;
  }
  const n = options.errors;
  const datasets = diagnostics.datasets;
  const worst = diagnostics.worstEntries(n);
  const best = diagnostics.bestEntries(n);
  const missed = diagnostics.missedWords(n);
  const voice = diagnostics.voiceSummary();
  const allEntries = diagnostics.entryList();
  const unusedEntries = lexicon.entries.filter((e) => !allEntries.some((x) => x.entry === e.id)).length;
  const runMs = performance.now() - t0;
  const analyseMs = reports.reduce((s, r) => s + r.analyseMs, 0);

  if (options.json) {
    const out = {
      evalDir,
      options: { files: files.map((f) => path.basename(f)), minSeverity: options.minSeverity ?? 'all', errors: n, heldOut: options.heldOut, loadedCategories: [...LOADED_CATEGORIES], sourcingCategories: [...SOURCING_CATEGORIES] },
      lexicon: { entries: lexicon.size, entriesWithFindings: allEntries.filter((e) => lexiconIds.has(e.entry)).length, entriesWithoutFindings: unusedEntries },
      datasets: reports.map((r) => ({
        dataset: r.dataset,
        file: path.basename(r.file),
        status: r.status,
        ...(r.message !== undefined ? { message: r.message } : {}),
        rows: r.rows,
        analysedChars: r.analysedChars,
        analyseMs: Math.round(r.analyseMs),
        ...r.figures,
      })),
      diagnostics: {
        worstEntries: worst,
        bestEntries: best,
        missedWords: diagnostics.missedWords(Math.max(n, 200)),
        voice,
        entries: allEntries.sort((a, b) => b.fp + b.tp - (a.fp + a.tp) || a.entry.localeCompare(b.entry)),
      },
      runMs: Math.round(runMs),
      analyseMs: Math.round(analyseMs),
    };
    console.log(JSON.stringify(out, null, 2));
    return 0;
  }

  const out: string[] = [];
  out.push(`Slant evaluation: data ${[...new Set(files.map((f) => path.dirname(f)))].join(', ')} (development split)`);
  out.push(`Loaded wording = findings in categories ${[...LOADED_CATEGORIES].join(' + ')}; claims and attribution = ${[...SOURCING_CATEGORIES].join(' + ')}`);
  out.push(`Minimum severity: ${options.minSeverity ?? 'all'}`);
  if (datasets.length > 0) out.push(`Lexicon: ${int(lexicon.size)} entries; ${int(unusedEntries)} of them produced no counted finding on this data`);
  for (const r of reports) {
    out.push('');
    out.push(`== ${r.title}: ${path.basename(r.file)}, ${int(r.rows)} rows`);
    if (r.status === 'not-scored') {
      out.push(`  ${r.message ?? 'not scored'}`);
      continue;
    }
    out.push(`  analysed ${int(r.analysedChars)} characters in ${(r.analyseMs / 1000).toFixed(2)} s`);
    for (const t of r.tables) {
      out.push('');
      out.push(renderTable(t));
    }
    if (r.notes.length > 0) out.push('');
    for (const note of r.notes) out.push(`  Note: ${note}`);
  }
  if (datasets.length > 0) {
    out.push('');
    out.push(`== Diagnostics for tuning (across ${datasets.join(', ')}; top ${n})`);
    out.push('  A finding is a true positive when it overlaps a gold span. "(?)" marks an id not in the built-in lexicon.');
    out.push('');
    out.push(renderTable(entryTable('Entries with the most false positives', worst, datasets, lexiconIds)));
    out.push('');
    out.push(renderTable(entryTable('Entries with the most true positives', best, datasets, lexiconIds)));
    out.push('');
    out.push(
      renderTable({
        title: 'Gold-span words no finding covers (lower-cased, function words left out)',
        columns: [{ header: 'word', align: 'left' }, { header: 'missed' }, { header: 'in gold' }, ...datasets.map((d) => ({ header: d }))],
        rows: missed.map((w) => [w.word, int(w.missed), int(w.inGold), ...datasets.map((d) => int(w.byDataset[d] ?? 0))]),
      }),
    );
    out.push('');
    out.push(
      renderTable({
        title: 'Quoted speech vs author voice (predicted spans)',
        columns: [
          { header: 'data', align: 'left' },
          { header: 'predicted' },
          { header: 'quoted' },
          { header: 'quoted share' },
          { header: 'precision quoted' },
          { header: 'precision author' },
        ],
        rows: voice.map((v) => [v.dataset, int(v.predictions), int(v.quoted), pct(v.quotedShare), fmt(v.precisionQuoted), fmt(v.precisionAuthor)]),
      }),
    );
  }
  out.push('');
  out.push(`Run time: ${(runMs / 1000).toFixed(2)} s (engine: ${(analyseMs / 1000).toFixed(2)} s)`);
  console.log(out.join('\n'));
  return 0;
}

process.exitCode = main();
