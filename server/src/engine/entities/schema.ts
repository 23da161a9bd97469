/**
 * The gazetteer file format. Gazetteers are data: `server/data/gazetteer.json` (built in) and
 * any files a workspace lists under "entities" in `.slant/config.json`, each shaped like
 * `GazetteerFile`. A workspace entry with a built-in id adds aliases to that entity; a new id
 * adds an entity.
 */
import type { AliasKind, Entity } from '../compare/types.js';

export interface AliasEntry {
  /** The alias as written in good English text ("Türkiye", "the Kremlin", "Recep Tayyip Erdoğan"). */
  text: string;
  kind: AliasKind;
  /**
   * Match only when the case of every letter agrees (for abbreviations such as "MIT", "PA").
   * Otherwise the first letter must be a capital in the text (so "turkey" the bird is not Turkey)
   * and the rest is matched case-insensitively, diacritics folded ("Erdogan" = "Erdoğan").
   */
  caseSensitive?: boolean;
  /** Phrases in which this alias does not name the entity ("Washington Post", "George Washington"). */
  exceptions?: string[];
  /** Why the naming choice matters, in the project's words (shown with naming differences). */
  note?: string;
}

export interface EntityEntry {
  id: string;
  name: string;
  type: Entity['type'];
  aliases: AliasEntry[];
  /** A short description in the project's words. */
  note?: string;
}

export interface GazetteerFile {
  $comment?: string;
  entities: EntityEntry[];
}

/** Every key an entity, an alias and a gazetteer file may have: any other is refused as a misspelling. */
export const ENTITY_KEYS = ['id', 'name', 'type', 'aliases', 'note'] as const satisfies readonly (keyof EntityEntry)[];
export const ALIAS_KEYS = ['text', 'kind', 'caseSensitive', 'exceptions', 'note'] as const satisfies readonly (keyof AliasEntry)[];
export const GAZETTEER_KEYS = ['$schema', '$comment', 'description', 'entities'] as const;
export const ENTITY_KEYS_COMPLETE: [Exclude<keyof EntityEntry, (typeof ENTITY_KEYS)[number]>, Exclude<keyof AliasEntry, (typeof ALIAS_KEYS)[number]>] extends [never, never]
  ? true
  : 'add the new field to ENTITY_KEYS or ALIAS_KEYS' = true;
