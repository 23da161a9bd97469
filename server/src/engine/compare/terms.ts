/**
 * Vocabulary distinctive of each group of documents (an outlet), by the weighted log-odds ratio
 * with an informative Dirichlet prior (Monroe, Colaresi & Quinn 2008, "Fightin' Words"), each
 * group against all the other groups pooled.
 *
 * For group i, the others j, term w: y_iw and y_jw are the term's counts, n_i and n_j the groups'
 * totals. The prior is the pooled vocabulary, scaled: α_w = α0 · Y_w / Y, with Y_w the term's
 * count over all groups, Y the total, and α0 = 1,000 (so the prior weighs as much as a
 * thousand-token text in the pooled proportions):
 *
 *   δ  = log((y_iw + α_w) / (n_i + α0 − y_iw − α_w)) − log((y_jw + α_w) / (n_j + α0 − y_jw − α_w))
 *   σ² ≈ 1 / (y_iw + α_w) + 1 / (y_jw + α_w)
 *   z  = δ / σ
 *
 * The prior is what keeps rare terms down: a term one group uses once and no one else does gets
 * a small α_w, hence a large 1/α_w in σ², hence a small z; its z grows only with the square root
 * of how often the group uses it. Only the terms a group uses are scored for it (a term it never
 * uses cannot be its vocabulary). With fewer than two groups there is nothing to compare against
 * and the result is `{}`. A word is left out when a listed phrase accounts for every use of it.
 */
import type { DistinctiveTerm } from './types.js';

/** The prior's total weight (α0). */
export const PRIOR_WEIGHT = 1000;

export interface TermGroup {
  name: string;
  terms: Readonly<Record<string, number>>;
}

export interface DistinctiveOptions {
  /** Most terms per group (default 15). */
  top?: number;
  /** Least z-score (default 1.96, two-sided 5 %). */
  minZ?: number;
}

function checkGroups(groups: readonly TermGroup[], options: DistinctiveOptions): { top: number; minZ: number } {
  const top = options.top ?? 15;
  const minZ = options.minZ ?? 1.96;
  if (!Number.isInteger(top) || top < 0) throw new RangeError(`top must be a whole number of 0 or more, not ${String(top)}`);
  if (typeof minZ !== 'number' || Number.isNaN(minZ)) throw new RangeError(`minZ must be a number, not ${String(minZ)}`);
  const names = new Set<string>();
  for (const g of groups) {
    if (names.has(g.name)) throw new Error(`distinctive terms: the group "${g.name}" is given twice; pool its counts into one group`);
    names.add(g.name);
    for (const [term, count] of Object.entries(g.terms)) {
      if (!Number.isFinite(count) || count < 0) throw new RangeError(`distinctive terms: group "${g.name}", term "${term}": the count must be a finite number of 0 or more, not ${String(count)}`);
    }
  }
  return { top, minZ };
}

/**
 * Drops a word that is distinctive only as part of a distinctive phrase: "tel" and "aviv" when
 * "tel aviv" is listed with the same counts (each use of the word is a use of the phrase).
 */
function withoutSubsumed(scored: readonly DistinctiveTerm[]): DistinctiveTerm[] {
  const subsumed = new Set<string>();
  for (const t of scored) {
    const space = t.term.indexOf(' ');
    if (space < 0) continue;
    for (const word of [t.term.slice(0, space), t.term.slice(space + 1)]) subsumed.add(`${word}\u0000${t.count}\u0000${t.otherCount}`);
  }
  return subsumed.size === 0 ? [...scored] : scored.filter((t) => !subsumed.has(`${t.term}\u0000${t.count}\u0000${t.otherCount}`));
}

/** Per group, its most distinctive terms (z ≥ `minZ`, at most `top`), highest z first. */
export function distinctiveTerms(groups: readonly TermGroup[], options: DistinctiveOptions = {}): Record<string, DistinctiveTerm[]> {
  const { top, minZ } = checkGroups(groups, options);
  if (groups.length < 2) return {};
  const pooled = new Map<string, number>();
  let total = 0;
  const totals = groups.map((g) => {
    let n = 0;
    for (const [term, count] of Object.entries(g.terms)) {
      pooled.set(term, (pooled.get(term) ?? 0) + count);
      n += count;
    }
    total += n;
    return n;
  });
  // Entries, not assignment: a group may be called anything, "__proto__" included.
  return Object.fromEntries(
    groups.map((g, i) => {
      const ni = totals[i] as number;
      const nj = total - ni;
      const scored: DistinctiveTerm[] = [];
      for (const [term, yi] of Object.entries(g.terms)) {
        if (yi <= 0) continue;
        const all = pooled.get(term) as number;
        const yj = all - yi;
        const alpha = (PRIOR_WEIGHT * all) / total;
        const delta = Math.log((yi + alpha) / (ni + PRIOR_WEIGHT - yi - alpha)) - Math.log((yj + alpha) / (nj + PRIOR_WEIGHT - yj - alpha));
        const z = delta / Math.sqrt(1 / (yi + alpha) + 1 / (yj + alpha));
        if (Number.isFinite(z) && z >= minZ) scored.push({ term, z, count: yi, otherCount: yj });
      }
      scored.sort((a, b) => b.z - a.z || (a.term < b.term ? -1 : a.term > b.term ? 1 : 0));
      return [g.name, withoutSubsumed(scored).slice(0, top).map((t) => ({ ...t, z: Math.round(t.z * 1000) / 1000 }))];
    }),
  );
}
