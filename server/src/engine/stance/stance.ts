/**
 * Stance: how a document treats each entity it mentions, from −1 (hostile) to +1 (sympathetic),
 * with the sentences that drove it and the reasons in plain words. Built sentence by sentence
 * from four signals, each aimed at one mention:
 *
 *  - the actions the text gives an entity (`server/data/stance.json`): the agent of a hostile
 *    action ("invaded", "strikes on") is cast as an aggressor, its target as a victim; the agent
 *    of a constructive action ("mediated", "commitment to") is credited;
 *  - loaded and partisan wording (the lexicon's findings) near the mention;
 *  - framing words from the stance data ("expansionist", "stabilising");
 *  - the sentiment of the other words around the mention (VADER's word valences, negation
 *    flipped, weighted by distance).
 *
 * A signal inside a quotation is the speaker's, not the outlet's: it counts at QUOTED_WEIGHT,
 * and at SELF_WEIGHT when the speaker is the entity itself praising or excusing itself. A
 * capital or seat named as a place ("in Ankara") is counted as a mention but given no role.
 */
import stanceData from '../../../data/stance.json' with { type: 'json' };
import vader from '../../../data/sentiment/vader.json' with { type: 'json' };
import type { EntityMention, EntityStance, StanceEvidence } from '../compare/types.js';
import { findMentions, type Gazetteer } from '../entities/gazetteer.js';
import type { AnalysisResult, Finding, Token } from '../types.js';

/** Weight of a signal inside a quotation, and inside an entity's own quoted words. */
export const QUOTED_WEIGHT = 0.4;
export const SELF_WEIGHT = 0.2;
/** Pseudo-evidence of a neutral prior: one weak sentence is not a stance. */
const PRIOR = 1;
/** How far (in words) an action reaches for its agent and its target. */
const AGENT_REACH = 10;
const TARGET_REACH = 8;
/** How far (in words) a sentiment or framing word reaches for a mention. */
const SENTIMENT_REACH = 8;
const SENTIMENT_WEIGHT = 0.35;
const LEXICON_WEIGHT = 0.6;
const EVIDENCE_SHOWN = 5;

interface ActionCue {
  kind: 'hostile' | 'constructive' | 'criticism' | 'praise';
  base: string;
  /** Words of a multi-word cue ("crack down"). */
  words: string[];
}

/** The stance data compiled once: action cues by their first word, framing, neutral words. */
interface Cues {
  actions: Map<string, ActionCue[]>;
  framing: Map<string, { value: number; why: string }>;
  neutral: Set<string>;
  valence: Map<string, number>;
}

let compiled: Cues | undefined;

/** Regular inflections of a verb or noun base: -s, -ed, -ing (with e-dropping, y→ied and doubling). */
function inflect(base: string): string[] {
  const out = new Set([base]);
  if (base.endsWith('e')) {
    out.add(base + 's').add(base + 'd').add(base.slice(0, -1) + 'ing');
  } else if (/[^aeiou]y$/.test(base)) {
    out.add(base.slice(0, -1) + 'ies').add(base.slice(0, -1) + 'ied').add(base + 'ing');
  } else {
    out.add(/(s|sh|ch|x|z)$/.test(base) ? base + 'es' : base + 's').add(base + 'ed').add(base + 'ing');
    if (/^[^aeiou]*[aeiou][bdgmnprt]$/.test(base)) out.add(base + base.slice(-1) + 'ed').add(base + base.slice(-1) + 'ing');
  }
  return [...out];
}

function cues(): Cues {
  if (compiled) return compiled;
  const actions = new Map<string, ActionCue[]>();
  const irregular = stanceData.irregular as Record<string, string[]>;
  for (const kind of ['hostile', 'constructive', 'criticism', 'praise'] as const) {
    for (const base of stanceData[kind].words) {
      const forms = base.includes(' ') ? [base, ...(irregular[base] ?? [])] : [...inflect(base), ...(irregular[base] ?? [])];
      for (const form of forms) {
        const words = form.split(' ');
        const list = actions.get(words[0] as string) ?? [];
        if (!list.some((c) => c.words.join(' ') === form)) list.push({ kind, base, words });
        actions.set(words[0] as string, list);
      }
    }
  }
  const framing = new Map(Object.entries(stanceData.framing as Record<string, { value: number; why: string }>));
  const valence = new Map(Object.entries((vader as { words: Record<string, number> }).words));
  compiled = { actions, framing, neutral: new Set(stanceData.neutral), valence };
  return compiled;
}

/** A word's sentiment valence (VADER, −4…+4), or undefined when unrated or a news function word. */
export function wordValence(norm: string): number | undefined {
  const c = cues();
  return c.framing.has(norm) || c.neutral.has(norm) ? undefined : c.valence.get(norm);
}

export const NEGATORS: ReadonlySet<string> = new Set(['not', 'no', 'never', "n't", 'without', 'nor', 'neither', 'hardly', "didn't", "don't", "doesn't", "wasn't", "weren't", "isn't", "aren't", "won't", "cannot", "can't"]);
const BE = new Set(['is', 'are', 'was', 'were', 'be', 'been', 'being', 'got', 'get', 'gets']);
const PLACE_PREPOSITIONS = new Set(['in', 'at', 'to', 'from', 'near', 'into', 'outside', 'inside', 'around', 'across', 'via', 'toward', 'towards',
  'northern', 'southern', 'eastern', 'western', 'central', 'north', 'south', 'east', 'west', 'north-east', 'north-west', 'south-east', 'south-west', 'northeastern', 'northwestern', 'southeastern', 'southwestern']);
const POSSESSIVES = new Set(['its', 'their']);
const DETERMINERS = new Set(['the', 'a', 'an', 'its', 'their', 'his', 'her', 'our', 'my', 'your', 'this', 'that', 'these', 'those']);
const SUBJECT_PRONOUNS = new Set(['it', 'they', 'he', 'she', 'we', 'who', 'which']);
/** Words that open a new clause: a target is not looked for past them ("meddling is inviting Moscow"). */
const CLAUSE_WORDS = new Set(['is', 'are', 'was', 'were', 'has', 'have', 'had', 'that', 'which', 'who', 'whose', 'while', 'but', 'because', 'although', 'since', 'when', 'whereas', 'unless']);
/** Nouns after a demonym that make it an actor ("Turkish troops", "Israeli officials"). */
const ACTOR_NOUNS = new Set([
  'forces', 'force', 'troops', 'army', 'military', 'soldiers', 'officials', 'official', 'government', 'authorities', 'leaders', 'leader', 'leadership',
  'ministry', 'minister', 'ministers', 'president', 'envoys', 'envoy', 'diplomats', 'delegation', 'jets', 'drones', 'warplanes', 'aircraft', 'navy',
  'police', 'security', 'intelligence', 'engineers', 'firms', 'companies', 'fighters', 'militants', 'rebels', 'officers', 'commanders', 'spokesman',
  'spokeswoman', 'spokesperson', 'negotiators', 'planners', 'side', 'state', 'regime', 'administration', 'parliament', 'court', 'courts', 'media',
  'prime', 'foreign', 'defence', 'defense', 'air', 'special', 'border', 'settlers', 'artillery', 'tanks', 'units', 'militia', 'militias', 'proxies',
  'gunmen', 'agents', 'operatives', 'coast', 'national', 'armed', 'teams', 'workers', 'doctors', 'volunteers', 'mediators',
]);
/** Words before a mention that make it the object of a preposition, so not the subject of a following verb. */
const PREPOSITIONS = new Set(['of', 'to', 'for', 'with', 'against', 'on', 'at', 'from', 'into', 'by', 'in', 'over', 'about', 'between', 'toward', 'towards', 'than', 'like']);
/** Words that end a clause for the purpose of finding an action's agent. */
/** Alias kinds that name a place as well as an actor: after "in", "at", "from"... they are the place. */
const PLACE_KINDS = new Set(['name', 'spelling', 'capital', 'seat']);
const CLAUSE_BREAKS = new Set([';', ':', '—', '–', '(', ')']);

/** The kinds of signal, one per cue family: the features the evidence is made of. */
export const SIGNAL_KINDS = ['hostile-agent', 'hostile-target', 'constructive', 'criticism-agent', 'criticism-target', 'praise-agent', 'praise-target', 'wording', 'framing', 'sentiment'] as const;
export type SignalKind = (typeof SIGNAL_KINDS)[number];

/** One signal found in a sentence, aimed at one mention. */
export interface Signal {
  mention: EntityMention;
  kind: SignalKind;
  value: number;
  reason: string;
  quoted: boolean;
  self: boolean;
}

/** A signal's weight by voice: the author's own words count fully, a quotation's less. */
export function voiceWeight(s: Pick<Signal, 'quoted' | 'self'>): number {
  return s.self ? SELF_WEIGHT : s.quoted ? QUOTED_WEIGHT : 1;
}

export interface StanceResult {
  mentions: EntityMention[];
  stance: EntityStance[];
}

/** Formats a signed number for reasons: "+0.30", "−0.60". */
function signed(n: number): string {
  return (n < 0 ? '−' : '+') + Math.abs(n).toFixed(2);
}

/**
 * The document's stance toward every entity it mentions, strongest evidence first. Uses the
 * analysis's tokens, quotations and findings; reads no text again.
 */
export function analyseStance(result: AnalysisResult, gazetteer: Gazetteer, mentions: EntityMention[] = findMentions(result.document, gazetteer)): StanceResult {
  return { mentions, stance: aggregate(result, gazetteer, mentions, stanceSignals(result, mentions)) };
}

/**
 * Every signal the text aims at one of `mentions`, sentence by sentence, in the order found.
 * Mentions compete: a cue goes to the nearest mention that can take its role.
 */
export function stanceSignals(result: AnalysisResult, mentions: readonly EntityMention[]): Signal[] {
  const { document } = result;
  const { tokens } = document;
  const c = cues();
  const signals: Signal[] = [];
  // Mentions by sentence; each sentence's first token.
  const bySentence = new Map<number, EntityMention[]>();
  for (const m of mentions) {
    const list = bySentence.get(m.sentence) ?? [];
    list.push(m);
    bySentence.set(m.sentence, list);
  }
  const firstToken = new Int32Array(document.sentences.length + 1).fill(-1);
  for (let i = tokens.length - 1; i >= 0; i--) firstToken[(tokens[i] as Token).sentence] = i;
  const findingsBySentence = new Map<number, Finding[]>();
  for (const f of result.findings) {
    if (f.sentence === null || (f.category !== 'loaded' && f.category !== 'partisan' && f.ruleId !== 'loaded-report-verb')) continue;
    const list = findingsBySentence.get(f.sentence) ?? [];
    list.push(f);
    findingsBySentence.set(f.sentence, list);
  }
  const quotes = document.quotes.filter((q) => !q.scare);
  type QuoteT = (typeof quotes)[number];
  const quoteOf = (offset: number): QuoteT | null => {
    for (const q of quotes) if (offset >= q.inner.start && offset < q.inner.end) return q;
    return null;
  };

  // Quotations whose speaker is named as an entity ("Erdoğan said"): their words about that entity are its own.
  const speakers = new Map<QuoteT, Set<string>>();
  for (const q of quotes) {
    const r = q.speakerRange;
    if (r === null) continue;
    for (const m of mentions) {
      if (m.start < r.start || m.end > r.end) continue;
      const set = speakers.get(q) ?? new Set<string>();
      set.add(m.entity);
      speakers.set(q, set);
    }
  }

  for (const [sentence, here] of bySentence) {
    const start = firstToken[sentence] as number;
    if (start < 0) continue;
    // The sentence's words (punctuation kept only where it breaks a clause).
    const words: Token[] = [];
    for (let i = start; i < tokens.length && (tokens[i] as Token).sentence === sentence; i++) {
      const t = tokens[i] as Token;
      if (t.kind !== 'punct' || CLAUSE_BREAKS.has(t.text) || t.text === ',') words.push(t);
    }
    const indexOf = (offset: number): number => {
      let lo = 0;
      let hi = words.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if ((words[mid] as Token).start <= offset) lo = mid;
        else hi = mid - 1;
      }
      return lo;
    };
    // Mentions as word positions; places ("in Ankara") get no role.
    const actors = here
      .map((m) => ({ m, at: indexOf(m.start), last: indexOf(m.end - 1) }))
      .filter(({ m, at }) => !(PLACE_KINDS.has(m.aliasKind) && at > 0 && PLACE_PREPOSITIONS.has((words[at - 1] as Token).norm)));
    if (actors.length === 0) continue;
    const inMention = new Set<number>();
    for (const a of actors) for (let k = a.at; k <= a.last; k++) inMention.add(k);
    const speakerIs = (q: QuoteT | null, m: EntityMention): boolean => q !== null && (speakers.get(q)?.has(m.entity) ?? false);
    const emit = (m: EntityMention, kind: SignalKind, value: number, reason: string, at: number): void => {
      const q = quoteOf((words[at] as Token).start);
      signals.push({ mention: m, kind, value, reason, quoted: q !== null, self: speakerIs(q, m) });
    };
    const clauseBreakBetween = (a: number, b: number): boolean => {
      for (let k = Math.min(a, b) + 1; k < Math.max(a, b); k++) if (CLAUSE_BREAKS.has((words[k] as Token).text)) return true;
      return false;
    };
    const objectOfPreposition = (a: (typeof actors)[number]): boolean => {
      // "the" and a demonym may stand between: "of the Israeli government".
      for (let k = a.at - 1; k >= 0 && k >= a.at - 3; k--) {
        const w = (words[k] as Token).norm;
        if (PREPOSITIONS.has(w)) return true;
        if (!DETERMINERS.has(w) && !inMention.has(k)) return false;
      }
      return false;
    };
    // A demonym is an actor only before an actor or action noun: "Turkish troops", "Israeli strikes", not "Kurdish towns".
    const canAct = (a: (typeof actors)[number]): boolean => {
      if (a.m.aliasKind !== 'demonym') return true;
      const next = words[a.last + 1];
      return next === undefined || next.kind === 'punct' || ACTOR_NOUNS.has(next.norm) || c.actions.has(next.norm);
    };
    // A subject pronoun just before the verb ("it shelters") names an actor this sentence may not: no agent then.
    const pronounSubject = (at: number): boolean => at > 0 && (SUBJECT_PRONOUNS.has((words[at - 1] as Token).norm) || (at > 1 && SUBJECT_PRONOUNS.has((words[at - 2] as Token).norm)));
    const clauseWordBetween = (a: number, b: number): boolean => {
      for (let k = a + 1; k < b; k++) if (CLAUSE_WORDS.has((words[k] as Token).norm)) return true;
      return false;
    };
    /**
     * The nearest actor before (-1), after (1) or either side (0) of word `at`. A subject (by
     * default, looking back) is never a preposition's object, nor a demonym on a thing; a target
     * (1) is in the same clause.
     */
    const nearest = (at: number, reach: number, dir: -1 | 1 | 0, subject = dir === -1): (typeof actors)[number] | null => {
      let best: (typeof actors)[number] | null = null;
      let bestD = Infinity;
      if (subject && pronounSubject(at)) return null;
      for (const a of actors) {
        const d = a.at > at ? a.at - at : at - a.last;
        if (dir === -1 && a.last >= at) continue;
        if (subject && (objectOfPreposition(a) || !canAct(a))) continue;
        if (dir === 1 && (a.at <= at || clauseWordBetween(at, a.at))) continue;
        if (d <= reach && d < bestD && !clauseBreakBetween(a.at, at)) {
          best = a;
          bestD = d;
        }
      }
      return best;
    };
    const used = new Set<number>();
    // 1. Actions: agent and target.
    for (let k = 0; k < words.length; k++) {
      if (inMention.has(k)) continue;
      const list = c.actions.get((words[k] as Token).norm);
      if (!list) continue;
      const cue = list.find((x) => x.words.every((w, j) => (words[k + j] as Token | undefined)?.norm === w));
      if (!cue) continue;
      const span = cue.words.length;
      for (let j = 0; j < span; j++) used.add(k + j);
      const verb = words.slice(k, k + span).map((t) => t.text).join(' ');
      const negated = k > 0 && NEGATORS.has((words[k - 1] as Token).norm);
      const passive = k > 0 && (BE.has((words[k - 1] as Token).norm) || (k > 1 && BE.has((words[k - 2] as Token).norm))) && /(ed|en|ck|ot|uck)$/.test((words[k] as Token).norm);
      let agent: (typeof actors)[number] | null;
      let target: (typeof actors)[number] | null;
      if (passive) {
        // "Syrian villages were shelled": the grammatical subject is the target, a thing or not.
        target = nearest(k, AGENT_REACH, -1, false);
        const by = words.findIndex((t, j) => j > k && j <= k + 6 && t.norm === 'by');
        agent = by >= 0 ? nearest(by, 3, 1) : null;
      } else {
        // "its commitment": the possessive's owner is the agent.
        agent = k > 0 && POSSESSIVES.has((words[k - 1] as Token).norm) ? nearest(k - 1, 2 * AGENT_REACH, -1) : nearest(k, AGENT_REACH, -1);
        target = nearest(k + span - 1, TARGET_REACH, 1);
        if (target && agent && target.m.entity === agent.m.entity) target = null;
      }
      const sign = negated ? -1 : 1;
      if (cue.kind === 'hostile') {
        const w = stanceData.hostile.weight * sign;
        if (agent) emit(agent.m, 'hostile-agent', -w, `${negated ? 'said not to be ' : ''}agent of "${verb}" (hostile action)`, k);
        if (target && target !== agent) emit(target.m, 'hostile-target', stanceData.hostile.targetSympathy * sign, `target of "${verb}" (cast as the one harmed)`, k);
      } else if (cue.kind === 'constructive') {
        const w = stanceData.constructive.weight * sign;
        if (agent) emit(agent.m, 'constructive', w, `${negated ? 'said not to ' : ''}agent of "${verb}" (constructive action)`, k);
      } else {
        // Words: finding fault or giving credit. Both roles take a share.
        const { agentWeight, targetWeight } = stanceData[cue.kind];
        const what = cue.kind === 'criticism' ? 'finds fault' : 'gives credit';
        if (agent) emit(agent.m, `${cue.kind}-agent`, agentWeight * sign, `${negated ? 'said not to ' : ''}agent of "${verb}" (${what})`, k);
        if (target && target !== agent) emit(target.m, `${cue.kind}-target`, targetWeight * sign, `target of "${verb}" (${cue.kind === 'criticism' ? 'the one criticised' : 'the one credited'})`, k);
      }
    }
    // 2. Loaded and partisan wording, aimed at the nearest mention (inside it: "Israeli occupation forces").
    for (const f of findingsBySentence.get(sentence) ?? []) {
      const at = indexOf(f.start);
      const last = indexOf(f.end - 1);
      for (let k = at; k <= last; k++) used.add(k);
      const inside = actors.find((a) => a.at >= at && a.last <= last);
      const target = inside ?? (f.ruleId === 'loaded-report-verb' ? nearest(at, AGENT_REACH, -1) : nearest(at, SENTIMENT_REACH, 0));
      if (!target) continue;
      let v = 0;
      let n = 0;
      for (let k = at; k <= last; k++) {
        if (inMention.has(k)) continue;
        const norm = (words[k] as Token).norm;
        const fr = c.framing.get(norm);
        const x = fr ? fr.value * 4 : c.neutral.has(norm) ? 0 : c.valence.get(norm);
        if (x !== undefined) {
          v += x;
          n++;
        }
      }
      // Loaded wording without a rated word still leans against its target (labels, scare words).
      const value = n > 0 ? Math.max(-1, Math.min(1, v / n / 4)) : f.ruleId === 'loaded-report-verb' ? -0.3 : -0.5;
      if (value === 0) continue;
      const quotedNote = f.quoted ? ` (in ${f.speaker ?? 'a speaker'}'s words)` : '';
      emit(target.m, 'wording', value * LEXICON_WEIGHT, `${f.category} wording "${f.text}"${quotedNote}`, at);
    }
    // 3 and 4. Framing words and the sentiment of the other words, aimed at the nearest mention.
    for (let k = 0; k < words.length; k++) {
      if (used.has(k) || inMention.has(k)) continue;
      const norm = (words[k] as Token).norm;
      const fr = c.framing.get(norm);
      const val = fr ? undefined : c.neutral.has(norm) ? undefined : c.valence.get(norm);
      if (!fr && val === undefined) continue;
      let target = nearest(k, SENTIMENT_REACH, 0);
      let d = target ? (target.at > k ? target.at - k : k - target.last) : Infinity;
      // "its expansionist ambitions": a possessive just before the word stands for the last actor named.
      for (let j = k - 1; j >= Math.max(0, k - 2); j--) {
        if (!POSSESSIVES.has((words[j] as Token).norm)) continue;
        const owner = nearest(j, 2 * AGENT_REACH, -1);
        if (owner && k - j < d) {
          target = owner;
          d = k - j;
        }
      }
      if (!target) continue;
      let negated = false;
      for (let j = Math.max(0, k - 3); j < k; j++) if (NEGATORS.has((words[j] as Token).norm)) negated = true;
      const base = fr ? fr.value : ((val as number) / 4) * SENTIMENT_WEIGHT;
      const value = (negated ? -0.5 : 1) * base * (1 / (1 + d / 4));
      if (Math.abs(value) < 0.02) continue;
      const word = (words[k] as Token).text;
      const reason = fr
        ? `"${word}" near the mention: ${fr.why}${negated ? ' (negated)' : ''}`
        : `"${word}" near the mention (sentiment ${signed(val as number)}${negated ? ', negated' : ''})`;
      emit(target.m, fr ? 'framing' : 'sentiment', value, reason, k);
    }
  }
  return signals;
}

/** Sums each sentence's signals per entity and turns them into a score, a confidence and evidence. */
function aggregate(result: AnalysisResult, gazetteer: Gazetteer, mentions: readonly EntityMention[], signals: readonly Signal[]): EntityStance[] {
  const { document } = result;
  const counts = new Map<string, number>();
  for (const m of mentions) counts.set(m.entity, (counts.get(m.entity) ?? 0) + 1);
  const perEntity = new Map<string, Map<number, StanceEvidence>>();
  for (const s of signals) {
    const value = s.value * voiceWeight(s);
    const sentences = perEntity.get(s.mention.entity) ?? new Map<number, StanceEvidence>();
    perEntity.set(s.mention.entity, sentences);
    let ev = sentences.get(s.mention.sentence);
    if (!ev) {
      const sent = document.sentences[s.mention.sentence] as { start: number; end: number };
      ev = {
        sentence: s.mention.sentence,
        start: sent.start,
        end: sent.end,
        // The prose mask: Markdown syntax is blanked, so the evidence reads as text.
        text: document.prose.slice(sent.start, sent.end).replace(/\s+/g, ' ').trim(),
        contribution: 0,
        voice: 'author',
        speaker: null,
        reasons: [],
      };
      sentences.set(s.mention.sentence, ev);
    }
    ev.contribution += value;
    if (!s.quoted) ev.voice = 'author';
    else if (ev.reasons.length === 0) {
      ev.voice = 'quoted';
      ev.speaker = document.quotes.find((x) => !x.scare && ev.start < x.inner.end && x.inner.start < ev.end)?.speaker ?? null;
    }
    ev.reasons.push(`${s.reason}${s.quoted ? (s.self ? ' — in its own quoted words' : ' — quoted, counts less') : ''} (${signed(value)})`);
  }
  const out: EntityStance[] = [];
  for (const [entity, mentionsOf] of counts) {
    const evidence = [...(perEntity.get(entity)?.values() ?? [])];
    // One sentence counts at most ±1, so a long list of cues in one line cannot decide alone.
    for (const e of evidence) e.contribution = Math.max(-1, Math.min(1, e.contribution));
    const sum = evidence.reduce((a, e) => a + e.contribution, 0);
    const mass = evidence.reduce((a, e) => a + Math.abs(e.contribution), 0);
    const score = sum / (mass + PRIOR);
    const confidence = 1 - Math.exp(-(mass + 0.05 * mentionsOf) / 2);
    evidence.sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution) || a.start - b.start);
    const info = gazetteer.entities.get(entity);
    out.push({
      entity,
      name: info?.name ?? entity,
      score: round(score),
      confidence: round(confidence),
      mentions: mentionsOf,
      evidence: evidence.slice(0, EVIDENCE_SHOWN).map((e) => ({ ...e, contribution: round(e.contribution) })),
    });
  }
  out.sort((a, b) => b.mentions - a.mentions || a.name.localeCompare(b.name));
  return out;
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}
