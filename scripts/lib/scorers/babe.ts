/**
 * BABE (Spinde et al. 2021): news sentences with an expert label (biased / neutral) and the
 * words experts marked as biased. Scores loaded wording at span, token and sentence level.
 */
import path from 'node:path';
import { Confusion, SpanCounts, countSpans, countTokens, wordTokens } from '../metrics.js';
import { spansToUtf16 } from '../offsets.js';
import { predict } from '../predict.js';
import { readJsonl, spansOf, stringField, textOf } from '../data.js';
import { fmt, int, pct } from '../table.js';
import { SPAN_COLUMNS, confusionRow, spanRow } from './common.js';
import type { DatasetReport, ScoreContext, Scorer } from './types.js';

export const babeScorer: Scorer = {
  id: 'babe',
  title: 'BABE (expert-annotated news sentences)',
  matches: (name) => name.toLowerCase().startsWith('babe'),
  score(file: string, context: ScoreContext): DatasetReport {
    const rows = readJsonl(file);
    const spans = new SpanCounts();
    const tokens = new Confusion();
    const sentences = new Confusion();
    const byLeaning = new Map<string, Confusion>();
    let analysedChars = 0;
    let analyseMs = 0;
    let unlabelled = 0;
    context.progress(`scoring ${path.basename(file)} (${int(rows.length)} sentences)`);
    rows.forEach((row, i) => {
      const where = `${path.basename(file)}:${i + 1}`;
      const text = textOf(row, where);
      const gold = spansToUtf16(text, spansOf(row, where));
      const { predictions, ms } = predict(text, { minSeverity: context.minSeverity });
      analysedChars += text.length;
      analyseMs += ms;
      spans.add(countSpans(predictions, gold));
      const words = wordTokens(text);
      countTokens(words, predictions, gold, tokens);
      context.diagnostics.record('babe', text, predictions, gold, words);
      const label = stringField(row, 'label');
      if (label === 'biased' || label === 'neutral') {
        const predicted = predictions.length > 0;
        sentences.count(predicted, label === 'biased');
        const leaning = stringField(row, 'outlet_leaning') ?? 'unknown';
        let c = byLeaning.get(leaning);
        if (!c) byLeaning.set(leaning, (c = new Confusion()));
        c.count(predicted, label === 'biased');
      } else unlabelled++;
    });
    const sentenceScores = sentences.scores();
    const leanings = [...byLeaning].sort((a, b) => a[0].localeCompare(b[0]));
    const total = (c: Confusion): number => c.tp + c.fp + c.fn + c.tn;
    return {
      dataset: 'babe',
      title: babeScorer.title,
      file,
      status: 'scored',
      rows: rows.length,
      analysedChars,
      analyseMs,
      figures: {
        span: spans.toJSON(),
        token: tokens.toJSON(),
        sentence: { ...sentences.toJSON(), unlabelled },
        sentenceByLeaning: Object.fromEntries(
          leanings.map(([k, c]) => [k, { sentences: total(c), goldBiasedShare: (c.tp + c.fn) / total(c), predictedBiasedShare: (c.tp + c.fp) / total(c), ...c.toJSON() }]),
        ),
      },
      tables: [
        {
          title: 'Loaded wording vs the words experts marked as biased',
          columns: SPAN_COLUMNS,
          rows: [spanRow('span (overlap)', spans), confusionRow('token (words)', tokens), confusionRow('sentence "biased"', sentences)],
        },
        {
          title: 'Sentence level: predicted biased iff at least one loaded/partisan finding',
          columns: [{ header: 'sentences' }, { header: 'TP' }, { header: 'FP' }, { header: 'FN' }, { header: 'TN' }, { header: 'accuracy' }, { header: 'F1' }],
          rows: [[int(total(sentences)), int(sentences.tp), int(sentences.fp), int(sentences.fn), int(sentences.tn), fmt(sentenceScores.accuracy), fmt(sentenceScores.f1)]],
        },
        {
          title: 'Sentence level by outlet leaning',
          columns: [{ header: 'leaning', align: 'left' }, { header: 'sentences' }, { header: 'gold biased' }, { header: 'flagged' }, { header: 'precision' }, { header: 'recall' }, { header: 'accuracy' }],
          rows: leanings.map(([k, c]) => {
            const s = c.scores();
            return [k, int(total(c)), pct((c.tp + c.fn) / total(c)), pct((c.tp + c.fp) / total(c)), fmt(s.precision), fmt(s.recall), fmt(s.accuracy)];
          }),
        },
      ],
      notes: [
        `${int(unlabelled)} sentence(s) without an agreed label are left out of the sentence level.`,
        'BABE marks every occurrence of a biased word; some neutral sentences list biased words and some biased ones list none.',
      ],
    };
  },
};
