/**
 * `slant import` end to end: the real build (dist/cli.cjs, which loads dist/import.cjs) on the
 * original pages in fixtures/import/, and on pages it must refuse with one line and exit 2.
 */
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { workspace } from './helpers.js';
import { importHtml } from '../src/import/html.js';
import { ImportFailed, importInWorker } from '../src/import/load.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CLI = process.env.SLANT_TEST_CLI ?? path.join(ROOT, 'dist', 'cli.cjs');
const FIXTURES = fileURLToPath(new URL('./fixtures/import/', import.meta.url));
const page = (name: string): string => fs.readFileSync(path.join(FIXTURES, name), 'utf8');

before(() => {
  assert.ok(fs.existsSync(CLI), `${CLI} is missing: run "npm run build" first`);
});

function slant(args: string[], cwd: string): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: { ...process.env, SLANT_DEBUG: '' }, timeout: 120_000 });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Exit 2 with one `slant:` line on stderr matching `reason`, nothing on stdout. */
function refused(r: ReturnType<typeof slant>, reason: RegExp): void {
  assert.equal(r.status, 2, r.stderr);
  assert.equal(r.stdout, '');
  const lines = r.stderr.split('\n').filter((l) => l !== '');
  assert.equal(lines.length, 1, r.stderr);
  assert.match(lines[0] as string, /^slant: /);
  assert.match(lines[0] as string, reason);
}

test('slant import prints the article; slant check finds in it what it finds in the hand-written article', () => {
  const dir = workspace({ 'page.html': page('harbour-courier.html'), 'hand.md': page('harbour-courier.md') });
  const r = slant(['import', 'page.html'], dir);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /^---\ntitle: /);
  fs.writeFileSync(path.join(dir, 'imported.md'), r.stdout);
  const findings = (file: string): string[] => {
    const c = slant(['check', '--no-config', '-f', 'json', file], dir);
    const json = JSON.parse(c.stdout) as { files: { findings: { ruleId: string; text: string; severity: string }[] }[] };
    return (json.files[0]?.findings ?? []).map((f) => `${f.ruleId} ${f.text} ${f.severity}`);
  };
  const hand = findings('hand.md');
  assert.ok(hand.length >= 3);
  assert.deepEqual(findings('imported.md'), hand);
});

test('slant import -o writes a new file, refuses to replace one without --force, never writes through a link', () => {
  const dir = workspace({ 'page.html': page('lantern-notes.html'), 'target.md': 'the reader notes\n' });
  const out = path.join(dir, 'lantern.md');
  let r = slant(['import', 'page.html', '-o', 'lantern.md'], dir);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout, '');
  assert.match(fs.readFileSync(out, 'utf8'), /Everyone knows the branches/);

  fs.writeFileSync(out, 'my own edits\n');
  r = slant(['import', 'page.html', '-o', 'lantern.md'], dir);
  refused(r, /already exists.*--force/);
  assert.equal(fs.readFileSync(out, 'utf8'), 'my own edits\n');
  r = slant(['import', 'page.html', '-o', 'lantern.md', '--force'], dir);
  assert.equal(r.status, 0, r.stderr);
  assert.match(fs.readFileSync(out, 'utf8'), /Everyone knows the branches/);

  fs.symlinkSync(path.join(dir, 'target.md'), path.join(dir, 'link.md'));
  r = slant(['import', 'page.html', '-o', 'link.md', '--force'], dir);
  refused(r, /symbolic link/);
  assert.equal(fs.readFileSync(path.join(dir, 'target.md'), 'utf8'), 'the reader notes\n');
  assert.deepEqual(fs.readdirSync(dir).filter((f) => f.endsWith('.tmp')), []);
});

test('slant import refuses a URL: nothing is fetched', () => {
  const dir = workspace();
  for (const url of ['https://example.com/news/story', 'http://example.com/a.html', 'www.example.com/story']) {
    refused(slant(['import', url], dir), /not a URL.*Save the page first/);
  }
});

test('slant import: a malformed, empty, binary, non-HTML or 50 MB page gives one line and exit 2', () => {
  const dir = workspace({
    'malformed.html': '<<<>>><html<body <p "unterminated <div class=',
    'half.html': '<html><body><div><p>Half a page <b>saved <i>before the',
    'empty.html': '',
    'binary.html': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d]),
    'notes.html': 'a shopping list, not a page',
  });
  // 50 MB without writing 50 MB: a sparse file.
  const big = path.join(dir, 'big.html');
  fs.writeFileSync(big, '<html><body><p>');
  fs.truncateSync(big, 50 * 1024 * 1024);
  refused(slant(['import', 'malformed.html'], dir), /cannot import malformed\.html: (no article text|this is not an HTML page|too little text)/);
  refused(slant(['import', 'half.html'], dir), /cannot import half\.html: (no article text|too little text)/);
  refused(slant(['import', 'empty.html'], dir), /cannot import empty\.html: the page is empty/);
  refused(slant(['import', 'binary.html'], dir), /cannot import binary\.html: binary file/);
  refused(slant(['import', 'notes.html'], dir), /cannot import notes\.html: this is not an HTML page/);
  refused(slant(['import', 'big.html'], dir), /cannot import big\.html: is larger than 20 MB \(50 MB/);
  refused(slant(['import', 'missing.html'], dir), /cannot import missing\.html: no such file/);
  refused(slant(['import', '.'], dir), /cannot import \.: is a folder/);
});

test('slant import: usage errors exit 2; help names the command', () => {
  const dir = workspace();
  let r = slant(['import'], dir);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /no page given/);
  r = slant(['import', 'a.html', 'b.html'], dir);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /one page/);
  r = slant(['help', 'import'], dir);
  assert.equal(r.status, 0);
  assert.match(r.stdout, /Usage: slant import/);
  assert.match(slant(['--help'], dir).stdout, /import PAGE\.html/);
});

test('the importer bundle in a worker thread (as the editor runs it) gives what the importer gives', async () => {
  const dist = path.dirname(CLI);
  const html = page('valley-dispatch.html');
  assert.equal(await importInWorker(dist, html, 60_000), importHtml(html).markdown);
  await assert.rejects(importInWorker(dist, '<html><body><p>Three words only', 60_000), (e: unknown) => e instanceof ImportFailed && e.importError && /too little text/.test(e.message));
  // A worker that cannot finish in time is stopped, with a message saying so.
  await assert.rejects(importInWorker(dist, html, 1), (e: unknown) => e instanceof ImportFailed && /took longer than/.test(e.message));
});

test('slant import reads a page saved in its legacy encoding (windows-1252 meta charset)', () => {
  const article = 'The caf\u00e9 on the quay\u2019s corner reopened on Monday after a winter of repairs to its roof and kitchen. '.repeat(6);
  const html = `<html><head><meta charset="windows-1252"><title>Caf\u00e9 reopens</title></head><body><article><h1>Caf\u00e9 reopens</h1><p>${article}</p></article></body></html>`;
  // windows-1252: \u2019 is byte 0x92, \u00e9 is 0xe9.
  const bytes = Buffer.from(html.replace(/\u2019/g, '\x92'), 'latin1');
  const dir = workspace({ 'cafe.html': bytes, 'odd.html': Buffer.from('<meta charset="x-no-such-code"><p>text</p>') });
  const r = slant(['import', 'cafe.html'], dir);
  assert.equal(r.status, 0, r.stderr);
  assert.ok(r.stdout.includes('The caf\u00e9 on the quay\u2019s corner'), r.stdout.slice(0, 300));
  refused(slant(['import', 'odd.html'], dir), /encoding "x-no-such-code"/);
});
