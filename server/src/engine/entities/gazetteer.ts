/**
 * The gazetteer: entities with their aliases (names, spellings, demonyms, capitals and seats of
 * power used as actors, leaders, organisations), loaded from data files once and compiled into
 * a trie over normalised tokens, and the matcher that finds an entity's mentions in a document
 * in one pass over its tokens.
 */
import builtinFile from '../../../data/gazetteer.json' with { type: 'json' };
import { ALIAS_KINDS, type AliasKind, type Entity, type EntityMention } from '../compare/types.js';
import { DataFileError, lineOfKey, lineOfKeyFrom, parseJson, unknownKey } from '../json.js';
import { normaliseWord, tokenize } from '../segment.js';
import type { Document, Token } from '../types.js';
import { ALIAS_KEYS, ENTITY_KEYS, GAZETTEER_KEYS, type AliasEntry, type GazetteerFile } from './schema.js';

export class GazetteerError extends DataFileError {}

const APOSTROPHES = new Set(["'", '’']);

const TYPES: readonly Entity['type'][] = ['country', 'organisation', 'group', 'person', 'region'];

interface CompiledAlias {
  entity: string;
  alias: string;
  kind: AliasKind;
  /** The alias's tokens as written (for case checks). */
  words: string[];
  caseSensitive: boolean;
  /** Exception phrases as normalised words, with the index where the alias starts inside each. */
  exceptions: { words: string[]; at: number }[];
  /** Hyphenated words of exception phrases that hold this one-word alias ("france-presse"). */
  compounds: Set<string>;
}

interface TrieNode {
  next: Map<string, TrieNode>;
  /** Aliases ending here (several when only their case differs: "MIT" vs "Mit"). */
  aliases: CompiledAlias[];
}

export interface Gazetteer {
  entities: ReadonlyMap<string, Entity>;
  root: TrieNode;
}

/** Word tokens of a phrase, normalised as the document's tokens are. */
function wordsOf(text: string): { norm: string[]; raw: string[] } {
  const tokens = tokenize(text, 0, text.length, 0).filter((t) => t.kind !== 'punct');
  return { norm: tokens.map((t) => t.norm), raw: tokens.map((t) => t.text) };
}

/** Checks one file's shape; throws GazetteerError naming the file, the line and the entry. */
function check(value: unknown, source: string, text: string): GazetteerFile {
  const fail = (key: string | null, reason: string): never => {
    throw new GazetteerError(source, key !== null ? lineOfKey(text, key) : null, null, reason);
  };
  if (value === null || typeof value !== 'object' || Array.isArray(value)) fail(null, 'a gazetteer must be a JSON object with an "entities" list');
  const entities = (value as { entities?: unknown }).entities;
  const extra = unknownKey(value as object, GAZETTEER_KEYS);
  if (extra !== null) fail(extra.key, extra.reason);
  if (!Array.isArray(entities)) fail(null, 'a gazetteer needs an "entities" list');
  const seen = new Set<string>();
  for (const [i, e] of (entities as unknown[]).entries()) {
    if (e === null || typeof e !== 'object' || Array.isArray(e)) fail(null, `entity ${i + 1} must be an object`);
    const entry = e as Record<string, unknown>;
    const id = entry.id;
    if (typeof id !== 'string' || !/^[a-z0-9][a-z0-9-]*$/.test(id)) fail(null, `entity ${i + 1}: "id" must be lower-case letters, digits and hyphens`);
    const where = `entity "${id as string}"`;
    if (seen.has(id as string)) fail(id as string, `${where} is defined twice`);
    seen.add(id as string);
    const at = id as string;
    // A misspelt key is pointed at where it stands after the entity's id.
    const misspelt = (object: object, known: readonly string[], label: string): void => {
      const bad = unknownKey(object, known);
      if (bad !== null) throw new GazetteerError(source, lineOfKeyFrom(text, bad.key, text.indexOf(JSON.stringify(at))), null, `${label}: ${bad.reason}`);
    };
    misspelt(entry, ENTITY_KEYS, where);
    if (entry.name !== undefined && (typeof entry.name !== 'string' || entry.name.trim() === '')) fail(at, `${where}: "name" must be a non-empty string`);
    if (entry.type !== undefined && !TYPES.includes(entry.type as Entity['type'])) fail(at, `${where}: "type" must be one of ${TYPES.join(', ')}`);
    if (!Array.isArray(entry.aliases)) fail(at, `${where}: "aliases" must be a list`);
    for (const a of entry.aliases as unknown[]) {
      const alias = a as Record<string, unknown> | null;
      if (alias === null || typeof alias !== 'object' || typeof alias.text !== 'string' || alias.text.trim() === '') fail(at, `${where}: each alias needs a "text"`);
      const label = `${where}, alias ${JSON.stringify((alias as { text: string }).text)}`;
      misspelt(alias as object, ALIAS_KEYS, label);
      if (!ALIAS_KINDS.includes((alias as { kind: AliasKind }).kind)) fail(at, `${label}: "kind" must be one of ${ALIAS_KINDS.join(', ')}`);
      if (wordsOf((alias as { text: string }).text).norm.length === 0) fail(at, `${label}: has no words`);
      if (alias?.exceptions !== undefined && (!Array.isArray(alias.exceptions) || alias.exceptions.some((x) => typeof x !== 'string'))) fail(at, `${label}: "exceptions" must be a list of strings`);
      if (alias?.caseSensitive !== undefined && typeof alias.caseSensitive !== 'boolean') fail(at, `${label}: "caseSensitive" must be true or false`);
    }
  }
  return value as GazetteerFile;
}

/** Parses a gazetteer file's text (throws GazetteerError naming file and line). */
export function parseGazetteerFile(text: string, source: string): GazetteerFile {
  let value: unknown;
  try {
    value = parseJson(text, source, 'an entities file: a JSON object with an "entities" list');
  } catch (error) {
    if (error instanceof DataFileError) throw new GazetteerError(error.source, error.line, error.column, error.reason);
    throw error;
  }
  return check(value, source, text);
}

/**
 * Compiles gazetteer files in order: a later file's entity with a known id adds aliases to it
 * (and may rename it); a new id adds an entity. Throws GazetteerError for a malformed file or an
 * entity added without a name or type.
 */
export function compileGazetteer(files: readonly { source: string; text?: string; file?: GazetteerFile }[], base?: Gazetteer): Gazetteer {
  const entities = new Map<string, Entity>(base?.entities);
  const byEntity = new Map<string, AliasEntry[]>();
  for (const { source, text, file } of files) {
    const parsed = file ?? parseGazetteerFile(text ?? '', source);
    for (const e of parsed.entities) {
      const known = entities.get(e.id);
      if (!known && (e.name === undefined || e.type === undefined)) {
        throw new GazetteerError(source, text !== undefined ? lineOfKey(text, e.id) : null, null, `entity "${e.id}" is new, so it needs a "name" and a "type"`);
      }
      const entity: Entity = { id: e.id, name: e.name ?? known!.name, type: e.type ?? known!.type, origin: known?.origin ?? source };
      entities.set(e.id, entity);
      const list = byEntity.get(e.id) ?? [];
      list.push(...e.aliases);
      byEntity.set(e.id, list);
    }
  }
  const root: TrieNode = base ? cloneTrie(base.root) : { next: new Map(), aliases: [] };
  for (const [entity, aliases] of byEntity) {
    for (const a of aliases) {
      const { norm, raw } = wordsOf(a.text);
      let words = norm;
      let rawWords = raw;
      if (norm[0] === 'the' && norm.length > 1) {
        words = norm.slice(1); // "the Kremlin": the article is optional in the text
        rawWords = raw.slice(1);
      }
      const exceptions = (a.exceptions ?? []).map((x) => wordsOf(x).norm);
      const one = words.length === 1 ? (words[0] as string) : null;
      const compiled: CompiledAlias = {
        entity,
        alias: a.text.replace(/^the\s+/i, ''),
        kind: a.kind,
        words: rawWords,
        caseSensitive: a.caseSensitive === true,
        exceptions: exceptions.map((ex) => ({ words: ex, at: indexOfRun(ex, words) })).filter((x) => x.at >= 0),
        compounds: new Set(one === null ? [] : exceptions.flat().filter((w) => w !== one && w.split('-').includes(one))),
      };
      let node = root;
      for (const w of words) {
        let child = node.next.get(w);
        if (!child) node.next.set(w, (child = { next: new Map(), aliases: [] }));
        node = child;
      }
      // A workspace alias with the same words replaces the built-in one (it may move it to another entity).
      node.aliases = node.aliases.filter((x) => x.caseSensitive !== compiled.caseSensitive || x.words.join(' ') !== compiled.words.join(' '));
      node.aliases.push(compiled);
    }
  }
  return { entities, root };
}

function cloneTrie(node: TrieNode): TrieNode {
  return { next: new Map([...node.next].map(([k, v]) => [k, cloneTrie(v)])), aliases: [...node.aliases] };
}

function indexOfRun(haystack: readonly string[], needle: readonly string[]): number {
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let k = 0; k < needle.length; k++) if (haystack[i + k] !== needle[k]) continue outer;
    return i;
  }
  return -1;
}

let builtin: Gazetteer | undefined;

/** The gazetteer shipped with Slant (`server/data/gazetteer.json`), compiled once. */
export function builtinGazetteer(): Gazetteer {
  builtin ??= compileGazetteer([{ source: 'gazetteer.json', file: builtinFile as unknown as GazetteerFile }]);
  return builtin;
}

/** Whether the document's words at `first…` spell the alias with acceptable case. */
function caseAgrees(alias: CompiledAlias, tokens: readonly Token[], first: number, parts: readonly string[] | null): boolean {
  const text = (k: number): string => (parts ? (parts[k] as string) : (tokens[first + k] as Token).text.replace(/['’]s$/, ''));
  if (alias.caseSensitive) {
    for (let k = 0; k < alias.words.length; k++) if (text(k) !== alias.words[k]) return false;
    return true;
  }
  const c = text(0).charCodeAt(0);
  const a = (alias.words[0] as string).charCodeAt(0);
  // The first letter must be a capital where the alias has one ("Turkey", not "turkey").
  return !(a >= 0x41 && a <= 0x5a) || !(c >= 0x61 && c <= 0x7a);
}

function excepted(alias: CompiledAlias, norms: (i: number) => string | undefined, first: number): boolean {
  for (const ex of alias.exceptions) {
    let ok = true;
    for (let k = 0; k < ex.words.length && ok; k++) ok = norms(first - ex.at + k) === ex.words[k];
    if (ok) return true;
  }
  return false;
}

/**
 * The entity mentions in a document's analysed prose, in order. Longest match wins; a
 * hyphenated word is also tried part by part ("Turkish-backed", "pro-Russian"); mentions in
 * boilerplate are skipped; a mention inside a quotation is marked `quoted`.
 */
export function findMentions(document: Document, gazetteer: Gazetteer): EntityMention[] {
  const { tokens, blocks, sentences } = document;
  const quotes = document.quotes.filter((q) => !q.scare);
  const out: EntityMention[] = [];
  const words: number[] = [];
  for (let i = 0; i < tokens.length; i++) if ((tokens[i] as Token).kind !== 'punct') words.push(i);
  // A word-only view of the tokens (an alias never spans punctuation: checked below).
  const norm = (w: number): string | undefined => (w >= 0 && w < words.length ? (tokens[words[w] as number] as Token).norm : undefined);
  let q = 0;
  const quoted = (start: number): boolean => {
    while (q < quotes.length && (quotes[q] as { end: number }).end <= start) q++;
    for (let k = q; k < quotes.length && (quotes[k] as { start: number }).start <= start; k++) {
      const inner = (quotes[k] as { inner: { start: number; end: number } }).inner;
      if (start >= inner.start && start < inner.end) return true;
    }
    return false;
  };
  const boiler = (t: Token): boolean => {
    const s = sentences[t.sentence];
    return s !== undefined && (blocks[s.block]?.boilerplate ?? false);
  };
  const isCaps = (w: number): boolean => {
    const t = tokens[words[w] as number];
    return t !== undefined && t.kind === 'word' && t.text.length > 1 && t.text === t.text.toUpperCase() && t.text !== t.text.toLowerCase();
  };
  // A case-sensitive capitals alias ("US", "UN") in a line of capitals ("LET US GO") is a word, not a name.
  const shouting = (alias: CompiledAlias, w: number, last: number): boolean =>
    alias.caseSensitive && alias.words.every((x) => x === x.toUpperCase()) && (isCaps(w - 1) || isCaps(last + 1));
  const push = (alias: CompiledAlias, start: number, end: number, sentence: number): void => {
    out.push({ entity: alias.entity, text: document.text.slice(start, end), alias: alias.alias, aliasKind: alias.kind, start, end, sentence, quoted: quoted(start) });
  };
  for (let w = 0; w < words.length; w++) {
    const first = tokens[words[w] as number] as Token;
    let node: TrieNode | undefined = gazetteer.root.next.get(first.norm);
    let best: { alias: CompiledAlias; last: number } | null = null;
    for (let k = w; node; ) {
      const last = tokens[words[k] as number] as Token;
      if (last.sentence !== first.sentence) break;
      for (const alias of node.aliases) {
        if (caseAgrees(alias, tokens, words[w] as number, null) && !excepted(alias, norm, w) && !shouting(alias, w, k)) {
          best = { alias, last: k };
          break;
        }
      }
      k++;
      const nextNorm = norm(k);
      if (nextNorm === undefined) break;
      // The word view skips punctuation, but an alias must not span it, except a word-final
      // apostrophe ("Kurdistan Workers' Party").
      const gap = (words[k] as number) - (words[k - 1] as number);
      if (gap > 2 || (gap === 2 && !APOSTROPHES.has((tokens[(words[k] as number) - 1] as Token).text))) break;
      node = node.next.get(nextNorm);
    }
    if (best) {
      if (!boiler(first)) push(best.alias, first.start, (tokens[words[best.last] as number] as Token).end, first.sentence);
      w = best.last;
      continue;
    }
    if (first.kind === 'word' && first.text.includes('-') && !boiler(first)) {
      // "Turkish-backed", "pro-Russian", "Israeli-Palestinian": try each part as a one-word alias.
      let at = first.start;
      for (const part of first.text.split('-')) {
        const alias = gazetteer.root.next.get(normaliseWord(part))?.aliases.find((a) => a.words.length === 1 && !a.compounds.has(first.norm) && caseAgrees(a, tokens, 0, [part]));
        if (alias && part.length > 0) push(alias, at, at + part.length, first.sentence);
        at += part.length + 1;
      }
    }
  }
  return out;
}

/** Whether a phrase is exactly one of the gazetteer's aliases ("Hamas", "the Kremlin"). */
export function isAlias(gazetteer: Gazetteer, phrase: string): boolean {
  let words = wordsOf(phrase).norm;
  if (words[0] === 'the' && words.length > 1) words = words.slice(1);
  let node: TrieNode | undefined = gazetteer.root;
  for (const w of words) node = node?.next.get(w);
  return node !== undefined && node.aliases.length > 0;
}
