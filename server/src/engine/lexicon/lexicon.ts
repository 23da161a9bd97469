/**
 * The lexicon: entries from data files, validated, compiled once into a trie over normalised
 * tokens, and matched against a sentence's tokens in one pass.
 */
import type { Category, Severity, Token } from '../types.js';
import { SEVERITIES } from '../types.js';
import { DataFileError, lineOfKeyFrom, parseJson, unknownKey } from '../json.js';
import { lineColumn } from '../position.js';
import { normaliseWord, withoutFormat } from '../segment.js';
import { ENTRY_KEYS, ENTRY_KINDS, FILE_KEYS, type EntryKind, type LexiconEntry, type LexiconFile } from './schema.js';
import conflict from '../../../data/lexicon/conflict.json' with { type: 'json' };
import general from '../../../data/lexicon/general.json' with { type: 'json' };
import usPolitics from '../../../data/lexicon/us-politics.json' with { type: 'json' };

export class LexiconError extends DataFileError {}

/** Rule id and category each kind of entry reports under. */
export const KIND_RULES: Record<EntryKind, { ruleId: string; category: Category; severity: Severity; label: string }> = {
  emotive: { ruleId: 'loaded-language', category: 'loaded', severity: 'warning', label: 'loaded or emotive wording' },
  label: { ruleId: 'name-calling', category: 'loaded', severity: 'warning', label: 'a label or name-calling' },
  contested: { ruleId: 'contested-label', category: 'loaded', severity: 'warning', label: 'a contested label' },
  intensifier: { ruleId: 'exaggeration', category: 'loaded', severity: 'info', label: 'an intensifier or exaggeration' },
  euphemism: { ruleId: 'euphemism', category: 'loaded', severity: 'info', label: 'a euphemism' },
  'report-verb': { ruleId: 'loaded-report-verb', category: 'attribution', severity: 'info', label: 'a loaded reporting verb' },
  partisan: { ruleId: 'partisan-term', category: 'partisan', severity: 'warning', label: 'partisan vocabulary' },
};

/** An entry ready for matching. */
export interface CompiledEntry extends LexiconEntry {
  severity: Severity;
  ruleId: string;
  category: Category;
  /** The file it came from (for "Open Lexicon" and messages). */
  source: string;
}

export interface LexiconSource {
  /** File name or path, for messages. */
  source: string;
  file: LexiconFile;
}

/** A match of an entry over tokens `first..last` (inclusive indices into the token array given). */
export interface LexiconMatch {
  entry: CompiledEntry;
  first: number;
  last: number;
  /** The tokens that are the term itself (`[` `]` in the pattern); the whole match when the pattern marks none. */
  termFirst: number;
  termLast: number;
}

interface Ref {
  entry: number;
  exception: boolean;
  /** The pattern words that are the term (inclusive indices), or null for all of them. */
  term: readonly [number, number] | null;
  /** Words of the phrase, with their original case, for case-sensitive entries. */
  exact: string[] | null;
}

/** A trie node; most are leaves, so its parts are made only when something is put in them. */
interface TrieNode {
  next: Map<string, TrieNode> | null;
  /** Words ending in `*`: prefix → node. */
  prefixes: [string, TrieNode][] | null;
  refs: Ref[] | null;
}

const newNode = (): TrieNode => ({ next: null, prefixes: null, refs: null });

const ID = /^[a-z0-9][a-z0-9'-]*(?:-[a-z0-9']+)*$/;

/** Checks a lexicon file's text; throws LexiconError naming the file, line and column of the first problem. */
export function parseLexiconFile(text: string, source: string): LexiconFile {
  let value: unknown;
  try {
    value = parseJson(text, source, 'a lexicon: a JSON object with an "entries" list');
  } catch (error) {
    if (error instanceof DataFileError) throw new LexiconError(source, error.line, error.column, error.reason);
    throw error;
  }
  // The index-th occurrence of an entry's "id" key is a good enough place to point at.
  const entryAt = (index: number): number => {
    let at = -1;
    for (let i = 0, from = 0; i <= index; i++) {
      at = text.indexOf('"id"', from);
      if (at < 0) break;
      from = at + 1;
    }
    return at;
  };
  const fail = (index: number | null, reason: string, key?: string): never => {
    let line: number | null = null;
    if (index !== null) {
      const at = entryAt(index);
      if (at >= 0) line = key !== undefined ? lineOfKeyFrom(text, key, text.lastIndexOf('{', at)) : lineColumn(text, at).line;
    }
    throw new LexiconError(source, line, null, reason);
  };
  const root = Array.isArray(value) ? { entries: value } : value;
  if (root === null || typeof root !== 'object' || !Array.isArray((root as { entries?: unknown }).entries)) {
    fail(null, 'a lexicon file must be an object with an "entries" list (or a list of entries)');
  }
  if (!Array.isArray(value)) {
    const extra = unknownKey(root as object, FILE_KEYS);
    if (extra !== null) throw new LexiconError(source, lineOfKeyFrom(text, extra.key, 0), null, extra.reason);
  }
  const entries = (root as { entries: unknown[] }).entries;
  const seen = new Set<string>();
  entries.forEach((raw, i) => {
    const where = `entry ${i + 1}`;
    if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) fail(i, `${where} must be an object`);
    const e = raw as Record<string, unknown>;
    const id = e.id;
    if (typeof id !== 'string' || !ID.test(id)) fail(i, `${where}: "id" must be lower-case words joined by hyphens`);
    const name = `entry "${id as string}"`;
    const extra = unknownKey(e, ENTRY_KEYS);
    if (extra !== null) fail(i, `${name}: ${extra.reason}`, extra.key);
    if (seen.has(id as string)) fail(i, `${name} appears twice`);
    seen.add(id as string);
    if (!Array.isArray(e.patterns) || e.patterns.length === 0 || e.patterns.some((p) => typeof p !== 'string' || p.trim() === '')) {
      fail(i, `${name}: "patterns" must be a non-empty list of phrases`);
    }
    for (const p of e.patterns as string[]) {
      const problem = splitPattern(p).problem;
      if (problem !== null) fail(i, `${name}: pattern ${JSON.stringify(p)}: ${problem}`);
    }
    if (typeof e.kind !== 'string' || !(ENTRY_KINDS as readonly string[]).includes(e.kind)) {
      fail(i, `${name}: "kind" must be one of ${ENTRY_KINDS.join(', ')}`);
    }
    if (typeof e.note !== 'string' || e.note.trim() === '') fail(i, `${name}: "note" must say why the wording deserves a second look`);
    if (e.severity !== undefined && (typeof e.severity !== 'string' || !(SEVERITIES as readonly string[]).includes(e.severity))) {
      fail(i, `${name}: "severity" must be one of ${SEVERITIES.join(', ')}`);
    }
    for (const key of ['alternatives', 'exceptions'] as const) {
      const v = e[key];
      if (v !== undefined && (!Array.isArray(v) || v.some((x) => typeof x !== 'string'))) fail(i, `${name}: "${key}" must be a list of strings`);
    }
    if (Array.isArray(e.exceptions) && e.exceptions.some((x) => typeof x === 'string' && /[[\]]/.test(x))) {
      fail(i, `${name}: an exception is a whole phrase; "[" "]" mark the term only in patterns`);
    }
    for (const key of ['url', 'side', 'counterpart'] as const) {
      const v = e[key];
      if (v !== undefined && typeof v !== 'string') fail(i, `${name}: "${key}" must be a string`);
    }
    if (typeof e.url === 'string' && !/^https?:\/\//.test(e.url)) fail(i, `${name}: "url" must start with http:// or https://`);
    for (const key of ['inflect', 'caseSensitive'] as const) {
      if (e[key] !== undefined && typeof e[key] !== 'boolean') fail(i, `${name}: "${key}" must be true or false`);
    }
  });
  return root as LexiconFile;
}

/** Inflected forms of an English word: plural/third person, past, gerund. Over-generation is harmless. */
export function inflections(word: string): string[] {
  const forms = new Set([word]);
  if (word.length < 3 || !/^[a-z]+$/.test(word)) return [...forms];
  const last = word[word.length - 1] as string;
  const prev = word[word.length - 2] as string;
  const vowel = (c: string): boolean => 'aeiou'.includes(c);
  if (/(s|x|z|ch|sh)$/.test(word)) forms.add(word + 'es');
  else if (last === 'y' && !vowel(prev)) forms.add(word.slice(0, -1) + 'ies');
  else forms.add(word + 's');
  if (last === 'e') {
    forms.add(word + 'd');
    forms.add(word.slice(0, -1) + 'ing');
  } else if (last === 'y' && !vowel(prev)) {
    forms.add(word.slice(0, -1) + 'ied');
    forms.add(word + 'ing');
  } else {
    forms.add(word + 'ed');
    forms.add(word + 'ing');
    // Consonant-vowel-consonant endings double: slam → slammed, slamming.
    const third = word[word.length - 3] as string;
    if (!vowel(last) && vowel(prev) && !vowel(third) && !'wxy'.includes(last) && word.length <= 5) {
      forms.add(word + last + 'ed');
      forms.add(word + last + 'ing');
    }
  }
  return [...forms];
}

/**
 * A pattern's words, without the brackets that mark its term: in `"[tel aviv] lobbies"` the term
 * is words 0..1 and "lobbies" is context a replacement keeps. `problem` says what is wrong with
 * the brackets, if anything.
 */
export function splitPattern(pattern: string): { words: string[]; term: [number, number] | null; problem: string | null } {
  const words = pattern.trim().split(SPACES);
  if (pattern.indexOf('[') < 0 && pattern.indexOf(']') < 0) return { words, term: null, problem: null };
  let open = -1;
  let close = -1;
  let problem: string | null = null;
  for (let k = 0; k < words.length; k++) {
    let w = words[k] as string;
    if (w.charCodeAt(0) === 0x5b) {
      if (open >= 0) problem ??= 'only one run of words may be marked as the term';
      open = k;
      w = w.slice(1);
    }
    if (w.charCodeAt(w.length - 1) === 0x5d) {
      if (close >= 0 || open < 0) problem ??= 'a "]" must close a "[" before it';
      close = k;
      w = w.slice(0, -1);
    }
    if (w === '' || w.includes('[') || w.includes(']')) problem ??= '"[" and "]" go around whole words, as in "[tel aviv] lobbies"';
    words[k] = w;
  }
  if ((open >= 0) !== (close >= 0)) problem ??= 'a "[" needs its "]"';
  const whole = open <= 0 && close === words.length - 1;
  return { words, term: problem === null && open >= 0 && !whole ? [open, close] : null, problem };
}

const SPACES = /\s+/;

const hyphenated = (w: string): boolean => w.includes('-') && !w.endsWith('*');

/** The spaced variant of a pattern with hyphenated words ("so-called" → "so called"), its term moved along; null when none is hyphenated. */
function spacedVariant(words: readonly string[], term: [number, number] | null): { words: string[]; term: [number, number] | null } | null {
  let any = false;
  for (const w of words) if (hyphenated(w)) any = true;
  if (!any) return null;
  const split: string[] = [];
  let from = 0;
  let to = 0;
  for (let k = 0; k < words.length; k++) {
    const w = words[k] as string;
    if (k === term?.[0]) from = split.length;
    if (hyphenated(w)) {
      for (const part of w.split('-')) if (part !== '') split.push(part);
    } else split.push(w);
    if (k === term?.[1]) to = split.length - 1;
  }
  return { words: split, term: term === null ? null : [from, to] };
}

export class Lexicon {
  readonly entries: readonly CompiledEntry[];
  private readonly root: TrieNode = newNode();
  private readonly byId = new Map<string, CompiledEntry>();

  constructor(entries: CompiledEntry[]) {
    // A later entry with the same id replaces an earlier one (workspace lexicons override built-ins).
    for (const e of entries) this.byId.set(e.id, e);
    this.entries = [...this.byId.values()];
    this.entries.forEach((entry, index) => {
      for (const pattern of entry.patterns) this.add(pattern, index, false, entry);
      for (const pattern of entry.exceptions ?? []) this.add(pattern, index, true, entry);
    });
  }

  get size(): number {
    return this.entries.length;
  }

  entry(id: string): CompiledEntry | undefined {
    return this.byId.get(id);
  }

  private add(pattern: string, entry: number, exception: boolean, e: CompiledEntry): void {
    const { words, term } = splitPattern(pattern);
    this.addWords(words, term, entry, exception, e);
    const spaced = spacedVariant(words, term);
    if (spaced !== null) this.addWords(spaced.words, spaced.term, entry, exception, e);
  }

  private addWords(words: readonly string[], term: [number, number] | null, entry: number, exception: boolean, e: CompiledEntry): void {
    // The words before the last lead to one node; each inflection of the last goes on from it.
    let head = this.root;
    for (let k = 0; k < words.length - 1; k++) head = step(head, words[k] as string);
    const last = words[words.length - 1] as string;
    const lastForms = e.inflect === false ? [last] : inflectedLast(last, e.caseSensitive === true);
    for (const lastForm of lastForms) {
      const node = step(head, lastForm);
      const exact = e.caseSensitive ? [...words.slice(0, -1), lastForm] : null;
      const key = exact?.join(' ');
      node.refs ??= [];
      if (!node.refs.some((r) => r.entry === entry && r.exception === exception && r.exact?.join(' ') === key && r.term?.[0] === term?.[0] && r.term?.[1] === term?.[1])) {
        node.refs.push({ entry, exception, exact, term });
      }
    }
  }

  /**
   * Matches over a run of tokens (one sentence). Punctuation breaks a phrase. Returns the longest
   * match at each place, without overlaps, leaving out matches inside one of their entry's
   * exception phrases.
   */
  match(tokens: readonly Token[]): LexiconMatch[] {
    const found: { ref: Ref; first: number; last: number }[] = [];
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i] as Token;
      if (t.kind === 'punct') continue;
      this.walk(this.root, tokens, i, i, found);
    }
    if (found.length === 0) return [];
    const exceptions = found.filter((f) => f.ref.exception);
    const candidates = found
      .filter((f) => !f.ref.exception)
      .filter((f) => !exceptions.some((x) => x.ref.entry === f.ref.entry && x.first <= f.first && x.last >= f.last))
      .sort((a, b) => a.first - b.first || b.last - a.last);
    const out: LexiconMatch[] = [];
    let end = -1;
    for (const c of candidates) {
      if (c.first <= end) continue;
      const term = c.ref.term;
      out.push({
        entry: this.entries[c.ref.entry] as CompiledEntry,
        first: c.first,
        last: c.last,
        termFirst: term ? c.first + term[0] : c.first,
        termLast: term ? c.first + term[1] : c.last,
      });
      end = c.last;
    }
    return out;
  }

  private walk(node: TrieNode, tokens: readonly Token[], first: number, i: number, found: { ref: Ref; first: number; last: number }[]): void {
    const t = tokens[i];
    if (t === undefined || t.kind === 'punct') return;
    const child = node.next?.get(t.norm);
    if (child) this.visit(child, tokens, first, i, found);
    const prefixes = node.prefixes;
    if (prefixes === null) return;
    for (let k = 0; k < prefixes.length; k++) {
      const [prefix, p] = prefixes[k] as [string, TrieNode];
      if (t.norm.startsWith(prefix)) this.visit(p, tokens, first, i, found);
    }
  }

  private visit(node: TrieNode, tokens: readonly Token[], first: number, i: number, found: { ref: Ref; first: number; last: number }[]): void {
    if (node.refs !== null) {
      for (const ref of node.refs) {
        if (ref.exact && !exactMatch(ref.exact, tokens, first, i)) continue;
        found.push({ ref, first, last: i });
      }
    }
    if (node.next !== null || node.prefixes !== null) this.walk(node, tokens, first, i + 1, found);
  }
}

/** The node after one pattern word from `node`, made if need be; a word ending in `*` matches any word it begins. */
function step(node: TrieNode, w: string): TrieNode {
  if (w.endsWith('*') && w.length > 1) {
    const prefix = normaliseWord(w.slice(0, -1));
    node.prefixes ??= [];
    let found = node.prefixes.find(([p]) => p === prefix);
    if (!found) {
      found = [prefix, newNode()];
      node.prefixes.push(found);
    }
    return found[1];
  }
  const key = normaliseWord(w);
  node.next ??= new Map();
  let child = node.next.get(key);
  if (!child) {
    child = newNode();
    node.next.set(key, child);
  }
  return child;
}

/** Inflections of a pattern's last word; a case-sensitive word keeps its capital. */
function inflectedLast(word: string, caseSensitive: boolean): string[] {
  if (word.endsWith('*')) return [word];
  const forms = inflections(word.toLowerCase());
  if (!caseSensitive) return forms;
  const capital = word.charAt(0) !== word.charAt(0).toLowerCase();
  return forms.map((f) => (f === word.toLowerCase() ? word : capital ? f.charAt(0).toUpperCase() + f.slice(1) : f));
}

function exactMatch(words: string[], tokens: readonly Token[], first: number, last: number): boolean {
  if (last - first + 1 !== words.length) return false;
  for (let k = 0; k < words.length; k++) {
    const w = words[k] as string;
    const text = withoutFormat((tokens[first + k] as Token).text).replace(/[’']s$/, '');
    if (!w.endsWith('*') && text !== w && text !== w.replace(/-/g, '')) return false;
  }
  return true;
}

/** Compiles lexicon files (already checked) on top of an optional base lexicon. */
export function compileLexicon(sources: LexiconSource[], base?: Lexicon): Lexicon {
  const entries: CompiledEntry[] = base ? [...base.entries] : [];
  for (const { source, file } of sources) {
    for (const e of file.entries) {
      const rule = KIND_RULES[e.kind];
      entries.push({ ...e, severity: e.severity ?? rule.severity, ruleId: rule.ruleId, category: rule.category, source });
    }
  }
  return new Lexicon(entries);
}

let builtin: Lexicon | undefined;

/** Names of the built-in lexicon files, relative to the package's `server/data/lexicon/`. */
export const BUILTIN_LEXICON_FILES = ['conflict.json', 'general.json', 'us-politics.json'];

/** The lexicon shipped with Slant, compiled once. */
export function builtinLexicon(): Lexicon {
  builtin ??= compileLexicon([
    { source: 'conflict.json', file: conflict as unknown as LexiconFile },
    { source: 'general.json', file: general as unknown as LexiconFile },
    { source: 'us-politics.json', file: usPolitics as unknown as LexiconFile },
  ]);
  return builtin;
}
