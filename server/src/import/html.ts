/**
 * Importing a saved web page: the HTML a reader saved ("Save Page As") in, the article as
 * Markdown with front matter out. The page is parsed into a DOM by linkedom, the article is
 * found by Mozilla's Readability (the Firefox reader view) and converted by turndown. Pure: no
 * file or network access (the caller reads the file; nothing on the page is fetched).
 */
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import TurndownService from 'turndown';
import { isoDate } from './dates.js';
import { frontMatter, type ArticleMeta } from './front-matter.js';

export type { ArticleMeta } from './front-matter.js';

/** Why a page could not be imported; the message is one line for the user. */
export class ImportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ImportError';
  }
}

export interface ImportedArticle {
  /** Front matter, then the article as Markdown. */
  markdown: string;
  meta: ArticleMeta;
}

/** Readability stops on pages with more elements than this (a saved page of many megabytes). */
const MAX_ELEMENTS = 200_000;

/** Fewer words than this is not an article (an error page, a login wall, a broken save). */
const MIN_WORDS = 40;

/** The little of linkedom's document read here (the project compiles without the DOM types). */
interface Doc {
  querySelector(selector: string): { getAttribute(name: string): string | null } | null;
}

function metaContent(doc: Doc, ...keys: string[]): string | undefined {
  for (const key of keys) {
    const el = doc.querySelector(`meta[property="${key}"], meta[name="${key}"], meta[itemprop="${key}"]`);
    const value = el?.getAttribute('content')?.trim();
    if (value) return value;
  }
  return undefined;
}

/** The page's own address: the canonical link, else og:url; only http(s). */
function canonicalUrl(doc: Doc): string | undefined {
  const link = doc.querySelector('link[rel="canonical"]')?.getAttribute('href')?.trim();
  for (const candidate of [link, metaContent(doc, 'og:url')]) {
    if (candidate && /^https?:\/\/\S+$/i.test(candidate)) return candidate;
  }
  return undefined;
}

/** "By Dana Whitfield, Staff Writer" → "Dana Whitfield, Staff Writer". */
function author(byline: string | null | undefined): string | undefined {
  const s = byline?.replace(/\s+/g, ' ').trim().replace(/^by\s+/i, '');
  return s ? s : undefined;
}

/** "Headline – Site", "Site: Headline" → "Headline". */
function withoutSite(title: string | undefined, site: string | undefined): string | undefined {
  if (title === undefined || site === undefined) return title;
  const s = site.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const stripped = title.replace(new RegExp(`\\s+[|–—·:-]\\s+${s}$`, 'iu'), '').replace(new RegExp(`^${s}\\s*[|–—·:-]\\s+`, 'iu'), '');
  return stripped.trim() === '' ? title : stripped;
}

function turndown(): TurndownService {
  const service = new TurndownService({ headingStyle: 'atx', codeBlockStyle: 'fenced', bulletListMarker: '-', emDelimiter: '*' });
  // Pictures and widgets are page furniture here: keep a picture's caption text (figcaption), not the image.
  service.addRule('furniture', {
    filter: ['script', 'style', 'noscript', 'iframe', 'form', 'button', 'img', 'picture', 'svg', 'video', 'audio'],
    replacement: () => '',
  });
  return service;
}

/**
 * Finds the article in a saved page and returns it as Markdown with front matter (`title`,
 * `outlet`, `author`, `date`, `url` where the page gives them). Throws ImportError when the page
 * holds no article text.
 */
export function importHtml(html: string): ImportedArticle {
  if (html.trim() === '') throw new ImportError('the page is empty');
  const { document } = parseHTML(html) as unknown as { document: Doc & { documentElement: unknown; body: unknown } };
  if (!document.documentElement || !document.body) throw new ImportError('this is not an HTML page (no <html> or <body> found)');
  // Read the metadata before Readability, which changes the document as it works.
  const url = canonicalUrl(document);
  const site = metaContent(document, 'og:site_name', 'application-name');
  const published = metaContent(document, 'article:published_time', 'datePublished', 'date', 'dc.date');
  const timeEl = document.querySelector('article time[datetime], time[datetime]')?.getAttribute('datetime');
  let article: ReturnType<Readability['parse']>;
  try {
    article = new Readability(document as never, { maxElemsToParse: MAX_ELEMENTS, charThreshold: 200 }).parse();
  } catch (error) {
    throw new ImportError(`the page could not be read (${error instanceof Error ? error.message.split('\n')[0] : String(error)})`);
  }
  const content = article?.content;
  if (!article || !content) throw new ImportError('no article text found on the page');
  const outlet = article.siteName?.trim() || site;
  const byline = author(article.byline);
  let body = turndown()
    .turndown(content)
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  // A byline Readability left in the text is in the front matter already.
  if (byline !== undefined) body = body.replace(/^(?:#+\s*)?by\s+(.+)\n\n/i, (line, name: string) => (name.trim() === byline ? '' : line));
  const words = (article.textContent ?? '').match(/[\p{L}\p{N}]+/gu)?.length ?? 0;
  if (words < MIN_WORDS) throw new ImportError(words === 0 ? 'no article text found on the page' : `too little text for an article on the page (${words} words)`);
  const meta: ArticleMeta = {
    title: withoutSite(article.title?.replace(/\s+/g, ' ').trim() || undefined, outlet),
    outlet,
    author: byline,
    date: isoDate(article.publishedTime) ?? isoDate(published) ?? isoDate(timeEl),
    url,
  };
  const heading = meta.title !== undefined && !/^#\s/.test(body) ? `# ${meta.title}\n\n` : '';
  return { markdown: `${frontMatter(meta)}${heading}${body}\n`, meta };
}
