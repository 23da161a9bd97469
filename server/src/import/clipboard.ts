/**
 * A new article from pasted text: the lines that are page furniture (the engine's boilerplate
 * cues: subscribe prompts, share widgets, cookie notices...) are moved into one HTML comment at
 * the end, so nothing pasted is lost, and front matter is guessed from the text (title from the
 * first short line, author from a "By X" line, date from a line that is only a date) for the
 * reader to correct. Pure: text in, Markdown out.
 */
import { markBoilerplate } from '../engine/read/boilerplate.js';
import type { RawBlock } from '../engine/read/prose.js';
import { frontMatter, type ArticleMeta } from './front-matter.js';
import { isoDate } from './dates.js';

/** A title is one line of at most this many characters, not ending like a sentence. */
const MAX_TITLE = 160;
const BYLINE = /^[Bb][Yy]\s+([\p{Lu}][\p{L}.'’-]*(?:\s+(?:and\s+)?[\p{Lu}][\p{L}.'’-]*){0,5})\s*(?:[,|·–—-].{0,80})?$/u;
const DATE_LINE = /^(?:(?:published|updated|posted)(?: on)?:?\s+)?([\p{L}\d ,./:-]{6,40})$/iu;

/** A month's name or a numeric date: Date.parse alone accepts too much ("Tram line 4 2025"). */
const LOOKS_LIKE_DATE = /\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?(?![a-z])|^\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}\b/i;

export interface ClipboardArticle {
  markdown: string;
  meta: ArticleMeta;
  /** How many lines went into the comment at the end. */
  boilerplateLines: number;
}

/** Blocks: runs of non-blank lines. */
function blocksOf(text: string): RawBlock[] {
  const blocks: RawBlock[] = [];
  const re = /[^\n]*\S[^\n]*(?:\n[^\n]*\S[^\n]*)*/g;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) blocks.push({ start: m.index, end: m.index + m[0].length, kind: 'paragraph', blockquote: false });
  return blocks;
}

/** Pasted text → a Markdown article with guessed front matter and the furniture in a comment at the end. */
export function articleFromClipboard(pasted: string): ClipboardArticle {
  const text = pasted.replace(/\r\n?/g, '\n').replace(/\t/g, ' ');
  const marked = markBoilerplate(text, blocksOf(text));
  const kept: string[] = [];
  const furniture: string[] = [];
  for (const b of marked) {
    const body = text.slice(b.start, b.end).replace(/[ \u00a0]+$/gm, '');
    (b.boilerplate === null ? kept : furniture).push(body.trim());
  }
  // A title, byline and date pasted on consecutive lines: the first block, when it is a few lines, is read line by line.
  const first = kept[0]?.split('\n') ?? [];
  if (first.length > 1 && first.length <= 4) kept.splice(0, 1, ...first.map((l) => l.trim()).filter((l) => l !== ''));
  const meta: ArticleMeta = {};
  // The first lines are where a title, byline and date stand.
  const head = kept.slice(0, 6);
  const used = new Set<number>();
  head.forEach((block, i) => {
    if (block.includes('\n')) return;
    const by = BYLINE.exec(block);
    if (meta.author === undefined && by) {
      meta.author = (by[1] as string).trim();
      used.add(i);
      return;
    }
    const date = DATE_LINE.exec(block);
    const iso = date && /\d{4}/.test(block) && LOOKS_LIKE_DATE.test(date[1] as string) ? isoDate(date[1]) : undefined;
    if (meta.date === undefined && iso !== undefined) {
      meta.date = iso;
      used.add(i);
    }
  });
  const titleAt = head.findIndex((b, i) => !used.has(i) && !b.includes('\n') && b.length <= MAX_TITLE && !/[.:;,]$/.test(b));
  if (titleAt >= 0) meta.title = (head[titleAt] as string).replace(/^#+\s*/, '');
  const body = kept.map((b, i) => (i === titleAt ? `# ${meta.title}` : used.has(i) ? null : b)).filter((b): b is string => b !== null);
  const guessed = frontMatter({ ...meta }).replace(/^---\n/, '---\n# Guessed from the pasted text: please check. Add outlet: and url: if you know them.\n');
  const matter = guessed === '' ? '---\n# Guessed from the pasted text: nothing found. Add title:, outlet:, author:, date: and url: if you know them.\n---\n\n' : guessed;
  // The byline and date lines are kept too, in the comment, so the pasted text is all there.
  const moved = [...[...used].map((i) => head[i] as string), ...furniture];
  const comment = moved.length === 0 ? '' : `\n<!-- Slant: lines from the pasted text that are not article text\n\n${moved.map((l) => l.replace(/--+>?/g, (d) => d.split('').join(' '))).join('\n\n')}\n-->\n`;
  return { markdown: `${matter}${body.join('\n\n')}\n${comment}`, meta, boilerplateLines: furniture.length };
}
