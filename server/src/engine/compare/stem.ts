/**
 * A light English stemmer for comparison: it folds regular inflection ("bases", "based",
 * "basing" → "bas"; "talks", "talked", "talking" → "talk"; "parties", "party" → "parti";
 * "reportedly" → "report") so that two outlets' wordings of one fact share features. It does
 * not touch derivation ("political" ≠ "politics") or irregular forms ("struck" ≠ "strike").
 *
 * Stems are keys, not words: the final "e" is always dropped and a final "y" after a consonant
 * becomes "i", so "make" and "making" (or "study" and "studied") meet. Output for people shows
 * the surface form, never the stem.
 *
 * Plain string tests, no regular expressions; results are memoised (the vocabulary of a set of
 * articles is small and words repeat).
 */

const VOWELS = 'aeiouy';
/** Doubled consonants kept after "-ed"/"-ing" ("passed", "killed", "staffed", "added"). */
const KEEP_DOUBLE = 'lszfd';
/** Words ending in "s" that are not plurals. */
const NOT_PLURAL: ReadonlySet<string> = new Set(['news', 'series', 'species', 'means', 'whereas', 'always', 'perhaps']);

const isVowel = (c: string): boolean => VOWELS.includes(c);

function hasVowel(s: string, end: number): boolean {
  for (let i = 0; i < end; i++) if (isVowel(s.charAt(i))) return true;
  return false;
}

/** "-ies" → "i", "-sses"/"-ches"/"-shes"/"-xes"/"-zes" lose "es", other plurals lose "s". */
function stripPlural(w: string): string {
  const n = w.length;
  if (n <= 3 || w.charCodeAt(n - 1) !== 115 /* s */ || NOT_PLURAL.has(w)) return w;
  const before = w.charAt(n - 2);
  if (before === 's' || before === 'u' || before === 'i' || before === "'") return w; // "press", "status", "crisis"
  if (before === 'a') return w.endsWith('eas') ? w.slice(0, -1) : w; // "areas", but "Hamas", "bias"
  if (before === 'e') {
    if (n > 4 && w.endsWith('ies')) return w.slice(0, -2);
    if (w.endsWith('sses') || w.endsWith('ches') || w.endsWith('shes') || w.endsWith('xes') || w.endsWith('zes')) return w.slice(0, -2);
  }
  return w.slice(0, -1);
}

/** "-ing" and "-ed" when what is left has a vowel ("talking", "based"; not "bring", "need"). */
function stripVerb(w: string): string {
  const n = w.length;
  let cut = 0;
  if (n > 5 && w.endsWith('ing')) cut = 3;
  else if (n > 4 && w.endsWith('ed') && !w.endsWith('eed')) cut = 2;
  if (cut === 0 || !hasVowel(w, n - cut)) return w;
  const s = w.slice(0, n - cut);
  if (cut === 2 && s.endsWith('i')) return s; // "carried" → "carri", as "carry" → "carri"
  const last = s.charAt(s.length - 1);
  // "stopped" → "stop", "planned" → "plan".
  if (s.length > 3 && last === s.charAt(s.length - 2) && !isVowel(last) && !KEEP_DOUBLE.includes(last)) return s.slice(0, -1);
  return s;
}

/** "-ly" adverbs lose it when a word of four letters or more is left ("quietly", not "family", "supply"). */
function stripAdverb(w: string): string {
  const n = w.length;
  if (n < 6 || !w.endsWith('ly')) return w;
  const before = w.charAt(n - 3);
  return before === 'i' || before === 'p' || before === 'b' ? w : w.slice(0, -2);
}

function compute(word: string): string {
  if (word.length <= 3) return word;
  let w = stripVerb(stripPlural(stripAdverb(word)));
  const n = w.length;
  if (n > 3 && w.endsWith('e')) w = w.slice(0, -1);
  else if (n > 3 && w.endsWith('y') && !isVowel(w.charAt(n - 2))) w = `${w.slice(0, -1)}i`;
  return w;
}

const MEMO_LIMIT = 100_000;
const memo = new Map<string, string>();

/** The stem of a lower-case word (as `Token.norm` gives it). */
export function stem(word: string): string {
  let s = memo.get(word);
  if (s === undefined) {
    if (memo.size >= MEMO_LIMIT) memo.clear();
    s = compute(word);
    memo.set(word, s);
  }
  return s;
}
