/**
 * The JSON format: exactly one object, `{"version":1,"files":[...]}`, one entry per file read.
 * Pure: reports in, text out.
 */
import type { FileReport } from '../report.js';
import { jsonChunks } from './chunks.js';

/** Bumped when a field changes meaning or goes away (new fields may be added). */
export const JSON_FORMAT_VERSION = 1;

export interface JsonOutput {
  version: typeof JSON_FORMAT_VERSION;
  files: FileReport[];
}

export function toJsonOutput(files: readonly FileReport[]): JsonOutput {
  return {
    version: JSON_FORMAT_VERSION,
    files: files.map((file) => ({
      path: file.path,
      metadata: file.metadata,
      // report.ts already builds findings with their fields in the documented order.
      findings: file.findings,
      summary: file.summary,
      sourcing: file.sourcing,
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
