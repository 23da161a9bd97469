/**
 * Benchmark corpora built from the sample articles in `samples/` (or, when there are none,
 * synthetic paragraphs from a small word list), in Markdown and plain-text versions.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';

export interface Article {
  /** File name, e.g. "op-ed.md". */
  name: string;
  format: 'markdown' | 'text';
  /** The file as written. */
  source: string;
  /** The same article as plain text (Markdown syntax and front matter removed). */
  plain: string;
}

export const utf8Bytes = (s: string): number => Buffer.byteLength(s, 'utf8');

const WORD = /[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu;
export const wordCount = (s: string): number => (s.match(WORD) ?? []).length;

/** Front matter at the very start of a Markdown file. */
const FRONT_MATTER = /^---\r?\n[\s\S]*?\r?\n(?:---|\.\.\.)\r?\n/;

/** Markdown without its front matter. */
export function stripFrontMatter(md: string): string {
  return md.replace(FRONT_MATTER, '');
}

/** A rough Markdown → plain text conversion: enough to give the text reader prose, not syntax. */
export function markdownToPlain(md: string): string {
  return stripFrontMatter(md)
    .replace(/```[\s\S]*?```/g, '')
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/^\s{0,3}#{1,6}\s+/gm, '')
    .replace(/^\s{0,3}>\s?/gm, '')
    .replace(/^\s{0,3}[-*+]\s+/gm, '')
    .replace(/^\s{0,3}(?:[-*_]\s*){3,}$/gm, '')
    .replace(/(\*\*|__)(.+?)\1/g, '$2')
    .replace(/(^|[^\w*])[*_]([^*_\n]+)[*_](?=[^\w*]|$)/g, '$1$2')
    .replace(/`([^`]*)`/g, '$1')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** The sample articles (.md and .txt, not README), sorted by name; empty when there are none. */
export function loadSamples(dir: string): Article[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((n) => /\.(md|txt)$/i.test(n) && !/^readme\b/i.test(n))
    .sort()
    .map((name) => {
      const source = readFileSync(path.join(dir, name), 'utf8');
      const format = name.toLowerCase().endsWith('.md') ? 'markdown' : 'text';
      return { name, format, source, plain: format === 'markdown' ? markdownToPlain(source) : source.trim() } satisfies Article;
    })
    .filter((a) => a.plain.length > 0);
}

const WORDS = (
  'the government said officials minister council report week city people state police court election vote ' +
  'policy budget law plan talks border troops aid market prices workers union school hospital water power ' +
  'would could after before while because according spokesman statement ministry agency analysts critics ' +
  'supporters residents protesters lawmakers opposition party leader president regime radical slammed claimed ' +
  'admitted massive unprecedented brutal crisis chaos so-called insisted extremist thug shocking disastrous'
).split(' ');

/** A deterministic pseudo-random generator (mulberry32), so synthetic corpora and hostile inputs repeat exactly. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Synthetic articles: headline plus paragraphs of sentences from the word list, some quoted. */
export function syntheticArticles(count: number, seed = 1): Article[] {
  const rnd = seededRandom(seed);
  const pick = (): string => WORDS[Math.floor(rnd() * WORDS.length)] as string;
  const sentence = (): string => {
    const n = 8 + Math.floor(rnd() * 18);
    const words = Array.from({ length: n }, pick);
    const s = words.join(' ');
    const text = s.charAt(0).toUpperCase() + s.slice(1) + '.';
    return rnd() < 0.15 ? `“${text}” the ${pick()} said.` : text;
  };
  const out: Article[] = [];
  for (let i = 0; i < count; i++) {
    const title = sentence().replace(/[.”]+$/, '');
    const paragraphs = Array.from({ length: 10 + Math.floor(rnd() * 8) }, () => Array.from({ length: 2 + Math.floor(rnd() * 4) }, sentence).join(' '));
    const plain = [title, ...paragraphs].join('\n\n');
    const source = `---\ntitle: "${title.replace(/"/g, "'")}"\noutlet: Synthetic\n---\n\n# ${title}\n\n${paragraphs.join('\n\n')}\n`;
    out.push({ name: `synthetic-${i + 1}.md`, format: 'markdown', source, plain });
  }
  return out;
}

/**
 * Repeats `pieces` (in order, cycling) joined by blank lines until the result has at least
 * `minBytes` UTF-8 bytes.
 */
export function repeatTo(pieces: readonly string[], minBytes: number): string[] {
  if (pieces.length === 0) throw new Error('nothing to repeat');
  const out: string[] = [];
  let bytes = 0;
  for (let i = 0; bytes < minBytes; i++) {
    const p = pieces[i % pieces.length] as string;
    out.push(p);
    bytes += utf8Bytes(p) + 2;
  }
  return out;
}

/** Groups pieces, in order, into documents of about `targetBytes` each (joined by blank lines). */
export function chunk(pieces: readonly string[], targetBytes: number): string[] {
  const docs: string[] = [];
  let current: string[] = [];
  let bytes = 0;
  for (const p of pieces) {
    current.push(p);
    bytes += utf8Bytes(p) + 2;
    if (bytes >= targetBytes) {
      docs.push(current.join('\n\n'));
      current = [];
      bytes = 0;
    }
  }
  if (current.length > 0) docs.push(current.join('\n\n'));
  return docs;
}

/** About `words` words: paragraphs of the pieces, cycling, cut at the paragraph that reaches the count. */
export function articleOfWords(pieces: readonly string[], words: number): string {
  const paragraphs = pieces.flatMap((p) => p.split(/\n{2,}/)).filter((p) => p.trim() !== '');
  if (paragraphs.length === 0) throw new Error('no paragraphs');
  const out: string[] = [];
  let n = 0;
  for (let i = 0; n < words; i++) {
    const p = paragraphs[i % paragraphs.length] as string;
    out.push(p);
    n += wordCount(p);
  }
  return out.join('\n\n') + '\n';
}
