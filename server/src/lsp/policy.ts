/**
 * Which documents are analysed without being asked.
 *
 * No noise: most Markdown and text files in a workspace are not news (READMEs, notes, docs), so
 * with `slant.analyse` = "auto" (the default) Slant analyses a document only when
 *   - its front matter names an outlet (`outlet:`): it is an article saved for reading, or
 *   - it lies in a workspace folder that has a `.slant/` folder: the project opted in, or
 *   - the user ran *Analyse Document* on it (`slant/analyseDocument`).
 * "all" analyses every document of the configured languages (`slant.languages`); "off" only
 * those the user asked for. A document the user asked for is analysed whatever its language.
 */
import type { Format } from '../engine/index.js';
import type { SlantSettings } from '../protocol/index.js';

const FRONT_MATTER = /^\ufeff?---[ \t]*\r?\n([^]*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/;

/** True when the text starts with YAML front matter that has an `outlet:` key. */
export function hasOutletFrontMatter(text: string): boolean {
  if (!text.startsWith('---') && !text.startsWith('\ufeff---')) return false;
  // Front matter is short; never scan a huge document for its end.
  const m = FRONT_MATTER.exec(text.slice(0, 20_000));
  return m !== null && /^outlet[ \t]*:/m.test(m[1] as string);
}

export interface PolicyInput {
  mode: SlantSettings['analyse'];
  languages: readonly string[];
  languageId: string;
  text: string;
  /** The document lies in a workspace folder with a `.slant/` folder. */
  inSlantWorkspace: boolean;
  /** The user asked for this document (*Analyse Document*). */
  requested: boolean;
}

export function shouldAnalyse(input: PolicyInput): boolean {
  if (input.requested) return true;
  if (input.mode === 'off' || !input.languages.includes(input.languageId)) return false;
  if (input.mode === 'all') return true;
  return input.inSlantWorkspace || hasOutletFrontMatter(input.text);
}

/** The engine's format for an editor language: Markdown for markdown (and MDX), text otherwise. */
export function formatOf(languageId: string): Format {
  return languageId === 'markdown' || languageId === 'mdx' ? 'markdown' : 'text';
}

/**
 * The document's language: as the editor says, or, when it says nothing (Neovim without filetype
 * detection sends ""), from the file name's extension.
 */
export function languageOf(languageId: string, uri: string): string {
  if (languageId !== '') return languageId;
  const path = uri.split(/[?#]/)[0] ?? '';
  if (/\.(md|markdown|mdown|mkd)$/i.test(path)) return 'markdown';
  if (/\.mdx$/i.test(path)) return 'mdx';
  if (/\.txt$/i.test(path)) return 'plaintext';
  return '';
}
