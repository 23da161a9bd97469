/**
 * SemEval-2023 Task 3 (English) again, for the claims-and-attribution rules: findings in the
 * unsupported, attribution and speculation categories against the `Doubt` and
 * `Obfuscation-Vagueness-Confusion` spans, separately and together. Partial signals only: neither
 * technique is "a claim without a source".
 */
import path from 'node:path';
import { SpanCounts, countSpans, ratio, uniqueSpans } from '../metrics.js';
import { spansToUtf16, type Span } from '../offsets.js';
import { SOURCING_CATEGORIES, predict } from '../predict.js';
import { readJsonl, spansOf, stringField, textOf } from '../data.js';
import { RuleOverlap, coveredLength } from '../sourcing-eval.js';
import { int, pct } from '../table.js';
import { SPAN_COLUMNS, spanRow } from './common.js';
import type { DatasetReport, ScoreContext, Scorer } from './types.js';

export const DOUBT = 'Doubt';
export const VAGUENESS = 'Obfuscation-Vagueness-Confusion';

/** The gold sets scored, in table order. */
const GOLD_SETS = [DOUBT, VAGUENESS, 'either'] as const;
type GoldSet = (typeof GOLD_SETS)[number];
const GOLD_LABEL: Record<GoldSet, string> = { [DOUBT]: 'Doubt', [VAGUENESS]: 'Obfuscation-Vagueness-Confusion', either: 'Doubt ∪ Obfuscation' };

export const semevalSourcingScorer: Scorer = {
  id: 'semeval-sourcing',
  title: 'SemEval-2023 Task 3, claims and attribution (Doubt, Obfuscation-Vagueness-Confusion)',
  matches: (name) => name.toLowerCase().startsWith('semeval'),
  score(file: string, context: ScoreContext): DatasetReport {
    const rows = readJsonl(file);
    const spans = new Map<GoldSet, SpanCounts>(GOLD_SETS.map((g) => [g, new SpanCounts()]));
    const byCategory = new Map<string, SpanCounts>([...SOURCING_CATEGORIES].map((c) => [c, new SpanCounts()]));
    const byGenre = new Map<string, SpanCounts>();
    const rules = new RuleOverlap([...GOLD_SETS, 'any technique']);
    const covered = new Map<GoldSet, number>(GOLD_SETS.map((g) => [g, 0]));
    let analysedChars = 0;
    let analyseMs = 0;
    let articlesWithGold = 0;
    context.progress(`scoring ${path.basename(file)} for claims and attribution (${int(rows.length)} articles)`);
    rows.forEach((row, i) => {
      const where = `${path.basename(file)}:${i + 1}`;
      const text = textOf(row, where);
      const all = spansToUtf16(text, spansOf(row, where));
      const gold: Record<string, Span[]> = {
        [DOUBT]: uniqueSpans(all.filter((s) => s.type === DOUBT)),
        [VAGUENESS]: uniqueSpans(all.filter((s) => s.type === VAGUENESS)),
        either: uniqueSpans(all.filter((s) => s.type === DOUBT || s.type === VAGUENESS)),
        'any technique': uniqueSpans(all),
      };
      if ((gold.either ?? []).length > 0) articlesWithGold++;
      const { predictions, kept, ms } = predict(text, { minSeverity: context.minSeverity, categories: SOURCING_CATEGORIES });
      analysedChars += text.length;
      analyseMs += ms;
      for (const g of GOLD_SETS) {
        spans.get(g)?.add(countSpans(predictions, gold[g] ?? []));
        covered.set(g, (covered.get(g) ?? 0) + coveredLength(text.length, gold[g] ?? []));
      }
      for (const [category, c] of byCategory) {
        c.add(countSpans(predictions.filter((p) => p.findings.some((f) => f.category === category)), gold.either ?? []));
      }
      const genre = stringField(row, 'genre') ?? 'unknown';
      let g = byGenre.get(genre);
      if (!g) byGenre.set(genre, (g = new SpanCounts()));
      g.add(countSpans(predictions, gold.either ?? []));
      rules.add(kept, gold);
    });
    const genres = [...byGenre].sort((a, b) => b[1].gold - a[1].gold || a[0].localeCompare(b[0]));
    const coverage = Object.fromEntries(GOLD_SETS.map((g) => [g, ratio(covered.get(g) ?? 0, analysedChars)]));
    const ruleRows = rules.rows();
    return {
      dataset: 'semeval-sourcing',
      title: semevalSourcingScorer.title,
      file,
      status: 'scored',
      rows: rows.length,
      analysedChars,
      analyseMs,
      figures: {
        categories: [...SOURCING_CATEGORIES],
        span: Object.fromEntries(GOLD_SETS.map((g) => [g, spans.get(g)?.toJSON()])),
        spanByCategoryAgainstEither: Object.fromEntries([...byCategory].map(([c, s]) => [c, s.toJSON()])),
        byGenreAgainstEither: Object.fromEntries(genres.map(([k, c]) => [k, c.toJSON()])),
        textCoveredByGold: coverage,
        articlesWithGold,
        byRule: ruleRows,
      },
      tables: [
        {
          title: 'Claims-and-attribution findings (unsupported, attribution, speculation) vs technique spans',
          columns: [...SPAN_COLUMNS, { header: 'text covered' }],
          rows: GOLD_SETS.map((g) => [...spanRow(GOLD_LABEL[g], spans.get(g) ?? new SpanCounts()), pct(coverage[g])]),
        },
        {
          title: `By category, against ${GOLD_LABEL.either}`,
          columns: [{ header: 'category', align: 'left' }, ...SPAN_COLUMNS.slice(1)],
          rows: [...byCategory].map(([c, s]) => spanRow(c, s)),
        },
        {
          title: 'Per rule: share of its findings that overlap a span',
          columns: [
            { header: 'rule', align: 'left' },
            { header: 'findings' },
            { header: 'Doubt' },
            { header: 'Obfuscation' },
            { header: 'either' },
            { header: 'any technique' },
          ],
          rows: ruleRows.map((r) => [
            r.ruleId,
            int(r.findings),
            ...[...GOLD_SETS, 'any technique'].map((g) => `${pct(r.share[g])} (${int(r.hits[g] ?? 0)})`),
          ]),
        },
        {
          title: `Span level by genre, against ${GOLD_LABEL.either}`,
          columns: [{ header: 'genre', align: 'left' }, ...SPAN_COLUMNS.slice(1)],
          rows: genres.map(([k, c]) => spanRow(k, c)),
        },
      ],
      notes: [
        `"text covered" is the share of all characters inside such spans: a finding dropped at random lands in one about that often (more for longer findings), so compare precision with it. ${int(articlesWithGold)} of ${int(rows.length)} articles have a Doubt or Obfuscation span.`,
        'Where the data and the task differ: Doubt marks the author casting doubt on someone else (their credibility, motives, claims), not a claim that lacks a source; Obfuscation-Vagueness-Confusion marks deliberately unclear wording, not vague attribution ("reportedly", "sources say"). Neither technique marks unsourced facts, speculation or anonymous sources as such, and annotators marked the most salient spans, not every instance, so both precision and recall are only a partial signal.',
        'Spans are whole clauses or sentences while findings are cue words, so overlap is generous to precision per finding; a gold span counts as found when any finding touches it.',
      ],
    };
  },
};
