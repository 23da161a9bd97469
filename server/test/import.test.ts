/**
 * Importing saved web pages (server/src/import/html.ts) and pasted text (clipboard.ts): three
 * original pages of different structure, a round trip through the engine against the same
 * article written by hand, and the furniture of each page left out.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { analyse, type Finding } from '../src/engine/index.js';
import { ImportError, importHtml } from '../src/import/html.js';
import { articleFromClipboard } from '../src/import/clipboard.js';
import { flatFrontMatter } from '../src/engine/read/front-matter.js';

const FIXTURES = fileURLToPath(new URL('./fixtures/import/', import.meta.url));
const fixture = (name: string): string => fs.readFileSync(FIXTURES + name, 'utf8');

/** What the reader sees of a finding: rule, words, message and severity (not offsets, which front matter shifts). */
const seen = (findings: readonly Finding[]): string[] => findings.map((f) => `${f.ruleId} | ${f.text} | ${f.severity} | ${f.message}`);

/** The page, words that are only in its furniture (never in the article). */
const PAGES: { page: string; furniture: string[] }[] = [
  { page: 'harbour-courier', furniture: ['Subscribe now', 'Crane operators', 'All rights reserved', 'Privacy policy', 'Sport', 'Boats in the channel'] },
  { page: 'lantern-notes', furniture: ['Thank you for writing this', 'Leave a reply', 'Post comment', 'January 2025', 'Powered by', 'Tags:', 'RSS'] },
  { page: 'valley-dispatch', furniture: ['View this email', 'Share on Facebook', 'Forward it to a friend', 'Unsubscribe', '12 Mill Lane', 'Issue 48', 'By Priya'] },
];

for (const { page, furniture } of PAGES) {
  test(`import ${page}.html: front matter from the page's metadata`, () => {
    const { markdown, meta } = importHtml(fixture(`${page}.html`));
    const handMatter = /^---\n([\s\S]*?)\n---\n/.exec(fixture(`${page}.md`))?.[1] ?? '';
    const expected = flatFrontMatter(handMatter);
    assert.ok(expected !== null);
    assert.deepEqual({ ...meta }, { ...expected });
    const matter = /^---\n([\s\S]*?)\n---\n/.exec(markdown)?.[1];
    assert.ok(matter !== undefined, 'the Markdown starts with front matter');
    assert.deepEqual(flatFrontMatter(matter), expected);
  });

  test(`import ${page}.html: the article text, without the page's furniture`, () => {
    const { markdown } = importHtml(fixture(`${page}.html`));
    const hand = fixture(`${page}.md`);
    // Every paragraph written by hand is in the import, as one paragraph.
    const paragraphs = hand.replace(/^---\n[\s\S]*?\n---\n/, '').split('\n\n').map((p) => p.trim()).filter((p) => p !== '');
    for (const p of paragraphs) assert.ok(markdown.includes(`\n${p}\n`), `missing: ${p}`);
    for (const f of furniture) assert.ok(!markdown.includes(f), `furniture kept: ${f}`);
  });

  test(`import ${page}.html: the same findings as the article written by hand`, () => {
    const imported = analyse(importHtml(fixture(`${page}.html`)).markdown, { path: `${page}.md` });
    const hand = analyse(fixture(`${page}.md`), { path: `${page}.md` });
    assert.ok(hand.findings.length >= 3, 'the article has findings to compare');
    assert.deepEqual(seen(imported.findings), seen(hand.findings));
    assert.deepEqual(imported.summary.byCategory, hand.summary.byCategory);
  });
}

test('import: pages with no article give an ImportError with one line', () => {
  const cases: [string, RegExp][] = [
    ['', /empty/],
    ['   \n  ', /empty/],
    ['just a line of text, no markup', /not an HTML page/],
    ['<html><head><title>Sign in</title></head><body><form><input name="u"><button>Log in</button></form></body></html>', /no article text|too little text/],
    ['<html><body><div><p>Half a page <b>saved <i>before the', /too little text|no article text/],
    ['<<<>>><html<body <p "unterminated <div class=', /no article text|not an HTML page|too little text/],
  ];
  for (const [html, reason] of cases) {
    assert.throws(() => importHtml(html), (e: unknown) => e instanceof ImportError && reason.test(e.message) && !e.message.includes('\n'), JSON.stringify(html));
  }
});

test('import: nothing is fetched for images and scripts; none of them reach the Markdown', () => {
  const article = 'The river committee met in the old mill to agree the summer water rota for the allotments. '.repeat(8);
  const html = `<html><head><title>Rota</title><script src="https://example.com/tracker.js"></script></head><body><article><h1>Rota</h1><p>${article}</p><img src="https://example.com/pixel.gif"><script>document.write('x')</script><iframe src="https://example.com/ad"></iframe><p>${article}</p></article></body></html>`;
  const { markdown } = importHtml(html);
  assert.ok(markdown.includes('summer water rota'));
  assert.ok(!markdown.includes('example.com'), markdown);
  assert.ok(!markdown.includes('document.write'));
});

const PASTED = `Subscribe now
Share on Facebook

Ferry fares to rise as operator blames fuel costs
By Ines Varga
3 March 2025

The island ferry operator will raise fares by twelve percent from May, a move that regular passengers call a shameless cash grab.

The operator obviously cares more about its shareholders than the islanders who depend on the boats.

"We had no choice after fuel doubled," a spokesman for the operator said.

Sign up for our newsletter to get the latest news in your inbox
Related articles
`;

test('clipboard: front matter guessed from the first lines', () => {
  const { markdown, meta } = articleFromClipboard(PASTED);
  assert.equal(meta.title, 'Ferry fares to rise as operator blames fuel costs');
  assert.equal(meta.author, 'Ines Varga');
  assert.equal(meta.date, '2025-03-03');
  assert.ok(markdown.startsWith('---\n'));
  assert.ok(markdown.includes('\n# Ferry fares to rise as operator blames fuel costs\n'));
});

test('clipboard: furniture moves to one comment at the end, and every pasted line is still there', () => {
  const { markdown, boilerplateLines } = articleFromClipboard(PASTED);
  assert.equal(boilerplateLines, 4);
  const comment = markdown.indexOf('<!--');
  assert.ok(comment > markdown.indexOf('a spokesman for the operator said'), 'the comment is after the article');
  assert.ok(markdown.trimEnd().endsWith('-->'));
  for (const line of PASTED.split('\n').filter((l) => l.trim() !== '')) assert.ok(markdown.includes(line), `lost: ${line}`);
  for (const f of ['Subscribe now', 'Share on Facebook', 'Sign up for our newsletter', 'Related articles']) assert.ok(markdown.indexOf(f) > comment, `${f} is in the comment`);
});

test('clipboard: the new article is analysed like any other; the comment is not', () => {
  const result = analyse(articleFromClipboard(PASTED).markdown, { path: 'pasted.md' });
  const texts = result.findings.map((f) => f.text.toLowerCase());
  assert.ok(texts.includes('shameless'), texts.join(', '));
  assert.ok(texts.includes('obviously'), texts.join(', '));
  assert.equal(result.findings.filter((f) => f.ruleId === 'boilerplate').length, 0);
});

test('clipboard: a comment end in the pasted text cannot close the comment early', () => {
  const { markdown } = articleFromClipboard('A headline\n\nThe article has one plain paragraph of text here.\n\nShare on Facebook --> click\n');
  const start = markdown.indexOf('<!--');
  assert.ok(start > 0);
  assert.equal(markdown.indexOf('-->', start), markdown.lastIndexOf('-->'));
  assert.ok(markdown.includes('Share on Facebook'));
});

test('clipboard: text with nothing to guess still gets front matter to fill in', () => {
  const { markdown, meta } = articleFromClipboard('The committee met on a wet afternoon, and nobody could agree on anything at all.\nIt adjourned.');
  assert.deepEqual({ ...meta }, {});
  assert.ok(markdown.startsWith('---\n# '));
  assert.ok(markdown.includes('It adjourned.'));
});

test('clipboard: a title with a year in it is a title, not a date', () => {
  for (const title of ['Summit 2025 10', 'Budget 2025 passes', 'Issue 48, 2025']) {
    const { meta } = articleFromClipboard(`${title}\n\nThe council approved the budget after a long evening of amendments and questions.\n`);
    assert.equal(meta.title, title);
    assert.equal(meta.date, undefined, title);
  }
  assert.equal(articleFromClipboard('Published: 12/03/2025\n\nThe ferry ran late again.').meta.date !== undefined, true);
});
