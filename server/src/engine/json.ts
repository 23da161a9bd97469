/** JSON parsing that reports where a file is malformed, by line and column. */
import { lineColumn } from './position.js';

export class DataFileError extends Error {
  constructor(
    readonly source: string,
    readonly line: number | null,
    readonly column: number | null,
    readonly reason: string,
  ) {
    super(`${source}${line !== null ? `:${line}${column !== null ? `:${column}` : ''}` : ''}: ${reason}`);
    this.name = 'DataFileError';
  }
}

/**
 * Parses JSON (a leading BOM is allowed); throws DataFileError naming the source, line and
 * column. A text that does not even start like JSON (a Markdown or binary file listed by
 * mistake) is called that, saying what was `expected`, and nothing of it is quoted.
 */
export function parseJson(text: string, source: string, expected = 'a JSON file'): unknown {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  try {
    return JSON.parse(body);
  } catch (error) {
    const first = /\S/.exec(body);
    if (first === null || !'{["-0123456789tfn'.includes(first[0])) throw new DataFileError(source, null, null, `not a JSON file (expected ${expected})`);
    const message = error instanceof Error ? error.message : String(error);
    const at = syntaxErrorAt(body);
    const reason = 'invalid JSON: ' + (at?.reason ?? message.replace(/ in JSON at position \d+.*$/, ''));
    const p = lineColumn(body, at?.offset ?? body.length);
    throw new DataFileError(source, p.line, p.column, reason);
  }
}

/**
 * Where JSON text first goes wrong: a small recursive-descent scan (V8's messages do not always
 * give a position). Returns null when the text is valid.
 */
export function syntaxErrorAt(text: string): { offset: number; reason: string } | null {
  let i = 0;
  const fail = (reason: string): never => {
    throw { offset: i, reason };
  };
  const ws = (): void => {
    while (i < text.length && ' \t\n\r'.includes(text[i] as string)) i++;
  };
  const describe = (): string => (i >= text.length ? 'unexpected end of file' : `unexpected ${JSON.stringify(text[i])}`);
  const string = (): void => {
    i++;
    while (i < text.length && text[i] !== '"') {
      const c = text.charCodeAt(i);
      if (c < 32) fail('control character in a string (a line break inside quotes?)');
      i += text[i] === '\\' ? 2 : 1;
    }
    if (i >= text.length) fail('unterminated string');
    i++;
  };
  const value = (depth: number): void => {
    if (depth > 512) fail('nested too deeply');
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      ws();
      if (text[i] === '}') {
        i++;
        return;
      }
      for (;;) {
        ws();
        if (text[i] !== '"') fail(text[i] === '}' ? 'trailing comma before }' : `expected a quoted property name, ${describe()}`);
        string();
        ws();
        if (text[i] !== ':') fail(`expected ":", ${describe()}`);
        i++;
        value(depth + 1);
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === '}') {
          i++;
          return;
        }
        fail(`expected "," or "}", ${describe()}`);
      }
    }
    if (c === '[') {
      i++;
      ws();
      if (text[i] === ']') {
        i++;
        return;
      }
      for (;;) {
        ws();
        if (text[i] === ']') fail('trailing comma before ]');
        value(depth + 1);
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === ']') {
          i++;
          return;
        }
        fail(`expected "," or "]", ${describe()}`);
      }
    }
    if (c === '"') return string();
    const m = /^(?:-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)/.exec(text.slice(i, i + 400));
    if (!m) fail(`expected a value, ${describe()}`);
    i += (m as RegExpExecArray)[0].length;
  };
  try {
    value(0);
    ws();
    if (i < text.length) fail(`unexpected text after the end, ${describe()}`);
    return null;
  } catch (e) {
    if (e && typeof e === 'object' && 'offset' in e) return e as { offset: number; reason: string };
    throw e;
  }
}

/** Line (1-based) on which a JSON key or array element first appears after `from`: for messages about valid JSON with bad content. */
export function lineOfKey(text: string, key: string, occurrence = 0): number | null {
  let from = 0;
  let at = -1;
  for (let i = 0; i <= occurrence; i++) {
    at = text.indexOf(JSON.stringify(key), from);
    if (at < 0) return null;
    from = at + 1;
  }
  return lineColumn(text, at).line;
}

/** Levenshtein distance, for "did you mean" (short strings only). */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) row[j] = Math.min((previous[j] as number) + 1, (row[j - 1] as number) + 1, (previous[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1));
    previous = row;
  }
  return previous[b.length] as number;
}

/** The known key nearest to a misspelt one (case aside, at most two or a third of its letters off), or null. */
export function nearestKey(key: string, known: readonly string[]): string | null {
  if (key.length > 64) return null;
  let best: string | null = null;
  let bestDistance = Math.max(2, Math.ceil(key.length / 3)) + 1;
  for (const k of known) {
    const d = editDistance(key.toLowerCase(), k.toLowerCase());
    if (d < bestDistance) [best, bestDistance] = [k, d];
  }
  return best;
}

/**
 * The first key of `value` not in `known`, with the reason to give ("unknown key "sevrity"
 * (did you mean "severity"?)"), or null when every key is known. `what` names the kind of key.
 */
export function unknownKey(value: object, known: readonly string[], what = 'key'): { key: string; reason: string } | null {
  for (const key of Object.keys(value)) {
    if (known.includes(key)) continue;
    const near = nearestKey(key, known);
    const shown = key.length > 40 ? `${JSON.stringify(key.slice(0, 40)).slice(0, -1)}…"` : JSON.stringify(key);
    const hint = near !== null ? `did you mean "${near}"?` : `known: ${known.filter((k) => !k.startsWith('$')).join(', ')}`;
    return { key, reason: `unknown ${what} ${shown} (${hint})` };
  }
  return null;
}

/** Line (1-based) of the first `"key"` at or after offset `from`, or null. */
export function lineOfKeyFrom(text: string, key: string, from: number): number | null {
  const at = text.indexOf(JSON.stringify(key), Math.max(0, from));
  return at < 0 ? null : lineColumn(text, at).line;
}
