/**
 * No regex in the engine may repeat a part whose iterations can split one text in several ways
 * (`(a+)+`, `(?:\w+\s*){1,8}`): on a text that almost matches, such a regex tries every split and
 * runs for seconds or hours (issue 19). Checked on every regex the code compiles while it loads
 * and analyses the samples (which takes in the cue data of server/data/*.json: sourcing, boilerplate,
 * the lexicon, the gazetteer) and on every regex literal in server/src. See regex-safety.ts.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { ambiguousRepeats } from './regex-safety.js';

const root = path.resolve(import.meta.dirname, '..', '..');

/** Every `new RegExp(...)` made while `run` runs (regex literals do not call the constructor). */
async function compiledDuring(run: () => Promise<void>): Promise<{ source: string; flags: string }[]> {
  const seen = new Map<string, { source: string; flags: string }>();
  const Original = globalThis.RegExp;
  globalThis.RegExp = new Proxy(Original, {
    construct(target, args: [string | RegExp, string?]) {
      const re = Reflect.construct(target, args) as RegExp;
      seen.set(`${re.flags}/${re.source}`, { source: re.source, flags: re.flags });
      return re;
    },
  });
  try {
    await run();
  } finally {
    globalThis.RegExp = Original;
  }
  return [...seen.values()];
}

/** The regex literals of the TypeScript files under a folder, with their file and line. */
function literalsUnder(dir: string): { source: string; flags: string; where: string }[] {
  const out: { source: string; flags: string; where: string }[] = [];
  const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));
  for (const rel of files) {
    const file = path.join(dir, rel);
    const sf = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
    const visit = (node: ts.Node): void => {
      if (ts.isRegularExpressionLiteral(node)) {
        const text = node.text;
        const slash = text.lastIndexOf('/');
        const line = sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1;
        out.push({ source: text.slice(1, slash), flags: text.slice(slash + 1), where: `${path.relative(root, file)}:${line}` });
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }
  return out;
}

const report = (found: { where: string; part: string; text: string }[]): string =>
  found.map((f) => `${f.where}: ${f.part} matches ${JSON.stringify(f.text)} as one iteration and as two`).join('\n');

test('the check finds the known exponential shapes and passes their unambiguous rewrites', () => {
  const bad = [
    ['(a+)+', ''],
    ['(?:\\w+\\s*){1,8}', ''],
    ['(?:a*)*b', ''],
    // The old ", said X" subject (8 s on 50 bytes) and the old adverbs before a reporting verb.
    ["^\\s+((?:[\\p{Lu}\\p{Ll}][\\p{L}\\p{N}.’'-]*\\s*){1,8}?)\\s*(?:[,.;!?]|$)", 'u'],
    ['(?:\\s+(?:also|has|has also))+\\s*$', 'i'],
  ] as const;
  for (const [source, flags] of bad) assert.ok(ambiguousRepeats(source, flags).length > 0, `not caught: ${source}`);
  const good = [
    ["^\\s+([\\p{Lu}\\p{Ll}][\\p{L}\\p{N}.’'-]*(?:\\s+[\\p{Lu}\\p{Ll}][\\p{L}\\p{N}.’'-]*){0,7}?)\\s*(?:[,.;!?]|$)", 'u'],
    ['(?:\\s+(?:also|has))+\\s*$', 'i'],
    ['\\b(?:(?:some|several|many) )+reports\\b', 'i'],
    ['[a-z]+(?:-[a-z]+)*', ''],
    ['((?:[^,;:!?()\\n“”"«»„.]|\\.(?=\\S))+)', 'i'],
  ] as const;
  for (const [source, flags] of good) assert.deepEqual(ambiguousRepeats(source, flags), [], `flagged: ${source}`);
});

test('no regex the engine compiles (code and cue data) repeats an ambiguous part', async (t) => {
  const compiled = await compiledDuring(async () => {
    const engine = await import('../src/engine/index.js');
    const samples = path.join(root, 'samples');
    for (const name of readdirSync(samples).filter((f) => /\.(md|txt)$/.test(f))) {
      const text = readFileSync(path.join(samples, name), 'utf8');
      const r = engine.analyse(text, { path: name, format: engine.formatFromPath(name) });
      engine.findMentions(r.document, engine.builtinGazetteer());
      engine.detectOutlet(r.document, name);
    }
    engine.analyse('---\noutlet: The Harbour Courier\n---\nThe Courier has learned that the pier will close.', { format: 'markdown' });
  });
  assert.ok(compiled.length > 20, `only ${compiled.length} regexes seen: the capture is not working`);
  t.diagnostic(`${compiled.length} compiled regexes checked`);
  // The cue data is among them: sourcing (figures, vague attribution) and boilerplate.
  for (const needle of ['percentage points', 'reportedly', 'subscribe']) assert.ok(compiled.some((r) => r.source.includes(needle)), `no compiled regex holds ${needle}`);
  const found = compiled.flatMap((r) => ambiguousRepeats(r.source, r.flags).map((a) => ({ where: `/${r.source.slice(0, 80)}${r.source.length > 80 ? '…' : ''}/${r.flags}`, ...a })));
  assert.equal(found.length, 0, report(found));
});

test('no regex literal in server/src repeats an ambiguous part', (t) => {
  const literals = literalsUnder(path.join(root, 'server', 'src'));
  assert.ok(literals.length > 50, `only ${literals.length} regex literals found`);
  t.diagnostic(`${literals.length} regex literals checked`);
  const found = literals.flatMap((r) => ambiguousRepeats(r.source, r.flags).map((a) => ({ where: r.where, ...a })));
  assert.equal(found.length, 0, report(found));
});
