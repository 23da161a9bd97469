/**
 * Every string the language server shows, in one place, reviewed like user-interface text.
 */
const q = (text: string): string => `“${text.replace(/\s+/g, ' ')}”`;

export const CATEGORY_LABELS: Record<string, string> = {
  loaded: 'Loaded wording',
  partisan: 'Partisan vocabulary',
  unsupported: 'Unsupported claim',
  attribution: 'Attribution',
  speculation: 'Speculation',
  boilerplate: 'Boilerplate',
};

export const ui = {
  // Quick fixes and source actions.
  suggest: (alternative: string): string => `Suggest ${q(alternative)} (CriticMarkup substitution)`,
  replace: (alternative: string): string => `Replace with ${q(alternative)}`,
  annotate: (text: string): string => `Annotate ${q(text)} as reviewed (CriticMarkup comment)`,
  ignoreHere: (ruleId: string): string => `Ignore ${ruleId} in this sentence`,
  ignoreInWorkspace: (term: string): string => `Ignore ${q(term)} in this workspace`,
  annotateAll: 'Annotate all findings in this document',

  // Hover.
  alternatives: 'Neutral alternatives',
  voice: 'Voice',
  authorsVoice: 'the author’s own wording.',
  quotedVoice: (speaker: string): string => `quoted — the words of ${speaker}, not the outlet’s own.`,
  unknownVoice: 'quoted — the text does not say whose words these are.',
  reference: 'Reference',
  entry: (id: string): string => `lexicon entry \`${id}\``,

  // Diagnostics that are about the document, not a passage.
  quotedFrom: (speaker: string): string => `Quoted from ${speaker}`,
  failed: (reason: string): string => `Slant could not analyse this document (${reason}); please report it.`,
  tooMany: (shown: number, total: number): string =>
    `Slant shows the first ${shown.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} findings in this document.`,
  binary: 'Slant did not analyse this document: it looks binary (it contains NUL characters).',

  // Messages (window/showMessage).
  badSettings: (problems: string[]): string => `Slant: ignoring invalid settings (${problems.join('; ')}); using the defaults for them.`,
  badDataFile: (message: string, fallback: string): string => `Slant: ${message} — ${fallback}.`,
  builtinOnly: 'the built-in lexicon keeps working',
  defaultSettings: 'using the default settings',
  noWorkspaceFolder: 'Slant: this document is not in a workspace folder, so there is no .slant/config.json to add the term to.',
  configNotWritten: (file: string, reason: string): string => `Slant: could not update ${file}: ${reason}`,
  termIgnored: (term: string, file: string): string => `Slant: ${q(term)} is now ignored in this workspace (${file}).`,
  annotateRefused: 'Slant: the document changed since the findings were computed; run the command again.',
};
