/**
 * The CriticMarkup injection grammar (`syntaxes/criticmarkup.injection.tmLanguage.json`), run by
 * the same TextMate engine VS Code uses (vscode-textmate + vscode-oniguruma), injected into a tiny
 * Markdown-like base grammar (written here) and into Slant's plain-text base grammar. Columns are
 * found by searching the line, never typed by hand.
 */
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import vsctm from 'vscode-textmate';
import onig from 'vscode-oniguruma';
import type { IGrammar, IRawGrammar, StateStack } from 'vscode-textmate';

const root = (path: string): string => fileURLToPath(new URL(`../../${path}`, import.meta.url));

const INJECTION_PATH = 'syntaxes/criticmarkup.injection.tmLanguage.json';
const PLAINTEXT_PATH = 'syntaxes/plaintext.tmLanguage.json';
const INJECTION = 'text.criticmarkup.injection';

/**
 * Just enough Markdown, shaped like VS Code's own grammar where it matters here: code blocks and
 * code spans carry the same scopes, and a paragraph is a `while` rule that holds only while the
 * next line is indented or a setext underline, so in practice each line is its own paragraph.
 */
const MARKDOWN: IRawGrammar = vsctm.parseRawGrammar(
  JSON.stringify({
    scopeName: 'text.html.markdown',
    patterns: [{ include: '#fenced' }, { include: '#raw_block' }, { include: '#paragraph' }],
    repository: {
      fenced: {
        name: 'markup.fenced_code.block.markdown',
        begin: '(^|\\G)(\\s*)(`{3,}|~{3,})\\s*(?=([^`]*)?$)',
        end: '(^|\\G)(\\2|\\s{0,3})(\\3)\\s*$',
      },
      raw_block: { name: 'markup.raw.block.markdown', begin: '(^|\\G)([ ]{4}|\\t)', while: '(^|\\G)([ ]{4}|\\t)' },
      paragraph: {
        name: 'meta.paragraph.markdown',
        begin: '(^|\\G)[ ]{0,3}(?=\\S)',
        while: '(^|\\G)((?=\\s*[-=]{3,}\\s*$)|[ ]{4,}(?=\\S))',
        patterns: [{ include: '#raw' }, { include: '#bold' }],
      },
      raw: { name: 'markup.inline.raw.string.markdown', match: '(`+)((?:[^`]|(?!(?<!`)\\1(?!`))`)*+)(\\1)' },
      bold: { name: 'markup.bold.markdown', begin: '\\*\\*(?=\\S)', end: '(?<=\\S)\\*\\*' },
    },
  }),
  'markdown.json',
);

function rawGrammar(path: string): IRawGrammar {
  return vsctm.parseRawGrammar(readFileSync(root(path), 'utf8'), root(path));
}

let markdown: IGrammar;
let plain: IGrammar;

before(async () => {
  const wasm = readFileSync(root('node_modules/vscode-oniguruma/release/onig.wasm'));
  await onig.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  const registry = new vsctm.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (sources: string[]) => onig.createOnigScanner(sources),
      createOnigString: (text: string) => onig.createOnigString(text),
    }),
    loadGrammar: async (scopeName: string) => {
      if (scopeName === 'text.html.markdown') return MARKDOWN;
      if (scopeName === 'text.plain') return rawGrammar(PLAINTEXT_PATH);
      if (scopeName === INJECTION) return rawGrammar(INJECTION_PATH);
      return null;
    },
    // What the manifest's `injectTo` does in VS Code.
    getInjections: (scopeName: string) =>
      scopeName === 'text.html.markdown' || scopeName === 'text.plain' ? [INJECTION] : undefined,
  });
  const md = await registry.loadGrammar('text.html.markdown');
  const txt = await registry.loadGrammar('text.plain');
  assert.ok(md && txt, 'grammars load');
  markdown = md;
  plain = txt;
});

interface Line {
  text: string;
  tokens: { startIndex: number; endIndex: number; scopes: string[] }[];
}

function tokenise(grammar: IGrammar, text: string): Line[] {
  let state: StateStack = vsctm.INITIAL;
  return text.split('\n').map((line) => {
    const r = grammar.tokenizeLine(line, state);
    state = r.ruleStack;
    return { text: line, tokens: r.tokens };
  });
}

/** The scopes of the character at `offset` characters into the first occurrence of `needle`. */
function scopesAt(line: Line, needle: string, offset = 0): string[] {
  const at = line.text.indexOf(needle);
  assert.ok(at >= 0, `${JSON.stringify(needle)} is in ${JSON.stringify(line.text)}`);
  const col = at + offset;
  const token = line.tokens.find((t) => t.startIndex <= col && col < t.endIndex);
  assert.ok(token, `a token covers column ${col} of ${JSON.stringify(line.text)}`);
  return token.scopes;
}

/** Every distinct scope the injection gave anywhere on the line. */
function criticScopes(line: Line): string[] {
  return [...new Set(line.tokens.flatMap((t) => t.scopes).filter((s) => s.endsWith('.criticmarkup') || s.startsWith('meta.criticmarkup')))];
}

function has(scopes: string[], scope: string): boolean {
  return scopes.includes(scope);
}

function one(grammar: IGrammar, text: string): Line {
  const [line] = tokenise(grammar, text);
  assert.ok(line);
  return line;
}

function lines(grammar: IGrammar, text: string): Line[] {
  return tokenise(grammar, text);
}

function line(all: Line[], index: number): Line {
  const l = all[index];
  assert.ok(l, `line ${index}`);
  return l;
}

for (const [host, grammar] of [
  ['markdown', () => markdown],
  ['plain text', () => plain],
] as const) {
  void describe(`CriticMarkup in ${host}`, () => {
    void it('scopes an addition, its delimiters and nothing after it', () => {
      const l = one(grammar(), 'Officials {++quietly ++}agreed.');
      assert.ok(has(scopesAt(l, '{++'), 'punctuation.definition.inserted.begin.criticmarkup'));
      assert.ok(has(scopesAt(l, '{++'), 'markup.inserted.criticmarkup'));
      assert.ok(has(scopesAt(l, 'quietly'), 'markup.inserted.criticmarkup'));
      assert.ok(has(scopesAt(l, '++}'), 'punctuation.definition.inserted.end.criticmarkup'));
      assert.deepEqual(criticScopes({ ...l, tokens: l.tokens.filter((t) => t.startIndex >= l.text.indexOf('agreed')) }), []);
      assert.deepEqual(criticScopes({ ...l, tokens: l.tokens.filter((t) => t.endIndex <= l.text.indexOf('{++')) }), []);
    });

    void it('scopes a deletion', () => {
      const l = one(grammar(), 'The {--so-called --}reform passed.');
      assert.ok(has(scopesAt(l, '{--'), 'punctuation.definition.deleted.begin.criticmarkup'));
      assert.ok(has(scopesAt(l, 'so-called'), 'markup.deleted.criticmarkup'));
      assert.ok(has(scopesAt(l, '--}'), 'punctuation.definition.deleted.end.criticmarkup'));
      assert.ok(!has(scopesAt(l, 'reform'), 'markup.deleted.criticmarkup'));
    });

    void it('scopes the old and the new text of a substitution separately', () => {
      const l = one(grammar(), 'They {~~slammed~>criticised~~} the plan.');
      const old = scopesAt(l, 'slammed');
      const neu = scopesAt(l, 'criticised');
      const arrow = scopesAt(l, '~>');
      assert.ok(has(scopesAt(l, '{~~'), 'punctuation.definition.changed.begin.criticmarkup'));
      assert.ok(has(old, 'markup.changed.criticmarkup') && has(old, 'markup.deleted.criticmarkup'));
      assert.ok(!has(old, 'markup.inserted.criticmarkup'));
      assert.ok(has(arrow, 'punctuation.separator.substitution.criticmarkup'));
      assert.ok(!has(arrow, 'markup.deleted.criticmarkup') && !has(arrow, 'markup.inserted.criticmarkup'));
      assert.ok(has(neu, 'markup.changed.criticmarkup') && has(neu, 'markup.inserted.criticmarkup'));
      assert.ok(!has(neu, 'markup.deleted.criticmarkup'));
      assert.ok(has(scopesAt(l, '~~}'), 'punctuation.definition.changed.end.criticmarkup'));
      assert.ok(!has(scopesAt(l, '~~}'), 'markup.inserted.criticmarkup'));
      assert.ok(!has(scopesAt(l, 'the plan'), 'markup.changed.criticmarkup'));
    });

    void it('keeps single tildes in the old text of a substitution', () => {
      const l = one(grammar(), '{~~about ~5 people~>five people~~}');
      assert.ok(has(scopesAt(l, '~5'), 'markup.deleted.criticmarkup'));
      assert.ok(has(scopesAt(l, 'five'), 'markup.inserted.criticmarkup'));
    });

    void it('scopes a highlight', () => {
      const l = one(grammar(), 'A {==staggering==} sum.');
      assert.ok(has(scopesAt(l, '{=='), 'punctuation.definition.highlight.begin.criticmarkup'));
      assert.ok(has(scopesAt(l, 'staggering'), 'markup.highlight.criticmarkup'));
      assert.ok(has(scopesAt(l, '==}'), 'punctuation.definition.highlight.end.criticmarkup'));
      assert.ok(!has(scopesAt(l, 'sum'), 'markup.highlight.criticmarkup'));
    });

    void it('scopes a comment', () => {
      const l = one(grammar(), 'Prices rose.{>>Source? The report says 2%.<<} Then');
      assert.ok(has(scopesAt(l, '{>>'), 'punctuation.definition.comment.begin.criticmarkup'));
      assert.ok(has(scopesAt(l, 'Source?'), 'comment.block.criticmarkup'));
      assert.ok(has(scopesAt(l, '<<}'), 'punctuation.definition.comment.end.criticmarkup'));
      assert.ok(!has(scopesAt(l, 'Then'), 'comment.block.criticmarkup'));
    });

    void it('gives slant-ignore its own scopes, distinct from a comment', () => {
      const l = one(grammar(), 'A radical plan.{>>slant-ignore loaded-language, partisan<<} Next');
      const keyword = scopesAt(l, 'slant-ignore');
      assert.ok(has(keyword, 'meta.slant-ignore.criticmarkup'));
      assert.ok(has(keyword, 'keyword.control.slant-ignore.criticmarkup'));
      assert.ok(!has(keyword, 'comment.block.criticmarkup'));
      assert.ok(has(scopesAt(l, '{>>'), 'punctuation.definition.comment.begin.criticmarkup'));
      for (const rule of ['loaded-language', 'partisan']) {
        const s = scopesAt(l, rule);
        assert.ok(has(s, 'variable.parameter.slant-rule.criticmarkup'), rule);
        assert.ok(has(s, 'meta.slant-ignore.criticmarkup'), rule);
        assert.ok(!has(s, 'comment.block.criticmarkup'), rule);
      }
      // The rule id stops at the comma and at the closing marker.
      assert.ok(has(scopesAt(l, ', partisan'), 'punctuation.separator.comma.criticmarkup'));
      assert.ok(!has(scopesAt(l, 'partisan<<}', 'partisan'.length), 'variable.parameter.slant-rule.criticmarkup'));
      assert.ok(has(scopesAt(l, '<<}'), 'punctuation.definition.comment.end.criticmarkup'));
      assert.ok(!has(scopesAt(l, 'Next'), 'meta.slant-ignore.criticmarkup'));
    });

    void it('takes slant-ignore with leading space and no rules, but not a longer word or a later mention', () => {
      const bare = one(grammar(), 'x{>> slant-ignore<<}y');
      assert.ok(has(scopesAt(bare, 'slant-ignore'), 'keyword.control.slant-ignore.criticmarkup'));
      assert.ok(!has(scopesAt(bare, 'y'), 'meta.slant-ignore.criticmarkup'));
      for (const text of ['x{>>slant-ignorelist<<}y', 'x{>>see slant-ignore here<<}y']) {
        const l = one(grammar(), text);
        assert.ok(has(scopesAt(l, 'slant-ignore'), 'comment.block.criticmarkup'), text);
        assert.ok(!has(scopesAt(l, 'slant-ignore'), 'keyword.control.slant-ignore.criticmarkup'), text);
        assert.ok(!has(scopesAt(l, 'slant-ignore'), 'meta.slant-ignore.criticmarkup'), text);
      }
    });

    void it('leaves braces in ordinary text alone', () => {
      for (const text of [
        'Plain {braces} and {{ template }} text.',
        'A {+ single +} and { ++ spaced ++ } marker.',
        'Code-like {"a": {"b": [1, 2]}} and a{-}b and {~ x ~} and {= y =} and {> z <}.',
        'Closers alone: ++} --} ~~} ==} <<} and an arrow ~> here.',
        'Unicode “{quoted}” — fine.',
      ]) {
        assert.deepEqual(criticScopes(one(grammar(), text)), [], text);
      }
    });

    void it('does not nest markup, as the reader does not', () => {
      const l = one(grammar(), '{++a {--b--} c++} d');
      assert.ok(has(scopesAt(l, 'b--}'), 'markup.inserted.criticmarkup'));
      assert.ok(!has(scopesAt(l, 'b--}'), 'markup.deleted.criticmarkup'));
      assert.ok(has(scopesAt(l, 'c++}'), 'markup.inserted.criticmarkup'));
      assert.ok(!has(scopesAt(l, ' d'), 'markup.inserted.criticmarkup'));
    });

    void it('scopes several annotations on one line independently', () => {
      const l = one(grammar(), '{==big==}{>>how big?<<} and {++more++}');
      assert.ok(has(scopesAt(l, 'big=='), 'markup.highlight.criticmarkup'));
      assert.ok(has(scopesAt(l, 'how'), 'comment.block.criticmarkup'));
      assert.ok(!has(scopesAt(l, 'how'), 'markup.highlight.criticmarkup'));
      assert.ok(!has(scopesAt(l, ' and '), 'comment.block.criticmarkup'));
      assert.ok(has(scopesAt(l, 'more'), 'markup.inserted.criticmarkup'));
    });
  });
}

void describe('CriticMarkup over several lines', () => {
  void it('in plain text, continues closed markup onto the next line of the same paragraph', () => {
    const ls = lines(plain, 'Critics {>>which critics?\nnamed nowhere<<} said so.\nAfter.');
    assert.ok(has(scopesAt(line(ls, 0), 'which'), 'comment.block.criticmarkup'));
    assert.ok(has(scopesAt(line(ls, 1), 'named'), 'comment.block.criticmarkup'));
    assert.ok(has(scopesAt(line(ls, 1), '<<}'), 'punctuation.definition.comment.end.criticmarkup'));
    assert.ok(!has(scopesAt(line(ls, 1), 'said'), 'comment.block.criticmarkup'));
    assert.deepEqual(criticScopes(line(ls, 2)), []);
  });

  void it('in plain text, continues a substitution whose arrow is on the next line', () => {
    const ls = lines(plain, 'They {~~slammed\nthe plan~>criticised~~} it.');
    assert.ok(has(scopesAt(line(ls, 1), 'the plan'), 'markup.deleted.criticmarkup'));
    assert.ok(has(scopesAt(line(ls, 1), 'criticised'), 'markup.inserted.criticmarkup'));
    assert.ok(!has(scopesAt(line(ls, 1), 'it.'), 'markup.changed.criticmarkup'));
  });

  void it('in plain text, ends unclosed markup at the first blank line', () => {
    const ls = lines(plain, 'An {++unclosed addition\nstill this paragraph\n\nNext paragraph {--x--} ok\n');
    assert.ok(has(scopesAt(line(ls, 0), 'unclosed'), 'markup.inserted.criticmarkup'));
    assert.ok(has(scopesAt(line(ls, 1), 'still'), 'markup.inserted.criticmarkup'));
    assert.deepEqual(criticScopes(line(ls, 2)), []);
    const next = line(ls, 3);
    assert.ok(!has(scopesAt(next, 'Next'), 'markup.inserted.criticmarkup'));
    assert.ok(has(scopesAt(next, 'x--}'), 'markup.deleted.criticmarkup'));
    assert.ok(!has(scopesAt(next, 'ok'), 'markup.deleted.criticmarkup'));
    assert.deepEqual(criticScopes(line(ls, 4)), []);
  });

  void it('in plain text, ends an unclosed substitution or slant-ignore at a blank line too', () => {
    for (const text of ['{~~old~>new\n\nafter', '{~~old\n\nafter', '{>>slant-ignore x\n\nafter', '{==x\n   \nafter']) {
      const ls = lines(plain, text);
      assert.deepEqual(criticScopes(line(ls, 2)), [], JSON.stringify(text));
    }
  });

  void it('in Markdown, ends markup with its line, as VS Code ends a paragraph at each line', () => {
    const closed = lines(markdown, 'Critics {>>which critics?\nnamed nowhere<<} said so.');
    assert.ok(has(scopesAt(line(closed, 0), 'which'), 'comment.block.criticmarkup'));
    assert.deepEqual(criticScopes(line(closed, 1)), []);
    const unclosed = lines(markdown, 'An {++unclosed addition\nnext line {--x--} ok');
    assert.ok(has(scopesAt(line(unclosed, 0), 'unclosed'), 'markup.inserted.criticmarkup'));
    const next = line(unclosed, 1);
    assert.ok(!has(scopesAt(next, 'next line'), 'markup.inserted.criticmarkup'));
    assert.ok(has(scopesAt(next, 'x--}'), 'markup.deleted.criticmarkup'));
    assert.ok(!has(scopesAt(next, 'ok'), 'markup.deleted.criticmarkup'));
  });
});

void describe('CriticMarkup and Markdown code', () => {
  void it('is not markup inside inline code, but is right after it', () => {
    const l = one(markdown, 'Use `{++x++}` then {++y++}.');
    assert.ok(!has(scopesAt(l, 'x++}'), 'markup.inserted.criticmarkup'));
    assert.ok(has(scopesAt(l, 'x++}'), 'markup.inline.raw.string.markdown'));
    assert.ok(has(scopesAt(l, 'y++}'), 'markup.inserted.criticmarkup'));
  });

  void it('is not markup inside fenced or indented code', () => {
    const ls = lines(markdown, '```\n{--keep--} {>>slant-ignore x<<}\n```\n\n    {++indented++}\n\n{--after--}');
    assert.deepEqual(criticScopes(line(ls, 1)), []);
    assert.ok(has(scopesAt(line(ls, 1), 'keep'), 'markup.fenced_code.block.markdown'));
    assert.deepEqual(criticScopes(line(ls, 4)), []);
    assert.ok(has(scopesAt(line(ls, 4), 'indented'), 'markup.raw.block.markdown'));
    assert.ok(has(scopesAt(line(ls, 6), 'after'), 'markup.deleted.criticmarkup'));
  });

  void it('is markup in plain text even between backticks (plain text has no code)', () => {
    const l = one(plain, 'Use `{++x++}`.');
    assert.ok(has(scopesAt(l, 'x++}'), 'markup.inserted.criticmarkup'));
  });

  void it('is markup inside other Markdown inline syntax', () => {
    const l = one(markdown, '**bold {--gone--} text**');
    assert.ok(has(scopesAt(l, 'gone'), 'markup.deleted.criticmarkup'));
    assert.ok(has(scopesAt(l, 'gone'), 'markup.bold.markdown'));
  });
});

void describe('grammar contributions in package.json', () => {
  interface GrammarContribution {
    scopeName: string;
    path: string;
    language?: string;
    injectTo?: string[];
  }
  const manifest = JSON.parse(readFileSync(root('package.json'), 'utf8')) as {
    contributes?: { grammars?: GrammarContribution[] };
  };
  const grammars = manifest.contributes?.grammars ?? [];

  void it('injects the CriticMarkup grammar into Markdown and plain text', () => {
    const injection = grammars.find((g) => g.scopeName === INJECTION);
    assert.ok(injection, 'the injection grammar is contributed');
    assert.equal(injection.path, `./${INJECTION_PATH}`);
    assert.deepEqual(injection.injectTo, ['text.html.markdown', 'text.plain']);
    const file = JSON.parse(readFileSync(root(INJECTION_PATH), 'utf8')) as { scopeName: string; injectionSelector: string };
    assert.equal(file.scopeName, INJECTION);
    assert.match(file.injectionSelector, /^L:text\.html\.markdown\b/);
    assert.match(file.injectionSelector, /, L:text\.plain\b/);
  });

  void it('gives plain text the text.plain base scope it injects into', () => {
    const base = grammars.find((g) => g.scopeName === 'text.plain');
    assert.ok(base, 'a text.plain grammar is contributed');
    assert.equal(base.language, 'plaintext');
    assert.equal(base.path, `./${PLAINTEXT_PATH}`);
    const file = JSON.parse(readFileSync(root(PLAINTEXT_PATH), 'utf8')) as { scopeName: string; patterns: unknown[] };
    assert.equal(file.scopeName, 'text.plain');
    assert.deepEqual(file.patterns, []);
  });
});
