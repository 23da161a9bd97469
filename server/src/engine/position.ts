/** Offsets ↔ 1-based line and column (columns count UTF-16 code units, as LSP does, plus one). */

export interface LineColumn {
  line: number;
  column: number;
  offset: number;
}

/** Offsets where lines start; a line ends at "\n", "\r\n" or a lone "\r". */
export function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) starts.push(i + 1);
    else if (c === 13) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    }
  }
  return starts;
}

/**
 * 1-based line and column of an offset, by a binary search over line starts (kept as plain
 * numbers where they must serialise, as in a comparison profile).
 */
export function toLineColumn(lineStarts: readonly number[], offset: number): LineColumn {
  let lo = 0;
  let hi = lineStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((lineStarts[mid] ?? 0) <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: offset - (lineStarts[lo] ?? 0) + 1, offset };
}

/** Line starts of a text, computed once; lookups are binary searches. */
export class LineIndex {
  private readonly starts: number[];

  constructor(text: string) {
    this.starts = lineStartsOf(text);
  }

  /** 0-based line and 0-based character for an offset. */
  position(offset: number): { line: number; character: number } {
    const p = toLineColumn(this.starts, offset);
    return { line: p.line - 1, character: p.column - 1 };
  }

  /** 1-based line and column for an offset. */
  lineColumn(offset: number): LineColumn {
    return toLineColumn(this.starts, offset);
  }

  /** Offset of a 0-based line and character, clamped to the line. */
  offset(line: number, character: number): number {
    const start = this.starts[Math.max(0, Math.min(line, this.starts.length - 1))] ?? 0;
    return start + Math.max(0, character);
  }
}

/** 1-based line and column of an offset (builds an index; use LineIndex for many lookups). */
export function lineColumn(text: string, offset: number): LineColumn {
  return new LineIndex(text).lineColumn(offset);
}
