/**
 * The JSON format: exactly one object, `{"version":1,"files":[...]}`, one entry per file read.
 * Pure: reports in, text out.
 */
import type { FileReport, ReportFinding } from '../report.js';
import { jsonChunks } from './chunks.js';

/** Bumped when a field changes meaning or goes away (new fields may be added). */
export const JSON_FORMAT_VERSION = 1;

export interface JsonOutput {
  version: typeof JSON_FORMAT_VERSION;
  files: FileReport[];
}

/** A finding with its fields in the documented order. */
function finding(f: ReportFinding): ReportFinding {
  return {
    ruleId: f.ruleId,
    category: f.category,
    severity: f.severity,
    message: f.message,
    note: f.note,
    text: f.text,
    expected: f.expected,
    url: f.url,
    quoted: f.quoted,
    speaker: f.speaker,
    start: { line: f.start.line, column: f.start.column, offset: f.start.offset },
    end: { line: f.end.line, column: f.end.column, offset: f.end.offset },
    ...(f.entryId !== undefined ? { entryId: f.entryId } : {}),
    ...(f.details !== undefined ? { details: f.details } : {}),
  };
}

export function toJsonOutput(files: readonly FileReport[]): JsonOutput {
  return {
    version: JSON_FORMAT_VERSION,
    files: files.map((file) => ({
      path: file.path,
      metadata: file.metadata,
      findings: file.findings.map(finding),
      summary: file.summary,
      notices: file.notices,
    })),
  };
}

/** The JSON text in pieces (for output too large to be one string). */
export function* formatJsonChunks(files: readonly FileReport[]): Generator<string> {
  yield* jsonChunks(toJsonOutput(files));
  yield '\n';
}

export function formatJson(files: readonly FileReport[]): string {
  return [...formatJsonChunks(files)].join('');
}
