/**
 * `slant compare --format text`: the comparison as a report for a terminal. Per entity, each
 * outlet's stance as a bar from −1 to +1 with its figures and strongest evidence; then loaded
 * wording and sourcing per outlet, naming differences, distinctive terms and the most similar
 * passage pairs. Pure: comparison in, text out.
 */
import { palette, sanitise, type Palette } from '../cli/color.js';
import type { Comparison, PassageRef } from '../engine/compare/types.js';
import { documentLabels, HOW_TO_READ, percent, plural, rankedAlignments, segments, signed, SOURCING_KINDS, stanceTable } from './compare-view.js';

export interface CompareTextOptions {
  color: boolean;
  /** Aligned passage pairs shown (the most similar); default 5. */
  passages?: number;
  /** Distinctive terms shown per outlet; default 8. */
  terms?: number;
}

/** Cells on each side of a stance bar's centre. */
const HALF_BAR = 6;
/** Characters of a passage or evidence sentence shown before it is cut with "…". */
const PASSAGE_CHARS = 160;
const EVIDENCE_CHARS = 90;

const width = (s: string): number => [...s].length;
const pad = (s: string, n: number): string => s + ' '.repeat(Math.max(0, n - width(s)));
const padStart = (s: string, n: number): string => ' '.repeat(Math.max(0, n - width(s))) + s;
const widest = (items: readonly string[]): number => items.reduce((w, s) => Math.max(w, width(s)), 0);

/** Shortens one line of text to `max` characters, cutting at a space where one is near. */
function truncate(s: string, max: number): string {
  const text = sanitise(s).replace(/\s+/g, ' ').trim();
  if (width(text) <= max) return text;
  const cut = [...text].slice(0, max - 1).join('');
  const space = cut.lastIndexOf(' ');
  return `${space > max * 0.7 ? cut.slice(0, space) : cut}…`;
}

/**
 * A bar from −1 to +1 around a centre line: hostile scores fill leftwards, sympathetic ones
 * rightwards, so the direction reads without colour (colour only repeats it).
 */
export function stanceBar(score: number, p: Palette): string {
  const cells = Math.min(HALF_BAR, Math.round(Math.abs(score) * HALF_BAR));
  const neg = score < 0 ? cells : 0;
  const pos = score > 0 ? cells : 0;
  return `${p.dim('░'.repeat(HALF_BAR - neg))}${p.red('█'.repeat(neg))}│${p.green('█'.repeat(pos))}${p.dim('░'.repeat(HALF_BAR - pos))}`;
}

function section(p: Palette, title: string): string {
  return p.bold(p.underline(title));
}

function documentsPart(c: Comparison, labels: readonly string[], p: Palette): string[] {
  const w = widest(labels.map(sanitise));
  const pw = widest(c.documents.map((d) => sanitise(d.path)));
  return [
    section(p, `Comparison of ${plural(c.documents.length, 'document', 'documents')}`),
    ...c.documents.map(
      (d, i) => `  ${pad(sanitise(labels[i] as string), w)}  ${pad(sanitise(d.path), pw)}  ${padStart(plural(d.words, 'word', 'words'), 11)}  ${p.dim(`outlet from ${d.outletSource.replace('-', ' ')}`)}`,
    ),
  ];
}

function stancePart(c: Comparison, p: Palette): string[] {
  const out = [section(p, 'Stance toward each entity (−1 hostile … +1 sympathetic)')];
  const table = stanceTable(c);
  if (table.length === 0) return [...out, '  No entity of the gazetteer is mentioned.'];
  const w = widest(table[0]?.rows.map((r) => sanitise(r.label)) ?? []);
  for (const { entity, rows } of table) {
    out.push(p.bold(sanitise(entity)));
    for (const { label, stance, document } of rows) {
      if (stance === null) {
        out.push(`  ${pad(sanitise(label), w)}  ${p.dim('not mentioned')}`);
        continue;
      }
      const score = padStart(signed(stance.score), 5);
      out.push(
        `  ${pad(sanitise(label), w)}  ${stance.score < 0 ? p.red(score) : stance.score > 0 ? p.green(score) : score} ${stanceBar(stance.score, p)}  ` +
          `conf ${stance.confidence.toFixed(2)}  ${plural(stance.mentions, 'mention', 'mentions')}`,
      );
      const top = stance.evidence[0];
      if (top !== undefined) {
        const indent = ' '.repeat(w + 4);
        const voice = top.voice === 'quoted' ? ` (quoted${top.speaker !== null ? `: ${sanitise(top.speaker)}` : ''})` : '';
        out.push(`${indent}${p.dim(`${sanitise(document.path)}:${top.start.line}${voice}  ${truncate(top.text, EVIDENCE_CHARS)}`)}`);
        if (top.reasons.length > 0) out.push(`${indent}${p.dim(`  ${top.reasons.slice(0, 2).map(sanitise).join('; ')}`)}`);
      }
    }
  }
  return out;
}

function profilePart(c: Comparison, labels: readonly string[], p: Palette): string[] {
  const w = widest(labels.map(sanitise));
  const out = [section(p, 'Loaded wording and sourcing')];
  c.documents.forEach((d, i) => {
    const s = d.sourcing;
    const attributed = SOURCING_KINDS.filter((k) => k !== 'none' && s.byKind[k] > 0).map((k) => `${s.byKind[k]} ${k}`);
    const claims = s.claims === 0 ? 'no factual claims found' : `${percent(s.unsourcedShare)} of ${plural(s.claims, 'claim', 'claims')} unsourced`;
    out.push(`  ${pad(sanitise(labels[i] as string), w)}  ${padStart(d.loadedPer1000Words.toFixed(1), 5)} loaded per 1,000 words (${plural(d.loadedTerms, 'term', 'terms')})  ${claims}`);
    if (attributed.length > 0) out.push(`  ${' '.repeat(w)}  ${p.dim(`attributed: ${attributed.join(', ')}`)}`);
  });
  return out;
}

function namingPart(c: Comparison, labels: readonly string[], p: Palette): string[] {
  const out = [section(p, 'Naming differences')];
  if (c.namingChoices.length === 0) return [...out, '  The documents name the entities alike.'];
  for (const choice of c.namingChoices) {
    const byDoc = c.documents
      .map((d, i) => {
        const forms = Object.entries(choice.byDocument[d.path] ?? {}).sort((a, b) => b[1] - a[1]);
        return forms.length === 0 ? null : `${sanitise(labels[i] as string)} ${forms.map(([form, n]) => `“${sanitise(form)}” ${n}`).join(', ')}`;
      })
      .filter((s) => s !== null);
    out.push(`  ${p.bold(sanitise(choice.entity))} ${p.dim(choice.kind === 'alias' ? '(names)' : '(labels)')}: ${byDoc.join('; ')}`);
  }
  return out;
}

function termsPart(c: Comparison, p: Palette, count: number): string[] {
  const out = [section(p, 'Distinctive terms (z of weighted log-odds)')];
  const outlets = Object.entries(c.distinctiveTerms).filter(([, terms]) => terms.length > 0);
  if (outlets.length === 0) return [...out, '  No term stands out for any outlet.'];
  const w = widest(outlets.map(([o]) => sanitise(o)));
  for (const [outlet, terms] of outlets) {
    out.push(`  ${pad(sanitise(outlet), w)}  ${terms.slice(0, count).map((t) => `${sanitise(t.term)} ${p.dim(t.z.toFixed(1))}`).join(', ')}`);
  }
  return out;
}

/** A passage's text, cut to length, with loaded/partisan wording and attribution coloured. */
function passageText(passage: PassageRef, p: Palette): string {
  let left = PASSAGE_CHARS;
  let out = '';
  for (const seg of segments(passage)) {
    if (left <= 0) break;
    let text = sanitise(seg.text).replace(/\s+/g, ' ');
    if (width(text) > left) text = `${[...text].slice(0, left - 1).join('')}…`;
    left -= width(text);
    const kinds = new Set(seg.highlights.map((h) => h.kind));
    out += kinds.has('loaded') || kinds.has('partisan') ? p.yellow(text) : kinds.has('attribution') ? p.cyan(text) : text;
  }
  return out.trim();
}

function alignmentsPart(c: Comparison, labels: readonly string[], p: Palette, count: number): string[] {
  const ranked = rankedAlignments(c);
  const out = [section(p, ranked.length > count ? `Aligned passages (the ${count} most similar of ${ranked.length})` : 'Aligned passages')];
  if (ranked.length === 0) return [...out, '  No passages of different documents report the same fact closely enough to pair.'];
  const labelOf = new Map(c.documents.map((d, i) => [d.path, labels[i] as string]));
  ranked.slice(0, count).forEach((al, i) => {
    const shared = [...new Set([...al.shared.entities, ...al.shared.numbers, ...al.shared.quotes, ...al.shared.words])].slice(0, 8).map((s) => truncate(s, 40));
    out.push(`  ${i + 1}. similarity ${al.similarity.toFixed(2)}${shared.length > 0 ? p.dim(` — shared: ${shared.join(', ')}`) : ''}`);
    for (const side of [al.a, al.b]) {
      out.push(`     ${p.bold(sanitise(labelOf.get(side.path) ?? side.outlet))}  ${p.dim(`${sanitise(side.path)}:${side.start.line}`)}`);
      out.push(`       ${passageText(side, p)}`);
    }
  });
  return out;
}

function howToRead(p: Palette): string[] {
  return [section(p, 'How to read this'), ...HOW_TO_READ.map(({ figure, meaning }) => `  ${p.bold(figure)}: ${p.dim(meaning)}`)];
}

/** The whole text report. */
export function formatComparisonText(c: Comparison, options: CompareTextOptions): string {
  const p = palette(options.color);
  const labels = documentLabels(c.documents);
  const parts = [
    documentsPart(c, labels, p),
    stancePart(c, p),
    profilePart(c, labels, p),
    namingPart(c, labels, p),
    termsPart(c, p, options.terms ?? 8),
    alignmentsPart(c, labels, p, options.passages ?? 5),
    howToRead(p),
  ];
  return parts.map((lines) => lines.join('\n')).join('\n\n') + '\n';
}
