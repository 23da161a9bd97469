/** Boilerplate regions: reported once each, so the reader sees what was left out of the analysis. */
import type { Block, Finding } from '../types.js';
import { messages } from '../messages.js';
import { makeFinding } from './finding.js';
import type { Rule } from './rule.js';

export const boilerplateRule: Rule = {
  id: 'boilerplate',
  categories: ['boilerplate'],
  description: 'Page furniture (paywall and newsletter prompts, privacy notices, image credits, widgets, bios), excluded from analysis.',
  run({ document: doc }) {
    const findings: Finding[] = [];
    let run: Block[] = [];
    const flush = (): void => {
      const first = run[0];
      const last = run[run.length - 1];
      if (!first || !last) return;
      const labels = [...new Set(run.map((b) => b.boilerplateLabel ?? 'boilerplate'))];
      findings.push(
        makeFinding(doc, {
          ruleId: 'boilerplate',
          category: 'boilerplate',
          severity: 'hint',
          start: first.start,
          end: last.end,
          message: messages.boilerplate(labels),
          note: messages.boilerplateNote,
          voiceless: true,
          details: { labels, blocks: run.length },
        }),
      );
      run = [];
    };
    for (const b of doc.blocks) {
      if (b.boilerplate) run.push(b);
      else flush();
    }
    flush();
    return findings;
  },
};
