/**
 * Distinctive vocabulary: the term counts taken from an analysis, and the weighted log-odds with
 * an informative Dirichlet prior (Monroe et al. 2008) of each group against the others. The
 * groups are made up for the arithmetic, and the two slanted samples check that the terms found
 * are the ones a reader would pick.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { analyse } from '../src/engine/analyse.js';
import { termCounts } from '../src/engine/compare/passages.js';
import { distinctiveTerms, type TermGroup } from '../src/engine/compare/terms.js';
import type { DistinctiveTerm } from '../src/engine/compare/types.js';

const sample = (name: string): string => readFileSync(new URL(`../../samples/${name}`, import.meta.url), 'utf8');

/** Counts shared evenly by every group, so the totals are those of real articles. */
const COMMON: Record<string, number> = Object.fromEntries(['minister', 'talks', 'border', 'government', 'officials', 'week', 'city', 'said', 'report', 'meeting'].map((t) => [t, 40]));

const group = (name: string, extra: Record<string, number>): TermGroup => ({ name, terms: { ...COMMON, ...extra } });

const termOf = (list: readonly DistinctiveTerm[] | undefined, term: string): DistinctiveTerm | undefined => list?.find((t) => t.term === term);

// ---------------------------------------------------------------------------------------------
// Term counts
// ---------------------------------------------------------------------------------------------

test('term counts: lower-case content words and adjacent content-word pairs, not stemmed, no numbers', () => {
  const r = analyse('Occupation forces left Gaza’s border crossings on 12 March.\n\nThe occupation forces of the north returned 3 times.', { format: 'text' });
  const counts = termCounts(r);
  assert.equal(counts['occupation'], 2);
  assert.equal(counts['forces'], 2);
  assert.equal(counts['occupation forces'], 2);
  assert.equal(counts['gaza'], 1, 'the possessive is dropped');
  assert.equal(counts['gaza border'], 1);
  assert.equal(counts['border crossings'], 1, 'not stemmed');
  assert.equal(counts['crossing'], undefined);
  // A function word, a number or punctuation ends a pair.
  assert.equal(counts['forces north'], undefined);
  assert.equal(counts['crossings march'], undefined);
  assert.equal(counts['the'], undefined);
  assert.equal(counts['12'], undefined);
  assert.equal(counts['times'], 1);
  assert.equal(counts['returned times'], undefined);
});

test('term counts: quoted words count, boilerplate does not, sentences do not join', () => {
  const text = sample('civic-pulse-newsletter.md');
  const r = analyse(text, { path: 'civic-pulse-newsletter.md' });
  const counts = termCounts(r);
  assert.ok((counts['greedy landlords'] ?? 0) >= 1, 'a quoted speaker’s words count');
  const boilerplate = r.document.blocks.filter((b) => b.boilerplate).map((b) => text.slice(b.start, b.end).toLowerCase());
  assert.ok(boilerplate.some((b) => b.includes('cookies')));
  assert.equal(counts['cookies'], undefined, 'the cookie notice is boilerplate');
  const plain = termCounts(analyse('Prices rose. Markets fell.', { format: 'text' }));
  assert.deepEqual({ ...plain }, { prices: 1, rose: 1, 'prices rose': 1, markets: 1, fell: 1, 'markets fell': 1 });
});

test('term counts: a word that is an object property name elsewhere is counted like any other', () => {
  const counts = termCounts(analyse('The constructor built a constructor yard.', { format: 'text' }));
  assert.equal(counts['constructor'], 2);
  assert.equal(counts['tostring'], undefined);
  assert.equal(counts['valueOf'], undefined, 'no inherited properties');
});

// ---------------------------------------------------------------------------------------------
// Distinctive terms
// ---------------------------------------------------------------------------------------------

test('distinctive: a word one group overuses is its top term; the other group’s word is on its side; an evenly used word is on neither', () => {
  const result = distinctiveTerms([group('Herald', { occupation: 60, regime: 25, security: 4 }), group('Ledger', { occupation: 3, regime: 24, security: 50 })]);
  assert.deepEqual(Object.keys(result), ['Herald', 'Ledger']);
  assert.equal(result['Herald']?.[0]?.term, 'occupation');
  assert.ok((result['Herald']?.[0]?.z ?? 0) > 1.96);
  assert.deepEqual(result['Herald']?.[0] && { count: result['Herald'][0].count, otherCount: result['Herald'][0].otherCount }, { count: 60, otherCount: 3 });
  assert.equal(result['Ledger']?.[0]?.term, 'security');
  for (const side of ['Herald', 'Ledger']) {
    assert.equal(termOf(result[side], 'regime'), undefined, `regime on ${side}`);
    for (const t of Object.keys(COMMON)) assert.equal(termOf(result[side], t), undefined, `${t} on ${side}`);
  }
  assert.equal(termOf(result['Herald'], 'security'), undefined);
  assert.equal(termOf(result['Ledger'], 'occupation'), undefined);
});

test('distinctive: with two groups a term’s z-scores are opposite', () => {
  const groups = [group('A', { occupation: 30, security: 8 }), group('B', { occupation: 6, security: 30 })];
  const all = distinctiveTerms(groups, { minZ: -Infinity, top: 100 });
  for (const term of ['occupation', 'security', 'talks']) {
    const a = termOf(all['A'], term);
    const b = termOf(all['B'], term);
    assert.ok(a && b, term);
    assert.ok(Math.abs(a.z + b.z) < 0.002, `${term}: ${a.z} and ${b.z}`);
  }
  assert.ok(Math.abs(termOf(all['A'], 'talks')?.z ?? 1) < 0.05, 'an evenly used word scores about 0');
});

test('distinctive: a word used once by one group does not dominate; the prior holds it down', () => {
  const result = distinctiveTerms([group('A', { occupation: 30, zeitgeist: 1 }), group('B', { occupation: 4 })], { minZ: -Infinity, top: 100 });
  const once = termOf(result['A'], 'zeitgeist');
  const often = termOf(result['A'], 'occupation');
  assert.ok(once && often);
  assert.ok(once.z < 1.96, `a single use is not significant (z ${once.z})`);
  assert.ok(often.z > once.z);
  assert.equal(result['A']?.[0]?.term, 'occupation');
  assert.equal(termOf(distinctiveTerms([group('A', { occupation: 30, zeitgeist: 1 }), group('B', { occupation: 4 })])['A'], 'zeitgeist'), undefined);
});

test('distinctive: sorted by z, cut at top, each group against all the others pooled', () => {
  const extra = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`word${String.fromCharCode(97 + i)}`, 10 + i * 3]));
  const result = distinctiveTerms([group('A', extra), group('B', {}), group('C', { security: 40 })], { top: 5 });
  const a = result['A'] ?? [];
  assert.equal(a.length, 5);
  assert.deepEqual(
    a.map((t) => t.z),
    a.map((t) => t.z).sort((x, y) => y - x),
  );
  assert.equal(a[0]?.term, 'wordt', 'the most used of the words only A uses');
  // B has no words of its own; it uses the common ones at a higher rate than the others pooled.
  assert.ok((result['B'] ?? []).every((t) => t.term in COMMON && t.count === 40 && t.otherCount === 80));
  assert.equal(result['C']?.[0]?.term, 'security');
  assert.equal(result['C']?.[0]?.otherCount, 0, 'the others are A and B pooled');
});

test('distinctive: a word that is only ever part of a listed phrase is not listed again', () => {
  const result = distinctiveTerms([group('A', { tel: 30, aviv: 30, 'tel aviv': 30, israel: 2 }), group('B', { israel: 40 })]);
  assert.ok(termOf(result['A'], 'tel aviv'));
  assert.equal(termOf(result['A'], 'tel'), undefined);
  assert.equal(termOf(result['A'], 'aviv'), undefined);
});

test('distinctive: fewer than two groups have nothing to be compared with; bad input is a clear error', () => {
  assert.deepEqual(distinctiveTerms([]), {});
  assert.deepEqual(distinctiveTerms([group('A', { occupation: 30 })]), {});
  assert.throws(() => distinctiveTerms([group('A', {}), group('A', {})]), /the group "A" is given twice/);
  assert.throws(() => distinctiveTerms([group('A', { bad: -1 }), group('B', {})]), /group "A", term "bad": the count must be a finite number of 0 or more, not -1/);
  assert.throws(() => distinctiveTerms([group('A', { bad: Number.NaN }), group('B', {})]), /term "bad"/);
  assert.throws(() => distinctiveTerms([group('A', {}), group('B', {})], { top: -1 }), /top must be a whole number/);
  assert.throws(() => distinctiveTerms([group('A', {}), group('B', {})], { minZ: Number.NaN }), /minZ must be a number/);
  assert.deepEqual(distinctiveTerms([{ name: '__proto__', terms: { occupation: 30 } }, { name: 'B', terms: { security: 30 } }], { minZ: 0 })['__proto__']?.[0]?.term, 'occupation');
});

test('distinctive: the two slanted samples — each outlet’s own names for the actors come out on its side', () => {
  const groups = ['bosphorus-herald-bases.md', 'levant-ledger-bases.md'].map((name) => ({ name, terms: termCounts(analyse(sample(name), { path: name })) }));
  // Two short articles are little evidence: at the usual 1.96 few terms pass, so look at z ≥ 1.
  const result = distinctiveTerms(groups, { minZ: 1 });
  const herald = (result['bosphorus-herald-bases.md'] ?? []).map((t) => t.term);
  const ledger = (result['levant-ledger-bases.md'] ?? []).map((t) => t.term);
  for (const t of ['tel aviv', 'türkiye']) assert.ok(herald.includes(t), `${t} in ${herald.join(', ')}`);
  for (const t of ['jerusalem', 'hamas']) assert.ok(ledger.includes(t), `${t} in ${ledger.join(', ')}`);
  assert.deepEqual(herald.filter((t) => ledger.includes(t)), []);
});
