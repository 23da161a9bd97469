import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readDocument } from '../src/engine/index.js';
import { rangeOf } from './helpers.js';

const quotes = (text: string, format: 'text' | 'markdown' = 'text') => readDocument(text, { format }).quotes;

test('speaker after the quote: “…,” NAME told journalists', () => {
  const text = '“We will not accept this,” Kallas told journalists on Monday.';
  const [q] = quotes(text);
  assert.equal(q?.speaker, 'Kallas');
  assert.deepEqual(q?.speakerRange, rangeOf(text, 'Kallas'));
  assert.deepEqual(q?.inner, rangeOf(text, 'We will not accept this,'));
});

test('speaker after the quote with the verb first: “…,” said Foreign Minister Hakan Fidan', () => {
  const text = '“The bases are a matter for Syria,” said Foreign Minister Hakan Fidan.';
  assert.equal(quotes(text)[0]?.speaker, 'Foreign Minister Hakan Fidan');
});

test('speaker before the quote: As NAME noted: “…”', () => {
  const text = 'As the defence minister noted: “This is a dangerous game.”';
  assert.equal(quotes(text)[0]?.speaker, 'the defence minister');
});

test('speaker before the quote: NAME said, “…”', () => {
  const text = 'On Tuesday, a ministry spokesperson said, "We reject the claims entirely."';
  assert.equal(quotes(text)[0]?.speaker, 'a ministry spokesperson');
});

test('According to NAME, “…”', () => {
  const text = 'According to the envoy, “nothing has been agreed yet.”';
  assert.equal(quotes(text)[0]?.speaker, 'the envoy');
});

test('a pronoun speaker resolves to the last named speaker', () => {
  const text = '“First point,” Levi said. “Second point,” she added.';
  const qs = quotes(text);
  assert.deepEqual(
    qs.map((q) => q.speaker),
    ['Levi', 'Levi'],
  );
});

test('a quote continued into the next paragraph keeps its speaker', () => {
  const text = 'Yilmaz told the assembly: “We have been patient for years.\n\n“Now the patience is over,” he said.';
  const qs = quotes(text);
  assert.equal(qs.length, 2);
  assert.equal(qs[0]?.speaker, 'Yilmaz');
  assert.equal(qs[1]?.speaker, 'Yilmaz');
});

test('a blockquote takes its speaker from the paragraph before it', () => {
  const text = 'The ambassador wrote in a statement:\n\n> The occupation must end.\n';
  const [q] = quotes(text, 'markdown');
  assert.equal(q?.kind, 'blockquote');
  assert.equal(q?.speaker, 'The ambassador');
  assert.deepEqual(q?.inner, rangeOf(text, 'The occupation must end.'));
});

test('apostrophes are not quotation marks', () => {
  const text = "Turkey’s envoy didn't say it; the generals’ plan stands. It's Ankara's call.";
  assert.deepEqual(quotes(text), []);
});

test('a short quotation with no speaker is a possible scare quote; a titled name is not', () => {
  const text = 'The new “security measures” took effect on Friday. The “Peace Spring” name was chosen.';
  const qs = quotes(text);
  assert.equal(qs.length, 2);
  assert.equal(qs[0]?.scare, true);
  assert.equal(qs[1]?.scare, false);
});

test('straight double quotes pair up; an unclosed one runs to the block end', () => {
  const text = 'He said "yes" and then "no more talks\n\nNext paragraph.';
  const qs = quotes(text);
  assert.equal(qs.length, 2);
  assert.equal(text.slice(qs[0]!.inner.start, qs[0]!.inner.end), 'yes');
  assert.equal(text.slice(qs[1]!.inner.start, qs[1]!.inner.end), 'no more talks');
});

test('single curly quotes in a headline are quotes', () => {
  const text = 'Minister calls deal ‘a betrayal of our allies’ in interview';
  const qs = quotes(text);
  assert.equal(qs.length, 1);
  assert.equal(text.slice(qs[0]!.inner.start, qs[0]!.inner.end), 'a betrayal of our allies');
});

test('a partial quotation takes the subject of the sentence’s speech verb', () => {
  const text = 'A senior official, speaking on condition of anonymity, said the matter was raised “at the highest level” last week.';
  assert.equal(quotes(text)[0]?.speaker, 'A senior official');
});

test('consecutive quotations in a paragraph keep the speaker; “he said” finds the person named before', () => {
  const text = 'Gen. Amos Dror, a former planner, put it bluntly. “They are not rebuilding it,” he said. “They are taking it.”';
  const qs = quotes(text);
  assert.deepEqual(
    qs.map((q) => q.speaker),
    ['Gen. Amos Dror', 'Gen. Amos Dror'],
  );
});

test('a blockquote after “she was blunt:” takes the person named in the paragraph before', () => {
  const text = 'Dr. Lena Kaya of the Forum for Policy in Izmir said the plan was flawed. She was blunt:\n\n> It will not work.\n';
  assert.equal(quotes(text, 'markdown')[0]?.speaker, 'Dr. Lena Kaya');
});

test('a quotation introduced by a colon takes the subject of the introducing sentence', () => {
  const text = 'Prof. Omar Saleh, who chairs the panel, did not hold back: "This plan is a trap."';
  assert.equal(quotes(text)[0]?.speaker, 'Prof. Omar Saleh');
});

test('every quotation is found across paragraphs, headings and quote-free stretches, in order', () => {
  const paragraphs = [
    '# “Talks” resume',
    '“We are ready,” Kallas said.',
    'Nothing was quoted in this paragraph at all.',
    'A second plain paragraph, with an apostrophe that isn’t a quote.',
    'Fidan said: “The bases stay.” Later he added, “Nothing changes.”',
    '> “A blockquote line.”',
    'The last paragraph quotes “one word” and ends.',
  ];
  const text = paragraphs.join('\n\n');
  const found = quotes(text, 'markdown').map((q) => text.slice(q.inner.start, q.inner.end));
  assert.deepEqual(found, ['Talks', 'We are ready,', 'The bases stay.', 'Nothing changes.', '“A blockquote line.”', 'one word']);
});
