/**
 * What the reader has already dealt with: findings inside annotated (reviewed) spans, findings
 * silenced by `{>>slant-ignore RULE<<}` in their sentence, and terms the settings ignore.
 */
import type { Document, Finding, Range } from './types.js';
import type { Settings } from './settings.js';
import { normaliseWord } from './segment.js';

const overlaps = (a: Range, b: Range): boolean => a.start < b.end && b.start < a.end;

/** True when an ignore directive's rule list names this finding (by rule id, entry id, category or kind). */
export function ignoreNames(rules: string[], f: Finding): boolean {
  if (rules.length === 0) return true;
  const kind = typeof f.details?.kind === 'string' ? f.details.kind : null;
  return rules.some((r) => r === 'all' || r === f.ruleId || r === f.entryId || r === f.category || r === kind);
}

export function applySuppressions(doc: Document, findings: Finding[], settings: Settings): { kept: Finding[]; reviewed: number; ignored: number } {
  const reviewedRanges = doc.annotations.map((a) => a.reviewed).filter((r): r is Range => r !== null);
  const terms = new Set(settings.ignoreTerms.map((t) => t.trim().toLowerCase()));
  const normTerms = new Set(settings.ignoreTerms.map((t) => t.trim().split(/\s+/).map(normaliseWord).join(' ')));
  let reviewed = 0;
  let ignored = 0;
  const kept: Finding[] = [];
  for (const f of findings) {
    if (f.category !== 'boilerplate' && reviewedRanges.some((r) => overlaps(r, f))) {
      reviewed++;
      continue;
    }
    if (doc.ignores.some((ig) => overlaps(ig.scope, f) && ignoreNames(ig.rules, f))) {
      ignored++;
      continue;
    }
    if (terms.size > 0 && ((f.entryId !== null && terms.has(f.entryId)) || normTerms.has(f.text.split(/\s+/).map(normaliseWord).join(' ')))) {
      ignored++;
      continue;
    }
    kept.push(f);
  }
  return { kept, reviewed, ignored };
}
