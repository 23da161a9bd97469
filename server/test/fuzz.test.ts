/**
 * Fuzzing the whole engine with random Markdown-like text: headings, lists, quotes, emphasis,
 * links, code, HTML, CriticMarkup, quotation marks, and odd Unicode (lone surrogates, control
 * and zero-width characters), sometimes one piece repeated hundreds of times so that the
 * reader's bounds are passed. Each text is analysed as Markdown and as plain text; analyse()
 * must return, and every range it gives must lie inside the text. A fixed seed keeps CI
 * deterministic; SLANT_FC_SEED=random (or a number) explores further.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { analyse, type Format, type Range } from '../src/engine/index.js';

const PIECES = [
  '# ', '## Heading', 'Title\n===', '- ', '* ', '+ ', '1. ', '2) ', '- [ ] ', '> ', '>', '    ', '\t', '\n', '\n\n', '\r\n', ' ',
  '*', '**', '_', '__', '~~', '`', '```', '~~~', '[', ']', '(', ')', '![', '](', '[a](https://example.com/x)', '<https://example.org>',
  '<div>', '</div>', '<span class="x">', '<!--', '-->', '<br/>', '&amp;', '&#8212;', '\\', '|', '| a | b |\n|---|---|', '---', '***',
  '{++', '++}', '{--', '--}', '{~~', '~>', '~~}', '{==', '==}', '{>>', '<<}', '{>>slant-ignore loaded-language<<}',
  '"', '“', '”', '‘', '’', "'", '«', '»', '„', '—',
  'The minister slammed the so-called reform.', 'Critics said the plan was a disaster, according to sources.',
  '“It is brutal,” said Ana Ruiz, a council member.', 'Officials reportedly claimed victory', 'regime', 'thugs', 'he said',
  'Türkiye', 'Zürich', 'naïve', '10,000', '3.5%', 'U.S.', 'e.g.', '…',
  '\ud800', '\udc00', '\ud83d\ude00', '\u0000', '\u0007', '\u001b', '\u007f', '\u200b', '\u200d', '\ufeff', '\u2028', '\u00a0', '\u202e',
];

/** A piece, or now and then one piece many times over (up to a few KB): deep nesting, long paragraphs, unmatched markers. */
const part = fc.oneof(
  { weight: 12, arbitrary: fc.constantFrom(...PIECES) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...PIECES), fc.integer({ min: 20, max: 700 })).map(([p, n]) => p.repeat(n)) },
);
const document = fc.array(part, { maxLength: 80 }).map((parts) => parts.join(''));

function seed(): { seed?: number } {
  const env = process.env.SLANT_FC_SEED;
  if (env === 'random') return {};
  return { seed: env !== undefined && env !== '' ? Number(env) : 20261205 };
}

function assertRange(text: string, r: Range, what: string): void {
  assert.ok(Number.isInteger(r.start) && Number.isInteger(r.end) && r.start >= 0 && r.start <= r.end && r.end <= text.length, `${what} ${r.start}-${r.end} in ${text.length}`);
}

function check(text: string, format: Format): void {
  const { document: doc, findings } = analyse(text, { format });
  assert.equal(doc.prose.length, text.length);
  assert.ok(doc.analysedLength <= text.length);
  for (const b of doc.blocks) assertRange(text, b, 'block');
  for (const s of doc.sentences) assertRange(text, s, 'sentence');
  for (const t of doc.tokens) {
    assertRange(text, t, 'token');
    assert.equal(t.text, text.slice(t.start, t.end));
  }
  for (const q of doc.quotes) {
    assertRange(text, q, 'quote');
    assertRange(text, q.inner, 'quote inner');
    if (q.speakerRange) assertRange(text, q.speakerRange, 'speaker');
  }
  for (const a of doc.annotations) {
    assertRange(text, a, 'annotation');
    if (a.reviewed) assertRange(text, a.reviewed, 'reviewed');
  }
  for (const ig of doc.ignores) {
    assertRange(text, ig, 'ignore');
    assertRange(text, ig.scope, 'ignore scope');
  }
  for (const f of findings) {
    assertRange(text, f, `finding ${f.ruleId}`);
    assert.ok(f.end <= doc.analysedLength, `finding ${f.ruleId} past the analysed length`);
    assert.equal(f.text, text.slice(f.start, f.end));
    if (f.speakerRange) assertRange(text, f.speakerRange, 'finding speaker');
  }
}

test('random Markdown-like text: analyse() returns, every range inside the text (Markdown and plain)', () => {
  fc.assert(
    fc.property(document, (text) => {
      check(text, 'markdown');
      check(text, 'text');
    }),
    { numRuns: 400, ...seed() },
  );
});

test('the same with a small maxLength: the cut never splits what the ranges point into', () => {
  fc.assert(
    fc.property(document, fc.integer({ min: 1, max: 400 }), (text, maxLength) => {
      const { document: doc, findings } = analyse(text, { format: 'markdown', settings: { maxLength } });
      assert.ok(doc.analysedLength <= Math.max(maxLength, 0) || doc.analysedLength === text.length);
      for (const f of findings) assert.ok(f.start >= 0 && f.end <= doc.analysedLength);
    }),
    { numRuns: 200, ...seed() },
  );
});
