/** The evaluation's claims-and-attribution scoring helpers, on small invented inputs. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Confusion, countSpans, uniqueSpans } from '../../scripts/lib/metrics.js';
import { spansToUtf16 } from '../../scripts/lib/offsets.js';
import { LOADED_CATEGORIES, SOURCING_CATEGORIES, groupByRange, keepFinding, predict } from '../../scripts/lib/predict.js';
import { CLAIM_DEFINITIONS, RuleOverlap, coveredLength, type LineSourcing } from '../../scripts/lib/sourcing-eval.js';

const definition = (id: string): (typeof CLAIM_DEFINITIONS)[number] => {
  const d = CLAIM_DEFINITIONS.find((x) => x.id === id);
  assert.ok(d, `definition ${id}`);
  return d;
};

void test('keepFinding filters by category set and minimum severity', () => {
  const unsupported = { category: 'unsupported', severity: 'info' } as const;
  const vague = { category: 'attribution', severity: 'warning' } as const;
  const loaded = { category: 'loaded', severity: 'warning' } as const;
  assert.equal(keepFinding(unsupported, { minSeverity: null }), false, 'loaded wording is the default');
  assert.equal(keepFinding(loaded, { minSeverity: null }), true);
  assert.equal(keepFinding(unsupported, { minSeverity: null, categories: SOURCING_CATEGORIES }), true);
  assert.equal(keepFinding(unsupported, { minSeverity: 'warning', categories: SOURCING_CATEGORIES }), false);
  assert.equal(keepFinding(vague, { minSeverity: 'warning', categories: SOURCING_CATEGORIES }), true);
  assert.equal(keepFinding(loaded, { minSeverity: null, categories: SOURCING_CATEGORIES }), false);
  assert.equal(LOADED_CATEGORIES.has('attribution'), false);
});

void test('predict keeps only the requested categories', () => {
  const text = 'The minister clearly wants to win. Sources familiar with the talks reportedly said 400 troops left.';
  const { kept, predictions, result } = predict(text, { minSeverity: null, categories: SOURCING_CATEGORIES });
  assert.ok(kept.every((f) => SOURCING_CATEGORIES.has(f.category)));
  assert.equal(kept.length, result.findings.filter((f) => SOURCING_CATEGORIES.has(f.category)).length);
  assert.deepEqual(predictions, groupByRange(kept));
});

void test('span precision and recall against Doubt, Obfuscation and their union', () => {
  // Invented text; an emoji first so code point and UTF-16 offsets differ by one.
  const text = '🙂 Experts say the plan may fail. Some say things happen. Nobody knows why.';
  const cp = (s: string): [number, number] => {
    const at = Array.from(text.slice(0, text.indexOf(s))).length;
    return [at, at + Array.from(s).length];
  };
  const all = spansToUtf16(text, [
    [...cp('the plan may fail'), 'Doubt'],
    [...cp('Nobody knows why'), 'Doubt'],
    [...cp('Some say things happen'), 'Obfuscation-Vagueness-Confusion'],
    [...cp('Nobody knows why'), 'Obfuscation-Vagueness-Confusion'],
  ]);
  const doubt = uniqueSpans(all.filter((s) => s.type === 'Doubt'));
  const vague = uniqueSpans(all.filter((s) => s.type === 'Obfuscation-Vagueness-Confusion'));
  const union = uniqueSpans(all.filter((s) => s.type === 'Doubt' || s.type === 'Obfuscation-Vagueness-Confusion'));
  assert.equal(union.length, 3, 'the same range typed twice counts once in the union');
  const at = (s: string): { start: number; end: number } => ({ start: text.indexOf(s), end: text.indexOf(s) + s.length });
  // Three findings: "may" (inside a Doubt span), "Some say" (inside Obfuscation), "Experts say" (in neither).
  const predicted = [at('Experts say'), at('may'), at('Some say')];
  const d = countSpans(predicted, doubt);
  assert.deepEqual([d.predictedHit, d.goldFound], [1, 1]);
  assert.deepEqual(d.scores(), { precision: 1 / 3, recall: 1 / 2, f1: 0.4 });
  const v = countSpans(predicted, vague);
  assert.deepEqual(v.scores(), { precision: 1 / 3, recall: 1 / 2, f1: 0.4 });
  const u = countSpans(predicted, union);
  assert.deepEqual([u.predicted, u.predictedHit, u.gold, u.goldFound], [3, 2, 3, 2]);
  assert.deepEqual(u.scores(), { precision: 2 / 3, recall: 2 / 3, f1: 2 / 3 });
});

void test('RuleOverlap counts each finding once per gold set, by rule', () => {
  const tally = new RuleOverlap(['Doubt', 'either']);
  const gold = {
    Doubt: [{ start: 10, end: 20 }],
    either: [
      { start: 10, end: 20 },
      { start: 30, end: 40 },
    ],
  };
  tally.add(
    [
      { ruleId: 'speculation', start: 12, end: 15 }, // Doubt and either
      { ruleId: 'speculation', start: 19, end: 31 }, // touches both either spans: still one hit
      { ruleId: 'speculation', start: 50, end: 55 }, // neither
      { ruleId: 'vague-attribution', start: 35, end: 38 }, // either only
    ],
    gold,
  );
  tally.add([{ ruleId: 'vague-attribution', start: 0, end: 10 }], gold); // ends where a span starts: no overlap
  assert.deepEqual(tally.rows(), [
    { ruleId: 'speculation', findings: 3, hits: { Doubt: 2, either: 2 }, share: { Doubt: 2 / 3, either: 2 / 3 } },
    { ruleId: 'vague-attribution', findings: 2, hits: { Doubt: 0, either: 1 }, share: { Doubt: 0, either: 0.5 } },
  ]);
  assert.deepEqual(new RuleOverlap(['Doubt']).rows(), []);
});

void test('coveredLength counts overlapping spans once and clips to the text', () => {
  assert.equal(coveredLength(100, []), 0);
  assert.equal(
    coveredLength(100, [
      { start: 10, end: 20 },
      { start: 15, end: 25 },
      { start: 12, end: 14 },
      { start: 40, end: 50 },
    ]),
    25,
  );
  assert.equal(coveredLength(30, [{ start: 25, end: 60 }]), 5);
  assert.equal(coveredLength(30, [{ start: 5, end: 5 }]), 0);
});

void test('claim definitions: which lines each one flags', () => {
  const line = (sentences: LineSourcing['sentences'], findings: string[] = []): LineSourcing => ({ sentences, findings: findings.map((ruleId) => ({ ruleId })) });
  const figure = line([{ voice: 'author', claim: 'fact', checkable: true }], ['unsupported-claim']);
  const motive = line([{ voice: 'author', claim: 'intent', checkable: false }], ['unsupported-claim']);
  const opinionWithFigure = line([{ voice: 'author', claim: 'opinion', checkable: true }]);
  const plain = line([{ voice: 'author', claim: 'statement', checkable: false }]);
  const question = line([{ voice: 'author', claim: null, checkable: false }]);
  const twoSentences = line([
    { voice: 'author', claim: 'statement', checkable: false },
    { voice: 'author', claim: 'cause', checkable: false },
  ]);
  const lines = [figure, motive, opinionWithFigure, plain, question, twoSentences];
  const flags = (id: string): boolean[] => lines.map((l) => definition(id).test(l));
  assert.deepEqual(flags('checkable'), [true, false, true, false, false, false]);
  assert.deepEqual(flags('assertive'), [true, true, false, false, false, true]);
  assert.deepEqual(flags('checkable-or-assertive'), [true, true, true, false, false, true]);
  assert.deepEqual(flags('unsupported-finding'), [true, true, false, false, false, false]);
  assert.deepEqual(flags('any-claim'), [true, true, false, true, false, true]);
  assert.deepEqual(
    CLAIM_DEFINITIONS.filter((d) => d.usesSeverity).map((d) => d.id),
    ['unsupported-finding'],
  );
});

void test('claim detection precision and recall on hand-labelled lines', () => {
  const line = (claim: LineSourcing['sentences'][number]['claim'], checkable: boolean): LineSourcing => ({ sentences: [{ voice: 'author', claim, checkable }], findings: [] });
  // [line, gold check-worthy]
  const labelled: [LineSourcing, boolean][] = [
    [line('fact', true), true], // TP for both
    [line('certainty', false), true], // assertive TP, checkable FN
    [line('statement', false), true], // FN for both
    [line('fact', true), false], // FP for both
    [line('statement', false), false], // TN
    [line(null, false), false], // TN
  ];
  const score = (id: string): Confusion => {
    const c = new Confusion();
    for (const [l, gold] of labelled) c.count(definition(id).test(l), gold);
    return c;
  };
  const checkable = score('checkable');
  assert.deepEqual([checkable.tp, checkable.fp, checkable.fn, checkable.tn], [1, 1, 2, 2]);
  assert.deepEqual(checkable.scores(), { precision: 0.5, recall: 1 / 3, f1: 0.4, accuracy: 0.5 });
  const assertive = score('assertive');
  assert.deepEqual([assertive.tp, assertive.fp, assertive.fn, assertive.tn], [2, 1, 1, 2]);
  assert.deepEqual(assertive.scores(), { precision: 2 / 3, recall: 2 / 3, f1: 2 / 3, accuracy: 4 / 6 });
});
