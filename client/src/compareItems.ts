/**
 * *Slant: Compare Stance* decided without `vscode`, so it can be tested: the command's arguments,
 * which open documents are offered and pre-selected, and which messages from the comparison view
 * are honoured (a passage of a document in the comparison shown, nothing else).
 */
import type { CompareParams, CompareResult } from '../../server/src/protocol/index.js';

/** An open document as the picker sees it. */
export interface Candidate {
  uri: string;
  text: string;
}

/** With this many open documents or fewer, all are pre-selected. */
export const PRESELECT_ALL = 3;

const FRONT_MATTER = /^\ufeff?---[ \t]*\r?\n([\s\S]*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/;
const OUTLET_LINE = /^outlet:[ \t]*(.*?)[ \t]*$/m;

/**
 * The `outlet:` of a Markdown document's front matter, for the picker's label (the server
 * decides the outlet it compares under; this only helps the reader choose). Null when none.
 */
export function frontMatterOutlet(text: string): string | null {
  const block = FRONT_MATTER.exec(text.slice(0, 10_000))?.[1];
  const raw = block === undefined ? undefined : OUTLET_LINE.exec(block)?.[1];
  if (raw === undefined) return null;
  const value = /^(["'])(.*)\1$/.exec(raw)?.[2] ?? raw;
  return value.trim() === '' ? null : value.trim();
}

/** The URIs pre-selected in the picker: every document when there are few, else those naming an outlet. */
export function preselected(candidates: readonly Candidate[]): Set<string> {
  const chosen = candidates.length <= PRESELECT_ALL ? candidates : candidates.filter((c) => frontMatterOutlet(c.text) !== null);
  return new Set(chosen.map((c) => c.uri));
}

/**
 * The command's arguments when a caller (a test, another extension, a key binding) passes them:
 * `{ uris, outlets? }`; null when there are none or they are malformed (the command then asks).
 */
export function compareArgs(value: unknown): CompareParams | null {
  if (value === null || typeof value !== 'object') return null;
  const { uris, outlets } = value as { uris?: unknown; outlets?: unknown };
  if (!Array.isArray(uris) || !uris.every((u) => typeof u === 'string')) return null;
  if (outlets === undefined) return { uris: [...uris] };
  if (outlets === null || typeof outlets !== 'object' || Array.isArray(outlets)) return null;
  const entries = Object.entries(outlets as Record<string, unknown>);
  if (!entries.every(([, v]) => typeof v === 'string')) return null;
  return { uris: [...uris], outlets: Object.fromEntries(entries) as Record<string, string> };
}

/** The outlet names a user changed: by URI, only those that differ from what the comparison shows. */
export function changedOutlets(result: CompareResult, edited: Readonly<Record<string, string>>): Record<string, string> {
  const changed: Record<string, string> = {};
  for (const d of result.comparison.documents) {
    const uri = result.uris[d.path];
    const name = uri === undefined ? undefined : edited[uri]?.trim();
    if (uri !== undefined && name !== undefined && name !== '' && name !== d.outlet) changed[uri] = name;
  }
  return changed;
}

/** A passage to show: the document's URI and the passage's UTF-16 offsets in it. */
export interface OpenTarget {
  uri: string;
  start: number;
  end: number;
}

const isOffset = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;

/**
 * Checks a message posted by the webview (`{ type: 'open', path, start, end }`). The page shows document text, so its messages are
 * treated as untrusted input: only a passage of a document in `result` (by path, or by URI) with
 * sane offsets is opened; anything else is null and ignored.
 */
export function openTarget(message: unknown, result: CompareResult | undefined): OpenTarget | null {
  if (message === null || typeof message !== 'object' || result === undefined) return null;
  const m = message as { type?: unknown; path?: unknown; uri?: unknown; start?: unknown; end?: unknown };
  if (m.type !== 'open') return null;
  const start = typeof m.start === 'string' && /^\d+$/.test(m.start) ? Number(m.start) : m.start;
  const end = typeof m.end === 'string' && /^\d+$/.test(m.end) ? Number(m.end) : m.end;
  if (!isOffset(start) || !isOffset(end) || end < start) return null;
  const known = Object.entries(result.uris);
  const uri =
    typeof m.path === 'string' ? known.find(([p]) => p === m.path)?.[1] : typeof m.uri === 'string' ? known.find(([, u]) => u === m.uri)?.[1] : undefined;
  return uri === undefined ? null : { uri, start, end };
}
