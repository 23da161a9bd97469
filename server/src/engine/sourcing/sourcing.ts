/**
 * Claims and attribution: for every sentence, the attribution that covers it (its own cue, the
 * speaker of a quotation in it, or one carried from before the way reporting carries it), what
 * kind of source that is, and what kind of claim an author-voice sentence makes.
 *
 * How it reads a document:
 * - Voice. Quotation text is blanked first, so cues are looked for in the author's words only:
 *   "critics say" inside a quotation is the speaker's phrase, not the outlet's attribution.
 * - Cues, each class one regex over the author-voice text (tried only at the offsets where one of
 *   its literal prefixes stands, see ../prefilter.ts): the outlet vouching for itself
 *   ("we have learned", "<outlet> has learned"), anonymous sourcing ("sources familiar with",
 *   "on condition of anonymity"), vague attribution ("reportedly", "critics say", "it is
 *   believed"), "according to X", and a reporting verb with its subject ("Fidan confirmed",
 *   ", the ministry said"). The subject is classified by its words: a person's name (named), a
 *   body, document, place used as an actor or another outlet (institutional), unnamed officials or
 *   sources (anonymous), critics, observers, reports (vague), the outlet itself or "we" (self).
 *   A pronoun ("he said") takes the nearest source before it.
 * - Carry-over. A sentence with no cue of its own takes the attribution of the sentence before
 *   it in the same paragraph (reported speech runs on: "Fidan said… He also…" or "…, according
 *   to the report. It found…"). A new paragraph starts without one, unless it continues a
 *   quotation, or names its source again ("the report also said", "she added").
 * - Claims, for author-voice declarative sentences in paragraphs and list items (not headings,
 *   questions or captions): marked opinion ("I argue", "in my view") is the writer's declared
 *   view and is not treated as an unsourced fact; otherwise certainty ("clearly", "it is obvious
 *   that"), intent or motive ("seeks to", "in a bid to"), cause or significance ("reflects",
 *   "stems from", "this step signals"), a checkable figure or record ("500 troops", "the largest
 *   since"), or a plain statement.
 */
import type { Attribution, AttributionKind, Block, ClaimCue, ClaimKind, Document, Range, SentenceSourcing, Source, Sourcing, SourcingProfile } from '../types.js';
import { ATTRIBUTION_KINDS } from '../types.js';
import { CLAIM_CLASSES, sourcingCues, type SourcingCues } from './cues.js';
import { sentenceAt } from '../segment.js';
import { matchesAt } from '../prefilter.js';

/** A cue found in the author-voice text. */
export interface Cue extends Range {
  kind: AttributionKind;
  source: string;
  sourceKey: string;
  verb: string | null;
  sentence: number;
  via: 'cue' | 'quote';
  /** Says the source is anonymous ("on condition of anonymity") rather than naming one. */
  marker?: boolean;
}

export interface SourcingAnalysis extends Sourcing {
  /** Every attribution cue found (a sentence may hold several), sorted. */
  cues: Cue[];
  /** Speculation markers in author-voice sentences, with their sentence. */
  speculation: (Range & { sentence: number })[];
}

/** Attribution strength, strongest first: the one a sentence is credited with when it has several. */
const RANK: Record<AttributionKind, number> = { named: 0, institutional: 1, self: 2, anonymous: 3, vague: 4 };
/** Claim cues in the order they classify a sentence. */
const CLAIM_ORDER = [...CLAIM_CLASSES, 'fact'] as const;
const PRONOUNS = new Set(['he', 'she', 'they', 'it', 'him', 'her', 'them']);
const DETERMINERS = /^(?:the|a|an|one|two|three|four|five|six|seven|eight|nine|ten|several|some|many|multiple|other|\d+|its|their|his|her|our|this|that|these|those)\s+/i;
const TITLES =
  /^(?:mr|mrs|ms|dr|prof|gen|maj|col|lt|capt|sgt|adm|gov|sen|rep|rev|president|prime|minister|foreign|defen[cs]e|interior|finance|deputy|vice|secretary|spokes(?:man|woman|person)|ambassador|envoy|mayor|governor|senator|representative|chancellor|king|queen|prince|sheikh|general|colonel|commander|chief|director|chair(?:man|woman)?|ceo|judge|justice|professor|councillor|councilor|council|member|speaker|leader|head|lawyer|attorney|analyst|researcher|economist|expert|author|editor|correspondent|journalist|official|officer|emir|ayatollah)\.?$/i;
/** One adverb or auxiliary each: "has also", "would later" are two of them in a row, not phrases of their own (that would let one text match two ways). */
const ADVERBS = '(?:also|later|then|previously|earlier|again|separately|repeatedly|publicly|privately|recently|once|further|additionally|quietly|reportedly|now|had|has|have|would)';
/** Adverbs between a subject and its reporting verb, at the end of the text before the verb. */
const TRAILING_ADVERBS = new RegExp(`(?:\\s+${ADVERBS})+\\s*$`, 'i');
/** Words that end a subject phrase when looking back from a reporting verb. */
const CLAUSE_BREAK = /[,;:()\n“”"«»„]|\s[–—-]\s|\b(?:and|but|while|whereas|although|though|because|as|when|after|before|since|which|who|whom|that|if|unless|until|where|so)\s+$/i;

function normaliseKey(kind: AttributionKind, source: string): string {
  const words = source
    .toLowerCase()
    .replace(/[’']s\b/g, '')
    .replace(/[^\p{L}\p{N}\s-]/gu, ' ')
    .split(/\s+/)
    .filter(Boolean);
  if (kind === 'named') {
    // A person named in full and later by surname is one source: key on the last name.
    const caps = source.split(/\s+/).filter((w) => /^\p{Lu}/u.test(w) && !TITLES.test(w));
    const last = caps[caps.length - 1];
    if (last) return `named:${last.toLowerCase().replace(/[’']s$/, '').replace(/[^\p{L}\p{N}-]/gu, '')}`;
  }
  while (words.length > 1 && DETERMINERS.test(`${words[0]} `)) words.shift();
  return `${kind}:${words.join(' ')}`;
}

/**
 * The outlet's name as the text may give it: in full, with or without "the", or by its last word
 * after "the" ("The Levant Ledger", "the Ledger").
 */
function outletPattern(name: string | undefined): RegExp | null {
  if (!name) return null;
  const core = name.replace(/^the\s+/i, '').trim();
  if (core === '') return null;
  const forms = [escape(core).replace(/\s+/g, '\\s+')];
  const words = core.split(/\s+/);
  const last = words[words.length - 1];
  if (words.length > 1 && last && last.length > 3) forms.push(`(?<=\\bthe\\s+)${escape(last)}`);
  return new RegExp(`\\b(?:the\\s+)?(?:${forms.join('|')})\\b`, 'iu');
}

/** Escapes a string for use in a regex. */
const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export interface Classified {
  kind: AttributionKind | 'pronoun';
  source: string;
}

/**
 * What kind of source a subject phrase names, or null when it names none ("the move", "Turkey's
 * decision"). `outlet` is the document's outlet, if known.
 */
export function classifySource(phrase: string, cues: SourcingCues, outlet: RegExp | null, strict: boolean): Classified | null {
  const source = phrase.trim().replace(/^(?:and|but|then|so)\s+/i, '');
  if (source === '') return null;
  const lower = source.toLowerCase();
  if (PRONOUNS.has(lower)) return { kind: 'pronoun', source };
  if (/^(?:we|i|us)$/i.test(source)) return { kind: 'self', source };
  if (outlet && outlet.test(source)) return { kind: 'self', source };
  // "Dr. Miriam Halevi of the Institute…", "officials at the ministry": the part before the affiliation says who.
  const affiliation = /\s+(?:of|at|from|with|for|in)\s+(?=\S)/.exec(source);
  if (affiliation && affiliation.index > 0) {
    const first = classifySource(source.slice(0, affiliation.index), cues, outlet, strict);
    if (first && first.kind !== 'pronoun' && first.kind !== 'vague') return first.kind === 'named' ? first : { kind: first.kind, source };
  }
  const tokens = source.split(/\s+/);
  if (tokens.length > 12) return null;
  const bareOf = (w: string): string => w.toLowerCase().replace(/[’']s$/, '').replace(/[^\p{L}\p{N}.-]/gu, '').replace(/\.$/, '');
  const bare = tokens.map(bareOf);
  const head = bare[bare.length - 1] ?? '';
  const joined = bare.join(' ');
  const padded = ` ${joined} `;
  const multiWord = (phrases: readonly string[]): boolean => phrases.some((w) => padded.includes(` ${w} `));
  const known = (w: string): boolean => TITLES.test(w) || cues.institutionNouns.has(w) || cues.places.has(w) || cues.anonymousNouns.has(w) || cues.vagueNouns.has(w);
  // A name: capitalised words at the end of the phrase, or before another capitalised word ("Hakan Fidan"), not a title, body or place.
  // A capitalised word before a lower-case one is an adjective ("Israeli officials").
  const isName = (i: number): boolean => {
    const w = tokens[i] as string;
    if (!/^\p{Lu}/u.test(w) || known(bare[i] as string) || (i === 0 && DETERMINERS.test(`${w} `))) return false;
    const next = tokens[i + 1];
    return next === undefined || /^\p{Lu}/u.test(next);
  };
  const indefinite = /^(?:an?|one|two|three|four|five|six|several|some|multiple|\d+)\s/i.test(source);
  const acronymHead = /^\p{Lu}{2,}(?:[’']s)?$/u.test((tokens[tokens.length - 1] as string).replace(/[.,]/g, ''));
  if (anonymousPhrase(source, cues)) return { kind: 'anonymous', source };
  if (/^spokes(?:man|woman|person|people)$/.test(head)) return { kind: 'institutional', source };
  const headCapitalised = /^\p{Lu}/u.test(tokens[tokens.length - 1] as string);
  if (cues.institutionNouns.has(head) || cues.places.has(joined.replace(/^the /, 'the ')) || cues.places.has(head) || acronymHead || multiWord(cues.institutionPhrases)) {
    if (!isName(tokens.length - 1) || acronymHead) return { kind: 'institutional', source };
  }
  if (isName(tokens.length - 1) && !indefinite) return { kind: 'named', source };
  if (cues.anonymousNouns.has(head)) return { kind: 'anonymous', source };
  if (TITLES.test(head)) return { kind: indefinite ? 'anonymous' : 'named', source };
  // "Meridian Press" is an outlet's name; "the press" is no one in particular.
  if (cues.vagueNouns.has(head) && headCapitalised && tokens.length > 1) return { kind: 'institutional', source };
  if (cues.vagueNouns.has(head) || multiWord(cues.vaguePhrases)) return { kind: 'vague', source };
  if (bare.some((w) => cues.institutionNouns.has(w) || cues.places.has(w))) return { kind: 'institutional', source };
  if (!strict && tokens.some((_, i) => isName(i))) return { kind: 'named', source };
  return null;
}

/** The document's text with quotation contents blanked (same length), so cues are the author's own. */
function authorVoice(doc: Document): string {
  if (doc.quotes.length === 0) return doc.prose;
  const parts: string[] = [];
  let at = 0;
  for (const q of doc.quotes) {
    const s = q.kind === 'blockquote' ? q.start : q.inner.start;
    const e = q.kind === 'blockquote' ? q.end : q.inner.end;
    if (s < at) continue;
    parts.push(doc.prose.slice(at, s), doc.prose.slice(s, e).replace(/[^\n]/g, ' '));
    at = e;
  }
  parts.push(doc.prose.slice(at));
  return parts.join('');
}

/** For each cue regex whose matches `cues.starts` can bound, the offsets where it may match in the text. */
export function cueStarts(text: string, cues: SourcingCues): Map<RegExp, readonly number[]> {
  const out = new Map<RegExp, readonly number[]>();
  const found = cues.starts.starts(text);
  cues.starts.regexes.forEach((re, i) => {
    const starts = found[i];
    if (starts) out.set(re, starts);
  });
  return out;
}

/** Calls back with each match of a global regex that lies inside a sentence (tried only at its starts, when given; see matchesAt for `sameFate`). */
function scan(
  re: RegExp,
  text: string,
  doc: Document,
  each: (m: RegExpExecArray, sentence: number) => void,
  starts?: ReadonlyMap<RegExp, readonly number[]>,
  sameFate?: (text: string, start: number) => number,
): void {
  for (const m of matchesAt(re, text, starts?.get(re), sameFate)) {
    const sentence = sentenceAt(doc.sentences, m.index);
    if (sentence >= 0) each(m, sentence);
  }
}

/** The subject phrase before a reporting verb, within its clause: "the ministry" in "In a statement, the ministry said". */
function subjectBefore(voice: string, sentenceStart: number, verbStart: number): Range | null {
  const from = Math.max(sentenceStart, verbStart - 120);
  let head = voice.slice(from, verbStart);
  // An adverb between subject and verb ("also said", "had earlier told").
  const adverb = TRAILING_ADVERBS.exec(head);
  const end = from + (adverb ? adverb.index : head.trimEnd().length);
  head = voice.slice(from, end);
  let start = from;
  // The last clause break before the verb starts the subject.
  for (let i = head.length - 1; i >= 0; i--) {
    const c = head[i] as string;
    if (',;:()\n“”"«»„'.includes(c)) {
      start = from + i + 1;
      break;
    }
    if ((c === '–' || c === '—') && head[i - 1] === ' ') {
      start = from + i + 1;
      break;
    }
  }
  let phrase = voice.slice(start, end);
  const conj = /^(.*\b(?:and|but|while|whereas|although|though|because|as|when|after|before|since|which|who|that|if|unless|where|so|than)\s+)/i.exec(phrase);
  if (conj && conj[1] !== undefined) {
    start += conj[1].length;
    phrase = phrase.slice(conj[1].length);
  }
  const lead = phrase.length - phrase.trimStart().length;
  start += lead;
  if (end - start <= 0 || end - start > 100) return null;
  if (CLAUSE_BREAK.test(voice.slice(start, end)) || /\b(?:who|which|that|whom|whose)$/i.test(voice.slice(start, end))) return null;
  return { start, end };
}

/** A name with an appositive before the verb: "Hakan Fidan, Turkey's foreign minister, said". */
function appositiveSubject(voice: string, sentenceStart: number, verbStart: number): Range | null {
  const from = Math.max(sentenceStart, verbStart - 160);
  const head = voice.slice(from, verbStart);
  const m = /(?:^|[,;:]\s*)((?:[\p{L}\p{N}.’'-]+\s+){0,5}[\p{L}\p{N}’'-]+),\s+[^,;:“”"]{2,100},\s*$/u.exec(head);
  if (!m || m[1] === undefined) return null;
  const at = from + m.index + m[0].indexOf(m[1]);
  return { start: at, end: at + m[1].length };
}

/** The subject phrase after a reporting verb at a clause's end: ", said Fidan." */
function subjectAfter(voice: string, verbEnd: number, sentenceEnd: number): Range | null {
  const tail = voice.slice(verbEnd, Math.min(sentenceEnd, verbEnd + 100));
  // Up to eight words, each starting with a letter, separated by spaces. (Not `(?:word\s*){1,8}`:
  // with the space optional, one long word splits into words in exponentially many ways.)
  const m = /^\s+([\p{Lu}\p{Ll}][\p{L}\p{N}.’'-]*(?:\s+[\p{Lu}\p{Ll}][\p{L}\p{N}.’'-]*){0,7}?)\s*(?:[,.;!?]|$|\s(?:on|in|at|during|after|before|when|while|to|told)\b)/u.exec(tail);
  if (!m || m[1] === undefined) return null;
  const at = verbEnd + m[0].indexOf(m[1]);
  return { start: at, end: at + m[1].trimEnd().length };
}

function emptyProfile(): SourcingProfile {
  return {
    claims: 0,
    byKind: Object.fromEntries([...ATTRIBUTION_KINDS, 'none'].map((k) => [k, 0])) as SourcingProfile['byKind'],
    unsourcedShare: 0,
    namedSources: 0,
    anonymousSources: 0,
    quotedSentences: 0,
  };
}

/** Analyses the sourcing of a read document. */
export function analyseSourcing(doc: Document): SourcingAnalysis {
  const cues = sourcingCues();
  const voice = authorVoice(doc);
  const starts = cueStarts(voice, cues);
  const n = doc.sentences.length;
  const outletName = doc.metadata.outlet?.trim();
  const outlet = outletPattern(outletName);

  const found: Cue[] = [];
  /** Cues by sentence, for looking back from a pronoun without scanning every cue. */
  const bySentence = new CuesBySentence();
  const push = (cue: Cue): void => {
    found.push(cue);
    bySentence.add(cue);
  };
  const add = (sentence: number, start: number, end: number, kind: AttributionKind, source: string, verb: string | null, via: Cue['via'] = 'cue'): void => {
    push({ start, end, sentence, kind, source, sourceKey: normaliseKey(kind, source), verb, via });
  };
  const clean = (s: string): string => s.replace(/\s+/g, ' ').trim();

  // 1. The outlet vouching for itself.
  scan(cues.self, voice, doc, (m, s) => add(s, m.index, m.index + m[0].length, 'self', outletName ?? clean(m[0]), null), starts);
  if (outlet) {
    const re = new RegExp(`${outlet.source}(?:[’']s)?\\s+(?:own\\s+)?(?:${cues.selfVerbs}|(?:reporting|investigation|analysis|correspondents?|reporters?)\\b)`, 'giu');
    scan(re, voice, doc, (m, s) => add(s, m.index, m.index + m[0].length, 'self', outletName ?? clean(m[0]), null));
  }
  // 2. Anonymous and vague cues.
  scan(cues.anonymous, voice, doc, (m, s) => add(s, m.index, m.index + m[0].length, 'anonymous', clean(m[0]), null), starts);
  scan(cues.anonymity, voice, doc, (m, s) => {
    push({ start: m.index, end: m.index + m[0].length, sentence: s, kind: 'anonymous', source: clean(m[0]), sourceKey: normaliseKey('anonymous', clean(m[0])), verb: null, via: 'cue', marker: true });
  }, starts);
  scan(cues.vague, voice, doc, (m, s) => add(s, m.index, m.index + m[0].length, 'vague', clean(m[0]), null), starts);
  // 3. "according to X".
  scan(cues.accordingTo, voice, doc, (m, s) => {
    const raw = m[1] ?? '';
    const cut = /\s(?:on|in|at|which|who|that|as|when|after|before|while|during|and|but|there|to)\s/i.exec(` ${raw}`);
    const phrase = (cut ? raw.slice(0, Math.max(0, cut.index - 1)) : raw).trim();
    const c = classifySource(phrase, cues, outlet, false);
    if (!c || c.kind === 'pronoun') return;
    const at = m.index + m[0].indexOf(phrase);
    add(s, m.index, at + phrase.length, c.kind, phrase, null);
  }, starts);
  // 4. A reporting verb and its subject.
  bySentence.step = 1;
  const sentences = doc.sentences;
  scan(cues.verb, voice, doc, (m, s) => {
    const sent = sentences[s] as Range;
    const verb = m[0].toLowerCase().replace(/\s+/g, ' ');
    // "an estimated 4,000", "the reported deal", "its stated aim": an adjective, not a report.
    if (/\b(?:a|an|the|its|their|his|her|this|that|these|those|our|some|any|no)\s+$/i.test(voice.slice(Math.max(sent.start, m.index - 8), m.index))) return;
    const strict = !/^(?:said|says|say|told|tells|tell|added|adds|confirmed|confirms|announced|announces|stated|states|declared|declares|wrote|writes|noted|notes|reported|reports|explained|explains|acknowledged|admitted|conceded|insisted|insists|claimed|claims|alleged|alleges|denied|denies|warned|warns|testified|estimated|estimates)$/.test(verb);
    const before = subjectBefore(voice, sent.start, m.index) ?? appositiveSubject(voice, sent.start, m.index);
    let subject: Range | null = before;
    let c = before ? classifySource(voice.slice(before.start, before.end), cues, outlet, strict) : null;
    // ", said X." / "..., said the ministry."
    if (!c && /,\s*$/.test(voice.slice(Math.max(sent.start, m.index - 3), m.index))) {
      const after = subjectAfter(voice, m.index + m[0].length, sent.end);
      const ca = after ? classifySource(voice.slice(after.start, after.end), cues, outlet, strict) : null;
      if (after && ca) {
        subject = after;
        c = ca;
      }
    }
    if (!c || !subject) return;
    let kind: AttributionKind;
    let source = c.kind === 'named' ? clean(c.source) : clean(voice.slice(subject.start, subject.end));
    if (c.kind === 'pronoun') {
      const previous = bySentence.previous(s, subject.start);
      if (!previous) return;
      kind = previous.kind;
      source = previous.source;
    } else kind = c.kind;
    // The cue is the subject and its verb; with an appositive between them, the subject alone.
    const apart = subject.end < m.index && m.index - subject.end > 20;
    const start = Math.min(subject.start, m.index);
    const end = apart ? subject.end : Math.max(subject.end, m.index + m[0].length);
    add(s, start, end, kind, source, verb);
  }, starts);
  // 5. Quotations with a speaker cover the sentences they stand in.
  bySentence.step = 2;
  for (const q of doc.quotes) {
    if (!q.speaker || !q.speakerRange) continue;
    const c = classifySource(q.speaker, cues, outlet, false);
    let kind: AttributionKind = c && c.kind !== 'pronoun' ? c.kind : anonymousPhrase(q.speaker, cues) ? 'anonymous' : 'named';
    let source = q.speaker;
    if (c?.kind === 'pronoun') {
      const previous = bySentence.previous(sentenceAt(doc.sentences, q.start), q.start);
      if (previous) {
        kind = previous.kind;
        source = previous.source;
      }
    }
    const first = sentenceAt(doc.sentences, q.start);
    const last = sentenceAt(doc.sentences, Math.max(q.start, q.end - 1));
    for (let s = Math.max(0, first); s <= last && s >= 0; s++) {
      push({ start: q.speakerRange.start, end: q.speakerRange.end, sentence: s, kind, source, sourceKey: normaliseKey(kind, source), verb: null, via: 'quote' });
    }
  }
  found.sort((a, b) => a.sentence - b.sentence || a.start - b.start || RANK[a.kind] - RANK[b.kind]);
  const cuesOut = dedupe(found);

  // Per sentence: its best own attribution.
  const own: (Cue | null)[] = new Array(n).fill(null);
  for (const c of cuesOut) {
    const current = own[c.sentence];
    if (!current || RANK[c.kind] < RANK[current.kind]) own[c.sentence] = c;
  }

  // Words per sentence, and how many of them are in the author's voice (not blanked as quoted).
  const allWords = new Uint32Array(n);
  const voiceWords = new Uint32Array(n);
  for (const t of doc.tokens) {
    if (t.kind === 'punct') continue;
    allWords[t.sentence] = (allWords[t.sentence] ?? 0) + 1;
    if (voice.charCodeAt(t.start) !== 32) voiceWords[t.sentence] = (voiceWords[t.sentence] ?? 0) + 1;
  }
  const blocks = doc.blocks;
  const result: SentenceSourcing[] = [];
  const speculation: SourcingAnalysis['speculation'] = [];
  const claimCues = claimsBySentence(voice, doc, cues, starts);
  scan(cues.speculation, voice, doc, (m, s) => speculation.push({ start: m.index, end: m.index + m[0].length, sentence: s }), starts);

  // The attribution the previous sentence ended with (an object, so the loop's assignments are seen).
  const last: { attribution: Attribution | null; reported: boolean } = { attribution: null, reported: false };
  for (let s = 0; s < n; s++) {
    const sent = sentences[s] as Range & { block: number };
    const block = blocks[sent.block] as Block;
    const prevBlock = s > 0 ? (sentences[s - 1] as { block: number }).block : -1;
    const firstInBlock = prevBlock !== sent.block;
    const words = voiceWords[s] ?? 0;
    const sentenceVoice: SentenceSourcing['voice'] = block.blockquote || words === 0 ? 'quoted' : words === (allWords[s] ?? 0) ? 'author' : words <= 3 ? 'quoted' : 'mixed';
    const mine = own[s];
    let attribution: Attribution | null = null;
    if (mine) {
      attribution = { kind: mine.kind, source: mine.source, sourceKey: mine.sourceKey, verb: mine.verb, cue: { start: mine.start, end: mine.end }, sentence: mine.sentence, via: mine.via };
    } else if (last.attribution && ((!firstInBlock && (sentenceVoice !== 'author' || last.reported)) || sentenceVoice === 'quoted')) {
      // A quoted first sentence of a paragraph goes on with a quotation begun before (multi-paragraph quotes).
      attribution = { ...last.attribution, via: 'carried' };
    }
    // Reported speech carries on into the author's next sentence; a direct quotation's speaker does not.
    last.reported = attribution !== null && sentenceVoice === 'author' && (mine !== null || last.reported);
    last.attribution = attribution;

    const question = /\?[\s”"’')\]]*$/.test(doc.prose.slice(sent.start, sent.end));
    const claimable = (block.kind === 'paragraph' || block.kind === 'listItem') && sentenceVoice !== 'quoted' && !question && words >= 4;
    const cc = claimCues.get(s);
    const figure = cc?.fact ?? null;
    const found: ClaimCue[] = [];
    let claim: ClaimKind | null = null;
    if (claimable) {
      for (const k of CLAIM_ORDER) {
        const r = cc?.[k];
        if (r) found.push({ kind: k, start: r.start, end: r.end });
      }
      // Declared opinion covers the sentence: its certainty words and figures are the writer's argument.
      claim = found[0]?.kind ?? 'statement';
      if (claim === 'opinion') found.length = 1;
    }
    result.push({ sentence: s, voice: sentenceVoice, attribution, claim, checkable: figure !== null && sentenceVoice !== 'quoted', claimCues: found });
  }

  const sources = collectSources(result, cuesOut);
  return { sentences: result, sources, profile: profileOf(result, sources), cues: cuesOut, speculation };
}

/** A phrase that names an anonymous source by pattern ("four sources familiar with the talks"). */
function anonymousPhrase(phrase: string, cues: SourcingCues): boolean {
  cues.anonymous.lastIndex = 0;
  return cues.anonymous.test(phrase);
}

/**
 * The cues that can stand for a pronoun's source (all but vague ones), by sentence, so the
 * nearest before an offset is found by binary search: a sentence with thousands of "he said"
 * was searched whole for each of them. Each step of the search for cues (`step`: the cue
 * patterns, the reporting verbs, the quotations' speakers) keeps its own list in order of start,
 * since each adds its cues mostly in that order; of several at one start, the first added wins.
 */
class CuesBySentence {
  /** The step cues are added by now; a later step's cues were added after an earlier one's. */
  step = 0;
  private readonly lists = new Map<number, Cue[][]>();

  add(cue: Cue): void {
    if (cue.kind === 'vague') return;
    let steps = this.lists.get(cue.sentence);
    if (!steps) this.lists.set(cue.sentence, (steps = []));
    const list = (steps[this.step] ??= []);
    const at = firstAfter(list, cue.start);
    if (at === list.length) list.push(cue);
    else list.splice(at, 0, cue);
  }

  /** The nearest source named before an offset (for "he said"): in this sentence or the three before. */
  previous(sentence: number, before: number): Cue | null {
    for (let s = sentence; s >= sentence - 3 && s >= 0; s--) {
      let best: Cue | null = null;
      for (const list of this.lists.get(s) ?? []) {
        if (!list) continue;
        let k = (s === sentence ? firstAfter(list, before - 1) : list.length) - 1;
        if (k < 0) continue;
        const start = (list[k] as Cue).start;
        while (k > 0 && (list[k - 1] as Cue).start === start) k--;
        if (!best || start > best.start) best = list[k] as Cue;
      }
      if (best) return best;
    }
    return null;
  }
}

/** The index of the first cue of a list in order of start that starts after `offset`. */
function firstAfter(list: readonly Cue[], offset: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((list[mid] as Cue).start <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Merges overlapping cues of one sentence ("sources familiar with" inside "four sources familiar
 * with the talks told"): the stronger kind wins; on a tie the text's own cue (not a quotation's
 * speaker) is kept, widened to both, with the longer source phrase.
 */
function dedupe(cues: Cue[]): Cue[] {
  const out: Cue[] = [];
  // Cues come sorted by sentence and start: only those of the current sentence can clash, and of
  // them only those that end after this one starts (the others end before every later cue, and
  // a cue widens only when it clashes), kept in `open` by their index in `out`, in order.
  let sentence = -1;
  let open: number[] = [];
  for (const c of cues) {
    if (c.sentence !== sentence) {
      sentence = c.sentence;
      open = [];
    }
    open = open.filter((k) => (out[k] as Cue).end > c.start);
    let clash = -1;
    for (const k of open) {
      const o = out[k] as Cue;
      if (o.start < c.end && o.marker === c.marker) {
        clash = k;
        break;
      }
    }
    if (clash < 0) {
      open.push(out.length);
      out.push(c);
      continue;
    }
    const o = out[clash] as Cue;
    const keep = RANK[c.kind] < RANK[o.kind] ? c : RANK[o.kind] < RANK[c.kind] ? o : o.via === 'cue' ? o : c;
    const other = keep === o ? c : o;
    if (RANK[keep.kind] === RANK[other.kind]) {
      keep.start = Math.min(keep.start, other.start);
      keep.end = Math.max(keep.end, other.end);
      if (other.source.length > keep.source.length) {
        keep.source = other.source;
        keep.sourceKey = other.sourceKey;
      }
      keep.verb ??= other.verb;
    }
    out[clash] = keep;
  }
  return out.sort((a, b) => a.start - b.start);
}

const isNumberChar = (c: number): boolean => (c >= 48 && c <= 57) || c === 44 || c === 46;
const isAsciiWord = (c: number): boolean => (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95;

/**
 * For the figures regex: a number's matches all begin `\b\d[\d,.]*` and go on with a space or a
 * unit, never a digit, comma or dot, so a try at a digit that starts a word reads its run of
 * digits, commas and dots to the end and needs the unit there. A later digit of the same run
 * ("1,1,1") reads to the same end: it fails where the first failed, or lies inside its match.
 * So the run is tried once, not once per comma (which was quadratic in the run's length).
 */
export function numberRunEnd(text: string, p: number): number {
  if (!isNumberChar(text.charCodeAt(p)) || text.charCodeAt(p) === 44 || text.charCodeAt(p) === 46) return p;
  if (p > 0 && isAsciiWord(text.charCodeAt(p - 1))) return p;
  let e = p + 1;
  while (e < text.length && isNumberChar(text.charCodeAt(e))) e++;
  return e;
}

type ClaimRanges = Partial<Record<(typeof CLAIM_CLASSES)[number] | 'fact', Range>>;

function claimsBySentence(voice: string, doc: Document, cues: SourcingCues, starts: ReadonlyMap<RegExp, readonly number[]>): Map<number, ClaimRanges> {
  const out = new Map<number, ClaimRanges>();
  const put = (k: keyof ClaimRanges, s: number, r: Range): void => {
    const entry = out.get(s) ?? {};
    entry[k] ??= r;
    out.set(s, entry);
  };
  for (const k of CLAIM_CLASSES) {
    scan(cues.claims[k], voice, doc, (m, s) => {
      // "I hope to", "we want to" are the writer's declared intentions, not claims about an actor.
      if (k === 'intent' && /\b(?:I|we|I'm|we're|I am|we are)\s+(?:\w+\s+)?$/i.test(voice.slice(Math.max(0, m.index - 12), m.index))) {
        put('opinion', s, { start: m.index, end: m.index + m[0].length });
        return;
      }
      put(k, s, { start: m.index, end: m.index + m[0].length });
    }, starts);
  }
  scan(cues.figures, voice, doc, (m, s) => put('fact', s, { start: m.index, end: m.index + m[0].length }), starts, numberRunEnd);
  return out;
}

function collectSources(sentences: SentenceSourcing[], cues: Cue[]): Source[] {
  const byKey = new Map<string, Source>();
  const withSource = new Set(cues.filter((c) => !c.marker).map((c) => c.sentence));
  for (const c of cues) {
    // "on condition of anonymity" describes another source in its sentence; it is a source only alone.
    if (c.marker && withSource.has(c.sentence)) continue;
    let src = byKey.get(c.sourceKey);
    if (!src) {
      src = { key: c.sourceKey, name: c.source, kind: c.kind, mentions: [], sentences: [] };
      byKey.set(c.sourceKey, src);
    }
    if (c.source.length > src.name.length) src.name = c.source;
    const last = src.mentions[src.mentions.length - 1];
    // Cues come sorted by position: a repeated mention (a quotation's speaker over several sentences) is the one just before.
    if (!last || last.start !== c.start || last.end !== c.end) src.mentions.push({ start: c.start, end: c.end });
  }
  for (const s of sentences) {
    const a = s.attribution;
    if (!a) continue;
    const src = byKey.get(a.sourceKey);
    if (src && src.sentences[src.sentences.length - 1] !== s.sentence) src.sentences.push(s.sentence);
  }
  return [...byKey.values()].sort((a, b) => (a.mentions[0]?.start ?? 0) - (b.mentions[0]?.start ?? 0));
}

function profileOf(sentences: SentenceSourcing[], sources: Source[]): SourcingProfile {
  const p = emptyProfile();
  for (const s of sentences) {
    if (s.voice === 'quoted') p.quotedSentences++;
    if (s.claim === null || s.claim === 'opinion') continue;
    p.claims++;
    p.byKind[s.attribution?.kind ?? 'none']++;
  }
  p.unsourcedShare = p.claims === 0 ? 0 : p.byKind.none / p.claims;
  p.namedSources = sources.filter((s) => s.kind === 'named').length;
  p.anonymousSources = sources.filter((s) => s.kind === 'anonymous').length;
  return p;
}
