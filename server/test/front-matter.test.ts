/**
 * Flat front matter is read without the YAML parser; it must read exactly what the parser reads.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parse as parseYaml } from 'yaml';
import { flatFrontMatter, readMetadata } from '../src/engine/read/front-matter.js';
import type { Notice } from '../src/engine/types.js';

/** What the YAML parser makes of the text, in metadata form (strings of scalars), or null when it throws. */
function viaYaml(text: string): Record<string, string> | null {
  let value: unknown;
  try {
    value = parseYaml(text);
  } catch {
    return null;
  }
  const out: Record<string, string> = {};
  if (value === null || typeof value !== 'object') return out;
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    if (typeof v === 'string' || typeof v === 'boolean') out[k] = String(v);
    else if (typeof v === 'number') out[k] = `a number: ${v}`;
  }
  return out;
}

test('typical article front matter is read directly, with the same values YAML gives', () => {
  const text = 'title: "Israel urges Washington to keep Russia in Syria"\noutlet: The Levant Ledger\nauthor: Naomi Berger\ndate: 2025-03-01\nurl: https://example.com/a/b\n# a comment\n\nfiction: yes\ndraft: False';
  const flat = flatFrontMatter(text);
  assert.ok(flat !== null);
  assert.deepEqual(flat, viaYaml(text));
  assert.equal(flat.outlet, 'The Levant Ledger');
  assert.equal(flat.draft, 'false');
});

test('anything YAML might read differently goes to the YAML parser', () => {
  for (const text of ['count: 12', 'tags: [a, b]', 'title: a: b', 'title: "a \\" b"', 'a: 1\na: 2', 'list:\n  - x', "title: 'single'", 'x: ~', 'v: 1e3', 'n: .inf', 'k: &a v', 'title: a #c']) {
    assert.equal(flatFrontMatter(text), null, text);
  }
  const notices: Notice[] = [];
  assert.deepEqual(readMetadata('count: 12\noutlet: X', notices), { count: '12', outlet: 'X' });
  assert.deepEqual(readMetadata('a: [unclosed', notices), {});
  assert.match(notices[0]?.message ?? '', /not valid YAML/);
});

test('random flat front matter reads the same directly and through YAML', () => {
  const piece = fc.constantFrom('a', 'b', 'x y', 'Türkiye', ':', ': ', '#', ' #', '"', "'", '-', '1', '0x1', '.', 'e5', 'true', 'null', '~', '[', '{', '*', '&', '!', '|', '>', '%', '@', '`', ',', '?', ' ', '\t', 'https://e.x/p');
  const value = fc.array(piece, { maxLength: 5 }).map((p) => p.join(''));
  const key = fc.constantFrom('title', 'outlet', 'date', 'url', 'a-b', 'x_1', 'title');
  const line = fc.oneof(fc.tuple(key, value).map(([k, v]) => `${k}: ${v}`), fc.constantFrom('', '# note', '  indented', 'k:', 'k:v'));
  fc.assert(
    fc.property(fc.array(line, { maxLength: 6 }), (lines) => {
      const text = lines.join('\n');
      const flat = flatFrontMatter(text);
      if (flat !== null) assert.deepEqual(flat, viaYaml(text), JSON.stringify(text));
    }),
    { numRuns: 3000, seed: 20261121 },
  );
});
