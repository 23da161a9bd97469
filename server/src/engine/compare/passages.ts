/**
 * What comparison needs from an analysed text, read once: a passage per sentence (the features
 * same-story alignment matches on, and the wording to highlight) and the term counts behind
 * distinctive vocabulary. Boilerplate blocks are skipped; headings are kept (a headline tells
 * the story too).
 *
 * Words are content words: tokens that are not function words (`server/data/stopwords.json`),
 * longer than one letter and not numbers. Number words ("four") and figures ("4,000", "12.5%",
 * "26th", "49-year") are read as numbers; month names as dates, with the day when one stands next
 * to them ("Feb. 26", "26 February" → "february 26").
 */
import type { AnalysisResult, Category, Document, Finding, Range, Token } from '../types.js';
import type { EntityMention, Passage, PassageHighlight } from './types.js';
import { stem } from './stem.js';
import stopwords from '../../../data/stopwords.json' with { type: 'json' };

const STOP: ReadonlySet<string> = new Set(stopwords.words);

/** Number words read as numbers ("four sources" and "4 sources" agree). "one" is a pronoun as often as a number. */
const NUMBER_WORDS: ReadonlyMap<string, string> = new Map([
  ...['two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen'].map((w, i) => [w, String(i + 2)] as const),
  ...['twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'].map((w, i) => [w, String((i + 2) * 10)] as const),
]);

const MONTH_NAMES = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
/** Month names and abbreviations (as `Token.norm`, no period) → the full name. */
const MONTHS: ReadonlyMap<string, string> = new Map([...MONTH_NAMES.map((m) => [m, m] as const), ...MONTH_NAMES.map((m) => [m.slice(0, 3), m] as const), ['sept', 'september']]);

/** Words that multiply the number before them ("2.5 million"). */
const SCALES: ReadonlyMap<string, number> = new Map([
  ['hundred', 1e2],
  ['thousand', 1e3],
  ['million', 1e6],
  ['billion', 1e9],
  ['trillion', 1e12],
]);

/** Finding categories a passage highlights: the wording and the sourcing a reader compares. */
const CATEGORIES_HIGHLIGHTED: ReadonlySet<Category> = new Set(['loaded', 'partisan', 'attribution']);

const isDigit = (code: number): boolean => code >= 48 && code <= 57;

/** A word that says something about the topic: not a function word, a number word ("four", "million") or a figure, longer than one letter. */
function isContent(norm: string): boolean {
  return norm.length > 1 && !STOP.has(norm) && !NUMBER_WORDS.has(norm) && !SCALES.has(norm) && !isDigit(norm.charCodeAt(0));
}

/** "1,200" → "1200", "12.50%" → "12.5", "007" stays (a code, not a quantity). */
function normaliseNumber(text: string): string {
  let s = text.replace(/[,%\s]/g, '');
  if (s.includes('.')) s = s.replace(/0+$/, '').replace(/\.$/, '');
  return s;
}

/** The figure a word token starts with: "26th" → "26", "49-year" → "49"; null for "1990s", "t4". */
function leadingFigure(norm: string): string | null {
  let i = 0;
  while (i < norm.length && isDigit(norm.charCodeAt(i))) i++;
  if (i === 0) return null;
  const rest = norm.slice(i);
  return rest === '' || rest === 'st' || rest === 'nd' || rest === 'rd' || rest === 'th' || rest.startsWith('-') ? norm.slice(0, i) : null;
}

/** Token `i`'s month, when it is one: capitalised in the text, and "May" only next to a number. */
function monthAt(tokens: readonly Token[], i: number, from: number, to: number): string | null {
  const t = tokens[i] as Token;
  const month = t.kind === 'word' ? MONTHS.get(t.norm) : undefined;
  if (month === undefined || t.text.charAt(0) === t.text.charAt(0).toLowerCase()) return null;
  if (month === 'may' && dayAfter(tokens, i, to) === null && dayBefore(tokens, i, from) === null && !(i + 1 < to && tokens[i + 1]?.kind === 'number')) return null;
  return month;
}

/** A day of the month (1–31) right after token `i` (a period in between allowed: "Feb. 26"). */
function dayAfter(tokens: readonly Token[], i: number, to: number): string | null {
  let j = i + 1;
  if (j < to && tokens[j]?.text === '.') j++;
  return j < to ? dayOf(tokens[j] as Token) : null;
}

function dayBefore(tokens: readonly Token[], i: number, from: number): string | null {
  return i - 1 >= from ? dayOf(tokens[i - 1] as Token) : null;
}

function dayOf(t: Token): string | null {
  const n = t.kind === 'number' ? normaliseNumber(t.text) : t.kind === 'word' ? leadingFigure(t.norm) : null;
  if (n === null || n.includes('.')) return null;
  const v = Number(n);
  return v >= 1 && v <= 31 ? String(v) : null;
}

/** The numbers and dates of tokens [from, to), normalised, each once, in order. */
function numbersIn(tokens: readonly Token[], from: number, to: number): string[] {
  const out = new Set<string>();
  for (let i = from; i < to; i++) {
    const t = tokens[i] as Token;
    if (t.kind === 'punct') continue;
    const month = monthAt(tokens, i, from, to);
    if (month !== null) {
      const after = dayAfter(tokens, i, to);
      const day = after ?? dayBefore(tokens, i, from);
      out.add(day === null ? month : `${month} ${day}`);
      if (after !== null) i += tokens[i + 1]?.text === '.' ? 2 : 1; // the day is read with its month
      continue;
    }
    // A day before its month ("26 February") is read with the month.
    if (i + 1 < to && dayOf(t) !== null && monthAt(tokens, i + 1, from, to) !== null) continue;
    let n = t.kind === 'number' ? normaliseNumber(t.text) : (leadingFigure(t.norm) ?? NUMBER_WORDS.get(t.norm) ?? null);
    if (n === null || n === '') continue;
    const scale = i + 1 < to ? SCALES.get((tokens[i + 1] as Token).norm) : undefined;
    if (scale !== undefined) {
      const v = Math.round(Number(n) * scale);
      if (Number.isSafeInteger(v)) n = String(v);
    }
    out.add(n);
  }
  return [...out];
}

/** Stemmed content words of tokens [from, to); hyphenated words count by their parts. */
function wordsIn(tokens: readonly Token[], from: number, to: number): string[] {
  const out = new Set<string>();
  for (let i = from; i < to; i++) {
    const t = tokens[i] as Token;
    if (t.kind !== 'word' || monthAt(tokens, i, from, to) !== null) continue;
    if (!t.norm.includes('-')) {
      if (isContent(t.norm)) out.add(stem(t.norm));
      continue;
    }
    if (leadingFigure(t.norm) !== null) continue;
    for (const part of t.norm.split('-')) if (isContent(part)) out.add(stem(part));
  }
  return [...out];
}

/** For each sentence, the index of its first token and one past its last (tokens are in order). */
function tokenSpans(doc: Document): Int32Array {
  const spans = new Int32Array(doc.sentences.length * 2).fill(-1);
  doc.tokens.forEach((t, i) => {
    if (t.sentence < 0 || t.sentence >= doc.sentences.length) return;
    if (spans[t.sentence * 2] === -1) spans[t.sentence * 2] = i;
    spans[t.sentence * 2 + 1] = i + 1;
  });
  return spans;
}

/** The sentences comparison reads: not in a boilerplate block, with at least one token. */
function* readSentences(doc: Document, spans: Int32Array): Generator<{ index: number; from: number; to: number }> {
  for (const s of doc.sentences) {
    const from = spans[s.index * 2] as number;
    if (from < 0 || doc.blocks[s.block]?.boilerplate === true) continue;
    yield { index: s.index, from, to: spans[s.index * 2 + 1] as number };
  }
}

/** Index of the first sentence that ends after `offset` (sentences are in order). */
function firstEndingAfter(doc: Document, offset: number): number {
  let lo = 0;
  let hi = doc.sentences.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((doc.sentences[mid] as Range).end <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Quotations per sentence: the part of each quotation in marks (not a scare quote) that lies in
 * the sentence, as its token norms joined by spaces, when it has four words or more. A quotation
 * over several sentences gives each sentence its own part, so a shared quotation pairs the
 * sentences that carry the same words.
 */
function quotesBySentence(doc: Document, spans: Int32Array): Map<number, string[]> {
  const out = new Map<number, string[]>();
  for (const q of doc.quotes) {
    if (q.kind !== 'marks' || q.scare) continue;
    for (let si = firstEndingAfter(doc, q.inner.start); si < doc.sentences.length; si++) {
      const s = doc.sentences[si] as Range;
      if (s.start >= q.inner.end) break;
      const words: string[] = [];
      for (let i = Math.max(0, spans[si * 2] as number), to = spans[si * 2 + 1] as number; i < to; i++) {
        const t = doc.tokens[i] as Token;
        if (t.kind !== 'punct' && t.start >= q.inner.start && t.end <= q.inner.end) words.push(t.norm);
      }
      if (words.length < 4) continue;
      const list = out.get(si) ?? [];
      list.push(words.join(' '));
      out.set(si, list);
    }
  }
  return out;
}

/**
 * Loaded, partisan and attribution findings inside each sentence, and the sentence's own
 * attribution cue (`attribution-cue`) where no attribution finding already covers it.
 */
function highlightsBySentence(result: AnalysisResult): Map<number, PassageHighlight[]> {
  const { document: doc, findings, sourcing } = result;
  const out = new Map<number, PassageHighlight[]>();
  const add = (sentence: number, h: PassageHighlight): void => {
    const list = out.get(sentence) ?? [];
    if (!list.some((x) => x.start === h.start && x.end === h.end && x.ruleId === h.ruleId)) list.push(h);
    out.set(sentence, list);
  };
  const attributionFindings: Finding[] = [];
  for (const f of findings) {
    if (!CATEGORIES_HIGHLIGHTED.has(f.category) || f.sentence === null) continue;
    const s = doc.sentences[f.sentence];
    if (!s || f.start < s.start || f.end > s.end) continue;
    add(f.sentence, { start: f.start, end: f.end, kind: f.category, ruleId: f.ruleId, text: f.text });
    if (f.category === 'attribution') attributionFindings.push(f);
  }
  for (const ss of sourcing.sentences) {
    const a = ss.attribution;
    if (a === null || a.via !== 'cue') continue;
    if (attributionFindings.some((f) => f.start < a.cue.end && a.cue.start < f.end)) continue;
    add(ss.sentence, { start: a.cue.start, end: a.cue.end, kind: 'attribution', ruleId: 'attribution-cue', text: doc.text.slice(a.cue.start, a.cue.end) });
  }
  for (const list of out.values()) list.sort((a, b) => a.start - b.start || a.end - b.end || a.ruleId.localeCompare(b.ruleId));
  return out;
}

/** A sentence's text for display: its prose (Markdown syntax blanked), white space collapsed. */
function displayText(doc: Document, r: Range): string {
  return doc.prose
    .slice(r.start, r.end)
    .replace(/\s+/g, ' ')
    .replace(/ (?=[,.;:!?)\]])/g, '')
    .trim();
}

/** One passage per sentence that has a content word (boilerplate skipped, headings kept). */
export function buildPassages(result: AnalysisResult, mentions: readonly EntityMention[]): Passage[] {
  const doc = result.document;
  const spans = tokenSpans(doc);
  const quotes = quotesBySentence(doc, spans);
  const highlights = highlightsBySentence(result);
  const entities = new Map<number, Set<string>>();
  for (const m of mentions) {
    const set = entities.get(m.sentence) ?? new Set<string>();
    set.add(m.entity);
    entities.set(m.sentence, set);
  }
  const out: Passage[] = [];
  for (const { index, from, to } of readSentences(doc, spans)) {
    const words = wordsIn(doc.tokens, from, to);
    if (words.length === 0) continue;
    const s = doc.sentences[index] as Range;
    out.push({
      start: s.start,
      end: s.end,
      sentence: index,
      text: displayText(doc, s),
      words,
      entities: [...(entities.get(index) ?? [])],
      numbers: numbersIn(doc.tokens, from, to),
      quotes: quotes.get(index) ?? [],
      highlights: highlights.get(index) ?? [],
    });
  }
  return out;
}

/** A word as people read it in a list: lower case, straight apostrophes, no possessive ("Türkiye’s" → "türkiye"). */
export function displayForm(word: string): string {
  let s = word.toLowerCase();
  if (s.includes('’')) s = s.replaceAll('’', "'");
  if (s.endsWith("'s")) return s.slice(0, -2);
  return s.endsWith("'") ? s.slice(0, -1) : s;
}

/**
 * Counts of content-word unigrams and of bigrams of adjacent content words ("occupation
 * forces"; a function word, a number or punctuation between them breaks the pair), in every
 * sentence outside boilerplate, the author's and quoted alike. Terms are lower case, not stemmed.
 * The record has no prototype, so every key is a term ("constructor" included).
 */
export function termCounts(result: AnalysisResult): Record<string, number> {
  const doc = result.document;
  // No prototype: a term may be "constructor" or "valueof" like any other word.
  const counts = Object.create(null) as Record<string, number>;
  for (const { from, to } of readSentences(doc, tokenSpans(doc))) {
    let previous: string | null = null;
    for (let i = from; i < to; i++) {
      const t = doc.tokens[i] as Token;
      if (t.kind !== 'word' || !isContent(t.norm)) {
        previous = null;
        continue;
      }
      const term = displayForm(t.text);
      counts[term] = (counts[term] ?? 0) + 1;
      if (previous !== null) {
        const pair = `${previous} ${term}`;
        counts[pair] = (counts[pair] ?? 0) + 1;
      }
      previous = term;
    }
  }
  return counts;
}
