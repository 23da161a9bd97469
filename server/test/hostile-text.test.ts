/**
 * Hostile plain text (issue 19, bounded time on any input): every text pattern of
 * hostile-inputs.ts, at a size where the old quadratic or exponential stages would not have
 * finished (a 10 KB "said <long word>/" ran for minutes, "1,1,1…" and a line of quotations grew
 * with the square of their length). Asserted: the analysis completes and its output is sane (every
 * range inside the text, sentences in order, the quotations and sources the text holds); speed is
 * measured in `npm run bench` (SLANT_BENCH=hostile), not here. The Markdown patterns have their
 * own hostile tests. The timeout only turns a hang into a failure.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyse, type AnalysisResult } from '../src/engine/index.js';
import { HOSTILE_PATTERNS, hostilePattern, longWord } from './hostile-inputs.js';
import { rangeOf } from './helpers.js';

const SIZE = 100_000;
const HANG = { timeout: 120_000 };

/** Everything the analysis returns points inside the text, in order. */
function assertSane(r: AnalysisResult, text: string): void {
  const n = text.length;
  for (const f of r.findings) {
    assert.ok(f.start >= 0 && f.start < f.end && f.end <= n, `${f.ruleId} at ${f.start}–${f.end} of ${n}`);
    assert.equal(typeof f.message, 'string');
  }
  let prev = 0;
  for (const s of r.document.sentences) {
    assert.ok(s.start >= prev && s.start <= s.end && s.end <= n, `sentence ${s.index} at ${s.start}–${s.end}`);
    prev = s.end;
  }
  for (const q of r.document.quotes) {
    assert.ok(q.start >= 0 && q.start < q.end && q.end <= n && q.inner.start >= q.start && q.inner.end <= q.end, `quote at ${q.start}–${q.end}`);
    if (q.speakerRange) assert.ok(q.speakerRange.start >= 0 && q.speakerRange.end <= n);
  }
  assert.equal(r.sourcing.sentences.length, r.document.sentences.length);
  for (const s of r.sourcing.sources) for (const m of s.mentions) assert.ok(m.start >= 0 && m.start <= m.end && m.end <= n);
}

const count = (text: string, unit: string): number => text.split(unit).length - 1;

for (const p of HOSTILE_PATTERNS.filter((x) => x.format === 'text')) {
  test(`hostile text ${p.name}: ${SIZE / 1000} KB completes with sane output`, HANG, () => {
    const text = p.make(SIZE);
    assertSane(analyse(text, { format: 'text' }), text);
  });
}

test('a line of short quotations: each one is a scare quote, found in one pass', HANG, () => {
  const text = hostilePattern('so-quotes-one-line').make(SIZE);
  const r = analyse(text, { format: 'text' });
  const scare = r.findings.filter((f) => f.ruleId === 'scare-quote');
  assert.equal(scare.length, count(text, '"so"'));
  assert.equal(text.slice(scare[scare.length - 1]!.start, scare[scare.length - 1]!.end), '"so"');
});

test('quotations after a name and after a pronoun on one line: every one has the named speaker', HANG, () => {
  const text = hostilePattern('named-speaker-quotes').make(SIZE);
  const r = analyse(text, { format: 'text' });
  assert.equal(r.document.quotes.length, count(text, '"so"') + count(text, '"no"'));
  assert.ok(r.document.quotes.every((q) => q.speaker === 'Ana Silva'));
  // Nobody is named in the pronoun-only line: no speaker is made up.
  const he = hostilePattern('he-said-quotes-one-line').make(SIZE);
  const rh = analyse(he, { format: 'text' });
  assert.equal(rh.document.quotes.length, count(he, '"so"'));
  assert.ok(rh.document.quotes.every((q) => q.speaker === null));
});

test('apostrophes before words that never close are not quotations', HANG, () => {
  const text = hostilePattern('unclosed-single-quotes').make(SIZE);
  assert.equal(analyse(text, { format: 'text' }).document.quotes.length, 0);
  // ...but with a closing mark later in the paragraph, the first of them opens a quotation that ends there.
  const closed = `${text.slice(0, 3000)}a word' and more.`;
  const r = analyse(closed, { format: 'text' });
  assert.equal(r.document.quotes.length, 1);
  assert.deepEqual({ start: r.document.quotes[0]!.start, end: r.document.quotes[0]!.end }, { start: 0, end: rangeOf(closed, "word'").end });
});

test('the bounded readings still find what ordinary text says', () => {
  // ", said X": the subject after the verb, up to eight words.
  const said = analyse('Prices will rise next spring, said Marta Quintero Vidal.', { format: 'text' });
  assert.equal(said.sourcing.sentences[0]?.attribution?.kind, 'named');
  assert.match(said.sourcing.sentences[0]?.attribution?.source ?? '', /^Marta Quintero Vidal\b/);
  // The subject ends where the clause does: before "on Tuesday", not at the sentence's end.
  const on = analyse('The pier will close, said Marta Vidal on Tuesday after the vote.', { format: 'text' });
  assert.equal(on.sourcing.sentences[0]?.attribution?.source, 'Marta Vidal');
  const slash = `x, said ${longWord(56)}/`;
  assert.equal(analyse(slash, { format: 'text' }).sourcing.sentences[0]?.attribution, null);
  // Adverbs between subject and verb, two in a row.
  const adv = analyse('The harbour office has also said that the pier will close.', { format: 'text' });
  assert.equal(adv.sourcing.sentences[0]?.attribution?.source, 'The harbour office');
  // Figures: a number with thousands separators, and one right after "more than" (its first digit is inside that match).
  const fig = analyse('The works cost 2,400,000 dollars. More than 1,200,000 people signed the petition.', { format: 'text' });
  const facts = fig.sourcing.sentences.map((s) => s.claimCues.find((c) => c.kind === 'fact'));
  assert.equal(fig.document.text.slice(facts[0]!.start, facts[0]!.end), '2,400,000 dollars');
  assert.equal(fig.sourcing.sentences[1]?.checkable, true);
  // A colon before a quotation: the subject of the sentence that introduces it.
  const colon = analyse('Council member Rosa Ibarra was blunt:   "We are not finished here."', { format: 'text' });
  assert.equal(colon.document.quotes[0]?.speaker, 'Council member Rosa Ibarra');
});
