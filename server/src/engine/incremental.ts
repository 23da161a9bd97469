/**
 * Incremental analysis for editors: the text is split into chunks (paragraphs, kept together
 * where Markdown or CriticMarkup or a quotation needs them together), each chunk is analysed
 * with the engine on its own, and results are cached by the chunk's text. After an edit only
 * the changed chunks (and those that read them as context) are analysed again.
 *
 * Pure like the rest of the engine: no I/O. `steps()` is a generator that yields after each
 * chunk it had to analyse, so a caller can give its event loop a turn (and notice a newer
 * edit or a cancellation) between chunks; `analyse()` runs it to the end in one go.
 *
 * Units and chunks. The text is first cut into paragraph units, then units are grouped into
 * chunks of about GROUP_EVERY units (content-defined: a unit's own hash ends a chunk, so an
 * insertion does not shift every later boundary; at most GROUP_CHARS characters). Each chunk is
 * one engine call. What this keeps and what it gives up, compared with `analyse()` on the whole:
 * - Units split at blank lines only outside fenced code, HTML blocks that run across blank
 *   lines (`<pre>`, `<script>`, `<style>`, `<textarea>`, comments), front matter and
 *   CriticMarkup spans. Front matter stays with the first paragraph (metadata).
 * - A paragraph stays with the one before it when it starts indented or with a list marker
 *   (list continuation, boilerplate link lists), with a CriticMarkup comment (a
 *   `slant-ignore` there silences the sentence before it), or with an opening quotation mark
 *   while the paragraph before left a quotation open (multi-paragraph quotes keep their speaker).
 * - A chunk that contains quotation marks is analysed with the last unit before it as context
 *   (findings in the context are dropped), so "…,” she said" finds a speaker named just before
 *   the chunk. A speaker named further back, before the chunk and its context, is lost: such a
 *   quote reads as unattributed (and a short one may read as a scare quote).
 * - Non-final chunks are analysed with three neutral blocks after them, so end-of-document
 *   boilerplate cues (author bios) apply only near the real end; the last three paragraphs are
 *   always in the last chunk. A run of boilerplate blocks split by a chunk boundary is joined
 *   back into one finding.
 * - Link reference definitions and footnotes in another chunk than their use are not resolved
 *   (the reference stays literal text). Very long paragraphs are cut at line breaks.
 */
import type { Category, Finding, Format, Metadata, Notice, Range, Severity } from './types.js';
import { CATEGORIES } from './types.js';
import { analyse, CancelledError } from './analyse.js';
import { DEFAULT_SETTINGS, type Settings } from './settings.js';
import { builtinLexicon, type Lexicon } from './lexicon/lexicon.js';
import { applySuppressions } from './suppress.js';
import type { Block, Document } from './types.js';
import { messages } from './messages.js';
import { placeNotice } from './read/read.js';
import { lineStartsOf, toLineColumn } from './position.js';

/** A chunk of the text: `[start, end)`, analysed from `contextStart` (≤ start). */
export interface Chunk extends Range {
  contextStart: number;
  /** The last chunk (analysed without neutral blocks after it). */
  final: boolean;
}

/** Longest paragraph unit before it is cut at a line break (keeps one engine call short). */
export const MAX_CHUNK = 100_000;
/** Paragraph units per chunk, on average: fewer engine calls, yet an edit re-reads little. */
export const GROUP_EVERY = 8;
/** A chunk ends once it holds this many characters (at the end of a unit). */
export const GROUP_CHARS = 6_000;

/** Neutral blocks appended to non-final chunks so they are not "near the end" of a document. */
const TAIL = '\n\n.\n\n.\n\n.\n';

const OPEN_CLOSE: Record<string, string> = { '“': '”', '„': '“', '«': '»', '"': '"' };
const QUOTE_MARK = /["“”„«»]/;
const BLANK_LINE = /^[ \t\u00a0\r]*$/;
const LIST_OR_INDENT = /^(?:[ \t]|[-*+][ \t]|\d{1,9}[.)][ \t])/;
const FENCE = /^[ \t]*(`{3,}|~{3,})/;
const HTML_RAW = /^ {0,3}<(script|pre|style|textarea)(?:[\s>]|$)/i;
const HTML_COMMENT = /^ {0,3}<!--/;

const CRITIC_CLOSE: Record<string, string> = { '++': '++}', '--': '--}', '~~': '~~}', '==': '==}', '>>': '<<}' };

/** CriticMarkup spans, found as the engine's reader finds them (linear in the text). */
export function criticSpans(text: string, limit = text.length): Range[] {
  const spans: Range[] = [];
  const noCloseAfter = new Map<string, number>();
  let i = text.indexOf('{');
  while (i >= 0 && i < limit - 2) {
    const opener = text.slice(i + 1, i + 3);
    const close = CRITIC_CLOSE[opener];
    if (close === undefined || (noCloseAfter.get(opener) ?? Infinity) <= i) {
      i = text.indexOf('{', i + 1);
      continue;
    }
    const at = text.indexOf(close, i + 3);
    if (at < 0 || at + 3 > limit) {
      noCloseAfter.set(opener, i);
      i = text.indexOf('{', i + 1);
      continue;
    }
    spans.push({ start: i, end: at + 3 });
    i = text.indexOf('{', at + 3);
  }
  return spans;
}

interface Line {
  start: number;
  /** End of the line's content (before the line break). */
  end: number;
  /** Start of the next line. */
  next: number;
}

function lines(text: string, limit: number): Line[] {
  const out: Line[] = [];
  let start = 0;
  while (start < limit) {
    let end = start;
    while (end < limit) {
      const c = text.charCodeAt(end);
      if (c === 10 || c === 13) break;
      end++;
    }
    let next = end;
    if (next < limit) next += text.charCodeAt(next) === 13 && text.charCodeAt(next + 1) === 10 ? 2 : 1;
    out.push({ start, end, next: Math.min(next, limit) });
    start = next;
  }
  return out;
}

/** True when a paragraph leaves a double quotation open at its end (as the engine's quote reader sees it). */
export function leavesQuoteOpen(paragraph: string): boolean {
  let i = 0;
  while (i < paragraph.length) {
    const c = paragraph[i] as string;
    const close = OPEN_CLOSE[c];
    if (close === undefined) {
      i++;
      continue;
    }
    const at = paragraph.indexOf(close, i + 1);
    if (at < 0) return true;
    i = at + 1;
  }
  return false;
}

/** The last paragraph of a chunk's text (after its last blank line). */
function lastParagraph(text: string): string {
  const all = text.split('\n');
  let end = all.length;
  while (end > 0 && BLANK_LINE.test(all[end - 1] as string)) end--;
  let start = end;
  while (start > 0 && !BLANK_LINE.test(all[start - 1] as string)) start--;
  return all.slice(start, end).join('\n');
}

/** Where the front matter ends (start of the line after its closing fence), or 0 when there is none. */
function frontMatterEnd(text: string, all: Line[]): number {
  const first = all[0];
  if (!first || text.slice(first.start, first.end).trimEnd() !== '---') return 0;
  for (let k = 1; k < all.length; k++) {
    const l = all[k] as Line;
    const body = text.slice(l.start, l.end).trimEnd();
    if (body === '---' || body === '...') return l.next;
  }
  return 0;
}

/**
 * The starts of the paragraph units of a text, which cover `[0, limit)` without gaps: paragraphs,
 * kept together by the rules in the module comment. Blank lines belong to the unit before them.
 */
export function paragraphUnits(text: string, format: Format, limit = text.length): number[] {
  const markdown = format === 'markdown';
  const all = lines(text, limit);
  const critic = criticSpans(text, limit);
  let ci = 0;
  const inCritic = (offset: number): boolean => {
    while (ci < critic.length && (critic[ci] as Range).end <= offset) ci++;
    const s = critic[ci];
    return s !== undefined && s.start < offset && offset < s.end;
  };
  const fmEnd = markdown ? frontMatterEnd(text, all) : 0;
  // Paragraph starts: the first non-blank line after a run of blank lines, where a split is allowed.
  const starts: number[] = [0];
  let fence: { char: string; length: number } | null = null;
  let html: RegExp | null = null;
  let sawBlank = false;
  let sawContent = false;
  for (const l of all) {
    const body = text.slice(l.start, l.end);
    if (l.start < fmEnd) continue;
    if (fence) {
      const m = FENCE.exec(body);
      if (m && (m[1] as string)[0] === fence.char && (m[1] as string).length >= fence.length && body.trim() === m[1]) fence = null;
      continue;
    }
    if (html) {
      if (html.test(body)) html = null;
      continue;
    }
    if (BLANK_LINE.test(body)) {
      sawBlank = true;
      continue;
    }
    if (sawBlank && sawContent && !inCritic(l.start)) starts.push(l.start);
    sawBlank = false;
    sawContent = true;
    if (markdown) {
      const f = FENCE.exec(body);
      if (f) {
        const marker = f[1] as string;
        // A backtick fence's info string has no backticks; otherwise it is inline code.
        if (marker[0] !== '`' || !body.slice(body.indexOf(marker) + marker.length).includes('`')) fence = { char: marker[0] as string, length: marker.length };
        continue;
      }
      const raw = HTML_RAW.exec(body);
      if (raw) {
        const close = new RegExp(`</${raw[1] as string}>`, 'i');
        if (!close.test(body)) html = close;
        continue;
      }
      if (HTML_COMMENT.test(body) && !body.includes('-->')) html = /-->/;
    }
  }
  // Merge paragraphs that must be read together.
  const merged: number[] = [];
  for (const s of starts) {
    const prev = merged[merged.length - 1];
    if (prev === undefined) {
      merged.push(s);
      continue;
    }
    const head = text.slice(s, Math.min(limit, s + 8));
    const keepWithPrevious =
      head.startsWith('{>>') ||
      (markdown && LIST_OR_INDENT.test(head)) ||
      (OPEN_CLOSE[head.replace(/^[> \t]+/, '')[0] ?? ''] !== undefined && leavesQuoteOpen(lastParagraph(text.slice(prev, s))));
    if (!keepWithPrevious) merged.push(s);
  }
  // The last three paragraphs are read together (end-of-document cues).
  const bounds = merged.slice(0, Math.max(1, merged.length - 2));
  // Cut overlong units at line breaks.
  const cut: number[] = [];
  for (let k = 0; k < bounds.length; k++) {
    let s = bounds[k] as number;
    const e = bounds[k + 1] ?? limit;
    cut.push(s);
    while (e - s > MAX_CHUNK) {
      let at = text.lastIndexOf('\n', s + MAX_CHUNK);
      if (at <= s) at = text.lastIndexOf(' ', s + MAX_CHUNK);
      at = at <= s ? s + MAX_CHUNK : at + 1;
      const c = text.charCodeAt(at - 1);
      if (c >= 0xd800 && c <= 0xdbff) at--;
      cut.push(at);
      s = at;
    }
  }
  return cut;
}

/** A paragraph's hash decides whether a chunk ends after it (content-defined, like rsync's chunks). */
function endsGroup(text: string, start: number, end: number): boolean {
  let h = 0x811c9dc5;
  for (let i = start; i < end; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return (h >>> 0) % GROUP_EVERY === 0;
}

/**
 * Splits a text into chunks that cover `[0, limit)` without gaps. Paragraph units (see
 * `paragraphUnits`) are grouped: a chunk ends after a unit whose hash says so (one in
 * GROUP_EVERY on average) or once it holds GROUP_CHARS characters. The decision depends on the
 * paragraphs themselves, not their position, so an edit regroups only the chunks around it.
 * A chunk with quotation marks reads the last unit before it as context.
 */
export function splitChunks(text: string, format: Format, limit = text.length): Chunk[] {
  const units = paragraphUnits(text, format, limit);
  const groups: { start: number; last: number }[] = [];
  let group: { start: number; last: number } | null = null;
  for (let k = 0; k < units.length; k++) {
    const start = units[k] as number;
    const end = units[k + 1] ?? limit;
    group ??= { start, last: start };
    group.last = start;
    if (end - group.start >= GROUP_CHARS || endsGroup(text, start, end)) {
      groups.push(group);
      group = null;
    }
  }
  if (group) groups.push(group);
  return groups.map((g, k) => {
    const end = groups[k + 1]?.start ?? limit;
    const previous = groups[k - 1];
    const contextStart = previous !== undefined && QUOTE_MARK.test(text.slice(g.start, end)) && g.start - previous.last <= MAX_CHUNK ? previous.last : g.start;
    return { start: g.start, end, contextStart, final: k === groups.length - 1 };
  });
}

/** Where to stop a bounded document: as the engine's reader does (a paragraph break near the limit). */
export function boundAt(text: string, limit: number): number {
  if (text.length <= limit) return text.length;
  const cut = text.lastIndexOf('\n\n', limit);
  let at = cut > limit * 0.9 ? cut : limit;
  const c = text.charCodeAt(at - 1);
  if (c >= 0xd800 && c <= 0xdbff) at--;
  return at;
}

/** A chunk's analysis, with offsets relative to its context start. */
interface ChunkAnalysis {
  findings: Finding[];
  sentences: Range[];
  /** Sentences of the context part (before the chunk itself), to re-index findings. */
  contextSentences: number;
  words: number;
  metadata: Metadata;
  notices: Notice[];
  /** Whether the chunk's first and last blocks are boilerplate (null when it has no block). */
  firstBoilerplate: boolean | null;
  lastBoilerplate: boolean | null;
  /** Relative start of the chunk's first block. */
  firstBlockStart: number;
}

export interface IncrementalResult {
  /** The text analysed. */
  text: string;
  /** Length of `text` analysed (less when bounded by `maxLength`). */
  analysedLength: number;
  /** Findings in document offsets, sorted; `sentence` indexes `sentences`. Never mutate them: they are cached. */
  findings: readonly Finding[];
  /** Every sentence of the analysed text, in order. */
  sentences: readonly Range[];
  metadata: Metadata;
  notices: Notice[];
  words: number;
  /** How many chunks the text has, and how many were taken from the cache. */
  chunks: number;
  reused: number;
}

export interface IncrementalOptions {
  format: Format;
  path?: string;
  /** The compiled lexicon; by default the built-in one. */
  lexicon?: Lexicon;
  /** Report loaded wording in quotations (the one analysis setting that changes what chunks find). */
  flagQuotedSpeech?: boolean;
  /** Characters analysed at most. */
  maxLength?: number;
}

/** 64 bits of hash, plus the length: a cache key that does not keep the (sliced) text alive. */
function hashKey(text: string, start: number, end: number, extra: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return `${(h1 >>> 0).toString(36)}.${(h2 >>> 0).toString(36)}.${end - start}.${extra}`;
}

const ALL_CATEGORIES: Category[] = [...CATEGORIES];

/**
 * Analyses successive versions of one document, reusing the results of unchanged chunks.
 * One analyser per document and per (lexicon, flagQuotedSpeech): make a new one when they change.
 */
export class IncrementalAnalyser {
  private cache = new Map<string, ChunkAnalysis>();
  private readonly lexicon: Lexicon;

  constructor(private readonly options: IncrementalOptions) {
    this.lexicon = options.lexicon ?? builtinLexicon();
  }

  /** Runs to the end (or the time budget) without pausing. Throws CancelledError when `isCancelled` says so. */
  analyse(text: string, isCancelled?: () => boolean, timeBudgetMs?: number): IncrementalResult {
    const run = this.steps(text, isCancelled, timeBudgetMs);
    for (;;) {
      const step = run.next();
      if (step.done) return step.value;
    }
  }

  /**
   * Yields after each chunk it analysed (not after cached ones); returns the result. With a time
   * budget (milliseconds from the first step, pauses included), it stops before the first chunk
   * it would analyse once the budget is spent (or abandons the chunk under way when it runs out
   * meanwhile) and returns the chunks before it, with a notice. Every chunk analysed stays cached.
   */
  *steps(text: string, isCancelled?: () => boolean, timeBudgetMs = Infinity): Generator<void, IncrementalResult, void> {
    const started = performance.now();
    const late = (): boolean => performance.now() - started > timeBudgetMs;
    const stop = (): boolean => isCancelled?.() === true || late();
    let stoppedAt: number | null = null;
    const maxLength = this.options.maxLength ?? DEFAULT_SETTINGS.maxLength;
    const limit = boundAt(text, maxLength);
    const chunks = splitChunks(text, this.options.format, limit);
    const settings: Partial<Settings> = {
      categories: ALL_CATEGORIES,
      severity: {},
      ignoreTerms: [],
      flagQuotedSpeech: this.options.flagQuotedSpeech ?? true,
      maxLength: Number.MAX_SAFE_INTEGER,
      // The budget is this loop's: a chunk is analysed whole or not at all.
      timeBudgetMs: Number.MAX_SAFE_INTEGER,
    };
    const next = new Map<string, ChunkAnalysis>();
    const findings: Finding[] = [];
    const sentences: Range[] = [];
    const notices: Notice[] = [];
    let metadata: Metadata = {};
    let words = 0;
    let reused = 0;
    let lineStarts: number[] | undefined;
    /** The boilerplate finding of a run of boilerplate blocks that may go on in the next chunk. */
    let openRun: { index: number; finding: Finding } | null = null;
    for (const [k, chunk] of chunks.entries()) {
      const rel = chunk.start - chunk.contextStart;
      const key = hashKey(text, chunk.contextStart, chunk.end, `${rel}${chunk.final ? 'f' : ''}`);
      let part = next.get(key) ?? this.cache.get(key);
      if (part) reused++;
      else {
        const slice = text.slice(chunk.contextStart, chunk.end) + (chunk.final ? '' : TAIL);
        try {
          if (stop()) throw new CancelledError();
          const result = analyse(slice, {
            format: this.options.format,
            lexicon: this.lexicon,
            settings,
            ...(this.options.path !== undefined ? { path: this.options.path } : {}),
            isCancelled: stop,
          });
          part = digest(result.document, result.findings, rel, chunk.end - chunk.contextStart);
        } catch (error) {
          // Keep what was analysed so far: the next run starts from there.
          for (const [done, value] of next) this.cache.set(done, value);
          if (!(error instanceof CancelledError) || isCancelled?.() === true || !late()) throw error;
          stoppedAt = chunk.start;
          break;
        }
        next.set(key, part);
        yield;
      }
      next.set(key, part);
      if (k === 0) metadata = part.metadata;
      for (const found of part.notices) {
        // A notice naming a line of the chunk names it in the whole text.
        const n = found.start === undefined ? found : placeNotice(found, chunk.contextStart, toLineColumn((lineStarts ??= lineStartsOf(text)), chunk.contextStart).line);
        if (!notices.some((m) => m.message === n.message)) notices.push(n);
      }
      const base = sentences.length - part.contextSentences;
      for (const s of part.sentences.slice(part.contextSentences)) sentences.push({ start: s.start + chunk.contextStart, end: s.end + chunk.contextStart });
      const continues = openRun !== null && part.firstBoilerplate === true;
      for (const f of part.findings) {
        if (f.start < rel) continue;
        if (continues && openRun && f.ruleId === 'boilerplate' && f.start === part.firstBlockStart) {
          openRun.finding = mergeBoilerplate(text, openRun.finding, f, chunk.contextStart);
          findings[openRun.index] = openRun.finding;
          continue;
        }
        const shift = (r: Range): Range => ({ start: r.start + chunk.contextStart, end: r.end + chunk.contextStart });
        findings.push({
          ...f,
          start: f.start + chunk.contextStart,
          end: f.end + chunk.contextStart,
          term: shift(f.term),
          ...(f.parts ? { parts: f.parts.map(shift) } : {}),
          speakerRange: f.speakerRange ? shift(f.speakerRange) : null,
          sentence: f.sentence !== null ? f.sentence + base : null,
        });
      }
      words += part.words;
      if (part.lastBoilerplate === false) openRun = null;
      else if (part.lastBoilerplate === true) {
        for (let i = findings.length - 1; i >= 0; i--) {
          const f = findings[i] as Finding;
          if (f.ruleId === 'boilerplate') {
            openRun = { index: i, finding: f };
            break;
          }
        }
      }
    }
    if (stoppedAt === null) this.cache = next;
    else notices.push({ level: 'warning', message: messages.outOfTimeLines(timeBudgetMs, breaksBefore(text, stoppedAt), breaksBefore(text, text.length) + (text.endsWith('\n') ? 0 : 1)) });
    if (limit < text.length) {
      notices.push({
        level: 'warning',
        message: `document is ${text.length.toLocaleString('en-US')} characters; analysed the first ${limit.toLocaleString('en-US')} (limit ${maxLength.toLocaleString('en-US')})`,
      });
    }
    return { text, analysedLength: stoppedAt ?? limit, findings, sentences, metadata, notices, words, chunks: chunks.length, reused };
  }

  /** Number of cached chunk analyses (for tests and measurements). */
  get cached(): number {
    return this.cache.size;
  }
}

/** Line breaks in `text` before `end`: the lines before a chunk that starts at `end`. */
function breaksBefore(text: string, end: number): number {
  let lines = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < end; i = text.indexOf('\n', i + 1)) lines++;
  return lines;
}

/** One boilerplate finding for a run of boilerplate blocks that two chunks share. */
function mergeBoilerplate(text: string, first: Finding, next: Finding, shift: number): Finding {
  const labelsOf = (f: Finding): string[] => (Array.isArray(f.details?.labels) ? f.details.labels : []);
  const blocksOf = (f: Finding): number => (typeof f.details?.blocks === 'number' ? f.details.blocks : 1);
  const labels = [...new Set([...labelsOf(first), ...labelsOf(next)])];
  return {
    ...first,
    end: next.end + shift,
    term: { start: first.start, end: next.end + shift },
    text: text.slice(first.start, next.end + shift),
    message: messages.boilerplate(labels),
    details: { ...first.details, labels, blocks: blocksOf(first) + blocksOf(next) },
  };
}

/** Keeps what a chunk contributes: findings and sentences from `rel` to `end` (relative offsets). */
function digest(doc: Document, findings: Finding[], rel: number, end: number): ChunkAnalysis {
  let contextSentences = 0;
  const sentences: Range[] = [];
  for (const s of doc.sentences) {
    if (s.start >= end) break;
    if (s.start < rel) contextSentences++;
    sentences.push({ start: s.start, end: s.end });
  }
  let words = 0;
  for (const t of doc.tokens) if (t.kind === 'word' && t.start >= rel && t.start < end) words++;
  const own = doc.blocks.filter((b) => b.start >= rel && b.start < end);
  return {
    findings: findings.filter((f) => f.start < end),
    sentences,
    contextSentences,
    words,
    metadata: doc.metadata,
    notices: doc.notices,
    firstBoilerplate: own.length > 0 ? (own[0] as Block).boilerplate : null,
    lastBoilerplate: own.length > 0 ? (own[own.length - 1] as Block).boilerplate : null,
    firstBlockStart: own[0]?.start ?? -1,
  };
}

/**
 * The settings that do not change what a chunk finds, applied after the analysis as
 * `analyse()` applies them: categories, ignored terms, severity overrides and "off".
 * Returns new finding objects where the severity changes (cached findings stay untouched).
 */
export function applyFindingSettings(findings: readonly Finding[], settings: Pick<Settings, 'categories' | 'ignoreTerms' | 'severity'>): Finding[] {
  const enabled = new Set<Category>(settings.categories);
  let kept = findings.filter((f) => enabled.has(f.category) && settings.severity[f.category] !== 'off');
  if (settings.ignoreTerms.length > 0) {
    // The engine's own suppression, with no annotations or ignore comments (chunks applied those).
    const none = { annotations: [], ignores: [] } as unknown as Document;
    kept = applySuppressions(none, kept, { ...DEFAULT_SETTINGS, ignoreTerms: settings.ignoreTerms }).kept;
  }
  return kept.map((f) => {
    const override = settings.severity[f.category];
    return override !== undefined && override !== 'off' && override !== f.severity ? { ...f, severity: override as Severity } : f;
  });
}
