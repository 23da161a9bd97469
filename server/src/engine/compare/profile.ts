/**
 * A document's profile: everything comparison needs, computed once from one analysis — the
 * outlet, stance toward each entity, sourcing, loaded-term density, naming choices, term counts
 * and passages. Comparison works on profiles and never reads text again.
 */
import { analyse, type AnalyseOptions } from '../analyse.js';
import { builtinGazetteer, findMentions, isAlias, type Gazetteer } from '../entities/gazetteer.js';
import { detectOutlet } from '../stance/outlet.js';
import { analyseStance } from '../stance/stance.js';
import type { AnalysisResult, Token } from '../types.js';
import { buildPassages, termCounts } from './passages.js';
import { lineStartsOf } from '../position.js';
import type { DocumentProfile, EntityMention, NamingUse } from './types.js';

export interface ProfileOptions extends Omit<AnalyseOptions, 'path'> {
  path: string;
  gazetteer?: Gazetteer;
  /** The outlet's name, overriding what the document says. */
  outlet?: string;
}

/** Alias kinds that are naming choices ("Türkiye" or "Turkey", "Tel Aviv" or "Israel"); demonyms and leaders are not. */
const NAMING_KINDS = new Set(['name', 'spelling', 'capital', 'seat']);

/** Nouns attached to an actor that carry a judgement of its legitimacy ("the Syrian regime" vs "the Syrian government"). */
export const LABELS = new Set([
  'regime', 'government', 'administration', 'authorities', 'leadership', 'junta', 'forces', 'army', 'military', 'militants', 'fighters',
  'rebels', 'terrorists', 'insurgents', 'jihadists', 'militia', 'militias', 'proxies', 'occupation', 'troops', 'gunmen', 'extremists', 'separatists',
]);

/** How each entity is named and labelled in the author's own words. */
export function namingUses(result: AnalysisResult, mentions: readonly EntityMention[]): NamingUse[] {
  const { tokens } = result.document;
  const counts = new Map<string, NamingUse>();
  const add = (entity: string, kind: NamingUse['kind'], form: string): void => {
    const key = `${entity}\u0000${kind}\u0000${form}`;
    const use = counts.get(key);
    if (use) use.count++;
    else counts.set(key, { entity, kind, form, count: 1 });
  };
  let t = 0;
  for (const m of mentions) {
    if (m.quoted) continue;
    if (NAMING_KINDS.has(m.aliasKind)) add(m.entity, 'alias', m.alias);
    // The label right after the mention: "Syrian regime", "Assad's government", "Hamas militants".
    while (t < tokens.length && (tokens[t] as Token).start < m.end) t++;
    const next = tokens[t];
    if (next && next.kind === 'word' && next.sentence === m.sentence && LABELS.has(next.norm)) add(m.entity, 'label', next.norm);
  }
  return [...counts.values()];
}

/** Reads, analyses and profiles one document. */
export function profileDocument(text: string, options: ProfileOptions): DocumentProfile {
  const gazetteer = options.gazetteer ?? builtinGazetteer();
  const result = analyse(text, options);
  return profileOf(result, text, options.path, gazetteer, options.outlet);
}

/** Profiles an analysis already made (the language server has one per document version). */
export function profileOf(result: AnalysisResult, text: string, path: string, gazetteer: Gazetteer, outlet?: string): DocumentProfile {
  const mentions = findMentions(result.document, gazetteer);
  const { stance } = analyseStance(result, gazetteer, mentions);
  const words = result.summary.words;
  let loadedTerms = 0;
  for (const f of result.findings) if ((f.category === 'loaded' || f.category === 'partisan') && !f.quoted) loadedTerms++;
  return {
    path,
    outlet: detectOutlet(result.document, path, outlet, (name) => isAlias(gazetteer, name)),
    words,
    stance,
    sourcing: result.sourcing.profile,
    loadedTerms,
    loadedPer1000Words: words > 0 ? Math.round((loadedTerms / words) * 10000) / 10 : 0,
    naming: namingUses(result, mentions),
    terms: termCounts(result),
    passages: buildPassages(result, mentions),
    lineStarts: lineStartsOf(text),
  };
}
