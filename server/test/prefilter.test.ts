/**
 * The regex prefilter: literal prefixes read from regex sources, and the offsets a StartFinder
 * gives, which must never miss a match a full scan finds.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { literalPrefixes, matchesAt, StartFinder } from '../src/engine/prefilter.js';

test('a word after \\b is looked for at word starts, lower-cased, cut short', () => {
  const p = literalPrefixes(/\bReportedly\b/gi);
  assert.ok(p);
  assert.deepEqual(p.anywhere, []);
  assert.equal(p.wordStart.length, 1);
  const [prefix] = p.wordStart;
  assert.ok(prefix && prefix.length >= 5 && 'reportedly'.startsWith(prefix), prefix);
});

test('alternatives, optional parts and small classes each give their own prefixes', () => {
  assert.deepEqual(literalPrefixes(/\b(?:I|we) think/g), { anywhere: [], wordStart: ['i think', 'we think'] });
  assert.deepEqual(literalPrefixes(/[$€]\s?\d/g), { anywhere: ['$', '€'], wordStart: [] });
  assert.deepEqual(literalPrefixes(/\b(?:many )?people say/gi), { anywhere: [], wordStart: ['many peo', 'people s'] });
  // A repeated part ends the prefix; what may come first is still known.
  assert.deepEqual(literalPrefixes(/(?:a|b)*c/g), { anywhere: ['a', 'b', 'c'], wordStart: [] });
  // A lookbehind consumes nothing: the match starts at what follows it.
  assert.deepEqual(literalPrefixes(/(?<=the\s+)Herald/gi), { anywhere: ['herald'], wordStart: [] });
  // A prefix that extends a shorter one adds nothing.
  assert.deepEqual(literalPrefixes(/ab|abc|abd/g), { anywhere: ['ab'], wordStart: [] });
});

test('what cannot be bounded is left to a full scan', () => {
  // A match may start with any space, word character or character at all.
  assert.equal(literalPrefixes(/\s+said/g), null);
  assert.equal(literalPrefixes(/\w+ly/g), null);
  assert.equal(literalPrefixes(/x|./g), null);
  assert.equal(literalPrefixes(/[^a]b/g), null);
  // It may match the empty string.
  assert.equal(literalPrefixes(/a?/g), null);
  // Unicode case folding ('ſ' matches 's'), and a cased non-ASCII first letter under 'i'.
  assert.equal(literalPrefixes(/said/giu), null);
  assert.equal(literalPrefixes(/\bÉcole/gi), null);
  // Without 'i' the letter is looked for as written.
  assert.deepEqual(literalPrefixes(/\bÉcole/g), { anywhere: ['École'], wordStart: [] });
});

test('a finder gives each regex only its own offsets', () => {
  const a = /\bsaid\b/g;
  const b = /\d+ troops/g;
  const c = /\s+x/g;
  const f = new StartFinder([a, b, c]);
  const text = 'He said 40 troops; unsaid 5 troops; Rüsaid.';
  const [sa, sb, sc] = f.starts(text);
  // 'said' inside 'unsaid' does not start a word; after 'ü' it does, as \b sees words (ASCII).
  assert.deepEqual(sa, [text.indexOf('said'), text.indexOf('said.')]);
  assert.deepEqual(sb, [text.indexOf('40'), text.indexOf('0 troops'), text.indexOf('5 troops')]);
  assert.equal(sc, null);
  assert.deepEqual(
    matchesAt(b, text, sb).map((m) => m[0]),
    ['40 troops', '5 troops'],
  );
});

/** Regex sources built from pieces that exercise the reader: classes, escapes, groups, lookarounds, quantifiers. */
const ALPHABET = ['a', 'b', 'A', 'é', 'É', 's', 'ſ', 'K', ' ', '-', '.', '1', '\n', '€'];
const atom = fc.constantFrom(
  'a', 'b', 'A', 'é', 'É', 's', 'k', ' ', '-', '\\.', '1', '€',
  '[ab]', '[^a]', '[a-c]', '[A-Z]', '[\\d,]', '[é-ê]', '[\\s.]', '[-a]', '[a-]',
  '\\d', '\\s', '\\w', '\\W', '\\b', '\\B', '\\ba', '\\b1', '\\bs', 'a\\b', '\\Ba', '.', '^', '$', '\\x61', '\\u0062', '\\n', '\\-',
);
const regexSource = fc.letrec<{ expr: string; seq: string; term: string }>((tie) => ({
  expr: fc.oneof({ depthSize: 'small', withCrossShrink: true }, tie('seq'), fc.tuple(tie('seq'), tie('seq')).map(([x, y]) => `${x}|${y}`)),
  seq: fc.array(tie('term'), { minLength: 1, maxLength: 3 }).map((t) => t.join('')),
  term: fc.tuple(
    fc.oneof({ depthSize: 'small' }, atom, atom, atom, fc.tuple(fc.constantFrom('(?:', '(', '(?=', '(?!', '(?<=', '(?<!'), tie('expr')).map(([open, e]) => `${open}${e})`)),
    fc.constantFrom('', '', '', '?', '*', '+', '{0,2}', '{2}', '{1,}', '??', '+?'),
  ).map(([a, q]) => (/^\(\?<?[=!]/.test(a) || /^\\[bB]$|^[\^$]$/.test(a) ? a : a + q)),
}));

test('tried only where the finder says, every regex finds exactly what a full scan finds', () => {
  let bounded = 0;
  let matched = 0;
  fc.assert(
    fc.property(regexSource.expr, fc.constantFrom('g', 'gi', 'gu', 'gm', 'gis'), fc.array(fc.nat(), { maxLength: 100 }), (source, flags, picks) => {
      let re: RegExp;
      try {
        re = new RegExp(source, flags);
      } catch {
        return;
      }
      // Text of the alphabet's characters, half of them drawn from those the regex itself names, so that it often matches.
      const own = [...source].filter((c) => ALPHABET.includes(c));
      const text = picks.map((n) => (n % 2 === 1 && own.length > 0 ? own[(n >> 1) % own.length] : ALPHABET[(n >> 1) % ALPHABET.length])).join('');
      const [starts] = new StartFinder([re]).starts(text);
      if (starts === undefined || starts === null) return;
      bounded++;
      const full = matchesAt(re, text).map((m) => [m.index, m[0]]);
      if (full.length > 0) matched++;
      assert.deepEqual(matchesAt(re, text, starts).map((m) => [m.index, m[0]]), full, `/${source}/${flags} on ${JSON.stringify(text)}`);
    }),
    { numRuns: 4000 },
  );
  // Many generated regexes are bounded and match, so the comparison is not vacuous.
  assert.ok(bounded > 800 && matched > 250, `${bounded} bounded, ${matched} with matches`);
});
