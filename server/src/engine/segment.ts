/**
 * Segmentation: sentences, tokens and the matching form of a word.
 *
 * Everything here works on `prose` (the document text with everything that is not prose blanked
 * to spaces), with offsets in UTF-16 code units shared with the source. The scanners are single
 * passes over characters with bounded look-behind and look-ahead, so they run in linear time on
 * any input; they allocate only at decision points (one small string per candidate boundary, one
 * object per token).
 *
 * Sentence boundaries (after a run of terminal punctuation `.` `?` `!` `…`, plus any closing
 * quotes and brackets that follow it directly, then white space):
 *
 * - Nothing that is not followed by white space (or the end of the range) ends a sentence:
 *   "3.5", "v2.0", "U.S.-led", "end.Then".
 * - `?` and `!` (in any run: `?!`, `!!`) end a sentence unless the next word starts lower case
 *   (`"Why?" he asked.`).
 * - An ellipsis (`...`, more dots, or `…`) ends a sentence only when the next word starts with a
 *   capital (possibly after an opening quote or bracket); lower case, digits and other characters
 *   continue the sentence.
 * - A period after a closing quote or bracket (`.”`, `.)`) ends a sentence unless the next word
 *   starts lower case.
 * - A period after a plain word or number ends a sentence unless the next word starts lower case
 *   (so a sentence may start with a digit or a quotation mark).
 * - A period after a known abbreviation (data/abbreviations.json) is decided by the word:
 *   - titles (Mr, Dr, Gen, Maj, Sen, …) and `e.g`, `i.e`, `vs`, `v`, `cf`, `viz`, `approx` never end
 *     a sentence ("Maj. Gen. Ali Yilmaz", "Roe v. Wade");
 *   - number abbreviations (No, Nos, Vol, Vols, Pp, Fig, Art) continue before a digit or a lower-case word
 *     ("No. 10") and otherwise end a sentence, like a plain word ("He said no. Officials …");
 *   - company suffixes and `etc` (Inc, Ltd, Co, Corp, Plc, Llc) end a sentence before a capital,
 *     unless the next word is itself an abbreviation with a period ("Co. Ltd.");
 *   - every other abbreviation, a dotted multi-letter abbreviation ("U.S.", "p.m.", "J.R.") and a
 *     single capital initial ("J.") end a sentence ONLY when the next word is a capitalised common
 *     sentence starter (The, A, It, He, She, They, We, But, In, This, There, …, see STARTERS):
 *     "in the U.S. The talks" splits, "the U.S. and", "3 p.m. Monday", "St. Petersburg",
 *     "Mar. 1" and "J. R. Smith" do not. A single letter followed by a period ("A.") is an
 *     initial, never the article. Post-nominal and street titles (Jr, Sr, St) follow this rule
 *     rather than the titles' "never".
 * - Em and en dashes, colons and semicolons never split; line breaks are spaces; non-breaking
 *   spaces (U+00A0, U+202F) and other Unicode spaces are spaces.
 */
import type { Range, Token } from './types.js';
import data from '../../data/abbreviations.json' with { type: 'json' };

// ---------------------------------------------------------------------------------------------
// Word lists
// ---------------------------------------------------------------------------------------------

/** Every known abbreviation (titles included), lower case, without the final period. */
const ABBREVIATIONS: ReadonlySet<string> = new Set([...data.titles, ...data.abbreviations]);
/** Titles that follow a name or name a street/saint: decided like ordinary abbreviations. */
const POST_NOMINAL: ReadonlySet<string> = new Set(['jr', 'sr', 'st']);
/** Abbreviations after which a period never ends a sentence. */
const NEVER_FINAL: ReadonlySet<string> = new Set([
  ...data.titles.filter((t) => !POST_NOMINAL.has(t)),
  'e.g',
  'i.e',
  'vs',
  'v',
  'cf',
  'viz',
  'approx',
]);
/** Abbreviations that stand before a number: "No. 10", "Vol. 3". */
const NUMBER_ABBREVIATIONS: ReadonlySet<string> = new Set(['no', 'nos', 'vol', 'vols', 'pp', 'fig', 'art']);
/** Abbreviations that usually close a noun phrase and often a sentence. */
const OFTEN_FINAL: ReadonlySet<string> = new Set(['etc', 'inc', 'ltd', 'co', 'corp', 'plc', 'llc']);
/** Capitalised words that make a period after an ambiguous abbreviation a sentence end. */
const STARTERS: ReadonlySet<string> = new Set([
  'the', 'a', 'an', 'it', 'its', 'he', 'she', 'they', 'we', 'i', 'you', 'his', 'her', 'their', 'our',
  'my', 'your', 'but', 'and', 'or', 'so', 'yet', 'in', 'on', 'at', 'by', 'for', 'from', 'to',
  'with', 'after', 'before', 'during', 'since', 'as', 'if', 'when', 'while', 'although', 'though',
  'because', 'this', 'that', 'these', 'those', 'there', 'then', 'thus', 'however', 'meanwhile',
  'still', 'also', 'now', 'today', 'yesterday', 'some', 'many', 'most', 'several', 'both', 'all',
  'each', 'every', 'no', 'not', 'one', 'what', 'why', 'how', 'who', 'where', 'which', 'according',
  'mr', 'mrs', 'ms',
]);

// ---------------------------------------------------------------------------------------------
// Character classes (a lazily filled table for the BMP, a map for astral code points)
// ---------------------------------------------------------------------------------------------

const LETTER = 1;
const UPPER = 2;
const LOWER = 4;
const MARK = 8;
const DIGIT = 16;
const SPACE = 32;
const KNOWN = 128;

const RE_LETTER = /\p{L}/u;
const RE_UPPER = /[\p{Lu}\p{Lt}]/u;
const RE_LOWER = /\p{Ll}/u;
const RE_MARK = /\p{M}/u;
const RE_NUMBER = /\p{N}/u;

const bmp = new Uint8Array(0x10000);
const astral = new Map<number, number>();

function computeClass(cp: number): number {
  if (cp >= 0xd800 && cp <= 0xdfff) return KNOWN; // lone surrogate: nothing
  const ch = String.fromCodePoint(cp);
  let c = KNOWN;
  if (RE_LETTER.test(ch)) {
    c |= LETTER;
    if (RE_UPPER.test(ch)) c |= UPPER;
    else if (RE_LOWER.test(ch)) c |= LOWER;
  } else if (RE_MARK.test(ch)) c |= MARK;
  else if (RE_NUMBER.test(ch)) c |= DIGIT;
  return c;
}

const SPACES = [
  0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x20, 0x85, 0xa0, 0x1680, 0x2000, 0x2001, 0x2002, 0x2003, 0x2004, 0x2005,
  0x2006, 0x2007, 0x2008, 0x2009, 0x200a, 0x200b, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000, 0xfeff,
];
for (const s of SPACES) bmp[s] = KNOWN | SPACE;
for (let c = 0; c < 128; c++) if (bmp[c] === 0) bmp[c] = computeClass(c);

/** Class bits of a code point. */
function classOf(cp: number): number {
  if (cp < 0x10000) {
    let c = bmp[cp] as number;
    if (c === 0) {
      c = computeClass(cp);
      bmp[cp] = c;
    }
    return c;
  }
  let c = astral.get(cp);
  if (c === undefined) {
    c = computeClass(cp);
    astral.set(cp, c);
  }
  return c;
}

/** The code point at `i` (a surrogate pair read whole when it lies before `end`). */
function codePointAt(s: string, i: number, end: number): number {
  const c = s.charCodeAt(i);
  if (c >= 0xd800 && c <= 0xdbff && i + 1 < end) {
    const d = s.charCodeAt(i + 1);
    if (d >= 0xdc00 && d <= 0xdfff) return (c - 0xd800) * 0x400 + (d - 0xdc00) + 0x10000;
  }
  return c;
}

function isSpace(cu: number): boolean {
  return ((bmp[cu] as number) & SPACE) !== 0;
}

const FULL_STOP = 0x2e;
const ELLIPSIS = 0x2026;

/** `.` `?` `!` `…` and their variants. */
function isTerminal(cu: number): boolean {
  switch (cu) {
    case 0x2e: // .
    case 0x3f: // ?
    case 0x21: // !
    case 0x2026: // …
    case 0x203c: // ‼
    case 0x2047: // ⁇
    case 0x2048: // ⁈
    case 0x2049: // ⁉
    case 0xff01: // ！
    case 0xff1f: // ？
    case 0x3002: // 。
      return true;
    default:
      return false;
  }
}

/** Closing quotes and brackets that belong to the sentence they follow. */
function isCloser(cu: number): boolean {
  switch (cu) {
    case 0x22: // "
    case 0x27: // '
    case 0x29: // )
    case 0x5d: // ]
    case 0x7d: // }
    case 0x2019: // ’
    case 0x201d: // ”
    case 0xbb: // »
    case 0xab: // « (closing in some styles)
    case 0x203a: // ›
    case 0x2039: // ‹
    case 0x300d: // 」
    case 0x300f: // 』
      return true;
    default:
      return false;
  }
}

/** Opening quotes and brackets that may stand before a sentence's first word. */
function isOpener(cu: number): boolean {
  switch (cu) {
    case 0x22: // "
    case 0x27: // '
    case 0x28: // (
    case 0x5b: // [
    case 0x7b: // {
    case 0x2018: // ‘
    case 0x201c: // “
    case 0x201e: // „
    case 0xab: // «
    case 0xbb: // » (opening in some styles)
    case 0x2039: // ‹
    case 0x203a: // ›
    case 0xbf: // ¿
    case 0xa1: // ¡
    case 0x300c: // 「
    case 0x300e: // 『
      return true;
    default:
      return false;
  }
}

// ---------------------------------------------------------------------------------------------
// Sentences
// ---------------------------------------------------------------------------------------------

const N_END = 0;
const N_LOWER = 1;
const N_UPPER = 2;
const N_DIGIT = 3;
const N_TERMINAL = 4;
const N_OTHER = 5;

/** What follows a candidate boundary. Module-level scratch to avoid an allocation per look. */
let nextKind = N_END;
let nextWordStart = 0;
let nextWordEnd = 0;

/** Longest word read ahead or behind; longer words are no abbreviation or starter. */
const MAX_LOOK = 24;

/** Looks at what follows `from`: skips white space and opening quotes, reads the next word. */
function lookNext(prose: string, from: number, end: number): void {
  let p = from;
  while (p < end && isSpace(prose.charCodeAt(p))) p++;
  nextWordStart = nextWordEnd = p;
  if (p >= end) {
    nextKind = N_END;
    return;
  }
  while (p < end && isOpener(prose.charCodeAt(p))) p++;
  nextWordStart = nextWordEnd = p;
  if (p >= end) {
    nextKind = N_OTHER;
    return;
  }
  const cu = prose.charCodeAt(p);
  if (isTerminal(cu)) {
    nextKind = N_TERMINAL;
    return;
  }
  const cp = codePointAt(prose, p, end);
  const cls = classOf(cp);
  if (cls & DIGIT) {
    nextKind = N_DIGIT;
    return;
  }
  if (!(cls & LETTER)) {
    nextKind = N_OTHER;
    return;
  }
  nextKind = cls & LOWER ? N_LOWER : N_UPPER;
  let q = p;
  while (q < end && q - p <= MAX_LOOK) {
    const c = codePointAt(prose, q, end);
    if (!(classOf(c) & (LETTER | MARK))) break;
    q += c > 0xffff ? 2 : 1;
  }
  nextWordEnd = q;
}

/** True when the next word is a capitalised common sentence starter ("The", "It", not "A."). */
function nextIsStarter(prose: string, end: number): boolean {
  if (nextKind !== N_UPPER) return false;
  const len = nextWordEnd - nextWordStart;
  if (len === 0 || len > MAX_LOOK) return false;
  // A single letter followed by a period is an initial ("J. A. Smith"), not a word.
  if (len === 1 && nextWordEnd < end && prose.charCodeAt(nextWordEnd) === FULL_STOP) return false;
  return STARTERS.has(prose.slice(nextWordStart, nextWordEnd).toLowerCase());
}

/** True when the next word is a known abbreviation written with its period ("Ltd."). */
function nextIsAbbreviation(prose: string, end: number): boolean {
  const len = nextWordEnd - nextWordStart;
  if (len === 0 || len > MAX_LOOK || nextWordEnd >= end || prose.charCodeAt(nextWordEnd) !== FULL_STOP) return false;
  return ABBREVIATIONS.has(prose.slice(nextWordStart, nextWordEnd).toLowerCase());
}

/** A dotted form ("U.S", "p.m", "ph.d"): every part a single letter, or a known abbreviation. */
function isDotted(lower: string): boolean {
  if (ABBREVIATIONS.has(lower)) return true;
  let run = 0;
  for (let i = 0; i < lower.length; i++) {
    if (lower.charCodeAt(i) === FULL_STOP) {
      if (run !== 1) return false;
      run = 0;
    } else run++;
  }
  return run === 1;
}

/** "(res.)", "(ret.)": a known abbreviation alone in brackets, which does not end a sentence. */
function bracketedAbbreviation(prose: string, start: number, dot: number): boolean {
  const open = prose.lastIndexOf('(', dot);
  if (open < start || dot - open > 8) return false;
  return ABBREVIATIONS.has(prose.slice(open + 1, dot).toLowerCase());
}

/** Decides a single period at `dot` followed by white space (no closers), given `lookNext`. */
function periodEnds(prose: string, start: number, dot: number, end: number): boolean {
  // The word before the period: letters and dots, back to the previous other character.
  let k = dot - 1;
  while (k >= start && dot - k <= MAX_LOOK) {
    const c = prose.charCodeAt(k);
    if (c === FULL_STOP || ((c < 0xd800 || c >= 0xe000) && classOf(c) & LETTER)) k--;
    else break;
  }
  let wordStart = k + 1;
  while (wordStart < dot && prose.charCodeAt(wordStart) === FULL_STOP) wordStart++;
  const ordinary = nextKind !== N_LOWER;
  if (wordStart >= dot) return ordinary;
  if (k >= start) {
    const lowSurrogate = k > start && prose.charCodeAt(k) >= 0xdc00 && prose.charCodeAt(k) <= 0xdfff;
    const before = lowSurrogate ? codePointAt(prose, k - 1, dot) : prose.charCodeAt(k);
    // Too long, or part of a larger word ("so-called.", "Jones's.", "5p."): an ordinary word.
    if (dot - k > MAX_LOOK || classOf(before) & (LETTER | DIGIT | MARK)) return ordinary;
    if (before === 0x2d || before === 0x27 || before === 0x2019) return ordinary;
  }
  const word = prose.slice(wordStart, dot);
  const lower = word.toLowerCase();
  if (lower.includes('.')) {
    if (!isDotted(lower)) return ordinary;
    if (NEVER_FINAL.has(lower)) return false;
    return nextIsStarter(prose, end);
  }
  if (word.length === 1 && classOf(word.charCodeAt(0)) & UPPER) return nextIsStarter(prose, end);
  if (NEVER_FINAL.has(lower)) return false;
  if (NUMBER_ABBREVIATIONS.has(lower)) return nextKind !== N_DIGIT && nextKind !== N_LOWER;
  if (OFTEN_FINAL.has(lower)) {
    if (nextKind === N_LOWER || nextKind === N_DIGIT) return false;
    return !nextIsAbbreviation(prose, end);
  }
  if (ABBREVIATIONS.has(lower)) return nextIsStarter(prose, end);
  return ordinary;
}

/** Sentence ranges within [start, end) of `prose`: trimmed of surrounding white space, in order, non-overlapping, never empty. */
export function splitSentences(prose: string, start: number, end: number): Range[] {
  const out: Range[] = [];
  start = Math.max(0, start);
  end = Math.min(prose.length, end);
  let s = -1;
  let i = start;
  while (i < end) {
    const c = prose.charCodeAt(i);
    if (s < 0) {
      if (isSpace(c)) {
        i++;
        continue;
      }
      s = i;
    }
    if (!isTerminal(c)) {
      i++;
      continue;
    }
    // A run of terminal punctuation.
    let j = i;
    let dots = 0;
    let ellipsis = false;
    let strong = false;
    while (j < end) {
      const t = prose.charCodeAt(j);
      if (!isTerminal(t)) break;
      if (t === FULL_STOP) dots++;
      else if (t === ELLIPSIS) ellipsis = true;
      else strong = true;
      j++;
    }
    if (dots >= 2) ellipsis = true;
    let k = j;
    while (k < end && isCloser(prose.charCodeAt(k))) k++;
    if (k < end && !isSpace(prose.charCodeAt(k))) {
      // "3.5", "U.S.-led", "end.Then": not a boundary.
      i = k;
      continue;
    }
    lookNext(prose, k, end);
    let boundary: boolean;
    if (nextKind === N_END) boundary = true;
    else if (nextKind === N_TERMINAL) boundary = false; // spaced ellipsis ". . ."
    else if (strong) boundary = nextKind !== N_LOWER;
    else if (ellipsis) boundary = nextKind === N_UPPER;
    else if (k > j) boundary = nextKind !== N_LOWER && !(dots === 1 && prose.charCodeAt(j) === 0x29 && bracketedAbbreviation(prose, s, i)); // ".”" or ".)", not "(res.)"
    else boundary = periodEnds(prose, s, i, end);
    if (boundary) {
      out.push({ start: s, end: k });
      s = -1;
    }
    i = k;
  }
  if (s >= 0) {
    let e = end;
    while (e > s && isSpace(prose.charCodeAt(e - 1))) e--;
    if (e > s) out.push({ start: s, end: e });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Tokens
// ---------------------------------------------------------------------------------------------

/** Hyphens and apostrophes that join a word when they stand between word characters. */
function isJoiner(cu: number): boolean {
  return cu === 0x2d || cu === 0x2010 || cu === 0x2011 || cu === 0x27 || cu === 0x2019;
}

/** Format characters (Unicode Cf) that may stand inside a word: soft hyphen, zero-width space, joiners, word joiner, BOM, bidi marks. */
function isFormat(cu: number): boolean {
  return cu === 0xad || (cu >= 0x200b && cu <= 0x200f) || (cu >= 0x202a && cu <= 0x202e) || (cu >= 0x2060 && cu <= 0x2064) || (cu >= 0x2066 && cu <= 0x206f) || cu === 0xfeff;
}

/** The format characters `isFormat` lets into a word (a plain class: a `\p{Cf}` regex costs start-up time to build). */
const RE_FORMAT = /[\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff]/g;

/** A word without the format characters inside it ("re\u00ADgime" → "regime"). */
export function withoutFormat(word: string): string {
  return word.replace(RE_FORMAT, '');
}

/** Result flags of `scanWord`. */
let scanHasLetter = false;
let scanHasDigit = false;

/**
 * Scans a word or number from `i` (a letter or digit): letters, marks and digits, inner hyphens
 * and apostrophes, `.` and `,` between digits, and a dotted abbreviation ("U.S.") whole.
 * Returns its end. Sets scanHasLetter / scanHasDigit.
 */
function scanWord(prose: string, i: number, end: number): number {
  let j = i;
  let prevDigit = false;
  let lettersOnly = true;
  for (;;) {
    while (j < end) {
      const cp = codePointAt(prose, j, end);
      const cls = classOf(cp);
      if (cls & LETTER) {
        scanHasLetter = true;
        prevDigit = false;
      } else if (cls & DIGIT) {
        scanHasDigit = true;
        prevDigit = true;
        lettersOnly = false;
      } else if (cls & MARK) prevDigit = false;
      else break;
      j += cp > 0xffff ? 2 : 1;
    }
    if (j + 1 >= end) return j;
    const c = prose.charCodeAt(j);
    if (isFormat(c)) {
      // A soft hyphen or zero-width character between letters is part of the word ("re\u00ADgime").
      let k = j + 1;
      while (k < end && isFormat(prose.charCodeAt(k))) k++;
      if (k < end && classOf(codePointAt(prose, k, end)) & (LETTER | DIGIT | MARK)) {
        j = k;
        continue;
      }
      return j;
    }
    const nextCls = classOf(codePointAt(prose, j + 1, end));
    if (isJoiner(c) && nextCls & (LETTER | DIGIT)) {
      lettersOnly = false;
      j++;
      continue;
    }
    if ((c === FULL_STOP || c === 0x2c) && prevDigit && nextCls & DIGIT) {
      j++;
      continue;
    }
    if (c === FULL_STOP && lettersOnly && j - i <= 4 && nextCls & LETTER) {
      const d = scanDotted(prose, i, end);
      if (d > j) {
        j = d;
        // "U.S.-led": go on after a hyphen.
        if (j + 1 < end && isJoiner(prose.charCodeAt(j)) && classOf(codePointAt(prose, j + 1, end)) & (LETTER | DIGIT)) {
          lettersOnly = false;
          j++;
          continue;
        }
      }
    }
    return j;
  }
}

/**
 * A dotted abbreviation from `i`: single letters each followed by a period ("U.S.", "J.R.",
 * "a.m."), or a known dotted abbreviation ("ph.d."). Returns its end (after the final period, if
 * any) or -1. Bounded: a form with a longer part is only tried up to a dozen characters.
 */
function scanDotted(prose: string, i: number, end: number): number {
  let p = i;
  let parts = 0;
  let allSingle = true;
  let singleEnd = -1;
  for (;;) {
    let n = 0;
    while (p < end) {
      const cp = codePointAt(prose, p, end);
      if (!(classOf(cp) & LETTER)) break;
      p += cp > 0xffff ? 2 : 1;
      n++;
      if (!allSingle || n > 1) {
        allSingle = false;
        if (p - i > 12) return singleEnd;
      }
    }
    if (n === 0) break;
    parts++;
    if (p < end && prose.charCodeAt(p) === FULL_STOP) {
      p++;
      if (allSingle && parts >= 2) singleEnd = p;
      if (p < end && classOf(codePointAt(prose, p, end)) & LETTER) continue;
      break;
    }
    // A last part without a period ("U.S" before a hyphen).
    if (allSingle && parts >= 2 && !(p < end && classOf(codePointAt(prose, p, end)) & (DIGIT | MARK))) singleEnd = p;
    break;
  }
  if (parts < 2) return -1;
  if (allSingle) return singleEnd;
  const withDot = prose.charCodeAt(p - 1) === FULL_STOP;
  const form = prose.slice(i, withDot ? p - 1 : p).toLowerCase();
  if (ABBREVIATIONS.has(form)) {
    if (p < end && classOf(codePointAt(prose, p, end)) & (LETTER | DIGIT | MARK)) return singleEnd;
    return p;
  }
  return singleEnd;
}

/** Emoji modifiers, selectors and joiners that belong to the symbol before them. Returns the new end. */
function extendSymbol(prose: string, j: number, end: number): number {
  for (;;) {
    if (j >= end) return j;
    const cp = codePointAt(prose, j, end);
    if ((cp >= 0xfe00 && cp <= 0xfe0f) || cp === 0x20e3 || (cp >= 0x1f3fb && cp <= 0x1f3ff) || (cp >= 0xe0020 && cp <= 0xe007f)) {
      j += cp > 0xffff ? 2 : 1;
    } else if (cp === 0x200d && j + 1 < end && !isSpace(prose.charCodeAt(j + 1))) {
      // A zero-width joiner and the symbol it joins ("👩‍💻").
      j += 1 + (codePointAt(prose, j + 1, end) > 0xffff ? 2 : 1);
    } else return j;
  }
}

function isRegionalIndicator(cp: number): boolean {
  return cp >= 0x1f1e6 && cp <= 0x1f1ff;
}

/** Tokens of [start, end) of `prose`. Words keep inner hyphens and apostrophes (straight ' and curly ’): "so-called", "don't", "Erdoğan’s", "U.S." (a dotted abbreviation is one token including its dots), numbers keep inner . and , ("3.5", "1,200"), every other non-space character is a one-character 'punct' token (but "..." and "—" are single tokens). `sentence` is stored in each token. */
export function tokenize(prose: string, start: number, end: number, sentence: number): Token[] {
  const out: Token[] = [];
  start = Math.max(0, start);
  end = Math.min(prose.length, end);
  let i = start;
  while (i < end) {
    const c = prose.charCodeAt(i);
    if (isSpace(c)) {
      i++;
      continue;
    }
    const cp = codePointAt(prose, i, end);
    const cls = classOf(cp);
    let j: number;
    let kind: Token['kind'];
    if (cls & (LETTER | DIGIT)) {
      scanHasLetter = false;
      scanHasDigit = false;
      j = scanWord(prose, i, end);
      if (scanHasLetter) kind = 'word';
      else {
        kind = 'number';
        if (j < end && prose.charCodeAt(j) === 0x25) j++; // "5%"
      }
      if (!scanHasLetter && !scanHasDigit) kind = 'punct';
    } else {
      kind = 'punct';
      j = i + (cp > 0xffff ? 2 : 1);
      if (c === FULL_STOP) {
        let k = j;
        while (k < end && prose.charCodeAt(k) === FULL_STOP) k++;
        if (k - i >= 3) j = k; // "..." (and longer runs of dots)
      } else if (isRegionalIndicator(cp) && j < end && isRegionalIndicator(codePointAt(prose, j, end))) {
        j += 2; // a flag: two regional indicators
      } else if (cp > 0xff) {
        j = extendSymbol(prose, j, end);
      }
    }
    const text = prose.slice(i, j);
    out.push({ start: i, end: j, text, norm: kind === 'word' ? normaliseWord(text) : text, sentence, kind });
    i = j;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Normalisation
// ---------------------------------------------------------------------------------------------

/** Letters that do not decompose under NFD but fold to plain Latin letters. */
const FOLD: Readonly<Record<string, string>> = {
  ı: 'i',
  ł: 'l',
  ø: 'o',
  đ: 'd',
  ð: 'd',
  ħ: 'h',
  þ: 'th',
  æ: 'ae',
  œ: 'oe',
  ß: 'ss',
  ŀ: 'l',
  ŧ: 't',
};
const RE_FOLD = /[ıłøđðħþæœßŀŧ]/g;
const RE_COMBINING = /[\u0300-\u036f]/g;
const RE_APOSTROPHES = /[\u2018\u2019\u02bc\u2032\uff07]/g;

/** Cache for non-ASCII words (bounded: cleared when full). */
const cache = new Map<string, string>();
const CACHE_MAX = 20000;

/** Removes a trailing possessive: "x's" → "x", "xs'" → "xs". Expects straight apostrophes. */
function stripPossessive(w: string): string {
  const n = w.length;
  if (n > 2 && w.charCodeAt(n - 2) === 0x27 && w.charCodeAt(n - 1) === 0x73) return w.slice(0, n - 2);
  if (n > 2 && w.charCodeAt(n - 1) === 0x27 && w.charCodeAt(n - 2) === 0x73) return w.slice(0, n - 1);
  return w;
}

/** The matching form of a word: format characters (soft hyphens, zero-width characters) removed, NFKC, lower case, diacritics folded (ğ→g, ü→u, é→e, ı→i, ş→s, ç→c, ö→o), curly apostrophes → ', a trailing possessive 's or ’s (and a bare trailing ' after s) removed. */
export function normaliseWord(word: string): string {
  let ascii = true;
  let upper = false;
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    if (c >= 0x80) {
      ascii = false;
      break;
    }
    if (c >= 0x41 && c <= 0x5a) upper = true;
  }
  if (ascii) return stripPossessive(upper ? word.toLowerCase() : word);
  const hit = cache.get(word);
  if (hit !== undefined) return hit;
  let w = withoutFormat(word).normalize('NFKC').toLowerCase().replace(RE_APOSTROPHES, "'");
  w = w.normalize('NFD').replace(RE_COMBINING, '').replace(RE_FOLD, (ch) => FOLD[ch] ?? ch).normalize('NFC');
  w = stripPossessive(w);
  if (cache.size >= CACHE_MAX) cache.clear();
  cache.set(word, w);
  return w;
}

/** The index of the sentence holding an offset (start inclusive, end exclusive; sentences sorted), or -1. */
export function sentenceAt(sentences: readonly { start: number; end: number }[], offset: number): number {
  let lo = 0;
  let hi = sentences.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = sentences[mid] as { start: number; end: number };
    if (offset < s.start) hi = mid - 1;
    else if (offset >= s.end) lo = mid + 1;
    else return mid;
  }
  return -1;
}
