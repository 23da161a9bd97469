/** Front matter for an imported article, with the keys the samples use. */

export interface ArticleMeta {
  title?: string | undefined;
  outlet?: string | undefined;
  author?: string | undefined;
  /** YYYY-MM-DD. */
  date?: string | undefined;
  url?: string | undefined;
}

const KEYS = ['title', 'outlet', 'author', 'date', 'url'] as const;

/** A YAML scalar: plain when it cannot be read as anything but this string, else double-quoted. */
function scalar(key: string, value: string): string {
  const plain = key === 'date' ? /^\d{4}-\d{2}-\d{2}$/ : key === 'url' ? /^https?:\/\/[^\s#'"]+$/ : /^[\p{L}\p{N}][\p{L}\p{N} .,’'&()-]*$/u;
  return key !== 'title' && plain.test(value) ? value : JSON.stringify(value);
}

/** `---` … `---` with the keys that have a value (none: no front matter). */
export function frontMatter(meta: ArticleMeta): string {
  const lines = KEYS.flatMap((k) => {
    const v = meta[k]?.replace(/[\r\n]+/g, ' ').trim();
    return v ? [`${k}: ${scalar(k, v)}`] : [];
  });
  return lines.length === 0 ? '' : `---\n${lines.join('\n')}\n---\n\n`;
}
