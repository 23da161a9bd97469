/**
 * A file longer than `maxLength` is read only as far as it is analysed (the rest is decoded a
 * piece at a time just to count it), and the check reports exactly what analysing the whole
 * text in memory reports: the same findings and the same notice with the whole length.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { analyse } from '../src/engine/index.js';
import { readInput } from '../src/cli/files.js';
import { run } from '../src/cli/run.js';
import { workspace } from './helpers.js';

/** About `bytes` of UTF-8 with one-, two-, three- and four-byte characters, so 1 MB pieces end inside some. */
function mixed(bytes: number): string {
  const unit = 'The mayor slammed the “so-called” reform in Zürich 😀, critics said.\n\n';
  return unit.repeat(Math.ceil(bytes / Buffer.byteLength(unit)));
}

test('readInput keeps the beginning of a file longer than maxChars and counts the whole', () => {
  const text = mixed(2_600_000);
  const dir = workspace({ 'big.md': '\ufeff' + text, 'small.md': 'Short.' });
  const big = readInput({ display: 'big.md', absolute: path.join(dir, 'big.md') }, () => Buffer.alloc(0), 1_200_000);
  assert.ok(big.ok);
  assert.equal(big.length, text.length);
  assert.ok(big.text.length > 1_200_000 && big.text.length < text.length, String(big.text.length));
  assert.equal(big.text, text.slice(0, big.text.length));
  const small = readInput({ display: 'small.md', absolute: path.join(dir, 'small.md') }, () => Buffer.alloc(0), 1_200_000);
  assert.deepEqual(small, { ok: true, text: 'Short.' });
});

test('readInput still finds a NUL byte past the part it keeps', () => {
  const dir = workspace({ 'bin.md': Buffer.concat([Buffer.from(mixed(50_000)), Buffer.from([0]), Buffer.from('tail')]) });
  const r = readInput({ display: 'bin.md', absolute: path.join(dir, 'bin.md') }, () => Buffer.alloc(0), 1000);
  assert.equal(r.ok, false);
  assert.match(r.ok ? '' : r.problem.message, /binary file/);
});

test('slant check on a file past maxLength reports what analysing all of it reports', () => {
  const text = mixed(600_000);
  const maxLength = 150_000;
  const dir = workspace({ 'big.md': text, 'config.json': JSON.stringify({ maxLength }) });
  let out = '';
  const status = run(['check', '--format', 'json', '--config', 'config.json', 'big.md'], { cwd: dir, env: {}, out: (s) => (out += s), err: () => undefined, stdoutIsTTY: false, readStdin: () => Buffer.alloc(0) }, '0');
  assert.equal(status, 0);
  const file = (JSON.parse(out) as { files: { findings: { start: { offset: number }; ruleId: string }[]; notices: { message: string }[] }[] }).files[0]!;
  const whole = analyse(text, { path: 'big.md', settings: { maxLength } });
  assert.deepEqual(
    file.notices.map((n) => n.message),
    whole.document.notices.map((n) => n.message),
  );
  assert.match(file.notices[0]?.message ?? '', new RegExp(`^document is ${text.length.toLocaleString('en-US')} characters`));
  assert.deepEqual(
    file.findings.map((f) => `${f.ruleId}@${f.start.offset}`),
    whole.findings.map((f) => `${f.ruleId}@${f.start}`),
  );
});
