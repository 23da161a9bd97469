/**
 * Findings on a span → one Markdown hover: for each finding its note (why it deserves a second
 * look; the message is already in the diagnostic), the neutral alternatives, whose voice the
 * words are in, and the reference.
 */
import { MarkupKind } from 'vscode-languageserver';
import type { Hover, Range } from 'vscode-languageserver';
import type { Finding, Quote } from '../engine/index.js';
import { messages } from '../engine/messages.js';
import { CATEGORY_LABELS, ui } from './messages.js';
import { toRange, type PositionMap } from './diagnostics.js';

/** Escapes text for Markdown (document words, speakers and notes are plain text). */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()<>#+!|~]/g, (c) => `\\${c}`);
}

/** The note without the voice sentence the engine appends for quoted words (the hover says it on its own line). */
export function noteWithoutVoice(f: Finding): string {
  if (!f.quoted) return f.note;
  const candidates = f.speaker !== null ? [{ speaker: f.speaker, kind: 'marks' }] : [{ speaker: null, kind: 'marks' }, { speaker: null, kind: 'blockquote' }];
  for (const c of candidates) {
    const sentence = messages.voice(c as Quote);
    if (f.note.endsWith(` ${sentence}`)) return f.note.slice(0, -sentence.length - 1);
  }
  return f.note;
}

export function voiceLine(f: Finding): string {
  if (!f.quoted) return ui.authorsVoice;
  return f.speaker !== null ? ui.quotedVoice(`**${escapeMarkdown(f.speaker)}**`) : ui.unknownVoice;
}

function section(f: Finding): string {
  const label = CATEGORY_LABELS[f.category] ?? f.category;
  const entry = f.entryId !== null && f.entryId !== f.ruleId ? ` · ${ui.entry(f.entryId)}` : '';
  const lines = [`**${label}** · \`${f.ruleId}\`${entry}`, '', escapeMarkdown(noteWithoutVoice(f))];
  if (f.expected.length > 0) lines.push('', `**${ui.alternatives}:** ${f.expected.map((e) => `“${escapeMarkdown(e)}”`).join(', ')}`);
  if (f.category !== 'boilerplate') lines.push('', `**${ui.voice}:** ${voiceLine(f)}`);
  if (f.url !== null) lines.push('', `[${ui.reference}](${f.url.replace(/[()\s]/g, encodeURIComponent)})`);
  return lines.join('\n');
}

/** The findings that cover an offset (start inclusive, end exclusive; an empty range at its start). */
export function findingsAt(findings: readonly Finding[], offset: number): Finding[] {
  return findings.filter((f) => f.start <= offset && (offset < f.end || f.start === f.end));
}

/** One hover for every finding on the span; null when there are none. */
export function findingsToHover(findings: readonly Finding[], positions: PositionMap): Hover | null {
  if (findings.length === 0) return null;
  const start = Math.min(...findings.map((f) => f.start));
  const end = Math.max(...findings.map((f) => f.end));
  return {
    contents: { kind: MarkupKind.Markdown, value: findings.map(section).join('\n\n---\n\n') },
    range: toRange(positions, start, end),
  };
}

/**
 * Appends a section (the entity's stance, the sentence's sourcing) to a hover: the finding notes
 * come first; the range stays the findings' span, or is the section's when there are no findings.
 */
export function withSection(hover: Hover | null, section: { markdown: string; range: Range } | null): Hover | null {
  if (section === null) return hover;
  if (hover === null) return { contents: { kind: MarkupKind.Markdown, value: section.markdown }, range: section.range };
  const value = (hover.contents as { value: string }).value;
  return { ...hover, contents: { kind: MarkupKind.Markdown, value: `${value}\n\n---\n\n${section.markdown}` } };
}
