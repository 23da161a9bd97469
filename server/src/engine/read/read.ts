/**
 * Readers: Markdown or plain text in, one format-blind Document out.
 */
import type { Block, Document, Format, IgnoreDirective, Metadata, Notice, Sentence, Token } from '../types.js';
import { splitSentences, tokenize } from '../segment.js';
import { MARKDOWN_BOUNDS, readMarkdown, type PlainChunk, type PlainReason } from './markdown.js';
import { ProseBuilder, textBlocks, type RawBlock } from './prose.js';
import { readCriticMarkup } from './criticmarkup.js';
import { markBoilerplate } from './boilerplate.js';
import { findQuotes } from './quotes.js';
import { readMetadata } from './front-matter.js';
import { lineStartsOf, toLineColumn } from '../position.js';

export interface ReadOptions {
  format: Format;
  path?: string;
  /** Characters analysed at most (default: all). */
  maxLength?: number;
  /** The whole source's length when `source` is only its beginning (a caller need not read past what is analysed). */
  sourceLength?: number;
}

const PLAIN_REASONS: Record<PlainReason, string> = {
  depth: `nested more than ${MARKDOWN_BOUNDS.depth} levels deep`,
  lines: `a paragraph of more than ${MARKDOWN_BOUNDS.lines.toLocaleString('en-US')} lines`,
  markers: `more than ${MARKDOWN_BOUNDS.markers} emphasis, code, link or HTML markers in one paragraph`,
  stack: 'too deeply nested for the Markdown parser',
  budget: `the document gives the Markdown parser more than ${MARKDOWN_BOUNDS.documentCharacters.toLocaleString('en-US')} characters or ${MARKDOWN_BOUNDS.documentMarkers.toLocaleString('en-US')} inline markers in all`,
};

/** The lines of a range, as a notice names them: "line 4" or "lines 4–9" (1-based). */
function linesOf(first: number, last: number): string {
  return first === last ? `line ${first.toLocaleString('en-US')}` : `lines ${first.toLocaleString('en-US')}–${last.toLocaleString('en-US')}`;
}

const LINES_NAMED = /^lines? ([\d,]+)(?:–([\d,]+))?/;

/**
 * A notice about one place in a part of a text, moved to the whole text: `firstLine` (1-based)
 * is the whole text's line where the part begins, and the lines the message names move with it.
 */
export function placeNotice(notice: Notice, base: number, firstLine: number): Notice {
  if (notice.start === undefined) return notice;
  const m = LINES_NAMED.exec(notice.message);
  if (!m) return { ...notice, start: notice.start + base };
  const n = (s: string): number => Number(s.replace(/,/g, ''));
  const first = n(m[1] as string);
  const last = m[2] !== undefined ? n(m[2]) : first;
  const shift = firstLine - 1;
  return { ...notice, message: linesOf(first + shift, last + shift) + notice.message.slice(m[0].length), start: notice.start + base };
}

/** The offset of the last character of text[start, end) that is not white space (start if none). */
function lastCharacter(text: string, start: number, end: number): number {
  let at = end - 1;
  while (at > start && /\s/.test(text[at] as string)) at--;
  return Math.max(start, at);
}

/** One notice per reason a Markdown chunk was read as plain text, naming the lines of the first such chunk. */
function plainNotices(text: string, plain: PlainChunk[]): Notice[] {
  const notices: Notice[] = [];
  if (plain.length === 0) return notices;
  const starts = lineStartsOf(text);
  for (const reason of Object.keys(PLAIN_REASONS) as PlainReason[]) {
    const these = plain.filter((p) => p.reason === reason);
    const first = these[0];
    if (!first) continue;
    const more = these.length > 1 ? ` (and ${(these.length - 1).toLocaleString('en-US')} more such ${these.length === 2 ? 'block' : 'blocks'})` : '';
    notices.push({ level: 'warning', message: `${linesOf(toLineColumn(starts, first.start).line, toLineColumn(starts, lastCharacter(text, first.start, first.end)).line)} read as plain text, not Markdown: ${PLAIN_REASONS[reason]}${more}`, start: first.start });
  }
  return notices;
}

/** Narrows a block to its first and last prose character; null when it holds no prose. */
function trimBlock(prose: string, b: RawBlock): RawBlock | null {
  let s = b.start;
  let e = b.end;
  while (s < e && /\s/.test(prose[s] as string)) s++;
  while (e > s && /\s/.test(prose[e - 1] as string)) e--;
  return s < e ? { ...b, start: s, end: e } : null;
}

/** Where to stop a bounded document: the last paragraph break before the limit, if there is one near it. */
function boundAt(text: string, limit: number): number {
  if (text.length <= limit) return text.length;
  const cut = text.lastIndexOf('\n\n', limit - 2);
  let at = cut > limit / 2 ? cut + 2 : limit;
  // Never cut a surrogate pair in half.
  const c = text.charCodeAt(at - 1);
  if (c >= 0xd800 && c <= 0xdbff) at--;
  return at;
}

/** The one copy of `s` kept in `strings`. */
function intern(strings: Map<string, string>, s: string): string {
  const known = strings.get(s);
  if (known !== undefined) return known;
  strings.set(s, s);
  return s;
}

/** Reads a text (its first `maxLength` characters, cut at a paragraph break near there) into the document model used by every rule. */
export function readDocument(source: string, options: ReadOptions): Document {
  const notices: Notice[] = [];
  const limit = boundAt(source, options.maxLength ?? Infinity);
  const length = options.sourceLength ?? source.length;
  if (limit < length) {
    notices.push({
      level: 'warning',
      message: `document is ${length.toLocaleString('en-US')} characters; analysed the first ${limit.toLocaleString('en-US')} (limit ${(options.maxLength ?? 0).toLocaleString('en-US')})`,
    });
  }
  // Only the analysed part is read: the prose mask and everything else are as long as it, not as the source.
  const text = limit < source.length ? source.slice(0, limit) : source;
  const markdown = options.format === 'markdown';
  const builder = new ProseBuilder(text, !markdown);
  let raw: RawBlock[] = [];
  let metadata: Metadata = {};
  if (markdown) {
    const read = readMarkdown(text, builder);
    raw = read.blocks;
    if (read.frontMatter) metadata = readMetadata(read.frontMatter.value, notices);
    notices.push(...plainNotices(text, read.plain));
  }
  const critic = readCriticMarkup(text, text.length, builder);
  const prose = builder.toString();
  if (!markdown) raw = textBlocks(prose, 0, prose.length);

  const trimmed = raw.map((b) => trimBlock(prose, b)).filter((b): b is RawBlock => b !== null);
  const marked = markBoilerplate(prose, trimmed);
  const blocks: Block[] = marked.map((b, index) => ({
    start: b.start,
    end: b.end,
    kind: b.kind,
    blockquote: b.blockquote,
    boilerplate: b.boilerplate !== null,
    boilerplateLabel: b.boilerplate,
    index,
  }));

  const sentences: Sentence[] = [];
  const tokens: Token[] = [];
  const strings = new Map<string, string>();
  for (const block of blocks) {
    if (block.boilerplate) continue;
    for (const r of splitSentences(prose, block.start, block.end)) {
      const index = sentences.length;
      sentences.push({ start: r.start, end: r.end, block: block.index, index });
      for (const t of tokenize(prose, r.start, r.end, index)) {
        // One string per distinct token text and norm: most words repeat, and each copy costs more than the word.
        t.text = intern(strings, t.text);
        t.norm = intern(strings, t.norm);
        tokens.push(t);
      }
    }
  }
  // Token texts come from the prose, whose non-space characters are the source's own.

  const quotes = findQuotes(prose, blocks, sentences);
  const ignores: IgnoreDirective[] = critic.ignores.map((ig) => ({ start: ig.start, end: ig.end, rules: ig.rules, scope: ignoreScope(sentences, blocks, ig.start, ig.end) }));

  return {
    ...(options.path !== undefined ? { path: options.path } : {}),
    format: options.format,
    text,
    prose,
    metadata,
    blocks,
    sentences,
    tokens,
    quotes,
    annotations: critic.annotations,
    ignores,
    notices,
    analysedLength: limit,
  };
}

/**
 * The sentence an ignore comment silences: the one it stands in, else the one it follows in
 * the same block, else the next one.
 */
function ignoreScope(sentences: Sentence[], blocks: Block[], start: number, end: number): { start: number; end: number } {
  let before: Sentence | undefined;
  for (const s of sentences) {
    if (s.start <= start && start < s.end) return { start: s.start, end: s.end };
    if (s.end <= start) before = s;
    else break;
  }
  const block = blocks.find((b) => b.start <= start && start <= b.end);
  if (before && (!block || before.block === block.index)) return { start: before.start, end: before.end };
  const next = sentences.find((s) => s.start >= end);
  if (next) return { start: next.start, end: next.end };
  return before ? { start: before.start, end: before.end } : { start, end };
}
