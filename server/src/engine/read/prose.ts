/**
 * The prose mask: a string as long as the source in which only prose characters stand where
 * they are; everything else is blanked to spaces (line breaks kept), so offsets are shared.
 *
 * Built from ranges, not character by character: kept ranges (for Markdown) are sliced from the
 * source and the gaps blanked; blank ranges (CriticMarkup, escapes) are applied after.
 */
import type { BlockKind } from '../types.js';

/** A block as a reader finds it, before boilerplate and segmentation. */
export interface RawBlock {
  start: number;
  end: number;
  kind: BlockKind;
  blockquote: boolean;
}

const BLANK_LINES = /(?:^|\n)[ \t\r\f\v\u00a0\u202f]*(?=\n|$)/g;

/** Blocks of plain text in `text[start, end)`: runs of non-blank lines. */
export function textBlocks(text: string, start: number, end: number): RawBlock[] {
  const blocks: RawBlock[] = [];
  const body = start > 0 || end < text.length ? text.slice(start, end) : text;
  let from = 0;
  const push = (to: number): void => {
    if (to > from) blocks.push({ start: start + from, end: start + to, kind: 'paragraph', blockquote: false });
  };
  BLANK_LINES.lastIndex = 0;
  for (let m = BLANK_LINES.exec(body); m !== null; m = BLANK_LINES.exec(body)) {
    push(m.index);
    from = m.index + m[0].length;
    if (m[0].length === 0) BLANK_LINES.lastIndex++;
  }
  push(body.length);
  return blocks;
}

const NOT_LINE_BREAK = /[^\r\n]/g;
// Control characters other than tab and line breaks never count as prose.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;

const blankOf = (s: string): string => s.replace(NOT_LINE_BREAK, ' ');

type Span = [number, number];

function merged(spans: Span[]): Span[] {
  spans.sort((a, b) => a[0] - b[0]);
  const out: Span[] = [];
  for (const [s, e] of spans) {
    const last = out[out.length - 1];
    if (last && s <= last[1]) last[1] = Math.max(last[1], e);
    else out.push([s, e]);
  }
  return out;
}

/** Replaces the characters of `spans` (sorted, disjoint) in `base` by `fill(slice)`, keeping the rest. */
function splice(base: string, spans: Span[], fill: (s: string) => string, inside: boolean): string {
  const parts: string[] = [];
  let at = 0;
  for (const [s, e] of spans) {
    const gap = base.slice(at, s);
    parts.push(inside ? gap : fill(gap));
    const part = base.slice(s, e);
    parts.push(inside ? fill(part) : part);
    at = e;
  }
  const tail = base.slice(at);
  parts.push(inside ? tail : fill(tail));
  return parts.join('');
}

export class ProseBuilder {
  private readonly keeps: Span[] = [];
  private readonly blanks: Span[] = [];

  /** Starts all blank (`keepAll` false: call keep() for prose) or all kept (`keepAll` true). */
  constructor(
    private readonly text: string,
    private readonly keepAll: boolean,
  ) {}

  keep(start: number, end: number): void {
    const s = Math.max(0, start);
    const e = Math.min(end, this.text.length);
    if (s < e) this.keeps.push([s, e]);
  }

  blank(start: number, end: number): void {
    const s = Math.max(0, start);
    const e = Math.min(end, this.text.length);
    if (s < e) this.blanks.push([s, e]);
  }

  /** A point to roll back to (a reader that fails half-way undoes what it kept and blanked). */
  mark(): [number, number] {
    return [this.keeps.length, this.blanks.length];
  }

  rollback([keeps, blanks]: [number, number]): void {
    this.keeps.length = keeps;
    this.blanks.length = blanks;
  }

  toString(): string {
    let prose = this.keepAll ? this.text : splice(this.text, merged(this.keeps), blankOf, false);
    if (this.blanks.length > 0) prose = splice(prose, merged(this.blanks), blankOf, true);
    return prose.replace(CONTROL, ' ');
  }
}
