/** Loaded, contested and partisan wording from the lexicon, matched sentence by sentence. */
import type { Finding, Token } from '../types.js';
import { KIND_RULES } from '../lexicon/lexicon.js';
import { messages } from '../messages.js';
import { makeFinding } from './finding.js';
import type { Rule } from './rule.js';

/**
 * Words before a report verb that make it a noun ("the claims", "a warning", "his admission"):
 * the noun reports nothing, so the verb entry does not apply.
 */
const NOUN_MARKERS = new Set(['a', 'an', 'the', 'this', 'that', 'these', 'those', 'his', 'her', 'its', 'their', 'our', 'my', 'your', 'such', 'any', 'no', 'some', 'many', 'several', 'new', 'false', 'similar', 'earlier', 'latest', 'stark', 'repeated', 'whose', 'of']);

export const lexiconRule: Rule = {
  id: 'lexicon',
  categories: ['loaded', 'partisan', 'attribution'],
  description: 'Wording from the lexicon: loaded and emotive words, labels, contested terms, intensifiers, euphemisms, loaded report verbs and partisan vocabulary.',
  run({ document: doc, lexicon, settings }) {
    const findings: Finding[] = [];
    const tokens = doc.tokens;
    let i = 0;
    while (i < tokens.length) {
      const sentence = (tokens[i] as Token).sentence;
      let j = i;
      while (j < tokens.length && (tokens[j] as Token).sentence === sentence) j++;
      const run = tokens.slice(i, j);
      for (const m of lexicon.match(run)) {
        const first = run[m.first] as Token;
        const last = run[m.last] as Token;
        const e = m.entry;
        const before = run[m.first - 1];
        if (e.kind === 'report-verb' && before !== undefined && NOUN_MARKERS.has(before.norm)) continue;
        const text = doc.text.slice(first.start, last.end);
        const rule = KIND_RULES[e.kind];
        const finding = makeFinding(doc, {
          ruleId: e.ruleId,
          category: e.category,
          severity: e.severity,
          start: first.start,
          end: last.end,
          message: e.kind === 'partisan' ? messages.partisan(text, e.side, e.counterpart) : messages.lexicon(text, rule.label, e.alternatives ?? []),
          note: e.note,
          expected: e.alternatives ?? [],
          url: e.url ?? null,
          entryId: e.id,
          sentence,
          details: { kind: e.kind, lexicon: e.source, ...(e.side ? { side: e.side } : {}), ...(e.counterpart ? { counterpart: e.counterpart } : {}) },
        });
        if (finding.quoted && !settings.flagQuotedSpeech) continue;
        findings.push(finding);
      }
      i = j;
    }
    return findings;
  },
};
