/**
 * Property-based: random and hostile text never makes the engine throw, and every range it
 * returns lies inside the document and on whole UTF-16 characters.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { analyse, type AnalysisResult } from '../src/engine/index.js';

/** Pieces that stress the readers: quotes, CriticMarkup, Markdown syntax, odd spaces, astral characters. */
const PIECES = [
  '“', '”', '"', "'", '‘', '’', '«', '»', '{>>', '<<}', '{==', '==}', '{~~', '~>', '~~}', '{++', '++}', '{--', '--}',
  '{>>slant-ignore<<}', '{>>slant-ignore contested-label<<}', '> ', '# ', '- ', '* ', '**', '_', '`', '```\n', '---\n', '[a](', ')', '|', '\n', '\n\n',
  '\u00a0', '\u202f', '\u200b', '\t', '\r\n', '\u0000', '\u0007', '\u001b[31m', '\ud83c\udf0d', '\ud835\udc9c', '\ud800', '\udc00',
  'regime', 'Regime', 'so-called', 'thugs', 'death tax', 'U.S.', 'Maj. Gen.', 'Mar. 1, 2025', 'Dr.', '...', '…', '—', 'Türkiye', 'Erdoğan',
  ' said Kallas.', ', she told reporters.', 'According to officials, ', 'Subscribe now', 'Already a subscriber? Log in', '&amp;', '\\*', '<div>', '</div>',
];

const hostile = fc.array(fc.oneof(fc.constantFrom(...PIECES), fc.string({ maxLength: 12 }), fc.string({ unit: 'grapheme', maxLength: 8 })), { maxLength: 80 }).map((parts) => parts.join(''));

function checkRanges(text: string, r: AnalysisResult): void {
  const inside = (start: number, end: number, what: string): void => {
    assert.ok(Number.isInteger(start) && Number.isInteger(end), `${what}: not integers`);
    assert.ok(start >= 0 && start <= end && end <= text.length, `${what}: [${start}, ${end}) outside 0..${text.length}`);
  };
  const whole = (offset: number, what: string): void => {
    const c = text.charCodeAt(offset);
    const p = text.charCodeAt(offset - 1);
    assert.ok(!(c >= 0xdc00 && c <= 0xdfff && p >= 0xd800 && p <= 0xdbff), `${what}: splits a surrogate pair at ${offset}`);
  };
  assert.equal(r.document.prose.length, text.length);
  for (const f of r.findings) {
    inside(f.start, f.end, `finding ${f.ruleId}`);
    assert.equal(text.slice(f.start, f.end), f.text);
    assert.ok(f.message.length > 0 && f.note.length > 0);
    whole(f.start, 'finding start');
    whole(f.end, 'finding end');
  }
  for (const s of r.document.sentences) inside(s.start, s.end, 'sentence');
  for (const t of r.document.tokens) {
    inside(t.start, t.end, 'token');
    whole(t.start, 'token start');
    whole(t.end, 'token end');
  }
  for (const q of r.document.quotes) {
    inside(q.start, q.end, 'quote');
    inside(q.inner.start, q.inner.end, 'quote inner');
  }
}

test('hostile text never throws and every range lies inside the document (text and Markdown)', () => {
  fc.assert(
    fc.property(hostile, fc.constantFrom('text', 'markdown'), (text, format) => {
      checkRanges(text, analyse(text, { format: format as 'text' | 'markdown' }));
    }),
    { numRuns: 400 },
  );
});

test('arbitrary full-Unicode strings never throw', () => {
  fc.assert(
    fc.property(fc.string({ unit: 'binary', maxLength: 300 }), fc.constantFrom('text', 'markdown'), (text, format) => {
      checkRanges(text, analyse(text, { format: format as 'text' | 'markdown' }));
    }),
    { numRuns: 300 },
  );
});

test('a 10,000-character line with unbalanced quotes and CriticMarkup is analysed', () => {
  const line = ('the “regime {>> said ' + '«so-called » {== x ').repeat(400).slice(0, 10_000);
  for (const format of ['text', 'markdown'] as const) {
    const r = analyse(line, { format });
    checkRanges(line, r);
    assert.ok(r.findings.some((f) => f.entryId === 'so-called' || f.entryId === 'regime'), 'still finds wording in a long line');
  }
});
