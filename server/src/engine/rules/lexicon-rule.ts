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

/**
 * Where a phrase may not run on between two tokens: inline code or HTML between them
 * (`` war`x`crimes ``, `war<br>crimes`), which the prose mask blanks but does not join.
 */
function breaksPhrase(text: string, a: Token, b: Token): boolean {
  for (let i = a.end; i < b.start; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x60 || c === 0x3c) return true;
  }
  return false;
}

/** Where the runs of a sentence's tokens a phrase may span begin (indices into `tokens`, 0 first). */
function phraseRuns(text: string, tokens: readonly Token[]): number[] {
  const starts = [0];
  for (let k = 1; k < tokens.length; k++) if (breaksPhrase(text, tokens[k - 1] as Token, tokens[k] as Token)) starts.push(k);
  return starts;
}

/** The end of a word without its possessive ("Tel Aviv’s" → "Tel Aviv"): a replacement keeps the ’s. */
function endWithoutPossessive(t: Token): number {
  return t.kind === 'word' && t.text.length > 2 && /['’][sS]$/.test(t.text) ? t.end - 2 : t.end;
}

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
      // Matched run by run (inline code or HTML ends one), in indices into the sentence's tokens.
      const starts = phraseRuns(doc.text, run);
      const matches =
        starts.length === 1
          ? lexicon.match(run)
          : starts.flatMap((from, k) =>
              lexicon
                .match(run.slice(from, starts[k + 1]))
                .map((m) => ({ ...m, first: m.first + from, last: m.last + from, termFirst: m.termFirst + from, termLast: m.termLast + from })),
            );
      for (const m of matches) {
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
          term: { start: (run[m.termFirst] as Token).start, end: endWithoutPossessive(run[m.termLast] as Token) },
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
