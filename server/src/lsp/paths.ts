/** File URIs and paths, and where the built-in lexicon files are on disk. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { BUILTIN_LEXICON_FILES } from '../engine/lexicon/lexicon.js';

/** The file system path of a `file:` URI; null for other schemes (untitled, remote). */
export function uriToPath(uri: string): string | null {
  if (typeof uri !== 'string' || !uri.startsWith('file:')) return null;
  try {
    return fileURLToPath(uri);
  } catch {
    return null;
  }
}

export function pathToUri(p: string): string {
  return pathToFileURL(p).href;
}

/** True when `child` is `parent` or lies inside it. */
export function isInside(parent: string, child: string): boolean {
  const rel = path.relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/**
 * The folder of the built-in lexicon JSON files. In the package they sit next to the bundles'
 * folder (`dist/server.cjs` → `../server/data/lexicon/`); from the sources, two folders up.
 */
export function builtinLexiconDir(): string | null {
  const bases: string[] = [];
  // Defined in the CommonJS bundle; undefined when the sources run as ES modules.
  if (typeof __dirname === 'string') bases.push(__dirname);
  if (process.argv[1] !== undefined) bases.push(path.dirname(path.resolve(process.argv[1])));
  const candidates = bases.flatMap((b) => [path.resolve(b, '../server/data/lexicon'), path.resolve(b, '../../data/lexicon')]);
  candidates.push(path.resolve('server/data/lexicon'));
  return candidates.find((c) => fs.existsSync(path.join(c, BUILTIN_LEXICON_FILES[0] ?? ''))) ?? null;
}

/** Absolute paths of the built-in lexicon files that exist. */
export function builtinLexiconPaths(): string[] {
  const dir = builtinLexiconDir();
  return dir === null ? [] : BUILTIN_LEXICON_FILES.map((f) => path.join(dir, f)).filter((f) => fs.existsSync(f));
}
