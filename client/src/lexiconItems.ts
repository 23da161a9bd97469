/**
 * The entries of the *Open Lexicon* quick pick, from the server's `slant/lexiconLocations` answer.
 * No `vscode` import: locations come back as URIs, absolute paths or (built-in files) names relative
 * to the package's `server/data/lexicon/`, and are resolved here to a URI string or an absolute path.
 */
import { isAbsolute, join, basename } from 'node:path';
import type { LexiconLocations } from '../../server/src/protocol/index.js';

export interface LexiconItem {
  group: 'builtin' | 'workspace';
  /** The file name. */
  label: string;
  /** Exactly one of these is set. */
  uri?: string;
  path?: string;
}

const URI = /^[a-zA-Z][a-zA-Z0-9+.-]+:/;

/** Resolves one location; `builtinDir` is the extension's `server/data/lexicon` folder. */
export function resolveLocation(location: string, builtinDir: string): { uri: string } | { path: string } {
  // A Windows path such as `C:\x` looks like a scheme of one letter; schemes here have two or more.
  if (URI.test(location)) return { uri: location };
  if (isAbsolute(location)) return { path: location };
  return { path: join(builtinDir, location) };
}

function nameOf(location: string): string {
  const withoutQuery = location.replace(/[?#].*$/, '');
  let name = basename(withoutQuery.replace(/\\/g, '/'));
  try {
    name = decodeURIComponent(name);
  } catch {
    // Keep it as it is.
  }
  return name || location;
}

/** Built-in files first, then the workspace's, each group in the server's order, without duplicates. */
export function lexiconItems(locations: LexiconLocations, builtinDir: string): LexiconItem[] {
  const items: LexiconItem[] = [];
  const seen = new Set<string>();
  for (const group of ['builtin', 'workspace'] as const) {
    const list = Array.isArray(locations?.[group]) ? locations[group] : [];
    for (const location of list) {
      if (typeof location !== 'string' || location === '') continue;
      const resolved = resolveLocation(location, builtinDir);
      const key = 'uri' in resolved ? resolved.uri : resolved.path;
      if (seen.has(key)) continue;
      seen.add(key);
      items.push({ group, label: nameOf(location), ...resolved });
    }
  }
  return items;
}
