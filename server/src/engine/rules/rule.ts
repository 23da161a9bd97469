import type { Category, Document, Finding } from '../types.js';
import type { Lexicon } from '../lexicon/lexicon.js';
import type { Settings } from '../settings.js';
import type { SourcingAnalysis } from '../sourcing/sourcing.js';

export interface RuleContext {
  document: Document;
  lexicon: Lexicon;
  settings: Settings;
  /** Attribution and claims per sentence, computed once before the rules run. */
  sourcing: SourcingAnalysis;
}

/** A rule: a small pure function from the document to findings, with the categories it reports. */
export interface Rule {
  id: string;
  categories: readonly Category[];
  /** One sentence on what the rule looks for (for `slant rules` and documentation). */
  description: string;
  run(context: RuleContext): Finding[];
}
