/**
 * Chunks, clauses and proper names on top of the tags: one linear pass each over a sentence's
 * tokens, written here because the tagger gives tags and lemmas only.
 */
import data from '../../../data/nlp.json' with { type: 'json' };
import type { Clause, ClauseKind, NameKind, NameSpan, NlpToken, Phrase, UPos } from './types.js';

const SAYING: ReadonlySet<string> = new Set(data.sayingVerbs);
const TITLES: ReadonlySet<string> = new Set(data.personTitles);
const ORG_WORDS: ReadonlySet<string> = new Set(data.organisationWords);
const PLACE_WORDS: ReadonlySet<string> = new Set(data.placeWords);
const PLACE_PREPOSITIONS: ReadonlySet<string> = new Set(data.placePrepositions);
const DATES: ReadonlySet<string> = new Set(data.dateNames);
const CLAUSE_NOUNS: ReadonlySet<string> = new Set(data.clauseNouns);
const PREPOSITIONAL: ReadonlySet<string> = new Set(data.prepositionalParticiples);

const POSSESSIVES: ReadonlySet<string> = new Set(['my', 'your', 'his', 'her', 'its', 'our', 'their', 'whose']);
const RELATIVES: ReadonlySet<string> = new Set(['who', 'whom', 'whose', 'which', 'that']);
const SUBORDINATORS: ReadonlySet<string> = new Set([
  'because', 'although', 'though', 'while', 'whereas', 'if', 'unless', 'since', 'when', 'whether', 'that', 'as',
  'after', 'before', 'until', 'once', 'so',
]);
/** Subordinators whatever the tagger calls them ("Although" comes out as a preposition). */
const STRONG_SUBORDINATORS: ReadonlySet<string> = new Set(['because', 'although', 'though', 'whereas', 'unless', 'whether', 'if']);
/** Pronouns a relative clause can follow ("those who", "anyone who"). */
const ANTECEDENT_PRONOUNS: ReadonlySet<string> = new Set(['those', 'anyone', 'everyone', 'someone', 'one', 'all', 'many', 'some', 'few', 'people']);
const COORDINATORS: ReadonlySet<string> = new Set(['and', 'but', 'or', 'yet', 'nor']);
const NAME_JOINERS: ReadonlySet<string> = new Set(['of', 'for', 'the', 'de', 'al', 'el', 'van', 'von', 'bin', 'ibn', 'da', 'di', 'du', 'la', 'le']);

const nominal = (p: UPos | undefined): boolean => p === 'NOUN' || p === 'PROPN';
const verbal = (p: UPos | undefined): boolean => p === 'VERB' || p === 'AUX';

/** Noun chunks and verb groups, in order, not overlapping. */
export function phrasesOf(tokens: readonly NlpToken[]): Phrase[] {
  const out: Phrase[] = [];
  const n = tokens.length;
  const make = (kind: 'noun' | 'verb', first: number, last: number, head: number): void => {
    out.push({ kind, first, last, head, start: (tokens[first] as NlpToken).start, end: (tokens[last - 1] as NlpToken).end });
  };
  let i = 0;
  while (i < n) {
    const t = tokens[i] as NlpToken;
    const lower = t.text.toLowerCase();
    if (t.pos === 'PRON' && !POSSESSIVES.has(lower)) {
      make('noun', i, i + 1, i);
      i++;
      continue;
    }
    if (t.pos === 'DET' || t.pos === 'NUM' || t.pos === 'ADJ' || nominal(t.pos) || t.pos === 'PRON') {
      let j = i;
      if (t.pos === 'DET' || t.pos === 'PRON') j++;
      let head = -1;
      while (j < n) {
        const u = tokens[j] as NlpToken;
        if (nominal(u.pos)) head = j;
        else if (u.pos === 'ADJ' || u.pos === 'NUM') {
          /* modifier */
        } else if (u.pos === 'ADV' && tokens[j + 1]?.pos === 'ADJ') {
          /* "very large" */
        } else if (u.pos === 'PART' && /^['’]s?$/i.test(u.text) && head >= 0) {
          /* possessive: "the minister's photo shoot" */
        } else break;
        j++;
      }
      if (head >= 0) {
        make('noun', i, head + 1, head);
        i = head + 1;
      } else i = Math.max(i + 1, j);
      continue;
    }
    if (verbal(t.pos)) {
      let j = i;
      let head = -1;
      let lastAux = -1;
      while (j < n) {
        const u = tokens[j] as NlpToken;
        if (u.pos === 'VERB') {
          head = j;
          j++;
          break;
        }
        if (u.pos === 'AUX') lastAux = j;
        else if (!(u.pos === 'ADV' || (u.pos === 'PART' && /^(not|n['’]t)$/i.test(u.text)))) break;
        j++;
      }
      if (head < 0) head = lastAux;
      const last = head + 1;
      make('verb', i, last, head);
      i = last;
      continue;
    }
    i++;
  }
  return out;
}

interface Open extends Omit<Clause, 'start' | 'end'> {
  /** Closed child clauses, as [first, last) token ranges (not searched for the subject). */
  children: [number, number][];
  /** Opened after a comma (a non-restrictive relative, or a fronted subordinate clause). */
  commaBound: boolean;
  /** The antecedent's head, for a relative clause. */
  antecedent: number | null;
}

/** Clauses of one sentence: a main clause (or several coordinated), with nested ones inside. */
export function clausesOf(tokens: readonly NlpToken[], phrases: readonly Phrase[]): Clause[] {
  const n = tokens.length;
  if (n === 0) return [];
  const chunkAt = new Int32Array(n).fill(-1); // phrase index starting at token
  for (let p = 0; p < phrases.length; p++) chunkAt[(phrases[p] as Phrase).first] = p;
  const clauses: Open[] = [];
  const stack: number[] = [];
  const open = (kind: ClauseKind, first: number, marker: number | null, commaBound: boolean, antecedent: number | null): void => {
    const parent = stack.length > 0 ? (stack[stack.length - 1] as number) : null;
    clauses.push({ kind, parent, first, last: n, marker, subject: null, verb: null, children: [], commaBound, antecedent });
    stack.push(clauses.length - 1);
  };
  const close = (at: number): void => {
    const c = clauses[stack.pop() as number] as Open;
    c.last = Math.max(at, c.first);
    const top = stack[stack.length - 1];
    if (top !== undefined) (clauses[top] as Open).children.push([c.first, c.last]);
  };
  /** Is there a verb group starting in (i, stop) before a comma or semicolon? */
  const verbAhead = (i: number): boolean => {
    for (let j = i + 1; j < n; j++) {
      const t = tokens[j] as NlpToken;
      if (t.text === ',' || t.text === ';') return false;
      const p = chunkAt[j] ?? -1;
      if (p >= 0 && (phrases[p] as Phrase).kind === 'verb') return true;
    }
    return false;
  };
  open('main', 0, null, false, null);
  let lastVerbHead = -1;
  for (let i = 0; i < n; i++) {
    const t = tokens[i] as NlpToken;
    const lower = t.text.toLowerCase();
    const prev = tokens[i - 1];
    const top = clauses[stack[stack.length - 1] as number] as Open;
    // A relative or subordinate clause with its verb ends at a comma when it was opened after one
    // or at the start, or when a verb follows the comma (", said the mayor", ", is widely held").
    const verbNext = (chunkAt[i + 1] ?? -1) >= 0 && (phrases[chunkAt[i + 1] as number] as Phrase).kind === 'verb';
    if (t.text === ',' && (top.kind === 'relative' || top.kind === 'subordinate') && top.verb !== null && (top.commaBound || top.first === 0 || top.marker === 0 || verbNext)) {
      close(i);
      continue;
    }
    // "who built it, and who still runs it": a second relative clause on the same antecedent.
    const nextLower = tokens[i + 1]?.text.toLowerCase() ?? '';
    if (COORDINATORS.has(lower) && top.kind === 'relative' && top.verb !== null && RELATIVES.has(nextLower) && nextLower !== 'that') {
      const antecedent = top.antecedent;
      close(prev?.text === ',' ? i - 1 : i);
      open('relative', i, i + 1, true, antecedent);
      i++;
      continue;
    }
    if (t.text === ';' || (COORDINATORS.has(lower) && t.pos === 'CCONJ' && verbAhead(i) && top.verb !== null)) {
      const afterComma = t.text === ';' || prev?.text === ',';
      if (afterComma) while (stack.length > 1) close(i - (prev?.text === ',' ? 1 : 0));
      close(t.text === ';' || prev?.text === ',' ? i - (prev?.text === ',' ? 1 : 0) : i);
      open('coordinated', t.text === ';' ? Math.min(i + 1, n - 1) : i, t.text === ';' ? null : i, false, null);
      continue;
    }
    // "that" right after a noun opens a relative clause ("a vacuum that other states would fill"),
    // unless the noun takes a clause ("the claim that the dam leaked").
    const thatRelative = lower === 'that' && nominal(prev?.pos) && !CLAUSE_NOUNS.has(prev?.lemma ?? '');
    if (RELATIVES.has(lower) && (t.pos === 'PRON' || t.pos === 'DET' || thatRelative)) {
      let k = i - 1;
      let comma = false;
      if (tokens[k]?.text === ',') {
        comma = true;
        k--;
      } else if (tokens[k]?.pos === 'ADP') k--;
      if (k >= 0 && (nominal(tokens[k]?.pos) || ANTECEDENT_PRONOUNS.has(tokens[k]?.text.toLowerCase() ?? ''))) {
        open('relative', tokens[i - 1]?.pos === 'ADP' ? i - 1 : i, i, comma, k);
        continue;
      }
    }
    if (SUBORDINATORS.has(lower) && (t.pos === 'SCONJ' || (STRONG_SUBORDINATORS.has(lower) && i + 1 < n))) {
      open('subordinate', i, i, prev?.text === ',', null);
      continue;
    }
    const p = chunkAt[i] ?? -1;
    if (p >= 0) {
      const ph = phrases[p] as Phrase;
      if (ph.kind === 'noun' && lastVerbHead >= 0 && phrases[p - 1]?.last === i && phrases[p - 1]?.kind === 'verb' && SAYING.has((tokens[lastVerbHead] as NlpToken).lemma)) {
        const after = phrases[p + 1];
        if (after && after.kind === 'verb' && after.first === ph.last) open('subordinate', i, null, false, null);
      }
      const cur = clauses[stack[stack.length - 1] as number] as Open;
      // "including", "according": prepositions in form, never a clause's verb.
      if (ph.kind === 'verb' && !PREPOSITIONAL.has((tokens[ph.head] as NlpToken).text.toLowerCase())) {
        lastVerbHead = ph.head;
        // A bare participle at the start or after a comma opens a participial phrase, not the
        // clause's verb ("Speaking to reporters, she said …", "The lease, signed in 2017, is …").
        const head = tokens[ph.head] as NlpToken;
        const participle = ph.first === ph.head && head.pos === 'VERB' && /(ing|ed)$/i.test(head.text) && (ph.first === cur.first || tokens[ph.first - 1]?.text === ',');
        if (cur.verb === null && !participle) {
          cur.verb = ph.head;
          if (cur.kind === 'relative' && cur.marker !== null && ph.first === cur.marker + 1) cur.subject = cur.antecedent;
          else {
            for (let q = p - 1; q >= 0; q--) {
              const s = phrases[q] as Phrase;
              if (s.first < cur.first) break;
              if (s.kind !== 'noun' || cur.children.some(([a, b]) => a <= s.first && s.first < b)) continue;
              // A prepositional object is not the subject ("the photo shoot at the border drew").
              const before = tokens[s.first - 1];
              if (before && (before.pos === 'ADP' || PREPOSITIONAL.has(before.text.toLowerCase())) && s.first - 1 !== cur.marker) continue;
              cur.subject = s.head;
              // An appositive between commas names the same one: "Dr. Ana Ruiz, a researcher, said".
              const named = phrases[q - 1];
              if (before?.text === ',' && tokens[ph.first - 1]?.text === ',' && named?.kind === 'noun' && named.last === s.first - 1 && named.first >= cur.first) cur.subject = named.head;
              break;
            }
            // The relative pronoun as subject stands for its antecedent ("who still runs it").
            if (cur.kind === 'relative' && cur.subject !== null && cur.subject === cur.marker) cur.subject = cur.antecedent;
            // "Those who …, are": the antecedent of a relative clause inside is the subject.
            if (cur.subject === null) {
              const self = stack[stack.length - 1] as number;
              const rel = clauses.find((c) => c.parent === self && c.kind === 'relative' && c.antecedent !== null && c.first < ph.first);
              if (rel) cur.subject = rel.antecedent;
            }
          }
        }
      }
    }
  }
  while (stack.length > 0) close(n);
  // Drop empty clauses (a boundary right at a marker) and renumber parents.
  const keep = new Int32Array(clauses.length).fill(-1);
  const out: Clause[] = [];
  clauses.forEach((c, idx) => {
    if (c.last <= c.first) return;
    keep[idx] = out.length;
    let parent = c.parent;
    while (parent !== null && (keep[parent] ?? -1) < 0) parent = (clauses[parent] as Open).parent;
    const { children: _c, commaBound: _b, antecedent: _a, ...clause } = c;
    out.push({ ...clause, parent: parent === null ? null : (keep[parent] as number), start: (tokens[c.first] as NlpToken).start, end: (tokens[c.last - 1] as NlpToken).end });
  });
  return out;
}

const capitalised = (s: string): boolean => /^\p{Lu}/u.test(s);

/** Proper-name spans: runs of proper nouns ("Bank of England" joined by "of"), with kind and head. */
export function namesOf(tokens: readonly NlpToken[]): NameSpan[] {
  const out: NameSpan[] = [];
  const n = tokens.length;
  let i = 0;
  while (i < n) {
    if ((tokens[i] as NlpToken).pos !== 'PROPN') {
      i++;
      continue;
    }
    let j = i + 1;
    let joinedAt = -1;
    while (j < n) {
      const u = tokens[j] as NlpToken;
      if (u.pos === 'PROPN') j++;
      else if (NAME_JOINERS.has(u.text) && tokens[j + 1]?.text === '-' && tokens[j + 1]?.start === u.end && tokens[j + 2]?.pos === 'PROPN' && tokens[j + 2]?.start === u.end + 1) j += 3;
      else if (u.text === '-' && u.start === (tokens[j - 1] as NlpToken).end && tokens[j + 1]?.start === u.end && /^\p{Lu}/u.test(tokens[j + 1]?.text ?? '')) j += 2;
      else if (NAME_JOINERS.has(u.text.toLowerCase()) && tokens[j + 1]?.pos === 'PROPN' && capitalised(tokens[j + 1]?.text ?? '')) {
        if (joinedAt < 0) joinedAt = j;
        j += 2;
      } else break;
    }
    let first = i;
    let titled = false;
    for (let k = i; k < j - 1; k++) {
      if (TITLES.has((tokens[k] as NlpToken).text.toLowerCase().replace(/\.$/, ''))) {
        first = k + 1;
        titled = true;
      }
    }
    const before = tokens[i - 1];
    if (before && TITLES.has(before.text.toLowerCase().replace(/\.$/, ''))) titled = true;
    const words = tokens.slice(first, j).map((t) => t.text.toLowerCase());
    let kind: NameKind;
    let head = j - 1;
    if (words.length === 1 && DATES.has(words[0] as string)) kind = 'other';
    else if (words.some((w) => ORG_WORDS.has(w))) {
      kind = 'organisation';
      if (joinedAt > first) head = joinedAt - 1;
    } else if (words.some((w) => PLACE_WORDS.has(w))) kind = 'place';
    else if (titled) kind = 'person';
    else if (before && PLACE_PREPOSITIONS.has(before.text.toLowerCase())) kind = 'place';
    else if (joinedAt < 0 && j - first >= 2 && j - first <= 3 && tokens.slice(first, j).every((t) => /^(\p{Lu}[\p{L}'’-]+|-|al|el|bin)$/u.test(t.text))) kind = 'person';
    else kind = 'other';
    const a = tokens[first] as NlpToken;
    const b = tokens[j - 1] as NlpToken;
    out.push({ text: '', kind, head, first, last: j, start: a.start, end: b.end });
    i = j;
  }
  return out;
}
