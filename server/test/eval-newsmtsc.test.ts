/**
 * The NewsMTSC measure's parts on invented sentences and numbers: stance toward a given span,
 * the held-out part and folds, three-class F1 arithmetic, thresholds and the logistic fit, and
 * the scorer end to end on a small made-up file.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { analyse } from '../src/engine/index.js';
import { SPAN_FEATURES, stanceTowardSpan, stanceTowardSpans } from '../src/engine/stance/span.js';
import { STANCE_LABELS, weighStance } from '../src/engine/stance/weights.js';
import weightsFile from '../data/stance-weights.json' with { type: 'json' };
import { Confusion3, FOLDS, LABELS, classify, fitLogistic, fitThresholds, foldOf, isHeldOutRow, predictLabel, probabilities, type Label } from '../../scripts/lib/newsmtsc.js';
import { newsmtscScorer } from '../../scripts/lib/scorers/newsmtsc.js';
import { SCORERS, scorersFor } from '../../scripts/lib/scorers/index.js';
import { Diagnostics } from '../../scripts/lib/diagnostics.js';
import type { ScoreContext } from '../../scripts/lib/scorers/types.js';

function span(text: string, mention: string, from = 0): { start: number; end: number } {
  const start = text.indexOf(mention, from);
  assert.ok(start >= 0, `"${mention}" not in the text`);
  return { start, end: start + mention.length };
}

function feature(features: number[], name: (typeof SPAN_FEATURES)[number]): number {
  return features[SPAN_FEATURES.indexOf(name)] as number;
}

test('stance toward a span: the agent of a hostile act is negative, its target gets sympathy', () => {
  const text = 'The Velmar militia shelled the harbour town of Ostrik overnight.';
  const result = analyse(text, { format: 'text' });
  const [agent, target] = stanceTowardSpans(result, [span(text, 'Velmar militia'), span(text, 'Ostrik')]);
  assert.ok(agent && target);
  assert.ok(agent.evidence < 0, `agent ${agent.evidence}`);
  assert.ok(feature(agent.features, 'hostile-agent:author') < 0);
  assert.ok(agent.signals.some((s) => s.kind === 'hostile-agent' && s.reason.includes('shelled')));
  assert.ok(target.evidence > 0, `target ${target.evidence}`);
  assert.ok(feature(target.features, 'hostile-target:author') > 0);
});

test('stance toward a span: credit for a constructive act, nothing for a neutral report', () => {
  const warm = 'Mayor Ilsa Brandt mediated talks between the two unions on Friday.';
  const s = stanceTowardSpan(warm, span(warm, 'Ilsa Brandt').start, span(warm, 'Ilsa Brandt').end);
  assert.ok(s.evidence > 0);
  assert.ok(feature(s.features, 'constructive:author') > 0);
  const flat = 'Ilsa Brandt will speak at the library on Friday.';
  const n = stanceTowardSpan(flat, 0, 'Ilsa Brandt'.length);
  assert.equal(n.evidence, 0);
  assert.equal(n.signals.length, 0);
});

test('stance toward a span: words that find fault or give credit reach both critic and target', () => {
  const text = 'Senator Vale criticized Mayor Brandt over the late budget.';
  const [critic, criticised] = stanceTowardSpans(analyse(text, { format: 'text' }), [span(text, 'Senator Vale'), span(text, 'Mayor Brandt')]);
  assert.ok(critic && criticised);
  assert.ok(feature(critic.features, 'criticism-agent:author') < 0);
  assert.ok(feature(criticised.features, 'criticism-target:author') < 0);
  assert.ok(criticised.evidence < critic.evidence, 'the one criticised fares worse than the critic');
  const warm = 'Senator Vale praised Mayor Brandt for the new library.';
  const [, praised] = stanceTowardSpans(analyse(warm, { format: 'text' }), [span(warm, 'Senator Vale'), span(warm, 'Mayor Brandt')]);
  assert.ok(praised && feature(praised.features, 'praise-target:author') > 0);
  assert.ok(praised.evidence > 0);
  const denied = 'Senator Vale did not criticize Mayor Brandt.';
  const [, spared] = stanceTowardSpans(analyse(denied, { format: 'text' }), [span(denied, 'Senator Vale'), span(denied, 'Mayor Brandt')]);
  assert.ok(spared && feature(spared.features, 'criticism-target:author') > 0, 'negated criticism flips');
});

test('shipped weights: they match the features, carry the data set notice, and weigh invented cases the right way', () => {
  assert.deepEqual(weightsFile.features, [...SPAN_FEATURES]);
  assert.deepEqual(weightsFile.labels, [...STANCE_LABELS]);
  assert.ok(weightsFile.notice.some((line) => line.includes('Hamborg')) && weightsFile.notice.some((line) => line.includes('Permission is hereby granted')));
  const text = 'Senator Vale praised Mayor Brandt, and the Velmar militia shelled the harbour.';
  const [vale, brandt, militia] = stanceTowardSpans(analyse(text, { format: 'text' }), [span(text, 'Senator Vale'), span(text, 'Mayor Brandt'), span(text, 'Velmar militia')]);
  assert.ok(vale && brandt && militia);
  assert.ok(vale.weighed && brandt.weighed && militia.weighed);
  assert.ok(brandt.weighed.score > militia.weighed.score, `praised ${brandt.weighed.score} vs attacker ${militia.weighed.score}`);
  assert.ok(militia.weighed.score < 0);
  assert.ok(Math.abs(brandt.weighed.probabilities.reduce((a, b) => a + b, 0) - 1) < 1e-9);
  assert.equal(stanceTowardSpans(analyse(text, { format: 'text' }), [span(text, 'Mayor Brandt')], { weigh: false })[0]?.weighed, null);
  // Contributions name the features that pulled, strongest first, and only non-zero ones.
  const pulls = brandt.weighed.contributions;
  assert.ok(pulls.some((c) => c.feature === 'praise-target:author' && c.pull > 0));
  assert.ok(pulls.every((c) => c.value !== 0));
  for (let i = 1; i < pulls.length; i++) assert.ok(Math.abs((pulls[i - 1] as (typeof pulls)[number]).pull) >= Math.abs((pulls[i] as (typeof pulls)[number]).pull));
  // No feature at all: the label comes from the biases alone, and nothing is listed as a reason.
  assert.deepEqual(weighStance(SPAN_FEATURES.map(() => 0)).contributions, []);
});

test('stance toward a span: a mention inside a quotation is marked quoted, one outside is not', () => {
  const text = 'The senator said: "Governor Pell has betrayed every family in this valley."';
  const s = stanceTowardSpan(text, span(text, 'Governor Pell').start, span(text, 'Governor Pell').end);
  assert.equal(feature(s.features, 'mention-quoted'), 1);
  const plain = 'Governor Pell opened the new bridge.';
  assert.equal(feature(stanceTowardSpan(plain, 0, 'Governor Pell'.length).features, 'mention-quoted'), 0);
});

test('stance toward a span: the rest of the sentence carries its valence, and negation is seen', () => {
  const text = 'Dorn arrived at a wonderful, joyful celebration.';
  const s = stanceTowardSpan(text, 0, 4);
  assert.ok(feature(s.features, 'sentence-valence') > 0);
  assert.equal(feature(s.features, 'negation'), 0);
  const sad = 'Dorn did not attend the terrible funeral.';
  const t = stanceTowardSpan(sad, 0, 4);
  assert.ok(feature(t.features, 'sentence-valence') < 0);
  assert.equal(feature(t.features, 'negation'), 1);
});

test('stance toward a span: a speaker before a report verb, a mention after a preposition, the other targets', () => {
  const text = 'Vale said the plan from Brandt was late.';
  const [vale, brandt] = stanceTowardSpans(analyse(text, { format: 'text' }), [span(text, 'Vale'), span(text, 'Brandt')]);
  assert.ok(vale && brandt);
  assert.equal(feature(vale.features, 'mention-says'), 1);
  assert.equal(feature(brandt.features, 'mention-says'), 0);
  assert.equal(feature(brandt.features, 'mention-after-preposition'), 1);
  assert.equal(feature(vale.features, 'mention-after-preposition'), 0);
  assert.equal(feature(vale.features, 'other-targets'), 1);
  assert.equal(feature(stanceTowardSpan(text, span(text, 'Vale').start, span(text, 'Vale').end).features, 'other-targets'), 0);
});

test('stance toward a span: a span outside the text is a clear RangeError', () => {
  const text = 'Dorn arrived.';
  assert.throws(() => stanceTowardSpan(text, 5, 100), RangeError);
  assert.throws(() => stanceTowardSpan(text, 4, 4), RangeError);
});

test('the held-out part and the folds are deterministic and about the expected shares', () => {
  const ids = Array.from({ length: 2000 }, (_, i) => `row-${i}`);
  assert.deepEqual(ids.map(isHeldOutRow), ids.map(isHeldOutRow));
  const held = ids.filter(isHeldOutRow).length;
  assert.ok(held > 300 && held < 500, `held out ${held} of 2000`);
  const perFold = new Array<number>(FOLDS).fill(0);
  for (const id of ids) {
    const f = foldOf(id);
    assert.ok(Number.isInteger(f) && f >= 0 && f < FOLDS);
    perFold[f] = (perFold[f] as number) + 1;
  }
  for (const n of perFold) assert.ok(n > 300 && n < 500, `fold sizes ${perFold.join(', ')}`);
  // The fold does not depend on whether the row is held out (other bytes of the hash).
  const heldFolds = new Set(ids.filter(isHeldOutRow).map(foldOf));
  assert.equal(heldFolds.size, FOLDS);
});

test('three-class F1: per-class precision and recall, and the macro mean', () => {
  const c = new Confusion3();
  const add = (gold: Label, predicted: Label, n: number): void => {
    for (let i = 0; i < n; i++) c.add(gold, predicted);
  };
  add('negative', 'negative', 6);
  add('negative', 'neutral', 2);
  add('neutral', 'neutral', 4);
  add('neutral', 'positive', 4);
  add('positive', 'positive', 4);
  const s = c.scores();
  assert.equal(c.total, 20);
  assert.equal(s.perClass.negative.precision, 1);
  assert.equal(s.perClass.negative.recall, 6 / 8);
  assert.equal(s.perClass.neutral.precision, 4 / 6);
  assert.equal(s.perClass.neutral.recall, 4 / 8);
  assert.equal(s.perClass.positive.precision, 4 / 8);
  assert.equal(s.perClass.positive.recall, 1);
  const f = (p: number, r: number): number => (2 * p * r) / (p + r);
  assert.ok(Math.abs(s.f1m - (f(1, 0.75) + f(4 / 6, 0.5) + f(0.5, 1)) / 3) < 1e-12);
  assert.equal(s.accuracy, 14 / 20);
  // A class never predicted has F1 0, and precision undefined.
  const d = new Confusion3();
  d.add('positive', 'neutral');
  d.add('neutral', 'neutral');
  assert.equal(d.scores().perClass.positive.precision, null);
  assert.equal(d.scores().perClass.positive.f1, 0);
});

test('thresholds: fitted cut points separate three well-spread groups', () => {
  const items = [
    ...[-0.9, -0.7, -0.5, -0.4].map((score) => ({ score, label: 'negative' as const })),
    ...[-0.05, 0, 0, 0.05].map((score) => ({ score, label: 'neutral' as const })),
    ...[0.3, 0.5, 0.8, 0.9].map((score) => ({ score, label: 'positive' as const })),
  ];
  const t = fitThresholds(items);
  assert.ok(t.negative > -0.4 && t.negative < -0.05, `negative cut ${t.negative}`);
  assert.ok(t.positive > 0.05 && t.positive < 0.3, `positive cut ${t.positive}`);
  for (const x of items) assert.equal(classify(x.score, t), x.label);
});

test('logistic: a fitted model separates labels that one feature decides and ignores a noise feature', () => {
  const xs: number[][] = [];
  const ys: Label[] = [];
  for (let i = 0; i < 90; i++) {
    const label = LABELS[i % 3] as Label;
    const signal = label === 'negative' ? -1 : label === 'positive' ? 1 : 0;
    xs.push([signal + ((i * 7) % 5) / 20 - 0.1, ((i * 13) % 11) / 11]);
    ys.push(label);
  }
  const model = fitLogistic(['signal', 'noise'], xs, ys, { iterations: 600 });
  xs.forEach((x, i) => assert.equal(predictLabel(model, x), ys[i]));
  const p = probabilities(model, [1, 0.5]);
  assert.ok(Math.abs(p.reduce((a, b) => a + b, 0) - 1) < 1e-9);
  const pos = model.weights[LABELS.indexOf('positive')] as number[];
  const neg = model.weights[LABELS.indexOf('negative')] as number[];
  assert.ok((pos[1] as number) - (neg[1] as number) > 1, 'the signal feature pushes toward positive');
  assert.ok(Math.abs((pos[2] as number) - (neg[2] as number)) < Math.abs((pos[1] as number) - (neg[1] as number)) / 5, 'the noise feature weighs little');
});

test('the scorer is registered after the others and scores a small invented file end to end', () => {
  assert.equal(SCORERS[SCORERS.length - 1], newsmtscScorer);
  assert.deepEqual(scorersFor('newsmtsc-train.jsonl'), [newsmtscScorer]);
  const sentences: { text: string; mention: string; label: Label }[] = [
    { text: 'The Velmar militia shelled the harbour of Ostrik again.', mention: 'Velmar militia', label: 'negative' },
    { text: 'Mayor Brandt mediated a truce between the two unions.', mention: 'Mayor Brandt', label: 'positive' },
    { text: 'Councillor Rusk will present the budget on Monday.', mention: 'Councillor Rusk', label: 'neutral' },
  ];
  const rows: string[] = [];
  for (let i = 0; i < 60; i++) {
    const s = sentences[i % 3] as (typeof sentences)[number];
    const text = `${s.text} Item ${i}.`;
    const start = Array.from(text.slice(0, text.indexOf(s.mention))).length;
    rows.push(JSON.stringify({ id: `invented-${i}`, text, targets: [{ start, end: start + s.mention.length, mention: s.mention, label: s.label }] }));
  }
  const dir = mkdtempSync(path.join(tmpdir(), 'slant-newsmtsc-'));
  try {
    const file = path.join(dir, 'newsmtsc-invented.jsonl');
    writeFileSync(file, rows.join('\n') + '\n');
    const context: ScoreContext = { minSeverity: null, diagnostics: new Diagnostics(), progress: () => {}, listRows: 5, heldOut: 'show' };
    const report = newsmtscScorer.score(file, context);
    assert.equal(report.status, 'scored');
    assert.equal(report.rows, 60);
    const mentions = report.figures.mentions as { dev: number; heldOut: number };
    assert.equal(mentions.dev + mentions.heldOut, 60);
    const evidence = report.figures.evidence as { cv: { f1mMean: number }; heldOut: { f1m: number } };
    assert.equal(evidence.cv.f1mMean, 1, 'the three invented kinds are told apart by the evidence');
    assert.equal(evidence.heldOut.f1m, 1);
    const hidden = newsmtscScorer.score(file, { ...context, heldOut: 'hide' });
    assert.equal((hidden.figures.evidence as Record<string, unknown>).heldOut, undefined);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
