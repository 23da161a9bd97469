/**
 * A document's stance toward the entities it names, in the editor: the hover section for the
 * mention under the cursor (the entity's canonical name, how the mention names it, the score in
 * a word, the confidence, the mentions and the strongest evidence).
 *
 * Like the sourcing, stance needs the whole document (its findings, quotations and tokens): the
 * analysis worker computes it from the same whole-document analysis (`Analyses.whole`), once
 * per analysed version, with the gazetteer of the document's workspace folder.
 */
import { sentenceAt } from '../engine/segment.js';
import type { StanceResult } from '../engine/stance/stance.js';
import { signed, stanceWord } from '../present/compare-view.js';
import { escapeMarkdown } from './hover.js';
import { ui } from './messages.js';

/** Evidence sentences the hover shows. */
export const HOVER_EVIDENCE = 3;
/** Characters of an evidence sentence shown before it is cut. */
const EVIDENCE_CHARS = 160;

function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  const space = text.lastIndexOf(' ', max - 1);
  return `${text.slice(0, space > max * 0.7 ? space : max - 1)}…`;
}

/**
 * The hover's stance section for the entity mention at `offset`: the document's stance toward
 * that entity, how the mention names it, and the strongest evidence. Null off a mention.
 */
export function stanceSection(stance: StanceResult, offset: number): { markdown: string; start: number; end: number } | null {
  // Mentions are sorted and never overlap, like sentences.
  const mention = stance.mentions[sentenceAt(stance.mentions, offset)];
  if (mention === undefined) return null;
  const s = stance.stance.find((x) => x.entity === mention.entity);
  if (s === undefined) return null;
  const name = escapeMarkdown(s.name);
  const lines = [`**${ui.stanceToward(name)}:** ${ui.stanceFigures(stanceWord(s.score), signed(s.score), s.confidence.toFixed(2), s.mentions)}`];
  if (mention.aliasKind !== 'name') lines.push('', ui.aliasUsedFor(escapeMarkdown(mention.text), name, ui.aliasKind[mention.aliasKind]));
  const shown = s.evidence.slice(0, HOVER_EVIDENCE);
  lines.push(...(shown.length === 0 ? ['', ui.noStanceEvidence] : ['']));
  for (const e of shown) {
    const voice = e.voice === 'quoted' ? ` ${ui.quotedEvidence(e.speaker === null ? null : escapeMarkdown(e.speaker))}` : '';
    lines.push(`- “${escapeMarkdown(cut(e.text, EVIDENCE_CHARS))}”${voice} — ${e.reasons.map(escapeMarkdown).join('; ')}`);
  }
  return { markdown: lines.join('\n'), start: mention.start, end: mention.end };
}
