/**
 * The fitted weights of the stance evidence (`server/data/stance-weights.json`, fitted on
 * NewsMTSC by `npm run fit-stance`): a multinomial logistic model over the span features. Turns a
 * mention's features into label probabilities, a score from −1 to +1 (P(positive) − P(negative))
 * and each feature's contribution to it, for the hover and the view.
 */
import weightsData from '../../../data/stance-weights.json' with { type: 'json' };
import { SPAN_FEATURES, type SpanFeature } from './features.js';

export const STANCE_LABELS = ['negative', 'neutral', 'positive'] as const;
export type StanceLabel = (typeof STANCE_LABELS)[number];

export interface WeighedStance {
  label: StanceLabel;
  /** Probabilities in STANCE_LABELS order. */
  probabilities: number[];
  /** P(positive) − P(negative), −1…+1. */
  score: number;
  /** Each non-zero feature's pull toward positive (+) or negative (−) in log-odds: (w_pos − w_neg)·x. */
  contributions: { feature: SpanFeature; value: number; pull: number }[];
}

interface WeightsFile {
  features: string[];
  labels: string[];
  weights: number[][];
}

let checked: WeightsFile | undefined;

/** The weights, checked once against the features this engine computes. */
function weights(): WeightsFile {
  if (checked) return checked;
  const w = weightsData as WeightsFile;
  const same = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && a.every((x, i) => x === b[i]);
  if (!same(w.features, SPAN_FEATURES) || !same(w.labels, STANCE_LABELS) || w.weights.length !== STANCE_LABELS.length || w.weights.some((row) => row.length !== SPAN_FEATURES.length + 1 || row.some((v) => !Number.isFinite(v)))) {
    throw new Error('stance-weights.json does not match the engine’s stance features: run npm run fit-stance');
  }
  checked = w;
  return w;
}

/** Softmax over linear scores: `weights[label]` is the bias then one weight per feature. */
export function softmax(weights: readonly (readonly number[])[], x: readonly number[]): number[] {
  const z = weights.map((w) => {
    let a = w[0] as number;
    for (let k = 0; k < x.length; k++) a += (w[k + 1] as number) * (x[k] as number);
    return a;
  });
  let top = -Infinity;
  for (const v of z) if (v > top) top = v;
  let sum = 0;
  const e = z.map((v) => {
    const ev = Math.exp(v - top);
    sum += ev;
    return ev;
  });
  return e.map((v) => v / sum);
}

/** Label probabilities, score and contributions for one feature vector (SPAN_FEATURES order). */
export function weighStance(features: readonly number[]): WeighedStance {
  const w = weights();
  const probabilities = softmax(w.weights, features);
  const neg = w.weights[0] as number[];
  const pos = w.weights[2] as number[];
  const contributions = SPAN_FEATURES.flatMap((feature, k) => {
    const value = features[k] ?? 0;
    return value === 0 ? [] : [{ feature, value, pull: ((pos[k + 1] as number) - (neg[k + 1] as number)) * value }];
  }).sort((a, b) => Math.abs(b.pull) - Math.abs(a.pull));
  const best = probabilities.indexOf(Math.max(...probabilities));
  return { label: STANCE_LABELS[best] as StanceLabel, probabilities, score: (probabilities[2] as number) - (probabilities[0] as number), contributions };
}
