/** Adding a term to `ignoreTerms` in a `.slant/config.json` text, keeping everything else in it. */
import { DataFileError, parseJson } from '../engine/json.js';

export class ConfigEditError extends Error {}

/** The indentation the file uses (two spaces when it cannot tell). */
function indentOf(text: string): string | number {
  const m = /\n([ \t]+)"/.exec(text);
  return m ? (m[1] as string) : 2;
}

/**
 * The config text with `term` in `ignoreTerms`: a new file when `text` is null, the same text
 * when the term is already there. Other keys keep their values and order. Throws
 * ConfigEditError when the file is not a JSON object or `ignoreTerms` is not a list of strings.
 */
export function withIgnoredTerm(text: string | null, term: string): string {
  if (text === null || text.trim() === '') return `${JSON.stringify({ ignoreTerms: [term] }, null, 2)}\n`;
  const bom = text.charCodeAt(0) === 0xfeff ? '\ufeff' : '';
  let value: unknown;
  try {
    value = parseJson(text, 'config.json');
  } catch (error) {
    // The place, not the library's message (which quotes the file's text).
    throw new ConfigEditError(error instanceof DataFileError && error.line !== null ? `it is not valid JSON (line ${error.line})` : 'it is not JSON');
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new ConfigEditError('it is not a JSON object');
  const config = value as Record<string, unknown>;
  const terms = config.ignoreTerms ?? [];
  if (!Array.isArray(terms) || terms.some((t) => typeof t !== 'string')) throw new ConfigEditError('"ignoreTerms" is not a list of strings');
  if ((terms as string[]).includes(term)) return text;
  config.ignoreTerms = [...(terms as string[]), term];
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  return `${bom}${JSON.stringify(config, null, indentOf(text)).replace(/\n/g, eol)}${eol}`;
}
