/**
 * Incremental analysis (server/src/engine/incremental.ts): chunked results equal a whole-text
 * analysis, unchanged paragraphs are reused after an edit, cancellation keeps what was done.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyse, type Finding, type Format } from '../src/engine/index.js';
import { CancelledError } from '../src/engine/analyse.js';
import { GROUP_CHARS, IncrementalAnalyser, leavesQuoteOpen, paragraphUnits, splitChunks, type IncrementalResult } from '../src/engine/incremental.js';

const ARTICLE = `---
outlet: Harbour Gazette
title: Port strike
---

# Port strike enters third week

“We are ready to talk,” said Harbour Minister Lena Ortiz on Monday.

“The regime of overtime is over,” she said. “Nobody will be bullied.”

“Nobody here is a thug,” said union chair Tom Reyes.

He added: “The so-called negotiations are a massacre of our rights.

“We will strike until the regime listens.”

The regime claimed the strike was illegal.

{>>slant-ignore contested-label<<}

\`\`\`text
regime

regime
\`\`\`

- Officials of the regime

  The regime again, in a list item.

{==The regime

said==}{>>reviewed<<} nothing.

Related stories:

- [Ports across the region](https://example.org/a)
- [Union history](https://example.org/b)

Subscribe now

Already a subscriber? Log in

Sign up for our daily newsletter
`;

/** Findings with their sentence as a range, so chunked and whole results compare field by field. */
function comparable(findings: readonly Finding[], sentences: readonly { start: number; end: number }[]): unknown[] {
  return findings.map((f) => ({ ...f, sentence: f.sentence === null ? null : sentences[f.sentence] }));
}

function assertSameAsWhole(text: string, result: IncrementalResult, format: Format = 'markdown'): void {
  const whole = analyse(text, { format });
  const sentences = whole.document.sentences.map((s) => ({ start: s.start, end: s.end }));
  assert.deepEqual(comparable(result.findings, result.sentences), comparable(whole.findings, sentences));
  assert.deepEqual(result.sentences, sentences);
  assert.equal(result.words, whole.summary.words);
  assert.deepEqual(result.metadata, whole.document.metadata);
}

const unitTexts = (text: string, format: Format = 'markdown'): string[] => {
  const starts = paragraphUnits(text, format);
  return starts.map((s, k) => text.slice(s, starts[k + 1] ?? text.length));
};

test('a chunked analysis finds what a whole-text analysis finds', () => {
  const result = new IncrementalAnalyser({ format: 'markdown' }).analyse(ARTICLE);
  assert.ok(result.findings.length >= 8);
  assert.ok(result.findings.some((f) => f.speaker === 'union chair Tom Reyes' && f.text === 'massacre'));
  assertSameAsWhole(ARTICLE, result);
  const text = ARTICLE.replace(/^---[^]*?---\n\n/, '').replace(/```text\n[^]*?```\n\n/, '');
  assertSameAsWhole(text, new IncrementalAnalyser({ format: 'text' }).analyse(text), 'text');
});

test('units: paragraphs, kept together where Markdown, CriticMarkup or a quotation needs it', () => {
  assert.deepEqual(unitTexts('One.\n\nTwo.\n\n\nThree.\n\nFour.\n\nFive.\n'), ['One.\n\n', 'Two.\n\n\n', 'Three.\n\nFour.\n\nFive.\n']);
  const md = '---\noutlet: X\n\n---\n\nLead.\n\n```\na\n\nb\n```\n\nAfter.\n\n- item\n\n- item two\n\n  continued\n\n{==x\n\ny==} z.\n\n{>>slant-ignore all<<}\n\n“Open\n\n“Closed.”\n\nA.\n\nB.\n\nC.\n';
  assert.deepEqual(unitTexts(md), [
    '---\noutlet: X\n\n---\n\nLead.\n\n',
    '```\na\n\nb\n```\n\n',
    'After.\n\n- item\n\n- item two\n\n  continued\n\n',
    '{==x\n\ny==} z.\n\n{>>slant-ignore all<<}\n\n',
    '“Open\n\n“Closed.”\n\n',
    'A.\n\nB.\n\nC.\n',
  ]);
  // Plain text has no fences or lists.
  assert.deepEqual(unitTexts('```\n\n- a\n\nb\n\nc\n\nd\n\ne\n', 'text'), ['```\n\n', '- a\n\n', 'b\n\n', 'c\n\nd\n\ne\n']);
  assert.ok(leavesQuoteOpen('He said: “We will go on.') && !leavesQuoteOpen('He said: “We will go on.”') && leavesQuoteOpen('Er sagte: „Wir gehen weiter.'));
});

test('chunks group units by their content, so an edit regroups only the chunks around it', () => {
  const paragraphs = Array.from({ length: 400 }, (_, i) => `Paragraph ${i} says the regime met ${i * 7} people.`);
  const text = paragraphs.join('\n\n') + '\n';
  const chunks = splitChunks(text, 'markdown');
  assert.ok(chunks.length > 20 && chunks.length < 200, `${chunks.length} chunks`);
  assert.deepEqual(
    chunks.map((c) => c.start),
    [0, ...chunks.slice(0, -1).map((c) => c.end)],
  );
  assert.equal(chunks.at(-1)?.end, text.length);
  assert.ok(chunks.every((c) => c.end - c.start <= GROUP_CHARS + 100));
  const edited = text.replace('Paragraph 200 says', 'Paragraph 200 now says');
  const shift = edited.length - text.length;
  const after = splitChunks(edited, 'markdown');
  const same = new Set(chunks.map((c) => text.slice(c.start, c.end)));
  const changed = after.filter((c) => !same.has(edited.slice(c.start, c.end)));
  assert.ok(changed.length <= 2, `${changed.length} chunks changed`);
  assert.ok(after.filter((c) => c.start > text.indexOf('Paragraph 260')).every((c) => same.has(edited.slice(c.start, c.end)) && c.start - shift >= 0));
  // Chunks with quotation marks read the last unit before them as context.
  const quoted = splitChunks(`${'Filler words here. '.repeat(400)}\n\n“Yes,” she said.\n\nA.\n\nB.\n`, 'markdown');
  assert.equal(quoted.length, 2);
  assert.equal(quoted[1]?.contextStart, 0);
});

test('after an edit only the changed paragraph is analysed again', () => {
  const analyser = new IncrementalAnalyser({ format: 'markdown' });
  const first = analyser.analyse(ARTICLE);
  assert.equal(first.reused, 0);
  const edited = ARTICLE.replace('The regime claimed the strike', 'The government claimed the strike');
  const steps = analyser.steps(edited);
  let analysed = 0;
  let step = steps.next();
  while (!step.done) {
    analysed++;
    step = steps.next();
  }
  assert.ok(analysed >= 1 && analysed <= 2, `${analysed} chunks analysed`);
  assert.equal(step.value.reused, step.value.chunks - analysed);
  assertSameAsWhole(edited, step.value);
  // The same text again: nothing to analyse.
  assert.equal(analyser.analyse(edited).reused, step.value.chunks);
});

test('a pronoun speaker is found in the paragraph before; one named further back is lost (the documented trade-off)', () => {
  const near = '“We are ready,” said Harbour Minister Lena Ortiz.\n\n“The regime is gone,” she said.\n\nMore.\n\nMore.\n\nMore.\n';
  const a = new IncrementalAnalyser({ format: 'markdown' }).analyse(near);
  assert.equal(a.findings.find((f) => f.text === 'regime')?.speaker, 'Harbour Minister Lena Ortiz');
  assertSameAsWhole(near, a);
  // Chunks end at GROUP_CHARS: a speaker named before the last unit ahead of a chunk is lost.
  const filler = 'The talks went on late into the night. '.repeat(Math.ceil(GROUP_CHARS / 39));
  const far = `“We are ready,” said Harbour Minister Lena Ortiz. ${filler}\n\n${filler}\n\n“The regime is gone,” she said.\n\nMore.\n\nMore.\n\nMore.\n`;
  const whole = analyse(far, { format: 'markdown' }).findings.find((f) => f.text === 'regime');
  const chunked = new IncrementalAnalyser({ format: 'markdown' }).analyse(far).findings.find((f) => f.text === 'regime');
  assert.equal(whole?.speaker, 'Harbour Minister Lena Ortiz');
  assert.equal(chunked?.quoted, true);
  assert.equal(chunked?.speaker, null);
});

test('cancellation between chunks throws CancelledError and keeps the chunks already analysed', () => {
  const text = Array.from({ length: 200 }, (_, i) => `Paragraph ${i}: officials of the regime met ${i * 3} people.`).join('\n\n') + '\n';
  const analyser = new IncrementalAnalyser({ format: 'markdown' });
  let cancelled = false;
  const steps = analyser.steps(text, () => cancelled);
  steps.next();
  steps.next();
  cancelled = true;
  assert.throws(() => steps.next(), CancelledError);
  assert.equal(analyser.cached, 2);
  const result = analyser.analyse(text);
  assert.equal(result.reused, 2);
  assert.ok(result.chunks > 2);
  assertSameAsWhole(text, result);
});

test('a document longer than maxLength is analysed up to a paragraph break, with a notice', () => {
  const paragraph = 'Officials of the regime met again today.\n\n';
  const text = paragraph.repeat(100);
  const result = new IncrementalAnalyser({ format: 'markdown', maxLength: 1000 }).analyse(text);
  assert.ok(result.analysedLength <= 1000 && result.analysedLength > 900);
  assert.ok(result.findings.every((f) => f.end <= result.analysedLength));
  assert.deepEqual(result.notices, [{ level: 'warning', message: `document is 4,200 characters; analysed the first ${result.analysedLength.toLocaleString('en-US')} (limit 1,000)` }]);
  assert.equal(result.findings.length, Math.ceil(result.analysedLength / paragraph.length));
});

test('identical paragraphs are analysed once', () => {
  const text = 'Officials of the regime met again today.\n\n'.repeat(50);
  const analyser = new IncrementalAnalyser({ format: 'markdown' });
  let analysed = 0;
  const steps = analyser.steps(text);
  let step = steps.next();
  while (!step.done) {
    analysed++;
    step = steps.next();
  }
  assert.ok(analysed <= 3, `analysed ${analysed} chunks`);
  assert.equal(step.value.findings.length, 50);
  assertSameAsWhole(text, step.value);
});

// ── Time budget ─────────────────────────────────────────────────────────────────────────────

/** Paragraphs of original text, each with one loaded word, enough for several chunks. */
function budgetArticle(paragraphs: number): string {
  const out: string[] = [];
  for (let i = 0; i < paragraphs; i++) {
    out.push(`The ferry board met for the ${i + 1}th time. Its chair called the toll plan a disaster for islanders, and the clerk read the minutes aloud.`);
  }
  return `${out.join('\n\n')}\n`;
}

test('a time budget spent while paused stops before the next chunk, keeps the first and says how far it got', async () => {
  const text = budgetArticle(400);
  const chunks = splitChunks(text, 'text');
  assert.ok(chunks.length > 3, `several chunks (${chunks.length})`);
  const analyser = new IncrementalAnalyser({ format: 'text' });
  const run = analyser.steps(text, undefined, 200);
  assert.equal(run.next().done, false, 'the first chunk is analysed');
  await new Promise((resolve) => setTimeout(resolve, 250));
  const step = run.next();
  assert.equal(step.done, true, 'no chunk after the budget');
  const partial = step.value as IncrementalResult;
  const stop = (chunks[1] as { start: number }).start;
  assert.equal(partial.analysedLength, stop);
  const full = analyse(text, { format: 'text' });
  const before = full.findings.filter((f) => f.start < stop);
  assert.ok(before.length > 0);
  assert.deepEqual(
    partial.findings.map((f) => [f.start, f.end, f.ruleId]),
    before.map((f) => [f.start, f.end, f.ruleId]),
  );
  const lines = text.slice(0, stop).split('\n').length - 1;
  const total = text.split('\n').length - 1;
  assert.deepEqual(
    partial.notices.map((n) => n.message),
    [`analysed the first ${lines.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} lines in the time allowed (200 ms); the rest is not checked`],
  );
  // Nothing done is lost: the next run takes the first chunk from the cache and finishes.
  const next = analyser.analyse(text);
  assert.equal(next.reused, 1);
  assert.deepEqual(next.notices, []);
  assertSameAsWhole(text, next, 'text');
});

test('a budget spent before the first chunk returns nothing analysed, with the notice', () => {
  const text = budgetArticle(40);
  const result = new IncrementalAnalyser({ format: 'text' }).analyse(text, undefined, 0);
  assert.equal(result.analysedLength, 0);
  assert.deepEqual(result.findings, []);
  const total = text.split('\n').length - 1;
  assert.match(result.notices[0]?.message ?? '', new RegExp(`^analysed the first 0 of ${total} lines in the time allowed \\(0 ms\\)`));
});

test('a cancellation is not a spent budget: it still throws', () => {
  const text = budgetArticle(40);
  assert.throws(() => new IncrementalAnalyser({ format: 'text' }).analyse(text, () => true, 60_000), CancelledError);
});
