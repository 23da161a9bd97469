/**
 * Finding → LSP Diagnostic: one pure converter. The diagnostic's `data` carries everything the
 * quick fixes need, so code actions are built from the diagnostic alone (no server state).
 */
import { DiagnosticSeverity, DiagnosticTag } from 'vscode-languageserver';
import type { Diagnostic, Position, Range } from 'vscode-languageserver';
import type { Category, Finding, Notice, Severity } from '../engine/index.js';
import { shortNote } from './markup.js';
import { ui } from './messages.js';

export const SOURCE = 'slant';

/** What a Slant diagnostic carries in `data` (checked with `isDiagnosticData` when it comes back). */
export interface DiagnosticData {
  /** The document version the finding was computed for: fixes refuse to apply to another. */
  version: number;
  /** The flagged text as it stands in the document. */
  text: string;
  /** Neutral alternatives, case matched to `text`. */
  expected: string[];
  ruleId: string;
  entryId: string | null;
  category: Category;
  /** The first sentence of the note (for annotation comments). */
  note: string;
  /** End of the sentence the finding stands in: where an ignore comment goes. */
  sentenceEnd: Position;
}

export const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** Offsets to positions in the analysed text (not the editor's newer text). */
export interface PositionMap {
  position(offset: number): Position;
  /** Offset of a 0-based line and character. */
  offset(line: number, character: number): number;
}

export function toRange(map: PositionMap, start: number, end: number): Range {
  return { start: map.position(start), end: map.position(end) };
}

export interface DiagnosticContext {
  uri: string;
  version: number;
  positions: PositionMap;
  /** End offset of the sentence a finding stands in (the finding's own end when none). */
  sentenceEnd(finding: Finding): number;
}

export function findingToDiagnostic(f: Finding, context: DiagnosticContext): Diagnostic {
  const data: DiagnosticData = {
    version: context.version,
    text: f.text,
    expected: [...f.expected],
    ruleId: f.ruleId,
    entryId: f.entryId,
    category: f.category,
    note: shortNote(f.note),
    sentenceEnd: context.positions.position(context.sentenceEnd(f)),
  };
  const diagnostic: Diagnostic = {
    range: toRange(context.positions, f.start, f.end),
    severity: SEVERITY[f.severity],
    code: f.ruleId,
    source: SOURCE,
    message: f.message,
    data,
  };
  if (f.url !== null) diagnostic.codeDescription = { href: f.url };
  if (f.category === 'boilerplate') diagnostic.tags = [DiagnosticTag.Unnecessary];
  if (f.quoted && f.speaker !== null && f.speakerRange !== null) {
    diagnostic.relatedInformation = [
      { location: { uri: context.uri, range: toRange(context.positions, f.speakerRange.start, f.speakerRange.end) }, message: ui.quotedFrom(f.speaker) },
    ];
  }
  return diagnostic;
}

const NOTICE_SEVERITY: Record<Notice['level'], DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
};

/** A notice about the whole document (bounded, binary, bad front matter), shown on its first line. */
export function noticeDiagnostic(notice: Notice, firstLineLength: number): Diagnostic {
  return {
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: firstLineLength } },
    severity: NOTICE_SEVERITY[notice.level],
    code: 'notice',
    source: SOURCE,
    message: notice.message,
  };
}

/** True when `value` has the shape of `DiagnosticData` (it comes back from the client unchecked). */
export function isDiagnosticData(value: unknown): value is DiagnosticData {
  if (value === null || typeof value !== 'object') return false;
  const d = value as Record<string, unknown>;
  const pos = d.sentenceEnd as Record<string, unknown> | null | undefined;
  return (
    typeof d.version === 'number' &&
    typeof d.text === 'string' &&
    Array.isArray(d.expected) &&
    d.expected.every((e) => typeof e === 'string') &&
    typeof d.ruleId === 'string' &&
    (d.entryId === null || typeof d.entryId === 'string') &&
    typeof d.category === 'string' &&
    typeof d.note === 'string' &&
    pos !== null &&
    typeof pos === 'object' &&
    typeof pos.line === 'number' &&
    typeof pos.character === 'number'
  );
}
