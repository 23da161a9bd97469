/** The careful-reader score's pure parts and its scorer, on small invented articles. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { analyse, type Finding } from '../src/engine/index.js';
import {
  PrecisionTally,
  QuoteTally,
  RecallTally,
  findingFamily,
  isHeldOut,
  itemFound,
  judgeFinding,
  judgeQuote,
  nameForms,
  nameTokens,
  occurrences,
  sameSpeaker,
  type CarefulItem,
  type ItemKind,
  type Tier,
  type Voice,
} from '../../scripts/lib/careful-reader.js';
import { ARTICLES_FILE, FalsePositiveList, carefulReaderScorer, sampleMisses } from '../../scripts/lib/scorers/careful-reader.js';
import { SCORERS, scorersFor } from '../../scripts/lib/scorers/index.js';
import { Diagnostics } from '../../scripts/lib/diagnostics.js';
import type { ScoreContext } from '../../scripts/lib/scorers/types.js';

const TEXT =
  'The council met on Tuesday. "We will not let this reckless plan pass," Mayor Ana Kovač said. ' +
  'Critics say the plan is a reckless stunt. The mayor clearly wants to win the election.';

function item(kind: ItemKind, text: string, tier: Tier = 'must', voice: Voice = 'author', source = TEXT): CarefulItem {
  return { kind, text, tier, voice, occurrences: occurrences(source, text) };
}

/** A finding over the first occurrence of `text` at or after `from` (the part the score reads). */
function finding(ruleId: string, category: Finding['category'], text: string, quoted = false, from = 0): Pick<Finding, 'ruleId' | 'category' | 'start' | 'end' | 'quoted'> {
  const start = TEXT.indexOf(text, from);
  assert.ok(start >= 0, `"${text}" is in the text`);
  return { ruleId, category, start, end: start + text.length, quoted };
}

void test('occurrences finds every occurrence of an item, and none of an empty one', () => {
  const spans = occurrences(TEXT, 'reckless');
  assert.equal(spans.length, 2);
  for (const s of spans) assert.equal(TEXT.slice(s.start, s.end), 'reckless');
  assert.deepEqual(occurrences('aaaa', 'aa'), [
    { start: 0, end: 2 },
    { start: 2, end: 4 },
  ]);
  assert.deepEqual(occurrences(TEXT, 'absent words'), []);
  assert.deepEqual(occurrences(TEXT, ''), []);
});

void test('kind families: loaded report verbs are loaded wording; boilerplate is left out', () => {
  assert.equal(findingFamily({ ruleId: 'loaded-report-verb', category: 'attribution' }), 'loaded');
  assert.equal(findingFamily({ ruleId: 'vague-attribution', category: 'attribution' }), 'attribution');
  assert.equal(findingFamily({ ruleId: 'partisan-term', category: 'partisan' }), 'loaded');
  assert.equal(findingFamily({ ruleId: 'speculation', category: 'speculation' }), 'claim');
  assert.equal(findingFamily({ ruleId: 'unsupported-claim', category: 'unsupported' }), 'claim');
  assert.equal(findingFamily({ ruleId: 'boilerplate', category: 'boilerplate' }), null);
});

void test('a finding matches an overlapping item of a compatible kind; a must match wins over an ok one', () => {
  const stunt = item('name-calling', 'a reckless stunt', 'ok');
  const reckless = item('loaded', 'reckless', 'must');
  const f = finding('loaded-language', 'loaded', 'reckless', false, TEXT.indexOf('Critics'));
  const verdict = judgeFinding(f, [stunt, reckless]);
  assert.equal(verdict.correct, true);
  assert.equal(verdict.correct && verdict.tier, 'must');
  assert.equal(verdict.correct && verdict.item, reckless);
  const onlyOk = judgeFinding(f, [stunt]);
  assert.equal(onlyOk.correct && onlyOk.tier, 'ok');
  // Overlap, not containment: a finding on "stunt" touches the item "a reckless stunt".
  assert.equal(judgeFinding(finding('loaded-language', 'loaded', 'stunt'), [stunt]).correct, true);
});

void test('a finding of another kind family, or over nothing annotated, is a false positive with its reason', () => {
  const claim = item('unsupported', 'The mayor clearly wants to win the election');
  const loadedClearly = finding('exaggeration', 'loaded', 'clearly');
  assert.deepEqual(judgeFinding(loadedClearly, [claim]), { correct: false, reason: 'other kind' });
  assert.equal(judgeFinding(finding('unsupported-claim', 'unsupported', 'clearly'), [claim]).correct, true);
  assert.deepEqual(judgeFinding(finding('loaded-language', 'loaded', 'council'), [claim]), { correct: false, reason: 'no item' });
  assert.deepEqual(judgeFinding(finding('vague-attribution', 'attribution', 'Critics say'), []), { correct: false, reason: 'no item' });
});

void test('an item in quoted voice counts only for a finding that takes the words as quoted', () => {
  const quoted = item('loaded', 'reckless plan', 'ok', 'quoted');
  const asOutlet = finding('loaded-language', 'loaded', 'reckless', false);
  const asSpeaker = finding('loaded-language', 'loaded', 'reckless', true);
  assert.deepEqual(judgeFinding(asOutlet, [quoted]), { correct: false, reason: 'quoted voice' });
  assert.equal(judgeFinding(asSpeaker, [quoted]).correct, true);
  assert.equal(itemFound(quoted, [asOutlet]), false);
  assert.equal(itemFound(quoted, [asSpeaker]), true);
});

void test('recall: an item is found when any compatible finding overlaps any of its occurrences', () => {
  const reckless = item('loaded', 'reckless');
  const second = finding('loaded-language', 'loaded', 'reckless', false, TEXT.indexOf('Critics'));
  assert.equal(itemFound(reckless, [second]), true, 'the second occurrence is enough');
  assert.equal(itemFound(reckless, [finding('unsupported-claim', 'unsupported', 'reckless')]), false, 'a claim finding does not find loaded wording');
  assert.equal(itemFound(item('vague-attribution', 'Critics say'), []), false);
});

void test('precision and recall arithmetic, with false positives by reason', () => {
  const p = new PrecisionTally();
  assert.equal(p.precision(), null, 'no findings: no precision');
  const it = item('loaded', 'stunt');
  p.add({ correct: true, tier: 'must', item: it });
  p.add({ correct: true, tier: 'ok', item: it });
  p.add({ correct: false, reason: 'no item' });
  p.add({ correct: false, reason: 'quoted voice' });
  p.add({ correct: false, reason: 'no item' });
  assert.equal(p.findings, 5);
  assert.equal(p.correct, 2);
  assert.equal(p.falsePositives, 3);
  assert.equal(p.precision(), 2 / 5);
  assert.deepEqual(p.fp, { 'no item': 2, 'other kind': 0, 'quoted voice': 1 });
  const r = new RecallTally();
  assert.equal(r.recall(), null);
  for (const found of [true, false, false, true]) r.add(found);
  assert.deepEqual(r.toJSON(), { items: 4, found: 2, recall: 0.5 });
  const q = new QuoteTally();
  q.add({ found: true, named: true, right: true, speaker: 'Ana' });
  q.add({ found: true, named: true, right: false, speaker: 'Bo' });
  q.add({ found: false, named: false, right: false, speaker: null });
  assert.deepEqual(q.toJSON(), { quotes: 3, foundByTool: 2, speakerNamed: 2, speakerRight: 1, share: 1 / 3 });
});

void test('name tokens drop titles, case, diacritics, possessives and function words', () => {
  assert.deepEqual(nameTokens('Mayor Ana Kovač'), ['ana', 'kovac']);
  assert.deepEqual(nameTokens('Dr. Ivo Brenner, Jr.'), ['ivo', 'brenner', 'jr']);
  assert.deepEqual(nameTokens('the Pope'), []);
  assert.deepEqual(nameTokens('Ruritania’s Health Ministry'), ['ruritania', 'health', 'ministry']);
  assert.deepEqual(
    nameForms('The Lantern Gazette (@lanterngz)').map((f) => f.tokens),
    [['lantern', 'gazette'], ['lanterngz']],
  );
  assert.deepEqual(nameForms("Ruritania's Health Ministry")[0]?.head, ['health', 'ministry']);
});

void test('the same speaker: same person or body, not a namesake, a possessor or a pronoun', () => {
  assert.equal(sameSpeaker('Ana Kovač', 'Mayor Ana Kovac'), true);
  assert.equal(sameSpeaker('Mayor Ana Kovač', 'Kovač'), true, 'the surname alone');
  assert.equal(sameSpeaker('Ana Kovač', 'Kovač further'), true, 'the right name with a stray word');
  assert.equal(sameSpeaker('Ana Kovač', 'Ana Brenner'), false, 'a namesake by first name');
  assert.equal(sameSpeaker('Ana Kovač', null), false);
  assert.equal(sameSpeaker('Ana Kovač', 'she'), false);
  assert.equal(sameSpeaker("Ruritania's Health Ministry", 'the Health Ministry'), true);
  assert.equal(sameSpeaker("Ruritania's Health Ministry", 'Ruritania'), false, 'the possessor is not the speaker');
  assert.equal(sameSpeaker('Mayor Ana Kovač', 'the mayor'), true, 'a bare title the name carries');
  assert.equal(sameSpeaker('Ana Kovač', 'the mayor'), false);
  assert.equal(sameSpeaker('Dr. Ivo Brenner', 'Dr'), false, 'a title alone, without "the"');
  assert.equal(sameSpeaker('Northern Rail Authority', 'NRA'), true, 'an acronym');
  assert.equal(sameSpeaker('NRA', 'the Northern Rail Authority'), true);
  assert.equal(sameSpeaker('Northern Rail Authority', 'NRB'), false);
  assert.equal(sameSpeaker('The Lantern Gazette (@lanterngz)', '@lanterngz'), true, 'a handle given in brackets');
});

void test("judgeQuote reads the engine's quotations and speakers", () => {
  const doc = analyse(TEXT, { format: 'text' }).document;
  const spoken = occurrences(TEXT, 'We will not let this reckless plan pass');
  const right = judgeQuote(spoken, 'Ana Kovač', doc.quotes);
  assert.equal(right.found, true);
  assert.equal(right.named, true);
  assert.equal(right.right, true);
  assert.ok(right.speaker !== null && right.speaker.includes('Kovač'), `speaker ${right.speaker}`);
  assert.equal(judgeQuote(spoken, 'Ivo Brenner', doc.quotes).right, false);
  const unquoted = judgeQuote(occurrences(TEXT, 'Critics say the plan'), 'critics', doc.quotes);
  assert.deepEqual(unquoted, { found: false, named: false, right: false, speaker: null });
});

void test('the held-out split is deterministic and about a quarter', () => {
  const ids = Array.from({ length: 4000 }, (_, i) => `article-${i}`);
  const held = ids.filter(isHeldOut);
  assert.ok(held.length > 4000 * 0.22 && held.length < 4000 * 0.28, `${held.length} of 4000 held out`);
  assert.deepEqual([...ids].reverse().filter(isHeldOut).reverse(), held, 'independent of order');
  assert.deepEqual(ids.filter(isHeldOut), held, 'the same on every call');
});

void test('false positives are tallied by rule and lower-cased text, most frequent first', () => {
  const list = new FalsePositiveList();
  list.add('a1', { ruleId: 'exaggeration', text: 'Very' }, 'no item');
  list.add('a2', { ruleId: 'exaggeration', text: 'very' }, 'other kind');
  list.add('a2', { ruleId: 'loaded-language', text: 'very' }, 'no item');
  list.add('a3', { ruleId: 'loaded-language', text: 'stunt\n ' }, 'no item');
  const top = list.top(2);
  assert.deepEqual(top[0], { ruleId: 'exaggeration', text: 'very', n: 2, articles: 2, reasons: { 'no item': 1, 'other kind': 1 } });
  assert.equal(top.length, 2);
  assert.equal(list.top(10).length, 3);
});

void test('the sample of misses takes the kinds in turn', () => {
  const misses = ['loaded', 'loaded', 'loaded', 'unsupported', 'speculation', 'unsupported'].map((kind, i) => ({ kind, n: i }));
  assert.deepEqual(
    sampleMisses(misses, 4).map((m) => m.n),
    [0, 3, 4, 1],
  );
  assert.equal(sampleMisses(misses, 100).length, misses.length);
  assert.deepEqual(sampleMisses(misses, 0), []);
});

function scoreFolder(rows: object[], articles: object[], heldOut: 'show' | 'hide' = 'show'): ReturnType<typeof carefulReaderScorer.score> {
  const dir = mkdtempSync(path.join(tmpdir(), 'slant-careful-'));
  try {
    const file = path.join(dir, 'careful-reader-test.jsonl');
    writeFileSync(file, rows.map((r) => JSON.stringify(r)).join('\n'));
    if (articles.length > 0) writeFileSync(path.join(dir, ARTICLES_FILE), articles.map((r) => JSON.stringify(r)).join('\n'));
    const context: ScoreContext = { minSeverity: null, diagnostics: new Diagnostics(), progress: () => {}, listRows: 15, heldOut };
    return carefulReaderScorer.score(file, context);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

void test('the scorer scores invented articles, splits them, and hides the held-out part on request', () => {
  const ids = Array.from({ length: 12 }, (_, i) => `made-up-${i}`);
  const articles = ids.map((id) => ({ id, text: TEXT }));
  const rows = ids.map((id) => ({
    id,
    items: [
      { kind: 'loaded', text: 'a reckless stunt', voice: 'author', tier: 'must', why: 'invented' },
      { kind: 'vague-attribution', text: 'Critics say', voice: 'author', tier: 'must', why: 'invented' },
      { kind: 'loaded', text: 'reckless plan', voice: 'quoted', tier: 'ok', why: 'invented' },
    ],
    quotes: [{ text: 'We will not let this reckless plan pass', speaker: 'Ana Kovač', form: 'direct' }],
  }));
  const report = scoreFolder(rows, articles);
  const held = ids.filter(isHeldOut).length;
  assert.ok(held > 0 && held < 12, 'these ids fall in both parts');
  const split = report.figures.split as { dev: number; heldOut: number };
  assert.deepEqual([split.dev, split.heldOut], [12 - held, held]);
  const dev = report.figures.dev as { precision: { findings: number; correct: number }; mustRecall: { items: number; found: number }; quoteSpeakers: { quotes: number; speakerRight: number } };
  const perArticle = analyse(TEXT, { format: 'text' }).findings.filter((f) => findingFamily(f) !== null);
  assert.equal(dev.precision.findings, perArticle.length * (12 - held));
  assert.equal(dev.mustRecall.items, 2 * (12 - held));
  assert.equal(dev.quoteSpeakers.quotes, 12 - held);
  assert.equal(dev.quoteSpeakers.speakerRight, 12 - held);
  assert.equal((report.figures.heldOut as { articles: number }).articles, held);
  assert.deepEqual(
    report.tables[0]?.rows.map((r) => r[0]),
    ['dev', 'held-out'],
  );
  const hidden = scoreFolder(rows, articles, 'hide');
  assert.equal('heldOut' in hidden.figures, false);
  assert.deepEqual(
    hidden.tables[0]?.rows.map((r) => r[0]),
    ['dev'],
  );
  assert.ok(!JSON.stringify(hidden.tables).includes('held-out'), 'no held-out column anywhere');
});

void test('the held-out part never shows in the false-positive and miss listings', () => {
  const ids = Array.from({ length: 12 }, (_, i) => `made-up-${i}`);
  const heldText = 'The harbour board approved the shameless scheme after a humiliating vote.';
  const articles = ids.map((id) => ({ id, text: isHeldOut(id) ? heldText : TEXT }));
  const rows = ids.map((id) => ({
    id,
    items: isHeldOut(id) ? [{ kind: 'unsupported', text: 'The harbour board approved', voice: 'author', tier: 'must' }] : [],
    quotes: [],
  }));
  const report = scoreFolder(rows, articles);
  const held = report.figures.heldOut as { precision: { findings: number; correct: number }; mustRecall: { items: number; found: number } };
  assert.ok(held.precision.findings > 0, 'the held-out articles have findings');
  assert.equal(held.precision.correct, 0, 'all of them false positives');
  assert.ok(held.mustRecall.items > held.mustRecall.found, 'and a miss');
  const listed = JSON.stringify([report.tables, report.figures.devFalsePositives, report.figures.devMisses]);
  for (const word of ['shameless', 'scheme', 'humiliating', 'harbour']) assert.ok(!listed.includes(word), `"${word}" is not listed`);
  assert.ok(listed.includes('reckless'), "the dev part's false positives are");
});

void test('the careful-reader scorer takes careful-reader files and comes first', () => {
  assert.equal(SCORERS[0], carefulReaderScorer);
  assert.deepEqual(scorersFor('careful-reader-dev.jsonl'), [carefulReaderScorer]);
  assert.ok(!scorersFor('semeval2023-train-articles.jsonl').includes(carefulReaderScorer));
});

void test('the scorer names the line of a bad annotation and a missing articles file', () => {
  const articles = [{ id: 'made-up-1', text: TEXT }];
  const bad = [{ id: 'made-up-1', items: [{ kind: 'rude', text: 'stunt', voice: 'author', tier: 'must' }], quotes: [] }];
  assert.throws(() => scoreFolder(bad, articles), /careful-reader-test\.jsonl:1: item 0: kind "rude" is not one of/);
  const unknown = [{ id: 'made-up-2', items: [], quotes: [] }];
  assert.throws(() => scoreFolder(unknown, articles), /article made-up-2 is not in/);
  assert.throws(() => scoreFolder(unknown, []), /is missing/);
});
