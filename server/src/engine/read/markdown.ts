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
import { ProseBuilder } from './prose.js';

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

export interface MarkdownRead {
  blocks: RawBlock[];
  /** The YAML front matter's text and range, if any. */
  frontMatter: { value: string; start: number } | null;
}

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
 */
export function readMarkdown(text: string, prose: ProseBuilder, chunked = true): MarkdownRead {
  const blocks: RawBlock[] = [];
  let frontMatter: MarkdownRead['frontMatter'] = null;
  for (const [start, end] of chunked ? chunks(text) : [[0, text.length] as [number, number]]) {
    const chunk = text.slice(start, end);
    if (start > 0 && PLAIN_PARAGRAPH.test(chunk) && !hasSyntax(chunk)) {
      const trimmed = start + chunk.trimEnd().length;
      prose.keep(start, trimmed);
      blocks.push({ start, end: trimmed, kind: 'paragraph', blockquote: false });
      continue;
    }
    const read = readTree(processor.parse(chunk) as MdNode, chunk, start, prose, blocks);
    frontMatter ??= read;
  }
  return { blocks, frontMatter };
}

/** Needs the whole text at once: link reference definitions, HTML comments, raw HTML blocks. */
const WHOLE = /^ {0,3}\[[^\]\n]+\]:|<!--|<(?:pre|script|style|textarea)\b|^ {0,3}<\/?[a-z][a-z0-9-]*(?:\s|\/?>|$)/im;
/** A chunk that starts like a paragraph line (not a heading, list, quote, table, fence or indented code). */
const PLAIN_PARAGRAPH = /^(?! {0,3}(?:[#>*+|=~`-]|\d{1,9}[.)]))(?! {4}|\t)/;
/** Characters or sequences that may be Markdown syntax inside a paragraph, or start a block on a later line. */
const SYNTAX = /[*_`[\]<>!\\&~|]|www\.|:\/\/|@|\n {0,3}(?:[#>*+|=~`-]|\d{1,9}[.)])/;

function hasSyntax(chunk: string): boolean {
  return SYNTAX.test(chunk);
}

/** Chunk boundaries: [start, end) pairs covering the text. */
function chunks(text: string): [number, number][] {
  if (WHOLE.test(text)) return [[0, text.length]];
  const out: [number, number][] = [];
  let start = 0;
  let at = 0;
  // Front matter stays in the first chunk, whatever blank lines it holds.
  if (/^---\r?\n/.test(text)) {
    const close = /\n(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/g;
    close.lastIndex = 3;
    const m = close.exec(text);
    if (m) at = m.index + m[0].length;
  }
  let fence: string | null = null;
  const lines = /[^\n]*\n?/g;
  lines.lastIndex = at;
  let previousBlank = false;
  for (let m = lines.exec(text); m !== null && m[0].length > 0; m = lines.exec(text)) {
    const line = m[0];
    const lineStart = m.index;
    const f = /^ {0,3}(`{3,}|~{3,})/.exec(line);
    if (fence !== null) {
      if (f && (f[1] as string)[0] === fence[0] && (f[1] as string).length >= fence.length && line.trim() === f[1]) fence = null;
      previousBlank = false;
      continue;
    }
    if (f) fence = f[1] as string;
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
        if (only?.type === 'text' && node.url !== undefined && (node.url.includes(only.value ?? '\u0000') || /^(https?:|www\.|mailto:)/i.test(only.value ?? ''))) return;
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
