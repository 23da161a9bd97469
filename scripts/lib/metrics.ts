/** Scoring arithmetic shared by the data set scorers: overlap matching, P/R/F1, word tokens. */
import type { Span } from './offsets.js';

/** Precision, recall and F1; null where the denominator is zero. */
export interface Prf {
  precision: number | null;
  recall: number | null;
  f1: number | null;
}

export function ratio(num: number, den: number): number | null {
  return den === 0 ? null : num / den;
}

export function f1(precision: number | null, recall: number | null): number | null {
  if (precision === null || recall === null) return null;
  return precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
}

/**
 * Span-level counts by overlap: a predicted span is a hit if it overlaps any gold span; a gold
 * span is found if some predicted span overlaps it. Precision and recall have different numerators.
 */
export class SpanCounts {
  predicted = 0;
  predictedHit = 0;
  gold = 0;
  goldFound = 0;

  add(other: { predicted: number; predictedHit: number; gold: number; goldFound: number }): void {
    this.predicted += other.predicted;
    this.predictedHit += other.predictedHit;
    this.gold += other.gold;
    this.goldFound += other.goldFound;
  }

  scores(): Prf {
    const precision = ratio(this.predictedHit, this.predicted);
    const recall = ratio(this.goldFound, this.gold);
    return { precision, recall, f1: f1(precision, recall) };
  }

  toJSON(): Record<string, number | null> {
    return { predicted: this.predicted, predictedHit: this.predictedHit, gold: this.gold, goldFound: this.goldFound, ...this.scores() };
  }
}

/** Confusion counts for one positive class (tokens, sentences). */
export class Confusion {
  tp = 0;
  fp = 0;
  fn = 0;
  tn = 0;

  count(predicted: boolean, gold: boolean): void {
    if (predicted && gold) this.tp++;
    else if (predicted) this.fp++;
    else if (gold) this.fn++;
    else this.tn++;
  }

  scores(): Prf & { accuracy: number | null } {
    const precision = ratio(this.tp, this.tp + this.fp);
    const recall = ratio(this.tp, this.tp + this.fn);
    return { precision, recall, f1: f1(precision, recall), accuracy: ratio(this.tp + this.tn, this.tp + this.fp + this.fn + this.tn) };
  }

  toJSON(): Record<string, number | null> {
    return { tp: this.tp, fp: this.fp, fn: this.fn, tn: this.tn, ...this.scores() };
  }
}

export function overlaps(a: Span, b: Span): boolean {
  return a.start < b.end && b.start < a.end;
}

/** For each predicted span, whether it overlaps a gold span; for each gold span, whether a prediction overlaps it. */
export function matchSpans(predicted: readonly Span[], gold: readonly Span[]): { predictedHit: boolean[]; goldFound: boolean[] } {
  const predictedHit = predicted.map(() => false);
  const goldFound = gold.map(() => false);
  for (let i = 0; i < predicted.length; i++) {
    const p = predicted[i] as Span;
    for (let j = 0; j < gold.length; j++) {
      if (overlaps(p, gold[j] as Span)) {
        predictedHit[i] = true;
        goldFound[j] = true;
      }
    }
  }
  return { predictedHit, goldFound };
}

/** Counts for one document's spans. */
export function countSpans(predicted: readonly Span[], gold: readonly Span[]): SpanCounts {
  const { predictedHit, goldFound } = matchSpans(predicted, gold);
  const c = new SpanCounts();
  c.predicted = predicted.length;
  c.predictedHit = predictedHit.filter(Boolean).length;
  c.gold = gold.length;
  c.goldFound = goldFound.filter(Boolean).length;
  return c;
}

/** Unique spans by range, in order of position. */
export function uniqueSpans<T extends Span>(spans: readonly T[]): T[] {
  const seen = new Map<string, T>();
  for (const s of spans) {
    const key = `${s.start}:${s.end}`;
    if (!seen.has(key)) seen.set(key, s);
  }
  return [...seen.values()].sort((a, b) => a.start - b.start || a.end - b.end);
}

export interface WordToken extends Span {
  text: string;
}

const WORD = /[\p{L}\p{N}]+(?:['’\-‐][\p{L}\p{N}]+)*/gu;

/** Word tokens (letters and digits, with inner apostrophes and hyphens), with UTF-16 offsets. */
export function wordTokens(text: string): WordToken[] {
  const out: WordToken[] = [];
  for (const m of text.matchAll(WORD)) {
    const start = m.index;
    out.push({ start, end: start + m[0].length, text: m[0] });
  }
  return out;
}

/** Whether `token` overlaps any of `spans` (sorted by start or not; linear scan). */
export function coveredBy(token: Span, spans: readonly Span[]): boolean {
  for (const s of spans) if (overlaps(token, s)) return true;
  return false;
}

/** Token-level counts: a word is predicted if a predicted span overlaps it, gold if a gold span does. */
export function countTokens(tokens: readonly Span[], predicted: readonly Span[], gold: readonly Span[], into: Confusion): void {
  for (const t of tokens) into.count(coveredBy(t, predicted), coveredBy(t, gold));
}

/** Median of a list of numbers (NaN for an empty list). */
export function median(values: readonly number[]): number {
  return percentile(values, 50);
}

/** The p-th percentile (nearest rank on sorted values, 0 < p ≤ 100). NaN for an empty list. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  if (p === 50 && sorted.length % 2 === 0) {
    const mid = sorted.length / 2;
    return ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
  }
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1] as number;
}
