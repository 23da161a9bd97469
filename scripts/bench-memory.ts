/**
 * Whole-process time and peak resident memory of `slant check` on one large file of realistic
 * prose (the sample articles' Markdown repeated) of 20, 60 and 240 MB, measured with
 * `/usr/bin/time -v` (GNU time; `apt-get install time`). The engine analyses at most
 * `maxLength` characters (5,000,000 by default), so the memory should not grow with the file.
 * Run by `SLANT_BENCH=memory npm run bench`; sizes can be set with SLANT_MEMORY_MB=20,60.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, statSync, writeSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_SETTINGS } from '../server/src/engine/index.js';
import { loadSamples, stripFrontMatter, syntheticArticles } from './lib/corpus.js';
import { repoRoot } from './lib/data.js';
import { fmt, int, type Table } from './lib/table.js';

const MB = 1_000_000;
const TIME = '/usr/bin/time';

export interface MemoryRun {
  mb: number;
  bytes: number;
  seconds: number | null;
  maxRssMb: number | null;
  exitCode: number | null;
  /** Peak RSS over the bytes of UTF-8 analysed (maxLength characters at most). */
  rssPerAnalysedByte: number | null;
  error?: string;
}

/** Writes `mb` MB of the pieces, repeated and separated by blank lines, piece by piece (never the whole text in memory). */
function writeProse(file: string, pieces: readonly string[], mb: number): number {
  const fd = openSync(file, 'w');
  let bytes = 0;
  try {
    for (let i = 0; bytes < mb * MB; i++) {
      const piece = Buffer.from((i > 0 ? '\n\n' : '') + (pieces[i % pieces.length] as string), 'utf8');
      writeSync(fd, piece);
      bytes += piece.length;
    }
  } finally {
    closeSync(fd);
  }
  return bytes;
}

/** One `slant check` of the file under GNU time: wall seconds and peak RSS. */
function measure(file: string, mb: number, analysedBytes: number): MemoryRun {
  const bytes = statSync(file).size;
  const run = spawnSync(TIME, ['-v', process.execPath, path.join(repoRoot, 'dist/cli.cjs'), 'check', '--no-config', '--no-color', file], {
    encoding: 'utf8',
    maxBuffer: 256 * MB,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  if (run.error) return { mb, bytes, seconds: null, maxRssMb: null, exitCode: null, rssPerAnalysedByte: null, error: run.error.message };
  const stderr = run.stderr;
  const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(stderr);
  const elapsed = /Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (?:(\d+):)?(\d+):([\d.]+)/.exec(stderr);
  const status = /Exit status: (\d+)/.exec(stderr);
  const seconds = elapsed ? Number(elapsed[1] ?? 0) * 3600 + Number(elapsed[2]) * 60 + Number(elapsed[3]) : null;
  const maxRssMb = rss ? (Number(rss[1]) * 1024) / MB : null;
  const crashed = /Command terminated by signal|out of memory|heap limit/i.exec(stderr);
  return {
    mb,
    bytes,
    seconds,
    maxRssMb,
    exitCode: status ? Number(status[1]) : null,
    rssPerAnalysedByte: maxRssMb !== null ? (maxRssMb * MB) / analysedBytes : null,
    ...(crashed ? { error: crashed[0] } : {}),
  };
}

/** Runs the memory section: writes the files under `.bench/memory/` and measures each. */
export function memorySection(benchDir: string): { runs: MemoryRun[]; table: Table } {
  if (!existsSync(TIME)) throw new Error(`${TIME} not found: install GNU time (apt-get install time)`);
  const dir = path.join(benchDir, 'memory');
  mkdirSync(dir, { recursive: true });
  let articles = loadSamples(path.join(repoRoot, 'samples'));
  if (articles.length === 0) articles = syntheticArticles(8);
  const pieces = articles.map((a) => (a.format === 'markdown' ? stripFrontMatter(a.source).trim() : a.source.trim()));
  const sizes = (process.env.SLANT_MEMORY_MB ?? '20,60,240').split(',').map(Number).filter((n) => n > 0);
  // The analysed part: maxLength characters of the repeated pieces, in UTF-8 bytes.
  const sample = pieces.join('\n\n').repeat(Math.ceil(DEFAULT_SETTINGS.maxLength / pieces.join('\n\n').length) + 1);
  const analysedBytes = Buffer.byteLength(sample.slice(0, DEFAULT_SETTINGS.maxLength), 'utf8');
  const runs: MemoryRun[] = [];
  for (const mb of sizes) {
    const file = path.join(dir, `prose-${mb}mb.md`);
    if (!existsSync(file) || statSync(file).size < mb * MB) writeProse(file, pieces, mb);
    process.stderr.write(`  ${mb} MB…\n`);
    runs.push(measure(file, mb, analysedBytes));
  }
  return {
    runs,
    table: {
      title: `Whole process, one file of realistic prose (slant check; analyses at most ${int(DEFAULT_SETTINGS.maxLength)} characters = ${fmt(analysedBytes / MB, 1)} MB)`,
      columns: [{ header: 'file MB' }, { header: 'wall s' }, { header: 'peak RSS MB' }, { header: 'RSS / analysed' }, { header: 'exit' }, { header: 'note', align: 'left' }],
      rows: runs.map((r) => [
        fmt(r.bytes / MB, 0),
        r.seconds === null ? '-' : fmt(r.seconds, 1),
        r.maxRssMb === null ? '-' : fmt(r.maxRssMb, 0),
        r.rssPerAnalysedByte === null ? '-' : `${fmt(r.rssPerAnalysedByte, 1)}×`,
        r.exitCode === null ? '-' : String(r.exitCode),
        r.error ?? '',
      ]),
    },
  };
}
