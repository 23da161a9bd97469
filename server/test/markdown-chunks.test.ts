/**
 * The Markdown reader parses chunk by chunk, with a fast path for plain paragraphs. It must read
 * exactly what one parse of the whole text reads: the same prose mask and the same blocks.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import * as markdownModule from '../src/engine/read/markdown.js';
const { readMarkdown } = markdownModule;
import { ProseBuilder } from '../src/engine/read/prose.js';

function read(text: string, chunked: boolean): { prose: string; blocks: string[]; frontMatter: string | null } {
  const builder = new ProseBuilder(text, false);
  const r = readMarkdown(text, builder, chunked);
  return {
    prose: builder.toString(),
    // Blocks are trimmed by the reader afterwards; remark counts trailing spaces in, the fast path does not.
    blocks: r.blocks.map((b) => `${b.kind}${b.blockquote ? '>' : ''}:${b.start}:${text.slice(b.start, b.end).trimEnd()}`),
    frontMatter: r.frontMatter?.value ?? null,
  };
}

test('the bundled samples read the same chunked and whole', () => {
  const dir = new URL('../../samples/', import.meta.url);
  for (const name of readdirSync(dir).filter((n) => n.endsWith('.md'))) {
    const text = readFileSync(new URL(name, dir), 'utf8');
    assert.deepEqual(read(text, true), read(text, false), name);
  }
});

test('hard cases: fences with blank lines, indented list continuations, loose lists, quotes, front matter with blank lines', () => {
  const text = [
    '---\ntitle: A\n\noutlet: B\n---',
    'Plain paragraph one.',
    '```\ncode line\n\nstill code\n```',
    '- item one\n\n    continued inside the item\n\n- item two',
    '> quoted one\n\n> quoted two',
    '1. first\n\n2. second',
    'Heading\n=======',
    '| a | b |\n|---|---|\n| c | d |',
    '    indented code after a blank',
    'Text with *emphasis*, a [link](https://example.com) and www.example.com.',
    'Last plain paragraph.',
  ].join('\n\n');
  assert.deepEqual(read(text, true), read(text, false));
});

test('references resolve to definitions in other chunks; an HTML block across blank lines stays in one chunk', () => {
  const text = 'See [the report][r] for more.\n\nMore text.\n\n[r]: https://example.com/report\n\n<!-- a comment\n\nacross a blank line -->\n\nEnd.';
  assert.deepEqual(read(text, true), read(text, false));
  assert.equal(read(text, true).prose.includes('comment'), false);
  // The definition goes after each chunk; one the reader cannot place makes it parse the whole text.
  assert.equal(markdownModule.definitionLines(text), '\n\n[r]: https://example.com/report\n');
  for (const unsure of ['> [r]: https://example.com', 'Text\n# H\n[r]: u', '[r]:\n  https://example.com', '[r]: u\n"title"']) {
    assert.equal(markdownModule.definitionLines(`Intro.\n\n${unsure}\n\nSee [it][r].`), null, unsure);
  }
  const html = 'Before.\n\n<!-- a comment\n\nacross a blank line -->\nAfter it.\n\n<pre>\n\nkept as code\n\n</pre>\n\nEnd.';
  assert.deepEqual(read(html, true), read(html, false));
  assert.deepEqual(
    markdownModule.chunks(html).map(([s, e]) => html.slice(s, e).trim()),
    ['Before.', '<!-- a comment\n\nacross a blank line -->\nAfter it.', '<pre>\n\nkept as code\n\n</pre>', 'End.'],
  );
});

test('an unclosed front matter fence at the start is read as one parse, lists and all', () => {
  const text = '---\n\nfoo\n\n- x\n\n* y';
  assert.deepEqual(read(text, true), read(text, false));
});

test('the list fast path takes tight one-line lists with one marker, and nothing harder', () => {
  const { simpleList } = markdownModule;
  const list = '- one [link](https://example.com)\n- two *words*\n- three';
  const items = simpleList(list)?.items.map(([s, e]) => list.slice(s, e));
  assert.deepEqual(items, ['one [link](https://example.com)', 'two *words*', 'three']);
  assert.equal(simpleList('1. first\n2. second')?.items.length, 2);
  for (const hard of ['- a\n* b', '- a\n  continued', '2. starts at two', '- [ ] task', '- # heading', '-  two spaces', '1. a\n2) b', '- `code`']) {
    assert.equal(simpleList(hard), null, hard);
  }
});

function seed(): { seed?: number } {
  const env = process.env.SLANT_FC_SEED;
  if (env === 'random') return {};
  return { seed: env !== undefined && env !== '' ? Number(env) : 20261121 };
}

const PIECES = ['---\ntitle: T\n---\n', '> q', '>', '> > n', '*lead* text', '** x', '* * *', '___', 'Plain words here.', 'Another line', ' ', '*', '**', '_', '__', '[', ']', '(', ')', 'x', '#', '## ', ' #', '#5', 'a_b', '[t](u)', '![i](u)', 'a@b.c', '[t](http://x)', '[t *e*](u)', '[**b**](u)', '[*a](u)*', '[_x_](u)', '**b**', '*(p)*', '(*p*)', '_x_', '__y__', '\n   ', 'é', '- item', '* item', '1. item', '> ', '# ', '    ', '```', '~~~', '---', '***', '*em*', '_u_', '[a](b)', '`c`', '<b>', '&amp;', '\\*', '|', ' | x |', 'www.x.y', '\n', '\n\n', '\n\n', '  ', '\t', '“q”', 'Türkiye', '{>> c <<}', 'a > b', '<<', '< 3', '<x', '- [t](u)', '\n- item', '\n* item', '\n1. item', '\n2) item', '+ z', '![a](u)', '[![i](u)](v)', '- [ ] task', '10. ten', '<!--', '-->', '\n<!-- c', '<div>', '\n<div>', '</div>', '\n<pre>', '</pre>', '\n<?x', '?>', '\n<!X', '\n<![CDATA[', ']]>', '\n<script>', '</script>', '> <!--', '- <!--', '\n[t]: u', '\n[T]: <u> "x"', '\n[^1]: note', '[^1]', '[t][t]', '[t]', '[T][]', '\n[a]:', '\n\n[t]: http://x'];

test('random Markdown reads the same chunked and whole', () => {
  fc.assert(
    fc.property(fc.array(fc.constantFrom(...PIECES), { maxLength: 40 }), (parts) => {
      const text = parts.join('');
      assert.deepEqual(read(text, true), read(text, false));
    }),
    // A fixed seed keeps CI deterministic; SLANT_FC_SEED=random (or a number) explores further.
    { numRuns: 3000, ...seed() },
  );
});

test('the fast path takes plain paragraphs, ATX headings, simple links and emphasis, and nothing harder', () => {
  const { simpleBlock } = markdownModule;
  assert.deepEqual(simpleBlock('Plain text, with “quotes” — and dashes.')?.syntax, []);
  assert.equal(simpleBlock('## A heading ##')?.kind, 'heading');
  const link = 'See [the report](https://example.com/r) now.';
  assert.deepEqual(simpleBlock(link)?.syntax, [
    [link.indexOf('['), link.indexOf('[') + 1],
    [link.indexOf(']'), link.indexOf(')') + 1],
  ]);
  assert.equal(simpleBlock('A **bold** and _light_ claim.')?.syntax.length, 4);
  const image = 'Before ![a map](https://example.com/m.png) after {>> note <<} and a > b.';
  assert.deepEqual(simpleBlock(image)?.syntax, [[image.indexOf('!'), image.indexOf(')') + 1]]);
  for (const hard of ['Use `code` here.', 'snake_case word', 'a * b * c', '[ref] only', 'x\n- list', 'A <b>tag</b>.', 'Mail me@x.org', 'Tom &amp; Jerry', '> quote', '    code', '| a | b |', 'An <em>tag</em>', '![alt](u "title")']) {
    assert.equal(simpleBlock(hard), null, hard);
  }
});
