/**
 * The language server's latency, measured over stdio against a server bundle (by default
 * `dist/server.cjs`; `SLANT_BENCH_SERVER` or `--server` may point at another build, to compare
 * before and after a change). Asserts nothing.
 *
 * - Typing: a generated 3,000- and 50,000-word article is opened and pulled once (cold), then 30
 *   characters are typed one at a time about 50 ms apart, pulling diagnostics after each: the
 *   time from the keystroke to the diagnostics (median, p95, max).
 * - Hovers during a long analysis: a small document is analysed (and summarised), then a long
 *   one is opened and pulled; until its diagnostics and summary arrive, the small document is
 *   hovered every 25 ms: how long each hover takes (a hover not answered within 15 s counts as
 *   15 s, and the wait ends).
 */
import { performance } from 'node:perf_hooks';
import { DidChangeTextDocumentNotification } from 'vscode-languageserver-protocol/node';
import { startStdioServer, type StdioServer } from './lsp-client.js';
import { median, percentile } from './metrics.js';
import { fmt, int, type Table } from './table.js';
import { hostilePattern } from '../../server/test/hostile-inputs.js';

// Sentences for a plausible article: some loaded wording, some quotations with speakers.
const SENTENCES = [
  'The regime announced new measures on Tuesday after a week of protests in the capital.',
  'Officials said the plan would cost about 40 million dollars over three years.',
  '“We will not back down,” said Interior Minister Clara Voss at a briefing.',
  'Critics slammed the decision as a massive overreach by the government.',
  'The opposition claimed that the vote had been rigged, without offering evidence.',
  'Residents described long queues at petrol stations and shuttered shops.',
  'According to the central bank, inflation reached 12 percent in March.',
  '“This is a disaster for ordinary families,” she said.',
  'Analysts warned that the crisis could deepen if talks collapse.',
  'The so-called reform package was passed by a narrow margin late at night.',
  'Police used tear gas to disperse a crowd of several hundred people.',
  'A spokesperson for the ministry did not respond to a request for comment.',
];

/** A generated Markdown article of about `words` words; every paragraph differs (its day number). */
export function benchArticle(words: number): string {
  const parts = ['---', 'outlet: The Daily Bench', 'title: A generated article', '---', '', '# A generated article', ''];
  let count = 0;
  for (let k = 0; count < words; k++) {
    const paragraph: string[] = [`On day ${k + 1} of the dispute, reporters counted ${(k * 37) % 1000} people outside.`];
    count += (paragraph[0] as string).split(/\s+/).length;
    const n = 3 + (k % 3);
    for (let i = 0; i < n; i++) {
      const s = SENTENCES[(k * 7 + i * 5) % SENTENCES.length] as string;
      paragraph.push(s);
      count += s.split(/\s+/).length;
    }
    parts.push(paragraph.join(' '), '');
  }
  return parts.join('\n');
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export interface TypingResult {
  words: number;
  kib: number;
  diagnostics: number;
  coldMs: number;
  medianMs: number;
  p95Ms: number;
  maxMs: number;
  keys: number;
}

/** Keystroke → diagnostics on a generated article of `words` words. */
export async function typingLatency(serverPath: string, words: number, keys = 30, interval = 50): Promise<TypingResult> {
  const server = await startStdioServer(serverPath);
  try {
    let text = benchArticle(words);
    const uri = `untitled:bench-${words}.md`;
    await server.open(uri, text);
    const t0 = performance.now();
    await server.pull(uri);
    const coldMs = performance.now() - t0;
    // Type in the middle of the document, at the end of a paragraph.
    const at = text.indexOf('\n\n', Math.floor(text.length / 2));
    const before = text.slice(0, at);
    const line = before.split('\n').length - 1;
    let character = at - (before.lastIndexOf('\n') + 1);
    const typed = ' And more words typed here';
    const latencies: number[] = [];
    let version = 1;
    for (let i = 0; i < keys; i++) {
      const c = typed[i % typed.length] as string;
      const start = performance.now();
      version++;
      await server.connection.sendNotification(DidChangeTextDocumentNotification.type, {
        textDocument: { uri, version },
        contentChanges: [{ range: { start: { line, character }, end: { line, character } }, text: c }],
      });
      text = text.slice(0, at + i) + c + text.slice(at + i);
      character++;
      await server.pull(uri);
      const ms = performance.now() - start;
      latencies.push(ms);
      if (ms < interval) await sleep(interval - ms);
    }
    const last = await server.pull(uri);
    return {
      words: text.split(/\s+/).filter(Boolean).length,
      kib: text.length / 1024,
      diagnostics: last.length,
      coldMs,
      medianMs: median(latencies),
      p95Ms: percentile(latencies, 95),
      maxMs: Math.max(...latencies),
      keys,
    };
  } finally {
    await server.stop();
  }
}

export interface HoverResult {
  name: string;
  kib: number;
  hovers: number;
  medianMs: number;
  maxMs: number;
  /** Milliseconds from the pull of the long document to its diagnostics (null: none within the wait). */
  diagnosticsMs: number | null;
  /** The long document's first diagnostic when it is a notice (a budget or a time-out). */
  notice: string | null;
}

/** Hovers on a small document while a long one (`text`) is analysed, with `settings`. */
export async function hoversDuringAnalysis(serverPath: string, name: string, text: string, languageId: string, settings: Record<string, unknown>): Promise<HoverResult> {
  const WAIT = 15_000;
  const server: StdioServer = await startStdioServer(serverPath, { analyse: 'all', ...settings });
  try {
    const small = 'untitled:small.md';
    const smallText = 'Officials of the regime met on Monday, the council said.\n';
    await server.open(small, smallText);
    await server.pull(small);
    for (let waited = 0; !server.summarised.includes(small) && waited < WAIT; waited += 20) await sleep(20);
    const uri = `untitled:long.${languageId === 'markdown' ? 'md' : 'txt'}`;
    await server.open(uri, text, languageId);
    const t0 = performance.now();
    let diagnosticsMs: number | null = null;
    let notice: string | null = null;
    void server.pull(uri).then(
      (d) => {
        diagnosticsMs = performance.now() - t0;
        const first = d[0];
        if (first?.code === 'notice') notice = typeof first.message === 'string' ? first.message : first.message.value;
      },
      () => undefined,
    );
    const latencies: number[] = [];
    const character = smallText.indexOf('regime');
    // Until the long document's diagnostics and its summary (the whole-document analysis) are in.
    while (performance.now() - t0 < 30_000 && (diagnosticsMs === null || !server.summarised.includes(uri))) {
      if (diagnosticsMs !== null && performance.now() - t0 > diagnosticsMs + 3000) break;
      const h0 = performance.now();
      const answered = await Promise.race([server.hover(small, 0, character).then(() => true), sleep(WAIT).then(() => false)]);
      latencies.push(performance.now() - h0);
      if (!answered) break;
      await sleep(25);
    }
    return { name, kib: text.length / 1024, hovers: latencies.length, medianMs: median(latencies), maxMs: Math.max(...latencies), diagnosticsMs, notice };
  } finally {
    await server.stop();
  }
}

export interface LspBenchResults {
  server: string;
  typing: TypingResult[];
  hovers: HoverResult[];
}

/** The tables of the language-server section. */
export function lspTables(r: LspBenchResults): Table[] {
  return [
    {
      title: `Language server: keystroke → diagnostics (${r.server})`,
      columns: [{ header: 'words' }, { header: 'KiB' }, { header: 'diagnostics' }, { header: 'cold ms' }, { header: 'median ms' }, { header: 'p95 ms' }, { header: 'max ms' }, { header: 'keystrokes' }],
      rows: r.typing.map((t) => [int(t.words), fmt(t.kib, 0), int(t.diagnostics), fmt(t.coldMs, 0), fmt(t.medianMs, 1), fmt(t.p95Ms, 1), fmt(t.maxMs, 1), String(t.keys)]),
    },
    {
      title: 'Language server: hovers on a small document while a long one is analysed',
      columns: [{ header: 'long document', align: 'left' }, { header: 'KiB' }, { header: 'hovers' }, { header: 'median ms' }, { header: 'max ms' }, { header: 'diagnostics after ms' }, { header: 'notice', align: 'left' }],
      rows: r.hovers.map((h) => [h.name, fmt(h.kib, 0), String(h.hovers), fmt(h.medianMs, 1), fmt(h.maxMs, 0), h.diagnosticsMs === null ? 'none within the wait' : fmt(h.diagnosticsMs, 0), (h.notice ?? '-').slice(0, 60)]),
    },
  ];
}

/**
 * The whole section: typing on 3,000 and 50,000 words; hovers while a ~900 KB article is
 * analysed (default budget; its whole-document analysis included) and while a hostile 400 KB text is (a line shape that was catastrophically
 * slow, with a 2 s budget).
 */
export async function lspBench(serverPath: string, options: { keys?: number; interval?: number; log?: (m: string) => void } = {}): Promise<LspBenchResults> {
  const log = options.log ?? (() => undefined);
  const typing: TypingResult[] = [];
  for (const words of [3_000, 50_000]) {
    log(`  typing, ${words} words…`);
    typing.push(await typingLatency(serverPath, words, options.keys, options.interval));
  }
  log('  hovers during a long analysis…');
  const hovers = [
    // Under the 1,000,000 characters of the whole-document analysis, so that runs too.
    await hoversDuringAnalysis(serverPath, '~900 KB article (Markdown)', benchArticle(150_000), 'markdown', {}),
    await hoversDuringAnalysis(serverPath, `hostile: said-long-word-slash, budget 2 s`, hostilePattern('said-long-word-slash').make(400 * 1024), 'plaintext', { timeBudgetMs: 2000 }),
  ];
  return { server: serverPath, typing, hovers };
}
