import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyse, builtinLexicon, compileLexicon, LexiconError, parseLexiconFile, readDocument, type LexiconFile } from '../src/engine/index.js';
import { inflections, KIND_RULES } from '../src/engine/lexicon/lexicon.js';
import { ENTRY_KINDS } from '../src/engine/lexicon/schema.js';

const file: LexiconFile = {
  entries: [
    { id: 'regime', patterns: ['regime'], kind: 'contested', note: 'Test note.', alternatives: ['government'], exceptions: ['dietary regime', 'tax regime'] },
    { id: 'so-called', patterns: ['so-called'], kind: 'contested', note: 'Test note.' },
    { id: 'slam', patterns: ['slam'], kind: 'report-verb', note: 'Test note.', alternatives: ['criticise'] },
    { id: 'death-tax', patterns: ['death tax'], kind: 'partisan', note: 'Test note.', side: 'US right', counterpart: 'estate tax' },
    { id: 'death', patterns: ['death'], kind: 'emotive', note: 'Overlapping shorter entry.' },
    { id: 'slaughter', patterns: ['slaughter*'], kind: 'emotive', note: 'Wildcard.' },
    { id: 'democrat-party', patterns: ['Democrat Party'], kind: 'partisan', note: 'Case.', caseSensitive: true, counterpart: 'Democratic Party' },
  ],
};
const lexicon = compileLexicon([{ source: 'test.json', file }]);

function matches(text: string): string[] {
  const doc = readDocument(text, { format: 'text' });
  const out: string[] = [];
  for (const s of doc.sentences) {
    const tokens = doc.tokens.filter((t) => t.sentence === s.index);
    for (const m of lexicon.match(tokens)) out.push(`${m.entry.id}:${text.slice(tokens[m.first]!.start, tokens[m.last]!.end)}`);
  }
  return out;
}

test('inflections cover plural, past and gerund forms', () => {
  assert.deepEqual(new Set(inflections('slam')), new Set(['slam', 'slams', 'slammed', 'slamming', 'slamed', 'slaming']));
  assert.ok(inflections('regime').includes('regimes'));
  assert.ok(inflections('bully').includes('bullies'));
  assert.ok(inflections('bully').includes('bullied'));
  assert.ok(inflections('smash').includes('smashes'));
});

test('matches inflected, capitalised and possessive forms', () => {
  assert.deepEqual(matches('Regimes fell. The regime’s army slammed critics. He is slamming them.'), [
    'regime:Regimes',
    'regime:regime’s',
    'slam:slammed',
    'slam:slamming',
  ]);
});

test('exceptions protect non-loaded senses', () => {
  assert.deepEqual(matches('A strict dietary regime and a new tax regime. The regime fell.'), ['regime:regime']);
});

test('hyphenated patterns match spaced and hyphenated forms; longest match wins', () => {
  assert.deepEqual(matches('The so-called deal and the so called plan. The death tax debate. Death came.'), [
    'so-called:so-called',
    'so-called:so called',
    'death-tax:death tax',
    'death:Death',
  ]);
});

test('wildcards and case-sensitive entries', () => {
  assert.deepEqual(matches('A slaughterhouse of ideas. The Democrat Party met; the democrat party did not.'), [
    'slaughter:slaughterhouse',
    'democrat-party:Democrat Party',
  ]);
});

test('punctuation breaks a phrase', () => {
  assert.deepEqual(matches('It was death, tax and more.'), ['death:death']);
});

test('lexicon files are checked with file and line in the message', () => {
  const bad = '{\n  "entries": [\n    { "id": "ok", "patterns": ["ok"], "kind": "emotive", "note": "n" },\n    { "id": "bad", "patterns": [], "kind": "emotive", "note": "n" }\n  ]\n}\n';
  assert.throws(
    () => parseLexiconFile(bad, 'extra.json'),
    (e: unknown) => e instanceof LexiconError && /^extra\.json:4: entry "bad": "patterns"/.test(e.message),
  );
  assert.throws(
    () => parseLexiconFile('{\n  "entries": [\n  }\n', 'broken.json'),
    (e: unknown) => e instanceof LexiconError && /^broken\.json:3:\d+: invalid JSON/.test(e.message),
  );
  assert.throws(() => parseLexiconFile('{"entries":[{"id":"x","patterns":["x"],"kind":"nope","note":"n"}]}', 'k.json'), /"kind" must be one of/);
  assert.throws(() => parseLexiconFile('{"entries":[{"id":"x","patterns":["x"],"kind":"label","note":"n","url":"ftp://x"}]}', 'u.json'), /"url" must start/);
});

test('a workspace entry with the same id replaces the built-in one', () => {
  const extra = compileLexicon([{ source: 'ws.json', file: { entries: [{ id: 'regime', patterns: ['junta'], kind: 'label', note: 'Replaced.' }] } }], lexicon);
  assert.equal(extra.entry('regime')?.note, 'Replaced.');
  assert.equal(extra.size, lexicon.size);
  const r = analyse('The junta and the regime.', { lexicon: extra });
  assert.deepEqual(
    r.findings.map((f) => f.text),
    ['junta'],
  );
});

test('the built-in lexicon is large, valid and covers every kind', () => {
  const lex = builtinLexicon();
  assert.ok(lex.size >= 400, `only ${lex.size} entries`);
  const kinds = new Set(lex.entries.map((e) => e.kind));
  for (const k of ENTRY_KINDS) assert.ok(kinds.has(k), `no ${k} entries`);
  for (const e of lex.entries) {
    assert.ok(e.note.length >= 20, `${e.id}: note too short`);
    assert.equal(e.ruleId, KIND_RULES[e.kind].ruleId);
    if (e.kind === 'partisan') assert.ok(e.side || e.counterpart, `${e.id}: partisan entry without side or counterpart`);
  }
});

test('built-in lexicon: a sample of each kind is found in running text', () => {
  const lex = builtinLexicon();
  for (const kind of ENTRY_KINDS) {
    const entry = lex.entries.find((e) => e.kind === kind && !e.caseSensitive && !e.patterns[0]!.includes('*'));
    assert.ok(entry, kind);
    const phrase = entry.patterns[0]!;
    const r = analyse(`Officials described ${phrase} in the report.`, { lexicon: lex });
    assert.ok(
      r.findings.some((f) => f.text.toLowerCase() === phrase.toLowerCase() || f.entryId === entry.id),
      `${kind}: "${phrase}" not found (got ${r.findings.map((f) => f.entryId).join(', ')})`,
    );
  }
});
