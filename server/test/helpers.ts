/** Test helpers: ranges are found by substring, never typed by hand; temporary folders. */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Finding } from '../src/engine/index.js';

const temps: string[] = [];
process.on('exit', () => {
  for (const dir of temps) fs.rmSync(dir, { recursive: true, force: true });
});

/** A fresh temporary folder (real path), removed when the test process exits. */
export function tempDir(prefix: string): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), prefix)));
  temps.push(dir);
  return dir;
}

/** A fresh temporary folder holding the given files (paths relative to it; text or bytes). */
export function workspace(files: Record<string, string | Buffer> = {}, prefix = 'slant-test-'): string {
  const dir = tempDir(prefix);
  for (const [name, content] of Object.entries(files)) {
    const file = path.join(dir, name);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content);
  }
  return dir;
}

/** The range of the n-th (0-based) occurrence of `needle` in `text`; throws if it is not there. */
export function rangeOf(text: string, needle: string, occurrence = 0): { start: number; end: number } {
  let at = -1;
  for (let i = 0, from = 0; i <= occurrence; i++) {
    at = text.indexOf(needle, from);
    if (at < 0) throw new Error(`"${needle}" (occurrence ${occurrence}) not found in test text`);
    from = at + 1;
  }
  return { start: at, end: at + needle.length };
}

/** Findings whose text is exactly `needle`. */
export function findingsFor(findings: readonly Finding[], needle: string): Finding[] {
  return findings.filter((f) => f.text === needle);
}
