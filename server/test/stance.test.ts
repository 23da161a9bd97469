/**
 * Stance: the same facts told sympathetically and hostilely to one actor score in the right
 * order with the right evidence; roles (agent, target, passive), places, quotation weight and
 * negation. Texts are written for these tests.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyse, analyseStance, builtinGazetteer, type EntityStance } from '../src/engine/index.js';

function stanceOf(text: string, entity: string): EntityStance {
  const { stance } = analyseStance(analyse(text, { format: 'markdown' }), builtinGazetteer());
  const s = stance.find((x) => x.entity === entity);
  assert.ok(s, `no stance toward ${entity} (got ${stance.map((x) => x.entity).join(', ')})`);
  return s;
}

const SYMPATHETIC = `Turkey sent aid convoys to Idlib on Tuesday, and Turkish engineers are helping to rebuild the water network.

Ankara has mediated talks between the two factions and reaffirmed its commitment to regional stabilisation.

The convoys carried food and medicine for 40,000 people, officials said.
`;

const HOSTILE = `Turkey invaded northern Syria again on Tuesday, and Turkish troops shelled the water network.

Ankara seeks to extract maximum advantage from the chaos, pursuing its expansionist ambitions.

The convoys carried food and medicine for 40,000 people, officials said.
`;

test('the same story told for and against one actor scores in the right order, with the right evidence', () => {
  const warm = stanceOf(SYMPATHETIC, 'turkey');
  const cold = stanceOf(HOSTILE, 'turkey');
  assert.ok(warm.score > 0.2, `sympathetic score ${warm.score}`);
  assert.ok(cold.score < -0.2, `hostile score ${cold.score}`);
  assert.ok(warm.score - cold.score > 0.6);
  assert.equal(warm.mentions, 3);
  assert.equal(cold.mentions, 3);
  assert.ok(warm.confidence > 0 && warm.confidence <= 1);
  // The evidence names the actions that drove each score.
  const coldReasons = cold.evidence.flatMap((e) => e.reasons).join('\n');
  assert.match(coldReasons, /agent of "invaded" \(hostile action\)/);
  assert.match(coldReasons, /"expansionist" near the mention/);
  const warmReasons = warm.evidence.flatMap((e) => e.reasons).join('\n');
  assert.match(warmReasons, /agent of "mediated" \(constructive action\)/);
  assert.match(warmReasons, /agent of "commitment" \(constructive action\)|"commitment"/);
  // Evidence is the sentence, strongest first, and every piece lies inside the text.
  assert.ok(cold.evidence[0]!.text.startsWith('Turkey invaded') || cold.evidence[0]!.text.startsWith('Ankara seeks'));
  for (const e of [...warm.evidence, ...cold.evidence]) {
    assert.ok(e.start < e.end);
    assert.ok(Math.abs(e.contribution) <= 1);
  }
});

test('the target of a hostile action is cast as the one harmed; the passive finds the agent after "by"', () => {
  const text = 'Syrian villages were shelled by Turkish forces overnight.';
  assert.ok(stanceOf(text, 'turkey').score < 0);
  assert.ok(stanceOf(text, 'syria').score > 0);
  const active = 'Russia bombed Ukraine again.';
  assert.ok(stanceOf(active, 'russia').score < 0);
  assert.ok(stanceOf(active, 'ukraine').score > 0);
  assert.match(stanceOf(active, 'ukraine').evidence[0]!.reasons.join(), /target of "bombed"/);
});

test('a quoted speaker’s words count less than the author’s, and an actor praising itself least', () => {
  const author = stanceOf('Israel is a brutal and reckless aggressor, the report concluded.', 'israel');
  const quoted = stanceOf('"Israel is a brutal and reckless aggressor," a protester said.', 'israel');
  assert.ok(author.score < 0 && quoted.score < 0);
  assert.ok(Math.abs(quoted.score) < Math.abs(author.score), `quoted ${quoted.score} vs author ${author.score}`);
  assert.equal(quoted.evidence[0]?.voice, 'quoted');
  assert.equal(author.evidence[0]?.voice, 'author');
  const self = stanceOf('"Turkey is a generous and peaceful friend to its neighbours," Erdoğan said.', 'turkey');
  const other = stanceOf('"Turkey is a generous and peaceful friend to its neighbours," a diplomat said.', 'turkey');
  assert.ok(self.score > 0 && other.score > 0);
  assert.ok(self.score < other.score, `self-praise ${self.score} should count less than a third party's ${other.score}`);
});

test('a capital named as a place takes no role; negation turns an action around', () => {
  const place = analyseStance(analyse('Envoys met in Ankara to discuss the brutal war.', { format: 'text' }), builtinGazetteer()).stance.find((s) => s.entity === 'turkey');
  assert.ok(place, 'the mention is still counted');
  assert.equal(place.mentions, 1);
  assert.equal(place.score, 0);
  assert.equal(place.evidence.length, 0);
  const denied = stanceOf('Turkey did not invade the region.', 'turkey');
  assert.ok(denied.score > 0, `negated hostile action reads as a defence, got ${denied.score}`);
});

test('loaded wording aimed at an actor lowers its score and is cited', () => {
  const s = stanceOf('The so-called Syrian regime unleashed a wave of terror on the town.', 'syria');
  assert.ok(s.score < 0);
  assert.match(s.evidence[0]!.reasons.join('\n'), /wording "(so-called|regime)"/);
});

test('no role by mistake: a demonym on a thing is not an agent, a subject pronoun blocks an earlier actor, a target stays in its clause', () => {
  const reasons = (text: string, entity: string): string => {
    const { stance } = analyseStance(analyse(text, { format: 'text' }), builtinGazetteer());
    return (stance.find((s) => s.entity === entity)?.evidence ?? []).flatMap((e) => e.reasons).join('\n');
  };
  const towns = reasons('Its drones strike Kurdish towns, and the same government plays host to exiles.', 'kurds');
  assert.match(towns, /target of "strike"/);
  assert.doesNotMatch(towns, /agent of "host"/);
  assert.doesNotMatch(reasons('It keeps troops in Syria, Iraq and Libya, and it shelters militants.', 'iraq'), /agent of "shelters"/);
  assert.doesNotMatch(reasons('The government that fears foreign meddling is inviting Moscow to stay.', 'russia'), /target of "meddling"/);
  // The same words with the actor where the rule expects it still count.
  assert.match(reasons('Kurdish fighters host the talks.', 'kurds'), /agent of "host"/);
  assert.match(reasons('The government fears foreign meddling against Moscow.', 'russia'), /target of "meddling"/);
});
