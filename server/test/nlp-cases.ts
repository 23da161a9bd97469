/**
 * The tagging-quality table of the linguistic layer: original sentences, the word a rule reads
 * and the tag it needs. Shared by `nlp.test.ts` (every case must hold after corrections) and the
 * `SLANT_BENCH=nlp` section of `npm run bench` (accuracy of the tagger alone and corrected).
 * `why` names the rule question the case stands for.
 */
import type { UPos } from '../src/engine/nlp/index.js';

export interface TagCase {
  sentence: string;
  word: string;
  tag: UPos;
  why: string;
}

const c = (sentence: string, word: string, tag: UPos, why: string): TagCase => ({ sentence, word, tag, why });

export const TAG_CASES: readonly TagCase[] = [
  // "photo shoot" and other compounds are nouns (a loaded-wording rule must not read a verb).
  c('The mayor’s photo shoot on the pier lasted an hour.', 'shoot', 'NOUN', 'compound noun'),
  c('The mayor’s photo shoot on the pier lasted an hour.', 'photo', 'NOUN', 'compound noun'),
  c('A photo shoot for the campaign was cancelled.', 'shoot', 'NOUN', 'compound noun'),
  c('After the press briefing, the ferry company raised its fares.', 'briefing', 'NOUN', 'compound noun'),
  c('The fact check took the desk two days.', 'check', 'NOUN', 'compound noun'),
  c('Troops shoot at anything that moves near the fence.', 'shoot', 'VERB', 'the verb stays a verb'),
  // "claim": a verb of saying (takes a clause), of taking (takes an object), or a noun.
  c('Officials claim the dam was never inspected.', 'claim', 'VERB', 'claim of saying'),
  c('Residents claim that the water tastes of rust.', 'claim', 'VERB', 'claim of saying'),
  c('The owners claim it was an accident.', 'claim', 'VERB', 'claim of saying'),
  c('The militia claims the ridge after two days of shelling.', 'claims', 'VERB', 'claim of taking'),
  c('Farmers claim the abandoned fields each spring.', 'claim', 'VERB', 'claim of taking'),
  c('The claim was repeated in three interviews.', 'claim', 'NOUN', 'claim as a noun'),
  c('Her claim of a cover-up found no support.', 'claim', 'NOUN', 'claim as a noun'),
  c('Nobody checked the claims before the vote.', 'claims', 'NOUN', 'claim as a noun'),
  // "fake" as an adjective of an object (not a verdict on a claim), as a verb, as a noun.
  c('Volunteers built a fake checkpoint out of crates.', 'fake', 'ADJ', 'fake of an object'),
  c('The museum displayed a fake crown beside the real one.', 'fake', 'ADJ', 'fake of an object'),
  c('The stall sold fake watches to tourists.', 'fake', 'ADJ', 'fake of an object'),
  c('The painting turned out to be a fake.', 'fake', 'NOUN', 'fake as a noun'),
  // Verbs of saying right after their subject.
  c('The inspector, who chairs the safety board, resigned.', 'chairs', 'VERB', 'verb after a relative pronoun'),
  c('Landlords insist the rents are fair.', 'insist', 'VERB', 'verb of saying'),
  c('Neighbours allege the plant dumps waste at night.', 'allege', 'VERB', 'verb of saying'),
  c('Engineers warn the bridge could fail in a flood.', 'warn', 'VERB', 'verb of saying'),
  c('The unions deny they were paid.', 'deny', 'VERB', 'verb of saying'),
  c('Local papers report the mill will close.', 'report', 'VERB', 'verb of saying'),
  c('The report found no fault with the crew.', 'report', 'NOUN', 'report as a noun'),
  c('Police crack down on street racing every summer.', 'crack', 'VERB', 'phrasal verb after a subject'),
  // Capitalised first words: common nouns that a rule must not read as names.
  c('Critics say the timetable is unrealistic.', 'Critics', 'NOUN', 'sentence-initial common noun'),
  c('Analysts expect the harbour to reopen in May.', 'Analysts', 'NOUN', 'sentence-initial common noun'),
  c('Witnesses described a loud bang.', 'Witnesses', 'NOUN', 'sentence-initial common noun'),
  c('Diplomats met behind closed doors.', 'Diplomats', 'NOUN', 'sentence-initial common noun'),
  // Names stay names.
  c('Lena Varga said the ferry would run again.', 'Lena', 'PROPN', 'a person'),
  c('Lena Varga said the ferry would run again.', 'Varga', 'PROPN', 'a person'),
  c('Kestrel Freight denied the report.', 'Kestrel', 'PROPN', 'an organisation'),
  c('Crowds gathered in Valletta on Sunday.', 'Valletta', 'PROPN', 'a place'),
  // Verbs and adjectives the voice rules read.
  c('The agency said the bridge would stay shut.', 'said', 'VERB', 'reporting verb'),
  c('The agency described the plan as reckless.', 'reckless', 'ADJ', 'evaluative adjective'),
  c('The council slammed the proposal on Tuesday.', 'slammed', 'VERB', 'loaded reporting verb'),
  c('Her aides admitted the figures were wrong.', 'admitted', 'VERB', 'reporting verb'),
];
