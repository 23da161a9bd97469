/** The contract between `scripts/eval.ts` and the per-data-set scorers. */
import type { Severity } from '../../../server/src/engine/index.js';
import type { Diagnostics } from '../diagnostics.js';
import type { Table } from '../table.js';

export interface ScoreContext {
  /** Findings below this severity are left out; null keeps all. */
  minSeverity: Severity | null;
  /** Shared tuning diagnostics, filled by every scorer that has gold spans. */
  diagnostics: Diagnostics;
  /** Progress messages (to stderr). */
  progress: (message: string) => void;
  /** Rows in each listing (false positives, misses). */
  listRows: number;
  /** Whether held-out figures are shown ('show') or left out of tables and JSON ('hide'). */
  heldOut: 'show' | 'hide';
}

export interface DatasetReport {
  /** Scorer id ('babe', 'semeval'...). */
  dataset: string;
  title: string;
  file: string;
  status: 'scored' | 'not-scored';
  /** Why a file was not scored. */
  message?: string;
  rows: number;
  /** Characters analysed and milliseconds spent in the engine. */
  analysedChars: number;
  analyseMs: number;
  /** Every figure, for --json. */
  figures: Record<string, unknown>;
  /** The same figures as tables, for the terminal. */
  tables: Table[];
  /** Caveats printed under the tables. */
  notes: string[];
}

export interface Scorer {
  id: string;
  title: string;
  /** Whether a data file (by base name) is this scorer's. */
  matches(fileName: string): boolean;
  score(file: string, context: ScoreContext): DatasetReport;
}

/** A report for a data set whose scorer is still to be written. */
export function notScoredYet(id: string, title: string, file: string, rows: number): DatasetReport {
  return {
    dataset: id,
    title,
    file,
    status: 'not-scored',
    message: 'not scored yet (later issue)',
    rows,
    analysedChars: 0,
    analyseMs: 0,
    figures: {},
    tables: [],
    notes: [],
  };
}
