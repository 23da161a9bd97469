/** Building findings: voice, weight and the quoted-speech severity step are decided here once. */
import type { Category, Document, Finding, Range, Severity } from '../types.js';
import { quoteAt } from '../voice.js';
import { messages } from '../messages.js';

const LOWER: Record<Severity, Severity> = { error: 'warning', warning: 'info', info: 'hint', hint: 'hint' };
/** A quoted speaker's wording counts half as much as the outlet's own in scores. */
export const QUOTED_WEIGHT = 0.5;

export interface FindingInput {
  ruleId: string;
  category: Category;
  severity: Severity;
  start: number;
  end: number;
  /** The term inside `start..end`, when the match includes context words (default: all of it). */
  term?: Range;
  message: string;
  note: string;
  expected?: string[];
  url?: string | null;
  entryId?: string | null;
  sentence?: number | null;
  details?: Finding['details'];
  /** Skip the voice lookup (rules about quotes themselves). */
  voiceless?: boolean;
}

/** Keeps the case of the original: "Regime" → "Government", "REGIME" → "GOVERNMENT". */
export function matchCase(replacement: string, original: string): string {
  if (original.length > 1 && original === original.toUpperCase() && original !== original.toLowerCase()) return replacement.toUpperCase();
  const first = original.charAt(0);
  if (first !== first.toLowerCase() && replacement.charAt(0) === replacement.charAt(0).toLowerCase()) {
    return replacement.charAt(0).toUpperCase() + replacement.slice(1);
  }
  return replacement;
}

/** Letters or digits: a run of text worth a highlight. */
const WORDY = /[\p{L}\p{N}]/u;

/**
 * The runs of plain text in `start..end` when syntax stands inside it (see `Finding.parts`):
 * undefined when it is all prose, none inside a CriticMarkup addition (a highlight cannot nest).
 */
export function wrapParts(doc: Document, start: number, end: number): Range[] | undefined {
  if (doc.annotations.some((a) => a.kind === 'addition' && a.start < end && start < a.end)) return [];
  const { text, prose } = doc;
  let i = start;
  while (i < end && text.charCodeAt(i) === prose.charCodeAt(i)) i++;
  if (i === end) return undefined;
  const parts: Range[] = [];
  let from = start;
  for (let k = start; k <= end; k++) {
    if (k < end && text.charCodeAt(k) === prose.charCodeAt(k)) continue;
    let s = from;
    let e = k;
    while (s < e && /\s/.test(text.charAt(s))) s++;
    while (e > s && /\s/.test(text.charAt(e - 1))) e--;
    if (WORDY.test(text.slice(s, e))) parts.push({ start: s, end: e });
    from = k + 1;
  }
  return parts;
}

export function makeFinding(doc: Document, input: FindingInput): Finding {
  const text = doc.text.slice(input.start, input.end);
  const quote = input.voiceless ? null : quoteAt(doc, input);
  const term = input.term ?? { start: input.start, end: input.end };
  // Boilerplate is never annotated or replaced: no parts to find.
  const parts = input.category === 'boilerplate' ? undefined : wrapParts(doc, input.start, input.end);
  return {
    ruleId: input.ruleId,
    category: input.category,
    severity: quote ? LOWER[input.severity] : input.severity,
    start: input.start,
    end: input.end,
    message: input.message,
    note: quote ? `${input.note} ${messages.voice(quote)}` : input.note,
    text,
    term,
    ...(parts ? { parts } : {}),
    expected: (input.expected ?? []).map((e) => matchCase(e, doc.text.slice(term.start, term.end))),
    url: input.url ?? null,
    quoted: quote !== null,
    speaker: quote?.speaker ?? null,
    speakerRange: quote?.speakerRange ?? null,
    weight: quote ? QUOTED_WEIGHT : 1,
    entryId: input.entryId ?? null,
    sentence: input.sentence ?? null,
    ...(input.details ? { details: input.details } : {}),
  };
}
