/**
 * Scoring helpers for the claims-and-attribution rules: which share of each rule's findings
 * overlaps a gold span, how much of a text gold spans cover (the chance level for overlap
 * precision), and definitions of "makes a checkable claim" over the engine's sourcing.
 */
import type { ClaimKind, Finding, SentenceSourcing } from '../../server/src/engine/index.js';
import { coveredBy, ratio } from './metrics.js';
import type { Span } from './offsets.js';

/** A finding as the overlap tally needs it. */
export type RuleFinding = Pick<Finding, 'ruleId' | 'start' | 'end'>;

export interface RuleOverlapRow {
  ruleId: string;
  findings: number;
  /** Per gold set: findings that overlap at least one of its spans. */
  hits: Record<string, number>;
  /** Per gold set: hits / findings (null with no findings). */
  share: Record<string, number | null>;
}

/**
 * Per rule id: how many findings it made and how many overlap a span of each named gold set
 * ("Doubt", "either"...). Each finding counts once per gold set, however many spans it touches.
 */
export class RuleOverlap {
  private readonly rules = new Map<string, { findings: number; hits: Map<string, number> }>();

  constructor(readonly goldSets: readonly string[]) {}

  add(findings: readonly RuleFinding[], gold: Readonly<Record<string, readonly Span[]>>): void {
    for (const f of findings) {
      let r = this.rules.get(f.ruleId);
      if (!r) this.rules.set(f.ruleId, (r = { findings: 0, hits: new Map(this.goldSets.map((g) => [g, 0])) }));
      r.findings++;
      for (const g of this.goldSets) if (coveredBy(f, gold[g] ?? [])) r.hits.set(g, (r.hits.get(g) ?? 0) + 1);
    }
  }

  /** One row per rule, most findings first. */
  rows(): RuleOverlapRow[] {
    return [...this.rules]
      .map(([ruleId, r]) => ({
        ruleId,
        findings: r.findings,
        hits: Object.fromEntries(this.goldSets.map((g) => [g, r.hits.get(g) ?? 0])),
        share: Object.fromEntries(this.goldSets.map((g) => [g, ratio(r.hits.get(g) ?? 0, r.findings)])),
      }))
      .sort((a, b) => b.findings - a.findings || a.ruleId.localeCompare(b.ruleId));
  }
}

/** Characters of a text of `length` units that at least one span covers (overlapping spans counted once). */
export function coveredLength(length: number, spans: readonly Span[]): number {
  const sorted = spans
    .map((s) => ({ start: Math.max(0, s.start), end: Math.min(length, s.end) }))
    .filter((s) => s.end > s.start)
    .sort((a, b) => a.start - b.start);
  let covered = 0;
  let reach = 0;
  for (const s of sorted) {
    const from = Math.max(s.start, reach);
    if (s.end > from) covered += s.end - from;
    reach = Math.max(reach, s.end);
  }
  return covered;
}

/** What a claim definition looks at: one line's sentences and its kept claims-and-attribution findings. */
export interface LineSourcing {
  sentences: readonly Pick<SentenceSourcing, 'voice' | 'claim' | 'checkable'>[];
  /** Findings already filtered by category and minimum severity. */
  findings: readonly Pick<Finding, 'ruleId'>[];
}

export interface ClaimDefinition {
  id: string;
  /** One line for the table. */
  label: string;
  /** Whether `--min-severity` changes it (it reads findings rather than the sourcing analysis). */
  usesSeverity: boolean;
  test(line: LineSourcing): boolean;
}

/** Claim kinds that assert something about the world (not declared opinion, not a plain statement). */
export const ASSERTIVE_CLAIMS: ReadonlySet<ClaimKind> = new Set(['fact', 'cause', 'intent', 'certainty']);

/**
 * The definitions of "the line makes a checkable claim" that are scored, strictest first, then a
 * loose reference. Fixed in advance, not fitted to the data.
 */
export const CLAIM_DEFINITIONS: readonly ClaimDefinition[] = [
  {
    id: 'checkable',
    label: 'a sentence is checkable (figure or record)',
    usesSeverity: false,
    test: (line) => line.sentences.some((s) => s.checkable),
  },
  {
    id: 'assertive',
    label: 'a sentence claims fact|cause|intent|certainty',
    usesSeverity: false,
    test: (line) => line.sentences.some((s) => s.claim !== null && ASSERTIVE_CLAIMS.has(s.claim)),
  },
  {
    id: 'checkable-or-assertive',
    label: 'either of the two above',
    usesSeverity: false,
    test: (line) => line.sentences.some((s) => s.checkable || (s.claim !== null && ASSERTIVE_CLAIMS.has(s.claim))),
  },
  {
    id: 'unsupported-finding',
    label: 'an unsupported-claim finding (unsourced claim)',
    usesSeverity: true,
    test: (line) => line.findings.some((f) => f.ruleId === 'unsupported-claim'),
  },
  {
    id: 'any-claim',
    label: 'reference: any author-voice declarative claim (incl. plain statements)',
    usesSeverity: false,
    test: (line) => line.sentences.some((s) => s.claim !== null && s.claim !== 'opinion'),
  },
];
