/** Runs the engine on one text and keeps the findings that count as loaded wording. */
import { analyse, SEVERITIES, type Finding, type Severity } from '../../server/src/engine/index.js';
import type { Span } from './offsets.js';

/** The categories that count as loaded wording for the evaluation. */
export const LOADED_CATEGORIES: ReadonlySet<string> = new Set(['loaded', 'partisan']);

export interface PredictOptions {
  /** Keep findings at this severity or above; null keeps all. */
  minSeverity: Severity | null;
}

/** One predicted span: the findings (one or more rules or entries) reported over the same range. */
export interface Prediction extends Span {
  findings: Finding[];
  /** True when any of its findings is inside a quotation. */
  quoted: boolean;
}

/** The key a finding is tallied under in diagnostics: its lexicon entry, else its rule. */
export function entryKey(f: Finding): string {
  return f.entryId ?? `rule:${f.ruleId}`;
}

const RANK: Record<Severity, number> = Object.fromEntries(SEVERITIES.map((s, i) => [s, i])) as Record<Severity, number>;

export function keepFinding(f: Finding, options: PredictOptions): boolean {
  if (!LOADED_CATEGORIES.has(f.category)) return false;
  return options.minSeverity === null || RANK[f.severity] <= RANK[options.minSeverity];
}

export interface PredictResult {
  predictions: Prediction[];
  /** All findings the engine returned (every category). */
  allFindings: number;
  /** Time spent in `analyse`, in milliseconds. */
  ms: number;
}

/** Analyses `text` as plain text and groups its loaded/partisan findings by range. */
export function predict(text: string, options: PredictOptions): PredictResult {
  const t0 = performance.now();
  const result = analyse(text, { format: 'text' });
  const ms = performance.now() - t0;
  const byRange = new Map<string, Prediction>();
  for (const f of result.findings) {
    if (!keepFinding(f, options)) continue;
    const key = `${f.start}:${f.end}`;
    let p = byRange.get(key);
    if (!p) {
      p = { start: f.start, end: f.end, findings: [], quoted: false };
      byRange.set(key, p);
    }
    p.findings.push(f);
    if (f.quoted) p.quoted = true;
  }
  const predictions = [...byRange.values()].sort((a, b) => a.start - b.start || a.end - b.end);
  return { predictions, allFindings: result.findings.length, ms };
}
