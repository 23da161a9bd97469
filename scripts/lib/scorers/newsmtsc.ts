/**
 * NewsMTSC (Hamborg & Donnay, EACL 2021): news sentences with the sentiment toward each target
 * mention (negative / neutral / positive). For every mention, Slant's stance evidence toward that
 * span (`stanceTowardSpans`) → a label; macro F1 over the three labels (the paper's F1m).
 *
 * Two predictors, each fitted by 5-fold cross-validation on the dev part (fit on four folds, score
 * the fifth): the evidence score with two thresholds, and a multinomial logistic model on the
 * evidence's features. A fifth of the rows (by a hash of their id) is held out: scored once with
 * what was fitted on the whole dev part, never used for fitting or listing.
 */
import path from 'node:path';
import { analyse } from '../../../server/src/engine/index.js';
import { SPAN_FEATURES, stanceTowardSpans } from '../../../server/src/engine/stance/span.js';
import { weighStance } from '../../../server/src/engine/stance/weights.js';
import { readJsonl, stringField, textOf } from '../data.js';
import { codePointConverter } from '../offsets.js';
import {
  Confusion3,
  FOLDS,
  LABELS,
  classify,
  fitLogistic,
  fitThresholds,
  foldOf,
  isHeldOutRow,
  meanSd,
  predictLabel,
  type Label,
  type Logistic,
  type Thresholds,
} from '../newsmtsc.js';
import { fmt, int, type Table } from '../table.js';
import type { DatasetReport, ScoreContext, Scorer } from './types.js';

/** One target mention, with what Slant makes of it. */
export interface MentionItem {
  id: string;
  fold: number;
  heldOut: boolean;
  label: Label;
  /** The evidence as the document stance sums it (−1…+1). */
  evidence: number;
  features: number[];
}

export interface Collected {
  items: MentionItem[];
  rows: number;
  analysedChars: number;
  analyseMs: number;
  /** Targets left out: no agreed label, or a span outside every sentence. */
  skipped: number;
}

function isLabel(x: unknown): x is Label {
  return typeof x === 'string' && (LABELS as readonly string[]).includes(x);
}

/** Reads a NewsMTSC file and runs the engine's stance evidence on every target mention. */
export function collectMentions(file: string, progress: (m: string) => void = () => {}): Collected {
  const rows = readJsonl(file);
  progress(`scoring ${path.basename(file)} (${int(rows.length)} sentences)`);
  const items: MentionItem[] = [];
  let analysedChars = 0;
  let analyseMs = 0;
  let skipped = 0;
  rows.forEach((row, i) => {
    const where = `${path.basename(file)}:${i + 1}`;
    const text = textOf(row, where);
    const id = stringField(row, 'id') ?? where;
    const targets = Array.isArray(row.targets) ? (row.targets as Record<string, unknown>[]) : [];
    const convert = codePointConverter(text);
    const spans = targets.map((t) => {
      if (typeof t.start !== 'number' || typeof t.end !== 'number') throw new Error(`${where}: a target without start/end`);
      return { start: convert(t.start), end: convert(t.end) };
    });
    if (spans.length === 0) return;
    const t0 = performance.now();
    const result = analyse(text, { format: 'text' });
    let stances;
    try {
      stances = stanceTowardSpans(result, spans, { weigh: false });
    } catch (error) {
      if (!(error instanceof RangeError)) throw error;
      skipped += spans.length;
      return;
    }
    analyseMs += performance.now() - t0;
    analysedChars += text.length;
    const heldOut = isHeldOutRow(id);
    const fold = foldOf(id);
    stances.forEach((s, k) => {
      const label = (targets[k] as Record<string, unknown>).label;
      if (!isLabel(label)) {
        skipped++;
        return;
      }
      items.push({ id, fold, heldOut, label, evidence: s.evidence, features: s.features });
    });
  });
  return { items, rows: rows.length, analysedChars, analyseMs, skipped };
}

/** What one predictor scored: pooled over the test folds, per fold, and on the held-out part. */
export interface PredictorResult {
  pooled: Confusion3;
  perFold: number[];
  heldOut: Confusion3;
}

/** Cross-validates a predictor (fit on four dev folds, score the fifth), then fits on all of dev and scores the held-out part. */
export function crossValidate<M>(items: readonly MentionItem[], fit: (train: MentionItem[]) => M, predict: (model: M, item: MentionItem) => Label): PredictorResult & { final: M } {
  const dev = items.filter((x) => !x.heldOut);
  const pooled = new Confusion3();
  const perFold: number[] = [];
  for (let k = 0; k < FOLDS; k++) {
    const model = fit(dev.filter((x) => x.fold !== k));
    const c = new Confusion3();
    for (const x of dev) if (x.fold === k) c.add(x.label, predict(model, x));
    perFold.push(c.scores().f1m);
    pooled.addAll(c);
  }
  const final = fit(dev);
  const heldOut = new Confusion3();
  for (const x of items) if (x.heldOut) heldOut.add(x.label, predict(final, x));
  return { pooled, perFold, heldOut, final };
}

export const fitEvidenceThresholds = (train: MentionItem[]): Thresholds => fitThresholds(train.map((x) => ({ score: x.evidence, label: x.label })));
export const fitFeatureModel = (train: MentionItem[]): Logistic =>
  fitLogistic(
    SPAN_FEATURES,
    train.map((x) => x.features),
    train.map((x) => x.label),
  );

function summaryRow(name: string, r: PredictorResult, showHeldOut: boolean): string[] {
  const { mean, sd } = meanSd(r.perFold);
  return [name, fmt(mean), fmt(sd), r.perFold.map((f) => fmt(f, 2)).join(' '), fmt(r.pooled.scores().accuracy), ...(showHeldOut ? [fmt(r.heldOut.scores().f1m), int(r.heldOut.total)] : [])];
}

function classTable(title: string, c: Confusion3): Table {
  const s = c.scores();
  return {
    title,
    columns: [{ header: 'gold \\ predicted', align: 'left' }, ...LABELS.map((l) => ({ header: l })), { header: 'precision' }, { header: 'recall' }, { header: 'F1' }],
    rows: LABELS.map((gold, g) => [
      gold,
      ...LABELS.map((_, p) => int((c.counts[g] as number[])[p] as number)),
      fmt(s.perClass[gold].precision),
      fmt(s.perClass[gold].recall),
      fmt(s.perClass[gold].f1),
    ]),
  };
}

function figures(r: PredictorResult, showHeldOut: boolean): Record<string, unknown> {
  const pooled = r.pooled.scores();
  return {
    cv: { f1mMean: meanSd(r.perFold).mean, f1mSd: meanSd(r.perFold).sd, perFold: r.perFold, pooled: { ...pooled, confusion: r.pooled.counts } },
    ...(showHeldOut ? { heldOut: { ...r.heldOut.scores(), confusion: r.heldOut.counts, mentions: r.heldOut.total } } : {}),
  };
}

export const newsmtscScorer: Scorer = {
  id: 'newsmtsc',
  title: 'NewsMTSC (sentiment toward a target mention)',
  matches: (name) => name.toLowerCase().startsWith('newsmtsc'),
  score(file: string, context: ScoreContext): DatasetReport {
    const collected = collectMentions(file, context.progress);
    const { items } = collected;
    const showHeldOut = context.heldOut !== 'hide';
    const evidence = crossValidate(items, fitEvidenceThresholds, (t, x) => classify(x.evidence, t));
    const model = crossValidate(items, fitFeatureModel, (m, x) => predictLabel(m, x.features));
    const dev = items.filter((x) => !x.heldOut);
    // The weights the engine ships (fitted on all of dev by npm run fit-stance): in-sample on dev, out of sample on the held-out part.
    const shipped = { dev: new Confusion3(), heldOut: new Confusion3() };
    for (const x of items) (x.heldOut ? shipped.heldOut : shipped.dev).add(x.label, weighStance(x.features).label);
    const gold = LABELS.map((l) => dev.filter((x) => x.label === l).length);
    const noSignal = dev.filter((x) => x.evidence === 0).length;
    return {
      dataset: 'newsmtsc',
      title: newsmtscScorer.title,
      file,
      status: 'scored',
      rows: collected.rows,
      analysedChars: collected.analysedChars,
      analyseMs: collected.analyseMs,
      figures: {
        mentions: { dev: dev.length, heldOut: items.length - dev.length, skipped: collected.skipped, devWithoutEvidence: noSignal },
        split: { heldOut: 'sha256(id) bytes 0-3 mod 5 == 0', fold: `sha256(id) bytes 4-7 mod ${FOLDS}` },
        evidence: { ...figures(evidence, showHeldOut), thresholds: evidence.final },
        model: { ...figures(model, showHeldOut), features: SPAN_FEATURES },
        shipped: { devInSample: shipped.dev.scores().f1m, ...(showHeldOut ? { heldOut: { ...shipped.heldOut.scores(), confusion: shipped.heldOut.counts } } : {}) },
      },
      tables: [
        {
          title: `Macro F1 over negative / neutral / positive (F1m), ${FOLDS}-fold cross-validation on the dev part`,
          columns: [
            { header: 'predictor', align: 'left' },
            { header: 'F1m mean' },
            { header: 'sd' },
            { header: 'per fold', align: 'left' },
            { header: 'accuracy' },
            ...(showHeldOut ? [{ header: 'held-out F1m' }, { header: 'held-out mentions' }] : []),
          ],
          rows: [
            summaryRow('evidence score, two thresholds', evidence, showHeldOut),
            summaryRow('logistic on the evidence features', model, showHeldOut),
            ['shipped weights (stance-weights.json)', `${fmt(shipped.dev.scores().f1m)} (in sample)`, '-', '-', fmt(shipped.dev.scores().accuracy), ...(showHeldOut ? [fmt(shipped.heldOut.scores().f1m), int(shipped.heldOut.total)] : [])],
          ],
        },
        classTable('Evidence score, two thresholds: confusion pooled over the test folds', evidence.pooled),
        classTable('Logistic on the features: confusion pooled over the test folds', model.pooled),
      ],
      notes: [
        `${int(dev.length)} dev mentions (gold ${LABELS.map((l, i) => `${l} ${int(gold[i] as number)}`).join(', ')}); ${int(noSignal)} with no stance evidence at all; ${int(collected.skipped)} target(s) skipped.`,
        `Thresholds fitted on all of dev: negative below ${fmt(evidence.final.negative, 4)}, positive above ${fmt(evidence.final.positive, 4)}.`,
        `Held-out part: rows whose id hashes to 0 modulo 5 (SHA-256), ${int(items.length - dev.length)} mentions; ${showHeldOut ? 'scored once with what was fitted on dev, never used for fitting.' : 'hidden (--held-out hide).'}`,
        'The paper reports F1m 0.83 for its RoBERTa model on its own test set (a different split).',
      ],
    };
  },
};
