/**
 * What the text and HTML reports of a comparison share: a label per document, figures written
 * the same way, highlights cut into flat segments, and what each figure means in plain words.
 * It imports only types, so the editor's webview can bundle it without the engine.
 */
import type { ComparedDocument, Comparison, PassageHighlight, PassageRef, StanceOut } from '../engine/compare/types.js';
import type { SourcingProfile } from '../engine/types.js';

/** A score with its sign, a true minus and two decimals: "−0.62", "+0.35", "0.00". */
export function signed(n: number): string {
  const digits = Math.abs(n).toFixed(2);
  return digits === '0.00' ? digits : `${n < 0 ? '\u2212' : '+'}${digits}`;
}

/** Scores at or below −0.5 read as hostile, up to −0.15 critical, from +0.15 sympathetic; neutral between. */
export function stanceWord(score: number): 'hostile' | 'critical' | 'neutral' | 'sympathetic' {
  if (score <= -0.5) return 'hostile';
  if (score <= -0.15) return 'critical';
  return score >= 0.15 ? 'sympathetic' : 'neutral';
}

export const percent = (share: number): string => `${Math.round(share * 100)}%`;

export const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

/** The file name of a path, whichever separator it uses. */
export const baseName = (path: string): string => path.split(/[\\/]/).pop() || path;

/** Claim counts in the order reports show them; `none` is unsourced. */
export const SOURCING_KINDS: readonly (keyof SourcingProfile['byKind'])[] = ['named', 'institutional', 'anonymous', 'vague', 'self', 'none'];

/**
 * A short label per document, in order: its outlet, with the file name added when two documents
 * share an outlet (two articles of one paper, or two files whose outlet is unknown).
 */
export function documentLabels(documents: readonly ComparedDocument[]): string[] {
  const count = new Map<string, number>();
  for (const d of documents) count.set(d.outlet, (count.get(d.outlet) ?? 0) + 1);
  return documents.map((d) => ((count.get(d.outlet) ?? 0) > 1 ? `${d.outlet} (${baseName(d.path)})` : d.outlet));
}

export interface StanceRow {
  document: ComparedDocument;
  label: string;
  /** Null when the document does not mention the entity. */
  stance: StanceOut | null;
}

/** Per entity (most mentioned first), one row per document. */
export function stanceTable(comparison: Comparison): { entity: string; rows: StanceRow[] }[] {
  const labels = documentLabels(comparison.documents);
  return comparison.entities.map((entity) => ({
    entity,
    rows: comparison.documents.map((document, i) => ({ document, label: labels[i] as string, stance: document.stance[entity] ?? null })),
  }));
}

/** The alignments, most similar first (ties keep the engine's order). */
export function rankedAlignments(comparison: Comparison): Comparison['alignments'] {
  return [...comparison.alignments].sort((a, b) => b.similarity - a.similarity);
}

/** A run of passage text and the highlights covering all of it (none for plain text). */
export interface Segment {
  text: string;
  highlights: PassageHighlight[];
}

/**
 * Where each highlight stands in the passage's text. Highlight offsets are the document's, but a
 * passage's text is its prose as shown (Markdown syntax dropped, white space collapsed), so it
 * can be shorter than the source it came from: a highlight is at its offset from the passage's
 * start when its phrase is there, else at the nearest occurrence of the phrase before that (never
 * before the highlight placed ahead of it). A phrase not in the text is left unmarked.
 */
function place(passage: Pick<PassageRef, 'text' | 'start' | 'highlights'>): { h: PassageHighlight; from: number; to: number }[] {
  const { text } = passage;
  const out: { h: PassageHighlight; from: number; to: number }[] = [];
  let floor = 0;
  for (const h of [...passage.highlights].sort((a, b) => a.start - b.start)) {
    const phrase = h.text.replace(/\s+/g, ' ').trim();
    if (phrase === '') continue;
    const offset = h.start - passage.start.offset;
    let at = text.startsWith(phrase, offset) ? offset : text.lastIndexOf(phrase, offset);
    if (at < floor) at = text.indexOf(phrase, floor);
    if (at < 0) continue;
    out.push({ h, from: at, to: at + phrase.length });
    floor = at;
  }
  return out;
}

/**
 * Cuts a passage's text at every highlight boundary, so overlapping highlights become flat runs
 * that each know every highlight covering them (a renderer never has to nest or cross marks).
 */
export function segments(passage: Pick<PassageRef, 'text' | 'start' | 'highlights'>): Segment[] {
  const { text } = passage;
  const spans = place(passage);
  const cuts = [...new Set([0, text.length, ...spans.flatMap((s) => [s.from, s.to])])].sort((a, b) => a - b);
  const out: Segment[] = [];
  for (let i = 0; i + 1 < cuts.length; i++) {
    const from = cuts[i] as number;
    const to = cuts[i + 1] as number;
    out.push({ text: text.slice(from, to), highlights: spans.filter((s) => s.from <= from && s.to >= to).map((s) => s.h) });
  }
  return out;
}

/** What each figure means, in plain words: the "how to read this" of both reports. */
export const HOW_TO_READ: readonly { figure: string; meaning: string }[] = [
  {
    figure: 'Stance',
    meaning:
      'How a document treats an entity, from \u22121 (hostile) through 0 (neutral, or praise and blame in balance) to +1 (sympathetic). ' +
      'It comes from loaded wording aimed at the entity, what the text has it do or suffer, and the tone of the words around its mentions. ' +
      'The outlet\u2019s own words count fully; words it quotes count for less.',
  },
  {
    figure: 'Confidence',
    meaning: 'From 0 to 1: how much evidence the score rests on (how many signals, how strong, how many mentions). Below about 0.3, read the evidence sentences before drawing any conclusion.',
  },
  { figure: 'Mentions', meaning: 'How often the document names the entity in any form: its name, capital, leader, adjective.' },
  {
    figure: 'Loaded per 1,000 words',
    meaning: 'Loaded and partisan wording per 1,000 words of the document, so that long and short articles compare fairly.',
  },
  {
    figure: 'Unsourced',
    meaning: 'The share of the author\u2019s factual claims that no attribution covers. The other columns count claims by the kind of source given for them.',
  },
  { figure: 'Naming', meaning: 'Where documents call the same entity by different names ("Türkiye" or "Turkey", "Tel Aviv" for the Israeli government) or attach different labels to it ("regime" or "government").' },
  {
    figure: 'Distinctive terms',
    meaning:
      'Words and word pairs one outlet uses markedly more than the others (weighted log-odds with an informative prior, Monroe et al. 2008). ' +
      'z is the strength of the difference: terms from 1 up are shown; about 2 or more is unlikely to be chance.',
  },
  {
    figure: 'Aligned passages',
    meaning:
      'Sentences of different documents that appear to report the same fact, paired by shared content words, names, numbers and quotations. ' +
      'Similarity runs from 0 to 1. Loaded and partisan wording and attribution are marked on each side.',
  },
];
