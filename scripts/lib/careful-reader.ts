/**
 * The careful-reader score (`careful-reader-*.jsonl`, standard in the eval folder's
 * CAREFUL-READER.md), as pure functions: which annotated item a finding matches, the precision
 * and recall tallies, speaker-name comparison for quotations, and the held-out split.
 *
 * A finding (boilerplate aside) is correct when it overlaps an occurrence of a `must` or `ok`
 * item of a compatible kind; an item in quoted voice is matched only by a finding that also
 * takes the words as quoted (a quoted word is never the outlet's own loading). Every other
 * finding is a false positive. A `must` item is found when a compatible finding overlaps one of
 * its occurrences.
 */
import { createHash } from 'node:crypto';
import type { Finding, Quote } from '../../server/src/engine/index.js';
import { overlaps, ratio } from './metrics.js';
import type { Span } from './offsets.js';

export const ITEM_KINDS = ['loaded', 'name-calling', 'partisan', 'unsupported', 'speculation', 'vague-attribution', 'anonymous-source'] as const;
export type ItemKind = (typeof ITEM_KINDS)[number];
export type Tier = 'must' | 'ok';
export type Voice = 'author' | 'quoted';

/** Kinds that match one another (CAREFUL-READER.md, "Compatible kinds"). */
export type KindFamily = 'loaded' | 'claim' | 'attribution';
export const FAMILIES: readonly KindFamily[] = ['loaded', 'claim', 'attribution'];

export const KIND_FAMILY: Record<ItemKind, KindFamily> = {
  loaded: 'loaded',
  'name-calling': 'loaded',
  partisan: 'loaded',
  unsupported: 'claim',
  speculation: 'claim',
  'vague-attribution': 'attribution',
  'anonymous-source': 'attribution',
};

/** An annotated item with every occurrence of its text in the article. */
export interface CarefulItem {
  kind: ItemKind;
  text: string;
  voice: Voice;
  tier: Tier;
  occurrences: Span[];
}

/** Every occurrence of `needle` in `text` (non-overlapping, left to right). */
export function occurrences(text: string, needle: string): Span[] {
  const out: Span[] = [];
  if (needle === '') return out;
  for (let at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + needle.length)) out.push({ start: at, end: at + needle.length });
  return out;
}

/** The kind family a finding speaks to; null for findings the score leaves aside (boilerplate). */
export function findingFamily(f: Pick<Finding, 'ruleId' | 'category'>): KindFamily | null {
  // Loaded report verbs ("admitted", "claimed") are word choice: the standard lists them as loaded.
  if (f.ruleId === 'loaded-report-verb') return 'loaded';
  switch (f.category) {
    case 'loaded':
    case 'partisan':
      return 'loaded';
    case 'unsupported':
    case 'speculation':
      return 'claim';
    case 'attribution':
      return 'attribution';
    default:
      return null;
  }
}

/** Why a finding is a false positive. */
export type FalsePositiveReason =
  /** It overlaps no annotated item. */
  | 'no item'
  /** It overlaps items, but none of a compatible kind. */
  | 'other kind'
  /** It overlaps a compatible item in quoted voice but presents the words as the outlet's. */
  | 'quoted voice';

export type FindingVerdict = { correct: true; tier: Tier; item: CarefulItem } | { correct: false; reason: FalsePositiveReason };

type ScoredFinding = Pick<Finding, 'ruleId' | 'category' | 'start' | 'end' | 'quoted'>;

function overlapsItem(f: Span, item: CarefulItem): boolean {
  return item.occurrences.some((o) => overlaps(f, o));
}

/** Whether a finding counts for an item: compatible kind, overlap, and quoted items only in quoted voice. */
export function findingMatchesItem(f: ScoredFinding, item: CarefulItem): boolean {
  return findingFamily(f) === KIND_FAMILY[item.kind] && (item.voice === 'author' || f.quoted) && overlapsItem(f, item);
}

/** Judges one finding against an article's items (a `must` match wins over an `ok` one). */
export function judgeFinding(f: ScoredFinding, items: readonly CarefulItem[]): FindingVerdict {
  let ok: CarefulItem | null = null;
  for (const item of items) {
    if (!findingMatchesItem(f, item)) continue;
    if (item.tier === 'must') return { correct: true, tier: 'must', item };
    ok ??= item;
  }
  if (ok) return { correct: true, tier: 'ok', item: ok };
  const touched = items.filter((item) => overlapsItem(f, item));
  const family = findingFamily(f);
  if (touched.some((item) => KIND_FAMILY[item.kind] === family)) return { correct: false, reason: 'quoted voice' };
  return { correct: false, reason: touched.length > 0 ? 'other kind' : 'no item' };
}

/** Whether some finding matches the item (recall). */
export function itemFound(item: CarefulItem, findings: readonly ScoredFinding[]): boolean {
  return findings.some((f) => findingMatchesItem(f, item));
}

/** Correct findings over findings, by tier and false-positive reason. */
export class PrecisionTally {
  findings = 0;
  must = 0;
  ok = 0;
  readonly fp: Record<FalsePositiveReason, number> = { 'no item': 0, 'other kind': 0, 'quoted voice': 0 };

  add(verdict: FindingVerdict): void {
    this.findings++;
    if (verdict.correct) this[verdict.tier]++;
    else this.fp[verdict.reason]++;
  }

  get correct(): number {
    return this.must + this.ok;
  }

  get falsePositives(): number {
    return this.findings - this.correct;
  }

  precision(): number | null {
    return ratio(this.correct, this.findings);
  }

  toJSON(): Record<string, unknown> {
    return { findings: this.findings, correct: this.correct, mustMatched: this.must, okMatched: this.ok, falsePositives: this.falsePositives, falsePositiveReasons: { ...this.fp }, precision: this.precision() };
  }
}

/** Items found over items. */
export class RecallTally {
  items = 0;
  found = 0;

  add(found: boolean): void {
    this.items++;
    if (found) this.found++;
  }

  recall(): number | null {
    return ratio(this.found, this.items);
  }

  toJSON(): Record<string, number | null> {
    return { items: this.items, found: this.found, recall: this.recall() };
  }
}

// ---------------------------------------------------------------------------------------------
// Speakers

/** Titles, honorifics and function words that do not tell one speaker from another. */
const NOT_NAME = new Set(
  (
    'a an the of for and in at on to by from with said says his her their its ' +
    'mr mrs ms miss dr prof professor sir dame lord lady rev reverend st saint ' +
    'president vice prime minister foreign secretary senator sen rep representative congressman congresswoman governor gov mayor ' +
    'judge justice chief officer sgt sergeant lt lieutenant capt captain col colonel gen general admiral commissioner sheriff ' +
    'pope cardinal archbishop bishop father king queen prince princess former current'
  ).split(' '),
);

const WORD = /[\p{L}\p{N}@]+/gu;

/** Lower-case words of a name without diacritics, possessive "'s", titles or function words. */
export function nameTokens(name: string): string[] {
  const plain = name
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[’‘`]/g, "'")
    .replace(/'s\b/g, '');
  return [...plain.matchAll(WORD)].map((m) => m[0].replace(/^@/, '')).filter((t) => t !== '' && !NOT_NAME.has(t));
}

/**
 * The ways an annotated speaker may be named: the name itself, each comma-separated part and each
 * parenthesised note ("Ann Lee (@annlee)" → "Ann Lee", "annlee"). For "X's Y" the speaker is Y:
 * `head` holds Y's tokens, which a match must touch.
 */
export interface NameForm {
  tokens: string[];
  head: string[];
}

export function nameForms(name: string): NameForm[] {
  const parts: string[] = [];
  const outside = name.replace(/\(([^)]*)\)/g, (_, inner: string) => {
    parts.push(inner);
    return ' ';
  });
  parts.unshift(...outside.split(','));
  const forms: NameForm[] = [];
  for (const part of parts) {
    const tokens = nameTokens(part);
    if (tokens.length === 0) continue;
    const possessive = part.replace(/[’‘`]/g, "'").lastIndexOf("'s ");
    const head = possessive >= 0 ? nameTokens(part.slice(possessive + 3)) : tokens;
    forms.push({ tokens, head: head.length > 0 ? head : tokens });
  }
  return forms;
}

function subset(a: readonly string[], b: readonly string[]): boolean {
  return a.every((t) => b.includes(t));
}

/** "who" for "World Health Organization": initials of the capitalised words, lower-cased. */
function initials(name: string): string {
  return [...name.matchAll(/\p{Lu}[\p{L}’'-]*/gu)].map((m) => m[0].charAt(0).toLowerCase()).join('');
}

/**
 * Whether a speaker the tool names is the annotated speaker (the same person or body), comparing
 * normalised name words: one name's words are all among the other's ("Lee" for "Dr. Ann Lee"), or
 * the tool's name holds the annotated name's last word, its surname or head noun ("Lee further"
 * for "Ann Lee": extra words around the right name); either way it must touch the head of a
 * possessive ("the ministry" for "Ruritania's Health Ministry", not "Ruritania"). A bare title
 * with "the" matches a name that has it ("the mayor" for "Mayor Ann Lee"); one name may be the
 * other's acronym. Pronouns and empty names never match.
 */
export function sameSpeaker(annotated: string, named: string | null): boolean {
  if (named === null) return false;
  const forms = nameForms(annotated);
  for (const p of nameForms(named)) {
    if (PRONOUNS.has(p.tokens.join(' '))) continue;
    for (const g of forms) {
      const last = g.tokens[g.tokens.length - 1] as string;
      const words = subset(p.tokens, g.tokens) || subset(g.tokens, p.tokens) || p.tokens.includes(last);
      if (words && p.tokens.some((t) => g.head.includes(t))) return true;
    }
  }
  const title = /^the\s+([\p{L}\s]+)$/iu.exec(named.trim());
  if (title && nameTokens(named).length === 0) {
    const words = (title[1] as string).toLowerCase().split(/\s+/);
    const annotatedWords = annotated.toLowerCase().split(/[^\p{L}]+/u);
    if (words.every((w) => annotatedWords.includes(w))) return true;
  }
  const abbreviation = (a: string, b: string): boolean => {
    const word = nameTokens(a);
    return word.length === 1 && word[0] !== undefined && word[0].length >= 2 && word[0] === initials(b);
  };
  return abbreviation(named, annotated) || abbreviation(annotated, named);
}

const PRONOUNS = new Set(['he', 'she', 'they', 'it', 'we', 'i', 'you', 'him', 'them']);

/** The tool's quotation that overlaps an annotated quote's occurrence most, or null. */
export function bestQuote(span: Span, quotes: readonly Quote[]): Quote | null {
  let best: Quote | null = null;
  let bestOverlap = 0;
  for (const q of quotes) {
    const overlap = Math.min(span.end, q.inner.end) - Math.max(span.start, q.inner.start);
    if (overlap > bestOverlap) {
      best = q;
      bestOverlap = overlap;
    }
  }
  return best;
}

/** What the tool made of one annotated quote. */
export interface QuoteOutcome {
  /** A quotation of the tool's overlaps the annotated text. */
  found: boolean;
  /** That quotation names a speaker. */
  named: boolean;
  /** The speaker named is the annotated one. */
  right: boolean;
  /** The speaker named (of the first occurrence the tool found), for listings. */
  speaker: string | null;
}

/** Judges an annotated quote (every occurrence of its text) against the tool's quotations. */
export function judgeQuote(spans: readonly Span[], annotatedSpeaker: string, quotes: readonly Quote[]): QuoteOutcome {
  const outcome: QuoteOutcome = { found: false, named: false, right: false, speaker: null };
  for (const span of spans) {
    const q = bestQuote(span, quotes);
    if (!q) continue;
    if (!outcome.found) outcome.speaker = q.speaker;
    outcome.found = true;
    if (q.speaker !== null) outcome.named = true;
    if (sameSpeaker(annotatedSpeaker, q.speaker)) {
      outcome.right = true;
      outcome.speaker = q.speaker;
    }
  }
  return outcome;
}

/** Quotes by outcome. */
export class QuoteTally {
  quotes = 0;
  found = 0;
  named = 0;
  right = 0;

  add(o: QuoteOutcome): void {
    this.quotes++;
    if (o.found) this.found++;
    if (o.named) this.named++;
    if (o.right) this.right++;
  }

  share(): number | null {
    return ratio(this.right, this.quotes);
  }

  toJSON(): Record<string, number | null> {
    return { quotes: this.quotes, foundByTool: this.found, speakerNamed: this.named, speakerRight: this.right, share: this.share() };
  }
}

// ---------------------------------------------------------------------------------------------
// The held-out part

/** The share of articles kept aside: one in HELD_OUT_MODULUS. */
export const HELD_OUT_MODULUS = 4;

/**
 * Whether an article is in the held-out part: the first four bytes of the SHA-256 of its id,
 * modulo 4, are 0. Deterministic, independent of file order, and about a quarter of any file.
 */
export function isHeldOut(id: string): boolean {
  return createHash('sha256').update(id, 'utf8').digest().readUInt32BE(0) % HELD_OUT_MODULUS === 0;
}
