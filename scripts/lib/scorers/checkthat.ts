/**
 * CLEF CheckThat! 2019 task 1: lines of US political debates labelled check_worthy or
 * not_check_worthy. Scores claim detection: each line is analysed as plain text on its own and
 * predicted to "make a checkable claim" under each definition in `CLAIM_DEFINITIONS`.
 */
import path from 'node:path';
import { Confusion, ratio } from '../metrics.js';
import { SOURCING_CATEGORIES, predict } from '../predict.js';
import { readJsonl, stringField, textOf } from '../data.js';
import { CLAIM_DEFINITIONS } from '../sourcing-eval.js';
import { fmt, int, pct } from '../table.js';
import type { DatasetReport, ScoreContext, Scorer } from './types.js';

const POSITIVE = 'check_worthy';
const NEGATIVE = 'not_check_worthy';

export const checkthatScorer: Scorer = {
  id: 'checkthat',
  title: 'CheckThat! 2019 (check-worthy debate lines)',
  matches: (name) => name.toLowerCase().startsWith('checkthat'),
  score(file: string, context: ScoreContext): DatasetReport {
    const rows = readJsonl(file);
    const confusion = new Map(CLAIM_DEFINITIONS.map((d) => [d.id, new Confusion()]));
    let analysedChars = 0;
    let analyseMs = 0;
    let unlabelled = 0;
    let positives = 0;
    let labelled = 0;
    let multiSentence = 0;
    context.progress(`scoring ${path.basename(file)} (${int(rows.length)} debate lines)`);
    rows.forEach((row, i) => {
      const where = `${path.basename(file)}:${i + 1}`;
      const text = textOf(row, where);
      const label = stringField(row, 'label');
      if (label !== POSITIVE && label !== NEGATIVE) {
        unlabelled++;
        return;
      }
      const { kept, result, ms } = predict(text, { minSeverity: context.minSeverity, categories: SOURCING_CATEGORIES });
      analysedChars += text.length;
      analyseMs += ms;
      labelled++;
      if (label === POSITIVE) positives++;
      if (result.sourcing.sentences.length > 1) multiSentence++;
      const line = { sentences: result.sourcing.sentences, findings: kept };
      for (const d of CLAIM_DEFINITIONS) confusion.get(d.id)?.count(d.test(line), label === POSITIVE);
    });
    const baseRate = ratio(positives, labelled);
    const defs = CLAIM_DEFINITIONS.map((d) => {
      const c = confusion.get(d.id) ?? new Confusion();
      const s = c.scores();
      const flagged = ratio(c.tp + c.fp, labelled);
      return { d, c, s, flagged, lift: s.precision !== null && baseRate ? s.precision / baseRate : null };
    });
    return {
      dataset: 'checkthat',
      title: checkthatScorer.title,
      file,
      status: 'scored',
      rows: rows.length,
      analysedChars,
      analyseMs,
      figures: {
        lines: labelled,
        unlabelled,
        checkWorthy: positives,
        baseRate,
        multiSentenceLines: multiSentence,
        definitions: Object.fromEntries(
          defs.map(({ d, c, flagged, lift }) => [d.id, { label: d.label, usesMinSeverity: d.usesSeverity, flaggedShare: flagged, liftOverBaseRate: lift, ...c.toJSON() }]),
        ),
      },
      tables: [
        {
          title: `"Makes a checkable claim" vs check_worthy (base rate ${pct(baseRate)}: ${int(positives)} of ${int(labelled)} lines)`,
          columns: [
            { header: 'definition', align: 'left' },
            { header: 'flagged' },
            { header: 'precision' },
            { header: 'recall' },
            { header: 'F1' },
            { header: 'lift' },
            { header: 'accuracy' },
          ],
          rows: defs.map(({ d, s, flagged, lift }) => [`${d.id}${d.usesSeverity ? ' *' : ''}`, pct(flagged), fmt(s.precision), fmt(s.recall), fmt(s.f1), lift === null ? '-' : `${lift.toFixed(2)}×`, fmt(s.accuracy)]),
        },
        {
          title: 'Confusion per definition (positive = check_worthy)',
          columns: [{ header: 'definition', align: 'left' }, { header: 'TP' }, { header: 'FP' }, { header: 'FN' }, { header: 'TN' }, { header: 'means', align: 'left' }],
          rows: defs.map(({ d, c }) => [d.id, int(c.tp), int(c.fp), int(c.fn), int(c.tn), d.label]),
        },
      ],
      notes: [
        `Each line is analysed alone as plain text; ${int(multiSentence)} line(s) split into more than one sentence and count as flagged when any sentence is. Lift is precision divided by the base rate (1.00× = no better than flagging lines at random). Definitions marked * read findings and follow --min-severity; the others read the sourcing analysis and do not.`,
        `Where the data and the task differ: the lines are transcribed political debate speech (first person, spoken, moderators' questions), not news prose, and every line is the speaker's own voice, so attribution plays almost no part. "Check-worthy" is a journalist's judgement that a claim is important enough to fact-check, not that it is checkable or unsourced: the positives are the claims fact-checkers chose to check, so many checkable lines (figures in passing, records, promises) are labelled not check-worthy. Precision against it is therefore pessimistic; recall is the more telling figure.`,
        ...(unlabelled > 0 ? [`${int(unlabelled)} line(s) without a check_worthy / not_check_worthy label are left out.`] : []),
      ],
    };
  },
};
