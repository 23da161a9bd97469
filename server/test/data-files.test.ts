/**
 * Data files from a workspace or the command line (config, lexicons, entities): read only when
 * they are regular files under the cap, at once whatever they are (a link to /dev/zero, a FIFO,
 * a folder, a huge or binary file), with one clear message; written never through a link nor
 * outside the workspace; checked for misspelt keys. The CLI cases run the real bundle
 * (`npm run build` first), with a time limit so that a hang fails instead of stalling the run.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_MAX_DATA_FILE_BYTES, readTextFile, UnsafeWriteError, writeFileInside } from '../src/data-files/read.js';
import { loadDataFiles } from '../src/data-files/load.js';
import { parseLexiconFile, parseSettings } from '../src/engine/index.js';
import { parseGazetteerFile } from '../src/engine/entities/gazetteer.js';
import { ConfigEditError, withIgnoredTerm } from '../src/lsp/config-edit.js';
import { tempDir, workspace } from './helpers.js';

const CLI = fileURLToPath(new URL('../../dist/cli.cjs', import.meta.url));
const LIMIT = { timeout: 20_000 };

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

function slant(args: string[], cwd: string): Run {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', timeout: 15_000, env: { ...process.env, NO_COLOR: '1' } });
  assert.equal(r.signal, null, `slant ${args.join(' ')} did not finish (${r.signal ?? ''})`);
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const stderrLines = (r: Run): string[] => r.stderr.split('\n').filter((l) => l !== '');

interface JsonFinding {
  ruleId: string;
  text: string;
}
const findingsOf = (r: Run): JsonFinding[] => (JSON.parse(r.stdout) as { files: { findings: JsonFinding[] }[] }).files.flatMap((f) => f.findings);

/** A FIFO made with mkfifo (the test is skipped where there is none). */
function fifo(file: string): boolean {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  return spawnSync('mkfifo', [file]).status === 0;
}

/** A sparse file of `bytes` bytes (zeros, no disk used). */
function sparse(file: string, bytes: number): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const fd = fs.openSync(file, 'w');
  fs.ftruncateSync(fd, bytes);
  fs.closeSync(fd);
}

const ARTICLE = 'The regime raised the florbish levy again.\n';

/** A lexicon with an invented word the built-in lexicon cannot contain. */
const FLORBISH = JSON.stringify({ entries: [{ id: 'florbish', patterns: ['florbish'], kind: 'partisan', note: 'An invented word for the tests.' }] }, null, 2);

// ── The reader ──────────────────────────────────────────────────────────────────────────────

void test('the reader refuses a link to /dev/zero, a FIFO, a folder, a huge file and a binary file at once, each with its reason', LIMIT, (t) => {
  const dir = tempDir('slant-read-');
  fs.symlinkSync('/dev/zero', path.join(dir, 'zero.json'));
  fs.mkdirSync(path.join(dir, 'folder.json'));
  sparse(path.join(dir, 'huge.json'), DEFAULT_MAX_DATA_FILE_BYTES + 1);
  fs.writeFileSync(path.join(dir, 'binary.json'), Buffer.from([0x7b, 0x00, 0x01, 0x7d]));
  const read = (name: string): string => {
    const r = readTextFile(path.join(dir, name), { maxBytes: DEFAULT_MAX_DATA_FILE_BYTES });
    assert.equal(r.ok, false, name);
    return r.ok ? '' : r.reason;
  };
  assert.equal(read('zero.json'), 'is not a regular file (a device)');
  assert.equal(read('folder.json'), 'is a folder, not a file');
  assert.equal(read('huge.json'), 'is larger than 4 MB');
  assert.equal(read('binary.json'), 'binary file (contains NUL bytes)');
  assert.equal(read('missing.json'), 'no such file');
  if (!fifo(path.join(dir, 'pipe.json'))) return t.skip('no mkfifo here');
  assert.equal(read('pipe.json'), 'is not a regular file (a named pipe)');
});

void test('the reader reads a file of exactly the cap, refuses one byte more, and can refuse links', () => {
  const dir = tempDir('slant-read-');
  fs.writeFileSync(path.join(dir, 'at-cap.json'), '{"entries": []}');
  fs.writeFileSync(path.join(dir, 'over.json'), '{"entries": [] }');
  fs.symlinkSync(path.join(dir, 'at-cap.json'), path.join(dir, 'link.json'));
  const cap = '{"entries": []}'.length;
  assert.deepEqual(readTextFile(path.join(dir, 'at-cap.json'), { maxBytes: cap }), { ok: true, text: '{"entries": []}' });
  assert.deepEqual(readTextFile(path.join(dir, 'over.json'), { maxBytes: cap }), { ok: false, reason: 'is larger than 1 KB', size: cap + 1 });
  assert.equal(readTextFile(path.join(dir, 'link.json'), { maxBytes: cap }).ok, true);
  const noFollow = readTextFile(path.join(dir, 'link.json'), { maxBytes: cap, noFollow: true });
  assert.equal(noFollow.ok, false);
  assert.match(noFollow.ok ? '' : noFollow.reason, /symbolic link/);
});

// ── Writing ─────────────────────────────────────────────────────────────────────────────────

void test('a write replaces the file through a temporary file and keeps its permissions', () => {
  const root = workspace({ '.slant/config.json': '{}\n' });
  const file = path.join(root, '.slant', 'config.json');
  fs.chmodSync(file, 0o600);
  writeFileInside(root, file, '{ "ignoreTerms": ["regime"] }\n');
  assert.equal(fs.readFileSync(file, 'utf8'), '{ "ignoreTerms": ["regime"] }\n');
  assert.equal(fs.statSync(file).mode & 0o777, 0o600);
  assert.deepEqual(fs.readdirSync(path.join(root, '.slant')), ['config.json'], 'no temporary file left');
  // A missing .slant folder is made.
  const fresh = workspace();
  writeFileInside(fresh, path.join(fresh, '.slant', 'config.json'), '{}\n');
  assert.equal(fs.readFileSync(path.join(fresh, '.slant', 'config.json'), 'utf8'), '{}\n');
});

void test('a write never goes through a link, nor outside the workspace folder', () => {
  const outside = workspace({ 'target.json': 'precious\n' });
  const target = path.join(outside, 'target.json');
  // The config is a link to a file elsewhere.
  const linked = workspace();
  fs.mkdirSync(path.join(linked, '.slant'));
  fs.symlinkSync(target, path.join(linked, '.slant', 'config.json'));
  assert.throws(() => writeFileInside(linked, path.join(linked, '.slant', 'config.json'), '{}\n'), UnsafeWriteError);
  // The .slant folder is a link to a folder elsewhere.
  const away = workspace();
  fs.symlinkSync(outside, path.join(away, '.slant'));
  assert.throws(() => writeFileInside(away, path.join(away, '.slant', 'config.json'), '{}\n'), UnsafeWriteError);
  // A path outside the folder.
  assert.throws(() => writeFileInside(away, target, '{}\n'), UnsafeWriteError);
  assert.equal(fs.readFileSync(target, 'utf8'), 'precious\n');
  assert.deepEqual(fs.readdirSync(outside), ['target.json']);
});

// ── Misspelt keys and files that are not JSON ──────────────────────────────────────────────

void test('a misspelt key in a lexicon entry is refused with its line and the nearest known key', () => {
  const text = `{\n  "entries": [\n    {\n      "id": "florbish",\n      "patterns": ["florbish"],\n      "kind": "partisan",\n      "note": "Invented.",\n      "exeptions": ["florbish pie"]\n    }\n  ]\n}\n`;
  const line = text.split('\n').findIndex((l) => l.includes('"exeptions"')) + 1;
  assert.throws(() => parseLexiconFile(text, 'words.json'), { message: `words.json:${line}: entry "florbish": unknown key "exeptions" (did you mean "exceptions"?)` });
  const top = '{\n  "descripton": "mine",\n  "entries": []\n}\n';
  assert.throws(() => parseLexiconFile(top, 'words.json'), { message: 'words.json:2: unknown key "descripton" (did you mean "description"?)' });
  // A key far from every known one lists them instead.
  assert.throws(() => parseLexiconFile(text.replace('exeptions', 'zzzzzz'), 'words.json'), /unknown key "zzzzzz" \(known: id, patterns, kind/);
});

void test('misspelt keys in entity files and the config are refused the same way', () => {
  const entities = `{\n  "entities": [\n    {\n      "id": "zorbania",\n      "name": "Zorbania",\n      "type": "country",\n      "aliases": [\n        { "text": "Zorbania", "kind": "name", "caseSensitiv": true }\n      ]\n    }\n  ]\n}\n`;
  const line = entities.split('\n').findIndex((l) => l.includes('"caseSensitiv"')) + 1;
  assert.throws(() => parseGazetteerFile(entities, 'places.json'), {
    message: `places.json:${line}: entity "zorbania", alias "Zorbania": unknown key "caseSensitiv" (did you mean "caseSensitive"?)`,
  });
  const entity = entities.replace('"aliases"', '"alias"');
  const entityLine = entity.split('\n').findIndex((l) => l.includes('"alias"')) + 1;
  assert.throws(() => parseGazetteerFile(entity, 'places.json'), { message: `places.json:${entityLine}: entity "zorbania": unknown key "alias" (did you mean "aliases"?)` });
  assert.throws(() => parseSettings('{\n  "categories": ["loaded"],\n  "ignoreTerm": ["regime"]\n}\n', 'config.json'), {
    message: 'config.json:3: unknown setting "ignoreTerm" (did you mean "ignoreTerms"?)',
  });
});

void test('a file that is not JSON is called that, with what was expected, and none of its text is quoted', () => {
  const notes = 'remember: the florbish story runs Monday\n';
  for (const [parse, expected] of [
    [parseSettings, 'a settings file'],
    [parseLexiconFile, 'a lexicon'],
    [parseGazetteerFile, 'an entities file'],
  ] as const) {
    assert.throws(
      () => parse(notes, 'notes.md'),
      (error: Error) => {
        assert.ok(error.message.startsWith(`notes.md: not a JSON file (expected ${expected}`), error.message);
        assert.ok(!error.message.includes('"r"') && !error.message.includes('remember'), error.message);
        return true;
      },
    );
  }
  // A file that does look like JSON still gets the place and the reason.
  assert.throws(() => parseSettings('{\n  "categories": [,]\n}\n', 'config.json'), /^.*config\.json:2:\d+: invalid JSON/);
});

// ── The loader ──────────────────────────────────────────────────────────────────────────────

void test('the loader reads the folder lexicons, the listed ones and the listed entities, and names what it cannot use', () => {
  const root = workspace({
    '.slant/config.json': JSON.stringify({ lexicons: ['../words/more.json', 'gone.json'], entities: ['places.json'] }),
    '.slant/team.lexicon.json': FLORBISH,
    'words/more.json': JSON.stringify({ entries: [{ id: 'grobble', patterns: ['grobble'], kind: 'emotive', note: 'Invented.' }] }),
    '.slant/places.json': JSON.stringify({ entities: [{ id: 'zorbania', name: 'Zorbania', type: 'country', aliases: [{ text: 'Zorbania', kind: 'name' }] }] }),
  });
  const loaded = loadDataFiles({ slantDir: path.join(root, '.slant'), maxBytes: DEFAULT_MAX_DATA_FILE_BYTES, shown: (f) => path.relative(root, f) });
  assert.deepEqual(loaded.lexiconFiles, [path.join(root, '.slant', 'team.lexicon.json'), path.join(root, 'words', 'more.json')]);
  assert.ok(loaded.lexicon.entry('florbish') && loaded.lexicon.entry('grobble') && loaded.lexicon.entry('regime'));
  assert.ok(loaded.gazetteer?.entities.has('zorbania'));
  assert.deepEqual(loaded.problems, [{ message: `cannot read lexicon ${path.join('.slant', 'gone.json')}: no such file`, path: path.join('.slant', 'gone.json'), kind: 'lexicon' }]);
  assert.ok(loaded.watched.includes(path.join(root, '.slant', 'gone.json')), 'a missing listed file is watched, so creating it reloads');
});

void test('the data files of one load together get four times the cap: the file past that is named and left out', () => {
  const files: Record<string, string> = {};
  for (const n of ['a', 'b', 'c', 'd', 'e']) {
    const text = JSON.stringify({ description: '', entries: [{ id: `word-${n}`, patterns: [`zib${n}`], kind: 'emotive', note: 'Invented.' }] });
    files[`.slant/${n}.lexicon.json`] = text.replace('"description":""', `"description":"${'x'.repeat(900 - text.length)}"`);
  }
  const root = workspace(files);
  assert.equal(fs.statSync(path.join(root, '.slant', 'a.lexicon.json')).size, 900);
  const loaded = loadDataFiles({ slantDir: path.join(root, '.slant'), maxBytes: 1000, shown: (f) => path.relative(root, f) });
  assert.deepEqual(loaded.lexiconFiles.map((f) => path.basename(f)), ['a.lexicon.json', 'b.lexicon.json', 'c.lexicon.json', 'd.lexicon.json']);
  assert.deepEqual(loaded.problems.map((p) => p.message), [`cannot read lexicon ${path.join('.slant', 'e.lexicon.json')}: would take the data files read past 4 KB together`]);
});

// ── The command line ────────────────────────────────────────────────────────────────────────

void test('slant check reads .slant/*.lexicon.json even when the config does not list it, as the editor does', LIMIT, () => {
  const dir = workspace({ '.slant/team.lexicon.json': FLORBISH, 'story.md': ARTICLE });
  const r = slant(['check', '-f', 'json', 'story.md'], dir);
  assert.equal(r.stderr, '');
  assert.deepEqual(
    findingsOf(r).map((f) => f.text),
    ['regime', 'florbish'],
  );
});

void test('--config naming a .slant/config.json brings that folder\'s lexicons; --no-config reads no .slant folder', LIMIT, () => {
  const dir = workspace({ 'team/.slant/config.json': '{ "ignoreTerms": ["regime"] }', 'team/.slant/team.lexicon.json': FLORBISH, 'story.md': ARTICLE });
  const given = slant(['check', '-f', 'json', '--config', path.join('team', '.slant', 'config.json'), 'story.md'], dir);
  assert.equal(given.stderr, '');
  assert.deepEqual(findingsOf(given).map((f) => f.text), ['florbish']);
  const inside = slant(['check', '-f', 'json', '--no-config', path.join('..', 'story.md')], path.join(dir, 'team'));
  assert.deepEqual(findingsOf(inside).map((f) => f.text), ['regime']);
});

void test('slant check with hostile data files: each is named at once, the built-in lexicon still works', LIMIT, (t) => {
  const dir = workspace({ 'story.md': ARTICLE, 'listed.json': JSON.stringify({ lexicons: ['/dev/zero', 'folder', 'huge.json', 'binary.json'] }) });
  fs.mkdirSync(path.join(dir, 'folder'));
  sparse(path.join(dir, 'huge.json'), 5 * 1024 * 1024);
  fs.writeFileSync(path.join(dir, 'binary.json'), Buffer.from([0x7b, 0, 0, 0x7d]));
  fs.mkdirSync(path.join(dir, '.slant'));
  fs.symlinkSync('/dev/zero', path.join(dir, '.slant', 'config.json'));

  const found = slant(['check', '-f', 'json', 'story.md'], dir);
  assert.equal(found.status, 2);
  assert.deepEqual(stderrLines(found), [`slant: cannot read config ${path.join('.slant', 'config.json')}: is not a regular file (a device)`]);
  assert.deepEqual(findingsOf(found).map((f) => f.text), ['regime']);

  const given = slant(['check', '-f', 'json', '--config', '/dev/zero', '--lexicon', '/dev/zero', 'story.md'], dir);
  assert.deepEqual(stderrLines(given), ['slant: cannot read config /dev/zero: is not a regular file (a device)', 'slant: cannot read lexicon /dev/zero: is not a regular file (a device)']);
  assert.deepEqual(findingsOf(given).map((f) => f.text), ['regime']);

  const listed = slant(['check', '-f', 'json', '--config', 'listed.json', 'story.md'], dir);
  assert.deepEqual(stderrLines(listed), [
    `slant: cannot read lexicon ${path.relative(dir, '/dev/zero')}: is not a regular file (a device)`,
    'slant: cannot read lexicon folder: is a folder, not a file',
    'slant: cannot read lexicon huge.json: is larger than 4 MB',
    'slant: cannot read lexicon binary.json: binary file (contains NUL bytes)',
  ]);
  assert.deepEqual(findingsOf(listed).map((f) => f.text), ['regime']);

  // The cap is a flag: with a larger one the big file is read (and found to be binary: it is all zeros).
  const raised = slant(['check', '-f', 'json', '--config', 'listed.json', '--max-data-file-mb', '6', 'story.md'], dir);
  assert.ok(stderrLines(raised).includes('slant: cannot read lexicon huge.json: binary file (contains NUL bytes)'), raised.stderr);
  const bad = slant(['check', '--max-data-file-mb', 'lots', 'story.md'], dir);
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /--max-data-file-mb needs a number of megabytes/);

  fs.rmSync(path.join(dir, '.slant', 'config.json'));
  if (!fifo(path.join(dir, '.slant', 'config.json'))) return t.skip('no mkfifo here');
  const piped = slant(['check', '-f', 'json', 'story.md'], dir);
  assert.deepEqual(stderrLines(piped), [`slant: cannot read config ${path.join('.slant', 'config.json')}: is not a regular file (a named pipe)`]);
  assert.deepEqual(findingsOf(piped).map((f) => f.text), ['regime']);
});

void test('slant compare reads entity files through the same loader', LIMIT, () => {
  const dir = workspace({ 'a.md': ARTICLE, 'b.md': 'The government raised the levy.\n' });
  const r = slant(['compare', '-f', 'json', '--entities', '/dev/zero', 'a.md', 'b.md'], dir);
  assert.equal(r.status, 2);
  assert.deepEqual(stderrLines(r), ['slant: cannot read entities /dev/zero: is not a regular file (a device)']);
  assert.ok((JSON.parse(r.stdout) as { documents: unknown[] }).documents.length === 2);
});

void test('a file name with an escape sequence reaches stderr cleaned, as stdout', LIMIT, () => {
  const name = 'odd\u001b[31mname.md';
  const dir = workspace({ [path.join('docs', name)]: Buffer.from([0x41, 0, 0x42]) });
  const r = slant(['check', 'docs'], dir);
  assert.equal(r.status, 2);
  assert.ok(!r.stderr.includes('\u001b'), JSON.stringify(r.stderr));
  assert.deepEqual(stderrLines(r), [`slant: skipped ${path.join('docs', 'odd\ufffd[31mname.md')}: binary file (contains NUL bytes)`]);
});

void test('front matter with an unknown YAML tag: no library warning on stderr', LIMIT, () => {
  const dir = workspace({ 'story.md': '---\ntitle: !weird "Harbour tolls"\nauthor: [Ana, Bo\n---\n\nThe regime raised the tolls.\n', 'other.md': '---\ntitle: !weird "Tolls"\n---\n\nText.\n' });
  const r = slant(['check', 'story.md', 'other.md'], dir);
  assert.ok(!/YAMLWarning|\(node:\d+\)|\^\^\^/.test(r.stderr), r.stderr);
  const lines = stderrLines(r);
  assert.equal(lines.length, 1, r.stderr);
  assert.match(lines[0]!, /^slant: story\.md: front matter is not valid YAML \([^\n]+ at line 2, column \d+\); metadata ignored$/);
});

void test('"Ignore in workspace" on a config that is not JSON says so without quoting it', () => {
  assert.throws(() => withIgnoredTerm('remember: the florbish story runs Monday\n', 'regime'), (error: Error) => {
    assert.ok(error instanceof ConfigEditError);
    assert.equal(error.message, 'it is not JSON');
    return true;
  });
  assert.throws(() => withIgnoredTerm('{\n  "ignoreTerms": ["florbish",]\n}\n', 'regime'), { message: 'it is not valid JSON (line 2)' });
});
