/**
 * The linguistic layer: `linguistics(doc)` gives, per sentence and on first ask, tokens with part
 * of speech (UD tags) and lemma aligned to source offsets, noun chunks and verb groups, clauses
 * with subject and main verb, and proper-name spans with head and kind. Pure: no I/O; the tagger
 * (wink-nlp, `tagger.ts`) is loaded on the first sentence asked for, so a run whose rules never
 * ask pays nothing. Each document's layer is cached with the document, each sentence once.
 *
 * It reads `doc.prose` (non-prose blanked to spaces), so tags never see Markdown syntax, and a
 * chunk of the incremental analysis, being its own document, tags only its own sentences.
 *
 * Bounded: a sentence longer than MAX_SENTENCE characters, with a token longer than MAX_TOKEN,
 * with more than MAX_TOKENS tokens, or made mostly of punctuation is not tagged (and gets a
 * notice); the tagger never sees it. A tagger error is caught the same way.
 */
import { sentenceAt } from '../segment.js';
import type { Document, Notice, Range } from '../types.js';
import { correct, type Tagged } from './corrections.js';
import { clausesOf, namesOf, phrasesOf } from './structure.js';
import { tagText } from './tagger.js';
import type { Clause, Linguistics, NameSpan, NlpToken, SentenceNlp } from './types.js';

export type * from './types.js';
export { UPOS } from './types.js';
export { taggerLoaded, warmTagger } from './tagger.js';

/** Longest sentence tagged, in characters. */
export const MAX_SENTENCE = 2_000;
/** Longest run of non-space characters in a tagged sentence. */
export const MAX_TOKEN = 100;
/** Most tokens in a tagged sentence (the engine's tokens). */
export const MAX_TOKENS = 300;
/** Most notices one document's layer keeps (a summary notice follows). */
const MAX_NOTICES = 20;

const LONG_RUN = new RegExp(`\\S{${MAX_TOKEN + 1}}`);

/** Why a sentence is not tagged, or null when it is fit to tag. */
export function unfit(text: string, wordTokens: number, allTokens: number): string | null {
  if (text.length > MAX_SENTENCE) return `longer than ${MAX_SENTENCE} characters`;
  if (allTokens > MAX_TOKENS) return `more than ${MAX_TOKENS} tokens`;
  if (LONG_RUN.test(text)) return `a run of more than ${MAX_TOKEN} characters without a space`;
  if (allTokens >= 8 && wordTokens * 2 < allTokens) return 'mostly punctuation';
  return null;
}

class DocLinguistics implements Linguistics {
  private readonly cache: (SentenceNlp | undefined)[];
  private readonly noticeList: Notice[] = [];
  private skippedCount = 0;
  private tagged = 0;
  private lower: Set<string> | null = null;
  /** First token index of each sentence in `doc.tokens` (tokens are in sentence order). */
  private tokenStart: Int32Array | null = null;

  constructor(private readonly doc: Document) {
    this.cache = new Array<SentenceNlp | undefined>(doc.sentences.length);
  }

  get notices(): readonly Notice[] {
    return this.noticeList;
  }

  get taggedCount(): number {
    return this.tagged;
  }

  private lowerElsewhere = (word: string): boolean => {
    if (!this.lower) {
      this.lower = new Set();
      for (const t of this.doc.tokens) {
        const c = t.text.charCodeAt(0);
        if (t.kind === 'word' && ((c >= 97 && c <= 122) || (c > 127 && t.text[0] !== t.text[0]?.toUpperCase()))) this.lower.add(t.text);
      }
    }
    return this.lower.has(word);
  };

  private tokenCounts(index: number): { words: number; all: number } {
    if (!this.tokenStart) {
      const starts = new Int32Array(this.doc.sentences.length + 1).fill(-1);
      const tokens = this.doc.tokens;
      for (let k = tokens.length - 1; k >= 0; k--) starts[(tokens[k] as { sentence: number }).sentence] = k;
      starts[this.doc.sentences.length] = tokens.length;
      for (let s = this.doc.sentences.length - 1; s >= 0; s--) if ((starts[s] ?? -1) < 0) starts[s] = starts[s + 1] ?? tokens.length;
      this.tokenStart = starts;
    }
    let words = 0;
    let all = 0;
    const tokens = this.doc.tokens;
    for (let k = this.tokenStart[index] ?? 0; k < tokens.length && tokens[k]?.sentence === index; k++) {
      all++;
      if (tokens[k]?.kind !== 'punct') words++;
      if (all > MAX_TOKENS) break;
    }
    return { words, all };
  }

  private skip(index: number, range: Range, reason: string): SentenceNlp {
    this.skippedCount++;
    if (this.noticeList.length < MAX_NOTICES) {
      const line = lineOf(this.doc.text, range.start);
      this.noticeList.push({ level: 'info', message: `Sentence on line ${line} was not read for grammar (${reason}); it gets no voice findings.` });
    } else if (this.noticeList.length === MAX_NOTICES) {
      this.noticeList.push({ level: 'info', message: 'More sentences were not read for grammar; they get no voice findings.' });
    }
    return { sentence: index, tagged: false, skipped: reason, tokens: [], phrases: [], clauses: [], names: [] };
  }

  sentence(index: number): SentenceNlp {
    const cached = this.cache[index];
    if (cached) return cached;
    const s = this.doc.sentences[index];
    if (!s) throw new RangeError(`no sentence ${index}`);
    const text = this.doc.prose.slice(s.start, s.end);
    const counts = this.tokenCounts(index);
    const reason = unfit(text, counts.words, counts.all);
    let result: SentenceNlp;
    if (reason) result = this.skip(index, s, reason);
    else {
      let raw: Tagged[] | null;
      try {
        raw = tagText(text);
      } catch (e) {
        raw = null;
        result = this.skip(index, s, `the tagger failed: ${e instanceof Error ? e.message : String(e)}`);
      }
      if (raw === null) result ??= this.skip(index, s, 'its words could not be placed');
      else {
        correct(raw, this.lowerElsewhere);
        const tokens: NlpToken[] = raw;
        for (const t of tokens) {
          t.start += s.start;
          t.end += s.start;
        }
        const phrases = phrasesOf(tokens);
        const clauses = clausesOf(tokens, phrases);
        const names = namesOf(tokens);
        for (const nm of names) nm.text = this.doc.text.slice(nm.start, nm.end);
        result = { sentence: index, tagged: true, skipped: null, tokens, phrases, clauses, names };
        this.tagged++;
      }
    }
    this.cache[index] = result;
    return result;
  }

  /** The sentence containing `offset`, or -1. */
  private sentenceIndexAt(offset: number): number {
    return sentenceAt(this.doc.sentences, offset);
  }

  tokenAt(offset: number): { nlp: SentenceNlp; token: number } | null {
    const si = this.sentenceIndexAt(offset);
    if (si < 0) return null;
    const nlp = this.sentence(si);
    const k = nlp.tokens.findIndex((t) => t.start <= offset && offset < t.end);
    return k < 0 ? null : { nlp, token: k };
  }

  clauseOf(nlp: SentenceNlp, token: number): Clause | null {
    let best: Clause | null = null;
    for (const c of nlp.clauses) if (c.first <= token && token < c.last && (!best || c.last - c.first <= best.last - best.first)) best = c;
    return best;
  }

  subjectOf(nlp: SentenceNlp, verb: number): number | null {
    for (const c of nlp.clauses) if (c.verb === verb) return c.subject;
    return null;
  }

  nameAt(range: Range): NameSpan | null {
    const si = this.sentenceIndexAt(range.start);
    if (si < 0) return null;
    for (const nm of this.sentence(si).names) if (nm.start <= range.start && range.end <= nm.end) return nm;
    return null;
  }
}

function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

const layers = new WeakMap<Document, DocLinguistics>();

/** The linguistic layer of `doc`, made once per document and filled per sentence on demand. */
export function linguistics(doc: Document): Linguistics {
  let l = layers.get(doc);
  if (!l) layers.set(doc, (l = new DocLinguistics(doc)));
  return l;
}
