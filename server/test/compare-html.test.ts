/**
 * The comparison's presentation: the HTML report and webview page (escaping, policy, marks,
 * links) and the terminal text. Comparisons are built here from short texts written for the
 * tests, with every offset found by substring.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LineIndex } from '../src/engine/position.js';
import type { Category, SourcingProfile } from '../src/engine/index.js';
import type { ComparedDocument, Comparison, PassageRef, StanceOut } from '../src/engine/compare/types.js';
import { escapeHtml, renderComparisonHtml } from '../src/present/compare-html.js';
import { formatComparisonText } from '../src/present/compare-text.js';
import { documentLabels, segments } from '../src/present/compare-view.js';
import { rangeOf } from './helpers.js';

const HOSTILE = '<script>alert(1)</script> Gazette';
const IMG = '"><img src=x onerror=alert(2)>';

interface Doc {
  path: string;
  outlet: string;
  text: string;
}

const A: Doc = {
  path: `news/${IMG}.md`,
  outlet: HOSTILE,
  text: [
    '# Port strike',
    '',
    'The regime in Tel Aviv reportedly bombed the port of Latakia on Monday.',
    '',
    `A reader wrote <script>alert(3)</script> and ${IMG} in the comments, which the <b>regime</b> denied.`,
    '',
  ].join('\n'),
};

const B: Doc = {
  path: 'wire/plain-post.md',
  outlet: 'The Plain Post',
  text: ['Israeli aircraft struck the port of Latakia on Monday, the Syrian ministry said.', '', 'Turkey offered to help rebuild the quay.', ''].join('\n'),
};

function position(doc: Doc, offset: number): { line: number; column: number; offset: number } {
  return new LineIndex(doc.text).lineColumn(offset);
}

/** A passage of `doc`: the sentence `sentence`, with highlights on the given phrases of it. */
function passage(doc: Doc, sentence: string, marks: [string, Category, string][]): PassageRef {
  const at = rangeOf(doc.text, sentence);
  return {
    path: doc.path,
    outlet: doc.outlet,
    start: position(doc, at.start),
    end: position(doc, at.end),
    text: sentence,
    highlights: marks.map(([needle, kind, ruleId]) => {
      const r = rangeOf(sentence, needle);
      return { start: at.start + r.start, end: at.start + r.end, kind, ruleId, text: needle };
    }),
  };
}

function sourcing(claims: number, none: number): SourcingProfile {
  return {
    claims,
    byKind: { named: 0, institutional: claims - none, anonymous: 0, vague: 0, self: 0, none },
    unsourcedShare: claims === 0 ? 0 : none / claims,
    namedSources: 0,
    anonymousSources: 0,
    quotedSentences: 0,
  };
}

function stance(doc: Doc, score: number, sentence: string, reasons: string[]): StanceOut {
  const at = rangeOf(doc.text, sentence);
  return {
    score,
    confidence: 0.71,
    mentions: 3,
    evidence: [{ sentence: 1, text: sentence, contribution: score, voice: 'author', speaker: null, reasons, start: position(doc, at.start), end: position(doc, at.end) }],
  };
}

const SENTENCE_A1 = 'The regime in Tel Aviv reportedly bombed the port of Latakia on Monday.';
const SENTENCE_A2 = `A reader wrote <script>alert(3)</script> and ${IMG} in the comments, which the <b>regime</b> denied.`;
const SENTENCE_B1 = 'Israeli aircraft struck the port of Latakia on Monday, the Syrian ministry said.';

function comparison(): Comparison {
  const docA: ComparedDocument = {
    path: A.path,
    outlet: A.outlet,
    outletSource: 'front-matter',
    words: 30,
    stance: { Israel: stance(A, -0.62, SENTENCE_A2, [`"regime" aimed at it ${IMG}`]) },
    sourcing: sourcing(2, 1),
    loadedTerms: 2,
    loadedPer1000Words: 66.7,
  };
  const docB: ComparedDocument = {
    path: B.path,
    outlet: B.outlet,
    outletSource: 'file-name',
    words: 20,
    stance: { Israel: stance(B, 0.35, SENTENCE_B1, ['agent of "struck"']), Turkey: stance(B, 0.4, 'Turkey offered to help rebuild the quay.', ['"help" \u001b[2J']) },
    sourcing: sourcing(2, 1),
    loadedTerms: 0,
    loadedPer1000Words: 0,
  };
  return {
    version: 1,
    documents: [docA, docB],
    entities: ['Israel', 'Turkey'],
    alignments: [
      {
        a: passage(A, SENTENCE_A1, [
          ['regime in Tel Aviv', 'partisan', 'partisan-term'],
          ['regime', 'loaded', 'contested-label'],
          ['reportedly', 'attribution', 'vague-attribution'],
        ]),
        b: passage(B, SENTENCE_B1, [['the Syrian ministry said', 'attribution', 'institutional']]),
        similarity: 0.64,
        shared: { words: ['port', 'monday'], entities: ['Israel'], numbers: [], quotes: [] },
      },
      {
        a: passage(A, SENTENCE_A2, [['regime', 'loaded', 'contested-label']]),
        b: passage(B, 'Turkey offered to help rebuild the quay.', []),
        similarity: 0.21,
        shared: { words: [IMG], entities: [], numbers: [], quotes: [] },
      },
    ],
    distinctiveTerms: { [HOSTILE]: [{ term: '<i>regime</i>', z: 2.4, count: 2, otherCount: 0 }], [B.outlet]: [{ term: 'ministry', z: 1.9, count: 1, otherCount: 0 }] },
    namingChoices: [{ entity: 'Israel', kind: 'alias', byDocument: { [A.path]: { 'Tel Aviv': 1 }, [B.path]: { Israeli: 1 } } }],
  };
}

/** Every tag the renderer writes (document text never yields a `<`, so these are all real tags). */
function tags(html: string): string[] {
  return [...html.matchAll(/<[a-zA-Z!][^>]*>/g)].map((m) => m[0]);
}

const ALLOWED_TAGS = new Set(
  'html head meta title style body main h1 h2 h3 section div table caption colgroup col thead tbody tr th td br span svg rect line details summary ol ul li a strong p article figure figcaption blockquote mark dl dt dd'.split(' '),
);

function unescape(s: string): string {
  return s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
}

/** The text content of an HTML fragment (tags dropped, entities decoded). */
const textOf = (html: string): string => unescape(html.replace(/<[^>]*>/g, ''));

/** The inner HTML of the blockquote of the passage starting at `offset` in `path`. */
function quoteAt(html: string, path: string, offset: number): string {
  const open = `<figure class="passage" data-path="${escapeHtml(path)}" data-start="${offset}"`;
  const at = html.indexOf(open);
  assert.ok(at >= 0, `no passage of ${path} at ${offset}`);
  const from = html.indexOf('<blockquote>', at) + '<blockquote>'.length;
  return html.slice(from, html.indexOf('</blockquote>', from));
}

test('escapeHtml escapes the five characters that matter', () => {
  assert.equal(escapeHtml(`<a href="x" title='y'>&</a>`), '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
});

test('standalone HTML: a strict policy, no script, every document text escaped, nothing loaded', () => {
  const html = renderComparisonHtml(comparison(), { mode: 'standalone' });
  assert.ok(html.startsWith('<!DOCTYPE html>'));
  assert.match(html, /<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;; style-src &#39;unsafe-inline&#39;/);
  assert.ok(!/<script/i.test(html), 'no script element at all');
  for (const t of tags(html)) {
    const name = /^<([a-zA-Z!][a-zA-Z0-9-]*)/.exec(t)?.[1]?.toLowerCase() ?? '';
    assert.ok(name === '!doctype' || ALLOWED_TAGS.has(name), `unexpected tag ${t}`);
    // Attribute values are double-quoted with quotes inside escaped, so dropping them leaves the names.
    const names = t.replace(/"[^"]*"/g, '""');
    assert.ok(!/\son\w+\s*=/i.test(names), `event handler attribute in ${t}`);
    assert.ok(!/\s(src|srcset)\s*=/i.test(names), `a resource is loaded by ${t}`);
    assert.ok(!/href="(https?:|\/\/)/i.test(t), `a network link in ${t}`);
  }
  assert.ok(!/url\(|@import/.test(html), 'the stylesheet loads nothing');
  // The hostile strings are all there, as text.
  assert.ok(html.includes('&lt;script&gt;alert(1)&lt;/script&gt; Gazette'));
  assert.ok(html.includes('&lt;script&gt;alert(3)&lt;/script&gt;'));
  assert.ok(html.includes(escapeHtml(IMG)));
  assert.ok(html.includes('&lt;i&gt;regime&lt;/i&gt;'), 'a distinctive term is escaped');
  assert.ok(!html.includes('<img') && !html.includes('<b>') && !html.includes('<i>'));
});

test('webview HTML: one script and one style element carrying the nonce, and a policy that allows only them', () => {
  const html = renderComparisonHtml(comparison(), { mode: 'webview', nonce: 'N0nce+/=', cspSource: 'https://file+.vscode-resource.vscode-cdn.net' });
  const policy = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html)?.[1];
  assert.ok(policy !== undefined);
  assert.equal(
    unescape(policy),
    "default-src 'none'; style-src https://file+.vscode-resource.vscode-cdn.net 'nonce-N0nce+/='; script-src 'nonce-N0nce+/='; base-uri 'none'; form-action 'none'",
  );
  const scripts = tags(html).filter((t) => /^<script/i.test(t));
  assert.deepEqual(scripts, ['<script nonce="N0nce+/=">']);
  assert.deepEqual(tags(html).filter((t) => /^<style/i.test(t)), ['<style nonce="N0nce+/=">']);
  // The policy blocks style attributes, so there must be none.
  assert.ok(!tags(html).some((t) => /\sstyle=/.test(t)));
  assert.match(html, /postMessage\(\{ type: 'open', path: target\.dataset\.path/);
  assert.throws(() => renderComparisonHtml(comparison(), { mode: 'webview' }), /nonce/);
  assert.throws(() => renderComparisonHtml(comparison(), { mode: 'webview', nonce: 'a" onload="x' }), /nonce/);
});

test('passages carry the document offsets the webview opens, and their text survives escaping whole', () => {
  const c = comparison();
  const html = renderComparisonHtml(c, { mode: 'webview', nonce: 'abc' });
  for (const al of c.alignments) {
    for (const side of [al.a, al.b]) {
      const doc = side.path === A.path ? A : B;
      const at = rangeOf(doc.text, side.text);
      assert.ok(html.includes(`data-path="${escapeHtml(side.path)}" data-start="${at.start}" data-end="${at.end}"`));
      assert.equal(textOf(quoteAt(html, side.path, at.start)), side.text);
    }
  }
});

test('highlights wrap exactly their phrase; overlapping ones become flat runs carrying both kinds', () => {
  const html = renderComparisonHtml(comparison(), { mode: 'standalone' });
  const wire = quoteAt(html, B.path, rangeOf(B.text, SENTENCE_B1).start);
  assert.equal(wire, 'Israeli aircraft struck the port of Latakia on Monday, <mark class="hl-attribution" title="attribution: institutional">the Syrian ministry said</mark>.');

  const first = quoteAt(html, A.path, rangeOf(A.text, SENTENCE_A1).start);
  const marks = [...first.matchAll(/<mark class="([^"]*)"[^>]*>([^<]*)<\/mark>/g)].map((m) => [m[1], m[2]]);
  assert.deepEqual(marks, [
    ['hl-partisan hl-loaded', 'regime'],
    ['hl-partisan', ' in Tel Aviv'],
    ['hl-attribution', 'reportedly'],
  ]);

  // Escaped markup right next to a mark stays text on both sides of it.
  const second = quoteAt(html, A.path, rangeOf(A.text, SENTENCE_A2).start);
  assert.ok(second.includes('the &lt;b&gt;<mark class="hl-loaded" title="loaded wording: contested-label">regime</mark>&lt;/b&gt; denied.'));
});

test('segments cut a passage at every highlight boundary and cover its text exactly', () => {
  const side = comparison().alignments[0]!.a;
  const segs = segments(side);
  assert.equal(segs.map((s) => s.text).join(''), side.text);
  assert.deepEqual(
    segs.filter((s) => s.highlights.length > 0).map((s) => [s.text, s.highlights.map((h) => h.ruleId).sort()]),
    [
      ['regime', ['contested-label', 'partisan-term']],
      [' in Tel Aviv', ['partisan-term']],
      ['reportedly', ['vague-attribution']],
    ],
  );
});

test('highlights find their phrase in a passage whose shown text is shorter than its source (Markdown dropped, spaces collapsed)', () => {
  const source = 'Intro.\n\nThe [regime](https://example.org/a/long/address) met   the **regime** envoy, reportedly.';
  const shown = 'The regime met the regime envoy, reportedly.';
  const mark = (needle: string, occurrence: number, kind: Category, ruleId: string) => ({ ...rangeOf(source, needle, occurrence), kind, ruleId, text: needle });
  const base = source.indexOf('The [');
  const side = {
    text: shown,
    start: { line: 3, column: 1, offset: base },
    highlights: [
      mark('regime', 0, 'loaded', 'contested-label'),
      mark('regime', 1, 'loaded', 'contested-label'),
      mark('reportedly', 0, 'attribution', 'vague-attribution'),
      { start: base, end: base + 3, kind: 'loaded' as const, ruleId: 'x', text: 'absent' },
    ],
  };
  let at = 0;
  const placed: [number, string][] = [];
  for (const seg of segments(side)) {
    if (seg.highlights.length > 0) placed.push([at, seg.text]);
    at += seg.text.length;
  }
  assert.equal(at, shown.length);
  assert.deepEqual(placed, [
    [rangeOf(shown, 'regime', 0).start, 'regime'],
    [rangeOf(shown, 'regime', 1).start, 'regime'],
    [rangeOf(shown, 'reportedly').start, 'reportedly'],
  ]);
});

test('every entity and outlet appears in the stance section, with figures in text beside the bars', () => {
  const c = comparison();
  const html = renderComparisonHtml(c, { mode: 'standalone' });
  const stanceSection = html.slice(html.indexOf('<h2 id="stance">'), html.indexOf('<h2 id="profile">'));
  for (const [i, entity] of c.entities.entries()) assert.ok(stanceSection.includes(`<h3 id="entity-${i}">${entity}</h3>`));
  for (const d of c.documents) {
    const rows = stanceSection.split(`<tr><th scope="row">${escapeHtml(d.outlet)}</th>`).length - 1;
    assert.equal(rows, c.entities.length, `${d.outlet} has a row per entity`);
  }
  assert.ok(stanceSection.includes('<span class="neg-text">\u22120.62</span>'));
  assert.ok(stanceSection.includes('<span class="pos-text">+0.35</span>'));
  assert.ok(stanceSection.includes('not mentioned'), 'the Gazette does not mention Turkey');
  assert.ok(stanceSection.includes(`<div class="reasons">${escapeHtml(`"regime" aimed at it ${IMG}`)}</div>`));
  // The other sections name every outlet too.
  for (const id of ['profile', 'terms']) {
    const part = html.slice(html.indexOf(`<h2 id="${id}">`));
    for (const d of c.documents) assert.ok(part.includes(escapeHtml(d.outlet)), `${d.outlet} in ${id}`);
  }
  assert.match(html, /<h2 id="how">How to read this<\/h2>/);
});

test('standalone locations link to the file at the line when a URL is given, and show file:line otherwise', () => {
  const c = comparison();
  const url = 'file:///home/reader/news/%22%3E%3Cimg.md';
  const html = renderComparisonHtml(c, { mode: 'standalone', links: { [A.path]: url } });
  const line = new LineIndex(A.text).lineColumn(rangeOf(A.text, SENTENCE_A1).start).line;
  assert.ok(html.includes(`<a class="loc" href="${url}#L${line}">${escapeHtml(A.path)}:${line}</a>`));
  const lineB = new LineIndex(B.text).lineColumn(rangeOf(B.text, SENTENCE_B1).start).line;
  assert.ok(html.includes(`<span class="loc">${B.path}:${lineB}</span>`));
});

test('documents of one outlet are told apart by file name', () => {
  const c = comparison();
  const docs = [c.documents[0]!, { ...c.documents[1]!, outlet: c.documents[0]!.outlet }];
  assert.deepEqual(documentLabels(docs), [`${HOSTILE} (${IMG}.md)`, `${HOSTILE} (plain-post.md)`]);
});

test('an empty comparison says so in each section rather than showing empty tables', () => {
  const c: Comparison = { ...comparison(), entities: [], alignments: [], distinctiveTerms: {}, namingChoices: [] };
  const html = renderComparisonHtml(c, { mode: 'standalone' });
  assert.ok(html.includes('No entity of the gazetteer is mentioned.'));
  assert.ok(html.includes('No passages of different documents report the same fact closely enough to pair.'));
  assert.ok(html.includes('The documents name the entities alike.'));
  const text = formatComparisonText(c, { color: false });
  assert.ok(text.includes('No entity of the gazetteer is mentioned.'));
});

test('text report: each outlet, its score and a bar that points the right way, plain without colour', () => {
  const c = comparison();
  const text = formatComparisonText(c, { color: false });
  assert.ok(!text.includes('\u001b'), 'no escape sequences, not even from the document text');
  for (const d of c.documents) assert.ok(text.includes(d.outlet), d.outlet);
  const israel = text.split('\n').filter((l) => l.includes('conf 0.71') && l.includes('3 mentions'));
  assert.equal(israel.length, 3, 'two rows for Israel, one for Turkey');
  assert.ok(israel[0]!.includes('\u22120.62 ░░████│░░░░░░'), israel[0]);
  assert.ok(israel[1]!.includes('+0.35 ░░░░░░│██░░░░'), israel[1]);
  assert.match(text, /not mentioned/);
  assert.match(text, /66\.7 loaded per 1,000 words \(2 terms\)\s+50% of 2 claims unsourced/);
  assert.match(text, /Israel \(names\): .*“Tel Aviv” 1; The Plain Post “Israeli” 1/);
  assert.match(text, /1\. similarity 0\.64/);
  assert.ok(text.includes(`${A.path}:${position(A, rangeOf(A.text, SENTENCE_A1).start).line}`));

  const coloured = formatComparisonText(c, { color: true });
  assert.ok(coloured.includes('\u001b[31m'), 'hostile scores in red');
  assert.ok(coloured.includes('\u001b[36mreportedly\u001b[39m'), 'attribution in cyan');
  assert.ok(!coloured.includes('\u001b[2J'), 'escape sequences from the document are defused');
});
