/**
 * JSON text in pieces, identical to `JSON.stringify(value, null, 2)`, so a very large report is
 * never one string (V8 caps a string near 512 MB). Arrays and objects are opened up to a depth;
 * deeper values (one finding, one result) are stringified whole.
 */

const OPEN_DEPTH = 4;

const pad = (depth: number): string => '  '.repeat(depth);

export function* jsonChunks(value: unknown, depth = 0): Generator<string> {
  if (depth >= OPEN_DEPTH || value === null || typeof value !== 'object') {
    const text = JSON.stringify(value, null, 2) ?? 'null';
    yield depth > 0 ? text.replace(/\n/g, '\n' + pad(depth)) : text;
    return;
  }
  if (Array.isArray(value)) {
    if (value.length === 0) {
      yield '[]';
      return;
    }
    yield '[\n';
    for (let i = 0; i < value.length; i++) {
      yield pad(depth + 1);
      yield* jsonChunks(value[i] === undefined || typeof value[i] === 'function' ? null : value[i], depth + 1);
      yield i < value.length - 1 ? ',\n' : '\n';
    }
    yield pad(depth) + ']';
    return;
  }
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined && typeof v !== 'function');
  if (entries.length === 0) {
    yield '{}';
    return;
  }
  yield '{\n';
  for (let i = 0; i < entries.length; i++) {
    const [key, v] = entries[i] as [string, unknown];
    yield `${pad(depth + 1)}${JSON.stringify(key)}: `;
    yield* jsonChunks(v, depth + 1);
    yield i < entries.length - 1 ? ',\n' : '\n';
  }
  yield pad(depth) + '}';
}

/** Concatenates chunks into writes of about `size` characters. */
export function* batched(chunks: Iterable<string>, size = 1 << 20): Generator<string> {
  let buffer: string[] = [];
  let length = 0;
  for (const c of chunks) {
    buffer.push(c);
    length += c.length;
    if (length >= size) {
      yield buffer.join('');
      buffer = [];
      length = 0;
    }
  }
  if (length > 0) yield buffer.join('');
}
