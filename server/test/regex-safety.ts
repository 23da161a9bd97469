/**
 * A check for regexes that can take exponential time: a repeated part (`*`, `+`, `{n,m}` with m
 * above 1) whose body can match the same text in more than one way from one iteration to the
 * next, as in `(a+)+`, `(?:\w+\s*){1,8}` (a word splits into two "words" wherever the optional
 * space is not) or `(?:\s+(?:has|has also|also))+`. Used by regex-safety.test.ts on every regex
 * the code compiles and every regex literal in server/src.
 *
 * How: the regex source is parsed into a small tree; for each repeated part, sample strings its
 * body matches are generated (each class by one or two characters it matches, each quantifier
 * at its least counts), and the body is ambiguous when it matches the empty string or the
 * concatenation of two samples as one iteration: then n iterations can be read in many ways,
 * and a failing match tries them all. Sampling can miss an ambiguity (it is a lint, not a proof),
 * but what it reports is real: the body does match that text both ways.
 */

type Node =
  | { t: 'chars'; reps: string[] }
  | { t: 'seq'; items: Node[] }
  | { t: 'alt'; options: Node[] }
  | { t: 'group'; body: Node; look: boolean }
  | { t: 'quant'; body: Node; min: number; max: number; src: string }
  | { t: 'empty' };

/** Characters a class is sampled by, in the order they are tried (a letter, a space, a digit, punctuation...). */
const ALPHABET = ['a', ' ', '1', 'A', '.', '-', "'", ',', '’', '\n', 'é', '_', '"', ':', '(', 'x'];
/** Samples kept per node: enough to meet overlaps, few enough to test all pairs. */
const MAX_SAMPLES = 24;

class Parser {
  i = 0;
  constructor(
    readonly src: string,
    readonly flags: string,
  ) {}

  parse(): Node {
    const n = this.alternation();
    if (this.i < this.src.length) throw new Error(`unexpected ${this.src[this.i]} at ${this.i}`);
    return n;
  }

  private alternation(): Node {
    const options = [this.sequence()];
    while (this.src[this.i] === '|') {
      this.i++;
      options.push(this.sequence());
    }
    return options.length === 1 ? (options[0] as Node) : { t: 'alt', options };
  }

  private sequence(): Node {
    const items: Node[] = [];
    while (this.i < this.src.length && this.src[this.i] !== '|' && this.src[this.i] !== ')') {
      const start = this.i;
      const atom = this.atom();
      items.push(this.quantified(atom, start));
    }
    return { t: 'seq', items };
  }

  private quantified(atom: Node, start: number): Node {
    const s = this.src;
    const bodyEnd = this.i;
    let min: number;
    let max: number;
    const c = s[this.i];
    if (c === '*') [min, max] = [0, Infinity];
    else if (c === '+') [min, max] = [1, Infinity];
    else if (c === '?') [min, max] = [0, 1];
    else if (c === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(s.slice(this.i));
      if (!m) return atom;
      min = Number(m[1]);
      max = m[2] === undefined ? min : m[3] === '' ? Infinity : Number(m[3]);
      this.i += m[0].length - 1;
    } else return atom;
    this.i++;
    if (s[this.i] === '?') this.i++;
    return { t: 'quant', body: atom, min, max, src: s.slice(start, bodyEnd) };
  }

  private atom(): Node {
    const s = this.src;
    const c = s[this.i] as string;
    if (c === '(') {
      this.i++;
      let look = false;
      if (s.startsWith('?:', this.i)) this.i += 2;
      else if (s.startsWith('?=', this.i) || s.startsWith('?!', this.i)) {
        this.i += 2;
        look = true;
      } else if (s.startsWith('?<=', this.i) || s.startsWith('?<!', this.i)) {
        this.i += 3;
        look = true;
      } else if (s.startsWith('?<', this.i)) this.i = s.indexOf('>', this.i) + 1;
      const body = this.alternation();
      if (s[this.i] !== ')') throw new Error(`unclosed group at ${this.i}`);
      this.i++;
      return { t: 'group', body, look };
    }
    if (c === '[') return this.charClass();
    if (c === '^' || c === '$') {
      this.i++;
      return { t: 'empty' };
    }
    if (c === '\\') return this.escape();
    this.i++;
    return { t: 'chars', reps: this.sample(c === '.' ? '.' : escapeChar(c)) };
  }

  private escape(): Node {
    const s = this.src;
    const e = s[this.i + 1] as string;
    if (e === 'b' || e === 'B') {
      this.i += 2;
      return { t: 'empty' };
    }
    if (/[1-9]/.test(e)) {
      // A backreference: sampled as nothing (what it repeats is sampled where it was captured).
      this.i += 2;
      while (/\d/.test(s[this.i] ?? '')) this.i++;
      return { t: 'empty' };
    }
    if (e === 'k') {
      this.i = s.indexOf('>', this.i) + 1;
      return { t: 'empty' };
    }
    const m = /^\\(?:[pP]\{[^}]*\}|u\{[0-9a-fA-F]+\}|u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|c[A-Za-z]|0|.)/su.exec(s.slice(this.i));
    const text = m ? m[0] : s.slice(this.i, this.i + 2);
    this.i += text.length;
    return { t: 'chars', reps: this.sample(text) };
  }

  private charClass(): Node {
    const s = this.src;
    let j = this.i + 1;
    if (s[j] === '^') j++;
    while (j < s.length && s[j] !== ']') j += s[j] === '\\' ? 2 : 1;
    const text = s.slice(this.i, j + 1);
    this.i = j + 1;
    return { t: 'chars', reps: this.sample(text) };
  }

  /** One or two characters of ALPHABET the atom matches (with the regex's flags); a character of its own if none. */
  private sample(atom: string): string[] {
    const flags = this.flags.replace(/[gydm]/g, '');
    let re: RegExp;
    try {
      re = new RegExp(`^(?:${atom})$`, flags);
    } catch {
      return ['a'];
    }
    const reps = ALPHABET.filter((c) => re.test(c)).slice(0, 2);
    if (reps.length > 0) return reps;
    // A literal outside the alphabet ("“", "€"): itself, if it stands for one character.
    const literal = atom.startsWith('\\') && atom.length === 2 ? atom[1]! : atom;
    return re.test(literal) ? [literal] : ['\u2603'];
  }
}

const escapeChar = (c: string): string => c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/** Up to MAX_SAMPLES strings the node matches (lookarounds and anchors are sampled as nothing). */
function samples(n: Node): string[] {
  switch (n.t) {
    case 'empty':
      return [''];
    case 'chars':
      return n.reps;
    case 'group':
      return n.look ? [''] : samples(n.body);
    case 'alt':
      return cap(n.options.flatMap(samples));
    case 'seq':
      return n.items.reduce<string[]>((acc, item) => product(acc, samples(item)), ['']);
    case 'quant': {
      const body = samples(n.body);
      const out: string[] = [];
      for (let k = n.min; k <= Math.min(n.max, n.min + 2); k++) {
        let acc = [''];
        for (let r = 0; r < k; r++) acc = product(acc, body);
        out.push(...acc);
      }
      return cap(out);
    }
  }
}

function product(a: string[], b: string[]): string[] {
  const out: string[] = [];
  for (const x of a) for (const y of b) out.push(x + y);
  return cap(out);
}

/** Distinct samples, spread over the list when there are too many. */
function cap(list: string[]): string[] {
  const unique = [...new Set(list)];
  if (unique.length <= MAX_SAMPLES) return unique;
  const step = unique.length / MAX_SAMPLES;
  return Array.from({ length: MAX_SAMPLES }, (_, k) => unique[Math.floor(k * step)] as string);
}

function repeats(n: Node, out: Extract<Node, { t: 'quant' }>[] = []): Extract<Node, { t: 'quant' }>[] {
  switch (n.t) {
    case 'group':
      repeats(n.body, out);
      break;
    case 'alt':
      for (const o of n.options) repeats(o, out);
      break;
    case 'seq':
      for (const o of n.items) repeats(o, out);
      break;
    case 'quant':
      // One character repeated (`\s*`, `[a-z]+`) splits one way only.
      if (n.max > 1 && n.body.t !== 'chars') out.push(n);
      repeats(n.body, out);
      break;
    default:
  }
  return out;
}

export interface Ambiguity {
  /** The repeated part, as written. */
  part: string;
  /** A text one iteration of it matches that two iterations match too ('' when an iteration may be empty). */
  text: string;
}

/** The repeated parts of a regex whose iterations can split one text in more than one way. */
export function ambiguousRepeats(source: string, flags: string): Ambiguity[] {
  const tree = new Parser(source, flags).parse();
  const bare = flags.replace(/[gydm]/g, '');
  const found: Ambiguity[] = [];
  for (const q of repeats(tree)) {
    const bodySrc = q.src;
    let body: RegExp;
    try {
      body = new RegExp(`^(?:${bodySrc})$`, bare);
    } catch {
      continue; // a body with a backreference to a group outside it
    }
    if (body.test('')) {
      found.push({ part: `${bodySrc}${quantText(q)}`, text: '' });
      continue;
    }
    const texts = samples(q.body).filter((x) => x !== '');
    let hit: string | null = null;
    for (const a of texts) {
      for (const b of texts) {
        if (body.test(a + b)) {
          hit = a + b;
          break;
        }
      }
      if (hit !== null) break;
    }
    if (hit !== null) found.push({ part: `${bodySrc}${quantText(q)}`, text: hit });
  }
  return found;
}

const quantText = (q: { min: number; max: number }): string => (q.max === Infinity ? (q.min === 0 ? '*' : q.min === 1 ? '+' : `{${q.min},}`) : `{${q.min},${q.max}}`);
