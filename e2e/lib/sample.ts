/**
 * What the editor tests read and write, shared by the browser, Neovim and VS Code suites: one
 * bundled sample and the phrases the checks act on. Positions are always found by substring.
 */
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

/** The sample every editor check opens (it has `outlet:` front matter, so `auto` analyses it). */
export const SAMPLE = 'levant-ledger-bases.md';

/** The other outlet's account of the same story: *Compare Stance* compares it with SAMPLE. */
export const OTHER_SAMPLE = 'bosphorus-herald-bases.md';

/** A flagged word, named by a longer phrase around it that occurs once in the sample. */
export interface Phrase {
  context: string;
  text: string;
}

/** A contested label in the author's voice: diagnostics, hover and the quick fix act on it. */
export const FLAGGED: Phrase = { context: 'the Assad regime', text: 'regime' };
/** The same word flagged again in the same sentence: annotating FLAGGED must leave it flagged. */
export const NEIGHBOUR: Phrase = { context: 'Erdoğan’s regime', text: 'regime' };
/** A finding in another sentence, silenced by typing an ignore comment after that sentence. */
export const IGNORED: Phrase & { sentence: string } = {
  context: 'with predictable fury',
  text: 'fury',
  sentence: 'Ankara reacted with predictable fury.',
};
/** An unsourced claim of certainty in the author's voice: an unsupported-claim diagnostic. */
export const UNSUPPORTED: Phrase = { context: 'and it is obvious that a Russian', text: 'it is obvious that' };
/** A paragraph typed at the end of the document: it brings one new finding, on its last word. */
export const ADDED: Phrase = { context: 'Observers called the new cabinet a regime.', text: 'regime' };

/** A paragraph typed at the end: a flagged word inside a link's text; "Replace with" keeps the link. */
export const IN_LINK: Phrase = { context: 'Critics called [the new cabinet a regime](https://example.org/cabinet) on Friday.', text: 'regime' };
/** A paragraph typed at the end: a phrase flagged across a link's bracket and URL; annotating keeps the link. */
export const ACROSS_LINK: Phrase = { context: 'The bloc backed [regime](https://example.org/bloc) change in the north.', text: 'regime' };

/**
 * What rejecting the CriticMarkup Slant's fixes wrote does: its comments go, highlights keep their
 * text, substitutions their old text. A writer's own comments (not starting "slant"), additions
 * and deletions stay (Slant's fixes write none).
 */
export function rejectAll(text: string): string {
  return text.replace(/\{>>slant[\s\S]*?<<\}|\{==([\s\S]*?)==\}|\{~~([\s\S]*?)~>[\s\S]*?~~\}/g, (_m, hl?: string, sub?: string) => hl ?? sub ?? '');
}

export interface Place {
  /** 0-based UTF-16 offset. */
  offset: number;
  /** 1-based line. */
  line: number;
  /** 1-based UTF-16 column, as VS Code's Go to Line takes it. */
  column: number;
}

/** Where `needle` occurs in `text`, after the (only) occurrence of `context` if given. Throws when missing or ambiguous. */
export function locate(text: string, needle: string, context = needle): Place {
  const at = text.indexOf(context);
  if (at < 0) throw new Error(`"${context}" is not in the text`);
  if (text.indexOf(context, at + 1) >= 0) throw new Error(`"${context}" occurs more than once in the text`);
  const inner = context.indexOf(needle);
  if (inner < 0) throw new Error(`"${needle}" is not inside "${context}"`);
  const offset = at + inner;
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { offset, line, column: offset - (before.lastIndexOf('\n') + 1) + 1 };
}

/** The place of a phrase's flagged word. */
export function place(text: string, phrase: Phrase): Place {
  return locate(text, phrase.text, phrase.context);
}

/** The parts of `slant check --format json` the editor checks compare with. */
export interface CliFinding {
  ruleId: string;
  message: string;
  category: string;
  severity: string;
  text: string;
  note: string;
  expected: string[];
  start: { offset: number };
  end: { offset: number };
  /** Only when the term is narrower than the finding. */
  term?: { start: { offset: number }; end: { offset: number } };
}
export interface CliReport {
  findings: CliFinding[];
  summary: { total: number; byCategory: Record<string, number> };
}

/**
 * The CLI's report on one file: the same engine with the same default settings, so what the
 * editor shows can be compared with it. Needs `npm run build` (dist/cli.cjs).
 */
export function cliReport(root: string, file: string): CliReport {
  // Inside VS Code's extension host the executable is Electron: run it as Node.
  const run = spawnSync(process.execPath, [path.join(root, 'dist/cli.cjs'), 'check', '--format', 'json', '--no-config', file], {
    encoding: 'utf8',
    env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
  });
  if (run.status !== 0) throw new Error(`slant check ${file} exited with ${run.status}: ${run.stderr}`);
  const parsed = JSON.parse(run.stdout) as { files: CliReport[] };
  const report = parsed.files[0];
  if (!report) throw new Error(`slant check ${file} reported no file`);
  return report;
}

/** The CLI finding that starts at `offset` (throws when there is none: the sample changed). */
export function findingAt(report: CliReport, offset: number): CliFinding {
  const found = report.findings.find((f) => f.start.offset === offset);
  if (!found) throw new Error(`slant check reports no finding at offset ${offset}`);
  return found;
}

/** Runs of whitespace (including the non-breaking spaces editors render) as one space. */
export function normalise(text: string): string {
  return text.replace(/[\s\u00a0]+/g, ' ').trim();
}
