/**
 * Offset conversion for evaluation data. The annotated data sets give spans as Unicode code point
 * offsets; the engine (like every JavaScript string) counts UTF-16 code units. They differ as soon
 * as a text holds a character outside the Basic Multilingual Plane (emoji, some CJK, maths letters).
 */

/** A half-open range [start, end) in UTF-16 code units. */
export interface Span {
  start: number;
  end: number;
}

/** Code point offset → UTF-16 offset, for one text. Offsets range over 0..(number of code points). */
export type CodePointConverter = (codePointOffset: number) => number;

const SURROGATE = /[\uD800-\uDFFF]/;

/** The number of code points in `text`, counting a lone surrogate as one (as `Array.from` does). */
export function codePointLength(text: string): number {
  if (!SURROGATE.test(text)) return text.length;
  let n = 0;
  for (let i = 0; i < text.length; i += (text.codePointAt(i) as number) > 0xffff ? 2 : 1) n++;
  return n;
}

/**
 * Builds a converter from code point offsets to UTF-16 offsets for `text`. The end of the text
 * (offset = number of code points) is valid; anything outside 0..that throws a RangeError.
 * Texts without surrogates convert by identity, without a table.
 */
export function codePointConverter(text: string): CodePointConverter {
  if (!SURROGATE.test(text)) {
    return (offset) => {
      checkOffset(offset, text.length);
      return offset;
    };
  }
  const table: number[] = [];
  let i = 0;
  while (i < text.length) {
    table.push(i);
    i += (text.codePointAt(i) as number) > 0xffff ? 2 : 1;
  }
  table.push(text.length);
  return (offset) => {
    checkOffset(offset, table.length - 1);
    return table[offset] as number;
  };
}

function checkOffset(offset: number, max: number): void {
  if (!Number.isInteger(offset) || offset < 0 || offset > max) {
    throw new RangeError(`code point offset ${offset} outside 0..${max}`);
  }
}

/** Converts one code point offset in `text` to a UTF-16 offset. Use `codePointConverter` for many. */
export function codePointToUtf16(text: string, offset: number): number {
  return codePointConverter(text)(offset);
}

/** A typed span from the data: [start, end, type] in code points, `end` exclusive. */
export type RawSpan = readonly [number, number, string];

/** A typed span in UTF-16 code units. */
export interface TypedSpan extends Span {
  type: string;
}

/**
 * Converts the data's code point spans to UTF-16 spans for `text`. Throws a RangeError on a span
 * outside the text or with `end < start`.
 */
export function spansToUtf16(text: string, spans: readonly RawSpan[]): TypedSpan[] {
  const convert = codePointConverter(text);
  return spans.map(([start, end, type]) => {
    if (end < start) throw new RangeError(`span [${start}, ${end}) ends before it starts`);
    return { start: convert(start), end: convert(end), type };
  });
}
