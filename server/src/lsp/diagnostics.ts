/**
 * Finding → LSP Diagnostic: one pure converter. The diagnostic's `data` carries everything the
 * quick fixes need, so code actions are built from the diagnostic alone (no server state).
 */
import { DiagnosticSeverity, DiagnosticTag } from 'vscode-languageserver';
import type { Diagnostic, Position, Range } from 'vscode-languageserver';
import type { Category, Finding, Notice, Range as OffsetRange, Severity } from '../engine/index.js';
import { criticSpans } from '../engine/incremental.js';
import { shortNote } from './markup.js';
import { ui } from './messages.js';

export const SOURCE = 'slant';

/** What a Slant diagnostic carries in `data` (checked with `isDiagnosticData` when it comes back). */
export interface DiagnosticData {
  /** The document version the finding was computed for: fixes refuse to apply to another. */
  version: number;
  /** The flagged text as it stands in the document. */
  text: string;
  /** Neutral alternatives, case matched to the term. */
  expected: string[];
  /**
   * What a replacement replaces: the loaded term ("Tel Aviv" in "Tel Aviv lobbies"), when it is
   * plain text. Absent when Markdown syntax stands inside it: no replacement is offered.
   */
  term?: TextSpan;
  /**
   * What an annotation highlights: the finding, or the runs of plain text in it when Markdown
   * syntax stands inside (a link's URL, emphasis marks), each wrapped apart. Empty when no
   * CriticMarkup may go there (inside an addition).
   */
  highlights: TextSpan[];
  ruleId: string;
  entryId: string | null;
  category: Category;
  /** The first sentence of the note (for annotation comments). */
  note: string;
  /** End of the sentence the finding stands in: where an ignore comment goes. */
  sentenceEnd: Position;
  /**
   * `unsupported-claim`: what the "needs a source" and "mark as reviewed" fixes wrap in a
   * highlight: the claim's sentence, or the finding alone when the sentence already holds
   * CriticMarkup (a highlight cannot nest).
   */
  claimRange?: Range;
  /** `vague-attribution`, `anonymous-source`: the kind of attribution. */
  attributionKind?: string;
}

/** A range of the document and the text it holds. */
export interface TextSpan {
  range: Range;
  text: string;
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
  /** Start offset of the sentence a finding stands in, and the analysed text (for `claimRange`). */
  sentenceStart?(finding: Finding): number;
  text?: string;
}

/** CriticMarkup openers and closers: text holding any cannot be wrapped in a highlight. */
const CRITIC = /\{(?:\+\+|--|~~|==|>>)|(?:\+\+|--|~~|==|<<)\}/;
/** Characters that open or close Markdown inline syntax: a highlight around text holding one may cut through it. */
const INLINE_SYNTAX = /[[\]*_`<>~\\]/;

/** CriticMarkup's markers: an opener, or (captured) a closer. */
const CRITIC_MARKER = /\{(?:\+\+|--|~~|==|>>)|((?:\+\+|--|~~|==|<<)\})/g;

/**
 * Where an ignore comment may go at `offset`: there, unless it lies inside a CriticMarkup span
 * (the first marker after it, in the rest of its paragraph, is a closer); then after that span
 * and the comment that belongs to it, if any. Spans do not nest: a comment inside one is not read.
 */
function outsideCritic(text: string, offset: number): number {
  const paragraphEnd = text.indexOf('\n\n', offset);
  const rest = text.slice(offset, Math.min(paragraphEnd < 0 ? text.length : paragraphEnd, offset + 4000));
  CRITIC_MARKER.lastIndex = 0;
  const m = CRITIC_MARKER.exec(rest);
  if (m?.[1] === undefined) return offset;
  let after = m.index + m[0].length;
  if (rest.startsWith('{>>', after)) {
    const close = rest.indexOf('<<}', after);
    if (close >= 0) after = close + 3;
  }
  return offset + after;
}

/** The finding's text from `start` to `end` (offsets in the document, inside the finding). */
const textOf = (f: Finding, start: number, end: number): string => f.text.slice(start - f.start, end - f.start);

/** The spans an annotation of a finding highlights (see `DiagnosticData.highlights`). */
export function highlightRanges(f: Finding): OffsetRange[] {
  return f.parts ?? [{ start: f.start, end: f.end }];
}

/** The term, when it lies in plain text (inside one of the finding's parts; none inside an addition). */
function replaceableTerm(f: Finding): OffsetRange | null {
  const { term } = f;
  if (f.parts === undefined) return term;
  return f.parts.some((p) => p.start <= term.start && term.end <= p.end) ? term : null;
}

/**
 * The range an `unsupported-claim` fix highlights: its sentence when that holds no CriticMarkup;
 * the finding alone when the sentence's only markup is comments apart from it; else none (a
 * highlight inside an addition or a substitution would not be read as one).
 */
function claimRangeOf(f: Finding, context: DiagnosticContext): Range | undefined {
  const { text, sentenceStart } = context;
  if (text === undefined || f.end <= f.start) return undefined;
  const start = sentenceStart ? sentenceStart(f) : f.start;
  const end = context.sentenceEnd(f);
  const sentence = text.slice(start, end);
  // The finding alone, when nothing but plain text stands inside it.
  const alone = f.parts === undefined ? toRange(context.positions, f.start, f.end) : undefined;
  if (!CRITIC.test(sentence)) return INLINE_SYNTAX.test(sentence) ? alone : toRange(context.positions, start, end);
  let rest = sentence;
  for (const span of criticSpans(sentence).reverse()) {
    if (!sentence.startsWith('{>>', span.start) || (start + span.start < f.end && f.start < start + span.end)) return undefined;
    rest = rest.slice(0, span.start) + rest.slice(span.end);
  }
  return CRITIC.test(rest) ? undefined : alone;
}

export function findingToDiagnostic(f: Finding, context: DiagnosticContext): Diagnostic {
  const data: DiagnosticData = {
    version: context.version,
    text: f.text,
    expected: [...f.expected],
    highlights: highlightRanges(f).map((r) => ({ range: toRange(context.positions, r.start, r.end), text: textOf(f, r.start, r.end) })),
    ruleId: f.ruleId,
    entryId: f.entryId,
    category: f.category,
    note: shortNote(f.note),
    sentenceEnd: context.positions.position(context.text === undefined ? context.sentenceEnd(f) : outsideCritic(context.text, context.sentenceEnd(f))),
  };
  const term = replaceableTerm(f);
  if (term !== null) data.term = { range: toRange(context.positions, term.start, term.end), text: textOf(f, term.start, term.end) };
  if (f.ruleId === 'unsupported-claim') {
    const claimRange = claimRangeOf(f, context);
    if (claimRange) data.claimRange = claimRange;
  }
  if ((f.ruleId === 'vague-attribution' || f.ruleId === 'anonymous-source') && typeof f.details?.kind === 'string') data.attributionKind = f.details.kind;
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
    (d.claimRange === undefined || isRange(d.claimRange)) &&
    (d.attributionKind === undefined || typeof d.attributionKind === 'string') &&
    (d.term === undefined || isTextSpan(d.term)) &&
    Array.isArray(d.highlights) &&
    d.highlights.every(isTextSpan) &&
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

function isPosition(value: unknown): boolean {
  const p = value as Record<string, unknown> | null | undefined;
  return p !== null && typeof p === 'object' && typeof p.line === 'number' && typeof p.character === 'number';
}

function isTextSpan(value: unknown): boolean {
  const s = value as Record<string, unknown> | null | undefined;
  return s !== null && typeof s === 'object' && isRange(s.range) && typeof s.text === 'string';
}

function isRange(value: unknown): boolean {
  const r = value as Record<string, unknown> | null | undefined;
  return r !== null && typeof r === 'object' && isPosition(r.start) && isPosition(r.end);
}
