/**
 * Every string the language server shows, in one place, reviewed like user-interface text.
 */
import type { AttributionKind, ClaimKind } from '../engine/index.js';
import type { AliasKind } from '../engine/compare/types.js';

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
  needsSource: 'Annotate: needs a source',
  needsSourceComment: 'no source given',
  markReviewed: 'Mark as reviewed',
  whichSource: 'Annotate: which source?',
  whichSourceComment: (kind: string): string => `${kind} — who exactly?`,

  // Hover.
  alternatives: 'Neutral alternatives',
  voice: 'Voice',
  authorsVoice: 'the author’s own wording.',
  quotedVoice: (speaker: string): string => `quoted — the words of ${speaker}, not the outlet’s own.`,
  unknownVoice: 'quoted — the text does not say whose words these are.',
  reference: 'Reference',
  entry: (id: string): string => `lexicon entry \`${id}\``,

  // Sourcing: hover section, code lens, document symbols.
  sourcing: 'Sourcing',
  quoted: q,
  sourceKind: {
    named: 'named source',
    institutional: 'institutional source',
    anonymous: 'anonymous source',
    vague: 'vague attribution',
    self: 'the outlet itself:',
  } satisfies Record<AttributionKind, string>,
  via: {
    cue: '',
    quote: ', the speaker of the quotation',
    carried: ', carried from an earlier sentence',
  } satisfies Record<'cue' | 'quote' | 'carried', string>,
  claimKind: {
    fact: 'a figure or factual claim',
    intent: 'a claim about intentions',
    cause: 'a claim about causes or meaning',
    certainty: 'a claim stated as certain',
    opinion: 'the writer’s declared opinion',
    statement: 'a statement',
  } satisfies Record<ClaimKind, string>,
  quotationNoSpeaker: 'a quotation; the text does not say whose words these are.',
  noAttribution: (claim: string): string => `no attribution covers this sentence (${claim}).`,
  nearestBefore: (source: string, kind: string, distance: number): string =>
    `Nearest source before it: ${source} (${kind}, ${distance} sentence${distance === 1 ? '' : 's'} back).`,
  noSourceBefore: 'No source is named before it.',
  claims: (n: number): string => `${n} ${n === 1 ? 'claim' : 'claims'}`,
  unsourced: (percent: number): string => `${percent}% unsourced`,
  sourceDetail: (kind: AttributionKind, claims: number): string => `${kind} · ${claims} ${claims === 1 ? 'claim' : 'claims'}`,

  // Stance: hover section on an entity mention.
  stanceToward: (name: string): string => `Stance toward ${name}`,
  aliasUsedFor: (text: string, name: string, kind: string): string => `“${text}” — used for ${name} (${kind}).`,
  aliasKind: {
    name: 'name',
    spelling: 'another spelling',
    demonym: 'adjective',
    capital: 'capital',
    seat: 'seat of power',
    leader: 'leader',
    organisation: 'organisation',
    abbreviation: 'abbreviation',
  } satisfies Record<AliasKind, string>,
  stanceFigures: (word: string, score: string, confidence: string, mentions: number): string =>
    `${word} (${score}) · confidence ${confidence} · ${mentions} ${mentions === 1 ? 'mention' : 'mentions'}`,
  quotedEvidence: (speaker: string | null): string => (speaker === null ? '(quoted)' : `(quoted: ${speaker})`),
  noStanceEvidence: 'No sentence gives it a stance: neutral for want of evidence.',

  // slant/compare: why inputs cannot be compared.
  compareBadParams: 'slant/compare expects { uris: string[], outlets?: { [uri]: string } }',
  compareFailed: (problems: string[]): string => `Slant cannot compare these documents: ${problems.join('; ')}.`,
  compareTooFew: (n: number): string => `Slant needs at least two different documents to compare; it got ${n}.`,
  compareNotFile: (uri: string): string => `${uri} is neither an open document nor a file on disk`,
  compareNotAFile: (path: string): string => `${path} is not a file`,
  compareUnreadable: (path: string, reason: string): string => `${path} cannot be read (${reason})`,
  compareBinary: (path: string): string => `${path} looks binary (it contains NUL characters)`,
  compareTooLong: (path: string, max: number): string => `${path} is longer than ${max.toLocaleString('en-US')} characters`,

  // Diagnostics that are about the document, not a passage.
  quotedFrom: (speaker: string): string => `Quoted from ${speaker}`,
  failed: (reason: string): string => `Slant could not analyse this document (${reason}); please report it.`,
  tooMany: (shown: number, total: number): string =>
    `Slant shows the first ${shown.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} findings in this document.`,
  binary: 'Slant did not analyse this document: it looks binary (it contains NUL characters).',
  timedOut: (budgetMs: number): string =>
    `Slant stopped analysing this document: it took far longer than its time budget (slant.timeBudgetMs, ${budgetMs.toLocaleString('en-US')} ms), so no findings are shown. Editing the document tries again.`,

  // Messages (window/showMessage).
  badSettings: (problems: string[]): string => `Slant: ignoring invalid settings (${problems.join('; ')}); using the defaults for them.`,
  badDataFile: (message: string, fallback: string): string => `Slant: ${message} — ${fallback}.`,
  builtinOnly: 'the built-in lexicon keeps working',
  builtinEntitiesOnly: 'the built-in entities keep working',
  defaultSettings: 'using the default settings',
  untrustedNoWrite: 'this workspace is not trusted, so Slant writes nothing in it',
  noWorkspaceFolder: 'Slant: this document is not in a workspace folder, so there is no .slant/config.json to add the term to.',
  configNotWritten: (file: string, reason: string): string => `Slant: could not update ${file}: ${reason}`,
  termIgnored: (term: string, file: string): string => `Slant: ${q(term)} is now ignored in this workspace (${file}).`,
  annotateRefused: 'Slant: the document changed since the findings were computed; run the command again.',
};
