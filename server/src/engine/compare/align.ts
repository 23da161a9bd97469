/**
 * Same-story alignment: passages of different documents that report the same fact, paired.
 * No models: the passages' own features (`passages.ts`) and their rarity across everything
 * being compared.
 *
 * Similarity of two passages a and b, 0 … 1:
 *
 *   words    = Σ idf(w)² over shared words / √(Σ idf(w)² over a's words · Σ idf(w)² over b's),
 *              the cosine of the word sets with each word weighted by idf(w) = ln(1 + N / df(w))
 *              (N passages in all, df(w) of them hold w), times min(1, shared words / 3): one
 *              word in common is a coincidence
 *   E        = Jaccard of the entity sets
 *   numbers  = Σ 0.15 · idf(n) / ln(1 + N) over shared numbers and dates, at most 0.3
 *              (a figure only this story gives counts almost fully, a "2" hardly)
 *   quote    = 0.4 when both carry the same run of four or more quoted words
 *   sim      = min(1, words · (0.75 + 0.25 · E) + 0.15 · E (with two shared words or more)
 *                    + numbers + quote)
 *
 * Passages that name no entity are scored on their words alone (no scaling, nothing added).
 * Entities never make a pair on their own: naming the same countries is the same story, not the
 * same fact. The default threshold, 0.25, was chosen on the samples (the two slanted accounts
 * and the wire report of one story): above it, pairs report one event (the Feb. 26 meeting, the
 * 4,000 personnel, the 49-year lease, the spokesman's words); below it they share the actors, a
 * formula ("speaking on condition of anonymity") or a word or two.
 *
 * Speed: passages with exactly the same features (the same sentence in several documents, as
 * syndicated copy is) are scored once. An inverted index over the features rare enough to be
 * telling (in at most max(24, 3 × documents) passages) proposes the candidate pairs: a pair that
 * shares none of them, only words used all through the story, is never scored. While
 * walking the index each candidate gathers the weight of the rare features it shares, and it is
 * scored only when that weight, plus everything the common features could still add, can reach
 * the threshold (bound and score are the same formula, so the bound never drops a pair the
 * score would keep); the score then merges only the common features. Within a pair of
 * documents, passages are matched one to one, most similar first.
 */
import type { Alignment, Passage, PassageRef } from './types.js';
import { normaliseWord } from '../segment.js';
import { displayForm } from './passages.js';
import { toLineColumn } from '../position.js';
import { stem } from './stem.js';

/** One document as alignment sees it. */
export interface AlignDoc {
  path: string;
  outlet: string;
  passages: readonly Passage[];
  lineStarts: readonly number[];
  /** The document's text, when at hand: passages are checked to lie inside it. */
  text?: string;
}

export interface AlignOptions {
  /** Most pairs reported per pair of documents (default 12). */
  maxPerPair?: number;
  /** Least similarity of a reported pair, 0 … 1 (default 0.25). */
  minSimilarity?: number;
}

export const ALIGN_DEFAULTS = { maxPerPair: 12, minSimilarity: 0.25 } as const;

// The weights of the similarity (see above).
/** Shared words for a full word score. */
const FULL_WORDS = 3;
const ENTITY_SHARE = 0.25;
const ENTITY_BONUS = 0.15;
const NUMBER_BONUS = 0.15;
const NUMBER_CAP = 0.3;
const QUOTE_BONUS = 0.4;
/** Quoted words in a row that make a shared quotation. */
const QUOTE_RUN = 4;

/** Keys as ids: in the passage's order (for output) and sorted (for merges), each once. */
interface IdList {
  order: Int32Array;
  sorted: Int32Array;
}

/** Strings ↔ dense ids. */
class Dictionary {
  private readonly ids = new Map<string, number>();
  readonly names: string[] = [];

  get size(): number {
    return this.names.length;
  }

  idsOf(keys: Iterable<string>): IdList {
    const order: number[] = [];
    for (const k of keys) {
      let id = this.ids.get(k);
      if (id === undefined) {
        id = this.names.length;
        this.ids.set(k, id);
        this.names.push(k);
      }
      if (!order.includes(id)) order.push(id);
    }
    return { order: Int32Array.from(order), sorted: Int32Array.from(order).sort() };
  }
}

/** The features of one or more passages that have exactly these features. */
interface Form {
  /** The passages (indexes into `Corpus.passages`), in input order. */
  members: number[];
  words: IdList;
  numbers: IdList;
  entities: IdList;
  shingles: IdList;
  /** Words, numbers and shingles in the index's one feature space (words, then numbers, then shingles). */
  ids: Int32Array;
  /** The words, numbers and shingles too common to be indexed (sorted ids): what two forms share of them is merged, not looked up. */
  commonWords: Int32Array;
  commonNumbers: Int32Array;
  commonShingles: Int32Array;
}

/**
 * Everything being aligned, with the weights of its features. What the candidate loop reads for
 * every candidate is kept in typed arrays by form index, not in the forms' objects.
 */
interface Corpus {
  docs: readonly AlignDoc[];
  passages: Passage[];
  /** Per passage: its document and its form. */
  docOf: Int32Array;
  formOf: Int32Array;
  forms: Form[];
  words: Dictionary;
  numbers: Dictionary;
  entities: Dictionary;
  /** idf² per word id; the bonus per number id. */
  wordWeight: Float64Array;
  numberBonus: Float64Array;
  /** Passage frequency per feature id, and the largest an indexed feature may have. */
  df: Int32Array;
  maxDf: number;
  /** Per form: Σ idf² of its words; of those too common to be indexed, and how many they are. */
  wordMass: Float64Array;
  commonWordMass: Float64Array;
  commonWords: Int32Array;
  /** Per form: the number bonus its unindexed numbers could give, and all its numbers'; 1 when it names an entity. */
  commonNumberBonus: Float64Array;
  numberBonusTotal: Float64Array;
  named: Uint8Array;
}

function checkOptions(options: AlignOptions): { maxPerPair: number; minSimilarity: number } {
  const maxPerPair = options.maxPerPair ?? ALIGN_DEFAULTS.maxPerPair;
  const minSimilarity = options.minSimilarity ?? ALIGN_DEFAULTS.minSimilarity;
  if (!Number.isInteger(maxPerPair) || maxPerPair < 1) throw new RangeError(`maxPerPair must be a whole number of at least 1, not ${String(maxPerPair)}`);
  if (typeof minSimilarity !== 'number' || !(minSimilarity >= 0 && minSimilarity <= 1)) throw new RangeError(`minSimilarity must be a number from 0 to 1, not ${String(minSimilarity)}`);
  return { maxPerPair, minSimilarity };
}

function checkPassage(d: AlignDoc, p: Passage): void {
  if (Number.isInteger(p.start) && Number.isInteger(p.end) && p.start >= 0 && p.start <= p.end && p.end <= (d.text?.length ?? Infinity)) return;
  throw new RangeError(`${d.path}: passage ${p.start}–${p.end} is not a range in the text${d.text !== undefined ? ` (${d.text.length} characters)` : ''}`);
}

/** Every run of QUOTE_RUN words of the passage's quotations. */
function* shinglesOf(p: Passage): Generator<string> {
  for (const q of p.quotes) {
    const w = q.split(' ');
    for (let i = 0; i + QUOTE_RUN <= w.length; i++) yield w.slice(i, i + QUOTE_RUN).join(' ');
  }
}

function readCorpus(docs: readonly AlignDoc[]): Corpus {
  const words = new Dictionary();
  const numbers = new Dictionary();
  const entities = new Dictionary();
  const shingles = new Dictionary();
  const passages: Passage[] = [];
  const docIndex: number[] = [];
  const formIndex: number[] = [];
  const forms: Form[] = [];
  const formByKey = new Map<string, number>();
  docs.forEach((d, doc) => {
    for (const passage of d.passages) {
      checkPassage(d, passage);
      const key = [passage.words.join(' '), passage.numbers.join(' '), passage.entities.join(' '), passage.quotes.join('\u0002')].join('\u0001');
      let form = formByKey.get(key);
      if (form === undefined) {
        formByKey.set(key, (form = forms.length));
        const empty = new Int32Array(0);
        const lists = { words: words.idsOf(passage.words), numbers: numbers.idsOf(passage.numbers), entities: entities.idsOf(passage.entities), shingles: shingles.idsOf(shinglesOf(passage)) };
        forms.push({ members: [], ...lists, ids: empty, commonWords: empty, commonNumbers: empty, commonShingles: empty });
      }
      (forms[form] as Form).members.push(passages.length);
      passages.push(passage);
      docIndex.push(doc);
      formIndex.push(form);
    }
  });
  const n = passages.length;
  const nWords = words.size;
  const nNumbers = numbers.size;
  const df = new Int32Array(nWords + nNumbers + shingles.size);
  for (const f of forms) {
    f.ids = new Int32Array(f.words.sorted.length + f.numbers.sorted.length + f.shingles.sorted.length);
    f.ids.set(f.words.sorted);
    f.ids.set(f.numbers.sorted.map((k) => nWords + k), f.words.sorted.length);
    f.ids.set(f.shingles.sorted.map((k) => nWords + nNumbers + k), f.words.sorted.length + f.numbers.sorted.length);
    for (const id of f.ids) df[id] = (df[id] as number) + f.members.length;
  }
  const idf = (id: number): number => Math.log(1 + n / (df[id] as number));
  const wordWeight = Float64Array.from({ length: nWords }, (_, w) => idf(w) ** 2);
  const numberBonus = Float64Array.from({ length: nNumbers }, (_, k) => (NUMBER_BONUS * idf(nWords + k)) / Math.log(1 + n));
  const maxDf = Math.max(24, 3 * docs.length);
  const sum = (ids: Int32Array, weight: Float64Array): number => ids.reduce((s, id) => s + (weight[id] as number), 0);
  for (const f of forms) {
    f.commonWords = f.words.sorted.filter((w) => (df[w] as number) > maxDf);
    f.commonNumbers = f.numbers.sorted.filter((k) => (df[nWords + k] as number) > maxDf);
    f.commonShingles = f.shingles.sorted.filter((s) => (df[nWords + nNumbers + s] as number) > maxDf);
  }
  return {
    docs,
    passages,
    docOf: Int32Array.from(docIndex),
    formOf: Int32Array.from(formIndex),
    forms,
    words,
    numbers,
    entities,
    wordWeight,
    numberBonus,
    df,
    maxDf,
    wordMass: Float64Array.from(forms, (f) => sum(f.words.sorted, wordWeight)),
    commonWordMass: Float64Array.from(forms, (f) => sum(f.commonWords, wordWeight)),
    commonWords: Int32Array.from(forms, (f) => f.commonWords.length),
    commonNumberBonus: Float64Array.from(forms, (f) => sum(f.commonNumbers, numberBonus)),
    numberBonusTotal: Float64Array.from(forms, (f) => sum(f.numbers.sorted, numberBonus)),
    named: Uint8Array.from(forms, (f) => (f.entities.sorted.length > 0 ? 1 : 0)),
  };
}

/** Scratch for `overlapOf`, so scoring allocates nothing. */
const overlap = { weight: 0, count: 0 };

/** Total weight (1 each without weights) and number of the ids two sorted arrays share. */
function overlapOf(a: Int32Array, b: Int32Array, weight: Float64Array | null): typeof overlap {
  overlap.weight = 0;
  overlap.count = 0;
  for (let i = 0, j = 0; i < a.length && j < b.length; ) {
    const x = a[i] as number;
    const y = b[j] as number;
    if (x === y) {
      overlap.weight += weight === null ? 1 : (weight[x] as number);
      overlap.count++;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return overlap;
}

/** Jaccard of the entity sets, or -1 when neither names an entity. */
function entityJaccard(a: Form, b: Form): number {
  const na = a.entities.sorted.length;
  const nb = b.entities.sorted.length;
  if (na + nb === 0) return -1;
  const shared = overlapOf(a.entities.sorted, b.entities.sorted, null).count;
  return shared / (na + nb - shared);
}

/**
 * The similarity from its parts (see the header). It grows with every part, so given upper
 * bounds of the parts it gives an upper bound of the similarity.
 */
function combine(cosine: number, sharedWords: number, entities: number, numbers: number, quote: boolean): number {
  const words = cosine * Math.min(1, sharedWords / FULL_WORDS);
  const scale = entities < 0 ? 1 : 1 - ENTITY_SHARE + ENTITY_SHARE * entities;
  const bonus = entities > 0 && sharedWords >= 2 ? ENTITY_BONUS * entities : 0;
  return Math.min(1, words * scale + bonus + Math.min(NUMBER_CAP, numbers) + (quote ? QUOTE_BONUS : 0));
}

/**
 * Pairs of forms with similarity at least `minSimilarity`, as [form, form, similarity, …]; a form
 * is paired with itself when its passages stand in more than one document.
 */
function scoreForms(c: Corpus, minSimilarity: number): number[] {
  const { forms, df, maxDf } = c;
  const n = forms.length;
  const nWords = c.words.size;
  const nNumbers = c.numbers.size;
  const nFeatures = df.length;
  const indexed = (id: number): boolean => (df[id] as number) >= 2 && (df[id] as number) <= maxDf;

  // The inverted index: postings of each indexed feature, in form order.
  const offsets = new Int32Array(nFeatures + 1);
  for (const f of forms) for (const id of f.ids) if (indexed(id)) offsets[id + 1] = (offsets[id + 1] as number) + 1;
  for (let id = 0; id < nFeatures; id++) offsets[id + 1] = (offsets[id + 1] as number) + (offsets[id] as number);
  const postings = new Int32Array(offsets[nFeatures] as number);
  const cursor = offsets.slice(0, nFeatures);
  forms.forEach((f, r) => {
    for (const id of f.ids) {
      if (!indexed(id)) continue;
      const at = cursor[id] as number;
      postings[at] = r;
      cursor[id] = at + 1;
    }
  });
  cursor.set(offsets.subarray(0, nFeatures));

  // For each form, the forms after it in some posting list gather what they share.
  const { wordMass, commonWordMass, commonWords, commonNumberBonus, named } = c;
  const wordGain = new Float64Array(n);
  const wordCount = new Int32Array(n);
  const numberGain = new Float64Array(n);
  const quoteHit = new Uint8Array(n);
  const touched = new Int32Array(n);
  const seen = new Int32Array(n).fill(-1);
  const out: number[] = [];
  forms.forEach((a, r) => {
    if (new Set(a.members.map((p) => c.docOf[p])).size > 1) {
      const self = combine(1, a.words.sorted.length, named[r] === 1 ? 1 : -1, c.numberBonusTotal[r] as number, a.shingles.sorted.length > 0);
      if (self >= minSimilarity) out.push(r, r, self);
    }
    let nTouched = 0;
    for (const id of a.ids) {
      if (!indexed(id)) continue;
      const from = (cursor[id] as number) + 1; // the postings after this form's own
      cursor[id] = from;
      for (let k = from, end = offsets[id + 1] as number; k < end; k++) {
        const s = postings[k] as number;
        if (seen[s] !== r) {
          seen[s] = r;
          wordGain[s] = 0;
          wordCount[s] = 0;
          numberGain[s] = 0;
          quoteHit[s] = 0;
          touched[nTouched++] = s;
        }
        if (id < nWords) {
          wordGain[s] = (wordGain[s] as number) + (c.wordWeight[id] as number);
          wordCount[s] = (wordCount[s] as number) + 1;
        } else if (id < nWords + nNumbers) numberGain[s] = (numberGain[s] as number) + (c.numberBonus[id - nWords] as number);
        else quoteHit[s] = 1;
      }
    }
    for (let t = 0; t < nTouched; t++) {
      const s = touched[t] as number;
      const b = forms[s] as Form;
      const norm = Math.sqrt((wordMass[r] as number) * (wordMass[s] as number));
      // First a bound that takes the common features as all shared and entities at their best; then the score.
      const bound = combine(
        ((wordGain[s] as number) + Math.min(commonWordMass[r] as number, commonWordMass[s] as number)) / norm,
        (wordCount[s] as number) + Math.min(commonWords[r] as number, commonWords[s] as number),
        named[r] === 1 || named[s] === 1 ? 1 : -1,
        (numberGain[s] as number) + Math.min(commonNumberBonus[r] as number, commonNumberBonus[s] as number),
        quoteHit[s] === 1 || (a.commonShingles.length > 0 && b.commonShingles.length > 0),
      );
      if (bound < minSimilarity) continue;
      const words = overlapOf(a.commonWords, b.commonWords, c.wordWeight);
      const cosine = ((wordGain[s] as number) + words.weight) / norm;
      const sharedWords = (wordCount[s] as number) + words.count;
      const numbers = (numberGain[s] as number) + overlapOf(a.commonNumbers, b.commonNumbers, c.numberBonus).weight;
      const quote = quoteHit[s] === 1 || overlapOf(a.commonShingles, b.commonShingles, null).count > 0;
      const sim = combine(cosine, sharedWords, entityJaccard(a, b), numbers, quote);
      if (sim >= minSimilarity) out.push(r, s, sim);
    }
  });
  return out;
}

/**
 * Pairs of passages of different documents, by pair of documents: key `docA × documents + docB`
 * (docA < docB) → [passage of docA, passage of docB, similarity, …].
 */
function passagePairs(c: Corpus, formPairs: readonly number[]): Map<number, number[]> {
  const byPair = new Map<number, number[]>();
  const add = (p: number, q: number, sim: number): void => {
    const [a, b] = (c.docOf[p] as number) < (c.docOf[q] as number) ? [p, q] : [q, p];
    const key = (c.docOf[a] as number) * c.docs.length + (c.docOf[b] as number);
    let list = byPair.get(key);
    if (list === undefined) byPair.set(key, (list = []));
    list.push(a, b, sim);
  };
  for (let i = 0; i < formPairs.length; i += 3) {
    const r = formPairs[i] as number;
    const s = formPairs[i + 1] as number;
    const sim = formPairs[i + 2] as number;
    const mr = (c.forms[r] as Form).members;
    const ms = (c.forms[s] as Form).members;
    mr.forEach((p, j) => {
      for (let k = r === s ? j + 1 : 0; k < ms.length; k++) {
        const q = ms[k] as number;
        if (c.docOf[p] !== c.docOf[q]) add(p, q, sim);
      }
    });
  }
  return byPair;
}

/** One to one within each pair of documents, most similar first, at most `maxPerPair` each. */
function matchPairs(c: Corpus, byPair: Map<number, number[]>, maxPerPair: number): Alignment[] {
  const out: Alignment[] = [];
  const used = new Int32Array(c.passages.length).fill(-1);
  // A passage is in many pairs (one per other document at most), and two forms share the same things each time.
  const refs = new Map<number, PassageRef>();
  const ref = (p: number): PassageRef => {
    let r = refs.get(p);
    if (r === undefined) refs.set(p, (r = passageRef(c, p)));
    return r;
  };
  const shares = new Map<number, Alignment['shared']>();
  const share = (p: number, q: number): Alignment['shared'] => {
    const key = (c.formOf[p] as number) * c.forms.length + (c.formOf[q] as number);
    let s = shares.get(key);
    if (s === undefined) shares.set(key, (s = shared(c, p, q)));
    return s;
  };
  for (const key of [...byPair.keys()].sort((x, y) => x - y)) {
    const list = byPair.get(key) as number[];
    const order = Array.from({ length: list.length / 3 }, (_, i) => i * 3);
    order.sort((i, j) => (list[j + 2] as number) - (list[i + 2] as number) || (list[i] as number) - (list[j] as number) || (list[i + 1] as number) - (list[j + 1] as number));
    let taken = 0;
    for (const i of order) {
      const p = list[i] as number;
      const q = list[i + 1] as number;
      if (used[p] === key || used[q] === key) continue;
      used[p] = key;
      used[q] = key;
      out.push({ a: ref(p), b: ref(q), similarity: Math.round((list[i + 2] as number) * 1000) / 1000, shared: share(p, q) });
      if (++taken === maxPerPair) break;
    }
  }
  return out;
}

/**
 * Pairs passages of different documents that report the same fact: at most `maxPerPair` per pair
 * of documents, one to one, with similarity at least `minSimilarity`. Ordered by document pair
 * (in input order), then by similarity, highest first. Deterministic.
 */
export function alignDocuments(docs: readonly AlignDoc[], options: AlignOptions = {}): Alignment[] {
  const { maxPerPair, minSimilarity } = checkOptions(options);
  if (docs.length < 2) return [];
  const corpus = readCorpus(docs);
  return matchPairs(corpus, passagePairs(corpus, scoreForms(corpus, minSimilarity)), maxPerPair);
}

function passageRef(c: Corpus, p: number): PassageRef {
  const d = c.docs[c.docOf[p] as number] as AlignDoc;
  const passage = c.passages[p] as Passage;
  return { path: d.path, outlet: d.outlet, start: toLineColumn(d.lineStarts, passage.start), end: toLineColumn(d.lineStarts, passage.end), text: passage.text, highlights: passage.highlights };
}

/** Whether a sorted array holds `id`. */
function holds(sorted: Int32Array, id: number): boolean {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const v = sorted[mid] as number;
    if (v === id) return true;
    if (v < id) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}

/** The keys a's list shares with b's, in a's order. */
function sharedKeys(a: IdList, b: IdList, names: readonly string[]): string[] {
  const out: string[] = [];
  for (const id of a.order) if (holds(b.sorted, id)) out.push(names[id] as string);
  return out;
}

const WORD = /[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu;

/** Stem → the first word of the text with that stem, as people read it ("bas" → "bases"). */
function surfaceForms(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of text.matchAll(WORD)) {
    for (const part of m[0].split('-')) {
      const key = stem(normaliseWord(part));
      if (!out.has(key)) out.set(key, displayForm(part));
    }
  }
  return out;
}

/** Two rows of the longest-common-run table, grown as needed. */
let rows: [Int32Array, Int32Array] = [new Int32Array(64), new Int32Array(64)];

/** The longest run of words two quotations share. */
function commonRun(a: string, b: string): string {
  if (a === b) return a;
  const x = a.split(' ');
  const y = b.split(' ');
  if (rows[0].length <= y.length) rows = [new Int32Array(y.length + 1), new Int32Array(y.length + 1)];
  let [previous, current] = rows;
  previous.fill(0);
  let best = 0;
  let bestEnd = 0;
  for (let i = 1; i <= x.length; i++) {
    current[0] = 0;
    for (let j = 1; j <= y.length; j++) {
      const run = x[i - 1] === y[j - 1] ? (previous[j - 1] as number) + 1 : 0;
      current[j] = run;
      if (run > best) {
        best = run;
        bestEnd = i;
      }
    }
    [previous, current] = [current, previous];
  }
  return x.slice(bestEnd - best, bestEnd).join(' ');
}

/** What two aligned passages share: words as a's text has them, entities, numbers, quotations. */
function shared(c: Corpus, p: number, q: number): Alignment['shared'] {
  const a = c.forms[c.formOf[p] as number] as Form;
  const b = c.forms[c.formOf[q] as number] as Form;
  const pa = c.passages[p] as Passage;
  const quotes = new Set<string>();
  if (overlapOf(a.shingles.sorted, b.shingles.sorted, null).count > 0) {
    for (const qa of pa.quotes) {
      for (const qb of (c.passages[q] as Passage).quotes) {
        const run = commonRun(qa, qb);
        if (run.split(' ').length >= QUOTE_RUN) quotes.add(run);
      }
    }
  }
  const surface = surfaceForms(pa.text);
  return {
    words: sharedKeys(a.words, b.words, c.words.names).map((w) => surface.get(w) ?? w),
    entities: sharedKeys(a.entities, b.entities, c.entities.names),
    numbers: sharedKeys(a.numbers, b.numbers, c.numbers.names),
    quotes: [...quotes],
  };
}
