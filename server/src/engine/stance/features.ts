/** The names of the stance evidence features, shared by the span scoring and the fitted weights. */
import { SIGNAL_KINDS } from './stance.js';

/**
 * The features of the evidence toward one mention, each a signed sum: per signal kind, in the
 * author's voice and inside quotations; the valence of the rest of the sentence (mean, and the
 * masses of its positive and negative words, near the mention and in the whole sentence); loaded
 * wording and negation in the sentence; and the mention's place (quoted, a quotation's speaker,
 * the sentence's first words, followed by a report verb, after a preposition; how many other
 * targets share the sentence).
 */
export const SPAN_FEATURES = [
  ...SIGNAL_KINDS.map((k) => `${k}:author` as const),
  ...SIGNAL_KINDS.map((k) => `${k}:quoted` as const),
  'sentence-valence',
  'valence-before',
  'valence-after',
  'positive-near',
  'negative-near',
  'positive-sentence',
  'negative-sentence',
  'sentence-wording',
  'negation',
  'mention-quoted',
  'mention-speaker',
  'mention-first',
  'mention-says',
  'mention-after-preposition',
  'other-targets',
] as const;
export type SpanFeature = (typeof SPAN_FEATURES)[number];
