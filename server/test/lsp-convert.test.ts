/**
 * The language server's pure parts, without a connection: finding → Diagnostic / Hover /
 * CodeAction, CriticMarkup, settings, the "auto" policy and the config file edit.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Diagnostic, TextDocumentEdit, TextEdit, WorkspaceEdit } from 'vscode-languageserver';
import { analyse, compileLexicon, DEFAULT_SETTINGS, LineIndex, type Finding, type LexiconFile } from '../src/engine/index.js';
import { applyFindingSettings } from '../src/engine/incremental.js';
import { annotation, ignoreComment, shortNote, substitution } from '../src/lsp/markup.js';
import { findingToDiagnostic, isDiagnosticData, noticeDiagnostic, type DiagnosticData } from '../src/lsp/diagnostics.js';
import { escapeMarkdown, findingsAt, findingsToHover } from '../src/lsp/hover.js';
import { annotateAllEdits, quickFixes, wants } from '../src/lsp/code-actions.js';
import { EditorSettings, effectiveSettings, validateEditorSettings } from '../src/lsp/settings.js';
import { hasOutletFrontMatter, languageOf, shouldAnalyse } from '../src/lsp/policy.js';
import { ConfigEditError, withIgnoredTerm } from '../src/lsp/config-edit.js';
import { sentenceEndOf, sentenceStartOf } from '../src/lsp/analyses.js';
import { computeSourcing, profileTitle, sentenceAt, SOURCING_MAX_LENGTH, sourcingLenses, sourcingSection } from '../src/lsp/sourcing.js';
import { DEFAULT_SLANT_SETTINGS } from '../src/protocol/index.js';

const file: LexiconFile = {
  entries: [
    {
      id: 'test-juggernaut',
      patterns: ['juggernaut'],
      kind: 'emotive',
      note: 'Calls a rival unstoppable and menacing. It decides the contest before the reporting does.',
      alternatives: ['front-runner', 'leading campaign'],
      url: 'https://example.org/style/juggernaut',
    },
    { id: 'test-crony', patterns: ['crony'], kind: 'label', note: 'A put-down for an ally; it implies favours <<} without showing any.' },
  ],
};
const lexicon = compileLexicon([{ source: 'test.json', file }]);
const URI = 'file:///newsroom/story.md';

function run(text: string): { findings: Finding[]; diagnostics: Diagnostic[]; positions: LineIndex; sentences: { start: number; end: number }[] } {
  const result = analyse(text, { lexicon, format: 'markdown' });
  const positions = new LineIndex(text);
  const sentences = result.document.sentences;
  const diagnostics = result.findings.map((f) => findingToDiagnostic(f, { uri: URI, version: 7, positions, sentenceEnd: (g) => sentenceEndOf(sentences, g) }));
  return { findings: result.findings, diagnostics, positions, sentences };
}

function range(text: string, needle: string, occurrence = 0): { start: { line: number; character: number }; end: { line: number; character: number } } {
  let at = -1;
  for (let i = 0, from = 0; i <= occurrence; i++) {
    at = text.indexOf(needle, from);
    from = at + 1;
  }
  assert.ok(at >= 0, needle);
  const index = new LineIndex(text);
  return { start: index.position(at), end: index.position(at + needle.length) };
}

function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const index = new LineIndex(text);
  const spans = edits
    .map((e) => ({ start: index.offset(e.range.start.line, e.range.start.character), end: index.offset(e.range.end.line, e.range.end.character), text: e.newText }))
    .sort((a, b) => b.start - a.start);
  let out = text;
  for (const s of spans) out = out.slice(0, s.start) + s.text + out.slice(s.end);
  return out;
}

const editsOf = (edit: WorkspaceEdit | undefined): TextEdit[] => ((edit?.documentChanges?.[0] as TextDocumentEdit | undefined)?.edits ?? []) as TextEdit[];

test('CriticMarkup builders keep their spans closed', () => {
  assert.equal(substitution('regime', 'government'), '{~~regime~>government~~}');
  assert.equal(substitution('a~~}b', 'c'), '{~~a~~ }b~>c~~}');
  assert.equal(annotation('regime', [{ category: 'loaded', note: 'Contested.' }]), '{==regime==}{>>slant loaded: Contested.<<}');
  assert.equal(
    annotation('“regime”', [
      { category: 'loaded', note: 'One.' },
      { category: 'loaded', note: 'One.' },
      { category: 'partisan', note: 'Two <<} three.' },
    ]),
    '{==“regime”==}{>>slant loaded: One. | slant partisan: Two << } three.<<}',
  );
  assert.equal(ignoreComment('contested-label'), '{>>slant-ignore contested-label<<}');
});

test('shortNote: the first sentence, bounded, one line, with nothing that closes a comment', () => {
  assert.equal(shortNote('Calls a rival unstoppable. It decides the contest.'), 'Calls a rival unstoppable.');
  assert.equal(shortNote('Says “why.” Then more.'), 'Says “why.”');
  assert.equal(shortNote('No full stop at all'), 'No full stop at all');
  assert.equal(shortNote('Line one\nstill one. Two.'), 'Line one still one.');
  assert.equal(shortNote('Ends a comment <<} early. Two.'), 'Ends a comment << } early.');
  const long = `${'word '.repeat(60)}end. Next.`;
  const short = shortNote(long);
  assert.ok(short.length <= 200 && short.endsWith('…'), short);
});

test('finding → diagnostic: every field', () => {
  const text = 'The juggernaut rolled on. Voters shrugged.\n';
  const { diagnostics } = run(text);
  const data: DiagnosticData = {
    version: 7,
    text: 'juggernaut',
    expected: ['front-runner', 'leading campaign'],
    term: { range: range(text, 'juggernaut'), text: 'juggernaut' },
    highlights: [{ range: range(text, 'juggernaut'), text: 'juggernaut' }],
    ruleId: 'loaded-language',
    entryId: 'test-juggernaut',
    category: 'loaded',
    note: 'Calls a rival unstoppable and menacing.',
    sentenceEnd: range(text, 'on.').end,
  };
  assert.deepEqual(diagnostics, [
    {
      range: range(text, 'juggernaut'),
      severity: 2,
      code: 'loaded-language',
      source: 'slant',
      message: '“juggernaut” is loaded or emotive wording; consider “front-runner”, “leading campaign”',
      data,
      codeDescription: { href: 'https://example.org/style/juggernaut' },
    },
  ]);
  assert.ok(isDiagnosticData(diagnostics[0]?.data));
});

test('finding → diagnostic: quoted words point at the speaker; boilerplate is unnecessary', () => {
  const text = '“The crony must go,” said Senator Ada Moss.\n\nSubscribe now\nAlready a subscriber? Log in\n';
  const { diagnostics } = run(text);
  const crony = diagnostics.find((d) => d.code === 'name-calling');
  assert.equal(crony?.severity, 3);
  assert.deepEqual(crony?.relatedInformation, [{ location: { uri: URI, range: range(text, 'Senator Ada Moss') }, message: 'Quoted from Senator Ada Moss' }]);
  const boilerplate = diagnostics.find((d) => d.code === 'boilerplate');
  assert.deepEqual(boilerplate?.tags, [1]);
  assert.equal(boilerplate?.severity, 4);
  assert.deepEqual(noticeDiagnostic({ level: 'warning', message: 'front matter is not valid YAML' }, 12), {
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 12 } },
    severity: 2,
    code: 'notice',
    source: 'slant',
    message: 'front matter is not valid YAML',
  });
});

test('isDiagnosticData rejects what a client might send back mangled', () => {
  const span = { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, text: 'a' };
  const good = { version: 1, text: 'a', expected: [], highlights: [span], ruleId: 'r', entryId: null, category: 'loaded', note: 'n', sentenceEnd: { line: 0, character: 1 } };
  assert.ok(isDiagnosticData(good));
  assert.ok(isDiagnosticData({ ...good, term: span, highlights: [] }));
  assert.ok(isDiagnosticData({ ...good, claimRange: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, attributionKind: 'vague' }));
  for (const bad of [
    null,
    'x',
    {},
    { ...good, version: '1' },
    { ...good, expected: [1] },
    { ...good, sentenceEnd: null },
    { ...good, entryId: 3 },
    { ...good, claimRange: { start: { line: 0 } } },
    { ...good, claimRange: null },
    { ...good, attributionKind: 1 },
    { ...good, highlights: undefined },
    { ...good, highlights: [{ text: 'a' }] },
    { ...good, term: { range: span.range } },
  ]) {
    assert.equal(isDiagnosticData(bad), false, JSON.stringify(bad));
  }
});

test('hover: the note without the voice sentence, alternatives, voice, link; escaped', () => {
  const text = '“The juggernaut of *Ada_Moss* rolls,” said Senator [Ada] Moss.\n';
  const { findings, positions } = run(text);
  const at = findingsAt(findings, text.indexOf('juggernaut') + 3);
  assert.equal(at.length, 1);
  const hover = findingsToHover(at, positions);
  assert.deepEqual(hover?.range, range(text, 'juggernaut'));
  assert.equal(
    (hover?.contents as { value: string }).value,
    [
      '**Loaded wording** · `loaded-language` · lexicon entry `test-juggernaut`',
      '',
      'Calls a rival unstoppable and menacing. It decides the contest before the reporting does.',
      '',
      '**Neutral alternatives:** “front-runner”, “leading campaign”',
      '',
      '**Voice:** quoted — the words of **Senator \\[Ada\\] Moss**, not the outlet’s own.',
      '',
      '[Reference](https://example.org/style/juggernaut)',
    ].join('\n'),
  );
  assert.equal(findingsToHover([], positions), null);
  assert.equal(escapeMarkdown('a*b_c[d]`e`'), 'a\\*b\\_c\\[d\\]\\`e\\`');
});

test('quick fixes are built from the diagnostic alone, versioned, case kept', () => {
  const text = 'Juggernaut politics. The crony smiled.\n';
  const { diagnostics } = run(text);
  const jug = diagnostics.find((d) => d.code === 'loaded-language') as Diagnostic;
  const actions = quickFixes({ uri: URI, version: 7, diagnostics: [jug], canIgnoreInWorkspace: true, documentChanges: true });
  assert.deepEqual(
    actions.map((a) => [a.title, a.isPreferred === true, a.edit ? applyEdits(text, editsOf(a.edit)) : a.command?.command]),
    [
      ['Suggest “Front-runner” (CriticMarkup substitution)', true, '{~~Juggernaut~>Front-runner~~} politics. The crony smiled.\n'],
      ['Suggest “Leading campaign” (CriticMarkup substitution)', false, '{~~Juggernaut~>Leading campaign~~} politics. The crony smiled.\n'],
      ['Annotate “Juggernaut” as reviewed (CriticMarkup comment)', false, '{==Juggernaut==}{>>slant loaded: Calls a rival unstoppable and menacing.<<} politics. The crony smiled.\n'],
      ['Ignore loaded-language in this sentence', false, 'Juggernaut politics.{>>slant-ignore loaded-language<<} The crony smiled.\n'],
      ['Replace with “Front-runner”', false, 'Front-runner politics. The crony smiled.\n'],
      ['Replace with “Leading campaign”', false, 'Leading campaign politics. The crony smiled.\n'],
      ['Ignore “Juggernaut” in this workspace', false, 'slant.server.ignoreTermInWorkspace'],
    ],
  );
  for (const a of actions) if (a.edit) assert.deepEqual((a.edit.documentChanges?.[0] as TextDocumentEdit).textDocument, { uri: URI, version: 7 });
  assert.deepEqual(actions.at(-1)?.command?.arguments, [{ uri: URI, term: 'test-juggernaut' }]);

  const crony = diagnostics.find((d) => d.code === 'name-calling') as Diagnostic;
  const note = quickFixes({ uri: URI, version: 7, diagnostics: [crony], canIgnoreInWorkspace: false, documentChanges: false });
  assert.deepEqual(
    note.map((a) => a.title),
    ['Annotate “crony” as reviewed (CriticMarkup comment)', 'Ignore name-calling in this sentence'],
  );
  assert.equal(applyEdits(text, note[0]?.edit?.changes?.[URI] ?? []), 'Juggernaut politics. The {==crony==}{>>slant loaded: A put-down for an ally; it implies favours << } without showing any.<<} smiled.\n');

  // Refused: another version, another source, mangled data, a filter that wants no quick fixes.
  assert.deepEqual(quickFixes({ uri: URI, version: 8, diagnostics: [jug], canIgnoreInWorkspace: true, documentChanges: true }), []);
  assert.deepEqual(quickFixes({ uri: URI, version: 7, diagnostics: [{ ...jug, source: 'eslint' }], canIgnoreInWorkspace: true, documentChanges: true }), []);
  assert.deepEqual(quickFixes({ uri: URI, version: 7, diagnostics: [{ ...jug, data: { version: 7 } }], canIgnoreInWorkspace: true, documentChanges: true }), []);
  assert.deepEqual(quickFixes({ uri: URI, version: 7, diagnostics: [jug], only: ['source'], canIgnoreInWorkspace: true, documentChanges: true }), []);
  assert.ok(wants(['quickfix'], 'quickfix') && wants(['source'], 'source.slant.annotateAll') && wants(undefined, 'quickfix') && !wants(['source.fixAll'], 'source.slant.annotateAll'));
});

test('annotate all: overlapping findings share one highlight; edits never overlap; boilerplate is left alone', () => {
  const text = 'Sign up for our daily newsletter\n\nThe “juggernaut” met a crony.\n';
  const { findings, positions } = run(text);
  assert.deepEqual(
    findings.map((f) => f.ruleId),
    ['boilerplate', 'scare-quote', 'loaded-language', 'name-calling'],
  );
  const edits = annotateAllEdits(text, findings, positions);
  assert.equal(edits.length, 2);
  assert.equal(
    applyEdits(text, edits),
    'Sign up for our daily newsletter\n\nThe {==“juggernaut”==}{>>slant loaded: Putting a word or two in quotation marks with no one named as saying them distances the writer from the words and invites the reader to doubt them, without evidence. | slant loaded: Calls a rival unstoppable and menacing.<<} met a {==crony==}{>>slant loaded: A put-down for an ally; it implies favours << } without showing any.<<}.\n',
  );
});

test('editor settings: validated field by field; malformed input never throws', () => {
  assert.deepEqual(validateEditorSettings(undefined), { settings: DEFAULT_SLANT_SETTINGS, problems: [] });
  assert.deepEqual(validateEditorSettings({ analyse: 'all', severity: { loaded: 'error' }, ignoreTerms: ['regime'], unknownKey: 1 }).settings, {
    ...DEFAULT_SLANT_SETTINGS,
    analyse: 'all',
    severity: { loaded: 'error' },
    ignoreTerms: ['regime'],
  });
  assert.equal(validateEditorSettings({ timeBudgetMs: 250 }).settings.timeBudgetMs, 250);
  const bad = validateEditorSettings({ analyse: 3, categories: ['loaded', 'gossip'], severity: { loaded: 'loud', gossip: 'hint' }, flagQuotedSpeech: 'yes', timeBudgetMs: 0.5, languages: 'markdown' });
  assert.deepEqual(bad.settings, DEFAULT_SLANT_SETTINGS);
  assert.deepEqual(bad.problems, [
    'slant.analyse must be one of auto, all, off',
    'slant.categories must list categories among loaded, partisan, unsupported, attribution, speculation, boilerplate',
    'slant.severity.loaded must be one of error, warning, info, hint, off',
    'slant.severity.gossip must be one of error, warning, info, hint, off',
    'slant.flagQuotedSpeech must be true or false',
    'slant.timeBudgetMs must be a whole number of milliseconds, at least 1',
    'slant.languages must be a list of strings',
  ]);
  assert.deepEqual(validateEditorSettings([1, 2]).problems, ['"slant" must be an object']);
});

test('effective settings: keys the workspace file sets win; severities merge; ignored terms add up', () => {
  const editor = { ...DEFAULT_SLANT_SETTINGS, severity: { loaded: 'error' as const, partisan: 'hint' as const }, ignoreTerms: ['regime'], flagQuotedSpeech: false, timeBudgetMs: 750 };
  const file = { ...DEFAULT_SETTINGS, categories: ['loaded' as const], severity: { partisan: 'off' as const }, ignoreTerms: ['thug', 'regime'], maxLength: 1000, timeBudgetMs: 300 };
  const merged = effectiveSettings(editor, { settings: file, keys: new Set(['categories', 'severity', 'ignoreTerms', 'maxLength']) });
  assert.deepEqual(merged.engine, {
    categories: ['loaded'],
    severity: { loaded: 'error', partisan: 'off' },
    flagQuotedSpeech: false,
    ignoreTerms: ['regime', 'thug'],
    maxLength: 1000,
    timeBudgetMs: 750,
  });
  assert.equal(effectiveSettings(editor, null).engine.maxLength, DEFAULT_SETTINGS.maxLength);
  assert.equal(effectiveSettings(editor, { settings: file, keys: new Set(['timeBudgetMs']) }).engine.timeBudgetMs, 300);
  assert.equal(DEFAULT_SLANT_SETTINGS.timeBudgetMs, DEFAULT_SETTINGS.timeBudgetMs, 'the editor and the engine default alike');
});

test('editor settings are asked once per resource, again after a change; each problem is reported once', async () => {
  const asked: string[] = [];
  const warnings: string[] = [];
  let value: unknown = { analyse: 'sometimes' };
  const settings = new EditorSettings(
    async (uri) => {
      asked.push(uri);
      return value;
    },
    (m) => warnings.push(m),
  );
  assert.equal((await settings.get('file:///a.md')).analyse, 'auto');
  await settings.get('file:///a.md');
  await settings.get('file:///b.md');
  assert.deepEqual(asked, ['file:///a.md', 'file:///b.md']);
  assert.deepEqual(warnings, ['slant.analyse must be one of auto, all, off']);
  value = { analyse: 'off' };
  settings.clear();
  assert.equal((await settings.get('file:///a.md')).analyse, 'off');
  assert.deepEqual(asked, ['file:///a.md', 'file:///b.md', 'file:///a.md']);
  const failing = new EditorSettings(() => Promise.reject(new Error('no configuration')), (m) => warnings.push(m));
  assert.deepEqual(await failing.get('file:///c.md'), DEFAULT_SLANT_SETTINGS);
});

test('"auto": front matter with outlet:, a .slant/ workspace, or a request', () => {
  assert.ok(hasOutletFrontMatter('---\ntitle: X\noutlet: Harbour Gazette\n---\nText'));
  assert.ok(hasOutletFrontMatter('\ufeff---\r\noutlet: X\r\n---\r\n'));
  assert.ok(!hasOutletFrontMatter('---\ntitle: X\n---\noutlet: not front matter'));
  assert.ok(!hasOutletFrontMatter('# outlet: X'));
  assert.ok(!hasOutletFrontMatter('---\noutlet: never closed'));
  const base = { mode: 'auto' as const, languages: ['markdown', 'plaintext'], languageId: 'markdown', text: '# Notes', inSlantWorkspace: false, requested: false };
  assert.equal(shouldAnalyse(base), false);
  assert.equal(shouldAnalyse({ ...base, text: '---\noutlet: X\n---\n' }), true);
  assert.equal(shouldAnalyse({ ...base, inSlantWorkspace: true }), true);
  assert.equal(shouldAnalyse({ ...base, requested: true }), true);
  assert.equal(shouldAnalyse({ ...base, mode: 'all' }), true);
  assert.equal(shouldAnalyse({ ...base, mode: 'all', languageId: 'typescript' }), false);
  assert.equal(shouldAnalyse({ ...base, mode: 'off', inSlantWorkspace: true, text: '---\noutlet: X\n---\n' }), false);
  assert.equal(shouldAnalyse({ ...base, mode: 'off', languageId: 'typescript', requested: true }), true);
});

test('ignoring a term in .slant/config.json keeps the rest of the file', () => {
  assert.equal(withIgnoredTerm(null, 'regime'), '{\n  "ignoreTerms": [\n    "regime"\n  ]\n}\n');
  assert.equal(
    withIgnoredTerm('{\n\t"severity": { "loaded": "hint" },\n\t"ignoreTerms": ["thug"]\n}\n', 'regime'),
    '{\n\t"severity": {\n\t\t"loaded": "hint"\n\t},\n\t"ignoreTerms": [\n\t\t"thug",\n\t\t"regime"\n\t]\n}\n',
  );
  assert.equal(withIgnoredTerm('{\r\n  "lexicons": ["a.json"]\r\n}\r\n', 'regime'), '{\r\n  "lexicons": [\r\n    "a.json"\r\n  ],\r\n  "ignoreTerms": [\r\n    "regime"\r\n  ]\r\n}\r\n');
  const already = '{ "ignoreTerms": ["regime"] }';
  assert.equal(withIgnoredTerm(already, 'regime'), already);
  assert.throws(() => withIgnoredTerm('{ "ignoreTerms": ', 'regime'), ConfigEditError);
  assert.throws(() => withIgnoredTerm('[1]', 'regime'), /not a JSON object/);
  assert.throws(() => withIgnoredTerm('{ "ignoreTerms": "regime" }', 'regime'), /not a list of strings/);
});

test('settings applied after the analysis do not touch cached findings', () => {
  const { findings } = run('The juggernaut met a crony.\n');
  const before = JSON.stringify(findings);
  const severe = applyFindingSettings(findings, { categories: ['loaded'], ignoreTerms: [], severity: { loaded: 'error' } });
  assert.deepEqual(
    severe.map((f) => f.severity),
    ['error', 'error'],
  );
  assert.equal(JSON.stringify(findings), before);
  assert.deepEqual(applyFindingSettings(findings, { categories: ['partisan'], ignoreTerms: [], severity: {} }), []);
  assert.deepEqual(applyFindingSettings(findings, { categories: ['loaded'], ignoreTerms: [], severity: { loaded: 'off' } }), []);
  assert.deepEqual(
    applyFindingSettings(findings, { categories: ['loaded'], ignoreTerms: ['test-juggernaut'], severity: {} }).map((f) => f.text),
    ['crony'],
  );
  assert.deepEqual(
    applyFindingSettings(findings, { categories: ['loaded'], ignoreTerms: ['Crony'], severity: {} }).map((f) => f.text),
    ['juggernaut'],
  );
});

test('sourcing: the sentence at an offset, end exclusive; nothing between sentences', () => {
  const sentences = [
    { start: 0, end: 10 },
    { start: 12, end: 20 },
  ];
  assert.deepEqual([0, 9, 10, 11, 12, 19, 20, 25].map((o) => sentenceAt(sentences, o)), [0, 0, -1, -1, 1, 1, -1, -1]);
  assert.equal(sentenceAt([], 0), -1);
});

test('sourcing: the profile title leaves out kinds with no claims; no percentage without claims', () => {
  const byKind = { named: 2, institutional: 0, anonymous: 1, vague: 0, self: 1, none: 2 };
  const profile = { claims: 6, byKind, unsourcedShare: 2 / 6, namedSources: 2, anonymousSources: 1, quotedSentences: 0 };
  assert.equal(profileTitle(profile), 'Sourcing: 6 claims · 33% unsourced · 2 named · 1 anonymous · 1 self');
  assert.equal(profileTitle({ ...profile, claims: 1, byKind: { ...byKind, named: 0, anonymous: 0, self: 0, none: 1 }, unsourcedShare: 1 }), 'Sourcing: 1 claim · 100% unsourced');
  assert.equal(profileTitle({ ...profile, claims: 0, byKind: { ...byKind, named: 0, anonymous: 0, self: 0, none: 0 }, unsourcedShare: 0 }), 'Sourcing: 0 claims');
});

test('sourcing: a hover section escapes the source; plain text is read as text; very long documents get none', () => {
  const text = 'Dr_Smith* said the levy will rise. It will rise again next year.\n';
  const doc = computeSourcing(text, 'text', DEFAULT_SETTINGS.maxLength);
  assert.ok(doc);
  const section = sourcingSection(doc, text.indexOf('again'));
  assert.equal(section?.markdown, '**Sourcing:** named source **Dr\\_Smith\\*** (“said”), carried from an earlier sentence.');
  assert.equal(sourcingLenses(doc, URI)[0]?.command?.arguments?.[0], URI);
  assert.equal(computeSourcing('a'.repeat(SOURCING_MAX_LENGTH + 1), 'text', DEFAULT_SETTINGS.maxLength), null);
  // Bounded by maxLength first: a short bound keeps a long document within reach.
  assert.ok(computeSourcing('a'.repeat(SOURCING_MAX_LENGTH + 1), 'text', 1000));
});

test('unsupported-claim data: the sentence to highlight, or the claim alone when the sentence holds CriticMarkup', () => {
  for (const [text, wrapped] of [
    ['Intro line.\n\nThe council clearly wants to raise taxes.\n', 'The council clearly wants to raise taxes.'],
    ['The council {++clearly++} wants to raise taxes.\n', null],
    ['The council{>>note<<} clearly wants to raise taxes.\n', 'clearly'],
    ['{++Intro. The council clearly wants to raise taxes++}.\n', null],
  ] as const) {
    const result = analyse(text, { format: 'markdown' });
    const positions = new LineIndex(text);
    const sentences = result.document.sentences;
    const f = result.findings.find((g) => g.ruleId === 'unsupported-claim' && g.details?.claim === 'certainty');
    assert.ok(f, text);
    const d = findingToDiagnostic(f, { uri: URI, version: 1, positions, sentenceEnd: (g) => sentenceEndOf(sentences, g), sentenceStart: (g) => sentenceStartOf(sentences, g), text });
    const data = d.data as DiagnosticData;
    assert.deepEqual(data.claimRange, wrapped === null ? undefined : range(text, wrapped), text);
    const titles = quickFixes({ uri: URI, version: 1, diagnostics: [d], canIgnoreInWorkspace: false, documentChanges: false }).map((a) => a.title);
    assert.equal(titles.includes('Annotate: needs a source'), wrapped !== null, text);
    assert.equal(titles.includes('Mark as reviewed'), wrapped !== null, text);
  }
});

test('a document whose editor gives no language id is read by its file extension', () => {
  assert.equal(languageOf('', 'file:///a/article.md'), 'markdown');
  assert.equal(languageOf('', 'file:///a/notes.TXT'), 'plaintext');
  assert.equal(languageOf('', 'file:///a/data.json'), '');
  assert.equal(languageOf('markdown', 'file:///a/notes.txt'), 'markdown');
});
