/** The evaluation scripts' offset helper: code point offsets (as the data gives) to UTF-16 offsets. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { codePointConverter, codePointLength, codePointToUtf16, spansToUtf16 } from '../../scripts/lib/offsets.js';
import { countSpans, wordTokens } from '../../scripts/lib/metrics.js';

/** Slices `text` by code point offsets, the reference the converter must agree with. */
const byCodePoints = (text: string, start: number, end: number): string => Array.from(text).slice(start, end).join('');

void test('BMP-only text converts by identity', () => {
  const text = 'Plain words, café and naïve.';
  const convert = codePointConverter(text);
  for (let i = 0; i <= text.length; i++) assert.equal(convert(i), i);
  assert.equal(codePointLength(text), text.length);
});

void test('an emoji before a span shifts it by one unit per astral character', () => {
  const text = 'Wow 😀 what a day';
  // "what" is code points 6..10, UTF-16 units 7..11.
  assert.equal(codePointToUtf16(text, 6), 7);
  assert.equal(codePointToUtf16(text, 10), 11);
  assert.equal(text.slice(7, 11), 'what');
  assert.equal(byCodePoints(text, 6, 10), 'what');
});

void test('spans over and after astral characters match Array.from slicing', () => {
  const text = '🇺🇸 flag, 👩‍👩‍👧 family, 𝐛𝐨𝐥𝐝 maths, then 🙂 end';
  const cps = Array.from(text);
  const convert = codePointConverter(text);
  assert.equal(codePointLength(text), cps.length);
  assert.equal(convert(cps.length), text.length);
  for (let start = 0; start <= cps.length; start++) {
    for (let end = start; end <= cps.length; end += 3) {
      assert.equal(text.slice(convert(start), convert(end)), byCodePoints(text, start, end));
    }
  }
  // Flag: 2 code points; family: 5 (three people joined by two zero-width joiners).
  const boldAt = Array.from(text.slice(0, text.indexOf('𝐛'))).length;
  assert.equal(boldAt, 2 + ' flag, '.length + 5 + ' family, '.length);
  const spans = spansToUtf16(text, [
    [0, 2, 'flag'],
    [boldAt, boldAt + 4, 'bold'],
    [cps.length - 3, cps.length, 'end'],
  ]);
  assert.deepEqual(
    spans.map((s) => [text.slice(s.start, s.end), s.type]),
    [
      ['🇺🇸', 'flag'],
      ['𝐛𝐨𝐥𝐝', 'bold'],
      ['end', 'end'],
    ],
  );
});

void test('a lone surrogate counts as one code point, as Array.from does', () => {
  const text = 'a\uD83Db c\uDE00d 😀e';
  const convert = codePointConverter(text);
  const cps = Array.from(text);
  for (let i = 0; i <= cps.length; i++) assert.equal(text.slice(0, convert(i)), cps.slice(0, i).join(''));
});

void test('offsets outside the text and reversed spans throw', () => {
  const text = 'x😀y';
  assert.throws(() => codePointToUtf16(text, 4), RangeError);
  assert.throws(() => codePointToUtf16(text, -1), RangeError);
  assert.throws(() => codePointToUtf16('abc', 4), RangeError);
  assert.throws(() => codePointToUtf16(text, 1.5), RangeError);
  assert.throws(() => spansToUtf16(text, [[2, 1, 'x']]), RangeError);
  assert.equal(codePointToUtf16(text, 3), 4);
});

void test('overlap counting and word tokens use UTF-16 offsets', () => {
  const text = '🔥 A shocking, brutal crack-down 🔥';
  const words = wordTokens(text);
  assert.deepEqual(
    words.map((w) => w.text),
    ['A', 'shocking', 'brutal', 'crack-down'],
  );
  const gold = spansToUtf16(text, [[4, 12, 'loaded']]); // "shocking" in code points
  assert.equal(text.slice(gold[0]?.start, gold[0]?.end), 'shocking');
  const predicted = [words[1], words[2]].map((w) => ({ start: w?.start ?? 0, end: w?.end ?? 0 }));
  const c = countSpans(predicted, gold);
  assert.deepEqual([c.predicted, c.predictedHit, c.gold, c.goldFound], [2, 1, 1, 1]);
  assert.deepEqual(c.scores(), { precision: 0.5, recall: 1, f1: 2 / 3 });
});
