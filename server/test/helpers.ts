/** Test helpers: ranges are found by substring, never typed by hand. */
import type { Finding } from '../src/engine/index.js';

/** The range of the n-th (0-based) occurrence of `needle` in `text`; throws if it is not there. */
export function rangeOf(text: string, needle: string, occurrence = 0): { start: number; end: number } {
  let at = -1;
  for (let i = 0, from = 0; i <= occurrence; i++) {
    at = text.indexOf(needle, from);
    if (at < 0) throw new Error(`"${needle}" (occurrence ${occurrence}) not found in test text`);
    from = at + 1;
  }
  return { start: at, end: at + needle.length };
}

/** Findings whose text is exactly `needle`. */
export function findingsFor(findings: readonly Finding[], needle: string): Finding[] {
  return findings.filter((f) => f.text === needle);
}
