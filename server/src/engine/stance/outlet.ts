/**
 * Which outlet published a document: an override the user gave first, then the front matter's
 * `outlet:`, then cues in the text ("Ynet has learned", "TRT has previously reported",
 * "told the Ledger", a dateline "ANKARA (Anadolu) —", a byline "By Jane Roe, Reuters"), then
 * the file name ("trt-world-bases.md" → "Trt World"). The source is kept, so the user sees where
 * the name came from and can override it.
 */
import type { OutletInfo } from '../compare/types.js';
import type { Document } from '../types.js';

/** An outlet name: one to four capitalised words (allowing "of", "the", "al-", ampersands and hyphens; no dots, so a sentence end is not joined in). */
const NAME = String.raw`((?:The\s+)?[A-Z][\w'’&-]*(?:\s+(?:of\s+|the\s+|al-)?[A-Z][\w'’&-]*){0,3})`;

/** Text cues, strongest first. Each captures the outlet's name in group 1. */
const CUES: readonly RegExp[] = [
  // "Ynet has learned", "TRT has previously reported", "The Herald can reveal"
  new RegExp(String.raw`\b${NAME}\s+(?:has|have)\s+(?:previously\s+|exclusively\s+|also\s+)?(?:learned|learnt|reported|revealed|confirmed|obtained|seen)\b`, 'g'),
  new RegExp(String.raw`\b${NAME}\s+(?:can\s+(?:reveal|confirm)|understands)\b`, 'g'),
  // "told Ynet", "said in an interview with TRT World", "speaking to the Ledger"
  new RegExp(String.raw`\b(?:told|in\s+an\s+interview\s+with|speaking\s+to)\s+${NAME}`, 'g'),
  // a dateline: "ANKARA (Anadolu) —", "GAZA CITY, March 3 (Reuters) -"
  new RegExp(String.raw`^[A-ZÀ-Þ][A-ZÀ-Þ .'-]+(?:,[^(\n]{0,30})?\s*\(${NAME}\)\s*[-–—]`, 'gm'),
  // a byline: "By Jane Roe, Reuters" / "By Jane Roe | Ynet"
  new RegExp(String.raw`^\s*\*{0,2}By\s+[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3}\s*[,|–—-]\s*${NAME}\s*\*{0,2}\s*$`, 'gm'),
];

/** Words a cue may capture that are not outlets ("He has learned", "Officials have confirmed"). */
const NOT_OUTLETS = new Set([
  'he', 'she', 'it', 'they', 'we', 'i', 'you', 'this', 'that', 'officials', 'police', 'the government', 'the ministry', 'sources', 'investigators',
  'the company', 'the army', 'the military', 'reporters', 'journalists', 'witnesses', 'analysts', 'critics', 'experts', 'residents',
]);

/** A file name made readable: "trt-world_bases-2025.md" → "Trt World". Words after the first digit run or a topic word are dropped only if the name would otherwise be empty. */
function fromFileName(path: string): string | null {
  const base = path.split(/[\\/]/).pop()?.replace(/\.[^.]+$/, '') ?? '';
  const words = base.split(/[-_\s.]+/).filter((w) => w.length > 0 && !/^\d+$/.test(w));
  if (words.length === 0) return null;
  // "bosphorus-herald-bases" → the outlet is usually the leading words; keep at most the first two.
  return words
    .slice(0, Math.min(2, words.length))
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join(' ');
}

/** Finds the document's outlet; see the module comment for the order. `isEntity` rejects actors ("Hamas has confirmed"). */
export function detectOutlet(document: Document, path: string | undefined, override?: string, isEntity: (name: string) => boolean = () => false): OutletInfo {
  if (override !== undefined && override.trim() !== '') return { name: override.trim(), source: 'override', range: null };
  const fm = document.metadata.outlet;
  if (fm !== undefined && fm.trim() !== '') {
    const at = document.text.indexOf(fm);
    return { name: fm.trim(), source: 'front-matter', range: at >= 0 ? { start: at, end: at + fm.length } : null };
  }
  const prose = document.prose;
  for (const cue of CUES) {
    cue.lastIndex = 0;
    for (let m = cue.exec(prose); m !== null; m = cue.exec(prose)) {
      const name = (m[1] as string).replace(/[’']s$/, '').trim();
      if (NOT_OUTLETS.has(name.toLowerCase()) || NOT_OUTLETS.has(name.toLowerCase().replace(/^the /, '')) || isEntity(name)) continue;
      const start = m.index + m[0].indexOf(m[1] as string);
      return { name, source: 'text', range: { start, end: start + name.length } };
    }
  }
  const fromFile = path !== undefined ? fromFileName(path) : null;
  if (fromFile !== null) return { name: fromFile, source: 'file-name', range: null };
  return { name: 'Unknown outlet', source: 'unknown', range: null };
}
