/**
 * Claims and attribution: the attribution each sentence gets, its kind, carry-over, claim kinds,
 * the rules built on them and the sourcing profile. Texts are written for these tests.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyse, type AnalysisResult, type SentenceSourcing } from '../src/engine/index.js';
import { rangeOf } from './helpers.js';
import { readFileSync, readdirSync } from 'node:fs';
import fc from 'fast-check';
import { cueStarts, numberRunEnd } from '../src/engine/sourcing/sourcing.js';
import { matchesAt } from '../src/engine/prefilter.js';
import { sourcingCues } from '../src/engine/sourcing/cues.js';

const md = (text: string): AnalysisResult => analyse(text, { format: 'markdown' });
const txt = (text: string): AnalysisResult => analyse(text, { format: 'text' });

/** The sourcing of the sentence that contains `needle`. */
function sentenceWith(r: AnalysisResult, needle: string): SentenceSourcing {
  const at = rangeOf(r.document.text, needle).start;
  const s = r.document.sentences.find((x) => x.start <= at && at < x.end);
  assert.ok(s, `no sentence holds ${needle}`);
  const found = r.sourcing.sentences[s.index];
  assert.ok(found);
  return found;
}

const kindOf = (r: AnalysisResult, needle: string): string | null => sentenceWith(r, needle).attribution?.kind ?? null;

test('named sources: a person with a role and a reporting verb, before or after the claim', () => {
  const r = txt('Foreign Minister Ayla Demir confirmed on Tuesday that the crossing would reopen. The decision was final, said Kerem Aksoy.');
  const first = sentenceWith(r, 'crossing would reopen');
  assert.equal(first.attribution?.kind, 'named');
  assert.equal(first.attribution?.source, 'Foreign Minister Ayla Demir');
  assert.equal(first.attribution?.verb, 'confirmed');
  assert.equal(first.attribution?.via, 'cue');
  assert.equal(kindOf(r, 'The decision was final'), 'named');
});

test('a name with an appositive and a name with an affiliation are named sources', () => {
  const r = txt('Ola Brandt, a hydrologist who studies the basin, said the river was lower than last year.\n\nDr. Sami Haddad of the Lakeside Institute said the dam was safe.');
  assert.equal(sentenceWith(r, 'lower than last year').attribution?.source, 'Ola Brandt');
  assert.equal(sentenceWith(r, 'the dam was safe').attribution?.source, 'Dr. Sami Haddad');
  assert.equal(kindOf(r, 'the dam was safe'), 'named');
});

test('institutional sources: bodies, documents, other outlets, places used as actors', () => {
  const r = txt(
    [
      'The water ministry said the reservoir was half full.',
      'The figures were published on Monday, according to the Northern Statistics Office.',
      'Harbor News reported that two ships had docked.',
      'The audit found that the fund had lost money.',
      'Ankara said the talks would continue.',
    ].join('\n\n'),
  );
  for (const needle of ['reservoir was half full', 'published on Monday', 'two ships had docked', 'fund had lost money', 'talks would continue']) {
    assert.equal(kindOf(r, needle), 'institutional', needle);
  }
  assert.equal(sentenceWith(r, 'published on Monday').attribution?.source, 'the Northern Statistics Office');
});

test('anonymous sources: unnamed officials, sources familiar with, anonymity markers', () => {
  const r = txt(
    [
      'Four sources familiar with the negotiations said a deal was close.',
      'Western officials believe the convoy turned back.',
      'A senior aide, speaking on condition of anonymity, said the vote would be delayed.',
    ].join('\n\n'),
  );
  assert.equal(kindOf(r, 'a deal was close'), 'anonymous');
  assert.equal(kindOf(r, 'convoy turned back'), 'anonymous');
  assert.equal(kindOf(r, 'vote would be delayed'), 'anonymous');
  const anonymous = r.findings.filter((f) => f.ruleId === 'anonymous-source').map((f) => f.text);
  assert.ok(anonymous.includes('on condition of anonymity'), anonymous.join(' | '));
  // The anonymity marker describes the aide; it is not listed as a source of its own.
  assert.equal(r.sourcing.sources.some((s) => s.name === 'on condition of anonymity'), false);
});

test('vague attribution: reportedly, critics say, it is believed, according to reports', () => {
  const r = txt('The plant reportedly closed. Critics say the plan is too costly. It is believed that the mayor will resign. According to reports, the bridge is unsafe.');
  for (const needle of ['plant reportedly closed', 'plan is too costly', 'mayor will resign', 'bridge is unsafe']) assert.equal(kindOf(r, needle), 'vague', needle);
  const vague = r.findings.filter((f) => f.ruleId === 'vague-attribution');
  assert.deepEqual(
    vague.map((f) => f.text),
    ['reportedly', 'Critics say', 'It is believed', 'According to reports'],
  );
  assert.ok(vague.every((f) => f.category === 'attribution' && f.severity === 'warning' && f.url !== null));
});

test('self-sourcing: the outlet vouches for the claim itself', () => {
  const r = md('---\noutlet: The Harbor Lantern\n---\n\nThe Lantern has learned that the port will be sold.\n\nWe have confirmed that the sale price is secret.');
  assert.equal(kindOf(r, 'port will be sold'), 'self');
  assert.equal(kindOf(r, 'sale price is secret'), 'self');
  assert.equal(r.sourcing.profile.byKind.self, 2);
});

test('attribution carries to later sentences of the same paragraph, not to the next paragraph', () => {
  const r = txt('The ministry said on Monday that 300 families had been moved. The move began in March.\n\nThe river rose by 2 metres overnight.');
  const carried = sentenceWith(r, 'The move began in March');
  assert.equal(carried.attribution?.via, 'carried');
  assert.equal(carried.attribution?.source, 'The ministry');
  assert.equal(sentenceWith(r, 'river rose').attribution, null);
});

test('a pronoun takes the source named before it, across a paragraph break', () => {
  const r = txt('Mayor Lina Park said the budget was balanced.\n\nShe added that taxes would not rise.');
  const added = sentenceWith(r, 'taxes would not rise');
  assert.equal(added.attribution?.kind, 'named');
  assert.equal(added.attribution?.source, 'Mayor Lina Park');
  assert.equal(added.attribution?.via, 'cue');
  const park = r.sourcing.sources.find((s) => s.name === 'Mayor Lina Park');
  assert.equal(park?.sentences.length, 2);
});

test('a quotation’s speaker covers its sentences; author-voice text after a direct quotation is not covered', () => {
  const r = txt('“The wall will hold,” said engineer Tomas Reyes. “We checked it twice.”\n\nThe wall collapsed in 2019 after heavy rain.');
  assert.equal(sentenceWith(r, 'The wall will hold').attribution?.source, 'engineer Tomas Reyes');
  assert.equal(sentenceWith(r, 'We checked it twice').voice, 'quoted');
  const after = sentenceWith(r, 'The wall collapsed');
  assert.equal(after.attribution, null);
  assert.equal(after.claim, 'statement');
});

test('loaded words inside a quotation are not the outlet’s attribution', () => {
  const r = txt('“Critics say anything,” the mayor told reporters.');
  assert.equal(r.findings.some((f) => f.ruleId === 'vague-attribution'), false);
  assert.equal(kindOf(r, 'anything'), 'named');
});

test('claim kinds: certainty, intent, cause and a checkable figure, each flagged when unsourced', () => {
  const text = [
    'It is obvious that the council never read the report.',
    'The developer seeks to avoid paying for the new road.',
    'The delay stems from a dispute over land.',
    'The project will cost $40 million.',
    'The hall is on Main Street.',
  ].join('\n\n');
  const r = txt(text);
  assert.equal(sentenceWith(r, 'never read').claim, 'certainty');
  assert.equal(sentenceWith(r, 'avoid paying').claim, 'intent');
  assert.equal(sentenceWith(r, 'dispute over land').claim, 'cause');
  assert.equal(sentenceWith(r, 'cost $40 million').claim, 'fact');
  assert.equal(sentenceWith(r, 'cost $40 million').checkable, true);
  assert.equal(sentenceWith(r, 'Main Street').claim, 'statement');
  const unsupported = r.findings.filter((f) => f.ruleId === 'unsupported-claim');
  assert.deepEqual(
    unsupported.map((f) => [f.text, f.details?.claim, f.severity]),
    [
      ['It is obvious that', 'certainty', 'warning'],
      ['seeks to', 'intent', 'warning'],
      ['stems from', 'cause', 'info'],
      ['$40 million', 'fact', 'info'],
    ],
  );
  const intent = unsupported[1];
  assert.equal(intent?.category, 'unsupported');
  assert.equal(intent?.start, rangeOf(text, 'seeks to').start);
  assert.match(intent?.note ?? '', /No source is named before this point/);
});

test('the same claims with a source are not flagged; the note names the nearest source when there is none', () => {
  const r = txt('The developer seeks to avoid paying for the road, the city’s lawyer said.\n\nThe developer wants to build 200 homes.');
  const flagged = r.findings.filter((f) => f.ruleId === 'unsupported-claim');
  assert.deepEqual(
    flagged.map((f) => f.text),
    ['wants to', '200 homes'],
  );
  assert.match(flagged[0]?.note ?? '', /nearest source in the text is “the city’s lawyer” \(named\), 1 sentence before/);
});

test('exceptions: declared opinion, questions, headings and quotations make no unsupported claims', () => {
  const r = md('# The council clearly wants to raise taxes\n\nI think the council clearly wants to raise taxes.\n\nDoes the council want to raise taxes?\n\n> The council clearly wants to raise taxes.');
  assert.deepEqual(
    r.findings.filter((f) => f.category === 'unsupported').map((f) => f.text),
    [],
  );
  assert.equal(sentenceWith(r, 'I think').claim, 'opinion');
  assert.equal(sentenceWith(r, 'Does the council').claim, null);
});

test('speculation in the outlet’s voice is flagged once per sentence, at lower severity; a source’s hedge is not', () => {
  const r = txt('The talks appear to be stalling and will most likely fail. Analysts at the Baltic Bank said rates may rise.');
  const spec = r.findings.filter((f) => f.ruleId === 'speculation');
  assert.deepEqual(
    spec.map((f) => [f.text, f.category, f.severity]),
    [['appear to', 'speculation', 'info']],
  );
});

test('the sourcing profile counts claims by attribution kind and the unsourced share', () => {
  const r = txt(
    [
      'Minister Ana Ruiz said the port would open in May.',
      'Port officials said the cranes had arrived.',
      'The port reportedly needs more staff.',
      'The port cost 90 million euros.',
      'The port is large.',
    ].join('\n\n'),
  );
  const p = r.sourcing.profile;
  assert.equal(p.claims, 5);
  assert.deepEqual(
    [p.byKind.named, p.byKind.anonymous, p.byKind.vague, p.byKind.none],
    [1, 1, 1, 2],
  );
  assert.equal(p.unsourcedShare, 2 / 5);
  assert.equal(p.namedSources, 1);
  assert.equal(p.anonymousSources, 1);
  assert.deepEqual(
    r.sourcing.sources.map((s) => [s.name, s.kind, s.sentences.length]),
    [
      ['Minister Ana Ruiz', 'named', 1],
      ['Port officials', 'anonymous', 1],
      ['reportedly', 'vague', 1],
    ],
  );
});

test('loaded reporting verbs are in the attribution category', () => {
  const r = txt('The mayor admitted the budget was short.');
  const verb = r.findings.find((f) => f.ruleId === 'loaded-report-verb');
  assert.equal(verb?.category, 'attribution');
  assert.equal(verb?.text, 'admitted');
  assert.equal(kindOf(r, 'budget was short'), 'named');
});

test('a determiner before a participle is not a report ("an estimated 4,000")', () => {
  const r = txt('Russia keeps an estimated 4,000 troops there.');
  assert.equal(kindOf(r, 'troops there'), null);
  assert.equal(r.findings.find((f) => f.ruleId === 'unsupported-claim')?.text, '4,000 troops');
});

test('cue regexes tried only at the offsets their literal prefixes give find exactly what a full scan finds', () => {
  const cues = sourcingCues();
  // Every cue regex is bounded: none falls back to a full scan.
  assert.equal(cues.starts.regexes.length, 12);
  assert.ok(cues.starts.prefixes.every((p) => p !== null));
  const same = (text: string): void => {
    const starts = cueStarts(text, cues);
    for (const re of cues.starts.regexes) {
      const full = matchesAt(re, text).map((m) => [m.index, m[0]]);
      assert.deepEqual(matchesAt(re, text, starts.get(re)).map((m) => [m.index, m[0]]), full, `${re.source.slice(0, 60)} on ${JSON.stringify(text.slice(0, 80))}`);
    }
  };
  // Cue-dense text: overlapping and adjacent cues of several classes, in odd case.
  const dense =
    'Reportedly, it is widely believed that officials familiar with the matter REPORTEDLY said 4,000 troops were expected to stay; clearly it is obvious that Ankara seeks to extract maximum leverage, sources said, on condition of anonymity. We have learned this. I think the move reflects a shift, according to €40m worth of FIGURES, Fidan CONFIRMED; In my view this stems from fear.';
  same(dense);
  const samples = new URL('../../samples/', import.meta.url);
  let n = 0;
  for (const f of readdirSync(samples)) {
    same(readFileSync(new URL(f, samples), 'utf8'));
    n++;
  }
  assert.ok(n >= 4);
  const words = dense.split(/\b/);
  fc.assert(fc.property(fc.array(fc.oneof(fc.constantFrom(...words), fc.string({ maxLength: 6 })), { maxLength: 60 }), (parts) => same(parts.join(''))), { numRuns: 300 });
});

test('the figures regex tried once per run of digits, commas and dots finds what trying every start finds', () => {
  const cues = sourcingCues();
  const re = cues.figures;
  const same = (text: string): void => {
    const starts = cueStarts(text, cues).get(re);
    assert.ok(starts, 'the figures regex has starts');
    const once = matchesAt(re, text, starts, numberRunEnd).map((m) => [m.index, m[0]]);
    assert.deepEqual(once, matchesAt(re, text, starts).map((m) => [m.index, m[0]]), JSON.stringify(text));
  };
  same('More than 1,200,000 people came; the works cost $2,400,000 and 4.5 percent more, 1,1,1, x1,2 troops.');
  same('1,'.repeat(3000));
  // Numbers cut by commas and dots, with units, currency, "more than" (whose match ends after one digit) and words before them.
  const pieces = ['1', '2,', '3.', '40', ',', '.', ' ', '  ', 'x', 'a1', '%', ' percent', ' troops', ' million', '$', '€', 'more than ', 'More than 1', ' in ', 'one in ten', '\n'];
  fc.assert(fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 40 }), (parts) => same(parts.join(''))), { numRuns: 1000 });
});
