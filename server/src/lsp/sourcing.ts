/**
 * Document sourcing → LSP shapes: the hover section about a sentence's attribution, the code lens
 * with the sourcing profile, the `slant/sources` answer and the document symbols (one per source,
 * its claims as children). Pure converters over the engine's `Sourcing` of the whole document.
 *
 * The diagnostics come from the incremental analysis (chunks of paragraphs), which has no
 * document-wide sourcing: attribution carries across sentences and paragraphs. So sourcing is
 * the engine's full `analyse()` of the text (`analyseWhole`), computed on demand once per
 * analysed version in the analysis worker (`Analyses.whole`), which computes the stance from
 * the same analysis (`stance.ts`).
 */
import { SymbolKind } from 'vscode-languageserver';
import type { CodeLens, DocumentSymbol, Range } from 'vscode-languageserver';
import { builtinLexicon, type AnalysisResult, type AttributionKind, type Format, type Sentence, type Source, type Sourcing } from '../engine/index.js';
import { nearestSource } from '../engine/rules/sourcing-rules.js';
import { sentenceAt } from '../engine/segment.js';
import { ClientCommands, type SourceClaim, type SourcesResult, type SourcingSummary } from '../protocol/index.js';
import { toRange, type PositionMap } from './diagnostics.js';
import { escapeMarkdown } from './hover.js';
import { ui } from './messages.js';
import { analyseWhole, SOURCING_MAX_LENGTH } from './analysis-host.js';

/** Re-exported for the converters' tests. */
export { sentenceAt, SOURCING_MAX_LENGTH };

/** The sourcing of one version of a document, with the sentences its indices refer to. */
export interface DocumentSourcing {
  text: string;
  sentences: readonly Sentence[];
  sourcing: Sourcing;
}

/** The sourcing of a whole-document analysis, with the sentences its indices refer to. */
export function sourcingOf(text: string, result: AnalysisResult): DocumentSourcing {
  return { text, sentences: result.document.sentences, sourcing: result.sourcing };
}

/** Reads the whole text and computes its sourcing. Null for a text longer than `SOURCING_MAX_LENGTH`. */
export function computeSourcing(text: string, format: Format, maxLength: number): DocumentSourcing | null {
  const result = analyseWhole(text, format, builtinLexicon(), { maxLength });
  return result && sourcingOf(text, result);
}

/** The sentence's text on one line. */
function sentenceText(doc: DocumentSourcing, index: number): string {
  const s = doc.sentences[index];
  return s ? doc.text.slice(s.start, s.end).replace(/\s+/g, ' ').trim() : '';
}

/**
 * The hover's "Sourcing" section for the sentence at `offset`: its attribution (source, kind,
 * verb, how it reaches the sentence), or that none covers it with the claim kind and the
 * nearest source before it. Null outside sentences and for sentences that claim nothing
 * (headings, questions) and have no attribution.
 */
export function sourcingSection(doc: DocumentSourcing, offset: number): { markdown: string; start: number; end: number } | null {
  const index = sentenceAt(doc.sentences, offset);
  const sentence = doc.sentences[index];
  const s = doc.sourcing.sentences[index];
  if (!sentence || !s) return null;
  let body: string;
  const a = s.attribution;
  if (a) {
    const verb = a.verb !== null ? ` (${ui.quoted(a.verb)})` : '';
    body = `${ui.sourceKind[a.kind]} **${escapeMarkdown(a.source)}**${verb}${ui.via[a.via]}.`;
  } else if (s.voice === 'quoted') {
    body = ui.quotationNoSpeaker;
  } else if (s.claim === null) {
    return null;
  } else {
    const near = nearestSource(doc.sourcing, index);
    const na = near?.sentence.attribution;
    const nearest = near && na ? ui.nearestBefore(`**${escapeMarkdown(na.source)}**`, na.kind, near.distance) : ui.noSourceBefore;
    body = `${ui.noAttribution(ui.claimKind[s.claim])} ${nearest}`;
  }
  return { markdown: `**${ui.sourcing}:** ${body}`, start: sentence.start, end: sentence.end };
}

/** The profile as the engine computes it, in the protocol's shape. */
export function profileSummary(sourcing: Sourcing): SourcingSummary {
  const p = sourcing.profile;
  return { claims: p.claims, byKind: { ...p.byKind }, unsourcedShare: p.unsourcedShare, namedSources: p.namedSources, anonymousSources: p.anonymousSources, quotedSentences: p.quotedSentences };
}

const KIND_ORDER: readonly AttributionKind[] = ['named', 'institutional', 'anonymous', 'vague', 'self'];

/** "Sourcing: 30 claims · 40% unsourced · 4 named · 6 institutional · 3 anonymous" (kinds with no claims left out). */
export function profileTitle(profile: SourcingSummary): string {
  const parts = [ui.claims(profile.claims)];
  if (profile.claims > 0) parts.push(ui.unsourced(Math.round(profile.unsourcedShare * 100)));
  for (const kind of KIND_ORDER) if (profile.byKind[kind] > 0) parts.push(`${profile.byKind[kind]} ${kind}`);
  return `${ui.sourcing}: ${parts.join(' · ')}`;
}

/** The code lens on the first line: the profile, running *Show Sources*. None when the document has no claims and no sources. */
export function sourcingLenses(doc: DocumentSourcing, uri: string): CodeLens[] {
  if (doc.sourcing.profile.claims === 0 && doc.sourcing.sources.length === 0) return [];
  const title = profileTitle(profileSummary(doc.sourcing));
  return [
    {
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      command: { title, command: ClientCommands.showSources, arguments: [uri] },
    },
  ];
}

function claimOf(doc: DocumentSourcing, index: number, positions: PositionMap): SourceClaim | null {
  const sentence = doc.sentences[index];
  if (!sentence) return null;
  return { range: toRange(positions, sentence.start, sentence.end), text: sentenceText(doc, index), claim: doc.sourcing.sentences[index]?.claim ?? null };
}

function claimsOf(doc: DocumentSourcing, source: Source, positions: PositionMap): SourceClaim[] {
  return source.sentences.map((i) => claimOf(doc, i, positions)).filter((c): c is SourceClaim => c !== null);
}

/** The answer to `slant/sources`. */
export function sourcesResult(doc: DocumentSourcing, positions: PositionMap, uri: string, version: number): SourcesResult {
  const unsourced: SourceClaim[] = [];
  for (const s of doc.sourcing.sentences) {
    if (s.attribution !== null || s.claim === null || s.claim === 'opinion' || s.voice === 'quoted') continue;
    const c = claimOf(doc, s.sentence, positions);
    if (c) unsourced.push(c);
  }
  return {
    uri,
    version,
    profile: profileSummary(doc.sourcing),
    sources: doc.sourcing.sources.map((source) => ({
      name: source.name,
      kind: source.kind,
      mentions: source.mentions.map((m) => toRange(positions, m.start, m.end)),
      claims: claimsOf(doc, source, positions),
    })),
    unsourced,
  };
}

/** The symbol kind (and so the Outline icon) of each kind of source. */
export const SOURCE_SYMBOL_KIND: Record<AttributionKind, SymbolKind> = {
  named: SymbolKind.Constant,
  institutional: SymbolKind.Module,
  anonymous: SymbolKind.Variable,
  vague: SymbolKind.Null,
  self: SymbolKind.Object,
};

/** A symbol name: one line, at most about 80 characters. */
function symbolName(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= 80) return flat || '…';
  const cut = flat.lastIndexOf(' ', 78);
  return `${flat.slice(0, cut > 40 ? cut : 78)}…`;
}

const contains = (outer: Range, inner: Range): boolean => before(outer.start, inner.start) && before(inner.end, outer.end);
const before = (a: Range['start'], b: Range['start']): boolean => a.line < b.line || (a.line === b.line && a.character <= b.character);

/**
 * One symbol per source (its first mention selected; its range spans the mentions and the claims
 * it covers, which are its children), so the Outline lists the sources.
 */
export function sourceSymbols(doc: DocumentSourcing, positions: PositionMap): DocumentSymbol[] {
  const symbols: DocumentSymbol[] = [];
  for (const source of doc.sourcing.sources) {
    const first = source.mentions[0];
    if (!first) continue;
    const children: DocumentSymbol[] = [];
    let start = first.start;
    let end = first.end;
    for (const m of source.mentions) {
      start = Math.min(start, m.start);
      end = Math.max(end, m.end);
    }
    for (const i of source.sentences) {
      const s = doc.sentences[i];
      if (!s) continue;
      start = Math.min(start, s.start);
      end = Math.max(end, s.end);
      const range = toRange(positions, s.start, s.end);
      children.push({ name: symbolName(sentenceText(doc, i)), kind: SymbolKind.String, range, selectionRange: range });
    }
    const range = toRange(positions, start, end);
    const selectionRange = toRange(positions, first.start, first.end);
    symbols.push({
      name: symbolName(source.name),
      detail: ui.sourceDetail(source.kind, source.sentences.length),
      kind: SOURCE_SYMBOL_KIND[source.kind],
      range: contains(range, selectionRange) ? range : selectionRange,
      selectionRange,
      children,
    });
  }
  return symbols;
}
