/**
 * The engine's entry point: read a text into a Document, run every rule, filter and sort.
 */
import type { AnalysisResult, Category, Finding, Format, Severity, Summary } from './types.js';
import { CATEGORIES, SEVERITIES } from './types.js';
import { DEFAULT_SETTINGS, type Settings } from './settings.js';
import { builtinLexicon, type Lexicon } from './lexicon/lexicon.js';
import { readDocument } from './read/read.js';
import { RULES, type RuleContext } from './rules/index.js';
import { applySuppressions } from './suppress.js';
import { analyseSourcing } from './sourcing/sourcing.js';
import { messages } from './messages.js';

export interface AnalyseOptions {
  /** The file's path, for the format and for messages. */
  path?: string;
  /** 'markdown' or 'text'; by default from the path's extension, else 'text'. */
  format?: Format;
  /** The compiled lexicon; by default the built-in one. */
  lexicon?: Lexicon;
  /** Settings; missing ones take their defaults. */
  settings?: Partial<Settings>;
  /** Checked before and after reading, after the sourcing and between rules: when it returns true, analysis stops and throws CancelledError. */
  isCancelled?: () => boolean;
  /** The whole source's length when `text` is only its beginning (as the CLI reads a file longer than maxLength). */
  sourceLength?: number;
}

export class CancelledError extends Error {
  constructor() {
    super('analysis cancelled');
    this.name = 'CancelledError';
  }
}

/** The format of a file from its extension: Markdown for .md/.markdown/.mdx, text otherwise. */
export function formatFromPath(path: string | undefined): Format {
  return path !== undefined && /\.(md|markdown|mdown|mkd|mdx)$/i.test(path) ? 'markdown' : 'text';
}

const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2, hint: 3 };

/** Analyses one text and returns its document model, findings (sorted by position) and summary. */
export function analyse(text: string, options: AnalyseOptions = {}): AnalysisResult {
  const started = performance.now();
  const settings: Settings = { ...DEFAULT_SETTINGS, ...options.settings };
  const format = options.format ?? formatFromPath(options.path);
  const cancelled = (): void => {
    if (options.isCancelled?.()) throw new CancelledError();
  };
  cancelled();
  const document = readDocument(text, {
    format,
    ...(options.path !== undefined ? { path: options.path } : {}),
    maxLength: settings.maxLength,
    ...(options.sourceLength !== undefined ? { sourceLength: options.sourceLength } : {}),
  });
  const lexicon = options.lexicon ?? builtinLexicon();
  const enabled = new Set<Category>(settings.categories);
  cancelled();
  const sourcing = analyseSourcing(document);
  const context: RuleContext = { document, lexicon, settings, sourcing };
  let findings: Finding[] = [];
  const skipped: Category[] = [];
  let stopped = false;
  for (const rule of RULES) {
    cancelled();
    if (!rule.categories.some((c) => enabled.has(c))) continue;
    // Out of time: the rules that ran keep their findings, the rest are named in a notice.
    stopped ||= performance.now() - started > settings.timeBudgetMs;
    if (stopped) {
      for (const c of rule.categories) if (enabled.has(c) && !skipped.includes(c)) skipped.push(c);
      continue;
    }
    for (const f of rule.run(context)) if (enabled.has(f.category)) findings.push(f);
  }
  if (skipped.length > 0) document.notices.push({ level: 'warning', message: messages.outOfTimeRules(settings.timeBudgetMs, skipped) });
  const suppressed = applySuppressions(document, findings, settings);
  findings = suppressed.kept;
  for (const f of findings) {
    const override = settings.severity[f.category];
    if (override !== undefined && override !== 'off') f.severity = override;
  }
  findings = findings.filter((f) => settings.severity[f.category] !== 'off');
  findings.sort((a, b) => a.start - b.start || a.end - b.end || SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] || a.ruleId.localeCompare(b.ruleId));
  return {
    document,
    findings,
    summary: summarise(document.tokens, document.sentences.length, findings, suppressed.reviewed, suppressed.ignored),
    sourcing: { sentences: sourcing.sentences, sources: sourcing.sources, profile: sourcing.profile },
  };
}

function summarise(tokens: { kind: string }[], sentences: number, findings: Finding[], reviewed: number, ignored: number): Summary {
  const byCategory = Object.fromEntries(CATEGORIES.map((c) => [c, 0])) as Record<Category, number>;
  const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  for (const f of findings) {
    byCategory[f.category]++;
    bySeverity[f.severity]++;
  }
  let words = 0;
  for (const t of tokens) if (t.kind === 'word') words++;
  return { total: findings.length, byCategory, bySeverity, words, sentences, reviewed, ignored };
}
