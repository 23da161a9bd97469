/**
 * The sourcing cues (server/data/sourcing.json) compiled once: one regex per class of cue, a
 * finder of the offsets where each may match (from the literal prefixes of its patterns), and
 * word sets for classifying sources.
 */
import data from '../../../data/sourcing.json' with { type: 'json' };
import type { AttributionKind, ClaimKind } from '../types.js';
import { StartFinder } from '../prefilter.js';

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
  /** "according to X", "citing X": the source phrase is group 1. */
  accordingTo: RegExp;
  claims: Record<ClaimClass, RegExp>;
  speculation: RegExp;
  figures: RegExp;
  notes: Record<AttributionKind | 'loadedVerb', string>;
  claimNotes: Record<ClaimClass | 'speculation', string>;
  urls: Record<string, string>;
  /**
   * Where each cue regex above may match, from the literal prefixes its matches begin with: one
   * pass over a text gives every regex its candidate offsets, and it is tried only there (see
   * `cueStarts` in sourcing.ts) instead of scanning the whole text once per class.
   */
  starts: StartFinder;
}

/** One regex matching any of the patterns (case-insensitive unless `flags` says otherwise). */
const anyOf = (patterns: string[], flags = 'gi'): RegExp => new RegExp(patterns.map((p) => `(?:${p})`).join('|'), flags);
const words = (list: string[]): ReadonlySet<string> => new Set(list.map((w) => w.toLowerCase()));

let compiled: SourcingCues | undefined;

/** The cues, compiled on first use. */
export function sourcingCues(): SourcingCues {
  if (compiled) return compiled;
  const verbs = [...data.reportingVerbs].sort((a, b) => b.length - a.length).map((v) => v.replace(/ /g, '\\s+'));
  const verb = new RegExp(`\\b(?:${verbs.join('|')})\\b`, 'gu');
  const self = anyOf(data.selfPatterns);
  const anonymous = anyOf(data.anonymousPatterns);
  const anonymity = anyOf(data.anonymityMarkers);
  const vague = anyOf(data.vaguePatterns);
  const accordingTo = /\b(?:according to|citing|cited by|in the words of)\s+((?:[^,;:!?()\n“”"«»„.]|\.(?=\S))+)/gi;
  const claims: Record<ClaimClass, RegExp> = {
    // "I" and "we" are matched as written (case-sensitive), the rest in any case.
    opinion: anyOf(data.claims.opinion.patterns, 'g'),
    certainty: anyOf(data.claims.certainty.patterns),
    intent: anyOf(data.claims.intent.patterns),
    cause: anyOf(data.claims.cause.patterns, 'g'),
  };
  const speculation = anyOf(data.claims.speculation.patterns);
  const figures = anyOf([data.figures]);
  compiled = {
    verb,
    loadedVerbs: words(data.loadedReportingVerbs),
    anonymousNouns: words(data.anonymousNouns),
    vagueNouns: words(data.vagueNouns),
    institutionNouns: words(data.institutionNouns),
    institutionPhrases: data.institutionNouns.map((w) => w.toLowerCase()).filter((w) => w.includes(' ')),
    vaguePhrases: data.vagueNouns.map((w) => w.toLowerCase()).filter((w) => w.includes(' ')),
    places: words(data.places),
    self,
    selfVerbs: data.selfVerbs,
    anonymous,
    anonymity,
    vague,
    accordingTo,
    claims,
    speculation,
    figures,
    notes: data.notes,
    claimNotes: {
      opinion: data.claims.opinion.note,
      certainty: data.claims.certainty.note,
      intent: data.claims.intent.note,
      cause: data.claims.cause.note,
      speculation: data.claims.speculation.note,
    },
    urls: data.urls,
    starts: new StartFinder([verb, self, anonymous, anonymity, vague, accordingTo, ...Object.values(claims), speculation, figures]),
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
