/**
 * The correction table (`server/data/nlp.json`): the tags the rules need where the tagger errs.
 * Each correction is a small, named pattern; a corrected token keeps the tagger's tag in
 * `corrected`, so tests and the bench can count them.
 *
 * - `lemmas`: spelling variants the lemmatiser prefers ("through" → "thru") mapped back.
 * - A possessive "’s" between a name or noun and a noun, read as "is", is a possessive
 *   ("Syria’s future will be decided" has the subject "future"); so is an adjective after a
 *   determiner or possessive right before a verb ("future" there).
 * - `capitalisedCommon`, and any word the document also writes in lower case: a capitalised
 *   sentence-initial word tagged as a proper name is a common noun ("Officials said").
 * - `nounCompounds`: "photo shoot", "crack down" after a determiner, adjective or possessive are
 *   nouns, not a noun and a verb; right after a subject that agrees the first word is a verb
 *   ("Police crack down on …").
 * - `verbsAfterSubject`: "claim", "chairs", … tagged as nouns right after a subject (a noun or a
 *   pronoun that agrees in number) and before an object or a clause are verbs ("Officials claim
 *   the strike…", "who chairs the committee").
 */
import data from '../../../data/nlp.json' with { type: 'json' };
import type { UPos } from './types.js';
import type { RawToken } from './tagger.js';

export interface Tagged extends RawToken {
  corrected?: UPos;
}

const LEMMAS: Readonly<Record<string, string>> = data.lemmas;
const CAPITALISED_COMMON: ReadonlySet<string> = new Set(data.capitalisedCommon);
const COMPOUNDS: ReadonlyMap<string, ReadonlySet<string>> = (() => {
  const m = new Map<string, Set<string>>();
  for (const pair of data.nounCompounds) {
    const [a, b] = pair.split(' ');
    if (!a || !b) continue;
    let s = m.get(a);
    if (!s) m.set(a, (s = new Set()));
    s.add(b);
  }
  return m;
})();
const VERBS_AFTER_SUBJECT: ReadonlySet<string> = new Set(data.verbsAfterSubject);

const BEFORE_COMPOUND: ReadonlySet<UPos> = new Set(['DET', 'ADJ', 'PRON', 'PART', 'ADP', 'NUM', 'PUNCT']);
const OBJECT_START: ReadonlySet<UPos> = new Set(['DET', 'PRON', 'PROPN', 'NOUN', 'ADJ', 'NUM', 'SCONJ']);
const SINGULAR_PRONOUNS: ReadonlySet<string> = new Set(['he', 'she', 'it', 'who', 'which', 'that', 'this']);
const PLURAL_PRONOUNS: ReadonlySet<string> = new Set(['they', 'we', 'i', 'you', 'who', 'which', 'that', 'these', 'those']);
const RELATIVE_WORDS: ReadonlySet<string> = new Set(['that', 'which', 'who']);
const POSSESSIVE: ReadonlySet<string> = new Set(['my', 'your', 'his', 'her', 'its', 'our', 'their']);
const PLURAL_NOUNS: ReadonlySet<string> = new Set(['police', 'people', 'staff', 'military', 'public', 'media', 'government']);

/** A crude singular for a plural common noun ("authorities" → "authority"). */
function singular(lower: string): string {
  if (lower.endsWith('ies') && lower.length > 4) return `${lower.slice(0, -3)}y`;
  if (lower.endsWith('s') && !lower.endsWith('ss') && !lower.endsWith('us') && lower.length > 3) return lower.slice(0, -1);
  return lower;
}

function set(t: Tagged, pos: UPos, lemma?: string): void {
  if (t.pos !== pos) {
    t.corrected ??= t.pos;
    t.pos = pos;
  }
  if (lemma !== undefined) t.lemma = lemma;
}

function isPlural(t: Tagged): boolean {
  const lower = t.text.toLowerCase();
  if (t.pos === 'PRON') return PLURAL_PRONOUNS.has(lower);
  return PLURAL_NOUNS.has(lower) || (lower.endsWith('s') && !lower.endsWith('ss') && !lower.endsWith("'s"));
}

function isSingular(t: Tagged): boolean {
  const lower = t.text.toLowerCase();
  if (t.pos === 'PRON') return SINGULAR_PRONOUNS.has(lower);
  return !isPlural(t);
}

/**
 * Applies the table to one sentence's tokens, in place. `lowerElsewhere(word)` tells whether the
 * document writes `word` in lower case somewhere (a cue that a capitalised first word is common).
 */
export function correct(tokens: Tagged[], lowerElsewhere: (word: string) => boolean): void {
  for (const t of tokens) {
    const l = LEMMAS[t.lemma];
    if (l !== undefined) t.lemma = l;
    if (t.pos === 'PROPN') t.lemma = t.text;
  }
  // The first word (after opening punctuation).
  const first = tokens.findIndex((t) => t.pos !== 'PUNCT');
  const f = tokens[first];
  if (f && f.pos === 'PROPN' && tokens[first + 1]?.pos !== 'PROPN') {
    const lower = f.text.toLowerCase();
    if (CAPITALISED_COMMON.has(lower) || (/^\p{Lu}\p{Ll}+$/u.test(f.text) && lowerElsewhere(lower))) set(f, 'NOUN', singular(lower));
  }
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as Tagged;
    const lower = t.text.toLowerCase();
    const next = tokens[i + 1];
    // A possessive read as "is": "Syria’s future", "the council's new plan".
    if (/^['’]s$/i.test(t.text) && t.pos !== 'PART') {
      const prev = tokens[i - 1];
      const after = next?.pos === 'ADJ' ? tokens[i + 2] : next;
      if ((prev?.pos === 'PROPN' || prev?.pos === 'NOUN') && prev.end === t.start && (after?.pos === 'NOUN' || after?.pos === 'PROPN')) {
        set(t, 'PART', t.text);
        continue;
      }
    }
    // An adjective after a determiner or possessive, right before a verb, is the noun the
    // sentence is about ("Syria’s future will be decided", "the poor are").
    if (t.pos === 'ADJ' && (next?.pos === 'AUX' || next?.pos === 'VERB')) {
      const prev = tokens[i - 1];
      if (prev && (prev.pos === 'DET' || (prev.pos === 'PART' && /^['’]s$/i.test(prev.text)) || (prev.pos === 'PRON' && POSSESSIVE.has(prev.text.toLowerCase())))) {
        set(t, 'NOUN');
        continue;
      }
    }
    // Noun compounds.
    const seconds = COMPOUNDS.get(lower);
    if (seconds && next && seconds.has(next.text.toLowerCase())) {
      const before = tokens[i - 1];
      if (!before || BEFORE_COMPOUND.has(before.pos)) {
        set(t, 'NOUN');
        set(next, 'NOUN', next.text.toLowerCase());
        i++;
        continue;
      }
      // After a subject that agrees, the pair is a phrasal verb ("Police crack down on …").
      if ((before.pos === 'NOUN' || before.pos === 'PROPN' || before.pos === 'PRON') && (lower.endsWith('s') ? isSingular(before) : isPlural(before))) {
        set(t, 'VERB');
        continue;
      }
    }
    // Verbs after a subject.
    if (t.pos === 'NOUN' && VERBS_AFTER_SUBJECT.has(t.lemma) && next && OBJECT_START.has(next.pos)) {
      const prev = tokens[i - 1];
      const relative = prev?.pos === 'SCONJ' && RELATIVE_WORDS.has(prev.text.toLowerCase());
      if (!prev || !(prev.pos === 'NOUN' || prev.pos === 'PROPN' || prev.pos === 'PRON' || relative)) continue;
      const third = lower.endsWith('s');
      if (third ? isSingular(prev) : isPlural(prev)) set(t, 'VERB');
    }
  }
}
