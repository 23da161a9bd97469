/**
 * The arithmetic of the NewsMTSC measure: the held-out part and the cross-validation folds (by a
 * hash of the row id), three-class macro F1 (the paper's F1m), thresholds on a score, and a small
 * multinomial logistic model fitted in plain TypeScript.
 */
import { createHash } from 'node:crypto';
import { softmax } from '../../server/src/engine/stance/weights.js';

export const LABELS = ['negative', 'neutral', 'positive'] as const;
export type Label = (typeof LABELS)[number];
export const FOLDS = 5;

/** Held out: the first four bytes of SHA-256(id) modulo 5 are 0 (about a fifth of any file). */
export function isHeldOutRow(id: string): boolean {
  return digest(id).readUInt32BE(0) % 5 === 0;
}

/** The cross-validation fold (0…FOLDS−1) of a row, from other bytes of the same hash than the held-out test. */
export function foldOf(id: string): number {
  return digest(id).readUInt32BE(4) % FOLDS;
}

function digest(id: string): Buffer {
  return createHash('sha256').update(id, 'utf8').digest();
}

/** A 3×3 confusion table: counts[gold][predicted], in LABELS order. */
export class Confusion3 {
  readonly counts: number[][] = LABELS.map(() => LABELS.map(() => 0));

  add(gold: Label, predicted: Label): void {
    const row = this.counts[LABELS.indexOf(gold)] as number[];
    const p = LABELS.indexOf(predicted);
    row[p] = (row[p] as number) + 1;
  }

  addAll(other: Confusion3): void {
    this.counts.forEach((row, g) => row.forEach((v, p) => (row[p] = v + ((other.counts[g] as number[])[p] as number))));
  }

  get total(): number {
    return this.counts.flat().reduce((a, b) => a + b, 0);
  }

  /** Precision, recall and F1 of each label (null where undefined: nothing predicted or no gold); F1m the mean F1 (undefined F1 counts 0). */
  scores(): { perClass: Record<Label, { precision: number | null; recall: number | null; f1: number }>; f1m: number; accuracy: number | null } {
    const perClass = {} as Record<Label, { precision: number | null; recall: number | null; f1: number }>;
    let diagonal = 0;
    LABELS.forEach((label, i) => {
      const tp = (this.counts[i] as number[])[i] as number;
      diagonal += tp;
      const predicted = this.counts.reduce((a, row) => a + (row[i] as number), 0);
      const gold = (this.counts[i] as number[]).reduce((a, b) => a + b, 0);
      const precision = predicted === 0 ? null : tp / predicted;
      const recall = gold === 0 ? null : tp / gold;
      const f1 = precision === null || recall === null || precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
      perClass[label] = { precision, recall, f1 };
    });
    const f1m = LABELS.reduce((a, l) => a + perClass[l].f1, 0) / LABELS.length;
    return { perClass, f1m, accuracy: this.total === 0 ? null : diagonal / this.total };
  }
}

/** Negative below `negative`, positive above `positive`, neutral between (inclusive). */
export interface Thresholds {
  negative: number;
  positive: number;
}

export function classify(score: number, t: Thresholds): Label {
  return score < t.negative ? 'negative' : score > t.positive ? 'positive' : 'neutral';
}

export interface Scored {
  score: number;
  label: Label;
}

/**
 * The two thresholds that maximise F1m on `items`: every pair of candidate cut points (midpoints
 * between distinct scores, thinned to at most `candidates`, plus either side of 0), negative ≤ positive.
 * Ties keep the pair closest to 0, so the choice is deterministic.
 */
export function fitThresholds(items: readonly Scored[], candidates = 60): Thresholds {
  const distinct = [...new Set(items.map((x) => x.score))].sort((a, b) => a - b);
  const mids: number[] = [];
  for (let i = 1; i < distinct.length; i++) mids.push(((distinct[i - 1] as number) + (distinct[i] as number)) / 2);
  const step = Math.max(1, Math.ceil(mids.length / candidates));
  const cuts = [...new Set([...mids.filter((_, i) => i % step === 0), -1e-9, 1e-9, 0])].sort((a, b) => a - b);
  // below[c][label]: items of that label scoring below cut c; atOrBelow: at or below it.
  const below = cuts.map(() => [0, 0, 0]);
  const atOrBelow = cuts.map(() => [0, 0, 0]);
  const totals = [0, 0, 0];
  for (const x of items) {
    const l = LABELS.indexOf(x.label);
    totals[l] = (totals[l] as number) + 1;
    cuts.forEach((cut, c) => {
      if (x.score < cut) (below[c] as number[])[l] = ((below[c] as number[])[l] as number) + 1;
      if (x.score <= cut) (atOrBelow[c] as number[])[l] = ((atOrBelow[c] as number[])[l] as number) + 1;
    });
  }
  let best: Thresholds = { negative: -1e-9, positive: 1e-9 };
  let bestF = -1;
  for (let i = 0; i < cuts.length; i++) {
    for (let j = i; j < cuts.length; j++) {
      const t = { negative: cuts[i] as number, positive: cuts[j] as number };
      const c = new Confusion3();
      LABELS.forEach((_, l) => {
        const neg = (below[i] as number[])[l] as number;
        const pos = (totals[l] as number) - ((atOrBelow[j] as number[])[l] as number);
        const row = c.counts[l] as number[];
        row[0] = neg;
        row[2] = pos;
        row[1] = (totals[l] as number) - neg - pos;
      });
      const f = c.scores().f1m;
      const closer = Math.abs(t.negative) + Math.abs(t.positive) < Math.abs(best.negative) + Math.abs(best.positive);
      if (f > bestF + 1e-12 || (Math.abs(f - bestF) <= 1e-12 && closer)) {
        best = t;
        bestF = f;
      }
    }
  }
  return best;
}

/** A multinomial logistic model: one weight row (bias first, then one per feature) for each label. */
export interface Logistic {
  labels: readonly Label[];
  features: readonly string[];
  /** weights[label][0] is the bias; weights[label][1 + k] multiplies feature k. */
  weights: number[][];
}

/** Label probabilities under `model` for a feature vector. */
export function probabilities(model: Logistic, x: readonly number[]): number[] {
  return softmax(model.weights, x);
}

export interface FitOptions {
  /** L2 penalty on the feature weights (not the biases), per example. */
  l2?: number;
  iterations?: number;
  rate?: number;
}

/**
 * Fits a multinomial logistic model by full-batch gradient descent on standardised features
 * (deterministic: zero start, fixed steps), then folds the standardisation back into the weights
 * so they apply to raw features.
 */
export function fitLogistic(features: readonly string[], xs: readonly (readonly number[])[], ys: readonly Label[], options: FitOptions = {}): Logistic {
  const { l2 = 1e-3, iterations = 400, rate = 0.5 } = options;
  const n = xs.length;
  const d = features.length;
  if (n === 0) throw new Error('fitLogistic: no examples');
  const mean = new Array<number>(d).fill(0);
  const sd = new Array<number>(d).fill(0);
  for (const x of xs) for (let k = 0; k < d; k++) mean[k] = (mean[k] as number) + (x[k] as number) / n;
  for (const x of xs) for (let k = 0; k < d; k++) sd[k] = (sd[k] as number) + ((x[k] as number) - (mean[k] as number)) ** 2 / n;
  for (let k = 0; k < d; k++) sd[k] = Math.sqrt(sd[k] as number) || 1;
  const zs = xs.map((x) => x.map((v, k) => (v - (mean[k] as number)) / (sd[k] as number)));
  const ks = ys.map((y) => LABELS.indexOf(y));
  const w = LABELS.map(() => new Array<number>(d + 1).fill(0));
  const standard: Logistic = { labels: LABELS, features, weights: w };
  for (let it = 0; it < iterations; it++) {
    const grad = LABELS.map(() => new Array<number>(d + 1).fill(0));
    zs.forEach((z, i) => {
      const p = probabilities(standard, z);
      for (let c = 0; c < LABELS.length; c++) {
        const err = (p[c] as number) - (ks[i] === c ? 1 : 0);
        const g = grad[c] as number[];
        g[0] = (g[0] as number) + err / n;
        for (let k = 0; k < d; k++) g[k + 1] = (g[k + 1] as number) + (err * (z[k] as number)) / n;
      }
    });
    for (let c = 0; c < LABELS.length; c++) {
      const wc = w[c] as number[];
      const g = grad[c] as number[];
      for (let k = 0; k <= d; k++) wc[k] = (wc[k] as number) - rate * ((g[k] as number) + (k === 0 ? 0 : l2 * (wc[k] as number)));
    }
  }
  // Raw features: w·(x − mean)/sd + b = (w/sd)·x + (b − Σ w·mean/sd).
  const weights = w.map((wc) => {
    const raw = wc.map((v, k) => (k === 0 ? v : v / (sd[k - 1] as number)));
    raw[0] = (wc[0] as number) - wc.slice(1).reduce((a, v, k) => a + (v * (mean[k] as number)) / (sd[k] as number), 0);
    return raw;
  });
  return { labels: LABELS, features, weights };
}

/** The label a model gives a feature vector: the most probable. */
export function predictLabel(model: Logistic, x: readonly number[]): Label {
  const p = probabilities(model, x);
  return LABELS[p.indexOf(Math.max(...p))] as Label;
}

/** Mean and population standard deviation. */
export function meanSd(values: readonly number[]): { mean: number; sd: number } {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  return { mean, sd: Math.sqrt(values.reduce((a, v) => a + (v - mean) ** 2, 0) / values.length) };
}
