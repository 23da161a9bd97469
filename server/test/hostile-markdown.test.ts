/**
 * Hostile Markdown (issue "Bounded time and memory on any input"): every Markdown-format
 * generator in hostile-inputs.ts is analysed to completion, with each range inside the text.
 * A chunk past the reader's bounds (nesting depth, lines or inline markers in one paragraph)
 * or one that overflows the parser's stack is read as plain text, with a notice naming its
 * lines; the ordinary paragraphs around it are still read as Markdown. Time is measured in
 * `npm run bench`, not here.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyse, type AnalysisResult } from '../src/engine/index.js';
import { IncrementalAnalyser } from '../src/engine/incremental.js';
import { MARKDOWN_BOUNDS, readMarkdown } from '../src/engine/read/markdown.js';
import { ProseBuilder } from '../src/engine/read/prose.js';
import { HOSTILE_PATTERNS, hostilePattern } from './hostile-inputs.js';

const SIZE = 120_000;

/** The 1-based line of an offset. */
const lineAt = (text: string, offset: number): number => text.slice(0, offset).split('\n').length;

function assertInside(text: string, result: AnalysisResult): void {
  const { document, findings } = result;
  assert.equal(document.prose.length, document.text.length);
  for (const f of findings) {
    assert.ok(f.start >= 0 && f.start < f.end && f.end <= document.analysedLength, `${f.ruleId} ${f.start}-${f.end}`);
    assert.equal(f.text, text.slice(f.start, f.end));
  }
  for (const s of document.sentences) assert.ok(s.start >= 0 && s.start < s.end && s.end <= text.length);
  for (const t of document.tokens) assert.equal(t.text, text.slice(t.start, t.end));
}

/** The notice a chunk read as plain text gets, if any. */
const plainNotice = (result: AnalysisResult): string | undefined => result.document.notices.find((n) => /read as plain text/.test(n.message))?.message;

// What each Markdown pattern passes, or null where remark reads it quickly as it is.
const EXPECTED: Record<string, RegExp | null> = {
  'criticmarkup-substitutions': /markers in one paragraph/,
  'nested-emphasis': /markers in one paragraph/,
  'list-markers': /nested more than 16 levels/,
  'blockquote-markers': /nested more than 16 levels/,
  'paragraph-of-lines-md': /paragraph of more than 1,000 lines/,
  'criticmarkup-openers': /markers in one paragraph/,
  // A raw HTML block: remark reads no inline syntax in it, so it stays Markdown (and none of it is prose).
  'html-tags': null,
  backticks: /markers in one paragraph/,
  'emphasis-openers-paragraphs': /gives the Markdown parser more than/,
  'deep-list-lines': /gives the Markdown parser more than/,
};

test('every Markdown pattern has an expectation here', () => {
  const names = HOSTILE_PATTERNS.filter((p) => p.format === 'markdown').map((p) => p.name);
  assert.deepEqual(names.filter((n) => !(n in EXPECTED)), []);
});

for (const pattern of HOSTILE_PATTERNS.filter((p) => p.format === 'markdown' && p.name in EXPECTED)) {
  test(`${pattern.name}: completes, ranges inside, plain-text notice where a bound is passed`, () => {
    const text = pattern.make(SIZE);
    const result = analyse(text, { format: 'markdown' });
    assertInside(text, result);
    const expected = EXPECTED[pattern.name];
    const notice = plainNotice(result);
    if (expected) assert.match(notice ?? '', expected);
    else assert.equal(notice, undefined);
    // A bound passed by the first paragraph names line 1; the budget names the first block past it.
    if (expected && !/parser more than/.test(notice ?? '')) assert.match(notice ?? '', /^lines? 1\b/);
  });
}

test('a raw HTML block stays syntax, however many tags it holds', () => {
  const text = hostilePattern('html-tags').make(SIZE);
  const result = analyse(text, { format: 'markdown' });
  assert.equal(result.document.prose.trim(), '');
});

/** An ordinary article around a hostile part: loaded words before and after it, emphasis and a link. */
function around(hostile: string): { text: string; hostileAt: number } {
  const before = '# Council vote\n\nThe mayor *slammed* the [budget](https://example.com/b) plan on Monday.\n\nResidents met in the hall.\n\n';
  const after = '\n\nCritics called the plan a **disastrous** gamble, the report said.\n';
  return { text: before + hostile + after, hostileAt: before.length };
}

// A paragraph of many lines with an entity in each: not simple enough for the reader's fast path, so it goes to the parser.
const PARAGRAPH_OF_LINES = 'Tom &amp; Jerry met the council again\n'.repeat(MARKDOWN_BOUNDS.lines + 200);

for (const [name, hostile] of [
  ['nested-emphasis', hostilePattern('nested-emphasis').make(40_000)],
  ['blockquote-markers', hostilePattern('blockquote-markers').make(40_000)],
  ['paragraph of lines', PARAGRAPH_OF_LINES],
]) {
  test(`${name} inside an article: only that block is plain text, and the notice names its lines`, () => {
    const { text, hostileAt } = around(hostile as string);
    const result = analyse(text, { format: 'markdown' });
    assertInside(text, result);
    const notice = plainNotice(result) ?? '';
    const first = lineAt(text, hostileAt);
    const last = lineAt(text, hostileAt + (hostile as string).trimEnd().length);
    assert.match(notice, new RegExp(`^${first === last ? `line ${first}` : `lines ${first}–${last.toLocaleString('en-US')}`} read as plain text`));
    // The paragraphs around it are still Markdown: their syntax is blanked, their words found.
    const prose = result.document.prose;
    assert.equal(prose.slice(0, hostileAt).includes('*'), false);
    assert.equal(prose.slice(0, hostileAt).includes('https'), false);
    assert.equal(prose.slice(text.indexOf('Critics')).includes('**'), false);
    const words = result.findings.map((f) => f.text.toLowerCase());
    assert.ok(words.includes('slammed'), words.join(', '));
    assert.ok(words.includes('disastrous'), words.join(', '));
  });
}

test('a paragraph just inside the bounds is still read as Markdown', () => {
  const lines = Array.from({ length: MARKDOWN_BOUNDS.lines }, (_, i) => `Line ${i} of the minutes &amp; notes`).join('\n');
  const text = `Intro.\n\n${lines}\n`;
  const result = analyse(text, { format: 'markdown' });
  assert.equal(plainNotice(result), undefined);
  // Read by remark: the character reference is syntax, blanked after its '&'.
  assert.equal(result.document.prose.includes('amp;'), false);
  const over = `Intro.\n\n${lines}\nOne more line.\n`;
  assert.match(plainNotice(analyse(over, { format: 'markdown' })) ?? '', /^lines 3–1,003 read as plain text/);
});

test('blank lines, list items and headings end a paragraph for the counts; other lines do not', () => {
  const half = '*a _b '.repeat(Math.ceil(MARKDOWN_BOUNDS.markers / 4));
  for (const [sep, plain] of [
    ['\n\n', false],
    ['\n- ', false],
    ['\n# ', false],
    ['\n', true],
    ['\n2. ', true],
    ['\n    - ', true],
  ] as const) {
    const text = `Start.\n\n${half}${sep}${half}${sep}${half}\n`;
    assert.equal(plainNotice(analyse(text, { format: 'markdown' })) !== undefined, plain, JSON.stringify(sep));
  }
});

test('each reason gets one notice, naming the first block and counting the others', () => {
  const deep = '> '.repeat(MARKDOWN_BOUNDS.depth + 1) + 'deep';
  const text = ['Intro.', deep, 'Middle.', deep, 'Again.', deep, '*x '.repeat(MARKDOWN_BOUNDS.markers + 1)].join('\n\n');
  const notices = analyse(text, { format: 'markdown' }).document.notices.map((n) => n.message);
  assert.deepEqual(notices, [
    'line 3 read as plain text, not Markdown: nested more than 16 levels deep (and 2 more such blocks)',
    'line 13 read as plain text, not Markdown: more than 500 emphasis, code, link or HTML markers in one paragraph',
  ]);
});

test('a parser stack overflow reads that chunk as plain text, with nothing half-read kept', () => {
  // Unchunked, the reader has no bounds: remark itself overflows on thousands of nested quotes.
  const text = 'Intro line.\n\n' + '> '.repeat(6000) + 'deep words\n';
  const builder = new ProseBuilder(text, false);
  const read = readMarkdown(text, builder, false);
  assert.deepEqual(read.plain, [{ start: 0, end: text.length, reason: 'stack' }]);
  assert.deepEqual(
    read.blocks.map((b) => text.slice(b.start, b.end).trim().replace(/^(?:> )+/, '')),
    ['Intro line.', 'deep words'],
  );
  assert.equal(builder.toString(), text.replace(/\r/g, ' '));
});

test('the language server path names the same lines as a whole analysis', () => {
  const filler = Array.from({ length: 60 }, (_, i) => `Paragraph ${i} says the council met.`).join('\n\n');
  const text = `${filler}\n\n${'> '.repeat(40)}deep\n\n${filler}\n`;
  const whole = plainNotice(analyse(text, { format: 'markdown' }));
  const incremental = new IncrementalAnalyser({ format: 'markdown' }).analyse(text);
  const notice = incremental.notices.find((n) => /read as plain text/.test(n.message));
  assert.match(whole ?? '', new RegExp(`^line ${lineAt(text, text.indexOf('> '))} `));
  assert.equal(notice?.message, whole);
  assert.equal(notice?.start, text.indexOf('> '));
});

test('past the document budget, every later chunk that needs the parser is read as plain text', () => {
  const dense = 'The *vote* was [held](https://example.com) on `Tuesday`.';
  const text = ['Intro.', ...Array.from({ length: 12 }, (_, i) => `${i}. ${dense}\n\nPlain paragraph ${i} here.`)].join('\n\n');
  const budget = { ...MARKDOWN_BOUNDS, documentMarkers: 40 };
  const builder = new ProseBuilder(text, false);
  const read = readMarkdown(text, builder, true, budget);
  // Each dense item holds seven markers (its number, two each of *, [ ] and backticks): the sixth passes 40, and it and all after it are plain.
  const plain = read.plain.map((p) => text.slice(p.start, p.end).trim().slice(0, 3));
  assert.deepEqual(plain, ['5. ', '6. ', '7. ', '8. ', '9. ', '10.', '11.']);
  assert.ok(read.plain.every((p) => p.reason === 'budget'));
  const prose = builder.toString();
  // Before the budget is spent the syntax is blanked; after it, kept as text. Plain paragraphs (the fast path) are read the same either way.
  assert.equal(prose.slice(0, text.indexOf('5. ')).includes('`'), false);
  assert.equal(prose.slice(text.indexOf('5. ')).includes('`Tuesday`'), true);
  assert.ok(prose.includes('Plain paragraph 11 here.'));
  const notices = analyse(text, { format: 'markdown' }).document.notices;
  assert.deepEqual(notices, [], 'the real budget is far above this');
});

test('a chunk read as plain text still leaves out HTML tags and comments', () => {
  const unit = 'The <span class="a">council</span> met <!-- note --> again. ';
  const text = `Intro.\n\n${unit.repeat(Math.ceil(MARKDOWN_BOUNDS.markers / 3))}\n`;
  const result = analyse(text, { format: 'markdown' });
  assert.match(plainNotice(result) ?? '', /^line 3 read as plain text/);
  const prose = result.document.prose;
  for (const gone of ['span', 'class', 'note', '<', '>']) assert.equal(prose.includes(gone), false, gone);
  assert.ok(prose.includes('council'));
});
