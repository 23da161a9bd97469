import { test } from 'node:test';
import assert from 'node:assert/strict';
import { normaliseWord, splitSentences, tokenize } from '../src/engine/segment.js';
import type { Range } from '../src/engine/types.js';

/** Ranges of `parts`, found in order in `text` by substring (never typed by hand). */
function rangesOf(text: string, parts: readonly string[]): Range[] {
  const out: Range[] = [];
  let from = 0;
  for (const p of parts) {
    const at = text.indexOf(p, from);
    if (at < 0) throw new Error(`"${p}" not found in test text after ${from}`);
    out.push({ start: at, end: at + p.length });
    from = at + p.length;
  }
  return out;
}

/** Asserts that `text` splits into exactly `parts` (as ranges). */
function assertSentences(text: string, parts: readonly string[]): void {
  const got = splitSentences(text, 0, text.length);
  assert.deepEqual(
    got.map((r) => text.slice(r.start, r.end)),
    parts,
  );
  assert.deepEqual(got, rangesOf(text, parts));
}

/** Token texts of the whole string. */
function texts(text: string): string[] {
  return tokenize(text, 0, text.length, 0).map((t) => t.text);
}

// --- sentences: basics ------------------------------------------------------------------------

void test('splits plain sentences and trims white space', () => {
  assertSentences('  The talks began. They ended.  ', ['The talks began.', 'They ended.']);
});

void test('a block of only spaces gives no sentences', () => {
  assert.deepEqual(splitSentences('   \n \u00a0 \u202f  ', 0, 9), []);
  assert.deepEqual(splitSentences('', 0, 0), []);
});

void test('a block with no terminal punctuation (a heading) is one sentence', () => {
  assertSentences('Ceasefire talks resume in Cairo', ['Ceasefire talks resume in Cairo']);
});

void test('respects start and end inside a larger prose string', () => {
  const prose = 'Before. Inside one. Inside two. After.';
  const r = rangesOf(prose, ['Inside one. Inside two.'])[0] as Range;
  const got = splitSentences(prose, r.start, r.end);
  assert.deepEqual(got, rangesOf(prose, ['Inside one.', 'Inside two.']));
});

// --- sentences: titles and abbreviations ------------------------------------------------------

void test('military titles do not end a sentence', () => {
  assertSentences('Maj. Gen. Ali Yilmaz arrived. He spoke.', ['Maj. Gen. Ali Yilmaz arrived.', 'He spoke.']);
});

void test('Dr. before a name does not end a sentence', () => {
  assertSentences('Dr. Levi spoke. Mr. Cohen listened.', ['Dr. Levi spoke.', 'Mr. Cohen listened.']);
});

void test('dotted abbreviations inside a sentence', () => {
  assertSentences('The U.S. and the U.K. agreed. Talks went on.', ['The U.S. and the U.K. agreed.', 'Talks went on.']);
});

void test('U.S. followed by a common sentence starter ends the sentence', () => {
  assertSentences('The summit was held in the U.S. The talks lasted a week.', ['The summit was held in the U.S.', 'The talks lasted a week.']);
  assertSentences('He lives in the U.S. It is his home.', ['He lives in the U.S.', 'It is his home.']);
});

void test('U.S. followed by a capitalised non-starter does not end the sentence', () => {
  assertSentences('The U.S. Senate voted.', ['The U.S. Senate voted.']);
  assertSentences('U.S. Gen. Mark Milley spoke.', ['U.S. Gen. Mark Milley spoke.']);
});

void test('month abbreviation before a date', () => {
  assertSentences('On Mar. 1, 2025, officials met. They left.', ['On Mar. 1, 2025, officials met.', 'They left.']);
});

void test('a.m. and p.m.', () => {
  assertSentences('They met at 3 p.m. on Monday. It rained.', ['They met at 3 p.m. on Monday.', 'It rained.']);
  assertSentences('The vote closed at 9 a.m. The count began.', ['The vote closed at 9 a.m.', 'The count began.']);
});

void test('e.g. and i.e. never end a sentence', () => {
  assertSentences('Some sites, e.g. the bases, were hit. Others, i.e. The Port, were not.', [
    'Some sites, e.g. the bases, were hit.',
    'Others, i.e. The Port, were not.',
  ]);
});

void test('initials do not end a sentence', () => {
  assertSentences('J. R. Smith said so. J. A. Jones agreed.', ['J. R. Smith said so.', 'J. A. Jones agreed.']);
});

void test('No. before a number does not end a sentence; "no." before a capital does', () => {
  assertSentences('He lives at No. 10 Downing Street. He said no. Officials left.', [
    'He lives at No. 10 Downing Street.',
    'He said no.',
    'Officials left.',
  ]);
});

void test('St. Petersburg stays in one sentence', () => {
  assertSentences('They flew to St. Petersburg. Then they rested.', ['They flew to St. Petersburg.', 'Then they rested.']);
});

void test('company suffixes end a sentence before a capital, but not before another abbreviation', () => {
  assertSentences('He works for Apple Inc. Shares fell.', ['He works for Apple Inc.', 'Shares fell.']);
  assertSentences('Samsung Co. Ltd. said so.', ['Samsung Co. Ltd. said so.']);
});

void test('Roe v. Wade and vs. never split', () => {
  assertSentences('Roe v. Wade was overturned. Smith vs. Jones followed.', ['Roe v. Wade was overturned.', 'Smith vs. Jones followed.']);
});

void test('decimals, money and version numbers do not split', () => {
  assertSentences('Growth was 3.5 percent. Costs hit $1.2 billion. It runs v2.0 now.', [
    'Growth was 3.5 percent.',
    'Costs hit $1.2 billion.',
    'It runs v2.0 now.',
  ]);
});

void test('a period not followed by white space does not split', () => {
  assertSentences('The site example.com went down.Then it came back.', ['The site example.com went down.Then it came back.']);
});

// --- sentences: quotes and brackets -----------------------------------------------------------

void test('closing curly quotes after terminal punctuation belong to the sentence', () => {
  assertSentences('He said, “We will stay.” Then he left.', ['He said, “We will stay.”', 'Then he left.']);
});

void test('closing straight quotes after terminal punctuation belong to the sentence', () => {
  assertSentences('He said, "We will stay." Then he left.', ['He said, "We will stay."', 'Then he left.']);
  assertSentences("She said, 'Enough.' Then she left.", ["She said, 'Enough.'", 'Then she left.']);
});

void test('a closing bracket after a period belongs to the sentence', () => {
  assertSentences('(He did not reply.) Then he left.', ['(He did not reply.)', 'Then he left.']);
  assertSentences('It rose (as expected.) Prices fell.', ['It rose (as expected.)', 'Prices fell.']);
});

void test('a quoted question followed by a lower-case verb stays one sentence', () => {
  assertSentences('“Why now?” he asked. Nobody answered.', ['“Why now?” he asked.', 'Nobody answered.']);
});

void test('a sentence may start with a quotation mark', () => {
  assertSentences('He left. “We will return,” he said.', ['He left.', '“We will return,” he said.']);
});

void test('a sentence may start with a digit', () => {
  assertSentences('The strike hit on Monday. 25 people died.', ['The strike hit on Monday.', '25 people died.']);
});

// --- sentences: ? ! and ellipses --------------------------------------------------------------

void test('question and exclamation marks, single and combined', () => {
  assertSentences('Is it over? Yes! Really?! No!! Fine.', ['Is it over?', 'Yes!', 'Really?!', 'No!!', 'Fine.']);
});

void test('an ellipsis before a lower-case word does not end the sentence', () => {
  assertSentences('He paused... and then left.', ['He paused... and then left.']);
  assertSentences('He paused… and then left.', ['He paused… and then left.']);
});

void test('an ellipsis before a capital ends the sentence', () => {
  assertSentences('He paused... Then he left.', ['He paused...', 'Then he left.']);
  assertSentences('He paused… Then he left.', ['He paused…', 'Then he left.']);
});

void test('a sentence may start lower case after a leading ellipsis', () => {
  assertSentences('...and then it stopped. Nobody knew why.', ['...and then it stopped.', 'Nobody knew why.']);
});

void test('a spaced ellipsis is not three sentence ends', () => {
  assertSentences('Wait . . . then he spoke.', ['Wait . . . then he spoke.']);
});

// --- sentences: dashes and spaces -------------------------------------------------------------

void test('em and en dashes never split', () => {
  assertSentences('The deal — if it holds — ends the war. Prices rose 2–3 percent.', [
    'The deal — if it holds — ends the war.',
    'Prices rose 2–3 percent.',
  ]);
});

void test('non-breaking and narrow non-breaking spaces count as spaces', () => {
  assertSentences('It ended.\u00a0Talks resume.\u202fDr.\u00a0Levi agreed.\u00a0', ['It ended.', 'Talks resume.', 'Dr.\u00a0Levi agreed.']);
});

void test('line breaks inside a block are spaces', () => {
  assertSentences('The talks\nended late.\nThey resume\r\ntomorrow.\n', ['The talks\nended late.', 'They resume\r\ntomorrow.']);
});

void test('runs of spaces left by blanked Markdown are fine', () => {
  assertSentences('  The **deal** ended.      See    the   report.   ', ['The **deal** ended.', 'See    the   report.']);
  const blanked = '  The   deal   ended.        The next day     it resumed.  ';
  assertSentences(blanked, ['The   deal   ended.', 'The next day     it resumed.']);
});

// --- sentences: Unicode -----------------------------------------------------------------------

void test('diacritics and dotted capitals do not disturb splitting', () => {
  assertSentences('Türkiye and Erdoğan met in Şanlıurfa. İstanbul waited. Özel spoke.', [
    'Türkiye and Erdoğan met in Şanlıurfa.',
    'İstanbul waited.',
    'Özel spoke.',
  ]);
});

void test('surrogate pairs are never split', () => {
  const text = 'It worked 😀. 𝒜 is a letter. 🇹🇷 flags fly.';
  assertSentences(text, ['It worked 😀.', '𝒜 is a letter.', '🇹🇷 flags fly.']);
  for (const r of splitSentences(text, 0, text.length)) {
    const first = text.charCodeAt(r.start);
    const last = text.charCodeAt(r.end - 1);
    assert.ok(!(first >= 0xdc00 && first <= 0xdfff), 'starts on a low surrogate');
    assert.ok(!(last >= 0xd800 && last <= 0xdbff), 'ends on a high surrogate');
  }
});

// --- sentences: invariants and robustness -----------------------------------------------------

void test('ranges are trimmed, ordered, non-overlapping and never empty on mixed input', () => {
  const text = ' “Stop!” he said.  Dr. Who? ... U.S. The end…  x. (Y.) ';
  const got = splitSentences(text, 0, text.length);
  assert.ok(got.length >= 3);
  let prev = 0;
  for (const r of got) {
    assert.ok(r.start >= prev && r.end > r.start);
    assert.notEqual(text[r.start]?.trim(), '');
    assert.notEqual(text[r.end - 1]?.trim(), '');
    prev = r.end;
  }
});

void test('10,000-character lines and hostile input run in linear time', () => {
  const inputs = [
    'word '.repeat(2000) + '. The end.',
    '.'.repeat(200_000),
    'a.'.repeat(100_000),
    'a. '.repeat(70_000),
    'ab.'.repeat(70_000),
    'a.a.a.'.repeat(30_000) + 'ab',
    'U.S. '.repeat(40_000),
    '('.repeat(200_000) + '.',
    'x'.repeat(200_000) + '. The end.',
    "'-".repeat(100_000),
    '😀'.repeat(100_000),
    ' '.repeat(200_000),
  ];
  for (const input of inputs) {
    const t0 = performance.now();
    const sentences = splitSentences(input, 0, input.length);
    const tokens = tokenize(input, 0, input.length, 0);
    const ms = performance.now() - t0;
    assert.ok(ms < 1500, `took ${ms.toFixed(0)} ms on ${JSON.stringify(input.slice(0, 10))}`);
    for (const s of sentences) assert.ok(s.end > s.start);
    assert.ok(tokens.every((t) => t.end > t.start));
  }
  const long = 'word '.repeat(2000) + '. The end.';
  assert.equal(splitSentences(long, 0, long.length).length, 2);
});

// --- tokens -----------------------------------------------------------------------------------

void test('words keep inner hyphens and apostrophes', () => {
  assert.deepEqual(texts("so-called don't Erdoğan’s mother-in-law's O’Neill"), ['so-called', "don't", 'Erdoğan’s', "mother-in-law's", 'O’Neill']);
});

void test('leading and trailing apostrophes and hyphens are punctuation', () => {
  assert.deepEqual(texts("'tis the protesters' -ish"), ["'", 'tis', 'the', 'protesters', "'", '-', 'ish']);
});

void test('dotted abbreviations are one token with their dots', () => {
  assert.deepEqual(texts('The U.S. and U.S.-led e.g. Ph.D. a.m., U.S.Army'), [
    'The',
    'U.S.',
    'and',
    'U.S.-led',
    'e.g.',
    'Ph.D.',
    'a.m.',
    ',',
    'U.S.',
    'Army',
  ]);
});

void test('a title keeps its period apart', () => {
  assert.deepEqual(texts('Dr. Levi'), ['Dr', '.', 'Levi']);
});

void test('numbers keep inner . and , and a trailing %', () => {
  const tokens = tokenize('3.5 1,200 5% 2024. v2.0 COVID-19', 0, 32, 0);
  assert.deepEqual(
    tokens.map((t) => `${t.text}:${t.kind}`),
    ['3.5:number', '1,200:number', '5%:number', '2024:number', '.:punct', 'v2.0:word', 'COVID-19:word'],
  );
});

void test('punctuation is one character per token, except "..." and dashes', () => {
  assert.deepEqual(texts('Wait...?! ("no") — yes… $5; a–b'), [
    'Wait',
    '...',
    '?',
    '!',
    '(',
    '"',
    'no',
    '"',
    ')',
    '—',
    'yes',
    '…',
    '$',
    '5',
    ';',
    'a',
    '–',
    'b',
  ]);
});

void test('emoji and astral letters are never cut', () => {
  const text = 'ok 😀 👍🏽 👩‍💻 🇹🇷 𝒜bc';
  const tokens = tokenize(text, 0, text.length, 0);
  assert.deepEqual(
    tokens.map((t) => t.text),
    ['ok', '😀', '👍🏽', '👩‍💻', '🇹🇷', '𝒜bc'],
  );
  assert.equal(tokens[5]?.kind, 'word');
  assert.equal(tokens[1]?.kind, 'punct');
  for (const t of tokens) {
    const last = text.charCodeAt(t.end - 1);
    assert.ok(!(last >= 0xd800 && last <= 0xdbff), `token ${t.text} ends on a high surrogate`);
  }
});

void test('tokens carry offsets, the sentence index and normalised forms', () => {
  const prose = 'Intro. Erdoğan’s   U.S.-backed “plan.”';
  const [, second] = splitSentences(prose, 0, prose.length);
  assert.ok(second);
  const tokens = tokenize(prose, second.start, second.end, 7);
  for (const t of tokens) {
    assert.equal(t.sentence, 7);
    assert.equal(prose.slice(t.start, t.end), t.text);
  }
  assert.deepEqual(
    tokens.map((t) => t.norm),
    ['erdogan', 'u.s.-backed', '“', 'plan', '.', '”'],
  );
  assert.deepEqual(tokens[0], { ...rangesOf(prose, ['Erdoğan’s'])[0], text: 'Erdoğan’s', norm: 'erdogan', sentence: 7, kind: 'word' });
});

void test('non-breaking spaces separate tokens', () => {
  assert.deepEqual(texts('Dr.\u00a0Levi\u202fsaid'), ['Dr', '.', 'Levi', 'said']);
});

// --- normaliseWord ----------------------------------------------------------------------------

void test('normaliseWord lower-cases and folds Turkish diacritics', () => {
  assert.equal(normaliseWord('Türkiye'), 'turkiye');
  assert.equal(normaliseWord('Şanlıurfa'), 'sanliurfa');
  assert.equal(normaliseWord('ÇÖĞÜŞ'), 'cogus');
  assert.equal(normaliseWord('café'), 'cafe');
});

void test('normaliseWord folds İ to a plain i (no combining dot)', () => {
  assert.equal(normaliseWord('İstanbul'), 'istanbul');
  assert.equal(normaliseWord('İ').length, 1);
});

void test('normaliseWord removes possessives and straightens apostrophes', () => {
  assert.equal(normaliseWord('Erdoğan’s'), 'erdogan');
  assert.equal(normaliseWord("Biden's"), 'biden');
  assert.equal(normaliseWord("protesters'"), 'protesters');
  assert.equal(normaliseWord('don’t'), "don't");
  assert.equal(normaliseWord("'s"), "'s");
});

void test('normaliseWord applies NFKC', () => {
  assert.equal(normaliseWord('ﬁnal'), 'final');
  assert.equal(normaliseWord('ＡＢＣ'), 'abc');
});

void test('normaliseWord leaves plain lower-case words as they are', () => {
  assert.equal(normaliseWord('regime'), 'regime');
  assert.equal(normaliseWord('So-Called'), 'so-called');
});

test('a bracketed abbreviation such as "(res.)" does not end a sentence; a bracketed sentence end still does', () => {
  const text = 'Maj. Gen. (res.) Amnon Ziv spoke. He left (early.) Then it rained.';
  const parts = splitSentences(text, 0, text.length).map((r) => text.slice(r.start, r.end));
  assert.deepEqual(parts, ['Maj. Gen. (res.) Amnon Ziv spoke.', 'He left (early.)', 'Then it rained.']);
});
