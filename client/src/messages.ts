/**
 * Every string the extension shows, in one place, reviewed like the rest of the user interface.
 * No `vscode` import: the pure modules and their tests use these too.
 */
export const Messages = {
  clientName: 'Slant',
  outputChannel: 'Slant',
  statusName: 'Slant',

  statusStarting: 'Slant is starting.',
  statusWaiting: 'Slant has not reported on this document yet.',
  statusNotAnalysed: 'Slant: not analysed',
  statusNotAnalysedTooltip:
    'Slant analyses documents with `outlet:` front matter, documents in a workspace with a `.slant/` folder, ' +
    'and documents you ask for (see the `slant.analyse` setting).\n\n' +
    'Click, or run **Slant: Analyse Document**, to analyse this one.',
  statusNoFindings: 'Slant: no findings',
  statusStopped: 'Slant: server stopped',
  statusStoppedTooltip: 'The Slant server is not running. Click to restart it.',
  statusClickForProblems:
    'Click to open the Problems view. To see only Slant’s findings there, type `slant` in its filter.',
  statusSourcing: 'Sourcing',
  statusUnsourced: (percent: number) => `${percent}% unsourced`,
  statusUnsourcedAria: (percent: number) => `${percent} percent of claims unsourced`,
  statusClaims: (n: number) => `${n} ${n === 1 ? 'claim' : 'claims'}`,
  statusSourceKind: 'source',
  statusClaimsHeader: 'claims',
  statusUnsourcedRow: 'no source',
  statusShowSources: 'Run **Slant: Show Sources** to list the sources and the claims each covers.',

  sourcesFailed: (reason: string) => `Slant could not list the sources: ${reason}`,
  sourcesNotAnalysed: 'Slant does not analyse this document yet. Run “Slant: Analyse Document” first.',
  sourcesPlaceholder: (profile: string) => `${profile} — choose a source or a claim to go to it`,
  sourcesNone: 'Slant found no sources and no claims in this document.',
  sourcesUnsourced: 'No source',
  sourceMention: 'named here',
  sourceNoClaims: 'covers no claim on its own',

  comparePlaceholder: 'Choose two or more documents to compare (Space to tick, Enter to compare)',
  compareChooseFiles: 'Choose files…',
  compareEditOutlets: 'Edit outlet names…',
  compareOpenLabel: 'Compare',
  compareFileFilter: 'Articles',
  compareTooFew: 'Slant compares two or more documents: tick at least two, or add files with “Choose files…”.',
  compareProgress: 'Slant: comparing',
  compareFailed: (reason: string) => `Slant could not compare the documents: ${reason}`,
  compareTitle: 'Slant: Stance comparison',
  compareOutletTitle: 'Slant: outlet name',
  compareOutletPrompt: (path: string, source: string) => `The outlet of ${path} (found in: ${source.replace('-', ' ')}). Change it to compare under another name.`,
  compareOutletEmpty: 'An outlet name cannot be empty.',
  compareOpenFailed: (reason: string) => `Slant could not open the passage: ${reason}`,

  noEditor: 'Open a document first.',
  unsupportedLanguage: (languageId: string, languages: readonly string[]) =>
    `Slant does not analyse “${languageId}” documents. Languages analysed: ${languages.join(', ')} (setting: slant.languages).`,
  analyseFailed: (reason: string) => `Slant could not analyse the document: ${reason}`,
  annotateFailed: (reason: string) => `Slant could not annotate the findings: ${reason}`,
  lexiconFailed: (reason: string) => `Slant could not list its lexicon files: ${reason}`,
  lexiconNone: 'Slant reported no lexicon files.',
  lexiconPlaceholder: 'Open a lexicon file',
  lexiconBuiltin: 'Built-in',
  lexiconBuiltinDetail: 'Shipped with Slant. To add or silence terms, use a workspace lexicon or the slant.ignoreTerms setting.',
  lexiconWorkspace: 'Workspace',
  lexiconWorkspaceUntrusted: 'Ignored until you trust this workspace.',
  restartFailed: (reason: string) => `Slant could not restart its server: ${reason}`,

  crashed: (crashes: number, minutes: number) =>
    `The Slant server stopped unexpectedly ${crashes} times in ${minutes} minutes and will not be restarted.`,
  restartAction: 'Restart Server',
  showOutputAction: 'Show Output',
  restarting: 'The Slant server stopped unexpectedly and is being restarted.',

  importOpenLabel: 'Import',
  importFileFilter: 'Saved web pages',
  importProgress: (name: string) => `Slant: importing ${name}`,
  importFailed: (name: string, reason: string) => `Slant could not import ${name}: ${reason}`,
  clipboardEmpty: 'The clipboard holds no text. Copy the article’s text first.',
  clipboardDone: (moved: number) =>
    `New article from the clipboard. Check the front matter Slant guessed${moved > 0 ? `; ${moved} ${moved === 1 ? 'line' : 'lines'} of page furniture moved into a comment at the end` : ''}.`,
} as const;
