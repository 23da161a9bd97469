/**
 * `slant compare`, run in-process through the CLI's dispatcher (`run`) with real files: the
 * bundled samples and short articles written for these tests in temporary folders. The Io
 * passed in is the CLI's own seam for its surroundings; everything behind it is the real code.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { run } from '../src/cli/run.js';
import { compareTexts } from '../src/engine/index.js';
import type { Comparison } from '../src/engine/index.js';
import { LineIndex } from '../src/engine/position.js';
import { workspace as makeWorkspace } from './helpers.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const HERALD = 'samples/bosphorus-herald-bases.md';
const LEDGER = 'samples/levant-ledger-bases.md';

const workspace = (files: Record<string, string | Buffer>): string => makeWorkspace(files, 'slant-compare-');

interface Run {
  status: number;
  stdout: string;
  stderr: string;
}

function slant(args: string[], cwd: string, options: { tty?: boolean; env?: Record<string, string> } = {}): Run {
  let stdout = '';
  let stderr = '';
  const status = run(
    args,
    {
      cwd,
      env: options.env ?? {},
      out: (s) => (stdout += s),
      err: (s) => (stderr += s),
      stdoutIsTTY: options.tty ?? false,
      readStdin: () => Buffer.alloc(0),
    },
    '0.0.0-test',
  );
  // Only `slant import` answers with a promise.
  if (typeof status !== 'number') throw new Error('slant compare should finish synchronously');
  return { status, stdout, stderr };
}

const stderrLines = (r: Run): string[] => r.stderr.split('\n').filter((l) => l.startsWith('slant: '));

function comparison(r: Run): Comparison {
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout) as Comparison;
}

// Two short fictional reports of one event, written for these tests.
const HARBOUR_POST = `---
outlet: The Harbour Post
---

# Zorbania reopens the Kessel crossing

Zorbania reopened the Kessel crossing on Tuesday after a three-week closure, the transport ministry said.
Zorbanian officials described the step as a goodwill gesture toward traders on both sides.
About 1,200 lorries are expected to pass each week, according to the port authority.
`;

const DAILY_BEACON = `# Regime in Zorbania finally bows to pressure over Kessel crossing

The Zorbanian regime grudgingly reopened the Kessel crossing on Tuesday after a cruel three-week closure.
The brutal blockade had left about 1,200 lorries stranded, critics say.
It is obvious that the climb-down was forced on a weakened government.
`;

const ZORBANIA = JSON.stringify(
  {
    entities: [
      {
        id: 'zorbania',
        name: 'Zorbania',
        type: 'country',
        aliases: [
          { text: 'Zorbania', kind: 'name' },
          { text: 'Zorbanian', kind: 'demonym' },
        ],
      },
    ],
  },
  null,
  2,
);

void test('JSON: the comparison of the two samples, exactly as the engine makes it, with the documented shape', () => {
  const r = slant(['compare', '--no-config', '-f', 'json', HERALD, LEDGER], ROOT);
  const c = comparison(r);
  assert.equal(r.stderr, '');
  assert.equal(r.stdout, JSON.stringify(c, null, 2) + '\n');
  const texts = [HERALD, LEDGER].map((p) => ({ path: p, text: fs.readFileSync(path.join(ROOT, p), 'utf8') }));
  assert.deepEqual(c, JSON.parse(JSON.stringify(compareTexts(texts))));

  assert.equal(c.version, 1);
  assert.deepEqual(
    c.documents.map((d) => [d.path, d.outlet, d.outletSource]),
    [
      [HERALD, 'The Bosphorus Herald', 'front-matter'],
      [LEDGER, 'The Levant Ledger', 'front-matter'],
    ],
  );
  for (const [i, d] of c.documents.entries()) {
    const text = texts[i]!.text;
    const lines = new LineIndex(text);
    for (const entity of ['Israel', 'Turkey']) {
      const s = d.stance[entity];
      assert.ok(s !== undefined, `${d.outlet} has a stance toward ${entity}`);
      assert.ok(s.score >= -1 && s.score <= 1 && s.confidence >= 0 && s.confidence <= 1 && s.mentions > 0, `${d.outlet}/${entity}: ${JSON.stringify(s)}`);
      assert.ok(s.evidence.length > 0);
      for (const e of s.evidence) {
        assert.deepEqual(e.start, lines.lineColumn(e.start.offset), 'evidence positions agree with the text');
        assert.ok(e.end.offset > e.start.offset && e.end.offset <= text.length);
        assert.ok(e.reasons.length > 0 && e.text.length > 0);
      }
    }
    assert.ok(d.sourcing.claims > 0 && d.sourcing.unsourcedShare >= 0 && d.sourcing.unsourcedShare <= 1);
    assert.ok(d.loadedTerms > 0);
    assert.equal(d.loadedPer1000Words, Math.round((d.loadedTerms / d.words) * 10000) / 10);
  }
  assert.ok(c.entities.includes('Israel') && c.entities.includes('Turkey'));
  assert.ok(c.alignments.length > 0);
  for (const al of c.alignments) {
    assert.notEqual(al.a.path, al.b.path);
    for (const side of [al.a, al.b]) {
      const text = texts.find((t) => t.path === side.path)!.text;
      assert.ok(side.start.offset < side.end.offset && side.end.offset <= text.length);
      assert.ok(side.text.length > 0);
    }
    assert.ok(al.similarity > 0 && al.similarity <= 1);
  }
  assert.deepEqual(Object.keys(c.distinctiveTerms).sort(), ['The Bosphorus Herald', 'The Levant Ledger']);
  // Two short articles may have no term that passes the engine's significance threshold; those listed must be well formed.
  for (const terms of Object.values(c.distinctiveTerms)) assert.ok(terms.every((t) => t.term !== '' && t.z > 0 && t.count > 0));
});

void test('--outlet PATH=NAME overrides the detected outlet, however the path is written', () => {
  const c = comparison(slant(['compare', '--no-config', '-f', 'json', HERALD, LEDGER, '--outlet', `./samples/../${LEDGER}=Ledger Weekend`], ROOT));
  assert.deepEqual(
    c.documents.map((d) => [d.outlet, d.outletSource]),
    [
      ['The Bosphorus Herald', 'front-matter'],
      ['Ledger Weekend', 'override'],
    ],
  );
  assert.ok('Ledger Weekend' in c.distinctiveTerms);

  const unknown = slant(['compare', '--no-config', '-f', 'json', HERALD, LEDGER, '--outlet', 'samples/other.md=Other'], ROOT);
  assert.equal(unknown.status, 2);
  assert.deepEqual(stderrLines(unknown), ['slant: --outlet samples/other.md: not one of the documents compared']);
  assert.equal((JSON.parse(unknown.stdout) as Comparison).documents.length, 2, 'the comparison is still made');

  const malformed = slant(['compare', HERALD, LEDGER, '--outlet', 'Ledger Weekend'], ROOT);
  assert.equal(malformed.status, 2);
  assert.match(malformed.stderr, /^slant: --outlet needs PATH=NAME, got "Ledger Weekend"$/m);
  assert.equal(malformed.stdout, '');
});

void test('text: a report naming each outlet with a stance bar per entity, in colour only on a terminal', () => {
  const r = slant(['compare', '--no-config', HERALD, LEDGER], ROOT);
  assert.equal(r.status, 0, r.stderr);
  assert.ok(!r.stdout.includes('\u001b'));
  for (const outlet of ['The Bosphorus Herald', 'The Levant Ledger']) assert.ok(r.stdout.includes(outlet), outlet);
  for (const heading of ['Stance toward each entity', 'Loaded wording and sourcing', 'Distinctive terms', 'Aligned passages', 'How to read this']) {
    assert.match(r.stdout, new RegExp(`^${heading}`, 'm'));
  }
  assert.match(r.stdout, /^Israel$/m);
  assert.match(r.stdout, /^ {2}The Bosphorus Herald +[−+]?\d\.\d\d [░█]+│[░█]+ {2}conf \d\.\d\d {2}\d+ mentions?$/m);
  assert.match(r.stdout, new RegExp(`${LEDGER.replace('.', '\\.')}:\\d+`), 'passages and evidence carry file:line');

  assert.ok(slant(['compare', '--no-config', HERALD, LEDGER], ROOT, { tty: true }).stdout.includes('\u001b['));
  assert.ok(!slant(['compare', '--no-config', HERALD, LEDGER], ROOT, { tty: true, env: { NO_COLOR: '1' } }).stdout.includes('\u001b'));
});

void test('HTML written with -o: a self-contained report with both outlets and links to the files', () => {
  const dir = workspace({});
  const out = path.join(dir, 'report.html');
  const r = slant(['compare', '--no-config', '-f', 'html', '-o', out, HERALD, LEDGER], ROOT, { tty: true });
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout, '');
  const html = fs.readFileSync(out, 'utf8');
  assert.ok(html.startsWith('<!DOCTYPE html>'));
  assert.match(html, /<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;/);
  assert.ok(!/<script|<link|<img|\ssrc=/i.test(html));
  for (const outlet of ['The Bosphorus Herald', 'The Levant Ledger']) assert.ok(html.includes(outlet));
  const url = pathToFileURL(path.join(ROOT, HERALD)).href;
  assert.match(html, new RegExp(`href="${url.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}#L\\d+"`));
});

void test('fewer than two readable documents is a usage error naming what went wrong', () => {
  const one = slant(['compare', '--no-config', HERALD], ROOT);
  assert.equal(one.status, 2);
  assert.equal(one.stdout, '');
  assert.equal(stderrLines(one)[0], 'slant: compare needs at least two documents it can read; only one could be read');
  assert.match(one.stderr, /slant compare \[options\] FILE FILE\.\.\./);

  const none = slant(['compare'], ROOT);
  assert.equal(none.status, 2);
  assert.match(none.stderr, /^slant: no files given to compare/m);
});

void test('a missing path and a binary file: one line each, the readable documents still compared, exit 2', () => {
  const dir = workspace({
    'post.md': HARBOUR_POST,
    'beacon.md': DAILY_BEACON,
    'scan.txt': Buffer.from([0x5a, 0x6f, 0x72, 0x00, 0x01, 0x62]),
  });
  const r = slant(['compare', '-f', 'json', 'nowhere/gone.md', 'post.md', 'scan.txt', 'beacon.md'], dir);
  assert.equal(r.status, 2);
  assert.deepEqual(stderrLines(r), [`slant: cannot read ${path.join('nowhere', 'gone.md')}: no such file`, 'slant: skipped scan.txt: binary file (contains NUL bytes)']);
  const c = JSON.parse(r.stdout) as Comparison;
  assert.deepEqual(
    c.documents.map((d) => d.path),
    ['post.md', 'beacon.md'],
  );
  assert.equal(c.documents[0]!.outlet, 'The Harbour Post');

  const short = slant(['compare', 'post.md', 'scan.txt'], dir);
  assert.equal(short.status, 2);
  assert.deepEqual(stderrLines(short), ['slant: skipped scan.txt: binary file (contains NUL bytes)', 'slant: compare needs at least two documents it can read; only one could be read']);
});

void test('gazetteer files from the config add entities; a malformed one is named with its line and left out', () => {
  const dir = workspace({
    'post.md': HARBOUR_POST,
    'beacon.md': DAILY_BEACON,
    '.slant/config.json': JSON.stringify({ entities: ['zorbania.json'] }),
    '.slant/zorbania.json': ZORBANIA,
  });
  const c = comparison(slant(['compare', '-f', 'json', 'post.md', 'beacon.md'], dir));
  assert.equal(c.entities[0], 'Zorbania');
  for (const d of c.documents) assert.ok(d.stance.Zorbania !== undefined && d.stance.Zorbania.mentions > 0, d.path);

  const broken = ZORBANIA.replace('"type": "country",', '"type": "country"');
  fs.writeFileSync(path.join(dir, '.slant', 'zorbania.json'), broken);
  const r = slant(['compare', '-f', 'json', 'post.md', 'beacon.md'], dir);
  assert.equal(r.status, 2);
  const lines = stderrLines(r);
  assert.equal(lines.length, 1);
  const badLine = broken.split('\n').findIndex((l) => l.includes('"aliases"')) + 1;
  assert.match(lines[0]!, new RegExp(`^slant: entities ${path.join('.slant', 'zorbania.json').replace(/\./g, '\\.')}:${badLine}:\\d+: invalid JSON`));
  assert.ok(!(JSON.parse(r.stdout) as Comparison).entities.includes('Zorbania'), 'the comparison goes on with the built-in gazetteer');

  // The same file given with --entities; a new entity without a type is refused with its line.
  const untyped = ZORBANIA.replace('"type": "country",\n', '');
  fs.writeFileSync(path.join(dir, 'untyped.json'), untyped);
  const u = slant(['compare', '--no-config', '--entities', 'untyped.json', '-f', 'json', 'post.md', 'beacon.md'], dir);
  assert.equal(u.status, 2);
  assert.deepEqual(stderrLines(u), [`slant: entities untyped.json:${untyped.split('\n').findIndex((l) => l.includes('"id"')) + 1}: entity "zorbania" is new, so it needs a "name" and a "type"`]);
});

void test('a report that cannot be written is one line naming the file', () => {
  const dir = workspace({ 'post.md': HARBOUR_POST, 'beacon.md': DAILY_BEACON });
  const r = slant(['compare', '-f', 'html', '-o', 'missing/report.html', 'post.md', 'beacon.md'], dir);
  assert.equal(r.status, 2);
  assert.deepEqual(stderrLines(r), [`slant: cannot write missing/report.html: no such file`]);
});

void test('help compare and compare --help print the same options', () => {
  const h = slant(['help', 'compare'], ROOT);
  assert.equal(h.status, 0);
  for (const option of ['--format', '--output', '--outlet', '--entities', '--config', '--lexicon', '--no-color']) assert.ok(h.stdout.includes(option), option);
  assert.equal(slant(['compare', '--help'], ROOT).stdout, h.stdout);
  assert.match(slant(['--help'], ROOT).stdout, /slant compare \[options\] FILE FILE\.\.\./);
  assert.equal(slant(['help', 'toString'], ROOT).status, 2);
});
