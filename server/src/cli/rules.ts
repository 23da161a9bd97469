/**
 * One-line descriptions of the rule ids findings carry, for SARIF's rule list. Rule ids the
 * table does not know yet get a description built from their category.
 */
import type { Category } from '../engine/index.js';

const DESCRIPTIONS: Record<string, string> = {
  'loaded-language': 'Loaded or emotive wording that carries a judgement.',
  'name-calling': 'Name-calling or a label that judges instead of describing.',
  'contested-label': 'A contested label whose use takes a side.',
  exaggeration: 'An intensifier or exaggeration that adds emphasis, not information.',
  euphemism: 'A euphemism that softens what happened.',
  'loaded-report-verb': 'A reporting verb that colours what a source said ("claimed", "admitted").',
  'partisan-term': 'Vocabulary that marks one side’s framing.',
  'scare-quote': 'A short quotation with no speaker, which distances the writer from the words without saying why.',
  boilerplate: 'Page furniture (subscription prompts, image credits, bios) excluded from analysis.',
  'unsupported-claim': 'An author-voice claim of certainty, intention, cause or a checkable figure that no attribution covers.',
  'vague-attribution': 'Attribution that names no source the reader could check ("reportedly", "critics say").',
  'anonymous-source': 'A source the text does not name ("sources familiar with the talks").',
  speculation: 'A hedged claim or prediction in the outlet’s own voice, with no source for it.',
};

const CATEGORY_LABELS: Record<Category, string> = {
  loaded: 'loaded wording',
  partisan: 'partisan vocabulary',
  unsupported: 'an unsupported claim',
  attribution: 'attribution',
  speculation: 'speculation',
  boilerplate: 'boilerplate',
};

export function ruleDescription(ruleId: string, category: Category): string {
  return DESCRIPTIONS[ruleId] ?? `Slant finding about ${CATEGORY_LABELS[category] ?? category} (${ruleId}).`;
}

/** "contested-label" → "ContestedLabel", for SARIF's `name`. */
export function ruleName(ruleId: string): string {
  return ruleId
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join('');
}
