/** Locating and reading the evaluation data, which lives outside the repository. */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (the folder holding `scripts/`). */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The shared evaluation data folder, next to the repository: never copied into it. */
export const evalDir = path.resolve(repoRoot, '..', 'shared', 'eval');

/** Resolves a file argument: as given (relative to the working folder), else inside `evalDir`. */
export function resolveDataFile(arg: string): string | null {
  for (const candidate of [path.resolve(arg), path.resolve(evalDir, arg), path.resolve(evalDir, `${arg}.jsonl`)]) {
    if (existsSync(candidate)) return candidate;
  }
  return null;
}

/** Parses a JSON Lines file into objects; names the file and line of a bad line. */
export function readJsonl(file: string): Record<string, unknown>[] {
  const rows: Record<string, unknown>[] = [];
  const lines = readFileSync(file, 'utf8').split('\n');
  lines.forEach((line, i) => {
    if (line.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (error) {
      throw new Error(`${path.basename(file)}:${i + 1}: ${(error as Error).message}`);
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      throw new Error(`${path.basename(file)}:${i + 1}: expected a JSON object`);
    }
    rows.push(value as Record<string, unknown>);
  });
  return rows;
}

/** Counts the non-empty lines of a file without parsing them. */
export function countLines(file: string): number {
  let n = 0;
  for (const line of readFileSync(file, 'utf8').split('\n')) if (line.trim() !== '') n++;
  return n;
}

/** The `text` field of a row, checked. */
export function textOf(row: Record<string, unknown>, where: string): string {
  if (typeof row.text !== 'string') throw new Error(`${where}: "text" is not a string`);
  return row.text;
}

/** The `spans` field of a row as [start, end, type] triples, checked. */
export function spansOf(row: Record<string, unknown>, where: string): [number, number, string][] {
  const spans = row.spans ?? [];
  if (!Array.isArray(spans)) throw new Error(`${where}: "spans" is not a list`);
  return spans.map((s: unknown, i) => {
    if (!Array.isArray(s) || typeof s[0] !== 'number' || typeof s[1] !== 'number' || typeof (s[2] ?? '') !== 'string') {
      throw new Error(`${where}: span ${i} is not [start, end, type]`);
    }
    return [s[0], s[1], (s[2] as string | undefined) ?? ''];
  });
}

/** A string field, or null when missing or not a string. */
export function stringField(row: Record<string, unknown>, key: string): string | null {
  const v = row[key];
  return typeof v === 'string' ? v : null;
}
