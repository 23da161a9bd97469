/**
 * Front matter metadata. Most articles' front matter is flat `key: value` lines; those are read
 * directly (the YAML library costs more than the rest of a short article's reading). Anything
 * else, or anything a YAML parser might read differently, goes to the `yaml` package.
 */
import { parse as parseYaml } from 'yaml';
import type { Metadata, Notice } from '../types.js';

const METADATA_KEYS = ['outlet', 'author', 'date', 'url', 'title'];

/** `key: value` with a plain key; the value is checked apart. */
const LINE = /^([A-Za-z_][A-Za-z0-9_-]*):(?:[ \t]+(.*?))?[ \t]*$/;
/** A plain scalar a YAML 1.2 core-schema parser reads as this same string. */
const PLAIN = /^(?![-?:,[\]{}#&*!|>'"%@`])[^\t]*$/;
/** Plain scalars that YAML resolves to null, booleans or numbers. */
const NOT_A_STRING = /^(?:~|null|Null|NULL|true|True|TRUE|false|False|FALSE|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|0o[0-7]+|0x[0-9a-fA-F]+|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/;
/** The core schema's booleans (metadata keeps them as 'true' and 'false'). */
const BOOLEAN = /^(?:true|True|TRUE|false|False|FALSE)$/;
/** A double-quoted scalar with no escapes. */
const QUOTED = /^"([^"\\]*)"$/;

/**
 * Reads flat front matter without the YAML parser: only blank lines, comment lines and
 * `key: value` lines whose value is a plain or simply quoted string. Returns null for anything
 * else (nested values, numbers, booleans, repeated keys, flow syntax...).
 */
export function flatFrontMatter(yamlText: string): Metadata | null {
  const out: Metadata = {};
  const seen = new Set<string>();
  for (const raw of yamlText.split('\n')) {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line.trim() === '' || line.startsWith('#')) continue;
    const m = LINE.exec(line);
    if (!m) return null;
    const key = m[1] as string;
    if (seen.has(key)) return null;
    seen.add(key);
    const value = m[2];
    if (value === undefined || value === '') continue;
    const quoted = QUOTED.exec(value);
    if (quoted) out[key] = quoted[1] as string;
    else if (BOOLEAN.test(value)) out[key] = value.toLowerCase();
    else if (PLAIN.test(value) && !NOT_A_STRING.test(value) && !value.includes(': ') && !value.includes(' #') && !value.endsWith(':')) out[key] = value;
    else return null;
  }
  return out;
}

/** The document metadata in front matter; a notice (and no metadata) when it is not valid YAML. */
export function readMetadata(yamlText: string, notices: Notice[]): Metadata {
  const flat = flatFrontMatter(yamlText);
  if (flat !== null) return flat;
  const metadata: Metadata = {};
  let value: unknown;
  try {
    // 'error': the library's warnings (an unknown tag, say) would go to the process's stderr.
    value = parseYaml(yamlText, { maxAliasCount: 50, logLevel: 'error' });
  } catch (error) {
    // The library's first line (not the quoted source it adds after it), without its last colon.
    const reason = (error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error)).replace(/:$/, '');
    notices.push({ level: 'warning', message: `front matter is not valid YAML (${reason}); metadata ignored` });
    return metadata;
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return metadata;
  for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
    if (v instanceof Date) metadata[key] = v.toISOString().slice(0, 10);
    else if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') metadata[key] = String(v);
    else if (METADATA_KEYS.includes(key) && Array.isArray(v)) metadata[key] = v.map(String).join(', ');
  }
  return metadata;
}
