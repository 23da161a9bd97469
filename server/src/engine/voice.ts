/** Whose voice a range of text is in: the author's, or a quoted speaker's. */
import type { Document, Quote, Range } from './types.js';

/** The quotation that contains a range, if any (quotes are sorted and do not overlap). */
export function quoteAt(doc: Document, range: Range): Quote | null {
  const quotes = doc.quotes;
  let lo = 0;
  let hi = quotes.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const q = quotes[mid] as Quote;
    if (range.start < q.inner.start) hi = mid - 1;
    else if (range.start >= q.inner.end) lo = mid + 1;
    else return range.end <= q.inner.end ? q : null;
  }
  return null;
}
