/**
 * Where a set of regexes may match, found without running them.
 *
 * Each regex's source is read once for its literal prefixes: strings one of which every match
 * must begin with ("reportedly", "it is ", "sources f" ...). A trie of all of them, walked once
 * from each offset of a text, gives each regex the offsets where one of its prefixes stands; the
 * regex then needs trying only there (see `matchesAt`). A prefix read after a leading \b is
 * looked for only where a word starts. The prefixes are a superset by
 * construction: whatever the source cannot bound (a class of many characters, a backreference)
 * ends the prefix there, and a regex none of whose matches can be bounded is left out.
 *
 * Case: ASCII letters are folded on both sides, so a case-sensitive regex gets a few offsets
 * more than it needs, never fewer. A case-insensitive regex with a cased non-ASCII letter ends
 * its prefix before it; one with the `u` or `v` flag and `i` (Unicode case folding) is left out.
 */

/** Prefix strings, each with whether the part of the regex read so far is exactly it (and may go on). */
type Prefixes = Map<string, boolean>;

/** Prefixes are cut at this length: long enough to tell cues apart, short enough to stay few. */
const MAX_PREFIX = 8;
/** A regex with more prefixes than this is left out (its trie would cost more than it saves). */
const MAX_PREFIXES = 5000;
/** A character class of at most this many characters is expanded into them; a larger one ends the prefix. */
const MAX_CLASS = 16;

const ANY: Prefixes = new Map([['', false]]);
const EMPTY: Prefixes = new Map([['', true]]);
/**
 * A word boundary (\b) at the start of a prefix, kept as this mark while reading (one after other
 * text is let go, see `concat`); `literalPrefixes` says what becomes of it. U+FFFF is not a
 * character and stands for none of the text's.
 */
const BOUNDARY = '\uffff';
const BOUNDARY_CODE = 0xffff;
const AT_BOUNDARY: Prefixes = new Map([[BOUNDARY, true]]);
/** A word character as \b sees it without Unicode case folding: ASCII letters, digits and '_'. */
const isWordCode = (c: number): boolean => (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95;
const DIGITS = '0123456789';

class TooMany extends Error {}

const foldCode = (c: number): number => (c >= 65 && c <= 90 ? c + 32 : c);
const fold = (s: string): string => s.replace(/[A-Z]/g, (c) => c.toLowerCase());
const cased = (c: string): boolean => c.toLowerCase() !== c.toUpperCase();

/** Adds a prefix; when it is there already, it stays exact only if both are (a prefix that may go on is the wider claim). */
function put(into: Prefixes, s: string, exact: boolean): void {
  into.set(s, (into.get(s) ?? true) && exact);
}

/** Adds every prefix of `from` to `into` (alternatives: a match begins like one or the other). */
function mergeInto(into: Prefixes, from: Prefixes): Prefixes {
  for (const [s, exact] of from) put(into, s, exact);
  if (into.size > MAX_PREFIXES) throw new TooMany();
  return into;
}

/** A prefix's length in characters of the text (a leading \b mark takes none; there is no other). */
const width = (s: string): number => (s.charCodeAt(0) === BOUNDARY_CODE ? s.length - 1 : s.length);

/** What a sequence `a` then `b` may begin with. */
function concat(a: Prefixes, b: Prefixes): Prefixes {
  const out: Prefixes = new Map();
  for (const [s, exact] of a) {
    if (!exact || width(s) >= MAX_PREFIX) {
      put(out, s, false);
      continue;
    }
    for (const [t, exact2] of b) {
      // Only a leading \b is kept: one after other text (or after another \b) is let go.
      const joined = s !== '' && t.charCodeAt(0) === BOUNDARY_CODE ? s + t.slice(1) : s + t;
      const n = width(joined);
      if (n >= MAX_PREFIX) put(out, joined.slice(0, joined.length - n + MAX_PREFIX), n === MAX_PREFIX && exact2);
      else put(out, joined, exact2);
    }
    if (out.size > MAX_PREFIXES) throw new TooMany();
  }
  return out;
}

/** The prefixes of any of the characters, or ANY when there are too many of them. */
function charsOf(chars: Iterable<string>, ignoreCase: boolean): Prefixes {
  const out: Prefixes = new Map();
  for (const c of chars) {
    if (ignoreCase && c.charCodeAt(0) > 127 && cased(c)) return ANY;
    out.set(fold(c), true);
    if (out.size > MAX_CLASS) return ANY;
  }
  return out;
}

/** A recursive-descent reader of a regex source that computes prefixes as it goes. */
class Reader {
  private at = 0;
  constructor(
    private readonly src: string,
    private readonly ignoreCase: boolean,
    private readonly unicode: boolean,
  ) {}

  read(): Prefixes {
    const p = this.alternation();
    if (this.at < this.src.length) throw new SyntaxError(`unexpected ${this.src[this.at]} at ${this.at}`);
    return p;
  }

  private alternation(): Prefixes {
    const first = this.sequence();
    if (this.src[this.at] !== '|') return first;
    const p = new Map(first);
    while (this.src[this.at] === '|') {
      this.at++;
      mergeInto(p, this.sequence());
    }
    return p;
  }

  private sequence(): Prefixes {
    let p = EMPTY;
    while (this.at < this.src.length && this.src[this.at] !== '|' && this.src[this.at] !== ')') {
      const run = this.literalRun();
      p = concat(p, run !== '' ? new Map([[run, true]]) : this.quantified(this.atom()));
    }
    return p;
  }

  /**
   * Plain characters read at once ("acknowledged"), lower-cased: up to a metacharacter, a
   * quantified character, or a cased non-ASCII letter under 'i'. Empty when none start here.
   */
  private literalRun(): string {
    const from = this.at;
    let i = from;
    while (i < this.src.length) {
      const c = this.src[i] as string;
      if ('\\^$.|?*+()[]{}'.includes(c) || '?*+{'.includes(this.src[i + 1] ?? '') || (this.ignoreCase && c.charCodeAt(0) > 127 && cased(c))) break;
      i++;
    }
    this.at = i;
    return fold(this.src.slice(from, i));
  }

  private quantified(p: Prefixes): Prefixes {
    const c = this.src[this.at];
    let min: number;
    let max: number;
    if (c === '?' || c === '*' || c === '+') {
      this.at++;
      min = c === '+' ? 1 : 0;
      max = c === '?' ? 1 : Infinity;
    } else if (c === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(this.src.slice(this.at));
      if (!m) return p; // A literal '{' (read as an atom next time round).
      this.at += m[0].length;
      min = Number(m[1]);
      max = m[2] === undefined ? min : m[3] === '' ? Infinity : Number(m[3]);
    } else return p;
    if (this.src[this.at] === '?') this.at++; // lazy: the same matches
    if (max === 0) return EMPTY;
    // After one repetition anything of the kind may follow: the prefix ends there.
    const once = max === 1 ? p : new Map([...p].map(([s]) => [s, false]));
    return min === 0 ? mergeInto(new Map(once), EMPTY) : once;
  }

  private atom(): Prefixes {
    const c = this.src[this.at++] as string;
    switch (c) {
      case '(':
        return this.group();
      case '[':
        return this.charClass();
      case '\\': {
        const e = this.escape(false);
        if (e === 'boundary') return AT_BOUNDARY;
        return e === 'assertion' ? EMPTY : e === null ? ANY : charsOf(e, this.ignoreCase);
      }
      case '.':
        return ANY;
      case '^':
      case '$':
        return EMPTY;
      default:
        return charsOf([c], this.ignoreCase);
    }
  }

  private group(): Prefixes {
    let zeroWidth = false;
    if (this.src[this.at] === '?') {
      const rest = this.src.slice(this.at, this.at + 3);
      if (rest.startsWith('?:')) this.at += 2;
      else if (rest.startsWith('?=') || rest.startsWith('?!')) {
        this.at += 2;
        zeroWidth = true;
      } else if (rest === '?<=' || rest === '?<!') {
        this.at += 3;
        zeroWidth = true;
      } else if (rest.startsWith('?<')) this.at = this.past('>');
      else throw new SyntaxError(`unknown group (${rest}`);
    }
    const inner = this.alternation();
    if (this.src[this.at] !== ')') throw new SyntaxError('unterminated group');
    this.at++;
    // A lookaround consumes nothing: the text goes on from the same offset.
    return zeroWidth ? EMPTY : inner;
  }

  /** The offset just past the next `close` character. */
  private past(close: string): number {
    const i = this.src.indexOf(close, this.at);
    if (i < 0) throw new SyntaxError(`no ${close} after ${this.at}`);
    return i + 1;
  }

  /**
   * An escape, read after its backslash: the characters it stands for (as written, not folded),
   * null when they are too many to list, or 'boundary' for \b and 'assertion' for \B outside a class.
   */
  private escape(inClass: boolean): string[] | null | 'boundary' | 'assertion' {
    const c = this.src[this.at++] as string;
    const code = (n: number): string[] => {
      const digits = this.src.slice(this.at, this.at + n);
      if (!/^[0-9a-f]+$/i.test(digits) || digits.length !== n) return [c];
      this.at += n;
      return [String.fromCharCode(parseInt(digits, 16))];
    };
    switch (c) {
      case 'b':
        return inClass ? ['\b'] : 'boundary';
      case 'B':
        return inClass ? ['B'] : 'assertion';
      case 'd':
        return DIGITS.split('');
      case 'D':
      case 'w':
      case 'W':
      case 's':
      case 'S':
        return null;
      case 'p':
      case 'P':
        if (!this.unicode || this.src[this.at] !== '{') return [c];
        this.at = this.past('}');
        return null;
      case 'k':
        if (this.src[this.at] !== '<') return [c];
        this.at = this.past('>');
        return null;
      case 'n':
        return ['\n'];
      case 't':
        return ['\t'];
      case 'r':
        return ['\r'];
      case 'f':
        return ['\f'];
      case 'v':
        return ['\v'];
      case '0':
        return ['\0'];
      case 'x':
        return code(2);
      case 'u': {
        if (!this.unicode || this.src[this.at] !== '{') return code(4);
        const close = this.past('}');
        const cp = parseInt(this.src.slice(this.at + 1, close - 1), 16);
        this.at = close;
        // Only the first UTF-16 unit is looked for: the text is walked unit by unit.
        return [String.fromCodePoint(cp)[0] as string];
      }
      case 'c': {
        const letter = this.src[this.at];
        if (letter === undefined || !/[a-z]/i.test(letter)) return ['\\'];
        this.at++;
        return [String.fromCharCode(letter.charCodeAt(0) % 32)];
      }
      default:
        // A backreference may match anything its group did.
        if (!inClass && c >= '1' && c <= '9') {
          while (/[0-9]/.test(this.src[this.at] ?? '')) this.at++;
          return null;
        }
        return [c];
    }
  }

  private charClass(): Prefixes {
    const negated = this.src[this.at] === '^';
    if (negated) this.at++;
    const chars = new Set<string>();
    let many = false;
    /** One member: a character, or null after an escape that stands for several (added) or too many. */
    const member = (): string | null => {
      const c = this.src[this.at++] as string;
      if (c !== '\\') return c;
      const e = this.escape(true);
      if (typeof e === 'object' && e !== null && e.length === 1) return e[0] as string;
      if (typeof e !== 'object' || e === null) many = true;
      else for (const x of e) chars.add(x);
      return null;
    };
    while (this.at < this.src.length && this.src[this.at] !== ']') {
      const lo = member();
      if (lo === null) continue;
      if (this.src[this.at] === '-' && this.at + 1 < this.src.length && this.src[this.at + 1] !== ']') {
        this.at++;
        const hi = member();
        if (hi === null) {
          // Not a range: the '-' is itself a member (as in [\d-x]).
          chars.add(lo).add('-');
          continue;
        }
        const a = lo.charCodeAt(0);
        const b = hi.charCodeAt(0);
        if (b - a >= MAX_CLASS) many = true;
        else for (let k = a; k <= b; k++) chars.add(String.fromCharCode(k));
        continue;
      }
      chars.add(lo);
    }
    if (this.src[this.at] !== ']') throw new SyntaxError('unterminated character class');
    this.at++;
    return negated || many ? ANY : charsOf(chars, this.ignoreCase);
  }
}

/** The literal prefixes of a regex's matches, by where they may start. */
export interface LiteralPrefixes {
  /** Prefixes a match may begin with anywhere. */
  anywhere: string[];
  /** Prefixes a match may begin with only at a word's start (after \b, with a word character first). */
  wordStart: string[];
}

/**
 * The literal prefixes every match of the regex begins with (ASCII letters lower-cased), or
 * null when they cannot be bounded: some match may begin anywhere, the regex folds case by
 * Unicode, or its source is beyond this reader. A prefix that leaves out a shorter one in the
 * same list (or in `anywhere`) is dropped: the shorter one already finds its offsets.
 */
export function literalPrefixes(re: RegExp): LiteralPrefixes | null {
  const ignoreCase = re.flags.includes('i');
  const unicode = re.flags.includes('u') || re.flags.includes('v');
  if (ignoreCase && unicode) return null;
  let p: Prefixes;
  try {
    p = new Reader(re.source, ignoreCase, unicode).read();
  } catch (error) {
    if (error instanceof TooMany || error instanceof SyntaxError) return null;
    throw error;
  }
  const anywhere = new Set<string>();
  const wordStart = new Set<string>();
  for (const raw of p.keys()) {
    // A leading \b before a word character means the match starts a word; before anything else it is let go.
    const atWord = raw.startsWith(BOUNDARY) && isWordCode(raw.charCodeAt(1));
    const s = raw.startsWith(BOUNDARY) ? raw.slice(1) : raw;
    if (s === '') return null;
    (atWord ? wordStart : anywhere).add(s);
  }
  const covered = (s: string, set: ReadonlySet<string>): boolean => {
    for (let n = 1; n < s.length; n++) if (set.has(s.slice(0, n))) return true;
    return false;
  };
  return {
    anywhere: [...anywhere].filter((s) => !covered(s, anywhere)).sort(),
    wordStart: [...wordStart].filter((s) => !anywhere.has(s) && !covered(s, anywhere) && !covered(s, wordStart)).sort(),
  };
}

/**
 * Two tries of the literal prefixes of up to 31 regexes, one walked from every offset of a text
 * and one from every word start: `starts(text)` gives, for each regex, the offsets where one of
 * its prefixes stands (ascending), or null for a regex it cannot bound.
 */
export class StartFinder {
  /** Per node, ASCII children (128 slots each; 0 = none). Node 0 is the root for anywhere, 1 for word starts. */
  private ascii = new Int32Array(128 * 1024);
  /** Other children, keyed by node * 0x10000 + character code. */
  private readonly other = new Map<number, number>();
  /** Per node, the regexes (bits) one of whose prefixes ends at it. */
  private readonly masks: number[] = [0, 0];
  /** Per regex: its prefixes, or null when it has none. */
  readonly prefixes: readonly (LiteralPrefixes | null)[];

  constructor(readonly regexes: readonly RegExp[]) {
    if (regexes.length > 31) throw new RangeError('a StartFinder takes at most 31 regexes');
    this.prefixes = regexes.map(literalPrefixes);
    this.prefixes.forEach((p, bit) => {
      for (const s of p?.anywhere ?? []) this.insert(0, s, bit);
      for (const s of p?.wordStart ?? []) this.insert(1, s, bit);
    });
    this.ascii = this.ascii.slice(0, this.masks.length * 128);
  }

  private insert(root: number, s: string, bit: number): void {
    let node = root;
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      let next = c < 128 ? (this.ascii[node * 128 + c] as number) : (this.other.get(node * 0x10000 + c) ?? 0);
      if (next === 0) {
        next = this.masks.length;
        this.masks.push(0);
        if (this.ascii.length < this.masks.length * 128) {
          const grown = new Int32Array(this.ascii.length * 2);
          grown.set(this.ascii);
          this.ascii = grown;
        }
        if (c < 128) this.ascii[node * 128 + c] = next;
        else this.other.set(node * 0x10000 + c, next);
      }
      node = next;
    }
    this.masks[node] = (this.masks[node] as number) | (1 << bit);
  }

  starts(text: string): (number[] | null)[] {
    const out = this.prefixes.map((p) => (p === null ? null : ([] as number[])));
    const n = text.length;
    let wordBefore = false;
    for (let p = 0; p < n; p++) {
      const c = text.charCodeAt(p);
      const word = isWordCode(c);
      let mask = this.walk(text, p, 0);
      if (word && !wordBefore) mask |= this.walk(text, p, 1);
      wordBefore = word;
      while (mask !== 0) {
        const low = mask & -mask;
        (out[31 - Math.clz32(low)] as number[]).push(p);
        mask ^= low;
      }
    }
    return out;
  }

  /** The regexes one of whose prefixes in the trie below `root` stands at offset p. */
  private walk(text: string, p: number, root: number): number {
    const { ascii, other, masks } = this;
    let mask = 0;
    let node = root;
    for (let q = p; q < text.length; q++) {
      const c = foldCode(text.charCodeAt(q));
      node = c < 128 ? (ascii[node * 128 + c] as number) : (other.get(node * 0x10000 + c) ?? 0);
      if (node === 0) break;
      mask |= masks[node] as number;
    }
    return mask;
  }
}

/**
 * The non-empty matches of a global regex, left to right as `exec` finds them. Given the
 * offsets where it may match (a StartFinder's), it is tried only there, with a sticky copy: the
 * matches are the same, since each leftmost match starts at one of them.
 *
 * `sameFate(text, p)`, when given, says up to where the starts after a tried start `p` end the
 * same way as it (no match, or inside its match), so they are not tried: for a regex that reads
 * a run of characters to its end and then needs something there, one try per run instead of
 * one per character, each reading to the same end.
 */
export function matchesAt(re: RegExp, text: string, starts?: readonly number[] | null, sameFate?: (text: string, start: number) => number): RegExpExecArray[] {
  const out: RegExpExecArray[] = [];
  if (starts) {
    const at = stickyOf(re);
    let from = 0;
    let fateEnd = -1;
    for (const p of starts) {
      if (p < from || p < fateEnd) continue;
      if (sameFate) fateEnd = sameFate(text, p);
      at.lastIndex = p;
      const m = at.exec(text);
      if (m === null || m[0].length === 0) continue;
      from = p + m[0].length;
      out.push(m);
    }
    return out;
  }
  re.lastIndex = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    if (m[0].length === 0) re.lastIndex++;
    else out.push(m);
  }
  return out;
}

const stickies = new WeakMap<RegExp, RegExp>();
function stickyOf(re: RegExp): RegExp {
  let s = stickies.get(re);
  if (!s) stickies.set(re, (s = new RegExp(re.source, re.flags.replace('g', '') + 'y')));
  return s;
}
