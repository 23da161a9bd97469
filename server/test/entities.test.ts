/**
 * Entities and outlets: alias resolution through the built-in gazetteer (spellings, capitals
 * and seats as actors, demonyms, leaders, exceptions, case), workspace additions and malformed
 * gazetteer files, and where a document's outlet name comes from. Texts are written for these tests.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyse, builtinGazetteer, compileGazetteer, detectOutlet, findMentions, GazetteerError, isAlias, type EntityMention } from '../src/engine/index.js';
import { rangeOf } from './helpers.js';

const mentionsIn = (text: string, gazetteer = builtinGazetteer()): EntityMention[] => findMentions(analyse(text, { format: 'markdown' }).document, gazetteer);

/** The mention covering `needle`, or undefined. */
function mentionAt(mentions: EntityMention[], text: string, needle: string): EntityMention | undefined {
  const r = rangeOf(text, needle);
  return mentions.find((m) => m.start === r.start && m.end === r.end);
}

test('spellings, capitals, seats, demonyms and leaders resolve to one canonical entity', () => {
  const text =
    'Türkiye and Turkey are one state. Ankara objected, while the Kremlin stayed silent. Turkish envoys met Erdogan, and Recep Tayyip Erdoğan spoke later. Moscow said little.';
  const ms = mentionsIn(text);
  const expect: [string, string, string][] = [
    ['Türkiye', 'turkey', 'spelling'],
    ['Turkey', 'turkey', 'name'],
    ['Ankara', 'turkey', 'capital'],
    ['Kremlin', 'russia', 'seat'],
    ['Turkish', 'turkey', 'demonym'],
    ['Erdogan', 'turkey', 'leader'],
    ['Recep Tayyip Erdoğan', 'turkey', 'leader'],
    ['Moscow', 'russia', 'capital'],
  ];
  for (const [needle, entity, kind] of expect) {
    const m = mentionAt(ms, text, needle);
    assert.ok(m, `no mention at "${needle}" (got ${ms.map((x) => x.text).join(', ')})`);
    assert.equal(m.entity, entity, needle);
    assert.equal(m.aliasKind, kind, needle);
  }
  // The longest alias wins: "Recep Tayyip Erdoğan" is one mention, not three.
  assert.ok(!ms.some((m) => m.text === 'Tayyip'));
  assert.equal(builtinGazetteer().entities.get('turkey')?.name, 'Turkey');
});

test('lower-case words, exception phrases and hyphenated compounds', () => {
  const text = 'We ate turkey. The Washington Post reported it, and Washington denied it. Turkish-backed fighters advanced.';
  const ms = mentionsIn(text);
  assert.equal(mentionAt(ms, text, 'turkey'), undefined, 'the bird is not the country');
  assert.ok(!ms.some((m) => m.start === rangeOf(text, 'Washington Post').start), 'the newspaper is not the United States');
  const dc = mentionAt(ms, text, 'Washington denied');
  assert.equal(dc, undefined, 'the mention covers only the name');
  const wash = ms.find((m) => m.text === 'Washington');
  assert.equal(wash?.entity, 'united-states');
  const backed = mentionAt(ms, text, 'Turkish');
  assert.equal(backed?.entity, 'turkey', 'a hyphenated compound is read part by part');
});

test('mentions inside quotation marks are marked quoted; boilerplate is skipped', () => {
  const text = 'Officials said "Israel will not wait" on Monday. Iran stayed quiet.\n\nSubscribe now to read more about Russia.\n';
  const ms = mentionsIn(text);
  assert.equal(mentionAt(ms, text, 'Israel')?.quoted, true);
  assert.equal(mentionAt(ms, text, 'Iran')?.quoted, false);
  assert.ok(!ms.some((m) => m.entity === 'russia'), 'no mention in the subscription prompt');
});

test('a workspace gazetteer adds aliases to built-in entities and new entities; later files win', () => {
  const extra = JSON.stringify({
    entities: [
      { id: 'turkey', aliases: [{ text: 'Sublime Porte', kind: 'seat' }] },
      { id: 'meridia', name: 'Meridia', type: 'country', aliases: [{ text: 'Meridia', kind: 'name' }, { text: 'Port Solace', kind: 'capital' }] },
    ],
  });
  const g = compileGazetteer([{ source: 'entities.json', text: extra }], builtinGazetteer());
  const text = 'The Sublime Porte warned Port Solace, and Meridia replied.';
  const ms = mentionsIn(text, g);
  assert.equal(mentionAt(ms, text, 'Sublime Porte')?.entity, 'turkey');
  assert.equal(mentionAt(ms, text, 'Port Solace')?.entity, 'meridia');
  assert.equal(g.entities.get('meridia')?.name, 'Meridia');
  assert.equal(g.entities.get('meridia')?.origin, 'entities.json');
  // The built-in gazetteer is unchanged.
  assert.equal(mentionAt(mentionsIn(text), text, 'Port Solace'), undefined);
  assert.ok(isAlias(g, 'the Sublime Porte'));
});

test('a malformed gazetteer file names the file, the line and the problem', () => {
  const bad = '{\n  "entities": [\n    { "id": "atlantis", "aliases": [{ "text": "Atlantis", "kind": "name" }] }\n  ]\n}\n';
  assert.throws(() => compileGazetteer([{ source: 'x.json', text: bad }]), (e: unknown) => e instanceof GazetteerError && /x\.json:3: entity "atlantis" is new, so it needs a "name" and a "type"/.test(e.message));
  const kind = '{ "entities": [ { "id": "a", "name": "A", "type": "country", "aliases": [{ "text": "A", "kind": "nickname" }] } ] }';
  assert.throws(() => compileGazetteer([{ source: 'y.json', text: kind }]), /y\.json:1: entity "a", alias "A": "kind" must be one of name, spelling/);
  assert.throws(() => compileGazetteer([{ source: 'z.json', text: '{ "entities": [ ' }]), (e: unknown) => e instanceof GazetteerError && /z\.json:1:\d+: invalid JSON/.test(e.message));
});

test('outlet: override, then front matter, then text cues, then the file name', () => {
  const read = (text: string) => analyse(text, { format: 'markdown' }).document;
  const fm = read('---\noutlet: The Levant Ledger\n---\n\nYnet has learned that talks stalled.\n');
  assert.deepEqual(detectOutlet(fm, 'a.md', 'My Outlet'), { name: 'My Outlet', source: 'override', range: null });
  const fromFm = detectOutlet(fm, 'a.md');
  assert.equal(fromFm.name, 'The Levant Ledger');
  assert.equal(fromFm.source, 'front-matter');
  const learned = read('Talks stalled on Monday.\n\nYnet has learned that envoys will meet again.\n');
  const y = detectOutlet(learned, 'notes.md');
  assert.equal(y.name, 'Ynet');
  assert.equal(y.source, 'text');
  assert.deepEqual(y.range, rangeOf(learned.text, 'Ynet'));
  assert.equal(detectOutlet(read('TRT World has previously reported on the bases.\n'), 'x.md').name, 'TRT World');
  assert.equal(detectOutlet(read('ANKARA (Anadolu) — Officials met on Monday.\n'), 'x.md').name, 'Anadolu');
  assert.equal(detectOutlet(read('By Dana Levi, Ynet\n\nOfficials met on Monday.\n'), 'x.md').name, 'Ynet');
  // An actor is not an outlet: "Hamas has confirmed" falls through to the file name.
  const actor = read('Hamas has confirmed the exchange.\n');
  const byName = detectOutlet(actor, '/tmp/trt-world_bases.md', undefined, (n) => isAlias(builtinGazetteer(), n));
  assert.deepEqual(byName, { name: 'Trt World', source: 'file-name', range: null });
  assert.equal(detectOutlet(read('Nothing here.\n'), undefined).source, 'unknown');
});

test('a word-final apostrophe inside an alias, an exception holding a hyphenated compound, and capitals in a shouted line', () => {
  const text = 'The Kurdistan Workers’ Party denied it, Agence France-Presse reported. LET US GO, the banner said. The US objected.';
  const ms = mentionsIn(text);
  assert.equal(mentionAt(ms, text, 'Kurdistan Workers’ Party')?.entity, 'pkk');
  assert.ok(!ms.some((m) => m.entity === 'france'), 'the news agency is not France');
  assert.equal(mentionAt(ms, text, 'US GO'.slice(0, 2)), undefined, 'a shouted "US" is a word');
  assert.equal(ms.filter((m) => m.entity === 'united-states').length, 1);
});
