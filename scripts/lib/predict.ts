/** Runs the engine on one text and keeps the findings a scorer counts (loaded wording by default). */
import { analyse, SEVERITIES, type AnalysisResult, type Finding, type Severity } from '../../server/src/engine/index.js';
import type { Span } from './offsets.js';

/** The categories that count as loaded wording for the evaluation. */
export const LOADED_CATEGORIES: ReadonlySet<string> = new Set(['loaded', 'partisan']);

/** The claims-and-attribution categories: unsourced claims, weak attribution, speculation. */
export const SOURCING_CATEGORIES: ReadonlySet<string> = new Set(['unsupported', 'attribution', 'speculation']);

export interface PredictOptions {
  /** Keep findings at this severity or above; null keeps all. */
  minSeverity: Severity | null;
  /** Keep findings in these categories (default: loaded wording). */
  categories?: ReadonlySet<string>;
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

/** Whether a finding is at `minSeverity` or above (null: every severity). */
export function atLeast(severity: Severity, minSeverity: Severity | null): boolean {
  return minSeverity === null || RANK[severity] <= RANK[minSeverity];
}

/**
 * Loaded report verbs ("claimed", "admitted") sit in the attribution category, but they are word
 * choice from the lexicon: loaded wording counts them too.
 */
const LOADED_WORDING_RULES: ReadonlySet<string> = new Set(['loaded-report-verb']);

export function keepFinding(f: Pick<Finding, 'category' | 'severity'> & Partial<Pick<Finding, 'ruleId'>>, options: PredictOptions): boolean {
  const categories = options.categories ?? LOADED_CATEGORIES;
  const loadedWording = categories === LOADED_CATEGORIES && f.ruleId !== undefined && LOADED_WORDING_RULES.has(f.ruleId);
  if (!categories.has(f.category) && !loadedWording) return false;
  return atLeast(f.severity, options.minSeverity);
}

export interface PredictResult {
  predictions: Prediction[];
  /** The kept findings, one by one (several may share a prediction's range). */
  kept: Finding[];
  /** All findings the engine returned (every category). */
  allFindings: number;
  /** The whole analysis (document, every finding, sourcing). */
  result: AnalysisResult;
  /** Time spent in `analyse`, in milliseconds. */
  ms: number;
}

/** Groups findings by range, in order of position. */
export function groupByRange(findings: readonly Finding[]): Prediction[] {
  const byRange = new Map<string, Prediction>();
  for (const f of findings) {
    const key = `${f.start}:${f.end}`;
    let p = byRange.get(key);
    if (!p) {
      p = { start: f.start, end: f.end, findings: [], quoted: false };
      byRange.set(key, p);
    }
    p.findings.push(f);
    if (f.quoted) p.quoted = true;
  }
  return [...byRange.values()].sort((a, b) => a.start - b.start || a.end - b.end);
}

/** Analyses `text` as plain text and groups its kept findings (loaded/partisan by default) by range. */
export function predict(text: string, options: PredictOptions): PredictResult {
  const t0 = performance.now();
  const result = analyse(text, { format: 'text' });
  const ms = performance.now() - t0;
  const kept = result.findings.filter((f) => keepFinding(f, options));
  return { predictions: groupByRange(kept), kept, allFindings: result.findings.length, result, ms };
}
