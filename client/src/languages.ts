/**
 * Which documents the client hands to the server: the `slant.languages` setting, in the schemes
 * Slant reads (files on disk and unsaved editors). No `vscode` import.
 */
import { DEFAULT_SLANT_SETTINGS } from '../../server/src/protocol/index.js';

export const SCHEMES = ['file', 'untitled'] as const;

/** The language ids from a raw `slant.languages` value: strings only, once each; the default when none. */
export function languagesFrom(value: unknown): string[] {
  const ids = Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string' && v.trim() !== '') : [];
  const unique = [...new Set(ids.map((id) => id.trim()))];
  return unique.length > 0 ? unique : [...DEFAULT_SLANT_SETTINGS.languages];
}

/** The client's document selector for those languages. */
export function documentSelectorFor(languages: readonly string[]): { scheme: string; language: string }[] {
  return languages.flatMap((language) => SCHEMES.map((scheme) => ({ scheme, language })));
}

/** Whether a document with this language and URI scheme is one the server sees. */
export function isSupported(languageId: string, scheme: string, languages: readonly string[]): boolean {
  return (SCHEMES as readonly string[]).includes(scheme) && languages.includes(languageId);
}
