/**
 * The client's pure parts (no `vscode` needed) and the manifest they rely on.
 * Run: node --import tsx --test client/test/*.test.ts
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { ClientCommands, DEFAULT_SLANT_SETTINGS, type CategoryName, type DocumentSummary, type SourcesResult, type SourcingSummary } from '../../server/src/protocol/index.js';
import { statusView, categoryCounts, sourcingView } from '../src/summary.js';
import { profileLine, shorten, sourcePicks } from '../src/sourceItems.js';
import { documentSelectorFor, isSupported, languagesFrom } from '../src/languages.js';
import { CrashWindow } from '../src/restart.js';
import { lexiconItems, resolveLocation } from '../src/lexiconItems.js';

const root = (path: string): string => fileURLToPath(new URL(`../../${path}`, import.meta.url));

function summary(byCategory: Partial<Record<CategoryName, number>>, analysed = true): DocumentSummary {
  const counts = { loaded: 0, partisan: 0, unsupported: 0, attribution: 0, speculation: 0, boilerplate: 0, ...byCategory };
  return { uri: 'file:///a.md', analysed, total: Object.values(counts).reduce((a, b) => a + b, 0), byCategory: counts };
}

void describe('status bar text', () => {
  void it('lists non-zero categories in protocol order and opens the Problems view', () => {
    const view = statusView(summary({ partisan: 1, loaded: 3 }), 'running');
    assert.equal(view.text, '$(eye) Slant: 3 loaded · 1 partisan');
    assert.equal(view.ariaLabel, 'Slant: 3 loaded, 1 partisan');
    assert.equal(view.action, 'showProblems');
    assert.match(view.tooltip, /4 findings/);
    assert.match(view.tooltip, /\| loaded \| 3 \|/);
    assert.match(view.tooltip, /Problems view/);
  });

  void it('says one finding in the singular', () => {
    assert.match(statusView(summary({ boilerplate: 1 }), 'running').tooltip, /1 finding\b/);
  });

  void it('says when a document is not analysed and offers to analyse it', () => {
    const view = statusView(summary({}, false), 'running');
    assert.equal(view.text, '$(eye-closed) Slant: not analysed');
    assert.equal(view.action, 'analyseDocument');
    assert.match(view.tooltip, /Slant: Analyse Document/);
    assert.match(view.tooltip, /outlet:/);
    assert.match(view.tooltip, /\.slant\//);
  });

  void it('says when there are no findings', () => {
    assert.equal(statusView(summary({}), 'running').text, '$(eye) Slant: no findings');
  });

  void it('waits quietly before the first summary', () => {
    const view = statusView(undefined, 'running');
    assert.equal(view.text, '$(eye) Slant');
    assert.equal(view.action, 'none');
  });

  void it('shows a starting server, whatever summary it had', () => {
    const view = statusView(summary({ loaded: 1 }), 'starting');
    assert.equal(view.text, '$(sync~spin) Slant');
    assert.equal(view.action, 'none');
  });

  void it('offers a restart when the server stopped', () => {
    const view = statusView(summary({ loaded: 2 }), 'stopped');
    assert.equal(view.action, 'restartServer');
    assert.match(view.text, /server stopped/);
  });

  void it('ignores missing, negative and non-numeric counts', () => {
    const odd = { ...summary({}), byCategory: { loaded: -1, partisan: Number.NaN, speculation: 2 } } as unknown as DocumentSummary;
    assert.deepEqual(categoryCounts(odd), [{ category: 'speculation', count: 2 }]);
  });
});

const PROFILE: SourcingSummary = {
  claims: 10,
  byKind: { named: 3, institutional: 2, anonymous: 1, vague: 0, self: 0, none: 4 },
  unsourcedShare: 0.4,
  namedSources: 2,
  anonymousSources: 1,
  quotedSentences: 2,
};

void describe('status bar: sourcing', () => {
  void it('adds the unsourced share to the text, and the profile to the tooltip', () => {
    const view = statusView({ ...summary({ loaded: 2 }), sourcing: PROFILE }, 'running');
    assert.equal(view.text, '$(eye) Slant: 2 loaded · $(quote) 40% unsourced');
    assert.equal(view.ariaLabel, 'Slant: 2 loaded, 40 percent of claims unsourced');
    assert.match(view.tooltip, /\*\*Sourcing\*\*: 10 claims, 40% unsourced/);
    assert.match(view.tooltip, /\| named \| 3 \|\n\| institutional \| 2 \|\n\| anonymous \| 1 \|\n\| no source \| 4 \|/);
    assert.doesNotMatch(view.tooltip, /\| vague \|/);
    assert.match(view.tooltip, /Slant: Show Sources/);
  });

  void it('shows it with no findings too', () => {
    const view = statusView({ ...summary({}), sourcing: { ...PROFILE, unsourcedShare: 0, byKind: { ...PROFILE.byKind, none: 0 } } }, 'running');
    assert.equal(view.text, '$(eye) Slant: no findings · $(quote) 0% unsourced');
  });

  void it('says nothing about sourcing without claims, or without a profile', () => {
    assert.equal(statusView({ ...summary({ loaded: 1 }), sourcing: { ...PROFILE, claims: 0 } }, 'running').text, '$(eye) Slant: 1 loaded');
    assert.equal(statusView(summary({ loaded: 1 }), 'running').text, '$(eye) Slant: 1 loaded');
    assert.equal(sourcingView({ ...PROFILE, unsourcedShare: Number.NaN })?.text, '$(quote) 0% unsourced');
    assert.equal(sourcingView({ ...PROFILE, unsourcedShare: 7 })?.text, '$(quote) 100% unsourced');
  });
});

void describe('Show Sources list', () => {
  const at = (line: number, from: number, to: number) => ({ start: { line, character: from }, end: { line, character: to } });
  const result: SourcesResult = {
    uri: 'file:///a.md',
    version: 3,
    profile: PROFILE,
    sources: [
      {
        name: 'Foreign Minister Ayla Demir',
        kind: 'named',
        mentions: [at(2, 0, 32), at(6, 0, 10)],
        claims: [
          { range: at(2, 0, 73), text: 'Foreign Minister Ayla Demir said on Tuesday that the border would reopen.', claim: 'statement' },
          { range: at(2, 74, 105), text: 'The crossing will open at dawn.', claim: 'statement' },
        ],
      },
      { name: 'reportedly', kind: 'vague', mentions: [at(4, 10, 20)], claims: [] },
    ],
    unsourced: [{ range: at(8, 0, 41), text: 'The council clearly wants to raise taxes.', claim: 'certainty' }],
  };

  void it('groups each source with its first mention and its claims, then the unsourced claims', () => {
    assert.deepEqual(
      sourcePicks(result).map((p) => [p.separator, p.label, p.description ?? null, p.range?.start.line ?? null]),
      [
        [true, 'Foreign Minister Ayla Demir — named', null, null],
        [false, '$(person) Foreign Minister Ayla Demir', 'named · 2 claims · named here, line 3', 2],
        [false, '$(quote) Foreign Minister Ayla Demir said on Tuesday that the border would reopen.', 'line 3', 2],
        [false, '$(quote) The crossing will open at dawn.', 'line 3', 2],
        [true, 'reportedly — vague', null, null],
        [false, '$(cloud) reportedly', 'vague · covers no claim on its own · named here, line 5', 4],
        [true, 'No source', null, null],
        [false, '$(quote) The council clearly wants to raise taxes.', 'line 9 · certainty', 8],
      ],
    );
    assert.deepEqual(sourcePicks(result)[3]?.range, at(2, 74, 105));
  });

  void it('copes with an empty or malformed answer', () => {
    assert.deepEqual(sourcePicks({ ...result, sources: [], unsourced: [] }), []);
    assert.deepEqual(sourcePicks({ ...result, sources: undefined, unsourced: null } as unknown as SourcesResult), []);
  });

  void it('puts the profile in the placeholder and shortens long sentences at a word', () => {
    assert.equal(profileLine(PROFILE), '10 claims · 40% unsourced · 3 named · 2 institutional · 1 anonymous');
    const long = shorten('word '.repeat(40), 30);
    assert.ok(long.length <= 30 && long.endsWith('word…'), long);
  });
});

void describe('languages and the document selector', () => {
  void it('reads slant.languages defensively', () => {
    assert.deepEqual(languagesFrom(['markdown', ' plaintext ', 'markdown', 3, '']), ['markdown', 'plaintext']);
    assert.deepEqual(languagesFrom(undefined), DEFAULT_SLANT_SETTINGS.languages);
    assert.deepEqual(languagesFrom([]), DEFAULT_SLANT_SETTINGS.languages);
    assert.deepEqual(languagesFrom('markdown'), DEFAULT_SLANT_SETTINGS.languages);
  });

  void it('selects saved and unsaved documents of each language', () => {
    assert.deepEqual(documentSelectorFor(['markdown']), [
      { scheme: 'file', language: 'markdown' },
      { scheme: 'untitled', language: 'markdown' },
    ]);
    assert.equal(isSupported('markdown', 'untitled', ['markdown']), true);
    assert.equal(isSupported('markdown', 'git', ['markdown']), false);
    assert.equal(isSupported('json', 'file', ['markdown', 'plaintext']), false);
  });
});

void describe('restarting a crashed server', () => {
  void it('restarts four times within three minutes, then stops', () => {
    let t = 0;
    const w = new CrashWindow(4, 180_000, () => t);
    const decisions = [0, 1, 2, 3, 4].map(() => {
      t += 1000;
      return w.crashed();
    });
    assert.deepEqual(decisions, [true, true, true, true, false]);
    assert.equal(w.count, 5);
  });

  void it('forgets crashes older than the window, and all of them on reset', () => {
    let t = 0;
    const w = new CrashWindow(1, 1000, () => t);
    assert.equal(w.crashed(), true);
    t = 2000;
    assert.equal(w.crashed(), true);
    assert.equal(w.crashed(), false);
    w.reset();
    assert.equal(w.crashed(), true);
  });
});

void describe('lexicon locations', () => {
  const dir = join('/ext', 'server', 'data', 'lexicon');

  void it('resolves URIs, absolute paths and built-in names', () => {
    assert.deepEqual(resolveLocation('file:///w/.slant/lexicon.json', dir), { uri: 'file:///w/.slant/lexicon.json' });
    assert.deepEqual(resolveLocation('/w/.slant/lexicon.json', dir), { path: '/w/.slant/lexicon.json' });
    assert.deepEqual(resolveLocation('general.json', dir), { path: join(dir, 'general.json') });
  });

  void it('lists built-in files first, names them, and drops duplicates and junk', () => {
    const items = lexiconItems(
      {
        builtin: ['general.json', 'conflict.json', 'general.json'],
        workspace: ['file:///w/.slant/my%20terms.json', '' as string, 42 as unknown as string],
      },
      dir,
    );
    assert.deepEqual(
      items.map((i) => [i.group, i.label]),
      [
        ['builtin', 'general.json'],
        ['builtin', 'conflict.json'],
        ['workspace', 'my terms.json'],
      ],
    );
  });

  void it('copes with a missing group', () => {
    assert.deepEqual(lexiconItems({ builtin: [] } as unknown as { builtin: string[]; workspace: string[] }, dir), []);
  });
});

void describe('the manifest', () => {
  interface Property {
    type: string;
    default: unknown;
    scope?: string;
    enum?: string[];
    enumDescriptions?: string[];
    markdownDescription?: string;
    items?: { enum?: string[] };
    properties?: Record<string, { enum?: string[] }>;
  }
  const manifest = JSON.parse(readFileSync(root('package.json'), 'utf8')) as {
    main: string;
    activationEvents: string[];
    engines: { vscode: string };
    contributes: {
      configuration: { properties: Record<string, Property> };
      commands: { command: string; title: string; category: string }[];
      menus: Record<'commandPalette' | 'editor/title', { command: string; when?: string; group?: string }[]>;
    };
    capabilities: { untrustedWorkspaces: { supported: string; restrictedConfigurations: string[] } };
  };
  const properties = manifest.contributes.configuration.properties;

  void it('declares every setting with the protocol default and a description', () => {
    for (const [key, value] of Object.entries(DEFAULT_SLANT_SETTINGS)) {
      const p = properties[`slant.${key}`];
      assert.ok(p, `slant.${key} is contributed`);
      assert.deepEqual(p.default, value, `slant.${key} default`);
      assert.ok(p.markdownDescription, `slant.${key} has a description`);
    }
    const extra = Object.keys(properties).filter((k) => !(k.slice('slant.'.length) in DEFAULT_SLANT_SETTINGS));
    assert.deepEqual(extra, ['slant.trace.server']);
  });

  void it('explains each slant.analyse value', () => {
    const analyse = properties['slant.analyse'];
    assert.ok(analyse);
    assert.deepEqual(analyse.enum, ['auto', 'all', 'off']);
    assert.equal(analyse.enumDescriptions?.length, 3);
    assert.match(analyse.enumDescriptions?.[0] ?? '', /outlet:.*\.slant\/.*Analyse Document/);
  });

  void it('offers each category, and a severity for each', () => {
    const categories = DEFAULT_SLANT_SETTINGS.categories;
    assert.deepEqual(properties['slant.categories']?.items?.enum, categories);
    assert.deepEqual(Object.keys(properties['slant.severity']?.properties ?? {}), categories);
    for (const c of categories) {
      assert.deepEqual(properties['slant.severity']?.properties?.[c]?.enum, ['error', 'warning', 'info', 'hint', 'off']);
    }
  });

  void it('contributes the nine commands under the Slant category', () => {
    assert.deepEqual(
      manifest.contributes.commands.map((c) => [c.command, c.category]),
      [
        'slant.analyseDocument',
        'slant.annotateAll',
        'slant.restartServer',
        'slant.openLexicon',
        ClientCommands.showSources,
        ClientCommands.compareStance,
        'slant.importWebPage',
        'slant.newArticleFromClipboard',
        ClientCommands.refreshComparison,
      ].map((id) => [id, 'Slant']),
    );
    // Both import commands are offered everywhere (no "when"): they open a new document.
    for (const id of ['slant.importWebPage', 'slant.newArticleFromClipboard']) {
      assert.equal(manifest.contributes.menus.commandPalette.find((m) => m.command === id), undefined);
    }
    assert.equal(manifest.contributes.commands.find((c) => c.command === ClientCommands.compareStance)?.title, 'Compare Stance');
  });

  void it('offers Compare Stance everywhere, and Refresh Comparison on the comparison view only', () => {
    const palette = manifest.contributes.menus.commandPalette;
    assert.equal(palette.find((m) => m.command === ClientCommands.compareStance), undefined, 'no "when": always in the Command Palette');
    const onView = "activeWebviewPanelId == 'slant.comparison'";
    assert.equal(palette.find((m) => m.command === ClientCommands.refreshComparison)?.when, onView);
    assert.deepEqual(manifest.contributes.menus['editor/title'], [{ command: ClientCommands.refreshComparison, when: onView, group: 'navigation' }]);
  });

  void it('offers Show Sources in the Command Palette for the documents Slant reads', () => {
    assert.deepEqual(
      manifest.contributes.menus.commandPalette.find((m) => m.command === ClientCommands.showSources),
      { command: 'slant.showSources', when: 'slant.supportedEditor' },
    );
  });

  void it('restricts only settings that exist', () => {
    assert.equal(manifest.capabilities.untrustedWorkspaces.supported, 'limited');
    for (const key of manifest.capabilities.untrustedWorkspaces.restrictedConfigurations) assert.ok(properties[key], key);
  });

  void it('starts from the client bundle on Markdown and plain text', () => {
    assert.equal(manifest.main, './dist/client.cjs');
    assert.deepEqual(manifest.activationEvents, ['onLanguage:markdown', 'onLanguage:plaintext']);
    assert.equal(manifest.engines.vscode, '^1.91.0');
  });
});
