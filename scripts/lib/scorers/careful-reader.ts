/**
 * The careful-reader score: every finding of every rule (boilerplate aside) against articles
 * annotated with what a careful reader wants flagged (`careful-reader-*.jsonl`; the articles'
 * text is in `semeval2023-train-articles.jsonl` beside it, by id). Scoring rules are in
 * `../careful-reader.ts`. About a quarter of the articles (by a hash of their id) is held out:
 * its figures are printed apart, and its false positives and misses never are.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { analyse, type Finding } from '../../../server/src/engine/index.js';
import {
  FAMILIES,
  ITEM_KINDS,
  PrecisionTally,
  QuoteTally,
  RecallTally,
  findingFamily,
  isHeldOut,
  itemFound,
  judgeFinding,
  judgeQuote,
  occurrences,
  type CarefulItem,
  type FalsePositiveReason,
  type ItemKind,
  type Tier,
  type Voice,
} from '../careful-reader.js';
import { readJsonl, stringField, textOf } from '../data.js';
import { atLeast } from '../predict.js';
import { fmt, int, pct, type Table } from '../table.js';
import type { DatasetReport, ScoreContext, Scorer } from './types.js';

/** The file holding the annotated articles' text, next to the annotation file. */
export const ARTICLES_FILE = 'semeval2023-train-articles.jsonl';

export type Part = 'dev' | 'held-out';

/** Rules whose correct share the issue cites for context: [rule id, label]. */
const CONTEXT_RULES: readonly [string, string][] = [
  ['unsupported-claim', 'unsupported-claim correct'],
  ['scare-quote', 'scare-quote precision'],
];

const QUOTE_FORMS = ['direct', 'reported', 'tweet'] as const;

/** Every figure of one part (dev or held out). */
class PartScore {
  articles = 0;
  itemsNotInText = 0;
  quotesNotInText = 0;
  readonly precision = new PrecisionTally();
  readonly must = new RecallTally();
  readonly author = new RecallTally();
  readonly mustByKind = new Map<ItemKind, RecallTally>(ITEM_KINDS.map((k) => [k, new RecallTally()]));
  readonly authorByKind = new Map<ItemKind, RecallTally>(ITEM_KINDS.map((k) => [k, new RecallTally()]));
  readonly byFamily = new Map<string, PrecisionTally>(FAMILIES.map((f) => [f, new PrecisionTally()]));
  readonly byRule = new Map<string, PrecisionTally>();
  readonly quotes = new QuoteTally();
  readonly quotesByForm = new Map<string, QuoteTally>(QUOTE_FORMS.map((f) => [f, new QuoteTally()]));

  rule(id: string): PrecisionTally {
    let t = this.byRule.get(id);
    if (!t) this.byRule.set(id, (t = new PrecisionTally()));
    return t;
  }

  /** Rules, most findings first. */
  rules(): [string, PrecisionTally][] {
    return [...this.byRule].sort((a, b) => b[1].findings - a[1].findings || a[0].localeCompare(b[0]));
  }

  toJSON(): Record<string, unknown> {
    return {
      articles: this.articles,
      precision: this.precision.toJSON(),
      mustRecall: this.must.toJSON(),
      authorRecall: this.author.toJSON(),
      mustRecallByKind: Object.fromEntries([...this.mustByKind].map(([k, t]) => [k, t.toJSON()])),
      authorRecallByKind: Object.fromEntries([...this.authorByKind].map(([k, t]) => [k, t.toJSON()])),
      precisionByFamily: Object.fromEntries([...this.byFamily].map(([k, t]) => [k, t.toJSON()])),
      precisionByRule: Object.fromEntries(this.rules().map(([k, t]) => [k, t.toJSON()])),
      quoteSpeakers: this.quotes.toJSON(),
      quoteSpeakersByForm: Object.fromEntries([...this.quotesByForm].map(([k, t]) => [k, t.toJSON()])),
      context: Object.fromEntries(CONTEXT_RULES.map(([id]) => [id, contextFigure(this, id)])),
      annotationsNotInText: { items: this.itemsNotInText, quotes: this.quotesNotInText },
    };
  }
}

function contextFigure(part: PartScore, ruleId: string): { correct: number; findings: number; share: number | null } {
  const t = part.byRule.get(ruleId) ?? new PrecisionTally();
  return { correct: t.correct, findings: t.findings, share: t.precision() };
}

/** A false positive, tallied by rule and matched text (dev part only). */
interface FalsePositiveRow {
  ruleId: string;
  text: string;
  n: number;
  articles: Set<string>;
  reasons: Map<FalsePositiveReason, number>;
}

interface Miss {
  id: string;
  kind: ItemKind;
  text: string;
}

/** The false positives by (rule, lower-cased text), most frequent first. */
export class FalsePositiveList {
  private readonly rows = new Map<string, FalsePositiveRow>();

  add(articleId: string, f: Pick<Finding, 'ruleId' | 'text'>, reason: FalsePositiveReason): void {
    const text = f.text.replace(/\s+/g, ' ').trim().toLowerCase();
    const key = `${f.ruleId}\u0000${text}`;
    let row = this.rows.get(key);
    if (!row) this.rows.set(key, (row = { ruleId: f.ruleId, text, n: 0, articles: new Set(), reasons: new Map() }));
    row.n++;
    row.articles.add(articleId);
    row.reasons.set(reason, (row.reasons.get(reason) ?? 0) + 1);
  }

  top(n: number): { ruleId: string; text: string; n: number; articles: number; reasons: Record<string, number> }[] {
    return [...this.rows.values()]
      .sort((a, b) => b.n - a.n || b.articles.size - a.articles.size || a.ruleId.localeCompare(b.ruleId) || a.text.localeCompare(b.text))
      .slice(0, n)
      .map((r) => ({ ruleId: r.ruleId, text: r.text, n: r.n, articles: r.articles.size, reasons: Object.fromEntries(r.reasons) }));
  }
}

/** A sample of misses: kinds taken in turn, each in file order, so every kind shows. */
export function sampleMisses<T extends { kind: string }>(misses: readonly T[], n: number): T[] {
  const byKind = new Map<string, T[]>();
  for (const m of misses) {
    let list = byKind.get(m.kind);
    if (!list) byKind.set(m.kind, (list = []));
    list.push(m);
  }
  const queues = [...byKind.values()];
  const out: T[] = [];
  for (let i = 0; out.length < n && queues.some((q) => q.length > i); i++) {
    for (const q of queues) {
      const m = q[i];
      if (m !== undefined && out.length < n) out.push(m);
    }
  }
  return out;
}

function oneOf<T extends string>(value: unknown, allowed: readonly T[], what: string, where: string): T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw new Error(`${where}: ${what} ${JSON.stringify(value)} is not one of ${allowed.join(', ')}`);
  }
  return value as T;
}

function listOf(row: Record<string, unknown>, key: string, where: string): Record<string, unknown>[] {
  const v = row[key] ?? [];
  if (!Array.isArray(v) || v.some((x) => x === null || typeof x !== 'object' || Array.isArray(x))) throw new Error(`${where}: "${key}" is not a list of objects`);
  return v as Record<string, unknown>[];
}

function stringOf(row: Record<string, unknown>, key: string, where: string): string {
  const v = row[key];
  if (typeof v !== 'string' || v === '') throw new Error(`${where}: "${key}" is not a non-empty string`);
  return v;
}

const recallRow = (t: RecallTally): string[] => [`${int(t.items)} (${int(t.found)} found)`, fmt(t.recall())];
const precisionCells = (t: PrecisionTally): string[] => [`${int(t.findings)} (${int(t.correct)} correct)`, fmt(t.precision())];

export const carefulReaderScorer: Scorer = {
  id: 'careful-reader',
  title: 'Careful-reader score (every rule against what a careful reader wants flagged)',
  matches: (name) => name.toLowerCase().startsWith('careful-reader'),
  score(file: string, context: ScoreContext): DatasetReport {
    const rows = readJsonl(file);
    const articlesFile = path.join(path.dirname(file), ARTICLES_FILE);
    if (!existsSync(articlesFile)) throw new Error(`${path.basename(file)}: the articles' text is read from ${ARTICLES_FILE} beside it, which is missing`);
    const texts = new Map<string, string>();
    readJsonl(articlesFile).forEach((row, i) => {
      const id = stringField(row, 'id');
      if (id !== null) texts.set(id, textOf(row, `${ARTICLES_FILE}:${i + 1}`));
    });
    const showHeldOut = context.heldOut !== 'hide';
    const parts = new Map<Part, PartScore>([
      ['dev', new PartScore()],
      ['held-out', new PartScore()],
    ]);
    const falsePositives = new FalsePositiveList();
    const misses: Miss[] = [];
    let analysedChars = 0;
    let analyseMs = 0;
    context.progress(`scoring ${path.basename(file)} against the careful reader (${int(rows.length)} articles)`);
    rows.forEach((row, i) => {
      const where = `${path.basename(file)}:${i + 1}`;
      const id = stringOf(row, 'id', where);
      const text = texts.get(id);
      if (text === undefined) throw new Error(`${where}: article ${id} is not in ${ARTICLES_FILE}`);
      const partName: Part = isHeldOut(id) ? 'held-out' : 'dev';
      const part = parts.get(partName) as PartScore;
      const dev = partName === 'dev';
      part.articles++;
      const items: CarefulItem[] = listOf(row, 'items', where).map((it, j) => {
        const at = `${where}: item ${j}`;
        const itemText = stringOf(it, 'text', at);
        return {
          kind: oneOf(it.kind, ITEM_KINDS, 'kind', at),
          text: itemText,
          voice: oneOf<Voice>(it.voice, ['author', 'quoted'], 'voice', at),
          tier: oneOf<Tier>(it.tier, ['must', 'ok'], 'tier', at),
          occurrences: occurrences(text, itemText),
        };
      });
      const t0 = performance.now();
      const result = analyse(text, { format: 'text' });
      analyseMs += performance.now() - t0;
      analysedChars += text.length;
      const findings = result.findings.filter((f) => findingFamily(f) !== null && atLeast(f.severity, context.minSeverity));
      for (const f of findings) {
        const verdict = judgeFinding(f, items);
        part.precision.add(verdict);
        part.byFamily.get(findingFamily(f) as string)?.add(verdict);
        part.rule(f.ruleId).add(verdict);
        if (dev && !verdict.correct) falsePositives.add(id, f, verdict.reason);
      }
      for (const item of items) {
        if (item.occurrences.length === 0) part.itemsNotInText++;
        const found = itemFound(item, findings);
        if (item.tier === 'must') {
          part.must.add(found);
          part.mustByKind.get(item.kind)?.add(found);
          if (dev && !found) misses.push({ id, kind: item.kind, text: item.text });
        }
        if (item.voice === 'author') {
          part.author.add(found);
          part.authorByKind.get(item.kind)?.add(found);
        }
      }
      listOf(row, 'quotes', where).forEach((q, j) => {
        const at = `${where}: quote ${j}`;
        const spans = occurrences(text, stringOf(q, 'text', at));
        if (spans.length === 0) part.quotesNotInText++;
        const outcome = judgeQuote(spans, stringOf(q, 'speaker', at), result.document.quotes);
        part.quotes.add(outcome);
        const form = stringField(q, 'form') ?? 'unknown';
        let byForm = part.quotesByForm.get(form);
        if (!byForm) part.quotesByForm.set(form, (byForm = new QuoteTally()));
        byForm.add(outcome);
      });
    });

    const dev = parts.get('dev') as PartScore;
    const held = parts.get('held-out') as PartScore;
    const shown: [string, PartScore][] = showHeldOut ? [['dev', dev], ['held-out', held]] : [['dev', dev]];
    const topFalsePositives = falsePositives.top(context.listRows);
    const missSample = sampleMisses(misses, context.listRows);
    const ruleIds = [...new Set(shown.flatMap(([, p]) => p.rules().map(([id]) => id)))];

    const tables: Table[] = [
      {
        title: 'Careful-reader score',
        columns: [
          { header: 'part', align: 'left' },
          { header: 'articles' },
          { header: 'findings' },
          { header: 'precision' },
          { header: 'must items' },
          { header: 'must recall' },
          { header: 'author items' },
          { header: 'author recall' },
          { header: 'quotes' },
          { header: 'speaker right' },
        ],
        rows: shown.map(([name, p]) => [
          name,
          int(p.articles),
          `${int(p.precision.findings)} (${int(p.precision.correct)} correct)`,
          fmt(p.precision.precision()),
          ...recallRow(p.must),
          ...recallRow(p.author),
          `${int(p.quotes.quotes)} (${int(p.quotes.right)} right)`,
          pct(p.quotes.share()),
        ]),
      },
      {
        title: 'Recall by kind (must items; all items in the author\u2019s voice)',
        columns: [
          { header: 'kind', align: 'left' },
          ...shown.flatMap(([name]) => [{ header: `${name} must` }, { header: 'recall' }, { header: `${name} author` }, { header: 'recall' }]),
        ],
        rows: ITEM_KINDS.map((k) => [k, ...shown.flatMap(([, p]) => [...recallRow(p.mustByKind.get(k) ?? new RecallTally()), ...recallRow(p.authorByKind.get(k) ?? new RecallTally())])]),
      },
      {
        title: 'Precision by kind family (loaded = loaded, name-calling, partisan; claim = unsupported, speculation; attribution = vague, anonymous)',
        columns: [{ header: 'family', align: 'left' }, ...shown.flatMap(([name]) => [{ header: `${name} findings` }, { header: 'precision' }])],
        rows: FAMILIES.map((f) => [f, ...shown.flatMap(([, p]) => precisionCells(p.byFamily.get(f) ?? new PrecisionTally()))]),
      },
      {
        title: 'Precision by rule (dev: matched must / ok items, false positives by reason)',
        columns: [
          { header: 'rule', align: 'left' },
          { header: 'dev findings' },
          { header: 'precision' },
          { header: 'must' },
          { header: 'ok' },
          { header: 'FP no item' },
          { header: 'FP other kind' },
          { header: 'FP quoted voice' },
          ...(showHeldOut ? [{ header: 'held-out findings' }, { header: 'precision' }] : []),
        ],
        rows: ruleIds.map((id) => {
          const t = dev.byRule.get(id) ?? new PrecisionTally();
          return [
            id,
            ...precisionCells(t),
            int(t.must),
            int(t.ok),
            int(t.fp['no item']),
            int(t.fp['other kind']),
            int(t.fp['quoted voice']),
            ...(showHeldOut ? precisionCells(held.byRule.get(id) ?? new PrecisionTally()) : []),
          ];
        }),
      },
      {
        title: 'Quote speakers by form (found: a quotation of Slant\u2019s overlaps it; named: it names a speaker; right: the same person or body)',
        columns: [{ header: 'form', align: 'left' }, ...shown.flatMap(([name]) => [{ header: `${name} quotes` }, { header: 'found' }, { header: 'named' }, { header: 'right' }, { header: 'share' }])],
        rows: [...new Set(shown.flatMap(([, p]) => [...p.quotesByForm.keys()]))].map((form) => [
          form,
          ...shown.flatMap(([, p]) => {
            const t = p.quotesByForm.get(form) ?? new QuoteTally();
            return [int(t.quotes), int(t.found), int(t.named), int(t.right), pct(t.share())];
          }),
        ]),
      },
      {
        title: 'For context: the figures the issue cites',
        columns: [{ header: 'figure', align: 'left' }, ...shown.flatMap(([name]) => [{ header: `${name} N/M` }, { header: 'share' }])],
        rows: CONTEXT_RULES.map(([id, label]) => [
          label,
          ...shown.flatMap(([, p]) => {
            const c = contextFigure(p, id);
            return [`${int(c.correct)}/${int(c.findings)}`, pct(c.share)];
          }),
        ]),
      },
      {
        title: `Most frequent false positives, dev part only (top ${context.listRows})`,
        columns: [{ header: 'text', align: 'left' }, { header: 'rule', align: 'left' }, { header: 'n' }, { header: 'articles' }, { header: 'why false', align: 'left' }],
        rows: topFalsePositives.map((r) => [
          clip(r.text),
          r.ruleId,
          int(r.n),
          int(r.articles),
          Object.entries(r.reasons)
            .map(([k, v]) => `${k}×${v}`)
            .join(', '),
        ]),
      },
      {
        title: `Missed must items, dev part only (a sample of ${missSample.length} of ${misses.length}, kinds in turn)`,
        columns: [{ header: 'kind', align: 'left' }, { header: 'text', align: 'left' }, { header: 'article', align: 'left' }],
        rows: missSample.map((m) => [m.kind, clip(m.text), m.id]),
      },
    ];
    const notes = [
      `Held-out part: the articles whose id hashes to 0 modulo 4 (SHA-256) — ${int(held.articles)} of ${int(rows.length)} here. ${showHeldOut ? 'Its figures are shown; its false positives and misses never are: tune on the dev part only.' : 'Its figures are hidden (--held-out hide).'}`,
      'A finding is correct when it overlaps any occurrence of a must or ok item of a compatible kind; an item in quoted voice counts only for a finding that also takes the words as quoted ("FP quoted voice" otherwise). Boilerplate findings are left out.',
      `Quote speakers come from the engine's Document.quotes (quotation marks and blockquotes), so reported speech is found only where it overlaps quotation marks. Names are compared by words, without titles, case or diacritics.`,
    ];
    const notInText = dev.itemsNotInText + held.itemsNotInText + dev.quotesNotInText + held.quotesNotInText;
    if (notInText > 0) notes.push(`${int(notInText)} annotations are not found in their article's text: they are counted (as never found) but cannot be matched.`);

    return {
      dataset: 'careful-reader',
      title: carefulReaderScorer.title,
      file,
      status: 'scored',
      rows: rows.length,
      analysedChars,
      analyseMs,
      figures: {
        split: { method: 'sha256(id) first 4 bytes mod 4 == 0 is held out', dev: dev.articles, heldOut: held.articles, heldOutShown: showHeldOut },
        dev: dev.toJSON(),
        ...(showHeldOut ? { heldOut: held.toJSON() } : {}),
        devFalsePositives: falsePositives.top(Math.max(context.listRows, 200)),
        devMisses: misses.map((m) => ({ id: m.id, kind: m.kind, text: m.text })),
      },
      tables,
      notes,
    };
  },
};

/** Long texts cut for a table cell. */
function clip(text: string, max = 60): string {
  const one = text.replace(/\s+/g, ' ');
  return one.length > max ? `${one.slice(0, max - 1)}…` : one;
}
