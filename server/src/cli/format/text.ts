/**
 * The human-readable format, like a linter's: per file with findings, a header with the path and
 * one aligned line per finding; then a summary. Pure: reports in, text out.
 */
import { CATEGORIES } from '../../engine/index.js';
import type { Severity } from '../../engine/index.js';
import { palette, sanitise, type Palette } from '../color.js';
import type { FileReport, ReportFinding } from '../report.js';

export interface TextOptions {
  color: boolean;
}

export interface SummaryOptions extends TextOptions {
  /** Paths and files given that could not be used (counted in the summary when any). */
  skipped?: number;
}

const width = (s: string): number => [...s].length;
const pad = (s: string, n: number): string => s + ' '.repeat(Math.max(0, n - width(s)));

function paintSeverity(p: Palette, severity: Severity, s: string): string {
  switch (severity) {
    case 'error':
      return p.red(s);
    case 'warning':
      return p.yellow(s);
    case 'info':
      return p.cyan(s);
    case 'hint':
      return p.gray(s);
  }
}

function voice(f: ReportFinding): string {
  if (!f.quoted) return '';
  return f.speaker !== null ? ` (quoted: ${sanitise(f.speaker)})` : ' (quoted)';
}

/** One file's block: the path, then a line per finding. Empty for a file without findings. */
/** One line on how a file's claims are sourced ("sourcing: 30 claims, 40% unsourced; 4 named, …"). */
export function sourcingLine(file: FileReport): string {
  const s = file.sourcing;
  if (s.claims === 0) return '';
  const kinds = (['named', 'institutional', 'anonymous', 'vague', 'self'] as const).filter((k) => s.byKind[k] > 0).map((k) => `${s.byKind[k]} ${k}`);
  return `sourcing: ${plural(s.claims, 'claim', 'claims')}, ${Math.round(s.unsourcedShare * 100)}% unsourced${kinds.length > 0 ? `; attributed: ${kinds.join(', ')}` : ''}`;
}

export function formatTextFile(file: FileReport, options: TextOptions): string {
  if (file.findings.length === 0) return '';
  const p = palette(options.color);
  const rows = file.findings.map((f) => ({
    f,
    where: `${f.start.line}:${f.start.column}`,
    message: sanitise(f.message) + voice(f),
  }));
  // A loop, not Math.max(...rows): a file can have more findings than a call has arguments.
  let whereWidth = 0;
  let severityWidth = 0;
  let messageWidth = 0;
  for (const r of rows) {
    whereWidth = Math.max(whereWidth, width(r.where));
    severityWidth = Math.max(severityWidth, width(r.f.severity));
    messageWidth = Math.max(messageWidth, width(r.message));
  }
  const lines = [p.underline(sanitise(file.path))];
  for (const r of rows) {
    lines.push(
      `  ${p.dim(pad(r.where, whereWidth))}  ${paintSeverity(p, r.f.severity, pad(r.f.severity, severityWidth))}  ${pad(r.message, messageWidth)}  ${p.dim(r.f.ruleId)}`,
    );
  }
  const sourcing = sourcingLine(file);
  if (sourcing !== '') lines.push(`  ${p.dim(sourcing)}`);
  return lines.join('\n') + '\n\n';
}

const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

/** The closing summary: totals by severity and by category. */
export function formatTextSummary(files: readonly FileReport[], options: SummaryOptions): string {
  const p = palette(options.color);
  const bySeverity: Record<Severity, number> = { error: 0, warning: 0, info: 0, hint: 0 };
  const byCategory = new Map<string, number>();
  let total = 0;
  for (const file of files) {
    for (const f of file.findings) {
      total++;
      bySeverity[f.severity]++;
      byCategory.set(f.category, (byCategory.get(f.category) ?? 0) + 1);
    }
  }
  let line = plural(total, 'finding', 'findings');
  if (total > 0) {
    const parts = [
      ...(bySeverity.error > 0 ? [plural(bySeverity.error, 'error', 'errors')] : []),
      plural(bySeverity.warning, 'warning', 'warnings'),
      `${bySeverity.info} info`,
      plural(bySeverity.hint, 'hint', 'hints'),
    ];
    line += ` (${parts.join(', ')})`;
  }
  line += ` in ${plural(files.length, 'file', 'files')}`;
  if (options.skipped !== undefined && options.skipped > 0) line += `; ${options.skipped} skipped`;
  const painted = total === 0 ? p.green(line) : bySeverity.error > 0 ? p.red(line) : bySeverity.warning > 0 ? p.yellow(line) : line;
  const out = [p.bold(painted)];
  if (total > 0) {
    const known = CATEGORIES.filter((c) => byCategory.has(c));
    const others = [...byCategory.keys()].filter((c) => !(CATEGORIES as readonly string[]).includes(c)).sort();
    out.push(`By category: ${[...known, ...others].map((c) => `${c} ${byCategory.get(c) ?? 0}`).join(', ')}`);
  }
  return out.join('\n') + '\n';
}

/** The whole text output for a run. */
export function formatText(files: readonly FileReport[], options: SummaryOptions & { quiet?: boolean }): string {
  const body = files.map((f) => formatTextFile(f, options)).join('');
  return options.quiet ? body : body + formatTextSummary(files, options);
}

/** Document notices (truncation, front matter trouble) as `<file>: <notice>` lines, for standard error. */
export function noticeLines(files: readonly FileReport[]): string[] {
  return files.flatMap((file) => file.notices.map((n) => `${sanitise(file.path)}: ${sanitise(n.message)}`));
}
