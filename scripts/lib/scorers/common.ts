/** Table rows shared by the scorers. */
import type { Confusion, SpanCounts } from '../metrics.js';
import { fmt, int, type Column } from '../table.js';

export const SPAN_COLUMNS: Column[] = [
  { header: 'level', align: 'left' },
  { header: 'predicted' },
  { header: 'gold' },
  { header: 'precision' },
  { header: 'recall' },
  { header: 'F1' },
];

/** A span-level row: predicted spans (hits), gold spans (found), P/R/F1. */
export function spanRow(label: string, c: SpanCounts): string[] {
  const s = c.scores();
  return [label, `${int(c.predicted)} (${int(c.predictedHit)} hit)`, `${int(c.gold)} (${int(c.goldFound)} found)`, fmt(s.precision), fmt(s.recall), fmt(s.f1)];
}

/** A confusion-matrix row in the same columns: predicted positives (TP), gold positives (TP). */
export function confusionRow(label: string, c: Confusion): string[] {
  const s = c.scores();
  return [label, `${int(c.tp + c.fp)} (${int(c.tp)} tp)`, `${int(c.tp + c.fn)} (${int(c.tp)} tp)`, fmt(s.precision), fmt(s.recall), fmt(s.f1)];
}
