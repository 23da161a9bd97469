/**
 * Stance toward a given span: the evidence a sentence holds about one mention whose place the
 * caller knows (an annotated target, a selection), not one the gazetteer found. The same signals
 * as the document stance (`stance.ts`), aimed at that span, plus the features they make up: the
 * interpretable vector a fitted model weighs (`server/data/stance-weights.json`).
 */
import { analyse } from '../analyse.js';
import type { EntityMention } from '../compare/types.js';
import { sentenceAt } from '../segment.js';
import type { AnalysisResult, Range, Token } from '../types.js';
import { SPAN_FEATURES, type SpanFeature } from './features.js';
import { NEGATORS, stanceSignals, voiceWeight, wordValence, type Signal } from './stance.js';
import { weighStance, type WeighedStance } from './weights.js';

export { SPAN_FEATURES, type SpanFeature } from './features.js';


export interface SpanStance extends Range {
  /** The index of the sentence the span stands in. */
  sentence: number;
  /** The signals aimed at the span. */
  signals: Signal[];
  /** The evidence as the document stance sums it: signals weighted by voice, clamped to ±1. */
  evidence: number;
  /** The features, in the order of SPAN_FEATURES. */
  features: number[];
  /** The features weighed by the fitted model: label, probabilities, score and each feature's pull (null when not asked). */
  weighed: WeighedStance | null;
}


/**
 * The stance evidence toward each span of an analysed text. The spans compete for cues the way
 * a document's mentions do (give every target of a sentence, not one). `weigh: false` leaves the
 * fitted weights out (to refit them). Throws a RangeError for a span outside the text or outside
 * every sentence.
 */
export function stanceTowardSpans(result: AnalysisResult, spans: readonly Range[], options: { weigh?: boolean } = {}): SpanStance[] {
  const { weigh = true } = options;
  const { document } = result;
  const quotes = document.quotes.filter((q) => !q.scare);
  const inQuote = (offset: number): boolean => quotes.some((q) => offset >= q.inner.start && offset < q.inner.end);
  const mentions: EntityMention[] = spans.map((r, i) => {
    if (!Number.isInteger(r.start) || !Number.isInteger(r.end) || r.start < 0 || r.end <= r.start || r.end > document.text.length) {
      throw new RangeError(`span ${i} [${r.start}, ${r.end}) is not a non-empty range of the ${document.text.length}-character text`);
    }
    const sentence = sentenceAt(result.document.sentences, r.start);
    if (sentence < 0) throw new RangeError(`span ${i} [${r.start}, ${r.end}) does not start inside a sentence`);
    const text = document.text.slice(r.start, r.end);
    // 'leader': an actor by name, never read as a place ("in Ankara") or a demonym on a thing.
    return { entity: `span:${i}`, text, alias: text, aliasKind: 'leader', sentence, quoted: inQuote(r.start), start: r.start, end: r.end };
  });
  const signals = stanceSignals(result, mentions);
  return mentions.map((m, i) => {
    const own = signals.filter((s) => s.mention === m);
    const features = new Array<number>(SPAN_FEATURES.length).fill(0);
    let evidence = 0;
    for (const s of own) {
      evidence += s.value * voiceWeight(s);
      const f = SPAN_FEATURES.indexOf(`${s.kind}:${s.quoted ? 'quoted' : 'author'}`);
      features[f] = (features[f] as number) + s.value;
    }
    const v = sentenceValence(result, m, mentions);
    const set = (name: SpanFeature, value: number): void => {
      features[SPAN_FEATURES.indexOf(name)] = value;
    };
    set('sentence-valence', v.valence);
    set('valence-before', v.before);
    set('valence-after', v.after);
    set('positive-near', v.positiveNear);
    set('negative-near', v.negativeNear);
    set('positive-sentence', v.positive);
    set('negative-sentence', v.negative);
    set('negation', v.negation);
    set('mention-first', v.first ? 1 : 0);
    set('mention-says', v.says ? 1 : 0);
    set('mention-after-preposition', v.afterPreposition ? 1 : 0);
    set('other-targets', mentions.filter((o) => o !== m && o.sentence === m.sentence).length);
    set('mention-quoted', m.quoted ? 1 : 0);
    set('mention-speaker', quotes.some((q) => q.speakerRange !== null && q.speakerRange.start < m.end && m.start < q.speakerRange.end) ? 1 : 0);
    // Loaded and partisan wording anywhere in the sentence, in the author's voice: it sets a tone.
    set('sentence-wording', -result.findings.filter((f) => f.sentence === m.sentence && !f.quoted && (f.category === 'loaded' || f.category === 'partisan')).length);
    return { start: (spans[i] as Range).start, end: (spans[i] as Range).end, sentence: m.sentence, signals: own, evidence: Math.max(-1, Math.min(1, evidence)), features, weighed: weigh ? weighStance(features) : null };
  });
}

/** Words before and after a mention whose valence counts as near it. */
const NEAR_BEFORE = 5;
const NEAR_AFTER = 8;

/**
 * The sentiment of the sentence outside the mentions: the mean VADER valence of its rated words
 * (negated within three words: halved and flipped), scaled to −1…+1, over the whole sentence and
 * over the words just before and just after this mention; whether any negator stands in it; and
 * whether the mention opens the sentence (its first two words: usually the subject).
 */
interface Valences {
  valence: number;
  before: number;
  after: number;
  /** Sums of positive and of negative valences (each /4), near the mention and in the whole sentence. */
  positiveNear: number;
  negativeNear: number;
  positive: number;
  negative: number;
  negation: number;
  first: boolean;
  /** A report verb within two words after the mention ("Vale said"). */
  says: boolean;
  afterPreposition: boolean;
}

const REPORT_VERBS = new Set(['said', 'says', 'told', 'tells', 'argued', 'argues', 'wrote', 'writes', 'added', 'stated', 'announced', 'explained', 'noted', 'insisted', 'tweeted', 'replied']);
const PREPOSITIONS = new Set(['of', 'to', 'for', 'with', 'against', 'on', 'at', 'from', 'by', 'about', 'over', 'toward', 'towards', 'between', 'than', 'like']);

function sentenceValence(result: AnalysisResult, mention: Range & { sentence: number }, mentions: readonly Range[]): Valences {
  const words = result.document.tokens.filter((t: Token) => t.sentence === mention.sentence && t.kind !== 'punct');
  const at = words.findIndex((t) => t.end > mention.start);
  let last = at;
  while (last + 1 < words.length && (words[last + 1] as Token).start < mention.end) last++;
  const all = { sum: 0, n: 0 };
  const before = { sum: 0, n: 0 };
  const after = { sum: 0, n: 0 };
  let negation = 0;
  const mass = { positiveNear: 0, negativeNear: 0, positive: 0, negative: 0 };
  words.forEach((t, k) => {
    if (NEGATORS.has(t.norm)) negation = 1;
    if (mentions.some((m) => t.start < m.end && m.start < t.end)) return;
    const v = wordValence(t.norm);
    if (v === undefined) return;
    let negated = false;
    for (let j = Math.max(0, k - 3); j < k; j++) if (NEGATORS.has((words[j] as Token).norm)) negated = true;
    const x = negated ? -0.5 * v : v;
    const isBefore = k < at && at - k <= NEAR_BEFORE;
    const isAfter = k > last && k - last <= NEAR_AFTER;
    for (const acc of [all, ...(isBefore ? [before] : []), ...(isAfter ? [after] : [])]) {
      acc.sum += x;
      acc.n++;
    }
    if (x > 0) mass.positive += x / 4;
    else mass.negative += x / 4;
    if (isBefore || isAfter) {
      if (x > 0) mass.positiveNear += x / 4;
      else mass.negativeNear += x / 4;
    }
  });
  const mean = (a: { sum: number; n: number }): number => (a.n === 0 ? 0 : a.sum / a.n / 4);
  const next = words.slice(last + 1, last + 3).map((t) => t.norm);
  const previous = at > 0 ? (words[at - 1] as Token).norm : '';
  return {
    valence: mean(all),
    before: mean(before),
    after: mean(after),
    ...mass,
    negation,
    first: at >= 0 && at <= 1,
    says: next.some((w) => REPORT_VERBS.has(w)),
    afterPreposition: PREPOSITIONS.has(previous),
  };
}

/** Analyses `text` as plain text and returns the stance evidence toward [start, end) (UTF-16 offsets). */
export function stanceTowardSpan(text: string, start: number, end: number): SpanStance {
  return stanceTowardSpans(analyse(text, { format: 'text' }), [{ start, end }])[0] as SpanStance;
}
