/**
 * The part-of-speech tagger: wink-nlp with its MIT English lite model, loaded on first use (it
 * costs a few hundred milliseconds to load, so a run that never asks pays nothing). Only the
 * `pos` step of wink's pipe runs. The tagger's tokens are mapped back to source offsets here.
 */
import { createRequire } from 'node:module';
import { UPOS, type UPos } from './types.js';

interface WinkDoc {
  tokens(): { out(f?: unknown): string[] };
}
interface Wink {
  readDoc(text: string): WinkDoc;
  its: { pos: unknown; lemma: unknown };
}

let wink: Wink | null = null;

// In the esbuild bundles `require` exists and the package is bundled (esbuild sees the literal
// `require('…')` calls and keeps them lazy); under tsx (ESM) a require is made for it.
declare const require: ((id: string) => unknown) | undefined;

function load(): Wink {
  if (wink) return wink;
  let winkNLP: unknown;
  let model: unknown;
  if (typeof require === 'function') {
    winkNLP = require('wink-nlp');
    model = require('wink-eng-lite-web-model');
  } else {
    const req = createRequire(import.meta.url);
    winkNLP = req('wink-nlp');
    model = req('wink-eng-lite-web-model');
  }
  wink = (winkNLP as (m: unknown, pipe: string[]) => Wink)(model, ['pos']);
  return wink;
}

/** True once the model is loaded (the bench reports the cost of loading it). */
export function taggerLoaded(): boolean {
  return wink !== null;
}

/** Loads the model now (the bench and a server that wants it warm). */
export function warmTagger(): void {
  load();
}

export interface RawToken {
  start: number;
  end: number;
  text: string;
  pos: UPos;
  lemma: string;
}

const UPOS_SET: ReadonlySet<string> = new Set(UPOS);
const SPACE = /\s/;

/**
 * Tags `text` (one sentence of prose, blanked characters as spaces) and returns its tokens with
 * offsets relative to `text`; white-space tokens are dropped. Returns null if the tagger's tokens
 * cannot be placed in the text (the caller then leaves the sentence untagged).
 */
export function tagText(text: string): RawToken[] | null {
  const w = load();
  const doc = w.readDoc(text);
  const tokens = doc.tokens();
  const values = tokens.out();
  const pos = tokens.out(w.its.pos);
  const lemmas = tokens.out(w.its.lemma);
  const out: RawToken[] = [];
  let at = 0;
  for (let i = 0; i < values.length; i++) {
    const value = values[i] ?? '';
    if (value.length === 0) continue;
    while (at < text.length && SPACE.test(text[at] ?? '')) at++;
    let start = -1;
    if (text.startsWith(value, at)) start = at;
    else {
      // The tagger may drop characters it cannot read; allow a short gap, never a search.
      const found = text.indexOf(value, at);
      if (found >= 0 && found - at <= 8) start = found;
    }
    if (start < 0) {
      if (value.trim() === '') continue;
      return null;
    }
    at = start + value.length;
    const tag = pos[i] ?? 'X';
    if (tag === 'SPACE') continue;
    out.push({ start, end: at, text: value, pos: (UPOS_SET.has(tag) ? tag : 'X') as UPos, lemma: lemmas[i] ?? value.toLowerCase() });
  }
  return out;
}
