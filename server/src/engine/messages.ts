/**
 * Every message template in one place, reviewed like user-interface text.
 */
import type { Quote } from './types.js';

const q = (text: string): string => `“${text.replace(/\s+/g, ' ')}”`;

const n = (x: number): string => x.toLocaleString('en-US');

export const messages = {
  /** The whole-document analysis ran out of time between rules. */
  outOfTimeRules(budgetMs: number, categories: readonly string[]): string {
    return `analysis stopped at its time budget (${n(budgetMs)} ms); not fully checked for: ${categories.join(', ')}`;
  },
  /** The incremental analysis ran out of time between chunks. */
  outOfTimeLines(budgetMs: number, lines: number, total: number): string {
    return `analysed the first ${n(lines)} of ${n(total)} lines in the time allowed (${n(budgetMs)} ms); the rest is not checked`;
  },
  lexicon(text: string, label: string, alternatives: string[]): string {
    const alt = alternatives.length > 0 ? `; consider ${alternatives.slice(0, 3).map(q).join(', ')}` : '';
    return `${q(text)} is ${label}${alt}`;
  },
  partisan(text: string, side: string | undefined, counterpart: string | undefined): string {
    const who = side ? ` used by ${side}` : '';
    const other = counterpart ? `; other usage: ${q(counterpart)}` : '';
    return `${q(text)} is partisan vocabulary${who}${other}`;
  },
  scareQuote(text: string): string {
    return `Scare quotes around ${q(text)} cast doubt without saying who doubts it or why`;
  },
  scareQuoteNote:
    'Putting a word or two in quotation marks with no one named as saying them distances the writer from the words and invites the reader to doubt them, without evidence. If someone used the term, say who; if the writer doubts it, say why.',
  boilerplate(labels: string[]): string {
    return `Boilerplate (${labels.join(', ')}) excluded from analysis`;
  },
  boilerplateNote:
    'Page furniture such as subscription prompts, newsletter forms, privacy notices, image credits and author bios is not part of the article, so Slant does not analyse it.',
  unsupported(claim: string, text: string): string {
    return `Unsourced ${claim}: ${q(text)}; nothing in this sentence or the ones it follows says who says so`;
  },
  nearestSource(source: string, kind: string, distance: number): string {
    return distance === 0 ? `The nearest source in the text is ${q(source)} (${kind}).` : `The nearest source in the text is ${q(source)} (${kind}), ${distance} sentence${distance === 1 ? '' : 's'} before.`;
  },
  noSourceBefore: 'No source is named before this point in the text.',
  unsupportedFigureNote: 'A checkable figure or record in the outlet’s own voice, with no source for it: the reader cannot tell where the number comes from, or check it.',
  vagueAttribution(text: string): string {
    return `Vague attribution ${q(text)}: names no source the reader could check`;
  },
  anonymousSource(text: string): string {
    return `Anonymous source ${q(text)}`;
  },
  speculation(text: string): string {
    return `Speculation in the outlet's own voice: ${q(text)}`;
  },
  /** Appended to a note when the words are a quoted speaker's. */
  voice(quote: Quote): string {
    return quote.speaker
      ? `These are the words of ${quote.speaker}, quoted by the text, not the outlet's own wording.`
      : quote.kind === 'blockquote'
        ? 'These words stand in a quotation, not in the outlet’s own voice; the text does not say whose they are.'
        : 'These words stand in quotation marks, not in the outlet’s own voice; the text does not say whose they are.';
  },
};
