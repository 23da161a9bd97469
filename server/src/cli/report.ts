/**
 * The shape every output format starts from: one report per file, findings with their start
 * and end as line, column and offset. Building it is the only place positions are computed.
 */
import { LineIndex } from '../engine/index.js';
import type { AnalysisResult, AttributionKind, Category, Finding, Metadata, Notice, Severity, SourcingProfile, Summary } from '../engine/index.js';

export interface Position {
  /** 1-based line. */
  line: number;
  /** 1-based column, in UTF-16 code units. */
  column: number;
  /** 0-based offset from the start of the text, in UTF-16 code units. */
  offset: number;
}

export interface ReportFinding {
  ruleId: string;
  category: Category;
  severity: Severity;
  message: string;
  note: string;
  text: string;
  expected: string[];
  url: string | null;
  quoted: boolean;
  speaker: string | null;
  start: Position;
  /** The position just after the finding (exclusive). */
  end: Position;
  /** Only when the loaded term is narrower than the finding ("Tel Aviv" in "Tel Aviv lobbies"): what a replacement replaces. */
  term?: { start: Position; end: Position };
  entryId?: string;
  details?: NonNullable<Finding['details']>;
}

/** A source the file cites: where it is named and how many claims it covers. */
export interface ReportSource {
  name: string;
  kind: AttributionKind;
  mentions: { start: Position; end: Position }[];
  /** Sentences its attribution covers. */
  claims: number;
}

/** The file's sourcing profile and its sources. */
export interface ReportSourcing extends SourcingProfile {
  sources: ReportSource[];
}

export interface FileReport {
  /** The path as shown to the user (relative to the current folder when given so). */
  path: string;
  metadata: Metadata;
  findings: ReportFinding[];
  summary: Summary;
  sourcing: ReportSourcing;
  notices: Notice[];
}

/** A problem with an input or data file, reported and skipped. */
export interface Problem {
  /** One line, without the "slant: " prefix. */
  message: string;
  /** The file it concerns, as displayed, when there is one. */
  path?: string;
}

export function toReportFinding(f: Finding, lines: LineIndex): ReportFinding {
  const out: ReportFinding = {
    ruleId: f.ruleId,
    category: f.category,
    severity: f.severity,
    message: f.message,
    note: f.note,
    text: f.text,
    expected: [...f.expected],
    url: f.url,
    quoted: f.quoted,
    speaker: f.speaker,
    start: lines.lineColumn(f.start),
    end: lines.lineColumn(f.end),
  };
  if (f.term.start !== f.start || f.term.end !== f.end) out.term = { start: lines.lineColumn(f.term.start), end: lines.lineColumn(f.term.end) };
  if (f.entryId !== null && f.entryId !== undefined) out.entryId = f.entryId;
  if (f.details !== undefined) out.details = f.details;
  return out;
}

/** Builds a file's report from the text analysed and the engine's result. */
export function toFileReport(path: string, text: string, result: AnalysisResult): FileReport {
  const lines = new LineIndex(text);
  return {
    path,
    metadata: { ...result.document.metadata },
    findings: result.findings.map((f) => toReportFinding(f, lines)),
    summary: result.summary,
    sourcing: {
      ...result.sourcing.profile,
      byKind: { ...result.sourcing.profile.byKind },
      sources: result.sourcing.sources.map((src) => ({
        name: src.name,
        kind: src.kind,
        mentions: src.mentions.map((m) => ({ start: lines.lineColumn(m.start), end: lines.lineColumn(m.end) })),
        claims: src.sentences.length,
      })),
    },
    notices: result.document.notices.map((n) => ({ level: n.level, message: n.message })),
  };
}

export const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2, hint: 3 };

/** True when some finding is at or above `threshold` (error is the highest). */
export function reachesThreshold(files: readonly FileReport[], threshold: Severity): boolean {
  const limit = SEVERITY_RANK[threshold];
  return files.some((file) => file.findings.some((f) => SEVERITY_RANK[f.severity] <= limit));
}
