/**
 * SemEval-2023 Task 3 (English): news articles with spans typed by persuasion technique. Loaded
 * wording is scored against Loaded_Language ∪ Name_Calling-Labeling spans.
 */
import path from 'node:path';
import { Confusion, SpanCounts, countSpans, countTokens, matchSpans, ratio, uniqueSpans, wordTokens } from '../metrics.js';
import { spansToUtf16 } from '../offsets.js';
import { predict } from '../predict.js';
import { readJsonl, spansOf, stringField, textOf } from '../data.js';
import { fmt, int } from '../table.js';
import { SPAN_COLUMNS, confusionRow, spanRow } from './common.js';
import type { DatasetReport, ScoreContext, Scorer } from './types.js';

/** The technique types that loaded-wording findings are scored against. */
export const LOADED_TYPES = ['Loaded_Language', 'Name_Calling-Labeling'] as const;

export const semevalScorer: Scorer = {
  id: 'semeval',
  title: 'SemEval-2023 Task 3 (persuasion techniques in news articles)',
  matches: (name) => name.toLowerCase().startsWith('semeval'),
  score(file: string, context: ScoreContext): DatasetReport {
    const rows = readJsonl(file);
    const spans = new SpanCounts();
    const tokens = new Confusion();
    const anyTechnique = new SpanCounts();
    const byType = new Map<string, SpanCounts>(LOADED_TYPES.map((t) => [t, new SpanCounts()]));
    const byGenre = new Map<string, SpanCounts>();
    let analysedChars = 0;
    let analyseMs = 0;
    context.progress(`scoring ${path.basename(file)} (${int(rows.length)} articles)`);
    rows.forEach((row, i) => {
      const where = `${path.basename(file)}:${i + 1}`;
      const text = textOf(row, where);
      const all = spansToUtf16(text, spansOf(row, where));
      const gold = uniqueSpans(all.filter((s) => (LOADED_TYPES as readonly string[]).includes(s.type)));
      const { predictions, ms } = predict(text, { minSeverity: context.minSeverity });
      analysedChars += text.length;
      analyseMs += ms;
      const counts = countSpans(predictions, gold);
      spans.add(counts);
      const genre = stringField(row, 'genre') ?? 'unknown';
      let g = byGenre.get(genre);
      if (!g) byGenre.set(genre, (g = new SpanCounts()));
      g.add(counts);
      for (const [type, c] of byType) c.add(countSpans(predictions, all.filter((s) => s.type === type)));
      const allUnique = uniqueSpans(all);
      const any = matchSpans(predictions, allUnique);
      anyTechnique.predicted += predictions.length;
      anyTechnique.predictedHit += any.predictedHit.filter(Boolean).length;
      anyTechnique.gold += allUnique.length;
      anyTechnique.goldFound += any.goldFound.filter(Boolean).length;
      const words = wordTokens(text);
      countTokens(words, predictions, gold, tokens);
      context.diagnostics.record('semeval', text, predictions, gold, words);
    });
    const genres = [...byGenre].sort((a, b) => b[1].gold - a[1].gold || a[0].localeCompare(b[0]));
    return {
      dataset: 'semeval',
      title: semevalScorer.title,
      file,
      status: 'scored',
      rows: rows.length,
      analysedChars,
      analyseMs,
      figures: {
        goldTypes: LOADED_TYPES,
        span: spans.toJSON(),
        token: tokens.toJSON(),
        precisionAgainstAnyTechnique: ratio(anyTechnique.predictedHit, anyTechnique.predicted),
        recallByType: Object.fromEntries([...byType].map(([t, c]) => [t, { gold: c.gold, found: c.goldFound, recall: c.scores().recall }])),
        byGenre: Object.fromEntries(genres.map(([k, c]) => [k, c.toJSON()])),
      },
      tables: [
        {
          title: `Loaded wording vs ${LOADED_TYPES.join(' ∪ ')} spans`,
          columns: SPAN_COLUMNS,
          rows: [spanRow('span (overlap)', spans), confusionRow('token (words)', tokens)],
        },
        {
          title: 'Recall by technique type',
          columns: [{ header: 'type', align: 'left' }, { header: 'gold spans' }, { header: 'found' }, { header: 'recall' }],
          rows: [...byType].map(([t, c]) => [t, int(c.gold), int(c.goldFound), fmt(c.scores().recall)]),
        },
        {
          title: 'Span level by genre',
          columns: [{ header: 'genre', align: 'left' }, ...SPAN_COLUMNS.slice(1)],
          rows: genres.map(([k, c]) => spanRow(k, c)),
        },
      ],
      notes: [
        'Precision here is pessimistic: the annotators did not mark every loaded word, so some "false positives" are loaded wording nobody annotated.',
        `Precision against a span of any persuasion technique (a looser reading): ${fmt(ratio(anyTechnique.predictedHit, anyTechnique.predicted))}.`,
        'Many SemEval spans sit inside quotations (see quoted vs author voice below).',
      ],
    };
  },
};
