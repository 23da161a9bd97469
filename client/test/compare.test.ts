/**
 * *Compare Stance* without `vscode`: the command's arguments, the picker's pre-selection, the
 * outlet names a user changed, and which messages from the comparison webview are honoured.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { CompareResult, Comparison } from '../../server/src/protocol/index.js';
import { changedOutlets, compareArgs, frontMatterOutlet, openTarget, preselected } from '../src/compareItems.js';

const article = (outlet: string | null, body = 'Text.\n') => (outlet === null ? body : `---\ntitle: A story\noutlet: ${outlet}\n---\n\n${body}`);

void describe('Compare Stance: choosing documents', () => {
  void it('reads the outlet of the front matter, plain or quoted, and nothing else', () => {
    assert.equal(frontMatterOutlet(article('The Levant Ledger')), 'The Levant Ledger');
    assert.equal(frontMatterOutlet(article('"The Bosphorus Herald"')), 'The Bosphorus Herald');
    assert.equal(frontMatterOutlet('\ufeff---\r\noutlet: Wire\r\n---\r\nText'), 'Wire');
    assert.equal(frontMatterOutlet(article(null, 'outlet: not front matter\n')), null);
    assert.equal(frontMatterOutlet('---\ntitle: no outlet\n---\n'), null);
    assert.equal(frontMatterOutlet(article('')), null);
    assert.equal(frontMatterOutlet('---\noutlet: never closed\n'), null);
  });

  void it('pre-selects every document when there are at most three, else those naming an outlet', () => {
    const few = [
      { uri: 'file:///a.md', text: article(null) },
      { uri: 'file:///b.md', text: article(null) },
      { uri: 'file:///c.md', text: article('C') },
    ];
    assert.deepEqual([...preselected(few)], ['file:///a.md', 'file:///b.md', 'file:///c.md']);
    const many = [...few, { uri: 'file:///d.md', text: article('D') }];
    assert.deepEqual([...preselected(many)], ['file:///c.md', 'file:///d.md']);
    assert.deepEqual([...preselected([])], []);
  });

  void it('takes { uris, outlets? } as arguments, and nothing malformed', () => {
    assert.deepEqual(compareArgs({ uris: ['file:///a.md', 'file:///b.md'] }), { uris: ['file:///a.md', 'file:///b.md'] });
    assert.deepEqual(compareArgs({ uris: ['file:///a.md'], outlets: { 'file:///a.md': 'A' } }), { uris: ['file:///a.md'], outlets: { 'file:///a.md': 'A' } });
    for (const bad of [undefined, null, 'file:///a.md', { uris: 'file:///a.md' }, { uris: [1] }, { uris: [], outlets: [] }, { uris: [], outlets: { a: 1 } }, { uris: [], outlets: null }]) {
      assert.equal(compareArgs(bad), null, JSON.stringify(bad));
    }
  });
});

const comparison = (documents: { path: string; outlet: string }[]): Comparison => ({
  version: 1,
  documents: documents.map((d) => ({
    ...d,
    outletSource: 'front-matter',
    words: 100,
    stance: {},
    sourcing: { claims: 0, byKind: { named: 0, institutional: 0, anonymous: 0, vague: 0, self: 0, none: 0 }, unsourcedShare: 0, namedSources: 0, anonymousSources: 0, quotedSentences: 0 },
    loadedTerms: 0,
    loadedPer1000Words: 0,
  })),
  entities: [],
  alignments: [],
  distinctiveTerms: {},
  namingChoices: [],
});

const RESULT: CompareResult = {
  comparison: comparison([
    { path: '/news/herald.md', outlet: 'The Herald' },
    { path: 'untitled:Untitled-1', outlet: 'Untitled' },
  ]),
  uris: { '/news/herald.md': 'file:///news/herald.md', 'untitled:Untitled-1': 'untitled:Untitled-1' },
};

void describe('Compare Stance: outlet names', () => {
  void it('keeps only the names a user changed, trimmed, by URI', () => {
    assert.deepEqual(changedOutlets(RESULT, { 'file:///news/herald.md': ' The Herald ', 'untitled:Untitled-1': 'My draft' }), { 'untitled:Untitled-1': 'My draft' });
    assert.deepEqual(changedOutlets(RESULT, { 'file:///news/herald.md': '   ', 'file:///elsewhere.md': 'X' }), {});
  });
});

void describe('Compare Stance: messages from the webview', () => {
  void it('opens a passage of a compared document, by path or by URI; offsets may come as digit strings', () => {
    assert.deepEqual(openTarget({ type: 'open', path: '/news/herald.md', start: 10, end: 42 }, RESULT), { uri: 'file:///news/herald.md', start: 10, end: 42 });
    assert.deepEqual(openTarget({ type: 'open', uri: 'untitled:Untitled-1', start: '0', end: '0' }, RESULT), { uri: 'untitled:Untitled-1', start: 0, end: 0 });
  });

  void it('refuses documents outside the comparison, odd offsets, unknown types, and anything before a comparison', () => {
    const refused: unknown[] = [
      null,
      'open',
      { type: 'open', path: '/etc/passwd', start: 0, end: 1 },
      { type: 'open', uri: 'file:///etc/passwd', start: 0, end: 1 },
      { type: 'open', path: '/news/herald.md', start: -1, end: 1 },
      { type: 'open', path: '/news/herald.md', start: 5, end: 2 },
      { type: 'open', path: '/news/herald.md', start: 1.5, end: 2 },
      { type: 'open', path: '/news/herald.md', start: '1e3', end: 2000 },
      { type: 'open', path: '/news/herald.md' },
      { type: 'run', command: 'workbench.action.terminal.new' },
    ];
    for (const message of refused) assert.equal(openTarget(message, RESULT), null, JSON.stringify(message));
    assert.equal(openTarget({ type: 'open', path: '/news/herald.md', start: 0, end: 1 }, undefined), null);
  });
});
