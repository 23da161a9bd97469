/**
 * Positions for comparison output. A profile keeps only its line starts (plain numbers, so it
 * serialises), and comparison turns offsets into lines and columns with them, the way
 * `LineIndex` does (`../position.ts`): 1-based line and column, columns in UTF-16 code units.
 */
import type { LineColumn } from '../position.js';

export { lineStartsOf } from '../position.js';

/** 1-based line and column of an offset (a binary search over `lineStarts`). */
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
