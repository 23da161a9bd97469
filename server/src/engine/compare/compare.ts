/**
 * Comparison of two or more documents' profiles: stance per entity side by side, loaded-term
 * density and sourcing per outlet, naming choices that differ, vocabulary distinctive of each
 * outlet and passages of different outlets reporting the same fact. Works on profiles only.
 */
import { builtinGazetteer } from '../entities/gazetteer.js';
import { alignDocuments } from './align.js';
import { toLineColumn } from '../position.js';
import { profileDocument, type ProfileOptions } from './profile.js';
import { distinctiveTerms } from './terms.js';
import type { ComparedDocument, Comparison, DocumentProfile, NamingChoice, StanceOut } from './types.js';

export interface CompareOptions {
  /** Aligned passage pairs kept per pair of documents (default 12, fewer when there are more than ten documents). */
  maxAlignmentsPerPair?: number;
  /** Similarity below which passages are not paired (the aligner's default otherwise). */
  minSimilarity?: number;
  /** Distinctive terms shown per outlet (default 15). */
  topTerms?: number;
  /** Lowest z-score of a distinctive term (default 1: leaning that way; 1.96 is the 95% level, rarely reached by two short articles). */
  minZ?: number;
  /** Aligned pairs kept in all (default 2,000, the most similar). */
  maxAlignments?: number;
}

export interface CompareInput {
  path: string;
  text: string;
  /** Overrides the detected outlet. */
  outlet?: string;
}

/** Pairs kept per pair of documents: 12 for up to ten documents, then fewer so output stays readable. */
function defaultPerPair(documents: number): number {
  const pairs = (documents * (documents - 1)) / 2;
  return Math.max(2, Math.min(12, Math.floor(540 / Math.max(1, pairs))));
}

function comparedDocument(p: DocumentProfile): ComparedDocument {
  const stance: Record<string, StanceOut> = {};
  for (const s of p.stance) {
    stance[s.name] = {
      score: s.score,
      confidence: s.confidence,
      mentions: s.mentions,
      evidence: s.evidence.map(({ start, end, ...e }) => ({ ...e, start: toLineColumn(p.lineStarts, start), end: toLineColumn(p.lineStarts, end) })),
    };
  }
  return {
    path: p.path,
    outlet: p.outlet.name,
    outletSource: p.outlet.source,
    words: p.words,
    stance,
    sourcing: p.sourcing,
    loadedTerms: p.loadedTerms,
    loadedPer1000Words: p.loadedPer1000Words,
  };
}

/** Entities and label uses on which documents mentioning the entity differ in their forms. */
function namingChoices(profiles: readonly DocumentProfile[], names: ReadonlyMap<string, string>): NamingChoice[] {
  const byKey = new Map<string, NamingChoice>();
  for (const p of profiles) {
    for (const use of p.naming) {
      const key = `${use.entity}\u0000${use.kind}`;
      let choice = byKey.get(key);
      if (!choice) byKey.set(key, (choice = { entity: names.get(use.entity) ?? use.entity, kind: use.kind, byDocument: {} }));
      const forms = (choice.byDocument[p.path] ??= {});
      forms[use.form] = (forms[use.form] ?? 0) + use.count;
    }
  }
  const out: NamingChoice[] = [];
  for (const choice of byKey.values()) {
    const sets = Object.values(choice.byDocument).map((forms) => Object.keys(forms).sort().join('|'));
    // A difference needs two documents that both name the entity this way, with different forms.
    if (sets.length >= 2 && new Set(sets).size > 1) out.push(choice);
  }
  return out.sort((a, b) => a.entity.localeCompare(b.entity) || a.kind.localeCompare(b.kind));
}

/** Compares profiles (at least one; with one, there is nothing to align or contrast). */
export function compareProfiles(profiles: readonly DocumentProfile[], options: CompareOptions = {}, gazetteer = builtinGazetteer()): Comparison {
  const names = new Map([...gazetteer.entities.values()].map((e) => [e.id, e.name]));
  const mentions = new Map<string, number>();
  for (const p of profiles) for (const s of p.stance) mentions.set(s.name, (mentions.get(s.name) ?? 0) + s.mentions);
  const entities = [...mentions].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([name]) => name);
  // Distinctive vocabulary per outlet, pooling an outlet's documents; per document when all share one outlet.
  const outlets = new Set(profiles.map((p) => p.outlet.name));
  const groups = new Map<string, Record<string, number>>();
  for (const p of profiles) {
    const key = outlets.size >= 2 ? p.outlet.name : p.path;
    // No prototype: a document may well contain the word "constructor".
    const terms = groups.get(key) ?? (Object.create(null) as Record<string, number>);
    for (const [t, n] of Object.entries(p.terms)) terms[t] = (terms[t] ?? 0) + n;
    groups.set(key, terms);
  }
  let alignments = alignDocuments(
    profiles.map((p) => ({ path: p.path, outlet: p.outlet.name, passages: p.passages, lineStarts: p.lineStarts })),
    {
      maxPerPair: options.maxAlignmentsPerPair ?? defaultPerPair(profiles.length),
      ...(options.minSimilarity !== undefined ? { minSimilarity: options.minSimilarity } : {}),
    },
  );
  // Many documents: keep the most similar pairs in all, still in document-pair order.
  const cap = options.maxAlignments ?? 2000;
  if (alignments.length > cap) {
    const keep = new Set([...alignments].sort((a, b) => b.similarity - a.similarity).slice(0, cap));
    alignments = alignments.filter((a) => keep.has(a));
  }
  // Entities in output go by their canonical names.
  for (const a of alignments) a.shared.entities = a.shared.entities.map((id) => names.get(id) ?? id);
  return {
    version: 1,
    documents: profiles.map(comparedDocument),
    entities,
    alignments,
    distinctiveTerms: distinctiveTerms([...groups].map(([name, terms]) => ({ name, terms })), { top: options.topTerms ?? 15, minZ: options.minZ ?? 1 }),
    namingChoices: namingChoices(profiles, names),
  };
}

/** Reads, analyses, profiles and compares documents given as texts. */
export function compareTexts(inputs: readonly CompareInput[], options: Omit<ProfileOptions, 'path' | 'outlet'> & CompareOptions = {}): Comparison {
  const gazetteer = options.gazetteer ?? builtinGazetteer();
  const profiles = inputs.map((input) =>
    profileDocument(input.text, { ...options, gazetteer, path: input.path, ...(input.outlet !== undefined ? { outlet: input.outlet } : {}) }),
  );
  return compareProfiles(profiles, options, gazetteer);
}
