/** Scare quotes: a word or two in quotation marks that nobody is said to have spoken. */
import type { Finding } from '../types.js';
import { messages } from '../messages.js';
import { makeFinding } from './finding.js';
import type { Rule } from './rule.js';

/** Words before a short quote that make it a title, a name or a mention rather than a scare quote. */
const MENTION =
  /\b(?:(?:calls?|called|calling|dubs?|dubbed|terms?|termed|named|labels?|labelled|labeled|brands?|branded)(?:\s+(?:it|them|this|that|him|her|the \w+))?(?:\s+(?:a|an|the))?|titled|entitled|known as|described as|the word|the term|the phrase|the slogan|the hashtag|as in|spelled|means|meaning)\s*[,:]?\s*$/i;

export const scareQuoteRule: Rule = {
  id: 'scare-quote',
  categories: ['loaded'],
  description: 'Short quotations with no speaker, which distance the writer from the words without saying why.',
  run({ document: doc }) {
    const findings: Finding[] = [];
    for (const q of doc.quotes) {
      if (!q.scare) continue;
      const before = doc.prose.slice(Math.max(0, q.start - 40), q.start);
      if (MENTION.test(before)) continue;
      const inner = doc.text.slice(q.inner.start, q.inner.end).trim();
      findings.push(
        makeFinding(doc, {
          ruleId: 'scare-quote',
          category: 'loaded',
          // Hint: against annotated news (npm run eval) a short unattributed quotation is loaded
          // only about one time in six; the reader should look, not be warned.
          severity: 'hint',
          start: q.start,
          end: q.end,
          message: messages.scareQuote(inner),
          note: messages.scareQuoteNote,
          url: 'https://en.wikipedia.org/wiki/Scare_quotes',
          voiceless: true,
        }),
      );
    }
    return findings;
  },
};
