/** Every rule, in one list. A new rule is a module exporting a Rule, registered here. */
import { boilerplateRule } from './boilerplate-rule.js';
import { lexiconRule } from './lexicon-rule.js';
import type { Rule } from './rule.js';
import { scareQuoteRule } from './scare-quotes.js';
import { speculationRule, unsupportedClaimRule, weakAttributionRule } from './sourcing-rules.js';

export type { Rule, RuleContext } from './rule.js';

export const RULES: readonly Rule[] = [lexiconRule, scareQuoteRule, boilerplateRule, unsupportedClaimRule, weakAttributionRule, speculationRule];
