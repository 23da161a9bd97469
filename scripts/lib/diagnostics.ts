/**
 * Diagnostics for tuning the lexicon, gathered across data sets: which entries fire wrongly,
 * which fire rightly, which annotated words nothing covers, and how quoted speech fares.
 */
import type { Span } from './offsets.js';
import { coveredBy, overlaps, ratio, type WordToken } from './metrics.js';
import { entryKey, type Prediction } from './predict.js';

interface HitCounts {
  tp: number;
  fp: number;
}

interface EntryTally extends HitCounts {
  key: string;
  ruleId: string;
  category: string;
  byDataset: Map<string, HitCounts>;
  /** Matched surface forms (lower-cased), for a glance at what the entry caught. */
  forms: Map<string, number>;
}

interface WordTally {
  /** Occurrences inside gold spans. */
  gold: number;
  /** Occurrences inside gold spans that no prediction overlaps. */
  missed: number;
  missedByDataset: Map<string, number>;
}

interface VoiceTally {
  quoted: HitCounts;
  author: HitCounts;
}

/** Function words left out of the missed-words list: they say nothing about the lexicon. */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  (
    'a an the and or but nor so yet for of in on at to from by with without as into onto upon about above below over under ' +
    'between among through during before after against than then that this these those there here which who whom whose what ' +
    'when where why how i me my mine we us our ours you your yours he him his she her hers it its they them their theirs ' +
    'is are was were be been being am do does did done have has had having will would shall should can could may might must ' +
    "not no all any some each every both either neither one such own same other only very too just also even more most much many " +
    "if because while until unless though although whether out up off s t don't isn't it's that's he's she's they're we're i'm"
  ).split(/\s+/),
);

export class Diagnostics {
  readonly datasets: string[] = [];
  private readonly entries = new Map<string, EntryTally>();
  private readonly words = new Map<string, WordTally>();
  private readonly voice = new Map<string, VoiceTally>();

  private dataset(id: string): void {
    if (!this.datasets.includes(id)) this.datasets.push(id);
  }

  /**
   * Records one document: each finding counts for its entry as a true positive when its range
   * overlaps a gold span; each gold-span word counts as missed when no prediction overlaps it.
   */
  record(datasetId: string, text: string, predictions: readonly Prediction[], gold: readonly Span[], tokens: readonly WordToken[]): void {
    this.dataset(datasetId);
    let voice = this.voice.get(datasetId);
    if (!voice) {
      voice = { quoted: { tp: 0, fp: 0 }, author: { tp: 0, fp: 0 } };
      this.voice.set(datasetId, voice);
    }
    for (const p of predictions) {
      const hit = gold.some((g) => overlaps(p, g));
      const v = p.quoted ? voice.quoted : voice.author;
      if (hit) v.tp++;
      else v.fp++;
      for (const f of p.findings) {
        const key = entryKey(f);
        let e = this.entries.get(key);
        if (!e) {
          e = { key, ruleId: f.ruleId, category: f.category, tp: 0, fp: 0, byDataset: new Map(), forms: new Map() };
          this.entries.set(key, e);
        }
        let d = e.byDataset.get(datasetId);
        if (!d) {
          d = { tp: 0, fp: 0 };
          e.byDataset.set(datasetId, d);
        }
        if (hit) {
          e.tp++;
          d.tp++;
        } else {
          e.fp++;
          d.fp++;
        }
        const form = text.slice(f.start, f.end).toLowerCase().replace(/\s+/g, ' ');
        e.forms.set(form, (e.forms.get(form) ?? 0) + 1);
      }
    }
    for (const t of tokens) {
      if (!coveredBy(t, gold)) continue;
      const word = t.text.toLowerCase().replace(/’/g, "'");
      if (STOP_WORDS.has(word) || /^\d+$/.test(word)) continue;
      let w = this.words.get(word);
      if (!w) {
        w = { gold: 0, missed: 0, missedByDataset: new Map() };
        this.words.set(word, w);
      }
      w.gold++;
      if (!coveredBy(t, predictions)) {
        w.missed++;
        w.missedByDataset.set(datasetId, (w.missedByDataset.get(datasetId) ?? 0) + 1);
      }
    }
  }

  /** Entries, each with its counts; sorted by the given order. */
  entryList(): EntrySummary[] {
    return [...this.entries.values()].map((e) => ({
      entry: e.key,
      ruleId: e.ruleId,
      category: e.category,
      tp: e.tp,
      fp: e.fp,
      precision: ratio(e.tp, e.tp + e.fp),
      byDataset: Object.fromEntries([...e.byDataset].map(([k, v]) => [k, { ...v }])),
      forms: [...e.forms].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([form, n]) => ({ form, n })),
    }));
  }

  worstEntries(n: number): EntrySummary[] {
    return this.entryList()
      .filter((e) => e.fp > 0)
      .sort((a, b) => b.fp - a.fp || (a.precision ?? 0) - (b.precision ?? 0) || a.entry.localeCompare(b.entry))
      .slice(0, n);
  }

  bestEntries(n: number): EntrySummary[] {
    return this.entryList()
      .filter((e) => e.tp > 0)
      .sort((a, b) => b.tp - a.tp || (b.precision ?? 0) - (a.precision ?? 0) || a.entry.localeCompare(b.entry))
      .slice(0, n);
  }

  missedWords(n: number): MissedWord[] {
    return [...this.words]
      .filter(([, w]) => w.missed > 0)
      .sort((a, b) => b[1].missed - a[1].missed || a[0].localeCompare(b[0]))
      .slice(0, n)
      .map(([word, w]) => ({ word, missed: w.missed, inGold: w.gold, byDataset: Object.fromEntries(w.missedByDataset) }));
  }

  voiceSummary(): VoiceSummary[] {
    const rows: VoiceSummary[] = [];
    const total: VoiceTally = { quoted: { tp: 0, fp: 0 }, author: { tp: 0, fp: 0 } };
    for (const id of this.datasets) {
      const v = this.voice.get(id);
      if (!v) continue;
      rows.push(voiceRow(id, v));
      for (const k of ['quoted', 'author'] as const) {
        total[k].tp += v[k].tp;
        total[k].fp += v[k].fp;
      }
    }
    if (rows.length > 1) rows.push(voiceRow('all', total));
    return rows;
  }
}

function voiceRow(dataset: string, v: VoiceTally): VoiceSummary {
  const quoted = v.quoted.tp + v.quoted.fp;
  const author = v.author.tp + v.author.fp;
  return {
    dataset,
    predictions: quoted + author,
    quoted,
    quotedShare: ratio(quoted, quoted + author),
    precisionQuoted: ratio(v.quoted.tp, quoted),
    precisionAuthor: ratio(v.author.tp, author),
  };
}

export interface EntrySummary {
  entry: string;
  ruleId: string;
  category: string;
  tp: number;
  fp: number;
  precision: number | null;
  byDataset: Record<string, HitCounts>;
  forms: { form: string; n: number }[];
}

export interface MissedWord {
  word: string;
  missed: number;
  inGold: number;
  byDataset: Record<string, number>;
}

export interface VoiceSummary {
  dataset: string;
  predictions: number;
  quoted: number;
  quotedShare: number | null;
  precisionQuoted: number | null;
  precisionAuthor: number | null;
}
