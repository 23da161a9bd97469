/**
 * Loading the CLI bundle (dist/cli-main.cjs) with a V8 code cache (dist/cli-main.cache), so a
 * run does not compile the bundle's code again: about 30 ms of the ~180 ms a one-file check
 * takes. `npm run build` writes the cache (scripts/code-cache.ts); the launcher, dist/cli.cjs,
 * only ever reads it. A missing, damaged or foreign cache (from another Node version) does no
 * harm: V8 checks it against the source and its own version, rejects it and compiles as usual.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Script } from 'node:vm';

export const MAIN_BUNDLE = 'cli-main.cjs';
export const CODE_CACHE = 'cli-main.cache';

/** The bundle's code inside the function wrapper Node gives a CommonJS module (the cache holds for this exact text). */
export const wrap = (source: string): string => `(function (exports, require, module, __filename, __dirname) {${source}\n})`;

/** Compiles the CLI bundle in `dir`, with the code cache when one is given. */
export function compileMain(dir: string, cache?: Buffer): Script {
  const file = join(dir, MAIN_BUNDLE);
  return new Script(wrap(readFileSync(file, 'utf8')), { filename: file, ...(cache ? { cachedData: cache } : {}) });
}

/** Runs the compiled bundle as the CommonJS module it was built as. */
export function runMain(script: Script, dir: string): void {
  const file = join(dir, MAIN_BUNDLE);
  const module = { exports: {} };
  (script.runInThisContext() as (...args: unknown[]) => void).call(module.exports, module.exports, createRequire(file), module, file, dir);
}

/** The code cache in `dir`, if there is one to read. */
export function readCodeCache(dir: string): Buffer | undefined {
  try {
    return readFileSync(join(dir, CODE_CACHE));
  } catch {
    return undefined;
  }
}
