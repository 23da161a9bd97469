import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyse, compileLexicon, type LexiconFile } from '../src/engine/index.js';
import { CancelledError } from '../src/engine/analyse.js';
import { rangeOf } from './helpers.js';

const file: LexiconFile = {
  entries: [
    {
      id: 'regime',
      patterns: ['regime'],
      kind: 'contested',
      note: 'Calling a government a regime presents it as illegitimate.',
      alternatives: ['government', 'administration'],
      url: 'https://en.wikipedia.org/wiki/Wikipedia:Manual_of_Style/Words_to_watch#Contentious_labels',
    },
    { id: 'thug', patterns: ['thug'], kind: 'label', note: 'A label that judges instead of describing.', alternatives: ['protester'] },
    { id: 'death-tax', patterns: ['death tax'], kind: 'partisan', note: 'Framing of the estate tax.', side: 'US right', counterpart: 'estate tax' },
    { id: 'very', patterns: ['very'], kind: 'intensifier', note: 'An intensifier that adds emphasis, not information.' },
  ],
};
const lexicon = compileLexicon([{ source: 'test.json', file }]);
const run = (text: string, extra: Parameters<typeof analyse>[1] = {}) => analyse(text, { lexicon, ...extra });

test('a finding carries every field, explained on its own', () => {
  const text = 'Officials of the regime met on Monday.';
  const { findings } = run(text);
  assert.equal(findings.length, 1);
  const f = findings[0]!;
  const r = rangeOf(text, 'regime');
  assert.deepEqual(
    { ...f, details: undefined },
    {
      ruleId: 'contested-label',
      category: 'loaded',
      severity: 'warning',
      start: r.start,
      end: r.end,
      message: '“regime” is a contested label; consider “government”, “administration”',
      note: 'Calling a government a regime presents it as illegitimate.',
      text: 'regime',
      term: { start: r.start, end: r.end },
      expected: ['government', 'administration'],
      url: 'https://en.wikipedia.org/wiki/Wikipedia:Manual_of_Style/Words_to_watch#Contentious_labels',
      quoted: false,
      speaker: null,
      speakerRange: null,
      weight: 1,
      entryId: 'regime',
      sentence: 0,
      details: undefined,
    },
  );
  assert.equal(f.details?.kind, 'contested');
});

test('alternatives keep the case of the flagged word', () => {
  const { findings } = run('Regime officials spoke. REGIME TALKS.');
  assert.deepEqual(
    findings.map((f) => f.expected[0]),
    ['Government', 'GOVERNMENT'],
  );
});

test('loaded words in a quotation are the speaker’s: quoted, lower severity and weight, speaker named', () => {
  const text = '“These thugs must be stopped,” the interior minister told reporters. Thugs roamed the streets.';
  const { findings } = run(text);
  const [quoted, author] = findings;
  assert.equal(quoted?.quoted, true);
  assert.equal(quoted?.speaker, 'the interior minister');
  assert.deepEqual(quoted?.speakerRange, rangeOf(text, 'the interior minister'));
  assert.equal(quoted?.severity, 'info');
  assert.equal(quoted?.weight, 0.5);
  assert.match(quoted?.note ?? '', /words of the interior minister/);
  assert.equal(author?.quoted, false);
  assert.equal(author?.severity, 'warning');
});

test('flagQuotedSpeech: false drops findings inside quotations', () => {
  const text = '“These thugs must be stopped,” she said. The regime fell.';
  const { findings } = run(text, { settings: { flagQuotedSpeech: false } });
  assert.deepEqual(
    findings.map((f) => f.text),
    ['regime'],
  );
});

test('partisan terms report side and counterpart', () => {
  const { findings } = run('They want to abolish the death tax.');
  const partisan = findings.filter((f) => f.category === 'partisan');
  assert.equal(partisan.length, 1);
  assert.equal(partisan[0]?.message, '“death tax” is partisan vocabulary used by US right; other usage: “estate tax”');
  assert.equal(partisan[0]?.details?.counterpart, 'estate tax');
});

test('slant-ignore silences the named rule in its sentence only', () => {
  const text = 'The regime spoke. {>>slant-ignore contested-label<<} The regime spoke again.';
  const r = run(text);
  assert.deepEqual(
    r.findings.map((f) => f.start),
    [rangeOf(text, 'regime', 1).start],
  );
  assert.equal(r.summary.ignored, 1);
});

test('slant-ignore by entry id or category, and a rule it does not name stays', () => {
  const text = 'Very thuggish? No: a very thug regime. {>>slant-ignore regime loaded<<}';
  assert.deepEqual(run(text).findings.map((f) => f.text), ['Very']);
  const other = 'The regime spoke. {>>slant-ignore partisan-term<<}';
  assert.deepEqual(run(other).findings.map((f) => f.text), ['regime']);
});

test('annotated spans count as reviewed', () => {
  const text = '{==The regime==}{>>slant loaded: contested<<} spoke. {~~Thugs~>Protesters~~} marched. The regime fell.';
  const r = run(text);
  assert.deepEqual(
    r.findings.map((f) => f.start),
    [rangeOf(text, 'regime', 1).start],
  );
  assert.equal(r.summary.reviewed, 1);
});

test('settings: categories, severity per category and ignored terms', () => {
  const text = 'The regime and the death tax, very much.';
  assert.deepEqual(run(text, { settings: { categories: ['partisan'] } }).findings.map((f) => f.text), ['death tax']);
  const sev = run(text, { settings: { severity: { loaded: 'error', partisan: 'off' } } }).findings;
  assert.deepEqual(sev.map((f) => [f.text, f.severity]), [
    ['regime', 'error'],
    ['very', 'error'],
  ]);
  assert.deepEqual(run(text, { settings: { ignoreTerms: ['regime', 'Death Tax'] } }).findings.map((f) => f.text), ['very']);
});

test('scare quotes are found; attributed or named quotations are not', () => {
  const text = 'The army called it a “rescue mission”. Aid groups described “humanitarian pauses” as cosmetic. Officials hailed the “progress” made.';
  const r = run(text);
  const scare = r.findings.filter((f) => f.ruleId === 'scare-quote');
  assert.deepEqual(
    scare.map((f) => f.text),
    ['“humanitarian pauses”', '“progress”'],
  );
  assert.equal(scare[0]?.category, 'loaded');
});

test('boilerplate is excluded from analysis and reported once per region', () => {
  const text = 'The regime fell on Monday.\n\nSubscribe now\nAlready a subscriber? Log in\n\nWe respect your privacy. Unsubscribe at any time.\n\nThe regime talks went on.';
  const r = run(text);
  const bp = r.findings.filter((f) => f.category === 'boilerplate');
  assert.equal(bp.length, 1);
  assert.equal(bp[0]?.severity, 'hint');
  assert.equal(bp[0]?.start, rangeOf(text, 'Subscribe now').start);
  assert.equal(bp[0]?.end, rangeOf(text, 'Unsubscribe at any time.').end);
  assert.match(bp[0]?.message ?? '', /subscription prompt, privacy notice/);
  assert.equal(r.document.sentences.some((s) => text.slice(s.start, s.end).includes('Subscribe')), false, 'boilerplate has no sentences');
});

test('a boilerplate line inside a paragraph is split off; the article lines stay analysed', () => {
  const text = 'Sign up for our daily newsletter\nThe regime fell on Monday.';
  const r = run(text);
  assert.deepEqual(
    r.findings.map((f) => [f.category, text.slice(f.start, f.end)]),
    [
      ['boilerplate', 'Sign up for our daily newsletter'],
      ['loaded', 'regime'],
    ],
  );
});

test('boilerplate is recognised whatever its white space: non-breaking spaces, tabs, runs of spaces', () => {
  for (const prompt of ['Subscribe\u00a0now', 'Subscribe  now', 'Already a\tsubscriber?  Log in', 'Sign up for our daily\u202fnewsletter']) {
    const text = `The regime fell on Monday.\n\n${prompt}\n\nThe talks went on.`;
    const bp = run(text).findings.filter((f) => f.category === 'boilerplate');
    assert.deepEqual(
      bp.map((f) => text.slice(f.start, f.end)),
      [prompt],
      JSON.stringify(prompt),
    );
  }
});

test('the summary counts findings by category and severity, words and sentences', () => {
  const r = run('The regime spoke. The death tax stays. Very well.');
  assert.equal(r.summary.total, 3);
  assert.equal(r.summary.byCategory.loaded, 2);
  assert.equal(r.summary.byCategory.partisan, 1);
  assert.equal(r.summary.bySeverity.warning, 2);
  assert.equal(r.summary.bySeverity.info, 1);
  assert.equal(r.summary.sentences, 3);
  assert.equal(r.summary.words, 9);
});

test('findings are sorted by position and stay inside the text', () => {
  const text = 'Very bad. The regime. Thugs. The death tax. Very.';
  const r = run(text);
  const starts = r.findings.map((f) => f.start);
  assert.deepEqual(starts, [...starts].sort((a, b) => a - b));
  for (const f of r.findings) assert.equal(text.slice(f.start, f.end), f.text);
});

test('cancellation is checked between rules', () => {
  let calls = 0;
  assert.throws(
    () =>
      run('The regime.', {
        isCancelled: () => {
          calls++;
          return calls > 1;
        },
      }),
    CancelledError,
  );
});

test('Markdown and plain text of the same prose give the same findings', () => {
  const md = analyse('# Title\n\nThe *regime* met the **thugs**.\n', { lexicon, format: 'markdown' });
  const txt = analyse('# Title\n\nThe regime met the thugs.\n', { lexicon, format: 'text' });
  assert.deepEqual(
    md.findings.map((f) => [f.ruleId, f.text]),
    txt.findings.map((f) => [f.ruleId, f.text]),
  );
});

test('a whole-document analysis out of time keeps the rules that ran and names what was not checked', () => {
  const paragraph = 'The harbour board called the toll plan a disaster. Critics say it will fail.';
  const text = Array.from({ length: 3000 }, () => paragraph).join('\n\n');
  // Reading 200 KB takes longer than a millisecond, so no rule starts.
  const late = analyse(text, { settings: { timeBudgetMs: 1 } });
  assert.deepEqual(late.findings, []);
  assert.deepEqual(
    late.document.notices.map((n) => n.message),
    ['analysis stopped at its time budget (1 ms); not fully checked for: loaded, partisan, attribution, boilerplate, unsupported, speculation'],
  );
  const done = analyse(text);
  assert.ok(done.findings.length > 0);
  assert.deepEqual(done.document.notices, []);
});
