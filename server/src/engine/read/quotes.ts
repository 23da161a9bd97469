/**
 * Quotation and voice: which text is quoted (quotation marks or a blockquote) and who says it,
 * where the text names the speaker ("…,” Kallas told journalists; As the minister noted: “…”).
 */
import { sentenceAt } from '../segment.js';
import type { Block, Quote, Range, Sentence } from '../types.js';

const OPEN_CLOSE: Record<string, string> = { '“': '”', '„': '“', '«': '»', '‘': '’', '"': '"', "'": "'" };
/** Any opening mark of OPEN_CLOSE. */
const QUOTE_MARK = /[“„«‘"']/g;

/** Verbs that introduce speech or writing. */
const SPEECH_VERBS =
  'said|says|say|told|tells|tell|added|adds|noted|notes|wrote|writes|stated|states|declared|declares|explained|explains|argued|argues|warned|warns|insisted|insists|claimed|claims|asked|asks|replied|replies|responded|continued|remarked|announced|announces|tweeted|posted|recalled|conceded|admitted|acknowledged|cautioned|stressed|emphasised|emphasized|observed|commented|urged|concluded|maintained|contended|suggested|predicted|vowed|pledged|promised|boasted|complained|alleged|confirmed|countered|shouted|whispered|put it';
const VERB = `(?:${SPEECH_VERBS})`;
/** A speaker phrase: up to ten words, no clause punctuation or quotation marks. */
const NP = `([^,;:.!?“”"«»„()\\n]{1,90}?)`;

// After a closing quote: `, said NP` / `, NP said` (to the end of the sentence or a comma).
const AFTER_VERB_FIRST = new RegExp(`^[\\s,]*${VERB}\\s+${NP}\\s*(?:[,.;!?]|$| (?:on|in|at|during|after|before|when|while|to|told)\\b)`, 'u');
const AFTER_NP_FIRST = new RegExp(`^[\\s,]*${NP}\\s+(?:${VERB})\\b`, 'u');
// Before an opening quote: `NP said:` / `NP told reporters,` / `According to NP,` / `As NP noted:`.
const BEFORE_AS = new RegExp(`(?:^|[\\s,])(?:[Aa]s|[Aa]ccording to)\\s+${NP}\\s*(?:${VERB}(?:\\s+\\S+){0,3})?\\s*[:,]\\s*$`, 'u');
// Words may stand between the verb and the quote only before a colon or comma ("told reporters:").
const BEFORE_VERB = new RegExp(`(?:^|[,;]\\s*|\\s)${NP}\\s+${VERB}(?:(?:\\s+[^\\s:,]+){1,4}\\s*[:,]|\\s+that|\\s*[:,]?)\\s*$`, 'u');
// A sentence whose subject (before any appositive) says something: "Dr. X, a researcher, said ...".
const SUBJECT_VERB = new RegExp(`^\\s*([^,;:“”"«»„()\\n]{1,80}?)(?:,[^“”"«»„;]{1,160}?,)?\\s+${VERB}\\b`, 'u');
// A named person who says something anywhere in a passage (for blockquotes introduced by "she was scathing:").
const NAMED_SPEAKER = new RegExp(`((?:\\p{Lu}[\\p{L}'’-]*\\.?\\s+){0,4}\\p{Lu}[\\p{L}'’-]+)(?:,[^“”"«»„;]{1,160}?,| of [^,.;“”"]{1,80}?)?\\s+${VERB}\\b`, 'gu');
/** What every NAMED_SPEAKER and BEFORE_VERB match contains: a cheap test that rules most passages out. */
const ANY_SPEECH_VERB = new RegExp(`\\s${VERB}\\b`, 'u');
const PRONOUN = /^(he|she|they|we|i|it)$/i;
const NOT_A_NAME = /^(The|A|An|This|That|It|But|And)$/;
const SPEECH_IN = new RegExp(`\\b${VERB}\\b|\\baccording to\\b`, 'iu');
const LEADING_FILLER = /^(?:and|but|then|later|also|yesterday|today|on \S+|in a statement|in an interview)\s+/i;

function cleanSpeaker(raw: string): string | null {
  let s = raw.trim().replace(LEADING_FILLER, '').trim();
  s = s.replace(/\s+(?:also|later|then|again|once|earlier|previously)$/i, '').trim();
  if (s.length === 0 || s.split(/\s+/).length > 10) return null;
  if (/^(?:that|this|which|what|who|it is|there)\b/i.test(s)) return null;
  return s;
}

interface Found {
  speaker: string;
  range: Range;
}

function speakerAfter(prose: string, from: number, to: number): Found | null {
  const tail = prose.slice(from, Math.min(to, from + 160));
  for (const re of [AFTER_VERB_FIRST, AFTER_NP_FIRST]) {
    const m = re.exec(tail);
    if (!m || m[1] === undefined) continue;
    const speaker = cleanSpeaker(m[1]);
    if (speaker === null) continue;
    const at = from + (m.index ?? 0) + m[0].indexOf(m[1]) + m[1].indexOf(speaker);
    return { speaker, range: { start: at, end: at + speaker.length } };
  }
  return null;
}

function speakerBefore(prose: string, from: number, to: number): Found | null {
  const start = Math.max(from, to - 200);
  const head = prose.slice(start, to);
  for (const re of [BEFORE_AS, BEFORE_VERB]) {
    // BEFORE_VERB tries up to 90 characters from each offset; a head with no speech verb cannot match.
    if (re === BEFORE_VERB && !ANY_SPEECH_VERB.test(head)) continue;
    const m = re.exec(head);
    if (!m || m[1] === undefined) continue;
    const speaker = cleanSpeaker(m[1]);
    if (speaker === null) continue;
    const at = start + (m.index ?? 0) + m[0].indexOf(m[1]) + m[1].indexOf(speaker);
    return { speaker, range: { start: at, end: at + speaker.length } };
  }
  return null;
}

/** The longest speech verb, in characters. */
const LONGEST_VERB = Math.max(...SPEECH_VERBS.split('|').map((v) => v.length));

/** The offset after the run of whitespace (as \s sees it) at `at`, at most `to`. */
function skipSpace(prose: string, at: number, to: number): number {
  let i = at;
  while (i < to && /\s/.test(prose[i] as string)) i++;
  return i;
}

/** Whether the text between the offsets ends with a colon and perhaps spaces (`/:\s*$/`, read from the end). */
function endsWithColon(prose: string, from: number, to: number): boolean {
  let i = to;
  while (i > from && /\s/.test(prose[i - 1] as string)) i--;
  return i > from && prose[i - 1] === ':';
}

/**
 * The subject of a speech verb at the start of a sentence, before a quotation in it. SUBJECT_VERB
 * is anchored and reads at most 80 + 162 characters besides runs of spaces and the verb, so only
 * that much of the sentence is given to it (the whole sentence, once per quotation in it, made
 * a long sentence of many quotations quadratic).
 */
function sentenceSubject(prose: string, from: number, to: number): Found | null {
  const reach = Math.min(to, skipSpace(prose, Math.min(to, skipSpace(prose, from, to) + 80 + 162), to) + LONGEST_VERB + 2);
  const head = prose.slice(from, reach);
  const m = SUBJECT_VERB.exec(head);
  if (!m || m[1] === undefined) return null;
  const speaker = cleanSpeaker(m[1]);
  if (speaker === null) return null;
  const at = from + m[0].indexOf(m[1]) + m[1].indexOf(speaker);
  return { speaker, range: { start: at, end: at + speaker.length } };
}

/**
 * The subject at the start of a passage, when it names someone ("Council member Marisol Vega,
 * who wrote the plan, was unapologetic." / "Dr. Salma Jawad, an adviser, did not mince words:").
 */
function leadingSubject(prose: string, from: number, to: number): Found | null {
  const head = prose.slice(from, Math.min(to, from + 120));
  const m = /^\s*([^,;:“”"«»„()]{2,60}?)(?:,| (?:was|is|had|has|who|did|does|put|went|got)\b)/u.exec(head);
  if (!m || m[1] === undefined) return null;
  const speaker = cleanSpeaker(m[1]);
  // It must name someone: a capitalised word after the first one ("Council member Marisol Vega").
  if (speaker === null || PRONOUN.test(speaker) || !/\s\p{Lu}/u.test(speaker)) return null;
  const at = from + m[0].indexOf(m[1]) + m[1].indexOf(speaker);
  return { speaker, range: { start: at, end: at + speaker.length } };
}

/** The capitalised names that say something in a passage, in order, each with where its match ends. */
function namedSpeakers(prose: string, from: number, to: number): { to: number; speaker: Found }[] {
  const found: { to: number; speaker: Found }[] = [];
  const passage = prose.slice(from, to);
  if (!ANY_SPEECH_VERB.test(passage)) return found;
  // exec with lastIndex, not matchAll: matchAll clones the regex on every call.
  NAMED_SPEAKER.lastIndex = 0;
  for (let m = NAMED_SPEAKER.exec(passage); m !== null; m = NAMED_SPEAKER.exec(passage)) {
    const name = m[1];
    if (name === undefined || PRONOUN.test(name) || NOT_A_NAME.test(name)) continue;
    const at = from + m.index;
    found.push({ to: at + m[0].length, speaker: { speaker: name, range: { start: at, end: at + name.length } } });
  }
  return found;
}

/** The last capitalised name that says something in a passage. */
function lastNamedSpeaker(prose: string, from: number, to: number): Found | null {
  return namedSpeakers(prose, from, to).at(-1)?.speaker ?? null;
}

/**
 * The named speakers of a stretch of text, found once per stretch and then asked for the last
 * one that ends before an offset: a paragraph of many "he said" quotations was read again up to
 * every one of them (quadratic). A match that runs on past the offset does not count, as it did
 * not when the text was cut there.
 */
class NamedSpeakers {
  private readonly byStart = new Map<number, { end: number; found: { to: number; speaker: Found }[] }>();

  /** The last named speaker in [from, to), from the matches of [from, end). */
  lastBefore(prose: string, from: number, end: number, to: number): Found | null {
    let known = this.byStart.get(from);
    if (!known || known.end !== end) {
      known = { end, found: namedSpeakers(prose, from, end) };
      this.byStart.set(from, known);
    }
    // The last match ending at or before `to` (they are in order and do not overlap).
    const list = known.found;
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((list[mid] as { to: number }).to <= to) lo = mid + 1;
      else hi = mid;
    }
    return lo > 0 ? (list[lo - 1] as { speaker: Found }).speaker : null;
  }
}

function isWordChar(c: string | undefined): boolean {
  return c !== undefined && /[\p{L}\p{N}]/u.test(c);
}

/** The offsets of every opening mark in the prose, read in order by a cursor. */
interface QuoteMarks {
  at: number[];
  next: number;
}

function quoteMarks(prose: string): QuoteMarks {
  const at: number[] = [];
  QUOTE_MARK.lastIndex = 0;
  for (let m = QUOTE_MARK.exec(prose); m !== null; m = QUOTE_MARK.exec(prose)) at.push(m.index);
  return { at, next: 0 };
}

/**
 * Where the next single closing mark (’ or ') not followed by a letter stands, remembered per
 * mark: openers are looked up in increasing order, so each stretch of text is read once.
 */
class SingleClosers {
  private readonly found = new Map<string, { from: number; to: number; at: number }>();

  /** The first closing `close` in [from, to) not followed by a letter, or -1. */
  next(prose: string, close: string, from: number, to: number): number {
    const known = this.found.get(close);
    if (known && known.from <= from && known.to === to && (known.at < 0 || known.at >= from)) return known.at;
    let at = -1;
    for (let j = from; j < to; j++) {
      if (prose[j] === close && !isWordChar(prose[j + 1])) {
        at = j;
        break;
      }
    }
    this.found.set(close, { from, to, at });
    return at;
  }
}

/** Finds quotation-mark spans in one block (blocks are read in document order). An unclosed quote runs to the block's end. */
function quoteSpans(prose: string, block: Block, marks: QuoteMarks, closers: SingleClosers): { start: number; end: number; closed: boolean }[] {
  const spans: { start: number; end: number; closed: boolean }[] = [];
  let i = block.start;
  while (i < block.end) {
    // Jump to the next quotation mark: most characters are not one.
    while (marks.next > 0 && (marks.at[marks.next - 1] as number) >= i) marks.next--;
    while (marks.next < marks.at.length && (marks.at[marks.next] as number) < i) marks.next++;
    const at = marks.at[marks.next];
    if (at === undefined || at >= block.end) break;
    i = at;
    const c = prose[i] as string;
    const close = OPEN_CLOSE[c] as string;
    const before = prose[i - 1];
    const after = prose[i + 1];
    // Apostrophes and inch marks are not openers: an opener stands before a word, not after one.
    if ((c === "'" || c === '‘' || c === '"') && (isWordChar(before) || !isWordChar(after) && after !== '‘' && after !== "'")) {
      if (!(c === '"' && !isWordChar(before) && after !== undefined && /[^\s]/.test(after))) {
        i++;
        continue;
      }
    }
    let j = i + 1;
    let end = -1;
    if (c === "'" || c === '‘') {
      // A single quote closes at the first closing mark not followed by a letter; one that never
      // closes is an apostrophe. Looked up, not scanned for from every opener (quadratic in a
      // paragraph of apostrophes before words).
      const closeAt = closers.next(prose, close, i + 1, block.end);
      if (closeAt < 0) {
        i++;
        continue;
      }
      j = closeAt;
    }
    while (j < block.end) {
      const d = prose[j] as string;
      if (d === close) {
        // A closing single quote followed by a letter is an apostrophe (don’t).
        if ((close === '’' || close === "'") && isWordChar(prose[j + 1])) {
          j++;
          continue;
        }
        end = j + 1;
        break;
      }
      // A new opener of the same double kind before a close means the first one never closed.
      if (d === '“' && c === '“') break;
      j++;
    }
    if (end < 0) {
      if (c === "'" || c === '‘') {
        i++;
        continue;
      }
      const stop = j < block.end ? j : block.end;
      let e = stop;
      while (e > i + 1 && /\s/.test(prose[e - 1] as string)) e--;
      spans.push({ start: i, end: e, closed: false });
      i = stop;
      continue;
    }
    spans.push({ start: i, end, closed: true });
    i = end;
  }
  return spans;
}

/**
 * Finds the quotations of a document and their speakers. Blocks inside a Markdown blockquote
 * are quoted as a whole; their speaker is looked for at the end of the block before them.
 */
export function findQuotes(prose: string, blocks: Block[], sentences: Sentence[]): Quote[] {
  const quotes: Quote[] = [];
  let lastSpeaker: Found | null = null;
  let carry: Found | null = null; // speaker of a quote left open at the end of a paragraph
  const sentenceOf = (offset: number): Sentence | undefined => sentences[sentenceAt(sentences, offset)];
  const marks = quoteMarks(prose);
  const closers = new SingleClosers();
  const named = new NamedSpeakers();
  // Whether a sentence reports speech, asked once per sentence, not once per quotation in it.
  const speechIn = new Map<string, boolean>();
  const reportsSpeech = (from: number, to: number): boolean => {
    const key = `${from}:${to}`;
    let yes = speechIn.get(key);
    if (yes === undefined) speechIn.set(key, (yes = SPEECH_IN.test(prose.slice(from, to))));
    return yes;
  };
  for (const block of blocks) {
    if (block.boilerplate) continue;
    if (block.blockquote) {
      const prev = blocks[block.index - 1];
      const previous = quotes[quotes.length - 1];
      let found: Found | null = null;
      if (prev && !prev.blockquote) {
        found = speakerBefore(prose, prev.start, prev.end);
        if (!found || PRONOUN.test(found.speaker)) found = lastNamedSpeaker(prose, prev.start, prev.end) ?? (found && lastSpeaker);
      }
      else if (prev?.blockquote && previous?.speaker && previous.speakerRange) found = { speaker: previous.speaker, range: previous.speakerRange };
      const inner = { start: block.start, end: block.end };
      quotes.push({ start: block.start, end: block.end, inner, kind: 'blockquote', speaker: found?.speaker ?? null, speakerRange: found?.range ?? null, scare: false });
      if (found) lastSpeaker = found;
      continue;
    }
    const spans = quoteSpans(prose, block, marks, closers);
    let continued = false;
    for (const span of spans) {
      const inner = { start: span.start + 1, end: span.closed ? span.end - 1 : span.end };
      const sentence = sentenceOf(span.start) ?? sentenceOf(inner.start);
      const sStart = sentence?.start ?? block.start;
      let sEnd = sentence?.end ?? block.end;
      // A quote can run past its first sentence: look for the speaker after the quote's own end.
      if (span.end > sEnd) sEnd = sentenceOf(span.end - 1)?.end ?? block.end;
      let found: Found | null = null;
      if (span.closed) found = speakerAfter(prose, span.end, Math.max(sEnd, span.end));
      found ??= speakerBefore(prose, sStart, span.start);
      if (!found && span.start === block.start && carry) {
        found = carry;
        continued = true;
      }
      // A partial quotation inside reported speech: "X, speaking on condition..., said Ankara had raised it “directly”".
      if (!found && span.start > sStart) found = sentenceSubject(prose, sStart, span.start);
      // A quotation introduced by a colon: the subject of the sentence that introduces it.
      if (!found && endsWithColon(prose, sStart, span.start)) found = leadingSubject(prose, sStart, span.start);
      // Consecutive quotations in one paragraph with no new attribution belong to the same speaker.
      const previous = quotes[quotes.length - 1];
      if (!found && previous && previous.kind === 'marks' && previous.start >= block.start && previous.speaker && previous.speakerRange) {
        found = { speaker: previous.speaker, range: previous.speakerRange };
      }
      if (!found && span.closed) {
        // "…” she said. / The next sentence names the speaker.
        const next = sentenceOf(span.end + 1) ?? sentences[(sentence?.index ?? -2) + 1];
        if (next && next.block === block.index && next.start >= span.end) found = speakerAfter(prose, next.start, next.end);
      }
      if (found && PRONOUN.test(found.speaker)) {
        // "he said": the person last named as saying something in this paragraph, else the last speaker.
        found =
          named.lastBefore(prose, block.start, block.end, span.start) ??
          leadingSubject(prose, block.start, span.start) ??
          lastSpeaker ??
          named.lastBefore(prose, blocks[block.index - 1]?.start ?? block.start, block.end, sStart);
      }
      const words = prose.slice(inner.start, inner.end).trim().split(/\s+/).filter(Boolean);
      // A short quotation in a sentence that reports speech is a partial quote, not a scare quote.
      const scare = !found && span.closed && words.length > 0 && words.length <= 3 && !/^\p{Lu}/u.test(words[0] as string) && !reportsSpeech(sStart, sEnd);
      quotes.push({ start: span.start, end: span.end, inner, kind: 'marks', speaker: found?.speaker ?? null, speakerRange: found?.range ?? null, scare });
      if (found) lastSpeaker = found;
    }
    const lastSpan = spans[spans.length - 1];
    const last = quotes[quotes.length - 1];
    carry = lastSpan && !lastSpan.closed && last?.speaker && last.speakerRange ? { speaker: last.speaker, range: last.speakerRange } : continued ? carry : null;
  }
  return quotes;
}
