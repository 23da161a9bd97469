/**
 * Boilerplate: page furniture around an article (paywall prompts, newsletter forms, privacy
 * notices, image credits, navigation, sharing and comment widgets, author bios). Recognised
 * per block, or per line where a block mixes such lines, from cues kept as data.
 */
import cuesData from '../../../data/boilerplate.json' with { type: 'json' };
import type { RawBlock } from './prose.js';

interface CueSpec {
  label: string;
  patterns: string[];
  where?: 'end';
  followers?: 'listItem';
  caseSensitive?: boolean;
}

interface Cue {
  label: string;
  regexes: RegExp[];
  /** Per regex: a word the text must contain for it to match (null: always test). */
  needles: (string | null)[];
  atEnd: boolean;
  followers: boolean;
}

/**
 * The longest literal word a pattern requires: letters outside groups, classes and escapes.
 * Testing `includes(needle)` first keeps the regexes off most article text.
 */
export function requiredWord(source: string): string | null {
  let depth = 0;
  let inClass = false;
  let top = '';
  for (let i = 0; i < source.length; i++) {
    const c = source[i] as string;
    if (c === '\\') {
      i++;
      top += ' ';
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      continue;
    }
    if (c === '[') inClass = true;
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (depth === 0) {
      // A quantifier after a letter makes that letter optional.
      if ('?*{'.includes(c)) top = top.slice(0, -1) + ' ';
      else top += c;
      continue;
    }
    top += ' ';
  }
  const words = top.toLowerCase().match(/[a-z]{3,}/g) ?? [];
  return words.reduce<string | null>((best, w) => (best === null || w.length > best.length ? w : best), null);
}

const CUES: Cue[] = (cuesData.cues as CueSpec[]).map((c) => ({
  label: c.label,
  regexes: c.patterns.map((p) => new RegExp(p, c.caseSensitive ? 'u' : 'iu')),
  needles: c.patterns.map((p) => requiredWord(p)),
  atEnd: c.where === 'end',
  followers: c.followers === 'listItem',
}));

const ANCHORED_SPECS = (cuesData.cues as CueSpec[]).flatMap((c) => c.patterns.filter((p) => p.startsWith('^')).map((p) => ({ p, caseSensitive: c.caseSensitive === true })));
const anyOf = (sources: string[], flags: string): RegExp | null => (sources.length === 0 ? null : new RegExp(sources.map((p) => `(?:${p})`).join('|'), flags));
/**
 * All cue patterns anchored at the start, as one regex per case rule: one test tells whether
 * any of them can match, so ordinary paragraphs cost one anchored test, not one per pattern.
 */
const ANCHORED = [anyOf(ANCHORED_SPECS.filter((a) => !a.caseSensitive).map((a) => a.p), 'iu'), anyOf(ANCHORED_SPECS.filter((a) => a.caseSensitive).map((a) => a.p), 'u')].filter((r): r is RegExp => r !== null);
/** Unanchored patterns' required words; a pattern without one is always tested. */
const UNANCHORED_NEEDLES = CUES.flatMap((c) => c.regexes.map((r, k) => (r.source.startsWith('^') ? undefined : c.needles[k]))).filter((n): n is string | null => n !== undefined);
/** All the required words (letters only) as one case-insensitive regex, null when some pattern has none: one scan per block. */
const ANY_NEEDLE = UNANCHORED_NEEDLES.includes(null) ? null : new RegExp(UNANCHORED_NEEDLES.join('|'), 'i');

/** Blocks longer than this are article text, not furniture; also keeps regexes off huge lines. */
const MAX_CUE_LENGTH = 400;
/** How many of the last blocks an end-only cue (author bio) may stand in. */
const END_BLOCKS = 3;

export interface MarkedBlock extends RawBlock {
  /** The boilerplate label, or null for article text. */
  boilerplate: string | null;
}

function fold(s: string): string {
  // Most text has single spaces only: then trimming is all the folding there is.
  return UNFOLDED.test(s) ? s.replace(/[\s\u00a0\u202f]+/g, ' ').trim() : s.trim();
}
/** White space that folding changes: a run of two, or any but a plain space. */
const UNFOLDED = /[^\S ]|[\u00a0\u202f]| {2}/;

function cueFor(text: string, nearEnd: boolean): Cue | null {
  if (text.length === 0 || text.length > MAX_CUE_LENGTH) return null;
  if (ANY_NEEDLE !== null && !ANY_NEEDLE.test(text) && !ANCHORED.some((r) => r.test(text))) return null;
  const lower = text.toLowerCase();
  for (const cue of CUES) {
    if (cue.atEnd && !nearEnd) continue;
    for (let k = 0; k < cue.regexes.length; k++) {
      const needle = cue.needles[k];
      if (needle && !lower.includes(needle)) continue;
      if ((cue.regexes[k] as RegExp).test(text)) return cue;
    }
  }
  return null;
}

/** Folds white space, for blocks short enough to be cues. */
const cueText = (prose: string, start: number, end: number): string => {
  const length = end - start;
  if (length > MAX_CUE_LENGTH * 2) return '';
  const raw = prose.slice(start, end);
  // Folding only shortens runs of white space: without any, a long block stays too long to be a cue.
  if (length > MAX_CUE_LENGTH && !/[\s\u00a0\u202f]{2}/.test(raw)) return '';
  return fold(raw);
};

/**
 * Marks boilerplate blocks. A multi-line block in which some line is boilerplate is split into
 * its lines first, so a form's lines around a paragraph do not hide it.
 */
export function markBoilerplate(prose: string, blocks: RawBlock[]): MarkedBlock[] {
  const split: RawBlock[] = [];
  for (const b of blocks) {
    const body = prose.slice(b.start, b.end);
    if (!body.includes('\n') || body.length > 20_000) {
      split.push(b);
      continue;
    }
    const lines: RawBlock[] = [];
    let from = 0;
    for (const line of body.split('\n')) {
      const start = b.start + from;
      from += line.length + 1;
      if (line.trim() !== '') lines.push({ ...b, start, end: start + line.length });
    }
    if (lines.length > 1 && lines.some((l) => cueFor(cueText(prose, l.start, l.end), false) !== null)) split.push(...lines);
    else split.push(b);
  }
  const out: MarkedBlock[] = [];
  let following = false;
  split.forEach((b, i) => {
    const cue = cueFor(cueText(prose, b.start, b.end), i >= split.length - END_BLOCKS);
    if (cue) {
      out.push({ ...b, boilerplate: cue.label });
      following = cue.followers;
    } else if (following && b.kind === 'listItem') {
      out.push({ ...b, boilerplate: 'related links' });
    } else {
      following = false;
      out.push({ ...b, boilerplate: null });
    }
  });
  return out;
}
