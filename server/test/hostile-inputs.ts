/**
 * Generated hostile inputs (issue "Bounded time and memory on any input"): each pattern makes a
 * text of about the size asked for, shaped the way an attacker, a machine-made page or a pasted
 * transcript would shape it. Shared by the hostile-input tests (`hostile-*.test.ts`, bounded
 * sizes, asserting completion and notices) and the scaling section of `npm run bench` (time at
 * 50, 100, 200 and 400 KB, growth per doubling).
 */
import type { Format } from '../src/engine/index.js';
import { seededRandom } from '../../scripts/lib/corpus.js';

export interface HostilePattern {
  /** A short, stable name (table rows, test names). */
  name: string;
  format: Format;
  /** A text of about `bytes` characters (never empty). */
  make(bytes: number): string;
}

/** `unit` repeated until the text reaches `bytes` characters. */
export function repeatUnit(unit: string, bytes: number): string {
  return unit.repeat(Math.max(1, Math.ceil(bytes / unit.length)));
}

/** A word of `n` letters (lower case; capitalised when `cap`). */
export function longWord(n: number, cap = false): string {
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  let w = '';
  for (let i = 0; i < n; i++) w += letters[(i * 7 + 3) % 26];
  return cap ? w[0]!.toUpperCase() + w.slice(1) : w;
}

/** Random letters with sentence punctuation and quote marks, no structure at all. */
function randomLetters(bytes: number, seed: number): string {
  const rnd = seededRandom(seed);
  const alphabet = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
  const punct = ['. ', ', ', '; ', '! ', '? ', '"', "'", ' ', ' ', ' '];
  const out: string[] = [];
  let n = 0;
  while (n < bytes) {
    const piece = rnd() < 0.75 ? alphabet[Math.floor(rnd() * alphabet.length)]! : punct[Math.floor(rnd() * punct.length)]!;
    out.push(piece);
    n += piece.length;
  }
  return out.join('');
}

const SPEECH_VERBS = ['said', 'told', 'added', 'warned', 'argued', 'insisted', 'wrote', 'claimed', 'according to', 'tweeted'];

/**
 * Every row of the table, plus the extra shapes it names. Sizes of the tiny rows (the
 * first two) are reached by repeating them as separate lines, so each line keeps its shape.
 */
export const HOSTILE_PATTERNS: readonly HostilePattern[] = [
  { name: 'said-long-word-slash', format: 'text', make: (b) => repeatUnit(`x, said ${longWord(56)}/\n`, b) },
  { name: 'said-compound-name', format: 'text', make: (b) => repeatUnit(`Prices will rise, said ${Array.from({ length: 10 }, (_, i) => longWord(4 + i, true)).join('-')} (ABC).\n`, b) },
  { name: 'figures-1-comma', format: 'text', make: (b) => repeatUnit('1,', b) },
  { name: 'so-quotes-one-line', format: 'text', make: (b) => repeatUnit('he "so" ', b) },
  { name: 'random-letters-punct', format: 'text', make: (b) => randomLetters(b, 42) },
  { name: 'criticmarkup-substitutions', format: 'markdown', make: (b) => repeatUnit('{~~a~>b~~} ', b) },
  {
    name: 'nested-emphasis',
    format: 'markdown',
    make: (b) => {
      const depth = Math.max(1, Math.floor(b / 8));
      const open: string[] = [];
      const close: string[] = [];
      for (let i = 0; i < depth; i++) {
        const m = i % 2 === 0 ? '*' : '_';
        open.push(`${m}a `);
        close.push(` a${m}`);
      }
      return open.join('') + close.reverse().join('');
    },
  },
  { name: 'list-markers', format: 'markdown', make: (b) => repeatUnit('- ', b) },
  { name: 'blockquote-markers', format: 'markdown', make: (b) => repeatUnit('> ', b) },
  { name: 'paragraph-of-lines', format: 'text', make: (b) => repeatUnit('The council met again on Tuesday\n', b) },
  { name: 'paragraph-of-lines-md', format: 'markdown', make: (b) => repeatUnit('The council met again on Tuesday\n', b) },
  { name: 'unmatched-quotes', format: 'text', make: (b) => repeatUnit('“ " « ‘ ', b) },
  { name: 'criticmarkup-openers', format: 'markdown', make: (b) => repeatUnit('{++ {-- {== {>> {~~ ', b) },
  { name: 'html-tags', format: 'markdown', make: (b) => repeatUnit('<div><span class="a"><b>', b) },
  { name: 'backticks', format: 'markdown', make: (b) => repeatUnit('` `` ``` a ', b) },
  {
    name: 'speech-verb-long-words',
    format: 'text',
    make: (b) => {
      let i = 0;
      const lines: string[] = [];
      let n = 0;
      while (n < b) {
        const line = `Officials ${SPEECH_VERBS[i % SPEECH_VERBS.length]} ${longWord(200 + (i % 7) * 100, i % 2 === 0)} ${longWord(60)}-${longWord(60, true)}\n`;
        lines.push(line);
        n += line.length;
        i++;
      }
      return lines.join('');
    },
  },
  // Quotations whose speaker is a pronoun, on one line: each looks back through the line for the person named.
  { name: 'he-said-quotes-one-line', format: 'text', make: (b) => repeatUnit('he said "so" ', b) },
  // Apostrophes that open a quotation before a word and never close it.
  { name: 'unclosed-single-quotes', format: 'text', make: (b) => repeatUnit("'a ", b) },
  // A name and a speech verb before every quotation of one long sentence.
  { name: 'named-speaker-quotes', format: 'text', make: (b) => repeatUnit('Ana Silva said "so" and he said "no" ', b) },
  // "according to" and a source phrase that never ends.
  { name: 'according-to-run-on', format: 'text', make: (b) => `According to ${repeatUnit('the man in the house ', b)}` },
  // Opening double and single marks, nested and never closed.
  { name: 'nested-open-quotes', format: 'text', make: (b) => repeatUnit('“‘', b) },
  // A capitalised word and a reporting verb, over and over in one sentence.
  { name: 'capitalised-said', format: 'text', make: (b) => repeatUnit('Ab said ', b) },
  // Just inside the Markdown reader's per-paragraph bounds, paragraph after paragraph: each is parsed, so only the document's parser budget bounds them.
  { name: 'emphasis-openers-paragraphs', format: 'markdown', make: (b) => repeatUnit('*a '.repeat(240) + 'b_ '.repeat(240) + '\n\n', b) },
  { name: 'deep-list-lines', format: 'markdown', make: (b) => repeatUnit(('- '.repeat(15) + 'The council met on Tuesday.\n').repeat(50) + '\n', b) },
];

/** The pattern with this name (throws for an unknown one: a typo in a test must fail). */
export function hostilePattern(name: string): HostilePattern {
  const p = HOSTILE_PATTERNS.find((x) => x.name === name);
  if (!p) throw new Error(`no hostile pattern named ${name}`);
  return p;
}
