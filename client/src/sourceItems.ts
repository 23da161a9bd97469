/**
 * The *Show Sources* list, decided without `vscode` so it can be tested: the server's
 * `slant/sources` answer → one group per source (its first mention, then each claim it covers),
 * then the claims no source covers.
 */
import type { AttributionKindName, SourceClaim, SourcesResult, SourcingSummary } from '../../server/src/protocol/index.js';
import { Messages } from './messages.js';

/** A protocol range (0-based lines and UTF-16 characters). */
export interface PickRange {
  start: { line: number; character: number };
  end: { line: number; character: number };
}

export interface SourcePick {
  /** A group header, or an entry that reveals `range` when chosen. */
  separator: boolean;
  label: string;
  description?: string;
  range?: PickRange;
}

export const KIND_ICONS: Record<AttributionKindName, string> = {
  named: '$(person)',
  institutional: '$(organization)',
  anonymous: '$(question)',
  vague: '$(cloud)',
  self: '$(broadcast)',
};

const KINDS = Object.keys(KIND_ICONS) as AttributionKindName[];

/** "5 claims · 40% unsourced · 2 named · 1 anonymous" (kinds with no claims left out). */
export function profileLine(profile: SourcingSummary): string {
  const parts = [Messages.statusClaims(profile.claims)];
  if (profile.claims > 0) parts.push(Messages.statusUnsourced(Math.round(profile.unsourcedShare * 100)));
  for (const kind of KINDS) if ((profile.byKind?.[kind] ?? 0) > 0) parts.push(`${profile.byKind[kind]} ${kind}`);
  return parts.join(' · ');
}

/** At most `max` characters, cut at a word. */
export function shorten(text: string, max = 100): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.lastIndexOf(' ', max - 1);
  return `${flat.slice(0, cut > max / 2 ? cut : max - 1)}…`;
}

const lineOf = (range: PickRange): string => `line ${range.start.line + 1}`;

function claimPick(claim: SourceClaim, extra?: string): SourcePick {
  return { separator: false, label: `$(quote) ${shorten(claim.text)}`, description: extra ? `${lineOf(claim.range)} · ${extra}` : lineOf(claim.range), range: claim.range };
}

export function sourcePicks(result: SourcesResult): SourcePick[] {
  const picks: SourcePick[] = [];
  for (const source of Array.isArray(result.sources) ? result.sources : []) {
    const first = source.mentions?.[0];
    const claims = Array.isArray(source.claims) ? source.claims : [];
    picks.push({ separator: true, label: `${source.name} — ${source.kind}` });
    if (first) {
      picks.push({
        separator: false,
        label: `${KIND_ICONS[source.kind] ?? '$(mention)'} ${shorten(source.name)}`,
        description: `${source.kind} · ${claims.length > 0 ? Messages.statusClaims(claims.length) : Messages.sourceNoClaims} · ${Messages.sourceMention}, ${lineOf(first)}`,
        range: first,
      });
    }
    for (const claim of claims) picks.push(claimPick(claim));
  }
  const unsourced = Array.isArray(result.unsourced) ? result.unsourced : [];
  if (unsourced.length > 0) {
    picks.push({ separator: true, label: Messages.sourcesUnsourced });
    for (const claim of unsourced) picks.push(claimPick(claim, claim.claim ?? undefined));
  }
  return picks;
}
