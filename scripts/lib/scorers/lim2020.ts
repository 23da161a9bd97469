/**
 * Lim et al. 2020: four events, each told by 11–12 outlets of known leaning, every sentence rated
 * for bias by crowd workers. Each article is rebuilt as a document (title, then its sentences in
 * order) and profiled as `slant compare` profiles it. The questions, fixed before the run:
 *
 *  1. Do articles Slant finds more loaded read as more biased to the raters? (Spearman between
 *     loaded terms per 1,000 words and the article's mean sentence rating, within each event.)
 *  2. Sentence level: are sentences with loaded wording rated more biased? (P/R/F1 against the
 *     `biased` label; mean rating of flagged and unflagged sentences.)
 *  3. Do outlets' stances toward each event's main actor order with their leaning? (Spearman
 *     between leaning, left −2 … right +2, and the stance score, per event and entity.)
 *  4. Do outlets at the ends of the spectrum use more loaded wording than the centre?
 *     (Spearman between |leaning| and loaded density.)
 */
import path from 'node:path';
import { analyse, builtinGazetteer, profileOf, type DocumentProfile } from '../../../server/src/engine/index.js';
import { readJsonl, stringField } from '../data.js';
import { Confusion, ratio } from '../metrics.js';
import { LOADED_CATEGORIES, keepFinding } from '../predict.js';
import { fmt, int } from '../table.js';
import type { DatasetReport, ScoreContext, Scorer } from './types.js';

/** Leaning on a line from left to right; the data's "least" is least biased (centre). */
const LEANING: Readonly<Record<string, number>> = { left: -2, 'left-center': -1, least: 0, 'right-center': 1, right: 2, 'right-extream': 2 };

interface Sentence {
  text: string;
  rating: number;
  biased: boolean;
  index: number;
}

interface Article {
  event: string;
  outlet: string;
  leaning: number;
  title: string | null;
  sentences: Sentence[];
}

/** Spearman's rank correlation (average ranks for ties); null with fewer than 3 pairs or no spread. */
export function spearman(xs: readonly number[], ys: readonly number[]): number | null {
  if (xs.length !== ys.length || xs.length < 3) return null;
  const rank = (v: readonly number[]): number[] => {
    const order = v.map((x, i) => [x, i] as const).sort((a, b) => a[0] - b[0]);
    const r = new Array<number>(v.length);
    for (let i = 0; i < order.length; ) {
      let j = i;
      while (j + 1 < order.length && (order[j + 1] as readonly [number, number])[0] === (order[i] as readonly [number, number])[0]) j++;
      for (let k = i; k <= j; k++) r[(order[k] as readonly [number, number])[1]] = (i + j) / 2 + 1;
      i = j + 1;
    }
    return r;
  };
  const rx = rank(xs);
  const ry = rank(ys);
  const mean = (rx.length + 1) / 2;
  let num = 0;
  let dx = 0;
  let dy = 0;
  for (let i = 0; i < rx.length; i++) {
    const a = (rx[i] as number) - mean;
    const b = (ry[i] as number) - mean;
    num += a * b;
    dx += a * a;
    dy += b * b;
  }
  return dx === 0 || dy === 0 ? null : num / Math.sqrt(dx * dy);
}

function articlesOf(rows: Record<string, unknown>[]): Article[] {
  const byKey = new Map<string, Article>();
  for (const row of rows) {
    const event = stringField(row, 'event') ?? '?';
    const outletRaw = stringField(row, 'outlet_raw') ?? stringField(row, 'outlet') ?? '?';
    const key = `${event}\u0000${outletRaw}`;
    let a = byKey.get(key);
    if (!a) {
      const leaning = LEANING[stringField(row, 'outlet_leaning') ?? ''] ?? 0;
      byKey.set(key, (a = { event, outlet: stringField(row, 'outlet') ?? outletRaw, leaning, title: null, sentences: [] }));
    }
    const text = stringField(row, 'text') ?? '';
    if (row.is_title === true) a.title = text;
    else a.sentences.push({ text, rating: Number(row.mean_rating), biased: stringField(row, 'label') === 'biased', index: Number(row.sentence_index ?? 0) });
  }
  for (const a of byKey.values()) a.sentences.sort((x, y) => x.index - y.index);
  return [...byKey.values()];
}

export const lim2020Scorer: Scorer = {
  id: 'lim2020',
  title: 'Lim et al. 2020 (one event, many outlets)',
  matches: (name) => name.toLowerCase().startsWith('lim2020'),
  score(file: string, context: ScoreContext): DatasetReport {
    const rows = readJsonl(file);
    const articles = articlesOf(rows);
    context.progress(`scoring ${path.basename(file)} (${int(articles.length)} articles, ${int(rows.length)} rows)`);
    const gazetteer = builtinGazetteer();
    const sentenceConfusion = new Confusion();
    const flaggedRatings: number[] = [];
    const unflaggedRatings: number[] = [];
    let analysedChars = 0;
    let analyseMs = 0;
    const profiled: { article: Article; profile: DocumentProfile; meanRating: number }[] = [];
    for (const article of articles) {
      // One paragraph per sentence, so each sentence keeps its own boundaries.
      const parts = article.sentences.map((s) => s.text.replace(/\s+/g, ' ').trim());
      const text = `${article.title !== null ? `# ${article.title}\n\n` : ''}${parts.join('\n\n')}\n`;
      const t0 = performance.now();
      const result = analyse(text, { format: 'markdown' });
      const profile = profileOf(result, text, `${article.event}/${article.outlet}`, gazetteer, article.outlet);
      analyseMs += performance.now() - t0;
      analysedChars += text.length;
      // Sentence level: a sentence is flagged when a loaded finding in the author's voice lies in its paragraph.
      let at = article.title !== null ? article.title.length + 4 : 0;
      for (const [i, s] of article.sentences.entries()) {
        const start = at;
        const end = at + (parts[i] as string).length;
        at = end + 2;
        const flagged = result.findings.some((f) => f.start >= start && f.end <= end && !f.quoted && keepFinding(f, { minSeverity: context.minSeverity, categories: LOADED_CATEGORIES }));
        sentenceConfusion.count(flagged, s.biased);
        if (Number.isFinite(s.rating)) (flagged ? flaggedRatings : unflaggedRatings).push(s.rating);
      }
      const ratings = article.sentences.map((s) => s.rating).filter(Number.isFinite);
      profiled.push({ article, profile, meanRating: ratings.reduce((a, b) => a + b, 0) / Math.max(1, ratings.length) });
    }
    const events = [...new Set(articles.map((a) => a.event))];
    const mean = (v: number[]): number | null => (v.length ? v.reduce((a, b) => a + b, 0) / v.length : null);
    const perEvent = events.map((event) => {
      const here = profiled.filter((p) => p.article.event === event);
      const loadedVsRating = spearman(here.map((p) => p.profile.loadedPer1000Words), here.map((p) => p.meanRating));
      const extremeVsLoaded = spearman(here.map((p) => Math.abs(p.article.leaning)), here.map((p) => p.profile.loadedPer1000Words));
      // The event's main actors: entities mentioned by at least half of its articles, most mentioned first.
      const totals = new Map<string, { mentions: number; articles: number }>();
      for (const p of here) for (const s of p.profile.stance) {
        const t = totals.get(s.name) ?? { mentions: 0, articles: 0 };
        t.mentions += s.mentions;
        t.articles++;
        totals.set(s.name, t);
      }
      const actors = [...totals].filter(([, t]) => t.articles >= here.length / 2).sort((a, b) => b[1].mentions - a[1].mentions).slice(0, 3).map(([name]) => name);
      const stance = actors.map((name) => {
        const pairs = here.flatMap((p) => {
          const s = p.profile.stance.find((x) => x.name === name);
          return s ? [{ outlet: p.article.outlet, leaning: p.article.leaning, score: s.score, confidence: s.confidence }] : [];
        });
        const left = mean(pairs.filter((x) => x.leaning < 0).map((x) => x.score));
        const right = mean(pairs.filter((x) => x.leaning > 0).map((x) => x.score));
        return { entity: name, articles: pairs.length, leaningVsStance: spearman(pairs.map((x) => x.leaning), pairs.map((x) => x.score)), meanLeft: left, meanRight: right, outlets: pairs };
      });
      return { event, articles: here.length, loadedVsRating, extremeVsLoaded, stance };
    });
    const pooledLoaded = spearman(profiled.map((p) => p.profile.loadedPer1000Words), profiled.map((p) => p.meanRating));
    const s = sentenceConfusion.scores();
    const flaggedMean = mean(flaggedRatings);
    const unflaggedMean = mean(unflaggedRatings);
    return {
      dataset: 'lim2020',
      title: lim2020Scorer.title,
      file,
      status: 'scored',
      rows: rows.length,
      analysedChars,
      analyseMs,
      figures: {
        articles: articles.length,
        events: perEvent.map(({ stance, ...e }) => ({ ...e, stance: stance.map(({ outlets, ...x }) => ({ ...x, outlets })) })),
        pooledLoadedVsRating: pooledLoaded,
        sentence: { ...sentenceConfusion.toJSON(), meanRatingFlagged: flaggedMean, meanRatingUnflagged: unflaggedMean, flaggedShare: ratio(flaggedRatings.length, flaggedRatings.length + unflaggedRatings.length) },
      },
      tables: [
        {
          title: 'Sentences with loaded wording (author voice) vs the crowd label "biased"',
          columns: [{ header: 'sentences', align: 'left' }, { header: 'precision' }, { header: 'recall' }, { header: 'F1' }, { header: 'mean rating flagged' }, { header: 'unflagged' }],
          rows: [[int(sentenceConfusion.tp + sentenceConfusion.fp + sentenceConfusion.fn + sentenceConfusion.tn), fmt(s.precision), fmt(s.recall), fmt(s.f1), fmt(flaggedMean, 2), fmt(unflaggedMean, 2)]],
        },
        {
          title: 'Per event: Spearman ρ of loaded density with the crowd rating and with |leaning|',
          columns: [{ header: 'event', align: 'left' }, { header: 'articles' }, { header: 'ρ loaded~rating' }, { header: 'ρ |leaning|~loaded' }],
          rows: [...perEvent.map((e) => [e.event, int(e.articles), fmt(e.loadedVsRating), fmt(e.extremeVsLoaded)]), ['all (pooled)', int(profiled.length), fmt(pooledLoaded), '']],
        },
        {
          title: 'Per event and main actor: stance by leaning (ρ > 0: right-leaning outlets warmer toward the actor)',
          columns: [{ header: 'event', align: 'left' }, { header: 'entity', align: 'left' }, { header: 'articles' }, { header: 'ρ leaning~stance' }, { header: 'mean left' }, { header: 'mean right' }],
          rows: perEvent.flatMap((e) => e.stance.map((x) => [e.event, x.entity, int(x.articles), fmt(x.leaningVsStance), fmt(x.meanLeft), fmt(x.meanRight)])),
        },
      ],
      notes: [
        'Each article is rebuilt from its rated sentences (title as a heading, one paragraph per sentence); the data holds sentences, not whole articles, and some are truncated. ρ over 11–12 articles per event is noisy: |ρ| < 0.5 is not distinguishable from no relation at this size.',
        'Leaning is the data set\'s outlet label (left −2 … right +2, "least biased" 0); it describes the outlet, not each article. Stance is Slant\'s score toward the entity; the events are US stories (a suicide after abuse allegations, Facebook, NFL protests, North Korea), so the gazetteer\'s US entries and persons drive it.',
      ],
    };
  },
};
