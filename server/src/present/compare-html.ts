/**
 * The comparison as one self-contained HTML document: the `slant compare --format html` report
 * and the editor's comparison webview. Nothing is loaded from anywhere (inline CSS, bars drawn
 * as inline SVG), a strict Content Security Policy comes first in the head, and every piece of
 * document text is escaped. In a webview, one script with the caller's nonce posts
 * `{type: 'open', path, start, end}` when a passage or evidence sentence is clicked.
 *
 * Imports only types: the client bundles this file without the engine, node or vscode.
 */
import type { Alignment, Comparison, ComparedDocument, PassageHighlight, PassageRef, StanceOut } from '../engine/compare/types.js';
import type { LineColumn } from '../engine/position.js';
import { documentLabels, HOW_TO_READ, percent, plural, rankedAlignments, segments, signed, SOURCING_KINDS, stanceTable } from './compare-view.js';

export interface CompareHtmlOptions {
  mode: 'standalone' | 'webview';
  /** Webview: the nonce allowing the one style and one script element (required in webview mode). */
  nonce?: string;
  /** Webview: `webview.cspSource`, allowed as a style source besides the nonce. */
  cspSource?: string;
  title?: string;
  /** Standalone: a URL per document path (its `file://` URL, say); locations link to `URL#L<line>`. */
  links?: Readonly<Record<string, string>>;
  /** A shorter name to show per document path (the editor passes workspace-relative paths). */
  displayPaths?: Readonly<Record<string, string>>;
}

/** The message the webview script posts when a location is clicked (offsets in UTF-16 code units). */
export interface OpenMessage {
  type: 'open';
  path: string;
  start: number;
  end: number;
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML content and for double-quoted attribute values. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ESCAPES[c] as string);
}

const esc = escapeHtml;

/** Distinctive terms listed per outlet. */
const TERMS_SHOWN = 15;
/** Shared words listed under an aligned pair. */
const SHARED_WORDS = 12;

/** What the highlight kinds mean, for the legend and the marks' titles. */
const MARK_KINDS: Readonly<Record<string, string>> = {
  loaded: 'loaded wording',
  partisan: 'partisan term',
  attribution: 'attribution',
  unsupported: 'unsourced claim',
  speculation: 'speculation',
};

const STYLE = `
:root {
  color-scheme: light dark;
  --fg: var(--vscode-editor-foreground, #1f2328);
  --bg: var(--vscode-editor-background, #ffffff);
  --muted: var(--vscode-descriptionForeground, #59636e);
  --border: var(--vscode-panel-border, #d1d9e0);
  --red: var(--vscode-charts-red, #c4314b);
  --green: var(--vscode-charts-green, #2f7d32);
  --track: var(--vscode-editorWidget-background, #eef1f4);
  --link: var(--vscode-textLink-foreground, #0b62c4);
  --loaded: var(--vscode-charts-yellow, #b58900);
  --partisan: var(--vscode-charts-orange, #d9480f);
  --attribution: var(--vscode-charts-blue, #1f6feb);
  --other: var(--vscode-charts-purple, #8250df);
  --font: var(--vscode-font-family, system-ui, -apple-system, "Segoe UI", sans-serif);
  --mono: var(--vscode-editor-font-family, ui-monospace, "SF Mono", Consolas, monospace);
}
@media (prefers-color-scheme: dark) {
  :root {
    --fg: var(--vscode-editor-foreground, #e6edf3);
    --bg: var(--vscode-editor-background, #0d1117);
    --muted: var(--vscode-descriptionForeground, #9198a1);
    --border: var(--vscode-panel-border, #3d444d);
    --red: var(--vscode-charts-red, #f47067);
    --green: var(--vscode-charts-green, #57ab5a);
    --track: var(--vscode-editorWidget-background, #1c2128);
    --link: var(--vscode-textLink-foreground, #4493f8);
    --loaded: var(--vscode-charts-yellow, #d4a72c);
    --partisan: var(--vscode-charts-orange, #f0883e);
    --attribution: var(--vscode-charts-blue, #539bf5);
    --other: var(--vscode-charts-purple, #b083f0);
  }
}
body { margin: 0; padding: 1rem 1.5rem 3rem; color: var(--fg); background: var(--bg); font-family: var(--font); font-size: var(--vscode-font-size, 14px); line-height: 1.5; }
main { max-width: 72rem; }
h1 { font-size: 1.5em; margin: 0.5rem 0 1rem; }
h2 { font-size: 1.2em; margin: 2rem 0 0.75rem; padding-bottom: 0.25rem; border-bottom: 1px solid var(--border); }
h3 { font-size: 1.05em; margin: 1.25rem 0 0.5rem; }
a { color: var(--link); }
.muted, caption, .note { color: var(--muted); }
caption { text-align: left; padding-bottom: 0.25rem; }
.scroll { overflow-x: auto; }
table { border-collapse: collapse; margin: 0.25rem 0 1rem; }
th, td { text-align: left; vertical-align: top; padding: 0.3rem 0.75rem 0.3rem 0; border-bottom: 1px solid var(--border); }
th[scope="col"] { font-weight: 600; white-space: nowrap; }
th[scope="row"] { white-space: nowrap; }
table.stance { width: 100%; table-layout: fixed; }
table.stance col.outlet { width: 14rem; }
table.stance th[scope="row"] { white-space: normal; }
table.stance col.bar { width: 15rem; }
table.stance col.figure { width: 6.5rem; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.score { display: inline-flex; align-items: center; gap: 0.5rem; white-space: nowrap; font-variant-numeric: tabular-nums; }
svg.bar { display: block; }
svg.bar .track { fill: var(--track); }
svg.bar .axis { stroke: var(--muted); stroke-width: 1; }
svg.bar .neg { fill: var(--red); }
svg.bar .pos { fill: var(--green); }
svg.bar .level { fill: var(--muted); }
.neg-text { color: var(--red); }
.pos-text { color: var(--green); }
details > summary { cursor: pointer; }
ol.evidence { margin: 0.25rem 0; padding-left: 1.25rem; }
ol.evidence li { margin: 0.35rem 0; }
.reasons { color: var(--muted); font-size: 0.92em; }
.sentence { margin: 0.15rem 0; padding-left: 0.5rem; border-left: 2px solid var(--border); }
.alignment { border-top: 1px solid var(--border); padding-top: 0.5rem; }
.pair { display: grid; grid-template-columns: repeat(auto-fit, minmax(18rem, 1fr)); gap: 1rem; }
figure.passage { margin: 0; }
figure.passage blockquote { margin: 0.25rem 0 0; padding: 0.25rem 0.75rem; border-left: 3px solid var(--border); }
.loc { font-family: var(--mono); font-size: 0.9em; }
[data-path] { border-radius: 3px; }
body.webview [data-path]:hover { outline: 1px dashed var(--border); cursor: pointer; }
mark { color: inherit; background: transparent; border-bottom: 2px solid var(--other); padding: 0 1px; }
mark.hl-loaded { border-bottom-color: var(--loaded); }
mark.hl-partisan { border-bottom-color: var(--partisan); border-bottom-style: double; border-bottom-width: 3px; }
mark.hl-attribution { border-bottom-color: var(--attribution); border-bottom-style: dotted; }
.legend mark { margin-right: 0.75rem; }
dl.how dt { font-weight: 600; margin-top: 0.5rem; }
dl.how dd { margin: 0 0 0 1rem; }
ul.terms { columns: 14rem; padding-left: 1.25rem; margin: 0.25rem 0 1rem; }
`;

/**
 * Lets a click (or Enter on the focused location link) on anything carrying a location open it in
 * the editor. A click that ends a text selection is left alone, so passages can be copied.
 */
const SCRIPT = `
(() => {
  const vscode = acquireVsCodeApi();
  document.addEventListener('click', (event) => {
    const target = event.target instanceof Element ? event.target.closest('[data-path]') : null;
    if (target === null) return;
    const selection = window.getSelection();
    if (selection !== null && !selection.isCollapsed && event.detail > 0) return;
    event.preventDefault();
    vscode.postMessage({ type: 'open', path: target.dataset.path, start: Number(target.dataset.start), end: Number(target.dataset.end) });
  });
})();
`;

interface Context {
  webview: boolean;
  links: Readonly<Record<string, string>>;
  displayPaths: Readonly<Record<string, string>>;
}

/** The start of a document, for links that open it. */
const TOP: LineColumn = { line: 1, column: 1, offset: 0 };

/** The `data-` attributes that let the webview script open a range of a document. */
function locationData(path: string, start: LineColumn, end: LineColumn): string {
  return ` data-path="${esc(path)}" data-start="${start.offset}" data-end="${end.offset}"`;
}

/** A document's "path" or "path:line" as a link: for the script in a webview, to the file in standalone mode when its URL is known. */
function locationLink(ctx: Context, path: string, line?: number): string {
  const shown = ctx.displayPaths[path] ?? path;
  const label = esc(line === undefined ? shown : `${shown}:${line}`);
  if (ctx.webview) return `<a class="loc" href="#" title="Open in the editor">${label}</a>`;
  const url = ctx.links[path];
  if (url === undefined) return `<span class="loc">${label}</span>`;
  return `<a class="loc" href="${esc(line === undefined ? url : `${url}#L${line}`)}">${label}</a>`;
}

/** A stance bar from −1 to +1 around a centre line; confidence is the fill's opacity. The figure is always printed beside it. */
function stanceBar(score: number, confidence: number): string {
  const w = Math.round(Math.min(1, Math.abs(score)) * 100);
  const x = score < 0 ? -w : 0;
  const opacity = (0.3 + 0.7 * Math.max(0, Math.min(1, confidence))).toFixed(2);
  return (
    `<svg class="bar" viewBox="-100 0 200 14" width="160" height="14" aria-hidden="true" focusable="false">` +
    `<rect class="track" x="-100" y="0" width="200" height="14"/>` +
    `<rect class="${score < 0 ? 'neg' : 'pos'}" x="${x}" y="2" width="${w}" height="10" fill-opacity="${opacity}"/>` +
    `<line class="axis" x1="0" x2="0" y1="0" y2="14"/></svg>`
  );
}

/** A bar from 0 to `max` for a figure printed beside it. */
function levelBar(value: number, max: number): string {
  const w = max > 0 ? Math.round(Math.min(1, value / max) * 100) : 0;
  return (
    `<svg class="bar" viewBox="0 0 100 10" width="80" height="10" aria-hidden="true" focusable="false">` +
    `<rect class="track" x="0" y="0" width="100" height="10"/><rect class="level" x="0" y="0" width="${w}" height="10"/></svg>`
  );
}

function scoreClass(score: number): string {
  return score < 0 ? ' class="neg-text"' : score > 0 ? ' class="pos-text"' : '';
}

function markTitle(highlights: readonly PassageHighlight[]): string {
  return highlights.map((h) => `${MARK_KINDS[h.kind] ?? h.kind}: ${h.ruleId}`).join('; ');
}

/** A passage's text with its highlights as `<mark>`s (overlaps become flat runs carrying every kind). */
function highlighted(passage: PassageRef): string {
  return segments(passage)
    .map((seg) => {
      if (seg.highlights.length === 0) return esc(seg.text);
      const kinds = [...new Set(seg.highlights.map((h) => h.kind))];
      return `<mark class="${kinds.map((k) => `hl-${esc(k)}`).join(' ')}" title="${esc(markTitle(seg.highlights))}">${esc(seg.text)}</mark>`;
    })
    .join('');
}

function documentsSection(c: Comparison, labels: readonly string[], ctx: Context): string {
  const rows = c.documents
    .map(
      (d, i) =>
        `<tr><th scope="row">${esc(labels[i] as string)}</th><td${locationData(d.path, TOP, TOP)}>${locationLink(ctx, d.path)}</td>` +
        `<td class="num">${d.words}</td><td>${esc(d.outletSource.replace('-', ' '))}</td></tr>`,
    )
    .join('');
  return (
    `<section aria-labelledby="documents"><h2 id="documents">Documents</h2><div class="scroll"><table>` +
    `<thead><tr><th scope="col">Outlet</th><th scope="col">File</th><th scope="col" class="num">Words</th><th scope="col">Outlet found in</th></tr></thead>` +
    `<tbody>${rows}</tbody></table></div></section>`
  );
}

function evidenceList(stance: StanceOut, path: string, ctx: Context): string {
  if (stance.evidence.length === 0) return '<span class="muted">no evidence sentences</span>';
  const items = stance.evidence
    .map((e) => {
      const voice = e.voice === 'quoted' ? ` <span class="muted">quoted${e.speaker !== null ? `: ${esc(e.speaker)}` : ''}</span>` : '';
      const reasons = e.reasons.length > 0 ? `<div class="reasons">${e.reasons.map(esc).join('; ')}</div>` : '';
      return (
        `<li${locationData(path, e.start, e.end)}>${locationLink(ctx, path, e.start.line)} ` +
        `<span${scoreClass(e.contribution)}>${signed(e.contribution)}</span>${voice}<div class="sentence">${esc(e.text)}</div>${reasons}</li>`
      );
    })
    .join('');
  return `<details><summary>${plural(stance.evidence.length, 'sentence', 'sentences')}</summary><ol class="evidence">${items}</ol></details>`;
}

function stanceSection(c: Comparison, ctx: Context): string {
  const table = stanceTable(c);
  const body =
    table.length === 0
      ? '<p>No entity of the gazetteer is mentioned.</p>'
      : table
          .map(({ entity, rows }, i) => {
            const id = `entity-${i}`;
            const trs = rows
              .map(({ label, stance, document }) => {
                if (stance === null) return `<tr><th scope="row">${esc(label)}</th><td colspan="4" class="muted">not mentioned</td></tr>`;
                return (
                  `<tr><th scope="row">${esc(label)}</th>` +
                  `<td><span class="score">${stanceBar(stance.score, stance.confidence)}<span${scoreClass(stance.score)}>${signed(stance.score)}</span></span></td>` +
                  `<td class="num">${stance.confidence.toFixed(2)}</td><td class="num">${stance.mentions}</td><td>${evidenceList(stance, document.path, ctx)}</td></tr>`
                );
              })
              .join('');
            return (
              `<h3 id="${id}">${esc(entity)}</h3><div class="scroll"><table class="stance" aria-labelledby="${id}">` +
              `<colgroup><col class="outlet"><col class="bar"><col class="figure"><col class="figure"><col></colgroup>` +
              `<thead><tr><th scope="col">Outlet</th><th scope="col">Stance</th><th scope="col" class="num">Confidence</th><th scope="col" class="num">Mentions</th><th scope="col">Evidence</th></tr></thead>` +
              `<tbody>${trs}</tbody></table></div>`
            );
          })
          .join('');
  const scale =
    '<p class="note">Scores run from −1 (hostile) through 0 to +1 (sympathetic); a bar is fainter when the confidence is low. ' +
    'Open the evidence to see the sentences behind a score and why each counts.</p>';
  return `<section aria-labelledby="stance"><h2 id="stance">Stance toward each entity</h2>${table.length > 0 ? scale : ''}${body}</section>`;
}

function profileSection(c: Comparison, labels: readonly string[]): string {
  const maxLoaded = c.documents.reduce((m, d) => Math.max(m, d.loadedPer1000Words), 0);
  const rows = c.documents
    .map((d: ComparedDocument, i) => {
      const s = d.sourcing;
      const byKind = SOURCING_KINDS.filter((k) => k !== 'none' && s.byKind[k] > 0).map((k) => `${s.byKind[k]} ${k}`);
      return (
        `<tr><th scope="row">${esc(labels[i] as string)}</th>` +
        `<td><span class="score">${levelBar(d.loadedPer1000Words, maxLoaded)}${d.loadedPer1000Words.toFixed(1)}</span></td><td class="num">${d.loadedTerms}</td>` +
        `<td class="num">${s.claims}</td><td><span class="score">${levelBar(s.unsourcedShare, 1)}${percent(s.unsourcedShare)}</span></td>` +
        `<td>${byKind.length > 0 ? byKind.join(', ') : '<span class="muted">none</span>'}</td>` +
        `<td>${s.namedSources} named, ${s.anonymousSources} anonymous</td><td class="num">${s.quotedSentences}</td></tr>`
      );
    })
    .join('');
  return (
    `<section aria-labelledby="profile"><h2 id="profile">Loaded wording and sourcing</h2><div class="scroll"><table>` +
    `<caption>Claims are the author’s own declarative sentences; “attributed” counts them by the kind of source the text gives.</caption>` +
    `<thead><tr><th scope="col">Outlet</th><th scope="col">Loaded per 1,000 words</th><th scope="col" class="num">Loaded terms</th><th scope="col" class="num">Claims</th>` +
    `<th scope="col">Unsourced</th><th scope="col">Attributed</th><th scope="col">Sources</th><th scope="col" class="num">Quoted sentences</th></tr></thead>` +
    `<tbody>${rows}</tbody></table></div></section>`
  );
}

function namingSection(c: Comparison, labels: readonly string[]): string {
  if (c.namingChoices.length === 0) return `<section aria-labelledby="naming"><h2 id="naming">Naming choices that differ</h2><p>The documents name the entities alike.</p></section>`;
  const rows = c.namingChoices
    .map((choice) => {
      const cells = c.documents
        .map((d) => {
          const forms = Object.entries(choice.byDocument[d.path] ?? {}).sort((a, b) => b[1] - a[1]);
          return `<td>${forms.length === 0 ? '<span class="muted">—</span>' : forms.map(([form, n]) => `${esc(form)} <span class="muted">×${n}</span>`).join('<br>')}</td>`;
        })
        .join('');
      return `<tr><th scope="row">${esc(choice.entity)}</th><td>${choice.kind === 'alias' ? 'name' : 'label'}</td>${cells}</tr>`;
    })
    .join('');
  const heads = labels.map((l) => `<th scope="col">${esc(l)}</th>`).join('');
  return (
    `<section aria-labelledby="naming"><h2 id="naming">Naming choices that differ</h2><div class="scroll"><table>` +
    `<caption>How each document names an entity in its own words, and the label it attaches (“regime”, “government”), with counts.</caption>` +
    `<thead><tr><th scope="col">Entity</th><th scope="col">Form</th>${heads}</tr></thead><tbody>${rows}</tbody></table></div></section>`
  );
}

function termsSection(c: Comparison): string {
  const outlets = Object.entries(c.distinctiveTerms);
  const body =
    outlets.length === 0
      ? '<p>No term stands out for any outlet.</p>'
      : outlets
          .map(([outlet, terms]) => {
            const items =
              terms.length === 0
                ? '<p class="muted">No term stands out.</p>'
                : `<ul class="terms">${terms
                    .slice(0, TERMS_SHOWN)
                    .map((t) => `<li><strong>${esc(t.term)}</strong> <span class="muted">z ${t.z.toFixed(1)} · ${t.count} here, ${t.otherCount} elsewhere</span></li>`)
                    .join('')}</ul>`;
            return `<h3>${esc(outlet)}</h3>${items}`;
          })
          .join('');
  return `<section aria-labelledby="terms"><h2 id="terms">Distinctive vocabulary</h2>${body}</section>`;
}

function passageFigure(side: PassageRef, label: string, ctx: Context): string {
  return (
    `<figure class="passage"${locationData(side.path, side.start, side.end)}>` +
    `<figcaption><strong>${esc(label)}</strong> ${locationLink(ctx, side.path, side.start.line)}</figcaption>` +
    `<blockquote>${highlighted(side)}</blockquote></figure>`
  );
}

function sharedLine(al: Alignment): string {
  const { entities, numbers, quotes, words } = al.shared;
  const parts = [
    ...(entities.length > 0 ? [`names: ${entities.map(esc).join(', ')}`] : []),
    ...(numbers.length > 0 ? [`numbers: ${numbers.map(esc).join(', ')}`] : []),
    ...(quotes.length > 0 ? [plural(quotes.length, 'quotation', 'quotations')] : []),
    ...(words.length > 0 ? [`words: ${words.slice(0, SHARED_WORDS).map(esc).join(', ')}${words.length > SHARED_WORDS ? ', …' : ''}`] : []),
  ];
  return parts.length === 0 ? '' : `<p class="muted">Shared ${parts.join('; ')}</p>`;
}

function alignmentsSection(c: Comparison, labels: readonly string[], ctx: Context): string {
  const labelOf = new Map(c.documents.map((d, i) => [d.path, labels[i] as string]));
  const ranked = rankedAlignments(c);
  const legend =
    `<p class="legend">Marked: ${(['loaded', 'partisan', 'attribution'] as const).map((k) => `<mark class="hl-${k}">${MARK_KINDS[k]}</mark>`).join('')}</p>`;
  const body =
    ranked.length === 0
      ? '<p>No passages of different documents report the same fact closely enough to pair.</p>'
      : ranked
          .map(
            (al, i) =>
              `<article class="alignment"><h3>Pair ${i + 1} <span class="muted">similarity ${al.similarity.toFixed(2)}</span></h3>` +
              `<div class="pair">${passageFigure(al.a, labelOf.get(al.a.path) ?? al.a.outlet, ctx)}${passageFigure(al.b, labelOf.get(al.b.path) ?? al.b.outlet, ctx)}</div>${sharedLine(al)}</article>`,
          )
          .join('');
  return `<section aria-labelledby="alignments"><h2 id="alignments">Aligned passages</h2>${ranked.length > 0 ? legend : ''}${body}</section>`;
}

function howToReadSection(): string {
  const items = HOW_TO_READ.map(({ figure, meaning }) => `<dt>${esc(figure)}</dt><dd>${esc(meaning)}</dd>`).join('');
  return `<section aria-labelledby="how"><h2 id="how">How to read this</h2><dl class="how">${items}</dl></section>`;
}

/** Nonces are put in attributes and in the policy as they are: only base64 and URL-safe characters. */
const NONCE = /^[A-Za-z0-9+/=_-]+$/;

/** The whole HTML document. Throws if a webview render is asked for without a usable nonce. */
export function renderComparisonHtml(comparison: Comparison, options: CompareHtmlOptions): string {
  const webview = options.mode === 'webview';
  let csp = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'";
  let nonceAttr = '';
  if (webview) {
    const nonce = options.nonce;
    if (nonce === undefined || !NONCE.test(nonce)) throw new Error('renderComparisonHtml: webview mode needs a nonce of letters, digits, +, /, =, _ or -');
    const source = options.cspSource !== undefined && options.cspSource !== '' ? `${options.cspSource} ` : '';
    csp = `default-src 'none'; style-src ${source}'nonce-${nonce}'; script-src 'nonce-${nonce}'; base-uri 'none'; form-action 'none'`;
    nonceAttr = ` nonce="${nonce}"`;
  }
  const ctx: Context = { webview, links: webview ? {} : (options.links ?? {}), displayPaths: options.displayPaths ?? {} };
  const labels = documentLabels(comparison.documents);
  const title = options.title ?? `Slant: comparison of ${plural(comparison.documents.length, 'document', 'documents')}`;
  return (
    `<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">` +
    `<meta http-equiv="Content-Security-Policy" content="${esc(csp)}">` +
    `<meta name="viewport" content="width=device-width, initial-scale=1"><title>${esc(title)}</title>` +
    `<style${nonceAttr}>${STYLE}</style></head>` +
    `<body${webview ? ' class="webview"' : ''}><main><h1>${esc(title)}</h1>` +
    documentsSection(comparison, labels, ctx) +
    stanceSection(comparison, ctx) +
    profileSection(comparison, labels) +
    namingSection(comparison, labels) +
    termsSection(comparison) +
    alignmentsSection(comparison, labels, ctx) +
    howToReadSection() +
    `</main>${webview ? `<script${nonceAttr}>${SCRIPT}</script>` : ''}</body></html>\n`
  );
}
