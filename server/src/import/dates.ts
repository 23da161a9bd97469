/** Dates as front matter writes them. */

/** "2025-03-01T08:00:00Z", "March 1, 2025" → "2025-03-01"; undefined when it is not a date. */
export function isoDate(value: string | null | undefined): string | undefined {
  if (!value) return undefined;
  const iso = /^(\d{4})-(\d{2})-(\d{2})/.exec(value.trim());
  if (iso) return `${iso[1]}-${iso[2]}-${iso[3]}`;
  const t = Date.parse(value);
  if (Number.isNaN(t)) return undefined;
  const d = new Date(t);
  // Date.parse reads a date without a time as local midnight: keep the local calendar day.
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}
