/**
 * End-to-end tests of the `slant` command: each test spawns the real build (the launcher
 * dist/cli.cjs with the bundle and code cache it loads, made by `npm run build`) in a temporary
 * folder holding articles written for the test. Expected positions are always found by
 * substring, never typed by hand.
 */
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Script } from 'node:vm';
import { tempDir, workspace } from './helpers.js';
import { CODE_CACHE, MAIN_BUNDLE, wrap } from '../src/cli/code-cache.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** The command under test (SLANT_TEST_CLI may point at another build's launcher). */
const BUNDLE = process.env.SLANT_TEST_CLI ?? path.join(ROOT, 'dist', 'cli.cjs');
/** A copy of the command taken once, so a rebuild during the run cannot change it under the tests. */
let CLI = BUNDLE;
const PKG = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };

/** Copies the launcher and, when there, the bundle and code cache beside it into `dir`; returns the launcher's copy. */
function copyCommand(dir: string): string {
  const from = path.dirname(BUNDLE);
  for (const f of [MAIN_BUNDLE, CODE_CACHE]) if (fs.existsSync(path.join(from, f))) fs.copyFileSync(path.join(from, f), path.join(dir, f));
  fs.copyFileSync(BUNDLE, path.join(dir, 'cli.cjs'));
  return path.join(dir, 'cli.cjs');
}

before(() => {
  assert.ok(fs.existsSync(BUNDLE), `${BUNDLE} is missing: run "npm run build" first`);
  // Alone in a folder of its own: the command needs no node_modules.
  CLI = copyCommand(tempDir('slant-cli-bundle-'));
});

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

function slant(args: string[], options: { cwd: string; input?: string; env?: Record<string, string>; cli?: string }): Run {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (v !== undefined && !['NO_COLOR', 'FORCE_COLOR', 'SLANT_DEBUG'].includes(k)) env[k] = v;
  }
  const r = spawnSync(process.execPath, [options.cli ?? CLI, ...args], {
    cwd: options.cwd,
    input: options.input ?? '',
    env: { ...env, ...options.env },
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    timeout: 300_000,
  });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Line and column (1-based, UTF-16 columns) of an offset, computed independently of the CLI. */
function lineCol(text: string, offset: number): { line: number; column: number } {
  const lines = text.slice(0, offset).split(/\r\n|\r|\n/);
  return { line: lines.length, column: (lines[lines.length - 1] as string).length + 1 };
}

/** Start and end positions of the first occurrence of `needle` (throws if absent). */
function positionOf(text: string, needle: string, from = 0): { start: number; end: number } {
  const at = text.indexOf(needle, from);
  if (at < 0) throw new Error(`"${needle}" not in the test text`);
  return { start: at, end: at + needle.length };
}

interface JsonPosition {
  line: number;
  column: number;
  offset: number;
}
interface JsonFinding {
  ruleId: string;
  category: string;
  severity: string;
  message: string;
  note: string;
  text: string;
  expected: string[];
  url: string | null;
  quoted: boolean;
  speaker: string | null;
  start: JsonPosition;
  end: JsonPosition;
  entryId?: string;
  details?: Record<string, unknown>;
}
interface JsonFile {
  path: string;
  metadata: Record<string, string>;
  findings: JsonFinding[];
  summary: { total: number; byCategory: Record<string, number>; bySeverity: Record<string, number> };
  notices: { level: string; message: string }[];
}
interface JsonOutput {
  version: number;
  files: JsonFile[];
}

function json(run: Run): JsonOutput {
  try {
    return JSON.parse(run.stdout) as JsonOutput;
  } catch {
    assert.fail(`stdout is not JSON: ${run.stdout.slice(0, 500)}\nstderr: ${run.stderr}`);
  }
}

function findingFor(file: JsonFile, text: string): JsonFinding {
  const f = file.findings.find((x) => x.text.toLowerCase() === text.toLowerCase());
  assert.ok(f, `no finding for "${text}" in ${file.path}: ${JSON.stringify(file.findings.map((x) => x.text))}`);
  return f;
}

/** An ANSI SGR escape sequence (built from its code so the pattern holds no control character). */
const ANSI = new RegExp(String.fromCharCode(27) + '\\[\\d+m');

const stderrLines = (run: Run): string[] => run.stderr.split('\n').filter((l) => l.trim() !== '');

/** An extra lexicon with invented words the built-in lexicon cannot contain. */
const EXTRA_LEXICON = JSON.stringify(
  {
    description: 'Test lexicon',
    entries: [
      {
        id: 'zorblat',
        patterns: ['zorblat'],
        kind: 'emotive',
        severity: 'info',
        note: 'An invented loaded word for the tests.',
        alternatives: ['meeting'],
        url: 'https://example.org/zorblat',
      },
      {
        id: 'florbish-tax',
        patterns: ['florbish tax'],
        kind: 'partisan',
        note: 'An invented partisan phrase for the tests.',
        side: 'the Florbish party',
        counterpart: 'levy',
      },
    ],
  },
  null,
  2,
);

const ARTICLE = 'Ministers met in the capital on Monday.\n\nThe regime announced new measures after the meeting.\n';

// ---------------------------------------------------------------------------------------------

void test('text output: a header per file and an aligned line with LINE:COL, severity, message and rule id', () => {
  const dir = workspace({ 'article.md': ARTICLE });
  const data = json(slant(['check', 'article.md', '--format', 'json'], { cwd: dir }));
  const f = findingFor(data.files[0] as JsonFile, 'regime');
  const r = slant(['check', 'article.md'], { cwd: dir });
  assert.equal(r.status, 0, r.stderr);
  const lines = r.stdout.split('\n');
  assert.equal(lines[0], 'article.md');
  const pos = lineCol(ARTICLE, positionOf(ARTICLE, 'regime').start);
  const row = lines.find((l) => l.includes(`${pos.line}:${pos.column}`));
  assert.ok(row, `no line with ${pos.line}:${pos.column} in:\n${r.stdout}`);
  assert.match(row, new RegExp(`^  ${pos.line}:${pos.column}\\s+${f.severity}\\s+.*regime.*\\s${f.ruleId}$`));
  assert.ok(!r.stdout.includes('\u001b['), 'no ANSI escapes when stdout is not a terminal');
  const total = data.files[0]!.findings.length;
  assert.match(r.stdout, new RegExp(`^${total} findings? \\(.*\\) in 1 file$`, 'm'));
  assert.match(r.stdout, /^By category: .*loaded \d+/m);
});

void test('text output: columns line up across findings of a file', () => {
  const dir = workspace({ 'a.txt': 'zorblat here.\n\n' + 'x '.repeat(20) + 'and another zorblat, then a florbish tax.\n', 'extra.json': EXTRA_LEXICON });
  const r = slant(['check', 'a.txt', '--lexicon', 'extra.json'], { cwd: dir });
  const rows = r.stdout.split('\n').filter((l) => l.startsWith('  ') && !l.startsWith('  sourcing:'));
  assert.ok(rows.length >= 3, r.stdout);
  const ruleStarts = rows.map((l) => l.search(/\S+$/));
  assert.equal(new Set(ruleStarts).size, 1, `rule ids not aligned:\n${rows.join('\n')}`);
  const severityStarts = rows.map((l) => l.search(/(error|warning|info|hint)/));
  assert.equal(new Set(severityStarts).size, 1, `severities not aligned:\n${rows.join('\n')}`);
});

void test('--color adds ANSI colours, --no-color and NO_COLOR keep them out', () => {
  const dir = workspace({ 'article.md': ARTICLE });
  const colored = slant(['check', 'article.md', '--color'], { cwd: dir });
  assert.match(colored.stdout, ANSI);
  const plain = slant(['check', 'article.md', '--no-color'], { cwd: dir });
  assert.ok(!plain.stdout.includes('\u001b['));
  const noColorEnv = slant(['check', 'article.md'], { cwd: dir, env: { NO_COLOR: '1' } });
  assert.ok(!noColorEnv.stdout.includes('\u001b['));
  // Same text once escapes are removed.
  assert.equal(colored.stdout.replace(new RegExp(ANSI.source, 'g'), ''), plain.stdout);
});

void test('a clean file prints nothing but the summary', () => {
  const dir = workspace({ 'clean.txt': 'The council met on Tuesday and approved the budget.\n' });
  const r = slant(['check', 'clean.txt'], { cwd: dir });
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout, '0 findings in 1 file\n');
});

void test('the command loads its bundle with the code cache the build wrote; without one, or with a damaged one, it does the same', () => {
  const dir = path.dirname(CLI);
  const main = path.join(dir, MAIN_BUNDLE);
  // The cache is one this Node takes (a rejected one would only cost reading it).
  const script = new Script(wrap(fs.readFileSync(main, 'utf8')), { filename: main, cachedData: fs.readFileSync(path.join(dir, CODE_CACHE)) });
  assert.equal(script.cachedDataRejected, false);

  const ws = workspace({ 'article.md': ARTICLE });
  const expected = slant(['check', '--format', 'json', 'article.md'], { cwd: ws });
  assert.equal(expected.status, 0, expected.stderr);
  assert.equal(findingFor(json(expected).files[0] as JsonFile, 'regime').ruleId, 'contested-label');
  const bare = tempDir('slant-cli-nocache-');
  const cli = copyCommand(bare);
  for (const cache of [Buffer.from('not a code cache'), null]) {
    if (cache) fs.writeFileSync(path.join(bare, CODE_CACHE), cache);
    else fs.rmSync(path.join(bare, CODE_CACHE));
    const r = slant(['check', '--format', 'json', 'article.md'], { cwd: ws, cli });
    assert.deepEqual([r.status, r.stdout, r.stderr], [expected.status, expected.stdout, expected.stderr], cache ? 'damaged cache' : 'no cache');
  }
});

void test('--quiet leaves out the summary', () => {
  const dir = workspace({ 'article.md': ARTICLE });
  const r = slant(['check', '-q', 'article.md'], { cwd: dir });
  assert.equal(r.status, 0);
  assert.match(r.stdout, /regime/);
  assert.doesNotMatch(r.stdout, /findings? .*in 1 file/);
});

void test('JSON: one object with every documented field and consistent positions', () => {
  const dir = workspace({ 'article.md': ARTICLE, 'notes.txt': 'zorblat again.\n', 'extra.json': EXTRA_LEXICON });
  const r = slant(['check', '--format', 'json', '--lexicon', 'extra.json', 'article.md', 'notes.txt'], { cwd: dir });
  assert.equal(r.status, 0, r.stderr);
  const data = json(r);
  assert.deepEqual(Object.keys(data).sort(), ['files', 'version']);
  assert.equal(data.version, 1);
  assert.deepEqual(
    data.files.map((f) => f.path),
    ['article.md', 'notes.txt'],
  );
  const texts: Record<string, string> = { 'article.md': ARTICLE, 'notes.txt': 'zorblat again.\n' };
  for (const file of data.files) {
    assert.deepEqual(Object.keys(file).sort(), ['findings', 'metadata', 'notices', 'path', 'sourcing', 'summary']);
    assert.equal(file.summary.total, file.findings.length);
    assert.ok(Array.isArray(file.notices));
    const text = texts[file.path] as string;
    for (const f of file.findings) {
      for (const key of ['ruleId', 'category', 'severity', 'message', 'note', 'text', 'expected', 'url', 'quoted', 'speaker', 'start', 'end']) {
        assert.ok(key in f, `finding lacks "${key}": ${JSON.stringify(f)}`);
      }
      assert.equal(text.slice(f.start.offset, f.end.offset), f.text);
      assert.deepEqual({ line: f.start.line, column: f.start.column }, lineCol(text, f.start.offset));
      assert.deepEqual({ line: f.end.line, column: f.end.column }, lineCol(text, f.end.offset));
      assert.ok(Array.isArray(f.expected));
      assert.equal(typeof f.quoted, 'boolean');
    }
  }
  const regime = findingFor(data.files[0] as JsonFile, 'regime');
  const at = positionOf(ARTICLE, 'regime');
  assert.equal(regime.start.offset, at.start);
  assert.equal(regime.end.offset, at.end);
  assert.equal(regime.start.line, 3);
  assert.equal(regime.category, 'loaded');
  assert.equal(typeof regime.entryId, 'string');
  const zorblat = findingFor(data.files[1] as JsonFile, 'zorblat');
  assert.equal(zorblat.entryId, 'zorblat');
  assert.equal(zorblat.url, 'https://example.org/zorblat');
  assert.equal(zorblat.severity, 'info');
  assert.deepEqual(zorblat.expected, ['meeting']);
  assert.equal(zorblat.note, 'An invented loaded word for the tests.');
});

void test('JSON: front matter metadata and engine notices are included', () => {
  const body = '---\noutlet: The Daily Test\nauthor: A. Writer\n---\n\n' + 'Ministers met on Monday to discuss the budget.\n\n'.repeat(40);
  const dir = workspace({ 'long.md': body, 'small.json': JSON.stringify({ maxLength: 500 }) });
  const r = slant(['check', '--format=json', '--config', 'small.json', 'long.md'], { cwd: dir });
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stderr, '', 'notices go into the JSON, not to stderr');
  const file = json(r).files[0] as JsonFile;
  assert.equal(file.metadata.outlet, 'The Daily Test');
  assert.equal(file.metadata.author, 'A. Writer');
  assert.ok(file.notices.length >= 1, 'a truncation notice');
  assert.match(file.notices[0]!.message, /500/);
});

void test('SARIF: version, schema, rules and a region matching the flagged text', () => {
  const dir = workspace({ 'docs/article.md': ARTICLE });
  const r = slant(['check', '--format', 'sarif', 'docs'], { cwd: dir });
  assert.equal(r.status, 0, r.stderr);
  const sarif = JSON.parse(r.stdout) as {
    $schema: string;
    version: string;
    runs: {
      columnKind: string;
      tool: { driver: { name: string; version: string; rules: { id: string; shortDescription: { text: string }; helpUri?: string }[] } };
      results: {
        ruleId: string;
        ruleIndex: number;
        level: string;
        message: { text: string };
        locations: { physicalLocation: { artifactLocation: { uri: string }; region: Record<string, number> } }[];
        properties: { category: string; quoted: boolean; speaker: string | null; expected: string[]; note: string };
      }[];
    }[];
  };
  assert.equal(sarif.version, '2.1.0');
  assert.equal(sarif.$schema, 'https://json.schemastore.org/sarif-2.1.0.json');
  assert.equal(sarif.runs.length, 1);
  const run = sarif.runs[0]!;
  assert.equal(run.columnKind, 'utf16CodeUnits');
  assert.equal(run.tool.driver.name, 'slant');
  assert.equal(run.tool.driver.version, PKG.version);
  const ids = run.tool.driver.rules.map((x) => x.id);
  assert.equal(new Set(ids).size, ids.length, 'one descriptor per rule id');
  for (const result of run.results) {
    assert.ok(ids.includes(result.ruleId));
    assert.equal(ids[result.ruleIndex], result.ruleId);
    assert.ok(['error', 'warning', 'note'].includes(result.level));
  }
  for (const rule of run.tool.driver.rules) assert.ok(rule.shortDescription.text.length > 0);
  const at = positionOf(ARTICLE, 'regime');
  const result = run.results.find((x) => x.locations[0]!.physicalLocation.region.charOffset === at.start);
  assert.ok(result, 'a result at "regime"');
  const loc = result.locations[0]!.physicalLocation;
  assert.equal(loc.artifactLocation.uri, 'docs/article.md');
  const start = lineCol(ARTICLE, at.start);
  const end = lineCol(ARTICLE, at.end);
  assert.deepEqual(loc.region, {
    startLine: start.line,
    startColumn: start.column,
    endLine: end.line,
    endColumn: end.column,
    charOffset: at.start,
    charLength: at.end - at.start,
    snippet: { text: 'regime' },
  } as unknown as Record<string, number>);
  assert.equal(result.properties.category, 'loaded');
  assert.equal(typeof result.properties.note, 'string');
  assert.ok(Array.isArray(result.properties.expected));
});

void test('SARIF: info findings are notes and the rule carries its help link', () => {
  const dir = workspace({ 'a.txt': 'A zorblat took place.\n', 'extra.json': EXTRA_LEXICON });
  const r = slant(['check', '-f', 'sarif', '--lexicon', 'extra.json', 'a.txt'], { cwd: dir });
  const run = (JSON.parse(r.stdout) as { runs: { results: { ruleId: string; level: string }[]; tool: { driver: { rules: { id: string; helpUri?: string }[] } } }[] }).runs[0]!;
  assert.equal(run.results.length, 1);
  assert.equal(run.results[0]!.level, 'note');
  const rule = run.tool.driver.rules.find((x) => x.id === run.results[0]!.ruleId);
  assert.equal(rule?.helpUri, 'https://example.org/zorblat');
});

void test('--fail-on: exit 1 when a finding reaches the threshold, 0 when none does', () => {
  const dir = workspace({ 'a.txt': 'A zorblat took place.\n', 'extra.json': EXTRA_LEXICON });
  const base = ['check', 'a.txt', '--lexicon', 'extra.json'];
  assert.equal(slant(base, { cwd: dir }).status, 0, 'no threshold by default');
  assert.equal(slant([...base, '--fail-on', 'info'], { cwd: dir }).status, 1);
  assert.equal(slant([...base, '--fail-on', 'hint'], { cwd: dir }).status, 1);
  assert.equal(slant([...base, '--fail-on', 'warning'], { cwd: dir }).status, 0);
  assert.equal(slant([...base, '--fail-on', 'error'], { cwd: dir }).status, 0);
  assert.equal(slant([...base, '--fail-on', 'none'], { cwd: dir }).status, 0);
});

void test('--category keeps only the categories asked for', () => {
  const text = 'The regime defended the florbish tax on Friday.\n';
  const dir = workspace({ 'a.txt': text, 'extra.json': EXTRA_LEXICON });
  const all = json(slant(['check', 'a.txt', '-f', 'json', '--lexicon', 'extra.json'], { cwd: dir })).files[0]!;
  assert.deepEqual([...new Set(all.findings.map((f) => f.category))].sort(), ['loaded', 'partisan']);
  const partisan = json(slant(['check', 'a.txt', '-f', 'json', '--lexicon', 'extra.json', '--category', 'partisan'], { cwd: dir })).files[0]!;
  assert.ok(partisan.findings.length > 0);
  assert.ok(partisan.findings.every((f) => f.category === 'partisan'));
  findingFor(partisan, 'florbish tax');
  const both = json(slant(['check', 'a.txt', '-f', 'json', '--lexicon', 'extra.json', '-c', 'partisan,loaded'], { cwd: dir })).files[0]!;
  assert.equal(both.findings.length, all.findings.length);
  const bad = slant(['check', 'a.txt', '--category', 'gossip'], { cwd: dir });
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /gossip/);
});

void test('usage errors exit 2 with the short usage and nothing on stdout', () => {
  const dir = workspace({ 'article.md': ARTICLE });
  for (const args of [['check', 'article.md', '--frobnicate'], ['check'], ['check', 'article.md', '--format', 'xml'], ['check', 'article.md', '--fail-on'], ['inspect', 'article.md'], []]) {
    const r = slant(args, { cwd: dir });
    assert.equal(r.status, 2, `slant ${args.join(' ')}`);
    assert.equal(r.stdout, '', `slant ${args.join(' ')}`);
    assert.match(r.stderr, /^slant: .+\n/, `slant ${args.join(' ')}`);
    assert.match(r.stderr, /Usage: slant check/);
  }
  assert.match(slant(['check', 'article.md', '--frobnicate'], { cwd: dir }).stderr, /--frobnicate/);
  assert.match(slant(['check', 'article.md', '--format', 'xml'], { cwd: dir }).stderr, /"xml".*text, json, sarif/);
});

void test('--version, --help and help check', () => {
  const dir = workspace();
  const v = slant(['--version'], { cwd: dir });
  assert.equal(v.status, 0);
  assert.equal(v.stdout.trim(), PKG.version);
  const h = slant(['--help'], { cwd: dir });
  assert.equal(h.status, 0);
  assert.match(h.stdout, /Usage: slant check/);
  const hc = slant(['help', 'check'], { cwd: dir });
  assert.equal(hc.status, 0);
  for (const option of ['--format', '--fail-on', '--category', '--config', '--lexicon', '--no-color', '--quiet']) assert.ok(hc.stdout.includes(option), option);
  assert.equal(slant(['check', '--help'], { cwd: dir }).stdout, hc.stdout);
});

void test('a missing path: one line naming it, the other files still reported, exit 2', () => {
  const dir = workspace({ 'article.md': ARTICLE });
  const r = slant(['check', 'nowhere/missing.md', 'article.md'], { cwd: dir });
  assert.equal(r.status, 2);
  assert.deepEqual(stderrLines(r), [`slant: cannot read ${path.join('nowhere', 'missing.md')}: no such file`]);
  assert.match(r.stdout, /^article\.md$/m);
  assert.match(r.stdout, /regime/);
  assert.match(r.stdout, /in 1 file; 1 skipped$/m);
  const j = slant(['check', '-f', 'json', 'nowhere/missing.md', 'article.md'], { cwd: dir });
  assert.equal(j.status, 2);
  assert.deepEqual(
    json(j).files.map((f) => f.path),
    ['article.md'],
  );
});

void test('a binary file is skipped with one line; the rest is still checked', () => {
  const dir = workspace({ 'data.txt': Buffer.from([0x54, 0x68, 0x65, 0x00, 0x01, 0x02, 0x72, 0x65, 0x67, 0x69, 0x6d, 0x65]), 'article.md': ARTICLE });
  const r = slant(['check', 'data.txt', 'article.md', '-f', 'json'], { cwd: dir });
  assert.equal(r.status, 2);
  assert.deepEqual(stderrLines(r), ['slant: skipped data.txt: binary file (contains NUL bytes)']);
  assert.deepEqual(
    json(r).files.map((f) => f.path),
    ['article.md'],
  );
});

void test('a malformed lexicon file: one line with file and line, built-in findings still there', () => {
  const bad = '{\n  "entries": [\n    { "id": "oops", }\n  ]\n}\n';
  const dir = workspace({ 'article.md': ARTICLE, 'my.json': bad });
  const r = slant(['check', 'article.md', '--lexicon', 'my.json', '-f', 'json'], { cwd: dir });
  assert.equal(r.status, 2);
  const lines = stderrLines(r);
  assert.equal(lines.length, 1, r.stderr);
  assert.match(lines[0]!, /^slant: lexicon my\.json:3(:\d+)?: /);
  findingFor(json(r).files[0]!, 'regime');
});

void test('a lexicon with a bad entry names the entry line', () => {
  const bad = JSON.stringify({ entries: [{ id: 'good-one', patterns: ['alpha'], kind: 'emotive', note: 'Fine.' }, { id: 'bad-one', patterns: ['beta'], kind: 'nonsense', note: 'Bad kind.' }] }, null, 2);
  const dir = workspace({ 'article.md': ARTICLE, 'kinds.json': bad });
  const r = slant(['check', 'article.md', '--lexicon', 'kinds.json'], { cwd: dir });
  assert.equal(r.status, 2);
  const line = bad.split('\n').findIndex((l) => l.includes('"bad-one"')) + 1;
  assert.match(stderrLines(r)[0]!, new RegExp(`^slant: lexicon kinds\\.json:${line}(:\\d+)?: .*kind`));
  assert.match(r.stdout, /regime/);
});

void test('a missing lexicon file is named; findings still reported', () => {
  const dir = workspace({ 'article.md': ARTICLE });
  const r = slant(['check', 'article.md', '--lexicon', 'gone.json'], { cwd: dir });
  assert.equal(r.status, 2);
  assert.deepEqual(stderrLines(r), ['slant: cannot read lexicon gone.json: no such file']);
  assert.match(r.stdout, /regime/);
});

void test('a malformed config file (bad JSON, via --config): one line, defaults used', () => {
  const dir = workspace({ 'article.md': ARTICLE, 'conf.json': '{\n  "categories": ["loaded"],\n  oops\n}\n' });
  const r = slant(['check', 'article.md', '--config', 'conf.json', '-f', 'json'], { cwd: dir });
  assert.equal(r.status, 2);
  const lines = stderrLines(r);
  assert.equal(lines.length, 1, r.stderr);
  assert.match(lines[0]!, /^slant: config conf\.json:3(:\d+)?: /);
  findingFor(json(r).files[0]!, 'regime');
});

void test('a malformed config file (bad value, found in .slant above the current folder)', () => {
  const config = '{\n  "flagQuotedSpeech": true,\n  "categories": ["gossip"]\n}\n';
  const dir = workspace({ '.slant/config.json': config, 'sub/article.md': ARTICLE });
  const r = slant(['check', 'article.md'], { cwd: path.join(dir, 'sub') });
  assert.equal(r.status, 2);
  const lines = stderrLines(r);
  assert.equal(lines.length, 1, r.stderr);
  assert.match(lines[0]!, new RegExp(`^slant: config ${path.join('..', '.slant', 'config.json').replace(/\./g, '\\.')}:3(:\\d+)?: .*gossip`));
  assert.match(r.stdout, /regime/);
});

void test('a config file found above the current folder applies, with lexicons relative to it', () => {
  const config = JSON.stringify({ categories: ['partisan'], lexicons: ['words/extra.json'] });
  const dir = workspace({ '.slant/config.json': config, '.slant/words/extra.json': EXTRA_LEXICON, 'sub/a.txt': 'The regime defended the florbish tax.\n' });
  const r = slant(['check', '-f', 'json', 'a.txt'], { cwd: path.join(dir, 'sub') });
  assert.equal(r.status, 0, r.stderr);
  const file = json(r).files[0]!;
  assert.deepEqual(
    file.findings.map((f) => f.text),
    ['florbish tax'],
  );
  // --category overrides the config's categories; --no-config ignores the file.
  const loaded = json(slant(['check', '-f', 'json', '-c', 'loaded', 'a.txt'], { cwd: path.join(dir, 'sub') })).files[0]!;
  assert.ok(loaded.findings.some((f) => f.text === 'regime'));
  const none = json(slant(['check', '-f', 'json', '--no-config', 'a.txt'], { cwd: path.join(dir, 'sub') })).files[0]!;
  assert.ok(!none.findings.some((f) => f.text === 'florbish tax'));
});

void test('an extra lexicon adds a term that then gets flagged (text output)', () => {
  const text = 'Officials said the zorblat would resume.\n';
  const dir = workspace({ 'a.txt': text, 'extra.json': EXTRA_LEXICON });
  const without = slant(['check', 'a.txt'], { cwd: dir });
  assert.doesNotMatch(without.stdout, /zorblat/);
  const r = slant(['check', 'a.txt', '--lexicon', 'extra.json'], { cwd: dir });
  assert.equal(r.status, 0, r.stderr);
  const pos = lineCol(text, positionOf(text, 'zorblat').start);
  assert.match(r.stdout, new RegExp(`^  ${pos.line}:${pos.column}\\s+info\\s+.*zorblat.*loaded-language$`, 'm'));
});

void test('a folder: .md, .markdown and .txt files, sorted, skipping node_modules and dot-folders', () => {
  const dir = workspace({
    'news/b.txt': ARTICLE,
    'news/a.md': ARTICLE,
    'news/data.json': '{"regime": 1}',
    'news/page.html': '<p>regime</p>',
    'news/sub/c.markdown': ARTICLE,
    'news/Z.MD': ARTICLE,
    'news/node_modules/pkg/readme.md': ARTICLE,
    'news/.cache/d.md': ARTICLE,
  });
  const r = slant(['check', '-f', 'json', 'news'], { cwd: dir });
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(
    json(r).files.map((f) => f.path),
    ['news/Z.MD', 'news/a.md', 'news/b.txt', 'news/sub/c.markdown'].map((p) => p.split('/').join(path.sep)),
  );
  const text = slant(['check', 'news'], { cwd: dir });
  assert.match(text.stdout, /in 4 files$/m);
});

void test('an empty folder is an error', () => {
  const dir = workspace({ 'empty/notes.json': '{}' });
  const r = slant(['check', 'empty'], { cwd: dir });
  assert.equal(r.status, 2);
  assert.match(r.stderr, /^slant: no .* files in empty$/m);
});

void test('standard input with -', () => {
  const dir = workspace();
  const text = '# Title\n\nThe regime spoke.\n';
  const r = slant(['check', '-f', 'json', '--stdin-format', 'markdown', '-'], { cwd: dir, input: text });
  assert.equal(r.status, 0, r.stderr);
  const file = json(r).files[0]!;
  assert.equal(file.path, '<stdin>');
  const f = findingFor(file, 'regime');
  assert.equal(f.start.offset, positionOf(text, 'regime').start);
});

void test('--time-budget (or timeBudgetMs in the config) stops the checks with a notice; a bad value is a usage error', () => {
  const paragraph = 'The harbour board called the toll plan a disaster. Critics say it will fail.';
  const text = Array.from({ length: 3000 }, () => paragraph).join('\n\n');
  const notice = /<stdin>: analysis stopped at its time budget \(1 ms\); not fully checked for: loaded, /;
  const dir = workspace();
  const late = slant(['check', '-f', 'json', '--time-budget', '1', '-'], { cwd: dir, input: text });
  assert.equal(late.status, 0, late.stderr);
  const file = json(late).files[0]!;
  assert.deepEqual(file.findings, []);
  assert.match(file.notices.map((n: { message: string }) => `<stdin>: ${n.message}`).join('\n'), notice);
  const text1 = slant(['check', '--time-budget', '1', '-'], { cwd: dir, input: text });
  assert.match(text1.stderr, notice);
  const configured = workspace({ '.slant/config.json': JSON.stringify({ timeBudgetMs: 1 }) });
  assert.match(slant(['check', '-'], { cwd: configured, input: text }).stderr, notice);
  const roomy = slant(['check', '-f', 'json', '--time-budget', '60000', '-'], { cwd: configured, input: text });
  assert.ok(json(roomy).files[0]!.findings.length > 0, 'the flag wins over the config');
  for (const bad of ['0', '1.5', 'soon', '12ms']) {
    const r = slant(['check', '--time-budget', bad, 'story.txt'], { cwd: dir });
    assert.equal(r.status, 2, bad);
    assert.match(r.stderr, /--time-budget takes a whole number of milliseconds/);
  }
});

void test('a 20 MB file finishes, with a notice on stderr', () => {
  const paragraph = 'Officials met on Monday to talk about the budget and the roads.\n\n';
  const head = 'The regime met on Sunday.\n\n';
  const size = 20 * 1024 * 1024;
  const text = head + paragraph.repeat(Math.ceil(size / paragraph.length));
  const dir = workspace({ 'big.txt': text });
  // About the length limit: a time budget that 5 MB fits in on a busy machine (the budget is tested above).
  const r = slant(['check', '--time-budget', '600000', 'big.txt'], { cwd: dir });
  assert.notEqual(r.status, null, 'the process finished');
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stderr, /^slant: big\.txt: document is .*\d/m);
  assert.match(r.stdout, /^ {2}1:5\s/m);
});

void test('odd Unicode: curly quotes, NBSP, diacritics and astral characters keep positions right', () => {
  const text = 'Zoë Ångström wrote:\u00a0“café” — 😀 naïve.\n\nSo the regime\u00a0fell, and Zoë’s 😀 regime too.\n';
  const dir = workspace({ 'u.txt': text, 'u.md': text });
  for (const name of ['u.txt', 'u.md']) {
    const r = slant(['check', '-f', 'json', name], { cwd: dir });
    assert.equal(r.status, 0, r.stderr);
    const file = json(r).files[0]!;
    const regimes = file.findings.filter((f) => f.text === 'regime');
    assert.equal(regimes.length, 2, JSON.stringify(file.findings));
    const second = positionOf(text, 'regime', positionOf(text, 'regime').end);
    const f = regimes[1]!;
    assert.equal(f.start.offset, second.start);
    assert.deepEqual({ line: f.start.line, column: f.start.column }, lineCol(text, second.start));
    assert.equal(text.slice(f.start.offset, f.end.offset), 'regime');
    const sarif = JSON.parse(slant(['check', '-f', 'sarif', name], { cwd: dir }).stdout) as {
      runs: { results: { locations: { physicalLocation: { region: { startColumn: number; charOffset: number } } }[] }[] }[];
    };
    const region = sarif.runs[0]!.results.map((x) => x.locations[0]!.physicalLocation.region).find((x) => x.charOffset === second.start);
    assert.equal(region?.startColumn, lineCol(text, second.start).column);
  }
});

void test('CRLF line endings and a byte order mark', () => {
  const text = 'First line.\r\n\r\nThe regime spoke.\r\n';
  const dir = workspace({ 'crlf.txt': '\ufeff' + text });
  const file = json(slant(['check', '-f', 'json', 'crlf.txt'], { cwd: dir })).files[0]!;
  const f = findingFor(file, 'regime');
  assert.equal(f.start.offset, positionOf(text, 'regime').start);
  assert.deepEqual({ line: f.start.line, column: f.start.column }, { line: 3, column: lineCol(text, positionOf(text, 'regime').start).column });
});

void test('quoted speech is marked in text output', () => {
  const text = '“The regime must answer for this,” said Senator Maria Lopez on Tuesday.\n';
  const dir = workspace({ 'q.txt': text });
  const file = json(slant(['check', '-f', 'json', 'q.txt'], { cwd: dir })).files[0]!;
  const f = findingFor(file, 'regime');
  assert.equal(f.quoted, true);
  const r = slant(['check', 'q.txt'], { cwd: dir });
  const expected = f.speaker !== null ? `(quoted: ${f.speaker})` : '(quoted)';
  assert.ok(r.stdout.includes(expected), r.stdout);
});

void test('JSON output: each file has a sourcing profile and its sources, with positions', () => {
  const text = 'Harbor master Ines Vidal said the pier would close. The pier reportedly leaks.\n\nThe pier cost $3 million.\n';
  const dir = workspace({ 'pier.md': text });
  const r = slant(['check', 'pier.md', '--format', 'json'], { cwd: dir });
  const file = (JSON.parse(r.stdout) as { files: { sourcing: { claims: number; unsourcedShare: number; byKind: Record<string, number>; sources: { name: string; kind: string; claims: number; mentions: { start: { line: number; column: number } }[] }[] } }[] }).files[0];
  assert.ok(file, r.stdout);
  const s = file.sourcing;
  assert.equal(s.claims, 3);
  assert.equal(s.byKind.named, 1);
  assert.equal(s.byKind.vague, 1);
  assert.equal(s.byKind.none, 1);
  assert.equal(s.unsourcedShare, 1 / 3);
  const vidal = s.sources.find((x) => x.name === 'Harbor master Ines Vidal');
  assert.equal(vidal?.kind, 'named');
  assert.equal(vidal?.claims, 1);
  assert.deepEqual(vidal?.mentions[0]?.start, { ...lineCol(text, positionOf(text, 'Harbor master').start), offset: positionOf(text, 'Harbor master').start });
  const textOut = slant(['check', 'pier.md', '--no-color'], { cwd: dir });
  assert.match(textOut.stdout, /^ {2}sourcing: 3 claims, 33% unsourced; attributed: 1 named, 1 vague$/m);
});
