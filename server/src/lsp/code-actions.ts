/**
 * Quick fixes, built from a diagnostic's `data` alone (no server state), and the source action
 * that annotates every finding of a document in one edit. Every edit names the document version
 * the findings were computed for, so an editor refuses it once the text has changed.
 */
import { CodeActionKind, TextDocumentEdit, TextEdit } from 'vscode-languageserver';
import type { CodeAction, Diagnostic, WorkspaceEdit } from 'vscode-languageserver';
import type { Finding } from '../engine/index.js';
import { Commands, type AnnotateAllArgs, type IgnoreTermArgs } from '../protocol/index.js';
import { highlightRanges, isDiagnosticData, SOURCE, toRange, type PositionMap, type TextSpan } from './diagnostics.js';
import { annotation, highlight, HIGHLIGHT_OPEN, highlightClose, ignoreComment, shortNote, substitution } from './markup.js';
import { ui } from './messages.js';

export const ANNOTATE_ALL_KIND = `${CodeActionKind.Source}.slant.annotateAll`;

/** True when a request's `only` filter admits a kind (no filter admits all). */
export function wants(only: readonly string[] | undefined, kind: string): boolean {
  return only === undefined || only.length === 0 || only.some((o) => kind === o || kind.startsWith(`${o}.`));
}

export interface EditOptions {
  /** The client applies `documentChanges` (versioned edits); otherwise plain `changes`, unversioned. */
  documentChanges: boolean;
}

/** One document's edits as a WorkspaceEdit, versioned when the client supports it. */
export function documentEdit(uri: string, version: number, edits: TextEdit[], options: EditOptions): WorkspaceEdit {
  return options.documentChanges ? { documentChanges: [TextDocumentEdit.create({ uri, version }, edits)] } : { changes: { [uri]: edits } };
}

export interface QuickFixInput extends EditOptions {
  uri: string;
  /** The document's current version: fixes for diagnostics of another version are not offered. */
  version: number;
  diagnostics: readonly Diagnostic[];
  only?: readonly string[];
  /** Offer "Ignore this term in the workspace" (the document is in a workspace folder). */
  canIgnoreInWorkspace: boolean;
}

/**
 * The edits that annotate `spans` (runs of plain text, in order): each is highlighted apart, so no
 * highlight cuts through the Markdown between them, and the comment follows the last.
 */
function annotationEdits(spans: readonly TextSpan[], comments: readonly { category: string; note: string }[]): TextEdit[] {
  return spans.map((s, i) => TextEdit.replace(s.range, i === spans.length - 1 ? annotation(s.text, comments) : highlight(s.text)));
}

/** The quick fixes for Slant's diagnostics among `input.diagnostics`. */
export function quickFixes(input: QuickFixInput): CodeAction[] {
  if (!wants(input.only, CodeActionKind.QuickFix)) return [];
  const actions: CodeAction[] = [];
  for (const diagnostic of input.diagnostics) {
    const data: unknown = diagnostic.data;
    if (diagnostic.source !== SOURCE || !isDiagnosticData(data) || data.version !== input.version) continue;
    if (data.category === 'boilerplate') continue;
    const fix = (title: string, edits: TextEdit[], isPreferred = false): CodeAction => ({
      title,
      kind: CodeActionKind.QuickFix,
      diagnostics: [diagnostic],
      ...(isPreferred ? { isPreferred } : {}),
      edit: documentEdit(input.uri, data.version, edits, input),
    });
    if (data.ruleId === 'unsupported-claim' && data.claimRange) {
      // Two inserts, not a replacement: the sentence may span lines and keep its Markdown.
      const { start, end } = data.claimRange;
      actions.push(fix(ui.needsSource, [TextEdit.insert(start, HIGHLIGHT_OPEN), TextEdit.insert(end, highlightClose({ category: 'unsupported', note: ui.needsSourceComment }))]));
      actions.push(fix(ui.markReviewed, [TextEdit.insert(start, HIGHLIGHT_OPEN), TextEdit.insert(end, highlightClose(null))]));
    }
    // CriticMarkup goes only where it cuts through no syntax: around runs of plain text, never
    // inside an addition (no highlights then); a replacement changes the term and nothing else.
    const { term, highlights } = data;
    const critic = highlights.length > 0;
    if (critic && data.attributionKind !== undefined && data.text !== '') {
      // The cue is highlighted too, so the finding counts as reviewed once the question is noted.
      const note = ui.whichSourceComment(data.attributionKind);
      actions.push(fix(ui.whichSource, annotationEdits(highlights, [{ category: data.category, note }])));
    }
    if (critic && term) data.expected.forEach((alternative, i) => actions.push(fix(ui.suggest(alternative), [TextEdit.replace(term.range, substitution(term.text, alternative))], i === 0)));
    if (critic) actions.push(fix(ui.annotate(data.text), annotationEdits(highlights, [data])));
    actions.push(fix(ui.ignoreHere(data.ruleId), [TextEdit.insert(data.sentenceEnd, ignoreComment(data.ruleId))]));
    if (term) for (const alternative of data.expected) actions.push(fix(ui.replace(alternative), [TextEdit.replace(term.range, alternative)]));
    if (input.canIgnoreInWorkspace && data.entryId !== null) {
      const args: IgnoreTermArgs = { uri: input.uri, term: data.entryId };
      actions.push({
        title: ui.ignoreInWorkspace(data.text),
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        command: { title: ui.ignoreInWorkspace(data.text), command: Commands.ignoreTermInWorkspace, arguments: [args] },
      });
    }
  }
  return actions;
}

/**
 * The edits that annotate every finding (boilerplate aside): overlapping findings share one
 * annotation whose comment lists each. Where Markdown syntax stands inside, the runs of plain text
 * around it are highlighted apart (as the quick fix does); a group with a finding inside a
 * CriticMarkup addition is left alone. Edits do not overlap, in document order.
 */
export function annotateAllEdits(text: string, findings: readonly Finding[], positions: PositionMap): TextEdit[] {
  const sorted = findings.filter((f) => f.category !== 'boilerplate' && f.end > f.start).sort((a, b) => a.start - b.start || b.end - a.end);
  const groups: { start: number; end: number; members: Finding[] }[] = [];
  for (const f of sorted) {
    const last = groups[groups.length - 1];
    if (last && f.start < last.end) {
      last.end = Math.max(last.end, f.end);
      last.members.push(f);
    } else groups.push({ start: f.start, end: f.end, members: [f] });
  }
  return groups.flatMap((g) => {
    if (g.members.some((f) => f.parts?.length === 0)) return [];
    // The members' plain runs, merged where they overlap or touch: runs of plain text still.
    const runs: { start: number; end: number }[] = [];
    for (const r of g.members.flatMap(highlightRanges).sort((a, b) => a.start - b.start)) {
      const last = runs[runs.length - 1];
      if (last && r.start <= last.end) last.end = Math.max(last.end, r.end);
      else runs.push({ ...r });
    }
    const spans = runs.map((r) => ({ range: toRange(positions, r.start, r.end), text: text.slice(r.start, r.end) }));
    return annotationEdits(
      spans,
      g.members.map((f) => ({ category: f.category, note: shortNote(f.note) })),
    );
  });
}

export interface AnnotateAllInput extends EditOptions {
  uri: string;
  version: number;
  text: string;
  findings: readonly Finding[];
  positions: PositionMap;
  only?: readonly string[];
}

/** The whole-document edit, or null when there is nothing to annotate. */
export function annotateAllEdit(input: Omit<AnnotateAllInput, 'only'>): WorkspaceEdit | null {
  const edits = annotateAllEdits(input.text, input.findings, input.positions);
  return edits.length > 0 ? documentEdit(input.uri, input.version, edits, input) : null;
}

/** The source action "Annotate all findings in this document": one edit for the whole document. */
export function annotateAllAction(input: AnnotateAllInput): CodeAction | null {
  if (!wants(input.only, ANNOTATE_ALL_KIND)) return null;
  const edit = annotateAllEdit(input);
  return edit === null ? null : { title: ui.annotateAll, kind: ANNOTATE_ALL_KIND, edit };
}

/** The arguments of `Commands.annotateAll`, checked (they come from the client). */
export function annotateAllArgs(value: unknown): AnnotateAllArgs | null {
  if (value === null || typeof value !== 'object') return null;
  const v = value as Record<string, unknown>;
  if (typeof v.uri !== 'string' || (v.version !== undefined && typeof v.version !== 'number')) return null;
  return v.version === undefined ? { uri: v.uri } : { uri: v.uri, version: v.version as number };
}

/** The arguments of `Commands.ignoreTermInWorkspace`, checked. */
export function ignoreTermArgs(value: unknown): IgnoreTermArgs | null {
  if (value === null || typeof value !== 'object') return null;
  const v = value as Record<string, unknown>;
  return typeof v.uri === 'string' && typeof v.term === 'string' && v.term.trim() !== '' ? { uri: v.uri, term: v.term.trim() } : null;
}
