/**
 * The sourcing cues (server/data/sourcing.json) compiled once: one regex per class of cue (and
 * one lookahead over the case-insensitive classes that finds where any of them may start), and
 * word sets for classifying sources.
 */
import data from '../../../data/sourcing.json' with { type: 'json' };
import type { AttributionKind, ClaimKind } from '../types.js';

/** Classes of claim cue, in the order a sentence is classified (the first that matches wins). */
export const CLAIM_CLASSES = ['opinion', 'certainty', 'intent', 'cause'] as const;
export type ClaimClass = (typeof CLAIM_CLASSES)[number];

export interface SourcingCues {
  /** Reporting verbs: a source said, told, confirmed... */
  verb: RegExp;
  loadedVerbs: ReadonlySet<string>;
  anonymousNouns: ReadonlySet<string>;
  vagueNouns: ReadonlySet<string>;
  institutionNouns: ReadonlySet<string>;
  /** The entries of institutionNouns and vagueNouns that are phrases of several words. */
  institutionPhrases: readonly string[];
  vaguePhrases: readonly string[];
  places: ReadonlySet<string>;
  self: RegExp;
  selfVerbs: string;
  anonymous: RegExp;
  /** Phrases that say a source is anonymous ("on condition of anonymity") without being the source. */
  anonymity: RegExp;
  vague: RegExp;
  claims: Record<ClaimClass, RegExp>;
  speculation: RegExp;
  figures: RegExp;
  notes: Record<AttributionKind | 'loadedVerb', string>;
  claimNotes: Record<ClaimClass | 'speculation', string>;
  urls: Record<string, string>;
  /**
   * Where any case-insensitive cue class (self, anonymous, anonymity, vague, certainty, intent,
   * speculation, figures) can match: a zero-width lookahead over all their patterns. One pass
   * with it finds every start each of those regexes could match at, so each is then tried only
   * there (see `cueMatches` in sourcing.ts) instead of scanning the whole text once per class.
   */
  anyStart: RegExp;
  /** The regexes whose starts `anyStart` finds. */
  combined: ReadonlySet<RegExp>;
}

/** One regex matching any of the patterns (case-insensitive unless `flags` says otherwise). */
const anyOf = (patterns: string[], flags = 'gi'): RegExp => new RegExp(patterns.map((p) => `(?:${p})`).join('|'), flags);
const words = (list: string[]): ReadonlySet<string> => new Set(list.map((w) => w.toLowerCase()));

let compiled: SourcingCues | undefined;

/** The cues, compiled on first use. */
export function sourcingCues(): SourcingCues {
  if (compiled) return compiled;
  const verbs = [...data.reportingVerbs].sort((a, b) => b.length - a.length).map((v) => v.replace(/ /g, '\\s+'));
  // The case-insensitive classes, each compiled alone and all of them in one lookahead.
  const caseless = {
    self: data.selfPatterns,
    anonymous: data.anonymousPatterns,
    anonymity: data.anonymityMarkers,
    vague: data.vaguePatterns,
    certainty: data.claims.certainty.patterns,
    intent: data.claims.intent.patterns,
    speculation: data.claims.speculation.patterns,
    figures: [data.figures],
  };
  const ci = Object.fromEntries(Object.entries(caseless).map(([k, patterns]) => [k, anyOf(patterns)])) as Record<keyof typeof caseless, RegExp>;
  compiled = {
    verb: new RegExp(`\\b(?:${verbs.join('|')})\\b`, 'gu'),
    loadedVerbs: words(data.loadedReportingVerbs),
    anonymousNouns: words(data.anonymousNouns),
    vagueNouns: words(data.vagueNouns),
    institutionNouns: words(data.institutionNouns),
    institutionPhrases: data.institutionNouns.map((w) => w.toLowerCase()).filter((w) => w.includes(' ')),
    vaguePhrases: data.vagueNouns.map((w) => w.toLowerCase()).filter((w) => w.includes(' ')),
    places: words(data.places),
    self: ci.self,
    selfVerbs: data.selfVerbs,
    anonymous: ci.anonymous,
    anonymity: ci.anonymity,
    vague: ci.vague,
    claims: {
      // "I" and "we" are matched as written (case-sensitive), the rest in any case.
      opinion: anyOf(data.claims.opinion.patterns, 'g'),
      certainty: ci.certainty,
      intent: ci.intent,
      cause: anyOf(data.claims.cause.patterns, 'g'),
    },
    speculation: ci.speculation,
    figures: ci.figures,
    notes: data.notes,
    claimNotes: {
      opinion: data.claims.opinion.note,
      certainty: data.claims.certainty.note,
      intent: data.claims.intent.note,
      cause: data.claims.cause.note,
      speculation: data.claims.speculation.note,
    },
    urls: data.urls,
    anyStart: new RegExp(`(?=${anyOf(Object.values(caseless).flat()).source})`, 'gi'),
    combined: new Set(Object.values(ci)),
  };
  return compiled;
}

/** Claim kinds the unsupported-claim rule reports, with their severity. */
export const UNSUPPORTED_SEVERITY: Partial<Record<ClaimKind, 'warning' | 'info'>> = {
  certainty: 'warning',
  intent: 'warning',
  cause: 'info',
  fact: 'info',
};
