/** Plain-text tables and number formatting for the scripts' terminal output. */

export interface Column {
  header: string;
  /** Right-aligned by default for numbers; set explicitly when it matters. */
  align?: 'left' | 'right';
}

export interface Table {
  title: string;
  columns: Column[];
  rows: string[][];
}

/** Renders a table with a title line, a header, a rule and padded columns. */
export function renderTable(table: Table, indent = '  '): string {
  const widths = table.columns.map((c, i) => Math.max(c.header.length, ...table.rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]): string =>
    indent +
    cells
      .map((cell, i) => {
        const w = widths[i] ?? 0;
        return table.columns[i]?.align === 'left' ? cell.padEnd(w) : cell.padStart(w);
      })
      .join('  ')
      .trimEnd();
  const out = [table.title, line(table.columns.map((c) => c.header)), indent + widths.map((w) => '-'.repeat(w)).join('  ')];
  for (const r of table.rows) out.push(line(r));
  if (table.rows.length === 0) out.push(`${indent}(none)`);
  return out.join('\n');
}

/** A ratio as 0.123, or '-' when undefined. */
export function fmt(value: number | null | undefined, digits = 3): string {
  return value === null || value === undefined || Number.isNaN(value) ? '-' : value.toFixed(digits);
}

/** A share as a percentage, 12.3%. */
export function pct(value: number | null | undefined, digits = 1): string {
  return value === null || value === undefined || Number.isNaN(value) ? '-' : `${(value * 100).toFixed(digits)}%`;
}

/** An integer with thousands separators. */
export function int(value: number): string {
  return value.toLocaleString('en-US');
}
