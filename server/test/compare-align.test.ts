/**
 * Same-story alignment and what it is built on: the light stemmer, positions, the passages
 * (content words, numbers and dates, quotations, highlights) and the pairing of passages of
 * different documents. The long cases run on the repository's samples: the Bosphorus Herald and
 * the Levant Ledger tell one story with opposite slants, Meridian Press is the wire report.
 * Entity mentions are found here by plain substring search (finding mentions is tested with the
 * gazetteer), so the alignment's own behaviour is what is tested.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { analyse } from '../src/engine/analyse.js';
import type { AnalysisResult } from '../src/engine/types.js';
import { LineIndex, lineColumn } from '../src/engine/position.js';
import { alignDocuments, ALIGN_DEFAULTS, type AlignDoc } from '../src/engine/compare/align.js';
import { buildPassages } from '../src/engine/compare/passages.js';
import { lineStartsOf, toLineColumn } from '../src/engine/position.js';
import { stem } from '../src/engine/compare/stem.js';
import type { Alignment, EntityMention, Passage } from '../src/engine/compare/types.js';
import { rangeOf } from './helpers.js';

const sample = (name: string): string => readFileSync(new URL(`../../samples/${name}`, import.meta.url), 'utf8');
const HERALD = 'bosphorus-herald-bases.md';
const LEDGER = 'levant-ledger-bases.md';
const WIRE = 'meridian-wire-bases.md';

/** Names of the samples' actors and the entity each stands for. */
const ALIASES: readonly [string, string][] = [
  ['Israel', 'israel'], ['Israeli', 'israel'], ['Israelis', 'israel'], ['Tel Aviv', 'israel'], ['Jerusalem', 'israel'],
  ['Turkey', 'turkey'], ['Türkiye', 'turkey'], ['Turkish', 'turkey'], ['Ankara', 'turkey'], ['Erdoğan', 'turkey'],
  ['Russia', 'russia'], ['Russian', 'russia'], ['Moscow', 'russia'], ['Kremlin', 'russia'],
  ['Syria', 'syria'], ['Syrian', 'syria'], ['Syrians', 'syria'], ['Damascus', 'syria'],
  ['United States', 'united-states'], ['U.S.', 'united-states'], ['Washington', 'united-states'], ['American', 'united-states'],
];

/** Every whole-word occurrence of the aliases, as mentions. */
function mentionsIn(r: AnalysisResult): EntityMention[] {
  const { text, sentences } = r.document;
  const out: EntityMention[] = [];
  for (const [alias, entity] of ALIASES) {
    for (let at = text.indexOf(alias); at >= 0; at = text.indexOf(alias, at + 1)) {
      const end = at + alias.length;
      if (/\p{L}/u.test(text.charAt(end)) || /\p{L}/u.test(text.charAt(at - 1))) continue;
      const sentence = sentences.findIndex((s) => s.start <= at && at < s.end);
      if (sentence >= 0) out.push({ entity, start: at, end, text: alias, alias, aliasKind: 'name', sentence, quoted: false });
    }
  }
  return out;
}

function alignDoc(path: string, text: string, withMentions = true): AlignDoc {
  const r = analyse(text, { path });
  return { path, outlet: path.replace(/\.\w+$/, ''), text, lineStarts: lineStartsOf(text), passages: buildPassages(r, withMentions ? mentionsIn(r) : []) };
}

const docs = (...names: string[]): AlignDoc[] => names.map((n) => alignDoc(n, sample(n)));

/** The alignment whose two sides contain these snippets, or undefined. */
function pairOf(alignments: readonly Alignment[], a: string, b: string): Alignment | undefined {
  return alignments.find((x) => (x.a.text.includes(a) && x.b.text.includes(b)) || (x.a.text.includes(b) && x.b.text.includes(a)));
}

const involving = (alignments: readonly Alignment[], snippet: string): Alignment[] => alignments.filter((x) => x.a.text.includes(snippet) || x.b.text.includes(snippet));

// ---------------------------------------------------------------------------------------------
// Stemmer and positions
// ---------------------------------------------------------------------------------------------

test('stem: regular inflections of one word meet, different words stay apart', () => {
  const same = (...words: string[]): void => assert.equal(new Set(words.map(stem)).size, 1, words.join(', '));
  same('base', 'bases', 'based', 'basing');
  same('talk', 'talks', 'talked', 'talking');
  same('urge', 'urges', 'urged', 'urging');
  same('party', 'parties');
  same('stop', 'stops', 'stopped', 'stopping');
  same('meeting', 'meetings', 'meet');
  same('report', 'reported', 'reportedly');
  same('carry', 'carried', 'carrying');
  same('quiet', 'quietly');
  assert.notEqual(stem('news'), stem('new'));
  assert.notEqual(stem('press'), stem('pres'));
  assert.notEqual(stem('family'), stem('fam'));
  assert.equal(stem('hamas'), 'hamas');
  assert.equal(stem('status'), 'status');
  assert.equal(stem('crisis'), 'crisis');
  assert.equal(stem('bring'), 'bring');
  assert.equal(stem('added'), stem('add'));
});

test('positions: line starts and columns agree with LineIndex on \\n, \\r\\n and lone \\r', () => {
  const text = 'one\r\ntwo\nthree\rfour\n\nsix';
  const starts = lineStartsOf(text);
  const index = new LineIndex(text);
  for (let offset = 0; offset <= text.length; offset++) assert.deepEqual(toLineColumn(starts, offset), index.lineColumn(offset), `offset ${offset}`);
  assert.deepEqual(toLineColumn(starts, rangeOf(text, 'six').start), { line: 6, column: 1, offset: rangeOf(text, 'six').start });
});

// ---------------------------------------------------------------------------------------------
// Passages
// ---------------------------------------------------------------------------------------------

function passageWith(passages: readonly Passage[], snippet: string): Passage {
  const p = passages.find((x) => x.text.includes(snippet));
  assert.ok(p, `no passage holds "${snippet}"`);
  return p;
}

test('passages: stemmed content words without function words, figures or one-letter tokens', () => {
  const text = 'The ministry said it would reopen the two crossings on Monday, and a 3 km road.';
  const [p] = buildPassages(analyse(text, { format: 'text' }), []);
  assert.ok(p);
  assert.deepEqual(p.words, ['ministri', 'said', 'reopen', 'crossing', 'monday', 'km', 'road'].map((w) => stem(w)));
  for (const gone of ['the', 'it', 'would', 'and', 'a', 'on', 'two', '3']) assert.ok(!p.words.includes(gone), gone);
  assert.equal(p.start, 0);
  assert.equal(p.end, text.length);
});

test('passages: numbers and dates normalised', () => {
  const text = [
    'About 1,200 people left on Feb. 26 and 4,000 more by 26 February 2024.',
    'The fund lost $2.5 million, or 12.50% of its value, in a 49-year lease signed in March.',
    'Four sources and 4 sources agree; officials may march on the 5th.',
    'Two hundred troops left on Jun. 5 and again in May 2025.',
  ].join('\n\n');
  const passages = buildPassages(analyse(text, { format: 'text' }), []);
  assert.deepEqual(passageWith(passages, 'About 1,200').numbers, ['1200', 'february 26', '4000', '2024']);
  assert.deepEqual(passageWith(passages, 'The fund lost').numbers, ['2500000', '12.5', '49', 'march']);
  const third = passageWith(passages, 'Four sources');
  assert.deepEqual(third.numbers, ['4', '5']);
  assert.ok(third.words.includes(stem('march')), 'lower-case "march" is a verb, not a month');
  assert.deepEqual(passageWith(passages, 'Two hundred troops').numbers, ['200', 'june 5', 'may', '2025']);
});

test('passages: quotations of four words or more are captured, normalised; scare quotes and short ones are not', () => {
  const text = [
    '“We will not leave the base under any circumstances,” the general said.',
    'The so-called “peace plan” was shelved.',
    'She called it “very bad.”',
  ].join('\n\n');
  const passages = buildPassages(analyse(text, { format: 'text' }), []);
  assert.deepEqual(passageWith(passages, 'We will not leave').quotes, ['we will not leave the base under any circumstances']);
  assert.deepEqual(passageWith(passages, 'peace plan').quotes, []);
  assert.deepEqual(passageWith(passages, 'very bad').quotes, []);
});

test('passages: boilerplate is skipped, headings are kept, entities are the sentence mentions', () => {
  const text = sample('civic-pulse-newsletter.md');
  const r = analyse(text, { path: 'civic-pulse-newsletter.md' });
  const passages = buildPassages(r, []);
  const boilerplate = r.document.blocks.filter((b) => b.boilerplate);
  assert.ok(boilerplate.length > 0, 'the sample has boilerplate');
  for (const p of passages) assert.ok(!boilerplate.some((b) => b.start <= p.start && p.end <= b.end), `boilerplate passage: ${p.text}`);
  const heading = r.document.blocks.find((b) => b.kind === 'heading');
  assert.ok(heading && passages.some((p) => p.start === heading.start), 'the headline is a passage');

  const herald = docs(HERALD)[0] as AlignDoc;
  const dateline = passageWith(herald.passages, 'quietly pressed the United States');
  assert.deepEqual([...dateline.entities].sort(), ['israel', 'russia', 'syria', 'turkey', 'united-states']);
});

test('passages: highlights are the loaded, partisan and attribution findings in the sentence and its attribution cue, sorted', () => {
  const text = sample(HERALD);
  const r = analyse(text, { path: HERALD });
  const p = passageWith(buildPassages(r, []), 'quietly pressed the United States');
  assert.deepEqual(
    p.highlights.map((h) => [h.kind, h.ruleId, h.text]),
    [
      ['attribution', 'attribution-cue', 'according to Meridian Press'],
      ['loaded', 'loaded-language', 'brazen'],
      ['loaded', 'contested-label', 'regime'],
    ],
  );
  for (const h of p.highlights) {
    assert.equal(text.slice(h.start, h.end), h.text);
    assert.ok(p.start <= h.start && h.end <= p.end);
  }
  // An attribution finding covers its cue: no second highlight for the same words.
  const sources = passageWith(buildPassages(r, []), 'four sources familiar with the talks');
  assert.deepEqual(
    sources.highlights.map((h) => h.ruleId),
    ['anonymous-source'],
  );
  // Unsupported-claim and speculation findings are not highlighted.
  const obvious = passageWith(buildPassages(r, []), 'It is obvious that');
  assert.ok(!obvious.highlights.some((h) => h.kind === 'unsupported' || h.kind === 'speculation'));
});

// ---------------------------------------------------------------------------------------------
// Alignment
// ---------------------------------------------------------------------------------------------

test('align: facts both slanted accounts report are paired — a figure, a date, a lease, a quotation', () => {
  const alignments = alignDocuments(docs(HERALD, LEDGER));

  const personnel = pairOf(alignments, 'Russia has kept an estimated 4,000 personnel', 'Russia has kept an estimated 4,000 personnel');
  assert.ok(personnel, 'the 4,000 personnel are paired');
  assert.ok(personnel.shared.numbers.includes('4000'));
  assert.ok(personnel.similarity > 0.9);

  const meeting = pairOf(alignments, 'closed-door meeting in Washington on Feb. 26', 'laid out in detail at a meeting in Washington on Feb. 26');
  assert.ok(meeting, 'the Feb. 26 meeting is paired');
  assert.deepEqual(meeting.shared.numbers, ['february 26']);
  assert.ok(meeting.shared.words.includes('meeting') && meeting.shared.words.includes('washington'), meeting.shared.words.join(', '));

  const lease = pairOf(alignments, '49-year lease on Tartus, signed in 2017 with the Assad regime', '49-year lease on Tartus, signed in 2017, is now in legal limbo');
  assert.ok(lease, 'the lease is paired');
  assert.deepEqual(lease.shared.numbers, ['49', '2017']);

  const quote = pairOf(alignments, 'Those who have occupied Syrian land', 'Those who have occupied Syrian land');
  assert.ok(quote, 'the spokesman’s words are paired');
  assert.deepEqual(quote.shared.quotes, ['those who have occupied syrian land for decades and who bomb it whenever they please are the last people entitled to speak about syria stability']);
  assert.equal(quote.a.path, HERALD);
  assert.equal(quote.b.path, LEDGER);
});

test('align: sentences that share actors or a formula but not a fact are not paired', () => {
  const alignments = alignDocuments(docs(HERALD, LEDGER), { maxPerPair: 100 });
  // The same formula about two different officials.
  assert.equal(pairOf(alignments, 'A senior Turkish official, speaking on condition of anonymity', 'A senior Israeli official, speaking on condition of anonymity'), undefined);
  // Commentary with no counterpart in the other account.
  assert.deepEqual(involving(alignments, 'The irony was not lost on Ankara'), []);
  assert.deepEqual(involving(alignments, 'the region ought to be able to agree'), []);
  // Another story altogether.
  assert.deepEqual(alignDocuments(docs(HERALD, 'civic-pulse-newsletter.md')), []);
});

test('align: one to one within a pair of documents, at most maxPerPair, similarities in range and descending', () => {
  const all = alignDocuments(docs(HERALD, LEDGER));
  assert.ok(all.length >= 8 && all.length <= ALIGN_DEFAULTS.maxPerPair, `${all.length} pairs`);
  for (const side of ['a', 'b'] as const) {
    const starts = all.map((x) => x[side].start.offset);
    assert.equal(new Set(starts).size, starts.length, `a passage of ${side} is used twice`);
  }
  for (const x of all) assert.ok(x.similarity >= ALIGN_DEFAULTS.minSimilarity && x.similarity <= 1, String(x.similarity));
  assert.deepEqual(
    all.map((x) => x.similarity),
    all.map((x) => x.similarity).sort((p, q) => q - p),
  );
  const three = alignDocuments(docs(HERALD, LEDGER), { maxPerPair: 3 });
  assert.deepEqual(three, all.slice(0, 3));
  const strict = alignDocuments(docs(HERALD, LEDGER), { minSimilarity: 0.6 });
  assert.deepEqual(strict, all.filter((x) => x.similarity >= 0.6));
});

test('align: output is grouped by pair of documents in input order, and deterministic', () => {
  const input = docs(HERALD, LEDGER, WIRE);
  const alignments = alignDocuments(input);
  const pairs = alignments.map((x) => `${x.a.path} ${x.b.path}`);
  const order = [`${HERALD} ${LEDGER}`, `${HERALD} ${WIRE}`, `${LEDGER} ${WIRE}`];
  assert.deepEqual([...new Set(pairs)], order);
  assert.deepEqual(pairs, [...pairs].sort((p, q) => order.indexOf(p) - order.indexOf(q)));
  assert.deepEqual(alignDocuments(docs(HERALD, LEDGER, WIRE)), alignments);
  // The wire report's unchanged quotation of the spokesman pairs with the Herald's.
  const quote = pairOf(alignments, '“Syria’s future will be decided by Syrians', '“Syria’s future will be decided by Syrians');
  assert.ok(quote && quote.a.path === HERALD && quote.b.path === WIRE);
  assert.equal(quote.shared.quotes.length, 1);
});

test('align: positions are the passages’ lines and columns in their own documents', () => {
  const input = docs(HERALD, LEDGER);
  const alignments = alignDocuments(input);
  const texts = new Map(input.map((d) => [d.path, d.text as string]));
  const personnel = pairOf(alignments, 'Russia has kept an estimated 4,000', 'Russia has kept an estimated 4,000');
  assert.ok(personnel);
  for (const ref of [personnel.a, personnel.b]) {
    const text = texts.get(ref.path) as string;
    const sentence = rangeOf(text, 'Russia has kept an estimated 4,000 personnel at the two sites, according to the Eastern Mediterranean Security Observatory, a monitoring group.');
    assert.deepEqual(ref.start, lineColumn(text, sentence.start));
    assert.deepEqual(ref.end, lineColumn(text, sentence.end));
  }
  for (const x of alignments) {
    for (const ref of [x.a, x.b]) {
      const text = texts.get(ref.path) as string;
      assert.deepEqual(ref.start, lineColumn(text, ref.start.offset));
      assert.ok(text.slice(ref.start.offset, ref.end.offset).replace(/\s+/g, ' ').includes(ref.text.slice(0, 12)), ref.text);
    }
  }
});

test('align: each side carries its passage’s highlights, so loaded wording shows on the side that uses it', () => {
  const alignments = alignDocuments(docs(HERALD, LEDGER));
  const dateline = pairOf(alignments, 'quietly pressed the United States', 'Israel has urged the United States');
  assert.ok(dateline, 'the two lead sentences are paired');
  const herald = dateline.a.path === HERALD ? dateline.a : dateline.b;
  const ledger = dateline.a.path === HERALD ? dateline.b : dateline.a;
  assert.ok(herald.highlights.some((h) => h.ruleId === 'loaded-language' && h.text === 'brazen'));
  assert.ok(!ledger.highlights.some((h) => h.text === 'brazen'));
  assert.ok(ledger.highlights.some((h) => h.kind === 'attribution'));
});

test('align: a shared quotation pairs passages that otherwise tell it differently', () => {
  const quote = '“We will not leave the base under any circumstances,”';
  const a = alignDoc('a.md', `Fishing boats returned early to the harbour.\n\n${quote} the general told reporters in the capital after a long morning of briefings.\n\nThe weather service warned of storms.\n`, false);
  const b = alignDoc('b.md', `Bakers in the old town raised bread prices.\n\nResidents near the perimeter fence recalled the promise: ${quote} he said.\n\nTrains ran late all afternoon.\n`, false);
  const [pair, ...rest] = alignDocuments([a, b]);
  assert.deepEqual(rest, []);
  assert.ok(pair && pair.a.text.includes('the general told') && pair.b.text.includes('Residents near'));
  assert.deepEqual(pair.shared.quotes, ['we will not leave the base under any circumstances']);
  assert.ok(pair.similarity >= 0.4, `a shared quotation weighs at least 0.4, got ${pair.similarity}`);
});

test('align: a shared figure and date raise the similarity of the same wording', () => {
  const filler = '\n\nThe weather service warned of storms.\n\nSchools stayed open.\n';
  const a = alignDoc('a.md', `Officials counted 4,317 displaced families in the northern valley on March 3.${filler}`, false);
  const pairWith = (sentence: string): Alignment => {
    const found = alignDocuments([a, alignDoc('b.md', `${sentence}${filler}`, false)], { minSimilarity: 0 }).find((x) => x.a.text.startsWith('Officials'));
    assert.ok(found, sentence);
    return found;
  };
  const same = pairWith('Aid groups registered 4,317 displaced families in the valley after the floods of March 3.');
  const other = pairWith('Aid groups registered 5,020 displaced families in the valley after the floods of March 9.');
  assert.deepEqual(same.shared.numbers, ['4317', 'march 3']);
  assert.deepEqual(other.shared.numbers, []);
  assert.deepEqual(same.shared.words, other.shared.words);
  assert.ok(same.similarity > other.similarity + 0.1, `${same.similarity} vs ${other.similarity}`);
});

test('align: the same sentence in several documents pairs across all of them, never within one', () => {
  const fact = 'The port authority said 312 containers were unloaded at Berth 9 on Tuesday.';
  const filler = ['Rain is expected later in the week.', 'Local schools reopened after the holiday.', 'The museum extended its opening hours.'];
  const input = filler.map((f, i) => alignDoc(`d${i}.md`, `${f}\n\n${fact}\n\n${i === 0 ? fact : f}\n`, false));
  const alignments = alignDocuments(input);
  assert.deepEqual(
    alignments.map((x) => [x.a.path, x.b.path, x.similarity, x.shared.numbers]),
    [
      ['d0.md', 'd1.md', 1, ['312', '9']],
      ['d0.md', 'd2.md', 1, ['312', '9']],
      ['d1.md', 'd2.md', 1, ['312', '9']],
    ],
  );
});

test('align: fewer than two documents give nothing; bad options and ranges are clear errors', () => {
  const herald = docs(HERALD)[0] as AlignDoc;
  assert.deepEqual(alignDocuments([]), []);
  assert.deepEqual(alignDocuments([herald]), []);
  assert.throws(() => alignDocuments([herald, herald], { maxPerPair: 0 }), /maxPerPair must be a whole number of at least 1, not 0/);
  assert.throws(() => alignDocuments([herald, herald], { maxPerPair: 2.5 }), /maxPerPair/);
  assert.throws(() => alignDocuments([herald, herald], { minSimilarity: 1.5 }), /minSimilarity must be a number from 0 to 1, not 1.5/);
  assert.throws(() => alignDocuments([herald, herald], { minSimilarity: Number.NaN }), /minSimilarity/);
  const shifted = { ...herald, path: 'broken.md', text: herald.text?.slice(0, 100) ?? '' };
  assert.throws(() => alignDocuments([herald, shifted]), /broken\.md: passage \d+–\d+ is not a range in the text \(100 characters\)/);
});
