import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readDocument } from '../src/engine/index.js';
import { rangeOf } from './helpers.js';

const md = (text: string) => readDocument(text, { format: 'markdown' });
const txt = (text: string) => readDocument(text, { format: 'text' });

test('prose keeps the length of the source and blanks Markdown syntax', () => {
  const text = '# A *bold* headline\n\nThe **regime** said [this](https://example.com/regime) and `regime()` too.\n';
  const doc = md(text);
  assert.equal(doc.prose.length, text.length);
  const bold = rangeOf(text, 'regime');
  assert.equal(doc.prose.slice(bold.start, bold.end), 'regime');
  assert.equal(doc.prose.includes('**'), false);
  assert.equal(doc.prose.includes('https://example.com'), false, 'link URLs are not prose');
  assert.equal(doc.prose.includes('regime()'), false, 'inline code is not prose');
  const link = rangeOf(text, 'this');
  assert.equal(doc.prose.slice(link.start, link.end), 'this', 'link text is prose');
});

test('code blocks, HTML and bare URLs are never prose', () => {
  const text = 'Intro line.\n\n```\nthe regime code\n```\n\n<div>regime html</div>\n\nSee https://example.com/regime now.\n';
  const doc = md(text);
  assert.equal(doc.prose.includes('regime'), false);
  assert.deepEqual(
    doc.tokens.filter((t) => t.kind === 'word').map((t) => t.text),
    ['Intro', 'line', 'See', 'now'],
  );
});

test('front matter is metadata, not prose', () => {
  const text = '---\noutlet: The Levant Ledger\nauthor: "R. Cohen"\ndate: 2025-03-01\ntitle: Bases talk\nurl: https://example.com/a\n---\n\nBody text here.\n';
  const doc = md(text);
  assert.deepEqual(
    { outlet: doc.metadata.outlet, author: doc.metadata.author, date: doc.metadata.date, title: doc.metadata.title, url: doc.metadata.url },
    { outlet: 'The Levant Ledger', author: 'R. Cohen', date: '2025-03-01', title: 'Bases talk', url: 'https://example.com/a' },
  );
  assert.equal(doc.prose.includes('Ledger'), false);
  assert.equal(doc.blocks.length, 1);
});

test('malformed front matter gives a notice and no metadata', () => {
  const doc = md('---\noutlet: [unclosed\n---\n\nText.\n');
  assert.deepEqual(doc.metadata, {});
  assert.match(doc.notices[0]?.message ?? '', /front matter is not valid YAML/);
});

test('blocks know blockquotes, headings, list items and table cells', () => {
  const text = '# Heading\n\nPara one.\n\n> Quoted para.\n\n- item text\n\n| a cell | b cell |\n|---|---|\n| c | d |\n';
  const doc = md(text);
  const kinds = doc.blocks.map((b) => [doc.text.slice(b.start, b.end), b.kind, b.blockquote]);
  assert.deepEqual(kinds, [
    ['Heading', 'heading', false],
    ['Para one.', 'paragraph', false],
    ['Quoted para.', 'paragraph', true],
    ['item text', 'listItem', false],
    ['a cell', 'tableCell', false],
    ['b cell', 'tableCell', false],
    ['c', 'tableCell', false],
    ['d', 'tableCell', false],
  ]);
});

test('plain text blocks are runs of non-blank lines', () => {
  const text = 'First para\ncontinues here.\n\n  \nSecond para.\n';
  const doc = txt(text);
  assert.deepEqual(
    doc.blocks.map((b) => text.slice(b.start, b.end)),
    ['First para\ncontinues here.', 'Second para.'],
  );
});

test('CriticMarkup: comments and deletions are not prose, highlights and substitutions are reviewed', () => {
  const text = 'The regime{>> editor: check <<} acted. {==A bloodbath==} ensued. {~~regime~>government~~} fell. {--thugs--}gone {++new++}.';
  const doc = txt(text);
  assert.equal(doc.prose.includes('editor'), false);
  assert.equal(doc.prose.includes('thugs'), false);
  assert.equal(doc.prose.includes('{'), false);
  const kinds = doc.annotations.map((a) => a.kind);
  assert.deepEqual(kinds, ['comment', 'highlight', 'substitution', 'deletion', 'addition']);
  const highlight = doc.annotations[1]!;
  assert.deepEqual(highlight.reviewed, rangeOf(text, 'A bloodbath'));
  const sub = doc.annotations[2]!;
  assert.deepEqual(sub.reviewed, rangeOf(text, 'government'));
  const oldWord = rangeOf(text, 'regime', 1);
  assert.equal(doc.prose.slice(oldWord.start, oldWord.end).trim(), '', 'the replaced word is not prose');
});

test('unclosed CriticMarkup is left as text', () => {
  const text = 'A {>> never closed comment and {== also open.';
  const doc = txt(text);
  assert.equal(doc.annotations.length, 0);
  assert.ok(doc.prose.includes('never closed'));
});

test('slant-ignore comments scope to the sentence they follow or stand in', () => {
  const text = 'One regime here. {>>slant-ignore contested-label<<} Two regime there.\n\nThird {>>slant-ignore<<} regime.';
  const doc = txt(text);
  assert.equal(doc.ignores.length, 2);
  assert.deepEqual(doc.ignores[0]!.rules, ['contested-label']);
  assert.deepEqual(doc.ignores[0]!.scope, rangeOf(text, 'One regime here.'));
  assert.deepEqual(doc.ignores[1]!.rules, []);
  assert.equal(text.slice(doc.ignores[1]!.scope.start, doc.ignores[1]!.scope.end), 'Third {>>slant-ignore<<} regime.');
});

test('a document over the limit is bounded at a paragraph break with a notice', () => {
  const para = 'The talks went on. '.repeat(20) + '\n\n';
  const text = para.repeat(50);
  const doc = txt(text.slice(0, text.length));
  assert.equal(doc.analysedLength, text.length);
  const bounded = readDocument(text, { format: 'text', maxLength: 1000 });
  assert.ok(bounded.analysedLength <= 1000 && bounded.analysedLength > 500);
  assert.equal(text.slice(bounded.analysedLength - 2, bounded.analysedLength), '\n\n');
  assert.match(bounded.notices[0]?.message ?? '', /analysed the first/);
  assert.ok(bounded.tokens.every((t) => t.end <= bounded.analysedLength));
});

test('odd Unicode keeps exact UTF-16 offsets', () => {
  const text = 'Erdoğan met officials in Türkiye\u00a0on Friday — “a 🌍 summit,” said Dr. Şahin.';
  const doc = txt(text);
  for (const t of doc.tokens) assert.equal(text.slice(t.start, t.end), t.text);
  const words = doc.tokens.filter((t) => t.kind === 'word').map((t) => t.norm);
  assert.ok(words.includes('erdogan'));
  assert.ok(words.includes('turkiye'));
  const summit = doc.tokens.find((t) => t.text === 'summit');
  assert.deepEqual(summit && { start: summit.start, end: summit.end }, rangeOf(text, 'summit'));
});

test('Markdown escapes and entities are blanked, not analysed', () => {
  const text = 'Tom \\*really\\* &amp; Jerry.';
  const doc = md(text);
  assert.equal(doc.prose.includes('\\'), false);
  assert.equal(doc.prose.includes('amp;'), false);
  assert.ok(doc.tokens.some((t) => t.text === 'really'));
});
