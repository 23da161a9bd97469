/** Building findings: voice, weight and the quoted-speech severity step are decided here once. */
import type { Category, Document, Finding, Severity } from '../types.js';
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

export function makeFinding(doc: Document, input: FindingInput): Finding {
  const text = doc.text.slice(input.start, input.end);
  const quote = input.voiceless ? null : quoteAt(doc, input);
  return {
    ruleId: input.ruleId,
    category: input.category,
    severity: quote ? LOWER[input.severity] : input.severity,
    start: input.start,
    end: input.end,
    message: input.message,
    note: quote ? `${input.note} ${messages.voice(quote)}` : input.note,
    text,
    expected: (input.expected ?? []).map((e) => matchCase(e, text)),
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
