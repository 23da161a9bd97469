/**
 * The linguistic layer (engine/nlp): the tags the rules depend on (with the correction table
 * applied), offsets back into the source, chunks, clauses and names on original sentences,
 * laziness, bounds on hostile text, and property tests that it never throws and that every chunk,
 * clause and name nests inside its sentence.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { readDocument, type Document } from '../src/engine/index.js';
import { linguistics, MAX_SENTENCE, type SentenceNlp, type UPos } from '../src/engine/nlp/index.js';
import { TAG_CASES } from './nlp-cases.js';

function read(text: string, format: 'text' | 'markdown' = 'text'): Document {
  return readDocument(text, { format });
}

/** The reading of the sentence containing `needle`. */
function sentenceWith(doc: Document, needle: string): SentenceNlp {
  const at = doc.text.indexOf(needle);
  assert.ok(at >= 0, needle);
  const s = doc.sentences.findIndex((x) => x.start <= at && at < x.end);
  assert.ok(s >= 0, `no sentence holds ${needle}`);
  return linguistics(doc).sentence(s);
}

/** The tag of the `nth` token reading `word` in the sentence holding `context`. */
function tagOf(text: string, context: string, word: string): UPos {
  const doc = read(text);
  const nlp = sentenceWith(doc, context);
  const at = doc.text.indexOf(word, doc.text.indexOf(context));
  const t = nlp.tokens.find((x) => x.start === at);
  assert.ok(t, `no token at "${word}" in "${context}"`);
  return t.pos;
}

for (const { sentence, word, tag, why } of TAG_CASES) {
  test(`tagging table (${why}): "${word}" in "${sentence}" is ${tag}`, () => {
    assert.equal(tagOf(sentence, sentence.slice(0, 12), word), tag);
  });
}

test('the correction table records what it changed', () => {
  const doc = read('Officials claim the dam was never inspected.');
  const nlp = linguistics(doc).sentence(0);
  const claim = nlp.tokens.find((t) => t.text === 'claim');
  assert.equal(claim?.pos, 'VERB');
  assert.equal(claim?.corrected, 'NOUN', 'the tagger alone reads "claim" here as a noun');
  const dam = nlp.tokens.find((t) => t.text === 'dam');
  assert.equal(dam?.corrected, undefined);
});

test('a capitalised first word is a common noun when the document writes it in lower case', () => {
  const doc = read('Boatmen blocked the canal on Friday. The boatmen left at dusk.');
  const nlp = linguistics(doc).sentence(0);
  assert.equal(nlp.tokens[0]?.text, 'Boatmen');
  assert.equal(nlp.tokens[0]?.pos, 'NOUN');
});

test('lemmas: past tenses and plurals, and the lemmatiser’s “thru” mapped back', () => {
  const text = 'The ferries drew crowds through the night.';
  const nlp = linguistics(read(text)).sentence(0);
  const lemma = (w: string): string | undefined => nlp.tokens.find((t) => t.text === w)?.lemma;
  assert.equal(lemma('drew'), 'draw');
  assert.equal(lemma('ferries'), 'ferry');
  assert.equal(lemma('through'), 'through');
});

test('offsets: every token is the source text at its range, through Markdown syntax and astral characters', () => {
  const text = '# Notes\n\nThe **harbour** board, in [its report](https://example.org/r), called the 🌊 levy “unfair”.\n\nIt can’t wait, said Dr. Iva Kos.\n';
  const doc = read(text, 'markdown');
  const l = linguistics(doc);
  let seen = 0;
  for (let i = 0; i < doc.sentences.length; i++) {
    for (const t of l.sentence(i).tokens) {
      assert.equal(text.slice(t.start, t.end), t.text);
      assert.ok(!/[*[\]()]/.test(t.text), `markup reached the tagger: ${t.text}`);
      seen++;
    }
  }
  assert.ok(seen > 20);
  const harbour = text.indexOf('harbour');
  const hit = l.tokenAt(harbour + 2);
  assert.equal(hit?.nlp.tokens[hit.token]?.start, harbour);
  assert.equal(hit?.nlp.tokens[hit.token]?.pos, 'NOUN');
  assert.equal(l.tokenAt(text.indexOf('https')), null, 'a URL is not prose');
});

test('noun chunks and verb groups with their heads', () => {
  const text = 'The mayor’s photo shoot would not have happened without the new ferry.';
  const nlp = linguistics(read(text)).sentence(0);
  const chunk = (s: string) => nlp.phrases.find((p) => text.slice(p.start, p.end) === s);
  const np = chunk('The mayor’s photo shoot');
  assert.equal(np?.kind, 'noun');
  assert.equal(nlp.tokens[np!.head]?.text, 'shoot');
  const vg = chunk('would not have happened');
  assert.equal(vg?.kind, 'verb');
  assert.equal(nlp.tokens[vg!.head]?.text, 'happened');
  assert.equal(nlp.tokens[chunk('the new ferry')!.head]?.text, 'ferry');
});

test('clauses: relative, reported (subordinate) and coordinated, each with subject and verb', () => {
  const text = 'The warden, who runs the shelter, said the roof would hold, but neighbours doubted it.';
  const doc = read(text);
  const l = linguistics(doc);
  const nlp = l.sentence(0);
  const clause = (s: string) => nlp.clauses.find((c) => text.slice(c.start, c.end).startsWith(s));
  const word = (k: number | null) => (k === null ? null : nlp.tokens[k]?.text);
  const rel = clause('who runs');
  assert.equal(rel?.kind, 'relative');
  assert.equal(word(rel!.subject), 'warden', 'a relative pronoun’s subject is its antecedent');
  assert.equal(word(rel!.verb), 'runs');
  const main = clause('The warden');
  assert.equal(main?.kind, 'main');
  assert.equal(word(main!.verb), 'said');
  assert.equal(word(main!.subject), 'warden');
  const reported = clause('the roof');
  assert.equal(reported?.kind, 'subordinate');
  assert.equal(nlp.clauses[reported!.parent!], main);
  assert.equal(word(reported!.subject), 'roof');
  assert.equal(word(reported!.verb), 'hold');
  const coord = clause('but neighbours');
  assert.equal(coord?.kind, 'coordinated');
  assert.equal(word(coord!.subject), 'neighbours');
  // The accessors rules use.
  const runs = nlp.tokens.findIndex((t) => t.text === 'runs');
  assert.equal(l.clauseOf(nlp, runs), rel);
  assert.equal(word(l.subjectOf(nlp, runs)), 'warden');
});

test('"claim" of saying takes a clause; "claim" of taking takes an object', () => {
  const saying = linguistics(read('Officials claim the dam was never inspected.')).sentence(0);
  const claimS = saying.tokens.findIndex((t) => t.text === 'claim');
  assert.ok(saying.clauses.some((c) => c.kind === 'subordinate' && c.parent !== null && saying.clauses[c.parent]?.verb === claimS));
  const taking = linguistics(read('The militia claims the ridge after two days of shelling.')).sentence(0);
  assert.equal(taking.clauses.length, 1, 'no reported clause under "claims the ridge"');
  const claimT = taking.tokens.findIndex((t) => t.text === 'claims');
  assert.equal(taking.tokens[linguistics(read('x')).subjectOf(taking, claimT) ?? -1]?.text, 'militia');
});

test('a fronted subordinate clause ends at its comma; the main clause finds its own subject', () => {
  const text = 'Although the union objected, Mayor Ines Alvarado of the Harbour Council signed the lease.';
  const nlp = linguistics(read(text)).sentence(0);
  const sub = nlp.clauses.find((c) => c.kind === 'subordinate');
  assert.equal(text.slice(sub!.start, sub!.end), 'Although the union objected');
  const main = nlp.clauses.find((c) => c.kind === 'main');
  assert.equal(nlp.tokens[main!.verb!]?.text, 'signed');
  assert.equal(nlp.tokens[main!.subject!]?.text, 'Alvarado');
});

test('proper names: people, organisations, places, with heads', () => {
  const text = 'Mayor Ines Alvarado of the Harbour Council flew from Valletta to meet Tomas Berg on Monday.';
  const doc = read(text);
  const l = linguistics(doc);
  const names = l.sentence(0).names;
  const find = (s: string) => names.find((n) => n.text === s);
  assert.equal(find('Ines Alvarado')?.kind, 'person', 'after a title');
  assert.equal(find('Tomas Berg')?.kind, 'person');
  assert.equal(find('Harbour Council')?.kind, 'organisation');
  assert.equal(find('Valletta')?.kind, 'place', 'after "from"');
  assert.equal(find('Monday')?.kind, 'other');
  const nlp = l.sentence(0);
  assert.equal(nlp.tokens[find('Ines Alvarado')!.head]?.text, 'Alvarado');
  const at = text.indexOf('Berg');
  assert.equal(l.nameAt({ start: at, end: at + 4 })?.text, 'Tomas Berg');
  assert.equal(l.nameAt({ start: text.indexOf('flew'), end: text.indexOf('flew') + 4 }), null);
  const org = linguistics(read('The Bank of Lisbon raised its rate.'));
  const bank = org.sentence(0).names[0];
  assert.equal(bank?.text, 'Bank of Lisbon');
  assert.equal(bank?.kind, 'organisation');
  assert.equal(org.sentence(0).tokens[bank!.head]?.text, 'Bank');
});

test('lazy: sentences are tagged when asked, once', () => {
  const doc = read('The first line is short. The second one is too. A third ends it.');
  const l = linguistics(doc);
  assert.equal(l.taggedCount, 0);
  const a = l.sentence(1);
  assert.equal(l.taggedCount, 1);
  assert.equal(l.sentence(1), a, 'cached');
  assert.equal(l.taggedCount, 1);
  assert.equal(linguistics(doc), l, 'one layer per document');
});

test('bounded: over-long sentences, giant tokens and walls of quote marks are skipped with a notice; the rest is read', () => {
  const giant = `Z${'z'.repeat(10_000)}`;
  const quotes = '“”"'.repeat(1_000);
  const long = 'the ferry waited and '.repeat(Math.ceil(MAX_SENTENCE / 20));
  const text = `The harbour opened early. ${giant} sank. Then ${quotes} followed. The ${long}stopped. The boats came back.`;
  const doc = read(text);
  const l = linguistics(doc);
  const nlps = doc.sentences.map((_, i) => l.sentence(i));
  assert.equal(nlps.filter((n) => !n.tagged).length, 3, 'the three hostile sentences are skipped');
  for (const n of nlps) if (!n.tagged) assert.equal(n.tokens.length + n.clauses.length + n.names.length, 0);
  assert.equal(l.notices.length, 3);
  assert.match(l.notices[0]!.message, /not read for grammar/);
  assert.ok(sentenceWith(doc, 'The harbour opened').tagged);
  assert.ok(sentenceWith(doc, 'The boats came back').tagged);
});

test('notices are bounded on a document of many unreadable sentences', () => {
  const doc = read(Array.from({ length: 60 }, () => `Q${'q'.repeat(200)}.`).join(' '));
  assert.equal(doc.sentences.length, 60);
  const l = linguistics(doc);
  for (let i = 0; i < doc.sentences.length; i++) l.sentence(i);
  assert.ok(l.notices.length <= 21);
  assert.match(l.notices.at(-1)!.message, /More sentences/);
});

/** Every token, phrase, clause and name lies inside its sentence, in order, on the source text. */
function checkNesting(doc: Document): void {
  const l = linguistics(doc);
  for (let i = 0; i < doc.sentences.length; i++) {
    const s = doc.sentences[i]!;
    const nlp = l.sentence(i);
    let prev = s.start;
    for (const t of nlp.tokens) {
      assert.ok(t.start >= prev && t.end > t.start && t.end <= s.end, 'token inside its sentence, in order');
      assert.equal(doc.text.slice(t.start, t.end), t.text);
      prev = t.end;
    }
    for (const x of [...nlp.phrases, ...nlp.clauses, ...nlp.names]) {
      assert.ok(x.first < x.last && x.last <= nlp.tokens.length);
      assert.ok(s.start <= x.start && x.start < x.end && x.end <= s.end, 'inside the sentence');
    }
    for (const p of nlp.phrases) assert.ok(p.first <= p.head && p.head < p.last);
    for (const c of nlp.clauses) {
      if (c.parent !== null) {
        const parent = nlp.clauses[c.parent]!;
        assert.ok(parent.first <= c.first && c.last <= parent.last, 'a clause nests in its parent');
      }
      for (const k of [c.subject, c.verb, c.marker]) if (k !== null) assert.ok(k >= 0 && k < nlp.tokens.length);
    }
  }
}

const PIECES = [
  '“', '”', '"', "'", '’', '«', '»', '\n', '\n\n', '. ', ', ', '; ', ' who ', ' which ', ' that ', ' but ', ' and ', ' because ',
  'Officials', 'claim', 'the', 'photo shoot', 'fake', 'Ana Lindqvist', 'of the', 'Harbour Council', 'said', 'would', 'not',
  '\u0000', '\u0007', '\ud800', '\udc00', '\ud83c\udf0d', '\u00a0', '\u200b', '...', '—', '-', 'U.S.', 'Dr.', '{>>', '<<}', '# ', '> ', '**',
];
const hostile = fc
  .array(fc.oneof(fc.constantFrom(...PIECES), fc.string({ maxLength: 10 }), fc.string({ unit: 'binary', maxLength: 6 })), { maxLength: 60 })
  .map((parts) => parts.join(' '));

test('property: tagging never throws and everything nests in its sentence (hostile pieces, text and Markdown)', () => {
  fc.assert(
    fc.property(hostile, fc.constantFrom<'text' | 'markdown'>('text', 'markdown'), (text, format) => {
      checkNesting(read(text, format));
    }),
    { numRuns: 250, seed: 1913 },
  );
});

test('property: hostile shapes (no spaces, huge tokens, thousands of quote marks, control characters)', () => {
  const shapes = fc.oneof(
    fc.string({ unit: 'binary', minLength: 100, maxLength: 3_000 }),
    fc.integer({ min: 1, max: 4_000 }).map((n) => '"'.repeat(n)),
    fc.integer({ min: 1, max: 12_000 }).map((n) => `A ${'w'.repeat(n)} said.`),
    fc.array(fc.constantFrom('a', 'B', '.', ',', '“', '”', '\u0001', '\ud800'), { maxLength: 3_000 }).map((a) => a.join('')),
  );
  fc.assert(
    fc.property(shapes, (text) => {
      checkNesting(read(text));
    }),
    { numRuns: 60, seed: 2026 },
  );
});

test('a possessive is not "is": the subject of "Oslo’s future will be settled" is "future"', () => {
  const text = '“Oslo’s future will be settled by its voters,” the mayor said.';
  const nlp = linguistics(read(text)).sentence(0);
  const main = nlp.clauses.find((c) => c.verb !== null && nlp.tokens[c.verb]?.text === 'settled');
  assert.equal(nlp.tokens[main!.subject!]?.text, 'future');
  assert.equal(nlp.tokens.find((t) => t.text === '’s')?.pos, 'PART');
});

test('"that" after a noun opens a relative clause; after a noun that takes a clause, a reported one', () => {
  const rel = 'The storm left a gap that other crews, including volunteers, would fill.';
  const a = linguistics(read(rel)).sentence(0);
  const r = a.clauses.find((c) => rel.slice(c.start, c.end).startsWith('that other'));
  assert.equal(r?.kind, 'relative');
  assert.equal(a.tokens[r!.subject!]?.text, 'crews', 'not the object of "including"');
  assert.equal(a.tokens[r!.verb!]?.text, 'fill');
  const rep = 'The claim that the dam leaked was false.';
  const b = linguistics(read(rep)).sentence(0);
  assert.equal(b.clauses.find((c) => rep.slice(c.start, c.end).startsWith('that the dam'))?.kind, 'subordinate');
});

test('names joined by a hyphenated particle, and long organisation names are not people', () => {
  const text = 'The Northern Coastal Fisheries Observatory met former President Karim al-Rashid in Tunis.';
  const names = linguistics(read(text)).sentence(0).names;
  assert.equal(names.find((n) => n.text === 'Karim al-Rashid')?.kind, 'person');
  assert.equal(names.find((n) => n.text === 'Northern Coastal Fisheries Observatory')?.kind, 'organisation');
  assert.equal(names.find((n) => n.text === 'Tunis')?.kind, 'place');
});

test('participial phrases and appositives: the main clause keeps its own verb and subject', () => {
  const cases: [text: string, subject: string, verb: string][] = [
    ['Speaking to reporters on the quay, she was calm.', 'she', 'was'],
    ['The lease, signed in 2019 with the old board, is widely disputed.', 'lease', 'disputed'],
    ['A senior engineer, speaking on condition of anonymity because he was not cleared to talk, said the pumps had failed.', 'engineer', 'said'],
    ['Dr. Mira Holt, a geologist at the Coastal Survey, said the cliff would fall.', 'Holt', 'said'],
    ['Those who built the dam, and who still maintain it, are worried.', 'Those', 'worried'],
  ];
  const both = 'Those who built the dam, and who still maintain it, are worried.';
  const second = linguistics(read(both)).sentence(0);
  const rel2 = second.clauses.find((c) => both.slice(c.start, c.end).startsWith('and who still'));
  assert.equal(rel2?.kind, 'relative');
  assert.equal(second.tokens[rel2!.subject!]?.text, 'Those', 'a second relative clause on the same antecedent');
  for (const [text, subject, verb] of cases) {
    const nlp = linguistics(read(text)).sentence(0);
    const main = nlp.clauses.find((c) => c.kind === 'main');
    assert.equal(main && main.verb !== null ? nlp.tokens[main.verb]?.text : null, verb, text);
    assert.equal(main && main.subject !== null ? nlp.tokens[main.subject]?.text : null, subject, text);
  }
});

test('a title anywhere before the name is left out of it: "Foreign Minister Lea Brandt"', () => {
  const text = 'Foreign Minister Lea Brandt met the Harbour Policy Forum.';
  const names = linguistics(read(text)).sentence(0).names;
  assert.equal(names.find((n) => n.text === 'Lea Brandt')?.kind, 'person');
  assert.equal(names.find((n) => n.text === 'Harbour Policy Forum')?.kind, 'organisation');
});
