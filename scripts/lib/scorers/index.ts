/** Every data set scorer. A new data set is a module exporting a Scorer, registered here. */
import { babeScorer } from './babe.js';
import { carefulReaderScorer } from './careful-reader.js';
import { checkthatScorer } from './checkthat.js';
import { lim2020Scorer } from './lim2020.js';
import { newsmtscScorer } from './newsmtsc.js';
import { semevalScorer } from './semeval.js';
import { semevalSourcingScorer } from './semeval-sourcing.js';
import type { Scorer } from './types.js';

export type { DatasetReport, ScoreContext, Scorer } from './types.js';

/**
 * In report order: the careful-reader score first (it is what users feel). A data file may have
 * several scorers (SemEval: loaded wording, then claims and attribution).
 */
export const SCORERS: readonly Scorer[] = [carefulReaderScorer, babeScorer, semevalScorer, semevalSourcingScorer, lim2020Scorer, checkthatScorer, newsmtscScorer];

/** The first scorer for a data file, by its base name, or undefined. */
export function scorerFor(fileName: string): Scorer | undefined {
  return SCORERS.find((s) => s.matches(fileName));
}

/** Every scorer for a data file, by its base name, in report order. */
export function scorersFor(fileName: string): Scorer[] {
  return SCORERS.filter((s) => s.matches(fileName));
}
