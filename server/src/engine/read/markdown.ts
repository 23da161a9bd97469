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

/** Reads Markdown source into the prose builder (which must be for the same text). */
export function readMarkdown(text: string, prose: ProseBuilder): MarkdownRead {
  const tree = processor.parse(text) as MdNode;
  const blocks: RawBlock[] = [];
  let frontMatter: MarkdownRead['frontMatter'] = null;

  const keepText = (node: MdNode): void => {
    const start = node.position?.start.offset;
    const end = node.position?.end.offset;
    if (start === undefined || end === undefined) return;
    prose.keep(start, end);
    // Backslash escapes and character references are syntax: blank the backslash and the reference's tail.
    const slice = text.slice(start, end);
    if (slice.includes('\\')) for (const m of slice.matchAll(ESCAPE)) prose.blank(start + (m.index ?? 0), start + (m.index ?? 0) + 1);
    if (slice.includes('&')) for (const m of slice.matchAll(ENTITY)) prose.blank(start + (m.index ?? 0) + 1, start + (m.index ?? 0) + m[0].length);
  };

  const visit = (node: MdNode, inQuote: boolean, parent: string): void => {
    switch (node.type) {
      case 'yaml':
        if (node.position?.start.offset !== undefined && node.value !== undefined) {
          frontMatter = { value: node.value, start: node.position.start.offset };
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
          blocks.push({ start, end, kind, blockquote: inQuote });
        }
        break;
      }
    }
    for (const child of node.children ?? []) visit(child, inQuote || node.type === 'blockquote', node.type);
  };
  visit(tree, false, 'root');
  return { blocks, frontMatter };
}
