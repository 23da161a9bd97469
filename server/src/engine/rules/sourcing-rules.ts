/**
 * Claims and attribution rules, over the sourcing analysis (`sourcing/sourcing.ts`):
 * unsourced author-voice claims, weak (vague or anonymous) attribution, and speculation.
 */
import type { ClaimKind, Finding, SentenceSourcing } from '../types.js';
import { messages } from '../messages.js';
import { sourcingCues, UNSUPPORTED_SEVERITY } from '../sourcing/cues.js';
import type { SourcingAnalysis } from '../sourcing/sourcing.js';
import { makeFinding } from './finding.js';
import type { Rule } from './rule.js';

const CLAIM_LABEL: Record<ClaimKind, string> = {
  fact: 'figure or factual claim',
  intent: 'claim about intentions',
  cause: 'claim about causes or meaning',
  certainty: 'claim stated as certain',
  opinion: 'opinion',
  statement: 'statement',
};

/** The nearest attribution before a sentence (its own or an earlier one), for the note. */
export function nearestSource(sourcing: Pick<SourcingAnalysis, 'sentences'>, sentence: number): { sentence: SentenceSourcing; distance: number } | null {
  for (let s = sentence; s >= 0; s--) {
    const found = sourcing.sentences[s];
    if (found?.attribution) return { sentence: found, distance: sentence - s };
  }
  return null;
}

export const unsupportedClaimRule: Rule = {
  id: 'unsupported-claim',
  categories: ['unsupported'],
  description: 'Author-voice claims of certainty, intentions, causes or checkable figures that no attribution covers.',
  run({ document: doc, sourcing }) {
    const cues = sourcingCues();
    const findings: Finding[] = [];
    // The nearest attributed sentence at or before each sentence, in one pass (not a look-back per claim).
    let nearest: { sentence: SentenceSourcing; at: number } | null = null;
    for (const s of sourcing.sentences) {
      if (s.attribution) nearest = { sentence: s, at: s.sentence };
      for (const cue of s.claimCues) {
        const severity = UNSUPPORTED_SEVERITY[cue.kind];
        if (severity === undefined) continue;
        // Certainty words are the author's even in a sentence that carries a source on from before.
        if (s.attribution && !(cue.kind === 'certainty' && s.attribution.via === 'carried')) continue;
        const text = doc.text.slice(cue.start, cue.end);
        const near = nearest ? { sentence: nearest.sentence, distance: s.sentence - nearest.at } : null;
        const a = near?.sentence.attribution ?? null;
        const nearNote = a && near ? messages.nearestSource(a.source, a.kind, near.distance) : messages.noSourceBefore;
        const note = cue.kind === 'fact' ? messages.unsupportedFigureNote : cues.claimNotes[cue.kind as 'certainty' | 'intent' | 'cause'];
        findings.push(
          makeFinding(doc, {
            ruleId: 'unsupported-claim',
            category: 'unsupported',
            severity,
            start: cue.start,
            end: cue.end,
            message: messages.unsupported(CLAIM_LABEL[cue.kind], text),
            note: `${note} ${nearNote}`,
            url: cues.urls[cue.kind] ?? cues.urls.unsupported ?? null,
            sentence: s.sentence,
            details: { claim: cue.kind, nearestSource: a?.source ?? null, nearestKind: a?.kind ?? null, nearestDistance: near?.distance ?? null },
          }),
        );
      }
    }
    return findings;
  },
};

export const weakAttributionRule: Rule = {
  id: 'weak-attribution',
  categories: ['attribution'],
  description: 'Vague attribution (“reportedly”, “critics say”, “it is believed”) and anonymous sources (“sources familiar with”).',
  run({ document: doc, sourcing }) {
    const cues = sourcingCues();
    const findings: Finding[] = [];
    for (const c of sourcing.cues) {
      if (c.via !== 'cue' || (c.kind !== 'vague' && c.kind !== 'anonymous')) continue;
      const text = doc.text.slice(c.start, c.end);
      findings.push(
        makeFinding(doc, {
          ruleId: c.kind === 'vague' ? 'vague-attribution' : 'anonymous-source',
          category: 'attribution',
          severity: c.kind === 'vague' ? 'warning' : 'info',
          start: c.start,
          end: c.end,
          message: c.kind === 'vague' ? messages.vagueAttribution(text) : messages.anonymousSource(text),
          note: cues.notes[c.kind],
          url: cues.urls[c.kind] ?? null,
          sentence: c.sentence,
          details: { kind: c.kind, source: c.source, ...(c.verb ? { verb: c.verb } : {}) },
        }),
      );
    }
    return findings;
  },
};

export const speculationRule: Rule = {
  id: 'speculation',
  categories: ['speculation'],
  description: 'Hedged claims and predictions in the outlet’s own voice (“appears to”, “is expected to”, “most likely”) with no source for them.',
  run({ document: doc, sourcing }) {
    const cues = sourcingCues();
    const findings: Finding[] = [];
    let last = -1;
    for (const m of sourcing.speculation) {
      const s = sourcing.sentences[m.sentence];
      // One per sentence, only in the outlet's voice, not covered by a source, not declared opinion.
      if (!s || m.sentence === last || s.voice === 'quoted' || s.attribution !== null || s.claim === 'opinion') continue;
      last = m.sentence;
      findings.push(
        makeFinding(doc, {
          ruleId: 'speculation',
          category: 'speculation',
          severity: 'info',
          start: m.start,
          end: m.end,
          message: messages.speculation(doc.text.slice(m.start, m.end)),
          note: cues.claimNotes.speculation,
          url: cues.urls.speculation ?? null,
          sentence: m.sentence,
        }),
      );
    }
    return findings;
  },
};
