/**
 * Nothing lost, nothing planted: a quick fix replaces only the loaded term, never cuts through
 * Markdown syntax, and rejecting the CriticMarkup it wrote gives back the original text byte for
 * byte. Also the lexicon's matching faults: format characters inside a word, inline code and
 * HTML between two words.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { CodeAction, Diagnostic, TextEdit } from 'vscode-languageserver';
import { IncrementalAnalyser } from '../src/engine/incremental.js';
import { BUILTIN_LEXICON_FILES, splitPattern } from '../src/engine/lexicon/lexicon.js';
import { analyse, compileLexicon, LineIndex, parseLexiconFile, type AnalysisResult, type Finding } from '../src/engine/index.js';
import { findingToDiagnostic, type DiagnosticData } from '../src/lsp/diagnostics.js';
import { annotateAllEdits, quickFixes } from '../src/lsp/code-actions.js';
import { sentenceEndOf, sentenceStartOf } from '../src/lsp/analyses.js';
import { toFileReport } from '../src/cli/report.js';
import { rangeOf } from './helpers.js';
import { rejectAll } from '../../e2e/lib/sample.js';

const URI = 'file:///desk/draft.md';

function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const index = new LineIndex(text);
  const spans = edits
    .map((e) => ({ start: index.offset(e.range.start.line, e.range.start.character), end: index.offset(e.range.end.line, e.range.end.character), text: e.newText }))
    .sort((a, b) => b.start - a.start);
  for (let k = 1; k < spans.length; k++) assert.ok((spans[k] as { end: number }).end <= (spans[k - 1] as { start: number }).start, 'edits overlap');
  let out = text;
  for (const s of spans) out = out.slice(0, s.start) + s.text + out.slice(s.end);
  return out;
}

function editsOf(action: CodeAction): TextEdit[] {
  const edit = action.edit;
  if (!edit) return [];
  return edit.changes?.[URI] ?? [];
}

interface Analysed {
  result: AnalysisResult;
  diagnostics: Diagnostic[];
  positions: LineIndex;
}

function analysed(text: string): Analysed {
  const result = analyse(text, { format: 'markdown' });
  const positions = new LineIndex(text);
  const sentences = result.document.sentences;
  const diagnostics = result.findings.map((f) =>
    findingToDiagnostic(f, { uri: URI, version: 1, positions, sentenceEnd: (g) => sentenceEndOf(sentences, g), sentenceStart: (g) => sentenceStartOf(sentences, g), text }),
  );
  return { result, diagnostics, positions };
}

/** The quick fixes of the finding whose text is `needle`, by title, each with the text it gives. */
function fixesFor(text: string, needle: string): Map<string, string> {
  const { result, diagnostics } = analysed(text);
  const k = result.findings.findIndex((f) => f.text === needle);
  assert.ok(k >= 0, `no finding "${needle}" in ${JSON.stringify(text)}: ${result.findings.map((f) => f.text).join(' | ')}`);
  const actions = quickFixes({ uri: URI, version: 1, diagnostics: [diagnostics[k] as Diagnostic], canIgnoreInWorkspace: false, documentChanges: false });
  return new Map(actions.map((a) => [a.title, applyEdits(text, editsOf(a))]));
}

test('a replacement replaces the term and keeps the words the pattern matched around it', () => {
  const lobbies = 'Tel Aviv lobbies the council to delay the vote.\n';
  const fixes = fixesFor(lobbies, 'Tel Aviv lobbies');
  assert.equal(fixes.get('Replace with “Israel”'), 'Israel lobbies the council to delay the vote.\n');
  assert.equal(fixes.get('Suggest “Israel” (CriticMarkup substitution)'), '{~~Tel Aviv~>Israel~~} lobbies the council to delay the vote.\n');
  // A possessive stays with the text: the term ends before it.
  const concern = 'Critics noted that Tel Aviv’s concern about the port went unanswered.\n';
  assert.equal(fixesFor(concern, 'Tel Aviv’s concern').get('Replace with “Israel”'), 'Critics noted that Israel’s concern about the port went unanswered.\n');
  assert.equal(fixesFor('The regime’s envoys left early.\n', 'regime’s').get('Replace with “government”'), 'The government’s envoys left early.\n');
  // The pair of capitals: the term is the second.
  assert.equal(fixesFor('Envoys shuttled between Ankara and Tel Aviv all week.\n', 'Ankara and Tel Aviv').get('Replace with “Israel”'), 'Envoys shuttled between Ankara and Israel all week.\n');
  // A verb entry with an object: the object stays.
  assert.equal(fixesFor('The unit eliminated several commanders overnight.\n', 'eliminated several commanders').get('Replace with “killed”'), 'The unit killed several commanders overnight.\n');
  // Case follows the term, not the phrase.
  const caps = 'TEL AVIV lobbies hard.\n';
  const { result } = analysed(caps);
  assert.deepEqual(result.findings.find((f) => f.entryId === 'tel-aviv-metonym')?.expected, ['ISRAEL', 'THE ISRAELI GOVERNMENT']);
});

test('the finding keeps its whole range; its term is what the pattern marks', () => {
  const text = 'Tel Aviv lobbies the council to delay the vote.';
  const f = analyse(text, { format: 'text' }).findings.find((g) => g.entryId === 'tel-aviv-metonym') as Finding;
  assert.deepEqual({ start: f.start, end: f.end }, rangeOf(text, 'Tel Aviv lobbies'));
  assert.deepEqual(f.term, rangeOf(text, 'Tel Aviv'));
  const plain = analyse('The regime fell.', { format: 'text' }).findings[0] as Finding;
  assert.deepEqual(plain.term, { start: plain.start, end: plain.end });
});

test('the CLI JSON gives the term only when it is narrower than the finding', () => {
  const text = 'Tel Aviv lobbies the council. The regime fell.\n';
  const report = toFileReport('draft.md', text, analyse(text, { format: 'markdown' }));
  const metonym = report.findings.find((f) => f.entryId === 'tel-aviv-metonym');
  const term = rangeOf(text, 'Tel Aviv');
  assert.deepEqual(metonym?.term, { start: { line: 1, column: term.start + 1, offset: term.start }, end: { line: 1, column: term.end + 1, offset: term.end } });
  assert.equal(report.findings.find((f) => f.entryId === 'regime')?.term, undefined);
});

test('the language server shifts the term and the plain runs with the chunk they were found in', () => {
  const filler = Array.from({ length: 30 }, (_, k) => `Paragraph ${k} says the weather held and the market opened on time.`).join('\n\n');
  const text = `${filler}\n\nOn Monday Tel Aviv lobbies the council again.\n\nThey backed [regime](https://example.org/m) change.\n`;
  const result = new IncrementalAnalyser({ format: 'markdown' }).analyse(text);
  assert.ok(result.chunks > 1);
  const f = result.findings.find((g) => g.entryId === 'tel-aviv-metonym') as Finding;
  assert.equal(text.slice(f.term.start, f.term.end), 'Tel Aviv');
  assert.equal(text.slice(f.start, f.end), 'Tel Aviv lobbies');
  // The runs of plain text of a finding across a link move with it too.
  const across = result.findings.find((g) => g.entryId === 'regime-change') as Finding;
  assert.deepEqual(
    across.parts?.map((p) => text.slice(p.start, p.end)),
    ['regime', 'change'],
  );
});

test('a lexicon marks the term with brackets; bad brackets are refused with the entry named', () => {
  const file = parseLexiconFile(
    JSON.stringify({ entries: [{ id: 'storm-off', kind: 'emotive', patterns: ['[stormed off] the stage', 'the [so-called] deal'], note: 'Paints an exit as a tantrum.', alternatives: ['left'] }] }),
    'desk.lexicon.json',
  );
  const lexicon = compileLexicon([{ source: 'desk.lexicon.json', file }]);
  const text = 'The mayor stormed off the stage after the vote. Then the so called deal collapsed.';
  const findings = analyse(text, { format: 'text', lexicon }).findings;
  assert.deepEqual(
    findings.map((f) => [f.text, text.slice(f.term.start, f.term.end)]),
    [
      ['stormed off the stage', 'stormed off'],
      ['the so called deal', 'so called'],
    ],
  );
  for (const [pattern, problem] of [
    ['[a] [b] c', 'only one run of words'],
    ['a b] c', 'must close a "["'],
    ['[a b c', 'needs its "]"'],
    ['a [b]c d', 'around whole words'],
    ['[] a', 'around whole words'],
  ] as const) {
    assert.throws(
      () => parseLexiconFile(JSON.stringify({ entries: [{ id: 'x', kind: 'emotive', patterns: [pattern], note: 'n' }] }), 'bad.json'),
      (e: Error) => e.message.includes('entry "x"') && e.message.includes(problem),
      pattern,
    );
  }
  assert.throws(
    () => parseLexiconFile(JSON.stringify({ entries: [{ id: 'x', kind: 'emotive', patterns: ['a'], exceptions: ['[a] b'], note: 'n' }] }), 'bad.json'),
    /exception is a whole phrase/,
  );
});

test('the built-in lexicon files pass the checks a workspace lexicon gets, brackets included', () => {
  let marked = 0;
  for (const name of BUILTIN_LEXICON_FILES) {
    const text = readFileSync(path.join(import.meta.dirname, '../data/lexicon', name), 'utf8');
    const file = parseLexiconFile(text, name);
    for (const e of file.entries) for (const p of e.patterns) if (splitPattern(p).term !== null) marked++;
  }
  // The entries with context words (the Tel Aviv metonym, "eliminated", …) mark their term.
  assert.ok(marked > 1000, `${marked} patterns mark a term`);
});

test('a finding across a link: no replacement; the annotation highlights the text on each side and keeps the link', () => {
  const text = 'They backed [regime](https://example.org/a) change in the north.\n';
  const fixes = fixesFor(text, 'regime](https://example.org/a) change');
  assert.deepEqual(
    [...fixes.keys()].filter((t) => t.startsWith('Replace') || t.startsWith('Suggest')),
    [],
  );
  const annotated = [...fixes.entries()].find(([t]) => t.startsWith('Annotate'))?.[1];
  assert.equal(annotated?.replace(/\{>>.*?<<\}/, '{>>…<<}'), 'They backed [{==regime==}](https://example.org/a) {==change==}{>>…<<} in the north.\n');
  assert.equal(rejectAll(annotated ?? ''), text);
  // The annotated text reads as reviewed: the finding is gone, the link is still a link.
  const again = analyse(annotated, { format: 'markdown' });
  assert.equal(again.findings.filter((f) => f.entryId === 'regime-change').length, 0);
  assert.equal(again.summary.reviewed, 1);
  assert.ok(!again.document.prose.includes('https'));
});

test('a finding across emphasis leaves no stray mark; inside a link it stays inside', () => {
  const text = 'They backed regime *change* in the north.\n';
  const annotated = [...fixesFor(text, 'regime *change').entries()].find(([t]) => t.startsWith('Annotate'))?.[1] ?? '';
  assert.equal(annotated.replace(/\{>>.*?<<\}/, '{>>…<<}'), 'They backed {==regime==} *{==change==}{>>…<<}* in the north.\n');
  assert.equal(rejectAll(annotated), text);

  const inLink = 'Critics call it [the regime](https://example.org/b) now.\n';
  const fixes = fixesFor(inLink, 'regime');
  assert.equal(fixes.get('Replace with “government”'), 'Critics call it [the government](https://example.org/b) now.\n');
  assert.equal(fixes.get('Suggest “government” (CriticMarkup substitution)'), 'Critics call it [the {~~regime~>government~~}](https://example.org/b) now.\n');
});

test('inside a CriticMarkup addition (someone’s pending edit) only the ignore comment is offered: CriticMarkup cannot nest', () => {
  const text = 'The editor wrote {++the regime fell++} last night.\n';
  assert.deepEqual([...fixesFor(text, 'regime').keys()], ['Ignore contested-label in this sentence']);
  // A sentence that ends inside the addition gets its ignore comment after it, where it is read.
  const inside = 'The editor wrote {++the regime fell.++} Then more came.\n';
  const ignored = fixesFor(inside, 'regime').get('Ignore contested-label in this sentence') ?? '';
  assert.equal(ignored, 'The editor wrote {++the regime fell.++}{>>slant-ignore contested-label<<} Then more came.\n');
  assert.equal(analyse(ignored, { format: 'markdown' }).summary.ignored, 1);
  // After a highlight, past the comment that belongs to it.
  const highlighted = 'The regime said {==it would fall.==}{>>desk: check<<} Then more came.\n';
  assert.equal(
    fixesFor(highlighted, 'regime').get('Ignore contested-label in this sentence'),
    'The regime said {==it would fall.==}{>>desk: check<<}{>>slant-ignore contested-label<<} Then more came.\n',
  );
  const { result, positions } = analysed(text);
  assert.deepEqual(annotateAllEdits(text, result.findings, positions), []);
});

test('annotate all: overlapping findings across a link share one annotation in plain-text runs', () => {
  const text = 'It was “[so-called](https://example.org/c) regime change” then.\n';
  const { result, positions } = analysed(text);
  assert.deepEqual(
    result.findings.map((f) => f.ruleId),
    ['scare-quote', 'contested-label', 'contested-label'],
  );
  const out = applyEdits(text, annotateAllEdits(text, result.findings, positions));
  const comment = /\{>>(slant.*?)<<\}/.exec(out)?.[1] ?? '';
  assert.equal(out.replace(comment, '…'), 'It was “[{==so-called==}](https://example.org/c) {==regime change”==}{>>…<<} then.\n');
  // One comment names all three findings.
  assert.equal(comment.split(' | ').length, 3, comment);
  assert.equal(rejectAll(out), text);
});

test('an unsupported claim in a sentence with a link: the claim alone is highlighted, not the sentence', () => {
  const text = 'The council [clearly](https://example.org/d) wants to raise taxes.\n';
  const { result, diagnostics } = analysed(text);
  const k = result.findings.findIndex((f) => f.ruleId === 'unsupported-claim');
  assert.ok(k >= 0);
  const data = (diagnostics[k] as Diagnostic).data as DiagnosticData;
  const clearly = rangeOf(text, 'clearly');
  const positions = new LineIndex(text);
  assert.deepEqual(data.claimRange, { start: positions.position(clearly.start), end: positions.position(clearly.end) });
});

test('soft hyphens and zero-width characters inside a word do not hide it; the finding covers them', () => {
  for (const mark of ['\u00ad', '\u200b', '\u200c', '\u200d', '\u2060', '\ufeff']) {
    const word = `re${mark}gime`;
    const text = `The ${word} fell on Sunday.`;
    const findings = analyse(text, { format: 'text' }).findings.filter((f) => f.entryId === 'regime');
    assert.equal(findings.length, 1, JSON.stringify(mark));
    assert.deepEqual({ start: findings[0]?.start, end: findings[0]?.end }, rangeOf(text, word));
    assert.equal(findings[0]?.text, word);
  }
  // Phrases too, and case-sensitive entries compare the word without them.
  const phrase = 'They called it regime ch\u00adange.';
  assert.equal(analyse(phrase, { format: 'text' }).findings.find((f) => f.entryId === 'regime-change')?.text, 'regime ch\u00adange');
  const file = parseLexiconFile(JSON.stringify({ entries: [{ id: 'brand', kind: 'emotive', patterns: ['Zorg'], caseSensitive: true, note: 'n' }] }), 'x.json');
  const lexicon = compileLexicon([{ source: 'x.json', file }]);
  assert.equal(analyse('Then Zo\u00adrg spoke.', { format: 'text', lexicon }).findings.length, 1);
  // A format character between words still separates them.
  assert.equal(analyse('The \u00adregime fell.', { format: 'text' }).findings[0]?.text, 'regime');
});

test('a phrase does not run across inline code or HTML between its words', () => {
  for (const text of ['They saw war`x`crimes there.\n', 'They saw war `x` crimes there.\n', 'They saw war<br>crimes there.\n', 'They saw war <!-- x --> crimes there.\n']) {
    assert.deepEqual(
      analyse(text, { format: 'markdown' }).findings.filter((f) => f.entryId === 'war-crimes'),
      [],
      text,
    );
  }
  // Emphasis and links do not break a phrase.
  for (const text of ['They saw war *crimes* there.\n', 'They saw [war](https://example.org/e) crimes there.\n']) {
    assert.equal(analyse(text, { format: 'markdown' }).findings.filter((f) => f.entryId === 'war-crimes').length, 1, text);
  }
});

// ---------------------------------------------------------------------------------------------
// The property: over random Markdown around findings, every fix kind gives back the original.
// ---------------------------------------------------------------------------------------------

const WORDS = [
  'the', 'council', 'backed', 'a', 'vote', 'on', 'Monday', 'in', 'the north', 'and', 'officials said', 'reportedly', 'clearly', 'will surely',
  'regime', 'regime change', 'Tel Aviv lobbies', 'Tel Aviv’s concern', 'so-called', 'thugs', 're\u00adgime', 'war crimes', 'the regime’s', 'slaughtered',
  'eliminated several commanders', 'sources said', '“regime”', 'massive',
];
const WRAPS: ((s: string) => string)[] = [
  (s) => s,
  (s) => s,
  (s) => s,
  (s) => `[${s}](https://example.org/p)`,
  (s) => `*${s}*`,
  (s) => `**${s}**`,
  (s) => `_${s}_`,
  (s) => `\`${s}\``,
  (s) => `<b>${s}</b>`,
  (s) => `~~${s}~~`,
  (s) => `[${s}][ref]`,
  (s) => `${s}{>>desk: check this<<}`,
  (s) => `{++${s}++}`,
  (s) => `{--${s}--}`,
];
const PREFIXES = ['', '', '> ', '- ', '## ', '1. '];

const atom = fc.tuple(fc.constantFrom(...WORDS), fc.nat(WRAPS.length - 1)).map(([w, k]) => (WRAPS[k] as (s: string) => string)(w));
const sentence = fc.array(atom, { minLength: 2, maxLength: 9 }).map((atoms) => {
  const s = atoms.join(' ');
  return `${s.charAt(0).toUpperCase()}${s.slice(1)}.`;
});
const paragraph = fc.tuple(fc.constantFrom(...PREFIXES), fc.array(sentence, { minLength: 1, maxLength: 3 }), fc.boolean()).map(([prefix, sentences, wrapLine]) =>
  // A paragraph may go on over a second line (a blockquote's repeats its marker).
  `${prefix}${sentences.join(wrapLine ? `\n${prefix.startsWith('>') ? '> ' : prefix === '' ? '' : '   '}` : ' ')}`,
);
const documentArb = fc.array(paragraph, { minLength: 1, maxLength: 4 }).map((ps) => `${ps.join('\n\n')}\n\n[ref]: https://example.org/r\n`);

test('property: every fix, alone or followed by Annotate all, then reject all CriticMarkup, gives back the text', () => {
  let fixesChecked = 0;
  let replacements = 0;
  fc.assert(
    fc.property(documentArb, fc.nat(), (text, pick) => {
      const { result, diagnostics, positions } = analysed(text);
      // Annotate all alone.
      assert.equal(rejectAll(applyEdits(text, annotateAllEdits(text, result.findings, positions))), text, 'annotate all');
      const actions = quickFixes({ uri: URI, version: 1, diagnostics, canIgnoreInWorkspace: false, documentChanges: false });
      actions.forEach((action, k) => {
        const data = (action.diagnostics?.[0] as Diagnostic).data as DiagnosticData;
        const fixed = applyEdits(text, editsOf(action));
        fixesChecked++;
        if (action.title.startsWith('Replace with')) {
          // A plain edit: only the term changes, and the term held no syntax.
          replacements++;
          assert.ok(data.term, action.title);
          const start = positions.offset(data.term.range.start.line, data.term.range.start.character);
          const end = positions.offset(data.term.range.end.line, data.term.range.end.character);
          const alternative = (editsOf(action)[0] as TextEdit).newText;
          assert.equal(fixed, text.slice(0, start) + alternative + text.slice(end), action.title);
          assert.equal(result.document.prose.slice(start, end), text.slice(start, end), `${action.title}: the term holds syntax`);
        } else {
          assert.equal(rejectAll(fixed), text, `${action.title} on ${JSON.stringify(data.text)}`);
        }
        // Nothing planted (one fix in eight, as each check is an analysis): the reader takes what
        // the fix wrote for what it is, and the finding is dealt with.
        if (!action.title.startsWith('Replace with') && k % 8 === pick % 8) {
          const again = analyse(fixed, { format: 'markdown' });
          const same = (f: Finding): boolean => f.ruleId === data.ruleId && f.entryId === data.entryId;
          if (action.title.startsWith('Ignore')) assert.ok(again.summary.ignored > result.summary.ignored, `${action.title}: not read as an ignore comment in ${JSON.stringify(fixed)}`);
          else {
            // Read as reviewed, or (a substitution blanks the old words) no longer found.
            const gone = again.findings.filter(same).length < result.findings.filter(same).length;
            assert.ok(gone || again.summary.reviewed > result.summary.reviewed, `${action.title}: the finding is still there in ${JSON.stringify(fixed)}`);
          }
        }
        // One fix in sixteen: then Annotate all on the fixed text, then reject all.
        if (k % 16 === (pick >> 3) % 16) {
          const after = analyse(fixed, { format: 'markdown' });
          const all = applyEdits(fixed, annotateAllEdits(fixed, after.findings, new LineIndex(fixed)));
          assert.equal(rejectAll(all), rejectAll(fixed), `${action.title}, then annotate all`);
        }
      });
    }),
    { numRuns: 60, seed: 20261205 },
  );
  // The documents did exercise the fixes (not a vacuous pass).
  assert.ok(fixesChecked > 1000 && replacements > 200, `${fixesChecked} fixes, ${replacements} replacements`);
});
