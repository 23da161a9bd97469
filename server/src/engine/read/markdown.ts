/**
 * Markdown reader: unified + remark-parse (with front matter and GFM). Produces the prose mask
 * (text nodes kept in place, everything else blanked) and the blocks of prose.
 */
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import type { BlockKind } from '../types.js';
import type { RawBlock } from './prose.js';
import { ProseBuilder, textBlocks } from './prose.js';

interface Position {
  start: { offset?: number };
  end: { offset?: number };
}
interface MdNode {
  type: string;
  value?: string;
  url?: string;
  children?: MdNode[];
  position?: Position;
}

const processor = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(remarkGfm).freeze();
/** For chunks after the first: a `---` there is a thematic break, never front matter. */
const bodyProcessor = unified().use(remarkParse).use(remarkGfm).freeze();

export interface MarkdownRead {
  blocks: RawBlock[];
  /** The YAML front matter's text and range, if any. */
  frontMatter: { value: string; start: number } | null;
  /** Chunks read as plain text because they pass a bound (or overflowed the parser's stack). */
  plain: PlainChunk[];
}

/** Why a chunk was read as plain text. */
export type PlainReason = 'depth' | 'lines' | 'markers' | 'stack' | 'budget';

export interface PlainChunk {
  start: number;
  end: number;
  reason: PlainReason;
}

/**
 * Past these, a chunk is read as plain text instead of being parsed: remark's time grows with
 * the square of a paragraph's lines and of its unmatched inline markers, and with the nesting
 * depth on every line (its recursion overflows the stack some thousands of levels down).
 */
export const MARKDOWN_BOUNDS = {
  /** Containers (block quotes, list items) on one line; indentation before a marker counts one level per two columns. */
  depth: 16,
  /** Lines of one paragraph (or of one run of lines that no list item or heading interrupts). */
  lines: 1000,
  /** Runs of `*`, `_`, `~` or backticks, and `[`, `]`, `<`, in one such run of lines. */
  markers: 500,
  /**
   * What one document may give the parser in all: characters and inline markers (remark reads
   * dense syntax at some tens of KB a second). Past either, the chunks that need it are read as
   * plain text. Ordinary articles give it a few percent of their text (most paragraphs take the
   * fast path).
   */
  documentCharacters: 500_000,
  /** Inline markers as above, and block quote and list item markers. */
  documentMarkers: 20_000,
} as const;

export type MarkdownBounds = { readonly [K in keyof typeof MARKDOWN_BOUNDS]: number };

const ENTITY = /&(?:#\d{1,7}|#x[0-9a-f]{1,6}|[a-z][a-z0-9]{1,31});/gi;
const ESCAPE = /\\[!-/:-@[-`{-~]/g;

/**
 * Reads Markdown source into the prose builder (which must be for the same text).
 *
 * Parsed chunk by chunk, not as one string: the text is cut at blank lines where a new block
 * starts at the margin (never inside front matter or a fenced code block). A chunk with no
 * Markdown syntax at all is one plain paragraph and skips the parser; the others go through
 * remark with their offsets shifted. Constructs that can reach across blank lines (link
 * reference definitions, HTML comments and raw HTML blocks) make the whole text one chunk.
 * A chunk past MARKDOWN_BOUNDS, or one on which the parser overflows its stack, is read as
 * plain text (kept whole, blocks at blank lines) and listed in `plain`.
 */
export function readMarkdown(text: string, prose: ProseBuilder, chunked = true, bounds: MarkdownBounds = MARKDOWN_BOUNDS): MarkdownRead {
  const blocks: RawBlock[] = [];
  const plain: PlainChunk[] = [];
  let frontMatter: MarkdownRead['frontMatter'] = null;
  let spentCharacters = 0;
  let spentMarkers = 0;
  const definitions = chunked ? definitionLines(text) : '';
  // Definitions this cannot move after each chunk: one parse of the whole (still within the bounds).
  const whole = !chunked || definitions === null;
  const readPlain = (start: number, end: number, reason: PlainReason): void => {
    prose.keep(start, end);
    // HTML tags and comments are never prose in Markdown, however the rest reads.
    const chunk = text.slice(start, end);
    if (chunk.includes('<')) for (const m of chunk.matchAll(HTML_TAG)) prose.blank(start + (m.index ?? 0), start + (m.index ?? 0) + m[0].length);
    for (const b of textBlocks(text, start, end)) blocks.push(b);
    plain.push({ start, end, reason });
  };
  /** Parses text[start, end); false (with nothing kept) when the parser runs out of stack or memory. */
  const parse = (start: number, end: number): boolean => {
    const chunk = text.slice(start, end);
    const mark = prose.mark();
    const blockCount = blocks.length;
    try {
      // Definitions from anywhere in the text go after the chunk; what the parser reads there is not kept.
      const source = definitions && chunk.includes('[') ? chunk + definitions : chunk;
      const found = readTree((start === 0 ? processor : bodyProcessor).parse(source) as MdNode, chunk, start, prose, blocks);
      frontMatter ??= found;
      return true;
    } catch (error) {
      if (!(error instanceof RangeError)) throw error;
      prose.rollback(mark);
      blocks.length = blockCount;
      return false;
    }
  };
  // Consecutive chunks that need the parser go to it together, up to GROUP characters at a time.
  let group: [number, number][] = [];
  const flush = (): void => {
    if (group.length === 0) return;
    const first = group[0] as [number, number];
    const last = group[group.length - 1] as [number, number];
    // If the group fails, each chunk is tried alone, so only the one that fails is read as plain text.
    if (!parse(first[0], last[1])) for (const [s, e] of group) if (group.length === 1 || !parse(s, e)) readPlain(s, e, 'stack');
    group = [];
  };
  for (const [start, end] of whole ? [[0, text.length] as [number, number]] : chunks(text)) {
    const chunk = text.slice(start, end);
    if (start === 0 && !whole) {
      const fm = FRONT_MATTER.exec(chunk);
      if (fm && fm[0].length === chunk.length) {
        frontMatter = { value: fm[1] ?? '', start: 0 };
        continue;
      }
    }
    if (start > 0 && (THEMATIC_BREAK.test(chunk) || BLANK.test(chunk))) {
      flush();
      continue;
    }
    const quoted = start > 0 ? simpleQuote(chunk) : null;
    if (quoted) {
      flush();
      prose.keep(start + quoted.start, start + quoted.end);
      for (const [s, e] of quoted.syntax) prose.blank(start + s, start + e);
      blocks.push({ start: start + quoted.start, end: start + quoted.end, kind: 'paragraph', blockquote: true });
      continue;
    }
    const list = start > 0 ? simpleList(chunk) : null;
    if (list) {
      flush();
      for (const [s, e] of list.items) {
        prose.keep(start + s, start + e);
        blocks.push({ start: start + s, end: start + e, kind: 'listItem', blockquote: false });
      }
      for (const [s, e] of list.syntax) prose.blank(start + s, start + e);
      continue;
    }
    const simple = start > 0 ? simpleBlock(chunk) : null;
    if (simple) {
      flush();
      const trimmed = start + chunk.trimEnd().length;
      prose.keep(start, trimmed);
      for (const [s, e] of simple.syntax) prose.blank(start + s, start + e);
      // A block starts at its first non-blank character, as remark counts it.
      blocks.push({ start: start + (chunk.length - chunk.trimStart().length), end: trimmed, kind: simple.kind, blockquote: false });
      continue;
    }
    const over = chunked ? overBounds(text, start, end, bounds) : 0;
    if (typeof over === 'string') {
      flush();
      readPlain(start, end, over);
      continue;
    }
    spentCharacters += end - start;
    spentMarkers += over;
    if (spentCharacters > bounds.documentCharacters || spentMarkers > bounds.documentMarkers) {
      flush();
      readPlain(start, end, 'budget');
      continue;
    }
    const first = group[0];
    if (first === undefined || end - first[0] > GROUP) flush();
    group.push([start, end]);
  }
  flush();
  return { blocks, frontMatter, plain };
}

/** A container marker (with the white space before it): `>`, or a list item's bullet or number. */
const CONTAINER = /[ \t]*(?:>|(?:[-*+]|\d{1,9}[.)])(?=[ \t\r\n]|$))/y;
/** A list item that ends any paragraph before it: a bullet or `1.`, at most three spaces in, with content. */
const NEW_ITEM = / {0,3}(?:[-*+]|0{0,8}1[.)])[ \t]+\S/y;
/** An ATX heading or a fence line: they end any paragraph before them (after the container markers). */
const NEW_BLOCK = / {0,3}(?:#{1,6}(?:[ \t\r]|$)|`{3,}[^`\n]*$|~{3,})/y;
/**
 * A raw HTML block that only a blank line ends (CommonMark's sixth kind), at the margin: remark
 * reads no inline syntax in it, so its markers are not counted until a blank or fence line.
 */
const HTML_BLOCK =
  /<\/?(?:address|article|aside|base|basefont|blockquote|body|caption|center|col|colgroup|dd|details|dialog|dir|div|dl|dt|fieldset|figcaption|figure|footer|form|frame|frameset|h[1-6]|head|header|hr|html|iframe|legend|li|link|main|menu|menuitem|nav|noframes|ol|optgroup|option|p|param|search|section|summary|table|tbody|td|tfoot|th|thead|title|tr|track|ul)(?:[ \t\r>]|\/>|$)/iy;
/** An HTML tag or a one-line comment, blanked in a chunk read as plain text. */
const HTML_TAG = /<\/?[a-z][a-z0-9-]*(?:[ \t][^<>\n]*)?\/?>|<!--[^\n]*?-->/gi;
/** What makes remark's inline pass slow when it does not match up. */
const MARKERS = /[*_~`]+|[[\]<]/g;

/**
 * Which of MARKDOWN_BOUNDS text[start, end) passes, or else how many markers (inline and container) it holds: a
 * linear scan of its lines that errs on the side of counting too much (a paragraph's count is
 * reset only where a list item, heading, fence or blank line certainly ends it).
 */
export function overBounds(text: string, start: number, end: number, bounds: MarkdownBounds = MARKDOWN_BOUNDS): PlainReason | number {
  let lines = 0;
  let markers = 0;
  let total = 0;
  let html = false;
  for (let at = start; at < end; ) {
    let eol = text.indexOf('\n', at);
    if (eol < 0 || eol > end) eol = end;
    // Indentation before the first marker counts one level per two columns (a tab is four).
    let p = at;
    let columns = 0;
    for (let c = text.charCodeAt(p); p < eol && (c === 32 || c === 9); c = text.charCodeAt(++p)) columns += c === 9 ? 4 : 1;
    let depth = 0;
    CONTAINER.lastIndex = p;
    for (let m = CONTAINER.exec(text); m !== null && CONTAINER.lastIndex <= eol; m = CONTAINER.exec(text)) {
      depth += depth === 0 ? 1 + (columns >> 1) : 1;
      total++;
      if (depth > bounds.depth) return 'depth';
      p = CONTAINER.lastIndex;
    }
    if (depth === 0) p = at;
    const line = text.slice(p, eol);
    const blank = line.trim() === '';
    NEW_ITEM.lastIndex = at;
    NEW_BLOCK.lastIndex = 0;
    if (blank || NEW_ITEM.test(text) || NEW_BLOCK.test(line)) {
      lines = 0;
      markers = 0;
      html = false;
    }
    HTML_BLOCK.lastIndex = at;
    if (depth === 0 && HTML_BLOCK.test(text)) html = true;
    if (!blank && !html) {
      if (++lines > bounds.lines) return 'lines';
      // Counted one by one, not matched all at once: a line may hold millions.
      MARKERS.lastIndex = 0;
      while (MARKERS.exec(line) !== null) {
        total++;
        if (++markers > bounds.markers) return 'markers';
      }
    }
    at = eol + 1;
  }
  return total;
}

/** Characters given to the parser at once: large enough to amortise its set-up, small enough to stay linear. */
const GROUP = 32_768;

/** A link reference (or footnote) definition on one line at the margin. */
const DEFINITION = /^ {0,3}\[(?:[^\]\\\n]|\\.)+\]:.*$/;
/** Anything that may be a definition, in a container or indented too. */
const MAYBE_DEFINITION = /^[ \t>*+\-\d.)]*\[(?:[^\]\\\n]|\\.)+\]:/;

/**
 * The text to parse after each chunk so that references resolve as in one parse of the whole:
 * the definitions, each after a blank line; '' when there are none; null when one may be a
 * definition in a way this does not follow (inside a container, after a paragraph line, with a
 * title on the next line...) or when they are too many, and the text must be parsed whole.
 */
export function definitionLines(text: string): string | null {
  if (!text.includes(']:')) return '';
  const found: string[] = [];
  const raw: RawState = { fence: null, html: null };
  let previous: 'blank' | 'definition' | 'other' = 'blank';
  for (const piece of text.split('\n')) {
    const line = piece.replace(/\r$/, '');
    const blank = line.trim() === '';
    if (previous === 'definition' && !blank && !DEFINITION.test(line)) return null;
    if (rawStep(raw, line) === null && previous !== 'other' && DEFINITION.test(line)) {
      found.push(line.trim());
      previous = 'definition';
      continue;
    }
    if (MAYBE_DEFINITION.test(line) && raw.fence === null && raw.html === null) return null;
    previous = blank ? 'blank' : 'other';
  }
  if (found.length === 0) return '';
  const suffix = '\n\n' + found.join('\n\n') + '\n';
  // Parsed again after every group of chunks: past a size, one parse of the whole costs less.
  if (suffix.length > GROUP) return null;
  // Each must read as a definition on its own (a destination, a title if any, nothing after).
  const tree = bodyProcessor.parse(suffix) as MdNode;
  const read = (tree.children ?? []).filter((n) => n.type === 'definition' || n.type === 'footnoteDefinition');
  return read.length === found.length && read.length === (tree.children ?? []).length ? suffix : null;
}

/**
 * Raw HTML blocks that a blank line does not end (CommonMark's first five kinds), by the start
 * of their first line, with what ends them: the text is not cut from there to the line that holds it.
 */
const HTML_UNTIL: readonly [RegExp, RegExp][] = [
  [/^ {0,3}<(?:pre|script|style|textarea)(?:[ \t>]|\r?\n|$)/i, /<\/(?:pre|script|style|textarea)>/i],
  [/^ {0,3}<!--/, /-->/],
  [/^ {0,3}<\?/, /\?>/],
  [/^ {0,3}<![a-z]/i, />/],
  [/^ {0,3}<!\[CDATA\[/, /\]\]>/],
];
/** A chunk that starts like a paragraph line (not a list, quote, table, fence or indented code); '#' is checked apart. */
const PLAIN_START = /^(?! {0,3}(?:[>+|=~`-]|\*+(?:[ \t]|$)|\*{3}|\d{1,9}[.)]))(?! {0,3}\t| {4})/;
/** YAML front matter as remark-frontmatter reads it: `---` lines around it at the very start. */
const FRONT_MATTER = /^---[ \t]*\r?\n(?:([^]*?)\r?\n)?---[ \t]*(?:\r?\n|$)/;
/** A `---` line at the very start with no closing line: remark-frontmatter then reads no list in the whole text, so it must parse it all. */
const UNCLOSED_FRONT_MATTER = /^---[ \t]*\r?\n(?![^]*?\n---[ \t]*(?:\r?\n|$))/;
/** A chunk of blank lines (as after front matter): nothing to read. */
const BLANK = /^[ \t\r\n]*$/;
/** A chunk that is only a thematic break. */
const THEMATIC_BREAK = /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*\s*$/;
/** Syntax the fast path leaves to the parser: code, HTML and autolinks, escapes, entities, tables, strikethrough, block starts on later lines. */
const HARD = /[`\\|~]|<[a-z/!?]|&(?:#\d+|#x[\da-f]+|[a-z][a-z\d]*);|www\.|:\/\/|@|\n {0,3}(?:[#>*+|=~`_-]|\d{1,9}[.)])|\n(?: {4}|\t)/i;
const ATX = /^ {0,3}(#{1,6})(?:[ \t]+|$)/;
const ATX_CLOSE = /[ \t]+#+[ \t]*$|^#+[ \t]*$/;
/** An inline link with plain text (emphasis in it is read after) and a plain destination: [text](url). */
const LINK = /(?<!!)\[([^[\]\n\\]+)\]\(([^\s()<>\\]*)\)/g;
/** An inline image with a plain description and destination: ![alt](url). None of it is prose. */
const IMAGE = /!\[[^[\]\n*_\\]*\]\([^\s()<>\\]*\)/g;
/** A list item line: a bullet or ordered marker, one space, then its content. */
const LIST_ITEM = /^([-*+]|\d{1,9}[.)]) (?=\S)/;
/** Emphasis whose delimiters are flanking by CommonMark's rules: no letters or digits outside them, no white space inside. */
const EMPHASIS = /(?<![\p{L}\p{N}*_\\])(\*\*|__|\*|_)(?=[^\s*_])([^*_\n]*?[^\s*_\\])\1(?![\p{L}\p{N}*_])/gu;

/**
 * A chunk simple enough to read without the parser: one paragraph or ATX heading whose only
 * syntax is plain inline links and unambiguous emphasis. Returns the syntax ranges to blank
 * (relative to the chunk), or null to leave the chunk to remark. Property tests compare the
 * result with remark's on random Markdown.
 */
export function simpleBlock(chunk: string): { kind: BlockKind; syntax: [number, number][] } | null {
  const body = chunk.trimEnd();
  if (body.length === 0 || !PLAIN_START.test(body)) return null;
  // Link destinations may hold "://" and "@"; look for hard syntax in the text around them.
  const blankedOut = (m: string): string => ' '.repeat(m.length);
  if (HARD.test(body.includes('](') ? body.replace(IMAGE, blankedOut).replace(LINK, blankedOut) : body)) return null;
  const syntax: [number, number][] = [];
  let kind: BlockKind = 'paragraph';
  let text = body;
  if (text.includes('![')) {
    text = text.replace(IMAGE, (m: string, at: number) => {
      syntax.push([at, at + m.length]);
      return blankedOut(m);
    });
  }
  const atx = ATX.exec(body);
  if (atx) {
    if (body.includes('\n')) return null;
    kind = 'heading';
    const open = atx[0].length;
    syntax.push([0, open]);
    const close = ATX_CLOSE.exec(body.slice(open));
    const end = close ? open + close.index : body.length;
    if (close) syntax.push([end, body.length]);
    text = ' '.repeat(open) + body.slice(open, end);
  } else if (/^ {0,3}#/.test(body)) return null;
  if (text.includes('[') || text.includes(']')) {
    text = text.replace(LINK, (m: string, label: string, _url: string, at: number) => {
      syntax.push([at, at + 1], [at + 1 + label.length, at + m.length]);
      return ' ' + label + ' '.repeat(m.length - label.length - 1);
    });
    if (text.includes('[') || text.includes(']')) return null;
  }
  if (text.includes('*') || text.includes('_')) {
    text = text.replace(EMPHASIS, (m: string, mark: string, inner: string, at: number) => {
      syntax.push([at, at + mark.length], [at + mark.length + inner.length, at + m.length]);
      return ' '.repeat(mark.length) + inner + ' '.repeat(mark.length);
    });
    if (text.includes('*') || text.includes('_')) return null;
  }
  return { kind, syntax };
}

/**
 * A chunk that is one tight list of one-line items, each a simple paragraph, all with the same
 * marker (so no item can read as the continuation of the one before). Returns each item's
 * content range and the syntax to blank, relative to the chunk.
 */
export function simpleList(chunk: string): { items: [number, number][]; syntax: [number, number][] } | null {
  const body = chunk.trimEnd();
  const first = LIST_ITEM.exec(body);
  if (!first) return null;
  const marker = first[1] as string;
  // An ordered list that does not start at 1 may not interrupt what comes before; leave it to the parser.
  if (/^\d/.test(marker) && !/^0*1[.)]$/.test(marker)) return null;
  const items: [number, number][] = [];
  const syntax: [number, number][] = [];
  let at = 0;
  for (const line of body.split('\n')) {
    const m = LIST_ITEM.exec(line);
    if (!m || (m[1] as string).replace(/^\d+/, '1') !== marker.replace(/^\d+/, '1')) return null;
    const content = line.slice(m[0].length);
    const simple = simpleBlock(content);
    if (!simple || simple.kind !== 'paragraph' || content.trimEnd().length === 0) return null;
    const start = at + m[0].length;
    items.push([start, start + content.trimEnd().length]);
    for (const [s, e] of simple.syntax) syntax.push([start + s, start + e]);
    at += line.length + 1;
  }
  return { items, syntax };
}

/**
 * A blockquote chunk whose every line starts with `>` and whose content is a simple paragraph.
 * Returns the paragraph's range and the syntax to blank, relative to the chunk.
 */
export function simpleQuote(chunk: string): { start: number; end: number; syntax: [number, number][] } | null {
  const body = chunk.trimEnd();
  if (!body.startsWith('>') && !/^ {1,3}>/.test(body)) return null;
  const syntax: [number, number][] = [];
  let inner = '';
  let at = 0;
  for (const line of body.split('\n')) {
    const m = /^ {0,3}> ?/.exec(line);
    if (!m) return null;
    syntax.push([at, at + m[0].length]);
    inner += ' '.repeat(m[0].length) + line.slice(m[0].length) + '\n';
    at += line.length + 1;
  }
  inner = inner.slice(0, -1);
  const lead = /^\s*/.exec(inner)?.[0].length ?? 0;
  // The content must read as a paragraph on its own, with no blank or tabbed line.
  if (lead === inner.length || /\t/.test(inner) || /^\s*$/m.test(inner)) return null;
  const simple = simpleBlock(inner);
  if (!simple || simple.kind !== 'paragraph' || /\n {0,3}> ?\s*[>#*+=`~|-]/.test(body) || /^ {0,3}> ?\s*(?:[>#+=`~|-]|\*+\s|\d{1,9}[.)])/.test(body)) return null;
  return { start: lead, end: body.length, syntax: [...syntax, ...simple.syntax] };
}

/** Whether the lines so far leave a fenced code block or a raw HTML block (one a blank line does not end) open. */
interface RawState {
  fence: string | null;
  html: RegExp | null;
}

/** Steps over a line: 'inside' when it is in (or closes) a fenced code or raw HTML block, 'opens' when it opens one. */
function rawStep(state: RawState, line: string): 'inside' | 'opens' | null {
  if (state.html !== null) {
    if (state.html.test(line)) state.html = null;
    return 'inside';
  }
  const f = /^ {0,3}(`{3,}|~{3,})/.exec(line);
  if (state.fence !== null) {
    if (f && (f[1] as string)[0] === state.fence[0] && (f[1] as string).length >= state.fence.length && line.trim() === f[1]) state.fence = null;
    return 'inside';
  }
  if (f) {
    state.fence = f[1] as string;
    return 'opens';
  }
  const until = line.includes('<') ? HTML_UNTIL.find(([start]) => start.test(line)) : undefined;
  if (until && !until[1].test(line.slice(line.indexOf('<') + 1))) {
    state.html = until[1];
    return 'opens';
  }
  return null;
}

/** Chunk boundaries: [start, end) pairs covering the text. */
export function chunks(text: string): [number, number][] {
  if (UNCLOSED_FRONT_MATTER.test(text)) return [[0, text.length]];
  const out: [number, number][] = [];
  let start = 0;
  let at = 0;
  // Front matter is a chunk of its own, whatever blank lines it holds.
  const fm = FRONT_MATTER.exec(text);
  if (fm) {
    at = fm[0].length;
    out.push([0, at]);
    start = at;
  }
  const raw: RawState = { fence: null, html: null };
  const lines = /[^\n]*\n?/g;
  lines.lastIndex = at;
  let previousBlank = false;
  for (let m = lines.exec(text); m !== null && m[0].length > 0; m = lines.exec(text)) {
    const line = m[0];
    const lineStart = m.index;
    if (rawStep(raw, line) === 'inside') {
      previousBlank = false;
      continue;
    }
    const blank = line.trim() === '';
    if (previousBlank && !blank && lineStart > start && /^\S/.test(line)) {
      out.push([start, lineStart]);
      start = lineStart;
    }
    previousBlank = blank;
  }
  if (start < text.length || out.length === 0) out.push([start, text.length]);
  return out;
}

function readTree(tree: MdNode, chunk: string, base: number, prose: ProseBuilder, blocks: RawBlock[]): MarkdownRead['frontMatter'] {
  let frontMatter: MarkdownRead['frontMatter'] = null;

  const keepText = (node: MdNode): void => {
    const start = node.position?.start.offset;
    const end = node.position?.end.offset;
    if (start === undefined || end === undefined) return;
    prose.keep(base + start, base + end);
    // Backslash escapes and character references are syntax: blank the backslash and the reference's tail.
    const slice = chunk.slice(start, end);
    const at = base + start;
    if (slice.includes('\\')) for (const m of slice.matchAll(ESCAPE)) prose.blank(at + (m.index ?? 0), at + (m.index ?? 0) + 1);
    if (slice.includes('&')) for (const m of slice.matchAll(ENTITY)) prose.blank(at + (m.index ?? 0) + 1, at + (m.index ?? 0) + m[0].length);
  };

  const visit = (node: MdNode, inQuote: boolean, parent: string): void => {
    // Past the chunk: the definitions parsed after it.
    if ((node.position?.start.offset ?? 0) >= chunk.length && node.type !== 'root') return;
    switch (node.type) {
      case 'yaml':
        if (node.position?.start.offset !== undefined && node.value !== undefined) {
          frontMatter = { value: node.value, start: base + node.position.start.offset };
        }
        return;
      case 'code':
      case 'inlineCode':
      case 'html':
      case 'definition':
      case 'footnoteDefinition':
      case 'image':
      case 'imageReference':
      case 'thematicBreak':
        return;
      case 'text':
        keepText(node);
        return;
      case 'link': {
        // A bare URL (GFM autolink literal or <https://...>) is not prose.
        const only = node.children?.length === 1 ? node.children[0] : undefined;
        const v = only?.type === 'text' ? (only.value ?? '') : null;
        if (v !== null && node.url !== undefined && (node.url === v || node.url.endsWith('//' + v) || node.url === 'mailto:' + v || /^(https?:|www\.|mailto:)/i.test(v))) return;
        break;
      }
      case 'paragraph':
      case 'heading':
      case 'tableCell': {
        const start = node.position?.start.offset;
        const end = node.position?.end.offset;
        if (start !== undefined && end !== undefined) {
          const kind: BlockKind = node.type === 'heading' ? 'heading' : node.type === 'tableCell' ? 'tableCell' : parent === 'listItem' ? 'listItem' : 'paragraph';
          blocks.push({ start: base + start, end: base + end, kind, blockquote: inQuote });
        }
        break;
      }
    }
    for (const child of node.children ?? []) visit(child, inQuote || node.type === 'blockquote', node.type);
  };
  visit(tree, false, 'root');
  return frontMatter;
}
