/** Every data set scorer. A new data set is a module exporting a Scorer, registered here. */
import { babeScorer } from './babe.js';
import { checkthatScorer } from './checkthat.js';
import { lim2020Scorer } from './lim2020.js';
import { semevalScorer } from './semeval.js';
import type { Scorer } from './types.js';

export type { DatasetReport, ScoreContext, Scorer } from './types.js';

export const SCORERS: readonly Scorer[] = [babeScorer, semevalScorer, lim2020Scorer, checkthatScorer];

/** The scorer for a data file, by its base name, or undefined. */
export function scorerFor(fileName: string): Scorer | undefined {
  return SCORERS.find((s) => s.matches(fileName));
}
